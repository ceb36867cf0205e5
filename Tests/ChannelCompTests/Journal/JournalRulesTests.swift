import Testing
@testable import ChannelComp

/// The journal's rules in one place (SPEC 3.7, 6 "Journal", 8.6): the gap rule, settlement,
/// continuity, which period `close` may close, the recorded plan and close's guards.
@Suite("Journal rules")
struct JournalRulesTests {
    static let january = FiscalCalendar(startMonth: 1)
    static func p(_ text: String) -> Period { Period(parsing: text)! }
    static let planA = PlanProvenance(name: "A", sha256: String(repeating: "a", count: 64))
    static let planB = PlanProvenance(name: "B", sha256: String(repeating: "b", count: 64))

    /// A journal closing `months` (one row each), with `plans[month]` as provenance.
    static func journal(_ months: [String], plans: [String: PlanProvenance] = [:]) -> Journal {
        let entries = months.enumerated().map { i, m in
            JournalEntry(period: p(m), payeeType: .person, payeeID: "ann", amount: Money(.zero, Currency(code: "USD")!),
                         closedAt: "t", sourceLine: i + 2, plan: plans[m])
        }
        return Journal(file: "journal.csv", entries: entries)
    }

    @Test("the one gap rule: months from the start through the last that are not closed")
    func gapRule() {
        let closed: Set<Period> = [Self.p("2027-01"), Self.p("2027-03")]
        #expect(JournalRules.missing(closed: closed, from: Self.p("2027-01"), through: Self.p("2027-04")) == [Self.p("2027-02"), Self.p("2027-04")])
        #expect(JournalRules.missing(closed: closed, from: Self.p("2027-01"), through: Self.p("2027-01")) == [])
        // `through` before `from`: nothing is missing (the first month of a fiscal year).
        #expect(JournalRules.missing(closed: [], from: Self.p("2027-01"), through: Self.p("2026-12")) == [])
    }

    @Test("settlement: preview without closed months before the period; journal with all of them; an error naming the gap")
    func settlement() throws {
        let rules = JournalRules(journal: Self.journal(["2027-01", "2027-03"]), calendar: Self.january)
        #expect(try rules.settlement(for: Self.p("2027-01")) == .preview)
        #expect(try rules.settlement(for: Self.p("2027-02")) == .journal(closed: [Self.p("2027-01")]))
        #expect(throws: JournalError.unsettledGap(period: Self.p("2027-04"), yearStart: Self.p("2027-01"), missing: [Self.p("2027-02")])) {
            try rules.settlement(for: Self.p("2027-04"))
        }
        // Another fiscal year's rows do not count: 2028-02 is a preview.
        #expect(try rules.settlement(for: Self.p("2028-02")) == .preview)
        #expect(try JournalRules(journal: nil, calendar: Self.january).settlement(for: Self.p("2027-05")) == .preview)
    }

    @Test("continuity: a gap within a fiscal year is one problem naming the latest month and the missing ones")
    func continuity() {
        let rules = JournalRules(journal: Self.journal(["2027-01", "2027-04", "2028-01"]), calendar: Self.january)
        #expect(rules.continuityProblems() == [.gap(yearStart: Self.p("2027-01"), latest: Self.p("2027-04"),
                                                    missing: [Self.p("2027-02"), Self.p("2027-03")], line: 3)])
        let message = rules.continuityProblems()[0].diagnostic(journalFile: "j.csv").render()
        #expect(message.hasPrefix("j.csv:3: error: column 'period': the journal closes 2027-04 but not 2027-02, 2027-03"), "\(message)")
    }

    @Test("closable: not a closed month, not before a closed one, not after open ones")
    func closable() throws {
        let rules = JournalRules(journal: Self.journal(["2027-01", "2027-02"]), calendar: Self.january)
        #expect(throws: JournalError.alreadyClosed(Self.p("2027-02"))) { try rules.checkClosable(Self.p("2027-02")) }
        #expect(throws: JournalError.earlierOpen(period: Self.p("2027-05"), yearStart: Self.p("2027-01"), missing: [Self.p("2027-03"), Self.p("2027-04")])) {
            try rules.checkClosable(Self.p("2027-05"))
        }
        try rules.checkClosable(Self.p("2027-03"))
        try rules.checkClosable(Self.p("2028-01"))
        let gapped = JournalRules(journal: Self.journal(["2027-01", "2027-03"]), calendar: Self.january)
        #expect(throws: JournalError.laterClosed(period: Self.p("2027-02"), later: Self.p("2027-03"))) { try gapped.checkClosable(Self.p("2027-02")) }
    }

    @Test("previous fiscal year open: only for the first close of a year whose previous year has closed months")
    func previousYearOpen() {
        let rules = JournalRules(journal: Self.journal(["2027-01", "2027-02", "2027-03", "2027-04"]), calendar: Self.january)
        // 2027-05 … 2027-12 = 8 open months.
        let open = rules.previousYearOpenMonths(closing: Self.p("2028-01"))
        #expect(open.yearStart == Self.p("2027-01"))
        #expect(open.open == (4..<12).map { Self.p("2027-\($0 + 1 < 10 ? "0" : "")\($0 + 1)") })
        // No journal rows in FY2026: nothing is "left open" there.
        #expect(rules.previousYearOpenMonths(closing: Self.p("2027-05")).open == [])
        let full = JournalRules(journal: Self.journal((1...12).map { "2027-\($0 < 10 ? "0" : "")\($0)" }), calendar: Self.january)
        #expect(full.previousYearOpenMonths(closing: Self.p("2028-01")).open == [])
        // Fiscal year from April: closing 2028-04 with FY 2027-04 … 2028-03 closed through 2027-06.
        let april = JournalRules(journal: Self.journal(["2027-04", "2027-05", "2027-06"]), calendar: FiscalCalendar(startMonth: 4))
        #expect(april.previousYearOpenMonths(closing: Self.p("2028-04")).open.first == Self.p("2027-07"))
        #expect(april.previousYearOpenMonths(closing: Self.p("2028-04")).open.last == Self.p("2028-03"))
    }

    @Test("the recorded plan is the latest closed month's that has one; rows without provenance are skipped")
    func recordedPlan() {
        let rules = JournalRules(journal: Self.journal(["2027-01", "2027-02", "2027-03", "2027-04"],
                                                       plans: ["2027-02": Self.planA, "2027-03": Self.planB]),
                                 calendar: Self.january)
        let recorded = rules.recordedPlan(forYearOf: Self.p("2027-05"))
        #expect(recorded?.plan == Self.planB)
        #expect(recorded?.month == Self.p("2027-03"))
        #expect(rules.recordedPlan(forYearOf: Self.p("2028-01")) == nil)
        #expect(rules.planChangeWarning(period: Self.p("2027-05"), current: Self.planB, journalFile: "j") == nil)
        let warning = rules.planChangeWarning(period: Self.p("2027-05"), current: Self.planA, journalFile: "j")
        #expect(warning?.severity == .warning)
        #expect(warning?.message.contains("\"B\" (sha256 bbbbbbbbbbbb…), closed 2027-03") == true, "\(String(describing: warning))")
    }

    @Test("appending: a new journal gets the eight columns; an eight-column journal keeps its bytes and order")
    func appendingKeepsBytes() throws {
        let rows = [["period": "2027-02", "payee_type": "person", "payee_id": "o,neil", "amount": "1.00", "currency": "USD",
                     "closed_at": "t2", "plan_name": "A", "plan_sha256": Self.planA.sha256]]
        let fresh = try JournalClose.appending(rows, to: nil)
        #expect(String(decoding: fresh.bytes, as: UTF8.self)
                == "period,payee_type,payee_id,amount,currency,closed_at,plan_name,plan_sha256\n2027-02,person,\"o,neil\",1.00,USD,t2,A,\(Self.planA.sha256)\n")
        #expect(!fresh.upgraded)
        // Reordered eight-column header, no final newline: bytes kept, newline added, same order.
        let existing = "plan_sha256,plan_name,period,payee_type,payee_id,amount,currency,closed_at\n,,2027-01,person,ann,5.00,USD,t1"
        let appended = try JournalClose.appending(rows, to: Array(existing.utf8))
        #expect(String(decoding: appended.bytes, as: UTF8.self)
                == existing + "\n\(Self.planA.sha256),A,2027-02,person,\"o,neil\",1.00,USD,t2\n")
        #expect(!appended.upgraded)
    }

    @Test("appending to a six-column journal rewrites it with plan_name and plan_sha256 added, empty on the old rows")
    func appendingUpgrades() throws {
        let rows = [["period": "2027-02", "payee_type": "person", "payee_id": "ann", "amount": "2.00", "currency": "USD",
                     "closed_at": "t2", "plan_name": "A, B", "plan_sha256": Self.planA.sha256]]
        // CRLF, a quoted id and a reordered header: values kept, lines rewritten with LF.
        let six = "payee_id,period,payee_type,amount,currency,closed_at\r\n\"o,neil\",2027-01,person,5.00,USD,t1\r\n"
        let result = try JournalClose.appending(rows, to: Array(six.utf8))
        #expect(result.upgraded)
        #expect(String(decoding: result.bytes, as: UTF8.self) == """
            payee_id,period,payee_type,amount,currency,closed_at,plan_name,plan_sha256
            "o,neil",2027-01,person,5.00,USD,t1,,
            ann,2027-02,person,2.00,USD,t2,"A, B",\(Self.planA.sha256)

            """)
        // The upgraded journal loads with the provenance on the new row only.
        let (journal, diagnostics) = JournalLoader.load(file: "j", bytes: result.bytes, plan: try PlanText().load())
        #expect(!diagnostics.hasErrors && diagnostics.warnings.isEmpty)
        #expect(journal.entries.map(\.plan) == [nil, PlanProvenance(name: "A, B", sha256: Self.planA.sha256)])
    }

    @Test("a plan_sha256 that is not 64 lowercase hex digits is a located error")
    func badHash() throws {
        let text = "period,payee_type,payee_id,amount,currency,closed_at,plan_name,plan_sha256\n2027-01,person,ann,1.00,USD,t,A,ABC\n"
        let (_, diagnostics) = JournalLoader.load(file: "j.csv", bytes: Array(text.utf8), plan: try PlanText().load())
        #expect(diagnostics.errors.map(\.headline) == ["j.csv:2: error: column 'plan_sha256': expected empty or the plan file's SHA-256 as 64 lowercase hex digits, found \"ABC\""])
    }
}

/// close's guards (README "Adjustments and corrections to closed months"), on the SPEC 7 data.
@Suite("close: guards")
struct CloseGuardTests {
    static func request(_ period: String, plan: PlanProvenance = JournalRulesTests.planA, warnings: [String] = [],
                        overrides: CloseOverrides = []) -> CloseRequest {
        CloseRequest(period: Period(parsing: period)!, plan: plan, planWarnings: warnings, planFile: "plan.json", overrides: overrides)
    }

    static func scenario() throws -> Scenario {
        try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000", quantity: "10"),
                                               .direct("D2", "2027-03-05", "1000", quantity: "1")])
    }

    @Test("no refusal for an ordinary close")
    func ordinary() throws {
        let s = try Self.scenario()
        #expect(JournalClose.refusals(Self.request("2027-01"), journal: nil, calendar: s.plan.fiscalCalendar,
                                      ledger: s.ledger, adjustmentsInPeriod: 0) == [])
    }

    @Test("a period with no ledger row is refused unless allowed; an adjustment in it counts as activity")
    func emptyPeriod() throws {
        let s = try Self.scenario()
        let journal = JournalRulesTests.journal(["2027-01"])
        // deals.csv has D1 (2027-01) and D2 (2027-03): 2027-02 has no row.
        #expect(JournalClose.ledgerRows(s.ledger, datedIn: Period(parsing: "2027-02")!) == 0)
        #expect(JournalClose.ledgerRows(s.ledger, datedIn: Period(parsing: "2027-03")!) == 1)
        let refused = JournalClose.refusals(Self.request("2027-02"), journal: journal, calendar: s.plan.fiscalCalendar,
                                            ledger: s.ledger, adjustmentsInPeriod: 0)
        #expect(refused == [.emptyPeriod(period: Period(parsing: "2027-02")!, dealsFile: "deals.csv")])
        #expect(refused.first?.override == "--allow-empty-period")
        #expect(JournalClose.refusals(Self.request("2027-02", overrides: .allowEmptyPeriod), journal: journal,
                                      calendar: s.plan.fiscalCalendar, ledger: s.ledger, adjustmentsInPeriod: 0) == [])
        #expect(JournalClose.refusals(Self.request("2027-02"), journal: journal, calendar: s.plan.fiscalCalendar,
                                      ledger: s.ledger, adjustmentsInPeriod: 1) == [])
    }

    @Test("plan warnings and a plan change are refused unless overridden; every refusal is listed")
    func planGuards() throws {
        let s = try Self.scenario()
        let journal = JournalRulesTests.journal(["2027-01"], plans: ["2027-01": JournalRulesTests.planA])
        let refused = JournalClose.refusals(Self.request("2027-03", plan: JournalRulesTests.planB, warnings: ["rate \"10\" is 1000 %"]),
                                            journal: journal, calendar: s.plan.fiscalCalendar, ledger: s.ledger, adjustmentsInPeriod: 0)
        // 2027-02 is open: the journal's own rule comes alone.
        #expect(refused == [.earlierOpen(period: Period(parsing: "2027-03")!, yearStart: Period(parsing: "2027-01")!, missing: [Period(parsing: "2027-02")!])])
        let both = JournalClose.refusals(Self.request("2027-02", plan: JournalRulesTests.planB, warnings: ["w"]),
                                         journal: journal, calendar: s.plan.fiscalCalendar, ledger: s.ledger, adjustmentsInPeriod: 1)
        #expect(both.map(\.override) == ["--accept-plan-change", "--accept-plan-warnings"])
        let message = both[0].diagnostic(journalFile: "journal.csv").render()
        #expect(message.contains("\"A\" (sha256 aaaaaaaaaaaa…), closed 2027-01"), "\(message)")
        #expect(JournalClose.refusals(Self.request("2027-02", plan: JournalRulesTests.planB, warnings: ["w"],
                                                   overrides: [.acceptPlanChange, .acceptPlanWarnings]),
                                      journal: journal, calendar: s.plan.fiscalCalendar, ledger: s.ledger, adjustmentsInPeriod: 1) == [])
    }
}
