import TextSuggestions
/// Loads `people.csv` and `partners.csv` into a ``Roster`` (SPEC 2.3, 2.4).
///
///     id,name,role,quota,territory
///     ann,Ann,direct_rep,500000,WEST      → Person ann, role direct_rep, quota 500000.00 USD, WEST
public enum RosterLoader {
    static let peopleColumns = ["id", "name", "role", "quota", "territory"]
    static let partnerColumns = ["id", "name", "level", "manager"]

    /// Reads both files; `partnersBytes` is nil when partners.csv does not exist.
    public static func load(
        peopleFile: String, peopleBytes: [UInt8],
        partnersFile: String, partnersBytes: [UInt8]?,
        plan: Plan
    ) -> (Roster, DiagnosticList) {
        var diagnostics = DiagnosticList()
        let (people, rejectedPeople, peopleDiagnostics) = loadPeople(file: peopleFile, bytes: peopleBytes, plan: plan)
        diagnostics.append(contentsOf: peopleDiagnostics)
        var personIndex: [String: Int32] = [:]
        for (i, p) in people.enumerated() { personIndex[p.id.rawValue] = Int32(i) }
        var partners: [Partner] = []
        if let partnersBytes {
            let (loaded, partnerDiagnostics) = loadPartners(file: partnersFile, bytes: partnersBytes, plan: plan, personIndex: personIndex, rejectedPeople: rejectedPeople)
            partners = loaded
            diagnostics.append(contentsOf: partnerDiagnostics)
        }
        var roster = Roster(peopleFile: peopleFile, partnersFile: partnersBytes == nil ? nil : partnersFile,
                            people: people, partners: partners)
        roster.rejectedPersonIDs = rejectedPeople
        for w in IdentifierRules.lookalikeWarnings(people.map { ($0.id.rawValue, $0.sourceLine) }, file: peopleFile, what: "person id")
            + IdentifierRules.lookalikeWarnings(partners.map { ($0.id.rawValue, $0.sourceLine) }, file: partnersFile, what: "partner id") {
            diagnostics.append(w)
        }
        return (roster, diagnostics)
    }

    static func loadPeople(file: String, bytes: [UInt8], plan: Plan) -> ([Person], Set<String>, DiagnosticList) {
        var rejected: Set<String> = []
        var table = CSVTable(file: file, bytes: bytes, known: peopleColumns, required: ["id", "role"])
        var people: [Person] = []
        var seen: [String: Int] = [:]
        var territoryOwner: [String: (id: String, line: Int)] = [:]
        let roleNames = plan.roles.map(\.name)
        table.forEachRow { row in
            let text = row.requiredText("id", what: "a person id")
            let id = text.flatMap { row.identifier("id", $0, what: "person id") }
            if let text, id == nil { rejected.insert(String(String.UnicodeScalarView(text.unicodeScalars.filter { !VisibleText.isInvisible($0) && $0 != "\u{A0}" }))) }
            if let id, let first = seen[id] {
                row.error("id", "duplicate person id \(quoted(id)): already defined on line \(first)")
            }
            var roleIndex: Int? = nil
            if let role = row.requiredText("role", what: "a role defined in the plan (\(roleNames.joined(separator: ", ")))") {
                roleIndex = plan.roleIndex(named: role)
                if roleIndex == nil {
                    let near = roleNames.first { editDistance($0, role) <= 2 }
                    row.error("role", "expected a role defined in the plan (\(roleNames.joined(separator: ", "))), found \(quoted(role))",
                              hint: near.map { "did you mean '\($0)'?" })
                }
            }
            var quota: Money? = nil
            if !row.text("quota").isEmpty {
                if let q = row.decimal("quota", what: "an annual quota in \(plan.currency.code) (a plain number like 500000)", maxFractionDigits: 6, allowNegative: false) {
                    if q >= LedgerLoader.maxAmount {
                        row.error("quota", "\(quoted(row.text("quota"))) is too large: amounts must be below 10000000000000 (10^13)")
                    } else {
                        quota = Money(q, plan.currency)
                    }
                }
            }
            if let roleIndex, plan.roles[roleIndex].rates != nil {
                if row.text("quota").isEmpty {
                    row.error("quota", "role '\(plan.roles[roleIndex].name)' is paid on attainment tiers, so its people need an annual quota > 0; found an empty value")
                } else if let q = quota, !(q.amount.signum > 0) {
                    row.error("quota", "expected an annual quota > 0 for role '\(plan.roles[roleIndex].name)', found \(quoted(row.text("quota")))")
                }
            }
            let territory = row.identifier("territory", row.text("territory"), what: "territory") ?? ""
            if let roleIndex, !territory.isEmpty {
                let key = "\(roleIndex)\u{0}\(territory)"
                if let owner = territoryOwner[key] {
                    row.error("territory", "territory \(quoted(territory)) already has an owner in role '\(plan.roles[roleIndex].name)': \(owner.id) on line \(owner.line); a territory has at most one owner per role")
                } else if let id {
                    territoryOwner[key] = (id, row.line)
                }
            }
            // Rows with other errors are kept (the run fails anyway) so deals.csv is not
            // flooded with "no such person" errors that are only echoes of this one.
            if let id, seen[id] == nil, roleIndex == nil { rejected.insert(id) }
            if let id, seen[id] == nil, let roleIndex {
                seen[id] = row.line
                people.append(Person(id: PersonID(id), name: row.text("name"), role: roleIndex, quota: quota,
                                     territory: territory, sourceLine: row.line))
            }
        }
        return (people, rejected, table.diagnostics)
    }

    static func loadPartners(file: String, bytes: [UInt8], plan: Plan, personIndex: [String: Int32], rejectedPeople: Set<String> = []) -> ([Partner], DiagnosticList) {
        var table = CSVTable(file: file, bytes: bytes, known: partnerColumns, required: ["id"])
        var partners: [Partner] = []
        var seen: [String: Int] = [:]
        let levelNames = plan.partnerProgram.levels.map(\.name)
        table.forEachRow { row in
            let id = row.requiredText("id", what: "a partner id").flatMap { row.identifier("id", $0, what: "partner id") }
            if let id, let first = seen[id] {
                row.error("id", "duplicate partner id \(quoted(id)): already defined on line \(first)")
            }
            var level: Int? = nil
            let levelText = row.text("level")
            if !levelText.isEmpty {
                level = plan.partnerProgram.levelIndex(named: levelText)
                if level == nil {
                    row.error("level", "expected empty (level by trailing volume) or a level of the plan (\(levelNames.joined(separator: ", "))), found \(quoted(levelText))")
                }
            }
            var manager: Int32? = nil
            let managerText = row.text("manager")
            if !managerText.isEmpty {
                manager = personIndex[managerText]
                if manager == nil {
                    row.error("manager", rejectedPeople.contains(managerText)
                        ? "person \(quoted(managerText)) is in people.csv, but that row is invalid (see its error)"
                        : "expected a person id from people.csv, found \(quoted(managerText)): no such person")
                }
            }
            if let id, seen[id] == nil {
                seen[id] = row.line
                partners.append(Partner(id: PartnerID(id), name: row.text("name"), fixedLevel: level,
                                        manager: manager, sourceLine: row.line))
            }
        }
        return (partners, table.diagnostics)
    }
}
