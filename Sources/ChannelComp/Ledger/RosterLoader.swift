import TextSuggestions
/// Loads `people.csv` and `partners.csv` into a ``Roster`` (SPEC 2.3, 2.4, 8.1, 8.3).
///
///     id,name,role,quota,territory
///     ann,Ann,direct_rep,500000,WEST      → Person ann, role direct_rep, quota 500000.00 USD, WEST
///
/// With the optional `effective_from` / `effective_to` columns one id may have several rows
/// whose ranges do not overlap; they become the id's ``RosterTimeline``:
///
///     id,name,role,quota,territory,effective_from,effective_to
///     ann,Ann,direct_rep,1000000,WEST,,2027-06-30
///     ann,Ann,direct_rep,1200000,EAST,2027-07-01,    → ann: WEST until June, EAST from July
public enum RosterLoader {
    static let peopleColumns = ["id", "name", "role", "quota", "territory", "manager", "effective_from", "effective_to"]
    static let partnerColumns = ["id", "name", "level", "manager", "effective_from", "effective_to"]

    /// Reads both files; `partnersBytes` is nil when partners.csv does not exist.
    public static func load(
        peopleFile: String, peopleBytes: [UInt8],
        partnersFile: String, partnersBytes: [UInt8]?,
        plan: Plan
    ) -> (Roster, DiagnosticList) {
        var diagnostics = DiagnosticList()
        let (people, rejectedPeople, peopleDiagnostics) = loadPeople(file: peopleFile, bytes: peopleBytes, plan: plan)
        diagnostics.append(contentsOf: peopleDiagnostics)
        var personIndex: [String: PersonIndex] = [:]
        for (i, p) in people.enumerated() { personIndex[p.id.rawValue] = PersonIndex(i) }
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
        let dated = table.columns["effective_from"] != nil || table.columns["effective_to"] != nil
        var ids = RosterIDs<PendingPerson>()
        var territories = TerritoryTenures()
        var managerRefs: [ManagerReference] = []
        let roleNames = plan.roles.map(\.name)
        table.forEachRow { row in
            let text = row.requiredText("id", what: "a person id")
            let id = text.flatMap { row.identifier("id", $0, what: "person id") }
            if let text, id == nil { rejected.insert(String(String.UnicodeScalarView(text.unicodeScalars.filter { !VisibleText.isInvisible($0) && $0 != "\u{A0}" }))) }
            let range = effectiveRange(&row)
            let overlapping = id.flatMap { ids.overlapping(id: $0, range: range) }
            if let id, let (other, otherLine) = overlapping {
                reportOverlap(&row, what: "person", id: id, dated: dated, range: range, other: other, otherLine: otherLine)
            }
            var roleIndex: Int? = nil
            if let role = row.requiredText("role", what: "a role defined in the plan (\(roleNames.joined(separator: ", ")))") {
                roleIndex = plan.roleIndex(named: role)
                if roleIndex == nil {
                    let near = roleNames.first { editDistance($0, role) <= 2 }
                    row.error("role", "expected a role defined in the plan (\(roleNames.joined(separator: ", "))), found \(quoted(role))",
                              hint: near.map { "did you mean '\($0)'?" })
                } else if let id, let first = ids.entries[id], let firstRole = first.value.role, firstRole != roleIndex {
                    row.error("role", "person \(quoted(id)) has role '\(role)' here but '\(plan.roles[firstRole].name)' on line \(first.line): a person keeps one role on all rows",
                              hint: "a new role is a new person id")
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
            if let roleIndex, !territory.isEmpty, let range {
                if let owner = territories.owner(role: roleIndex, territory: territory, overlapping: range, except: id) {
                    if owner.range.isAlways && range.isAlways {
                        row.error("territory", "territory \(quoted(territory)) already has an owner in role '\(plan.roles[roleIndex].name)': \(owner.id) on line \(owner.line); a territory has at most one owner per role")
                    } else {
                        let shared = owner.range.intersection(range) ?? range
                        row.error("territory", "territory \(quoted(territory)) already has an owner in role '\(plan.roles[roleIndex].name)' on \(shared): \(owner.id) on line \(owner.line) (\(owner.range)); a territory has at most one owner per role on any day",
                                  hint: "end one owner's row before the other's starts")
                    }
                } else if let id {
                    territories.add(role: roleIndex, territory: territory, id: id, range: range, line: row.line)
                }
            }
            // Rows with other errors are kept (the run fails anyway) so deals.csv is not
            // flooded with "no such person" errors that are only echoes of this one.
            if let id, ids.entries[id] == nil, roleIndex == nil || range == nil { rejected.insert(id) }
            guard let id, let range, overlapping == nil, let roleIndex else { return }
            let managerText = row.text("manager")
            let personRow = PersonRow(range: range, name: row.text("name"), quota: quota, territory: territory,
                                      manager: nil, sourceLine: row.line)
            let (person, rowIndex) = ids.add(id: id, range: range, line: row.line, row: personRow,
                                             make: { PendingPerson(role: roleIndex, rows: []) }, append: { $0.rows.append($1); return $0.rows.count - 1 })
            if !managerText.isEmpty {
                managerRefs.append(ManagerReference(person: PersonIndex(rawValue: person), row: rowIndex, text: managerText, source: SourcePoint(row, "manager")))
            }
        }
        var diagnostics = table.diagnostics
        // Managers may be named before their own rows: resolved once every id is known.
        var personIndex: [String: PersonIndex] = [:]
        for (i, id) in ids.order.enumerated() { personIndex[id] = PersonIndex(i) }
        var pending = ids.order.map { ids.entries[$0]! }
        for ref in managerRefs {
            if let m = personIndex[ref.text] {
                pending[ref.person.offset].value.rows[ref.row].manager = m
            } else {
                diagnostics.append(ref.source.diagnostic(file: file, rejected.contains(ref.text)
                    ? "person \(quoted(ref.text)) is in people.csv, but that row is invalid (see its error)"
                    : "expected a person id from people.csv, found \(quoted(ref.text)): no such person"))
            }
        }
        let people = zip(ids.order, pending).map { id, entry in
            Person(id: PersonID(id), role: entry.value.role!, rows: entry.value.rows, sourceLine: entry.line)
        }
        for loop in ManagerLoop.find(in: people) {
            let first = people[loop.cycle[0]]
            let row = first.timeline.rows.first { $0.range.contains(packed: loop.day) } ?? first.timeline.latest
            let names = (loop.cycle + [loop.cycle[0]]).map { people[$0].id.rawValue }.joined(separator: " → ")
            let lines = loop.cycle.compactMap { p in people[p].timeline.row(onPacked: loop.day)?.sourceLine }.map(String.init).joined(separator: ", ")
            let when = loop.startsAt.map { "on \($0) (the first day it occurs)" } ?? "on the first days of the roster (rows without effective_from)"
            let source = managerRefs.first { $0.person == loop.cycle[0] && $0.source.line == row.sourceLine }?.source
            let message = "manager loop \(when): \(names) (line\(loop.cycle.count == 1 ? "" : "s") \(lines)); the chain above a person must end"
            let hint = "clear one of these managers, or end one of the rows before the loop's first day"
            diagnostics.append(source?.diagnostic(file: file, message, hint: hint)
                ?? Diagnostic(file: file, line: row.sourceLine, field: "column 'manager'", message: message, hint: hint))
        }
        return (people, rejected, diagnostics)
    }

    static func loadPartners(file: String, bytes: [UInt8], plan: Plan, personIndex: [String: PersonIndex], rejectedPeople: Set<String> = []) -> ([Partner], DiagnosticList) {
        var table = CSVTable(file: file, bytes: bytes, known: partnerColumns, required: ["id"])
        let dated = table.columns["effective_from"] != nil || table.columns["effective_to"] != nil
        var ids = RosterIDs<[PartnerRow]>()
        let levelNames = plan.partnerProgram.levels.map(\.name)
        table.forEachRow { row in
            let id = row.requiredText("id", what: "a partner id").flatMap { row.identifier("id", $0, what: "partner id") }
            let range = effectiveRange(&row)
            let overlapping = id.flatMap { ids.overlapping(id: $0, range: range) }
            if let id, let (other, otherLine) = overlapping {
                reportOverlap(&row, what: "partner", id: id, dated: dated, range: range, other: other, otherLine: otherLine)
            }
            var level: Int? = nil
            let levelText = row.text("level")
            if !levelText.isEmpty {
                level = plan.partnerProgram.levelIndex(named: levelText)
                if level == nil {
                    row.error("level", "expected empty (level by trailing volume) or a level of the plan (\(levelNames.joined(separator: ", "))), found \(quoted(levelText))")
                }
            }
            var manager: PersonIndex? = nil
            let managerText = row.text("manager")
            if !managerText.isEmpty {
                manager = personIndex[managerText]
                if manager == nil {
                    row.error("manager", rejectedPeople.contains(managerText)
                        ? "person \(quoted(managerText)) is in people.csv, but that row is invalid (see its error)"
                        : "expected a person id from people.csv, found \(quoted(managerText)): no such person")
                }
            }
            guard let id, let range, overlapping == nil else { return }
            _ = ids.add(id: id, range: range, line: row.line,
                        row: PartnerRow(range: range, name: row.text("name"), fixedLevel: level, manager: manager, sourceLine: row.line),
                        make: { [] }, append: { $0.append($1); return $0.count - 1 })
        }
        let partners = ids.order.map { id in
            let entry = ids.entries[id]!
            return Partner(id: PartnerID(id), rows: entry.value, sourceLine: entry.line)
        }
        return (partners, table.diagnostics)
    }

    /// `effective_from` / `effective_to` of a row: empty = unbounded; nil (with an error)
    /// when a date is malformed or from is after to.
    static func effectiveRange(_ row: inout CSVRow) -> EffectiveRange? {
        func date(_ column: Column) -> CivilDate?? {
            guard !row.isEmpty(column) else { return .some(nil) }
            if let d = CivilDate(parsing: row.text(column)) { return .some(d) }
            row.error(column, "expected a date YYYY-MM-DD (or empty: no \(column.name == "effective_from" ? "start" : "end")), found \(quoted(row.text(column)))")
            return nil
        }
        guard let from = date("effective_from"), let to = date("effective_to") else { return nil }
        guard let range = EffectiveRange(from: from, to: to) else {
            row.error("effective_to", "effective_to \(to!) is before effective_from \(from!): a row is in effect from its effective_from through its effective_to, both inclusive")
            return nil
        }
        return range
    }

    static func reportOverlap(_ row: inout CSVRow, what: String, id: String, dated: Bool, range: EffectiveRange?, other: EffectiveRange, otherLine: Int) {
        guard dated, let range else {
            row.error("id", "duplicate \(what) id \(quoted(id)): already defined on line \(otherLine)")
            return
        }
        let shared = other.intersection(range) ?? range
        row.error(range.from == nil ? "id" : "effective_from",
                  "\(what) \(quoted(id)) has rows on line \(otherLine) (\(other)) and here (\(range)) that overlap on \(shared): the rows of one id must not overlap",
                  hint: "end the earlier row (effective_to) before the later one starts (effective_from)")
    }

    /// A person's rows while people.csv is read.
    struct PendingPerson {
        var role: Int?
        var rows: [PersonRow]
    }

    /// A `manager` named on a people.csv row, resolved once every id is known.
    struct ManagerReference {
        var person: PersonIndex
        var row: Int
        var text: String
        var source: SourcePoint
    }
}

/// The ids of a roster file in order of first appearance, each with its rows' ranges (for the
/// overlap check) and the value built from its rows.
struct RosterIDs<Value> {
    struct Entry {
        var line: Int
        var position: Int32
        var ranges: DisjointRanges<Int>
        var value: Value
    }
    var entries: [String: Entry] = [:]
    var order: [String] = []

    /// The id's earlier row whose range overlaps `range`, if any (nil range: the row has no
    /// usable dates and is compared as if unbounded).
    func overlapping(id: String, range: EffectiveRange?) -> (EffectiveRange, Int)? {
        guard let entry = entries[id] else { return nil }
        let r = range ?? .always
        return entry.ranges.overlapping(r).first.map { ($0.range, $0.value) }
    }

    /// Adds a row; returns the id's position and the row's index in its value.
    mutating func add<Row>(id: String, range: EffectiveRange, line: Int, row: Row,
                           make: () -> Value, append: (inout Value, Row) -> Int) -> (Int32, Int) {
        if entries[id] == nil {
            entries[id] = Entry(line: line, position: Int32(order.count), ranges: DisjointRanges(), value: make())
            order.append(id)
        }
        entries[id]!.ranges.insert(range, line)
        let index = append(&entries[id]!.value, row)
        return (entries[id]!.position, index)
    }
}
