import _TestSupport
import Foundation
@testable import ChannelComp

/// A plan and a data folder held as text, loaded through the real loaders, ready to run.
///
/// SPEC 7 in a few lines:
///
///     let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000", quantity: "10")])
///     let run = try s.run("2027-01")
///     run.person("ann")?.earnedYTD.formatted      // "500.00" = 10000.00 × 5 %
struct Scenario {
    /// ann: direct rep owning WEST, quota 500000; cam: channel manager, quota 800000 (SPEC 7).
    static let standardPeople = """
        id,name,role,quota,territory
        ann,Ann,direct_rep,500000,WEST
        cam,Cam,channel_manager,800000,
        """
    /// P1, level by volume, managed by cam (SPEC 7).
    static let standardPartners = """
        id,name,level,manager
        P1,Acme VAR,,cam
        """

    var plan: Plan
    var roster: Roster
    var ledger: Ledger
    var journal: Journal?
    /// Warnings the loaders reported (errors make the initializer throw).
    var warnings: [Diagnostic]

    /// Loads everything; throws listing every error when any file is invalid.
    init(plan: PlanText, people: String = Scenario.standardPeople, partners: String? = Scenario.standardPartners,
         deals: [DealRow], journal: String? = nil) throws {
        try self.init(plan: plan.load(), people: people, partners: partners, deals: dealsCSV(deals), journal: journal)
    }

    /// Loads everything from text; throws listing every error when any file is invalid.
    init(plan: Plan, people: String, partners: String?, deals: String, journal: String? = nil) throws {
        let loaded = Scenario.load(plan: plan, people: people, partners: partners, deals: deals, journal: journal)
        guard !loaded.diagnostics.hasErrors else {
            throw ScenarioError("data does not load:\n" + loaded.diagnostics.errors.map { $0.render() }.joined(separator: "\n"))
        }
        self.plan = plan
        self.roster = loaded.roster
        self.ledger = loaded.ledger
        self.journal = loaded.journal
        self.warnings = loaded.diagnostics.warnings
    }

    /// The loaders' results and every diagnostic, errors included (for loader tests).
    static func load(plan: Plan, people: String, partners: String?, deals: String, journal: String? = nil)
        -> (roster: Roster, ledger: Ledger, journal: Journal?, diagnostics: DiagnosticList)
    {
        var diagnostics = DiagnosticList()
        let (roster, rosterDiagnostics) = RosterLoader.load(
            peopleFile: "people.csv", peopleBytes: Array(people.utf8),
            partnersFile: "partners.csv", partnersBytes: partners.map { Array($0.utf8) }, plan: plan)
        diagnostics.append(contentsOf: rosterDiagnostics)
        let (ledger, ledgerDiagnostics) = LedgerLoader.load(file: "deals.csv", bytes: Array(deals.utf8), plan: plan, roster: roster)
        diagnostics.append(contentsOf: ledgerDiagnostics)
        var loadedJournal: Journal? = nil
        if let journal {
            let (j, journalDiagnostics) = JournalLoader.load(file: "journal.csv", bytes: Array(journal.utf8), plan: plan)
            diagnostics.append(contentsOf: journalDiagnostics)
            loadedJournal = j
        }
        return (roster, ledger, loadedJournal, diagnostics)
    }

    /// Only the diagnostics of loading `deals` (with the standard roster unless given).
    static func dealDiagnostics(_ deals: String, plan: PlanText = PlanText(), people: String = standardPeople,
                                partners: String? = standardPartners) throws -> DiagnosticList {
        load(plan: try plan.load(), people: people, partners: partners, deals: deals).diagnostics
    }

    /// Runs the payout engine for `period` (`YYYY-MM`).
    func run(_ period: String, details: Bool = false) throws -> PayoutRun {
        guard let p = Period(parsing: period) else { throw ScenarioError("bad period \(period)") }
        return try PayoutEngine(plan: plan, roster: roster, ledger: ledger, journal: journal).run(period: p, details: details)
    }

    /// The same data with another journal (nil: none).
    func with(journal text: String?) throws -> Scenario {
        var copy = self
        if let text {
            let (j, diagnostics) = JournalLoader.load(file: "journal.csv", bytes: Array(text.utf8), plan: plan)
            guard !diagnostics.hasErrors else {
                throw ScenarioError("journal does not load:\n" + diagnostics.errors.map { $0.render() }.joined(separator: "\n"))
            }
            copy.journal = j
        } else {
            copy.journal = nil
        }
        return copy
    }

    /// The priced line of the booking `deal` (line 1 unless given).
    func priced(_ deal: String, line: Int = 1) throws -> PricedLine {
        guard let index = ledger.bookings.firstIndex(where: { $0.deal.rawValue == deal && $0.line == line }) else {
            throw ScenarioError("no booking \(deal) line \(line)")
        }
        return try Pricer(plan: plan, roster: roster, ledger: ledger).price(index)
    }

    // MARK: Repository files

    /// The package root (this file is Tests/ChannelCompTests/Support/Scenario.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func repositoryText(_ relativePath: String) throws -> String {
        let url = packageRoot.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError("cannot read \(url.path)")
        }
        return text
    }

    /// `Fixtures/sample` under `Plans/channel-neutral.json` (or another plan file of the repository).
    static func sample(plan planFile: String = "Plans/channel-neutral.json") throws -> Scenario {
        try Scenario(plan: loadPlan(repositoryText(planFile), file: planFile),
                     people: repositoryText("Fixtures/sample/people.csv"),
                     partners: repositoryText("Fixtures/sample/partners.csv"),
                     deals: repositoryText("Fixtures/sample/deals.csv"))
    }
}

extension PayoutRun {
    /// The person row of `id`, if on the roster.
    func person(_ id: String) -> PersonPayout? { people.first { $0.id.rawValue == id } }
    /// The partner row of `id`, if on the roster.
    func partner(_ id: String) -> PartnerPayout? { partners.first { $0.id.rawValue == id } }

    /// The SPEC 4.1 CSV rows (without the header), rendered from this run's figures.
    ///
    /// `person,ann,2027-01,18640.00,18640.00,0.0373,932.00,0.00,932.00,USD`
    var summaryRows: [String] {
        let p = people.map { r in
            ["person", r.id.rawValue, period.description, r.creditPeriod.formatted, r.creditYTD.formatted,
             r.attainment.map { $0.formatted(fractionDigits: 4) } ?? "", r.earnedYTD.formatted,
             r.paidToDate.formatted, r.payout.formatted, currency.code].joined(separator: ",")
        }
        let q = partners.map { r in
            ["partner", r.id.rawValue, period.description, r.purchasesPeriod.formatted, r.purchasesYTD.formatted, "",
             r.earnedYTD.formatted, r.paidToDate.formatted, r.payout.formatted, currency.code].joined(separator: ",")
        }
        return p + q
    }

    /// `journal.csv` lines closing this run's period with its payouts (no header).
    var journalLines: [String] {
        people.map { "\(period),person,\($0.id.rawValue),\($0.payout.formatted),\(currency.code),2000-01-01T00:00:00Z" }
            + partners.map { "\(period),partner,\($0.id.rawValue),\($0.payout.formatted),\(currency.code),2000-01-01T00:00:00Z" }
    }
}

/// `journal.csv` text from journal lines: the header, then the lines, LF-terminated.
func journalCSV(_ lines: [String]) -> String {
    (["period,payee_type,payee_id,amount,currency,closed_at"] + lines).joined(separator: "\n") + "\n"
}

/// The suites' seeded generator (SplitMix64, from _TestSupport).
typealias DomainRNG = SplitMix64

extension SplitMix64 {
    /// A decimal text with `places` fraction digits from `cents` minor units: 12345, 2 → "123.45".
    static func decimalText(_ units: Int, places: Int) -> String {
        ExactDecimal(significand: Int128(units), scale: places).description
    }
}
