import Foundation
import Testing
import _TestSupport
@testable import ChannelComp

/// Guards the loader's fast path: `LedgerLoader.load(…, fastPath: true)`, where plain booking
/// rows are parsed by `FastBookingParser` straight into compact records, must give exactly the
/// ledger and the messages of `fastPath: false`, where every row goes through the full
/// validating path — for valid and invalid input alike.
///
/// Example: `D1,2027-01-10,A1,WEST,WIDGET,10,1000,USD,direct,,,,ann,` loads both ways as one
/// booking of quantity 10 (significand 10, scale 0) × list 1000 for ann and no message; the same
/// row with currency `usd` loads both ways as no booking and the same located currency error.
///
/// Compared: every booking field by field (texts byte for byte, so that `é` and `e` + U+0301
/// differ; decimals with their scale, so that `10` and `10.0` differ), every cancellation,
/// `rowsRead`, and every diagnostic rendered. Inputs: every data folder under `Fixtures/`, and a
/// few thousand seeded mutations of `Fixtures/sample/deals.csv`.
@Suite("Ledger loader: fast path = full path")
struct LedgerLoaderFastPathTests {
    // MARK: Fixtures

    /// Every folder under Fixtures/ with a deals.csv and a people.csv, under each plan the case
    /// uses (its own plan*.json, the plans its `cmd` files name for it, else
    /// Plans/channel-neutral.json) and also under every Plans/*.json; the hostile cases whose
    /// `setup` generates a 1 MB deals.csv are compared generated too.
    @Test("every fixture folder loads the same both ways")
    func fixtures() throws {
        let folders = LoaderPathDiff.fixtureFolders()
        let commands = LoaderPathDiff.fixtureCommands()
        let repositoryPlans = LoaderPathDiff.repositoryPlans()
        #expect(repositoryPlans.count >= 2, "Plans/*.json: \(repositoryPlans)")
        // The walk must find the suites (about 135 folders today), not a handful.
        #expect(folders.count >= 50, "found only \(folders.count) fixture folders")
        #expect(folders.contains("Fixtures/sample") && folders.contains("Fixtures/spec-example") && folders.contains("Fixtures/realistic-shape"), "\(folders)")

        var comparisons = 0
        var foldersCompared = 0
        var foldersUnderCasePlan = 0
        var casePlansNotLoading: [String] = []
        var loadsWithBookings = 0
        var generatedCompared = 0
        for folder in folders {
            guard let deals = LoaderPathDiff.bytes(folder + "/deals.csv"),
                  let people = LoaderPathDiff.bytes(folder + "/people.csv") else {
                Issue.record("\(folder): deals.csv or people.csv cannot be read")
                continue
            }
            let partners = LoaderPathDiff.bytes(folder + "/partners.csv")
            let casePlans = LoaderPathDiff.casePlans(folder: folder, commands: commands)
            var comparedHere = false
            var casePlanLoaded = false
            for planFile in LoaderPathDiff.unique(casePlans + repositoryPlans) {
                guard let plan = LoaderPathDiff.plan(planFile) else {
                    if casePlans.contains(planFile) { casePlansNotLoading.append("\(folder) (\(planFile))") }
                    continue
                }
                if casePlans.contains(planFile) { casePlanLoaded = true }
                let (roster, _) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: people,
                                                    partnersFile: "partners.csv", partnersBytes: partners, plan: plan)
                var inputs: [(String, [UInt8])] = [("deals.csv", deals)]
                // Generated inputs are big: only under the case's own plan.
                if planFile == casePlans.first, let generated = LoaderPathDiff.generatedDeals(folder: folder, deals: deals) {
                    inputs.append(("generated deals.csv", generated))
                    generatedCompared += 1
                }
                for (name, input) in inputs {
                    let (fast, full) = LoaderPathDiff.loadBoth(input, plan: plan, roster: roster)
                    if let difference = LoaderPathDiff.firstDifference(fast: fast, full: full) {
                        Issue.record("\(folder)/\(name) under \(planFile): \(difference)")
                    }
                    if !full.ledger.bookings.isEmpty { loadsWithBookings += 1 }
                    comparisons += 1
                }
                comparedHere = true
            }
            if comparedHere { foldersCompared += 1 }
            if casePlanLoaded { foldersUnderCasePlan += 1 }
        }
        // Every folder is compared at least under the repository plans; most under their own plan
        // (the plan-* error and hostile cases have a plan that must not load: about 30 today).
        #expect(foldersCompared == folders.count)
        #expect(foldersUnderCasePlan * 3 >= folders.count * 2,
                "only \(foldersUnderCasePlan) of \(folders.count) folders compared under their own plan; not loading: \(casePlansNotLoading)")
        #expect(comparisons >= folders.count * 2)
        // The comparison is not vacuous: most loads have bookings (the sample alone has 148).
        #expect(loadsWithBookings * 2 >= comparisons, "\(loadsWithBookings) of \(comparisons) loads had bookings")
        #expect(generatedCompared >= 3, "the 1 MB hostile deals cases were not generated")
    }

    /// The fast parser itself takes every plain booking row of the sample (all 148; the 7
    /// cancellations are left to the full path). Without this, a fast path that declined
    /// everything would pass the comparisons above trivially. (It calls the parser the way the
    /// loader does, but only counts what it accepts.)
    /// Every valid booking row takes the fast path, whatever its layout: the sample, and the
    /// realistic export layout (columns in another order, BOM, CRLF, quoted and padded fields,
    /// `01` lines, doubled quotes in a free-text column); only cancellations are declined.
    @Test("the fast parser accepts every booking row", arguments: [
        ("Fixtures/sample", "Plans/channel-neutral.json", 148, 7),
        ("Fixtures/realistic-shape", "Fixtures/realistic-shape/plan.json", 1940, 60),
    ])
    func fastParserAcceptsEveryBooking(folder: String, planFile: String, bookings: Int, cancellations: Int) throws {
        guard let plan = LoaderPathDiff.plan(planFile),
              let deals = LoaderPathDiff.bytes(folder + "/deals.csv"),
              let people = LoaderPathDiff.bytes(folder + "/people.csv") else {
            Issue.record("cannot load \(folder)")
            return
        }
        let (roster, rosterDiagnostics) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: people, partnersFile: "partners.csv",
                                                            partnersBytes: LoaderPathDiff.bytes(folder + "/partners.csv"), plan: plan)
        #expect(!rosterDiagnostics.hasErrors)
        let (full, fullDiagnostics) = LedgerLoader.load(file: "deals.csv", bytes: deals, plan: plan, roster: roster, fastPath: false)
        #expect(!fullDiagnostics.hasErrors)
        #expect(full.bookings.count == bookings)
        #expect(full.cancellations.count == cancellations)

        var table = CSVTable(file: "deals.csv", bytes: deals, known: LedgerLoader.columns, required: ["deal_id", "date"])
        var parser = FastBookingParser(header: table.columns, plan: plan, roster: roster)
        var store = BookingStore()
        var accepted = 0, cancelling = 0, declined = 0
        table.forEachRow(fast: { record in
            let made: BookingRecord?? = record.withFields { f -> BookingRecord? in
                guard let (deal, line, booking) = parser.key(f), let dealID = store.deals.intern(deal) else { return nil }
                guard booking else {
                    if FastBookingParser.date(f[parser.date]) != nil { cancelling += 1 }
                    return nil
                }
                return parser.record(f, deal: dealID, line: line, sourceLine: record.line, store: &store)
            }
            if (made ?? nil) != nil { accepted += 1 } else { declined += 1 }
            return true
        }) { _ in }
        #expect(accepted == bookings, "\(folder): the fast parser accepted \(accepted) of \(bookings) booking rows")
        // Every cancellation row is kept by the fast path too (its key and date read there).
        #expect(cancelling == cancellations, "\(folder): the fast path read \(cancelling) of \(cancellations) cancellations")
        #expect(declined == cancellations)
    }

    // MARK: Mutations

    /// 3000 seeded mutations of the sample's deals.csv (a window of rows or the whole file, with
    /// one to four edits each: a field replaced by a tricky value or by the same column of
    /// another row, a row duplicated, two fields swapped, a row truncated, a cancellation of a
    /// booking added, a column dropped or moved, CRLF, a BOM, …) under three plans and three
    /// rosters; every one must load the same both ways.
    @Test("mutated sample ledgers load the same both ways", arguments: [UInt64(1), 2, 3])
    func mutations(seed: UInt64) throws {
        let mutator = try SampleMutator()
        let setups = try MutationSetup.all()
        var rng = DomainRNG(seed: seed)
        var valid = 0, invalid = 0, bookings = 0, cancellations = 0, failures = 0
        let cases = 1000
        for index in 0..<cases {
            let (text, edits) = mutator.make(&rng)
            let setup = rng.pick(setups)
            let (fast, full) = LoaderPathDiff.loadBoth(Array(text.utf8), plan: setup.plan, roster: setup.roster)
            if let difference = LoaderPathDiff.firstDifference(fast: fast, full: full) {
                failures += 1
                if failures <= 3 {
                    Issue.record("seed \(seed) case \(index) (\(setup.name); \(edits.joined(separator: "; "))): \(difference)\n--- deals.csv\n\(text)")
                }
            }
            if full.diagnostics.hasErrors { invalid += 1 } else { valid += 1 }
            bookings += full.ledger.bookings.count
            cancellations += full.ledger.cancellations.count
        }
        #expect(failures == 0, "\(failures) of \(cases) mutated ledgers differ")
        // Not vacuous: both valid and invalid ledgers, bookings and cancellations were compared.
        #expect(valid * 20 >= cases, "only \(valid) valid ledgers")
        #expect(invalid * 10 >= cases, "only \(invalid) invalid ledgers")
        #expect(bookings >= cases * 10, "\(bookings) bookings")
        #expect(cancellations >= cases / 10, "\(cancellations) cancellations")
    }

    /// The comparison itself notices each kind of difference (a comparison that cannot fail
    /// guards nothing): one field changed in a booking, a cancellation, rowsRead or a message.
    @Test("the comparison notices a changed field, cancellation, row count or message")
    func comparisonNoticesDifferences() throws {
        guard let plan = LoaderPathDiff.plan("Plans/channel-neutral.json"),
              let deals = LoaderPathDiff.bytes("Fixtures/sample/deals.csv"),
              let people = LoaderPathDiff.bytes("Fixtures/sample/people.csv") else {
            Issue.record("cannot load the sample")
            return
        }
        let (roster, _) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: people, partnersFile: "partners.csv",
                                            partnersBytes: LoaderPathDiff.bytes("Fixtures/sample/partners.csv"), plan: plan)
        let (ledger, diagnostics) = LedgerLoader.load(file: "deals.csv", bytes: deals, plan: plan, roster: roster)
        let same = (ledger: ledger, diagnostics: diagnostics)
        #expect(LoaderPathDiff.firstDifference(fast: same, full: same) == nil)

        // Booking fields: each edit of booking 0 (D2611-01: 171 GADGET × 349.99, partner
        // P-CEDAR, no reps) must be noticed, in the booking and in the whole ledger.
        let b = ledger.bookings[0]
        let edits: [(String, (inout Booking) -> Void)] = [
            ("deal", { $0.deal = DealID($0.deal.rawValue + "x") }),
            ("line", { $0.line += 1 }),
            ("date", { $0.date = CivilDate(year: 2030, month: 1, day: 1)! }),
            ("account NFC", { $0.account = "\u{E9}" }),
            ("territory", { $0.territory += " " }),
            ("product", { $0.product = "X" }),
            ("quantity scale only", { $0.quantity = (try? ExactDecimal(parsing: $0.quantity.description + ($0.quantity.description.contains(".") ? "0" : ".0"))) ?? .zero }),
            ("unit list price", { $0.unitListPrice = nil }),
            ("sale price", { $0.salePrice = .one }),
            ("purchase", { $0.purchase = $0.purchase == .upfront ? .subscription : .upfront }),
            ("channel", { $0.channel = $0.channel == .direct ? .partner : .direct }),
            ("partner", { $0.partner = PartnerIndex(($0.partner?.offset ?? -1) + 1) }),
            ("registration", { $0.registration = $0.registration == .none ? .approved : .none }),
            ("sourced by", { $0.sourcedBy = $0.sourcedBy == .company ? .partner : .company }),
            ("reps", { $0.reps.append(RepShare(person: 0, split: nil)) }),
            ("source line", { $0.sourceLine += 1 }),
        ]
        for (name, edit) in edits {
            var changed = b
            edit(&changed)
            #expect(LoaderPathDiff.bookingDifference(changed, b) != nil, "\(name)")
            var other = BookingStore()
            for i in ledger.bookings.indices { other.append(i == 0 ? changed : ledger.bookings[i]) }
            let otherLedger = Ledger(file: ledger.file, store: other, cancellations: ledger.cancellations, rowsRead: ledger.rowsRead)
            #expect(LoaderPathDiff.firstDifference(fast: (otherLedger, diagnostics), full: same) != nil, "\(name)")
        }
        // A rep's person, split, or split's scale alone; "é" precomposed vs decomposed (equal
        // Strings, different bytes).
        var x = b, y = b
        x.reps = [RepShare(person: 0, split: .hundred)]
        y.reps = [RepShare(person: 0, split: nil)]
        #expect(LoaderPathDiff.bookingDifference(x, y) != nil)
        y.reps = [RepShare(person: 0, split: try ExactDecimal(parsing: "100.0"))]
        #expect(LoaderPathDiff.bookingDifference(x, y) != nil)
        y.reps = [RepShare(person: 1, split: .hundred)]
        #expect(LoaderPathDiff.bookingDifference(x, y) != nil)
        y = x
        #expect(LoaderPathDiff.bookingDifference(x, y) == nil)
        x.account = "\u{E9}"
        y.account = "e\u{301}"
        #expect(x.account == y.account)
        #expect(LoaderPathDiff.bookingDifference(x, y) != nil)

        // Cancellations, rowsRead, one booking fewer.
        var cancellations = ledger.cancellations
        cancellations[0].sourceLine += 1
        #expect(LoaderPathDiff.firstDifference(fast: (Ledger(file: ledger.file, store: ledger.store, cancellations: cancellations, rowsRead: ledger.rowsRead), diagnostics), full: same) != nil)
        #expect(LoaderPathDiff.firstDifference(fast: (Ledger(file: ledger.file, store: ledger.store, cancellations: Array(ledger.cancellations.dropLast()), rowsRead: ledger.rowsRead), diagnostics), full: same) != nil)
        #expect(LoaderPathDiff.firstDifference(fast: (Ledger(file: ledger.file, store: ledger.store, cancellations: ledger.cancellations, rowsRead: ledger.rowsRead + 1), diagnostics), full: same) != nil)
        var fewer = BookingStore()
        for i in ledger.bookings.indices.dropLast() { fewer.append(ledger.bookings[i]) }
        #expect(LoaderPathDiff.firstDifference(fast: (Ledger(file: ledger.file, store: fewer, cancellations: ledger.cancellations, rowsRead: ledger.rowsRead), diagnostics), full: same) != nil)

        // Messages: one more, or one with another marker width.
        var more = diagnostics
        more.append(Diagnostic(file: "deals.csv", line: 2, message: "x"))
        #expect(LoaderPathDiff.firstDifference(fast: (ledger, more), full: same) != nil)
        var a = DiagnosticList(), c = DiagnosticList()
        a.append(Diagnostic(file: "deals.csv", line: 2, column: 1, message: "x", sourceText: "abc", markerWidth: 1))
        c.append(Diagnostic(file: "deals.csv", line: 2, column: 1, message: "x", sourceText: "abc", markerWidth: 2))
        #expect(LoaderPathDiff.firstDifference(fast: (ledger, a), full: (ledger, c)) != nil)
    }
}

// MARK: - Comparison

/// Loading both ways and the first difference between the two results.
enum LoaderPathDiff {
    typealias Loaded = (ledger: Ledger, diagnostics: DiagnosticList)

    static func loadBoth(_ bytes: [UInt8], plan: Plan, roster: Roster) -> (fast: Loaded, full: Loaded) {
        let fast = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster, fastPath: true)
        let full = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster, fastPath: false)
        return ((fast.0, fast.1), (full.0, full.1))
    }

    /// A decimal with its scale: `10` and `10.0` differ. (Through `description`, which keeps the
    /// scale: touching `Int128` fields here made debug builds crash on a misaligned load.)
    static func exact(_ d: ExactDecimal?) -> String { d?.description ?? "nil" }
    /// A text with every non-ASCII scalar escaped, so canonically equal texts still differ.
    static func text(_ s: String) -> String { "\"" + s.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\"" }
    static func sameBytes(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
    static func sameExact(_ a: ExactDecimal?, _ b: ExactDecimal?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.description == y.description
        default: return false
        }
    }

    /// Every field of a booking, exactly.
    static func describe(_ b: Booking) -> [(String, String)] {
        [("deal", text(b.deal.rawValue)), ("line", "\(b.line)"), ("date", "\(b.date)"), ("account", text(b.account)),
         ("territory", text(b.territory)), ("product", text(b.product)), ("quantity", exact(b.quantity)),
         ("unitListPrice", exact(b.unitListPrice)), ("salePrice", exact(b.salePrice)), ("purchase", b.purchase.rawValue),
         ("channel", b.channel.rawValue), ("partner", b.partner.map { "\($0)" } ?? "nil"),
         ("registration", b.registration.rawValue), ("sourcedBy", b.sourcedBy.rawValue),
         ("reps", b.reps.map { "\($0.person):\(exact($0.split))" }.joined(separator: ";")), ("sourceLine", "\(b.sourceLine)")]
    }

    /// nil when `a` and `b` are identical (texts byte for byte, decimals with their scale).
    static func bookingDifference(_ a: Booking, _ b: Booking) -> String? {
        let same = sameBytes(a.deal.rawValue, b.deal.rawValue) && a.line == b.line && a.date == b.date
            && sameBytes(a.account, b.account) && sameBytes(a.territory, b.territory) && sameBytes(a.product, b.product)
            && sameExact(a.quantity, b.quantity) && sameExact(a.unitListPrice, b.unitListPrice)
            && sameExact(a.salePrice, b.salePrice) && a.purchase == b.purchase && a.channel == b.channel
            && a.partner == b.partner && a.registration == b.registration && a.sourcedBy == b.sourcedBy
            && a.reps.count == b.reps.count
            && zip(a.reps, b.reps).allSatisfy { $0.person == $1.person && sameExact($0.split, $1.split) }
            && a.sourceLine == b.sourceLine
        if same { return nil }
        let x = describe(a), y = describe(b)
        let fields = zip(x, y).filter { $0.1 != $1.1 }.map { "\($0.0): \($0.1) ≠ \($1.1)" }
        return fields.isEmpty ? "differs" : fields.joined(separator: ", ")
    }

    /// nil when both loads are identical; else the first difference, fast path first.
    static func firstDifference(fast: Loaded, full: Loaded) -> String? {
        if fast.ledger.rowsRead != full.ledger.rowsRead {
            return "rowsRead: fast \(fast.ledger.rowsRead), full \(full.ledger.rowsRead)"
        }
        let a = fast.ledger.bookings, b = full.ledger.bookings
        if a.count != b.count {
            let x = Set(a.map(\.sourceLine)), y = Set(b.map(\.sourceLine))
            return "bookings: fast \(a.count), full \(b.count); only fast has lines \(x.subtracting(y).sorted()), only full has lines \(y.subtracting(x).sorted())"
        }
        for i in a.indices {
            if let d = bookingDifference(a[i], b[i]) { return "booking \(i) (line \(b[i].sourceLine)), fast ≠ full: \(d)" }
        }
        let c = fast.ledger.cancellations, d = full.ledger.cancellations
        for i in 0..<min(c.count, d.count) where c[i].booking != d[i].booking || c[i].date != d[i].date || c[i].sourceLine != d[i].sourceLine {
            return "cancellation \(i): fast (booking \(c[i].booking), \(c[i].date), line \(c[i].sourceLine)) ≠ full (booking \(d[i].booking), \(d[i].date), line \(d[i].sourceLine))"
        }
        if c.count != d.count { return "cancellations: fast \(c.count), full \(d.count)" }
        let e = fast.diagnostics.items, f = full.diagnostics.items
        for i in 0..<min(e.count, f.count) {
            let x = e[i].render(), y = f[i].render()
            if e[i] != f[i] || e[i].severity != f[i].severity || !sameBytes(x, y) {
                return "message \(i):\nfast: \(text(x))\nfull: \(text(y))"
            }
        }
        if e.count != f.count {
            let extra = (e.count > f.count ? e[f.count] : f[e.count]).render()
            return "messages: fast \(e.count), full \(f.count); first extra (\(e.count > f.count ? "fast" : "full")): \(extra)"
        }
        return nil
    }

    // MARK: Repository files

    static func url(_ relative: String) -> URL { Scenario.packageRoot.appendingPathComponent(relative) }

    static func bytes(_ relative: String) -> [UInt8]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url(relative).path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: url(relative).path) else { return nil }
        return [UInt8](data)
    }

    /// The plan in `relative`, or nil when it cannot be read or has errors.
    static func plan(_ relative: String) -> Plan? {
        guard let bytes = bytes(relative) else { return nil }
        let (plan, diagnostics) = PlanLoader.load(file: relative, bytes: bytes)
        guard let plan, !diagnostics.hasErrors else { return nil }
        return plan
    }

    static func repositoryPlans() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url("Plans").path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { "Plans/" + $0 }
    }

    /// `Fixtures/…` folders holding both deals.csv and people.csv, sorted.
    static func fixtureFolders() -> [String] {
        let root = url("Fixtures").path
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix("/deals.csv") }
            .map { "Fixtures/" + String($0.dropLast("/deals.csv".count)) }
            .filter { FileManager.default.fileExists(atPath: url($0 + "/people.csv").path) }
            .sorted()
    }

    /// Every `cmd` under Fixtures/: its folder and its words.
    static func fixtureCommands() -> [(folder: String, words: [String])] {
        let root = url("Fixtures").path
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0 == "cmd" || $0.hasSuffix("/cmd") }.sorted().compactMap { path in
            guard let b = bytes("Fixtures/" + path) else { return nil }
            let words = String(decoding: b, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            return ("Fixtures/" + String(path.dropLast("/cmd".count)), words)
        }
    }

    /// The plans a case uses: its own plan*.json, the `--plan`s of the commands whose `--data` is
    /// the folder (or `$WORK`, a copy of the command's own folder), else Plans/channel-neutral.json.
    static func casePlans(folder: String, commands: [(folder: String, words: [String])]) -> [String] {
        var plans: [String] = []
        let own = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
        plans += own.filter { $0.hasPrefix("plan") && $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
        for command in commands {
            let w = command.words
            let data = zip(w, w.dropFirst()).first { $0.0 == "--data" }?.1
            guard let data, data == folder || (data == "$WORK" && command.folder == folder) else { continue }
            plans += zip(w, w.dropFirst()).filter { $0.0 == "--plan" && !$0.1.contains("$") }.map(\.1)
        }
        if plans.isEmpty { plans = ["Plans/channel-neutral.json"] }
        return unique(plans)
    }

    static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }

    /// The deals.csv a hostile case's `setup` generates (`generate deals-1mb-field deals.csv`),
    /// made here the way `HostileGenerator` makes it; nil when the case generates none.
    static func generatedDeals(folder: String, deals: [UInt8]) -> [UInt8]? {
        guard let setup = bytes(folder + "/setup") else { return nil }
        let megabyte = 1 << 20
        let text = String(decoding: deals, as: UTF8.self)
        for line in String(decoding: setup, as: UTF8.self).split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count == 3, words[0] == "generate", words[2] == "deals.csv" else { continue }
            switch words[1] {
            case "deals-1mb-field":
                return Array(replacingFirst(text, ",A1,", "," + String(repeating: "A", count: megabyte) + ",").utf8)
            case "deals-1mb-number":
                return Array(replacingFirst(text, "WIDGET,10,1000", "WIDGET," + String(repeating: "1", count: megabyte) + ",1000").utf8)
            case "deals-1mb-commas":
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines.insert(String(repeating: ",", count: megabyte), at: min(2, lines.count))
                return Array(lines.joined(separator: "\n").utf8)
            default:
                return nil
            }
        }
        return nil
    }

    static func replacingFirst(_ text: String, _ old: String, _ new: String) -> String {
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }
}

// MARK: - Mutations

/// One plan and roster a mutated ledger is loaded against.
struct MutationSetup {
    var name: String
    var plan: Plan
    var roster: Roster

    /// Plans: channel-neutral, fully-neutral, and channel-neutral with SEAT's last tier bounded at
    /// 2000 (so the quantity-above-last-tier check runs). Rosters: the sample's; the sample's
    /// people without partners.csv; and the sample's plus `zoë` (precomposed), a person with an
    /// unknown role, a partner `P-ÉCHO` and a second `P-ATLAS` row (a duplicate id).
    static func all() throws -> [MutationSetup] {
        guard let neutral = LoaderPathDiff.bytes("Plans/channel-neutral.json"),
              let people = LoaderPathDiff.bytes("Fixtures/sample/people.csv"),
              let partners = LoaderPathDiff.bytes("Fixtures/sample/partners.csv") else {
            throw ScenarioError("cannot read the sample or its plan")
        }
        let bounded = String(decoding: neutral, as: UTF8.self).replacingOccurrences(of: "\"up_to\": null", with: "\"up_to\": \"2000\"")
        guard bounded != String(decoding: neutral, as: UTF8.self) else {
            throw ScenarioError("Plans/channel-neutral.json has no open last tier to bound")
        }
        let plans: [(String, Plan)] = [
            ("channel-neutral", try loadPlan(String(decoding: neutral, as: UTF8.self))),
            ("fully-neutral", try loadPlan(Scenario.repositoryText("Plans/fully-neutral.json"))),
            ("SEAT bounded at 2000", try loadPlan(bounded)),
        ]
        let oddPeople = String(decoding: people, as: UTF8.self) + "zo\u{EB},Zo\u{EB},direct_rep,100000,\u{CE}LES\nghost,Ghost,no_such_role,1,\n"
        let oddPartners = String(decoding: partners, as: UTF8.self) + "P-\u{C9}CHO,\u{C9}cho,,kim\nP-ATLAS,Atlas again,,leo\n"
        let rosters: [(String, [UInt8], [UInt8]?)] = [
            ("sample roster", people, partners),
            ("no partners.csv", people, nil),
            ("odd roster", Array(oddPeople.utf8), Array(oddPartners.utf8)),
        ]
        var setups: [MutationSetup] = []
        for (planName, plan) in plans {
            for (rosterName, p, q) in rosters {
                let (roster, _) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: p, partnersFile: "partners.csv", partnersBytes: q, plan: plan)
                setups.append(MutationSetup(name: "\(planName), \(rosterName)", plan: plan, roster: roster))
            }
        }
        return setups
    }
}

/// Makes mutated copies of `Fixtures/sample/deals.csv` from a seeded generator.
struct SampleMutator {
    /// The header and the data rows, each as raw CSV fields (quotes kept).
    var header: [String]
    var rows: [[String]]

    /// Values at the edge of some rule, for any column (the brief's list, and then some).
    static let tricky: [String] = [
        "", " x ", "0", "-1", "-0", "1.2345678", "0.000001", "10000000000000", "9999999999999.999999", "1e5", "01",
        "ann:60;bob:40", "ann;ann", "zzz", "\"quoted\"", "\"a\"\"b\"", "\"a,b\"", "\"x\ny\"", "\"\"", "x\"y", "\"x\"y",
        "\u{E9}", "e\u{301}", "\u{FEFF}D1", "D1\u{200B}", "\u{A0}", "\t", "a\tb", "SEAT", "USD ", "usd", "Partner",
        "partner", "direct", "upfront", "none", "company", "booking", "cancellation", "2027-06-15", "P-ATLAS", "alice",
    ]

    /// Values at the edge of each column's rules.
    static let byColumn: [String: [String]] = [
        "deal_id": ["", " D1", "D1 ", "\u{FEFF}D1", "D1\u{200B}", "\u{E9}", "e\u{301}", "\"quoted\"", "\"a\"\"b\"", "\"a,b\"",
                    "D2611-01", "D2611-0", "D2611-011", "D2703-09", "D2704-05", "D0", "x"],
        "line": ["", "0", "1", "01", "2", "3", "007", "-1", "1.0", "999999999", "1000000000", "4294967296", " 1", "1 ", "+1", "x"],
        "event": ["", "booking", "cancellation", "Booking", "BOOKING", " booking", "bookin", "cancel"],
        "date": ["", "2027-02-29", "2028-02-29", "2027-13-01", "2027-1-5", "27-01-05", "2027-06-15", "2026-12-31", "2027-12-31",
                 "2027-06-15 ", "2027/06/15", "0000-01-01", "9999-12-31", "2026-11-01", "2028-01-01"],
        "account": ["", " x ", "\u{E9}", "e\u{301}", "\"ACME, Inc.\"", "\"a\"\"b\"", "A-1030", "A-2026", "\u{A0}", "\t"],
        "territory": ["", "WEST", "west", "ISLANDS", "\u{CE}LES", "I\u{302}LES", " WEST", "WEST ", "EAST", "NORTH"],
        "product": ["SEAT", "seat", "SEAT ", "WIDGET", "CABLE", "SUPPORT", "", "NEW", "\u{E9}", "\"SEAT\""],
        "quantity": ["0", "-1", "-0", "1", "1.2345678", "0.000001", "1e5", "01", ".5", "1.", "+5", "1,5", "", " 5", "10000000000000",
                     "9999999999999", "9999999999999.999999999999999999999999999999", "1.000000000000000000000000000001",
                     "1.0000000000000000000000000000001", "2000", "2000.000001", "100.5", "100.50", "123456789012345678901234567890"],
        "unit_list_price": ["", "0", "-1", "1.2345678", "1.234567", "0.000001", "10000000000000", "9999999999999.999999",
                            "1e5", "01", "1250.00", "1250.000000", "\"1250.00\"", " 1250", "12.3456"],
        "sale_price": ["", "0", "-1", "-0", "1.2345678", "1.234567", "0.000001", "10000000000000", "9999999999999.999999",
                       "1e5", "01", "1150.00", "1150.000000", "\"1150.00\"", "1150 "],
        "currency": ["USD", "USD ", " USD", "usd", "EUR", "", "\"USD\"", "US", "USDX"],
        "purchase": ["", "upfront", "subscription", "Upfront", "UPFRONT", "up front", " upfront"],
        "channel": ["", "direct", "partner", "Partner", "DIRECT", "partner "],
        "partner": ["", "P-ATLAS", "P-BEACON", "P-ECHO", "p-atlas", "P-ATLAS ", "P-\u{C9}CHO", "P-E\u{301}CHO", "kim", "zzz", "\"P-ATLAS\""],
        "registration": ["", "none", "approved", "pending", "rejected", "Approved", "approve"],
        "sourced_by": ["", "company", "partner", "Partner", "COMPANY", "partners"],
        "reps": ["", "ann:60;bob:40", "ann;ann", "alice", "kim", "leo", "alice:60;bob:40", "alice;alice", "alice;bob",
                 "alice:50;bob:50", "alice:100", "alice:0;bob:100", "alice:100.000", "frank:33.33;grace:33.33;hank:33.34",
                 "alice:33.33;bob:33.33;carol:33.33", "kim;alice", "alice:60;bob:40;kim", "alice:50;bob:50;kim:100",
                 "alice:60; bob:40", " alice", "alice ", "alice:", ":50", "alice:-0", "alice:1e2", "alice:-5;bob:105",
                 "alice;", ";alice", "alice::5", "alice;bob;carol;dave;erin;frank;grace;hank",
                 "alice;bob;carol;dave;erin;frank;grace;hank;ivy", "alice:60;bob:40.000000000000000000000000000001",
                 "alice:12.5;bob:87.50", "kim:100", "ghost", "zo\u{EB}", "zoe\u{308}", "zo\u{EB};alice", "P-ATLAS", "\"alice\""],
    ]

    /// A tricky value for `column`: mostly from its own list, sometimes any.
    static func value(for column: String, _ rng: inout DomainRNG) -> String {
        if let own = byColumn[column], rng.int(0...2) != 0 { return rng.pick(own) }
        return rng.pick(tricky)
    }

    init() throws {
        guard let bytes = LoaderPathDiff.bytes("Fixtures/sample/deals.csv") else { throw ScenarioError("cannot read the sample") }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { SampleMutator.fields(String($0)) }
        header = lines[0]
        rows = Array(lines.dropFirst())
    }

    /// Splits one CSV line at commas outside quotes, keeping each field's raw text.
    static func fields(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() }
            if ch == "," && !quoted { result.append(current); current = "" } else { current.append(ch) }
        }
        result.append(current)
        return result
    }

    /// One mutated deals.csv and the edits made.
    func make(_ rng: inout DomainRNG) -> (String, [String]) {
        var header = self.header
        var rows: [[String]]
        if rng.int(0...7) == 0 {
            rows = self.rows
        } else {
            let length = rng.int(5...30)
            let start = rng.int(0...(self.rows.count - length))
            rows = Array(self.rows[start..<(start + length)])
            // Keep only cancellations whose deal is in the window (most windows stay valid).
            if let deal = header.firstIndex(of: "deal_id"), let event = header.firstIndex(of: "event") {
                let booked = Set(rows.filter { $0[event] != "cancellation" }.map { $0[deal] })
                rows.removeAll { $0[event] == "cancellation" && !booked.contains($0[deal]) }
            }
        }
        var edits: [String] = []
        let column = { (name: String) in header.firstIndex(of: name) }
        for _ in 0..<rng.pick([0, 1, 1, 1, 2, 2, 3, 4]) {
            guard !rows.isEmpty else { break }
            let r = rng.int(0...(rows.count - 1))
            let c = rng.int(0...(header.count - 1))
            switch rng.int(0...99) {
            case 0..<50:
                let value = Self.value(for: header[c], &rng)
                if c < rows[r].count { rows[r][c] = value }
                edits.append("row \(r) \(header[c]) = \(LoaderPathDiff.text(value))")
            case 50..<62:
                let other = rng.pick(self.rows)
                if c < rows[r].count, c < other.count { rows[r][c] = other[c] }
                edits.append("row \(r) \(header[c]) from another row")
            case 62..<67:
                let at = rng.int(0...rows.count)
                rows.insert(rows[r], at: at)
                edits.append("row \(r) duplicated")
            case 67..<72:
                let d = rng.int(0...(header.count - 1))
                if c < rows[r].count, d < rows[r].count { rows[r].swapAt(c, d) }
                edits.append("row \(r) \(header[c]) ⇄ \(header[d])")
            case 72..<77:
                let keep = rng.int(0...(rows[r].count - 1))
                let cut = rng.bool()
                if cut, keep < rows[r].count {
                    let f = rows[r][keep]
                    rows[r][keep] = String(f.prefix(rng.int(0...f.count)))
                }
                rows[r] = Array(rows[r].prefix(keep + 1))
                edits.append("row \(r) truncated after field \(keep)\(cut ? " (mid-field)" : "")")
            case 77..<92:
                // A cancellation of row r: some columns emptied, some changed.
                guard let event = column("event"), let date = column("date") else { break }
                var cancel = rows[r]
                guard cancel.count == header.count else { break }
                cancel[event] = "cancellation"
                for k in 0..<header.count where !["deal_id", "line", "event", "date"].contains(header[k]) {
                    switch rng.int(0...7) {
                    case 0...3: cancel[k] = ""
                    case 4: cancel[k] = Self.value(for: header[k], &rng)
                    case 5: cancel[k] = rng.pick(self.rows)[k]
                    default: break
                    }
                }
                let laterRow = rng.pick(self.rows)
                let oddDate = Self.value(for: "date", &rng)
                cancel[date] = rng.pick([cancel[date], laterRow[date], oddDate])
                let at = rng.int(0...rows.count)
                rows.insert(cancel, at: at)
                edits.append("cancellation of row \(r) added")
            case 92..<96:
                let odd = rng.pick(["", "\"unterminated", ",,,", "\u{FEFF}" + rows[r].joined(separator: ",")])
                let at = rng.int(0...rows.count)
                rows.insert([odd], at: at)
                edits.append("line \(LoaderPathDiff.text(odd)) inserted")
            default:
                // A column dropped, or moved, in the header and every row.
                let d = rng.int(0...(header.count - 1))
                if rng.bool() {
                    edits.append("column \(header[c]) dropped")
                    header.remove(at: c)
                    for k in rows.indices where c < rows[k].count { rows[k].remove(at: c) }
                } else {
                    edits.append("columns \(header[c]) ⇄ \(header[d])")
                    header.swapAt(c, d)
                    for k in rows.indices where c < rows[k].count && d < rows[k].count { rows[k].swapAt(c, d) }
                }
            }
        }
        let newline = rng.int(0...9) == 0 ? "\r\n" : "\n"
        var text = ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: newline)
        if rng.int(0...9) != 0 { text += newline }
        if rng.int(0...19) == 0 { text = "\u{FEFF}" + text; edits.append("BOM") }
        if newline == "\r\n" { edits.append("CRLF") }
        return (text, edits)
    }
}
