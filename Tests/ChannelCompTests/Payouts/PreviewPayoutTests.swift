import Testing
@testable import ChannelComp

@Suite("Payouts without a journal (SPEC 3.1, 3.7, 5)")
struct PreviewPayoutTests {
    /// SPEC 7 through the builders: the three CSV rows of the worked example.
    @Test("SPEC 7 worked example")
    func specExample() throws {
        var d2 = DealRow.partner("D2", "2027-01-20", "", quantity: "150", registration: "approved", purchase: "upfront")
        d2.product = "SEAT"
        d2.account = "A2"
        var d3 = DealRow.direct("D3", "2027-01-25", "2500", quantity: "2")
        d3.account = "A3"
        d3.partner = "P1"
        d3.registration = "approved"
        d3.sourcedBy = "partner"
        var d4 = DealRow.direct("D4", "2027-02-03", "800")
        d4.account = "A4"
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000", quantity: "10"), d2, d3, d4])
        let run = try s.run("2027-01")
        #expect(run.summaryRows == [
            "person,ann,2027-01,18640.00,18640.00,0.0373,932.00,0.00,932.00,USD",
            "person,cam,2027-01,3640.00,3640.00,0.0046,0.00,0.00,0.00,USD",
            "partner,P1,2027-01,3640.00,3640.00,,500.00,0.00,500.00,USD",
        ])
        #expect(run.settlement == .preview)
        #expect(run.ledgerSummary.afterPeriod == 1)  // D4
    }

    /// payout(p) = earned_ytd(p) − earned_ytd(p − 1): 10000 in January (× 5 % = 500.00), 5000 in
    /// February (YTD 15000 → 750.00, payout 250.00), nothing in March (payout 0.00).
    @Test("preview payout is the period's change in earnings", arguments: [
        ("2027-01", "500.00", "0.00", "500.00"), ("2027-02", "750.00", "500.00", "250.00"), ("2027-03", "750.00", "750.00", "0.00"),
    ])
    func change(period: String, earned: String, paid: String, payout: String) throws {
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "10000"), .direct("D2", "2027-02-10", "5000")])
        let ann = try #require(try s.run(period).person("ann"))
        #expect(ann.earnedYTD.formatted == earned)
        #expect(ann.paidToDate.formatted == paid)
        #expect(ann.payout.formatted == payout)
    }

    /// The fiscal year's first month is paid 0 to date, whatever came before.
    ///
    /// Fiscal year from April: 10000 in 2027-03 (FY 2026-04: earned 500.00) and 4000 in 2027-04
    /// (FY 2027-04: 4000 × 5 % = 200.00, paid 0.00, payout 200.00).
    @Test("first fiscal month is paid 0 to date")
    func firstFiscalMonth() throws {
        var text = PlanText()
        text.fiscalYearStartMonth = 4
        let s = try Scenario(plan: text, deals: [.direct("D1", "2027-03-10", "10000"), .direct("D2", "2027-04-10", "4000")])
        let march = try #require(try s.run("2027-03").person("ann"))
        #expect(march.earnedYTD.formatted == "500.00")
        let april = try s.run("2027-04")
        let ann = try #require(april.person("ann"))
        #expect(april.fiscalYearStart == Period(year: 2027, month: 4))
        #expect(ann.creditYTD.formatted == "4000.00")
        #expect(ann.earnedYTD.formatted == "200.00")
        #expect(ann.paidToDate.formatted == "0.00")
        #expect(ann.payout.formatted == "200.00")
        #expect(april.ledgerSummary.beforeFiscalYear == 1)
    }

    /// A late row dated in an earlier month counts in that month, not in this payout.
    ///
    /// Without the late row, February: earned 750.00, paid 500.00, payout 250.00. With a row dated
    /// 2027-01-20 of 2000 added late: January's earnings become 12000 × 5 % = 600.00 and February's
    /// 17000 × 5 % = 850.00; the preview still pays 850.00 − 600.00 = 250.00. The 100.00 only
    /// reaches a payout through the journal (SPEC 3.7).
    @Test("late row counts in its own month", arguments: [(false, "750.00", "500.00"), (true, "850.00", "600.00")])
    func lateRow(late: Bool, earned: String, paid: String) throws {
        var rows: [DealRow] = [.direct("D1", "2027-01-10", "10000"), .direct("D2", "2027-02-10", "5000")]
        if late { rows.append(.direct("LATE", "2027-01-20", "2000")) }
        let ann = try #require(try Scenario(plan: PlanText(), deals: rows).run("2027-02").person("ann"))
        #expect(ann.earnedYTD.formatted == earned)
        #expect(ann.paidToDate.formatted == paid)
        #expect(ann.payout.formatted == "250.00")
        #expect(ann.creditPeriod.formatted == "5000.00")
    }

    /// With the journal, the late row is trued up: January was closed paying 500.00; February pays
    /// 850.00 − 500.00 = 350.00 (250.00 for February plus the late 100.00).
    @Test("late row is trued up with the journal")
    func lateRowWithJournal() throws {
        let journal = journalCSV(["2027-01,person,ann,500.00,USD,2027-02-01T09:00:00Z", "2027-01,person,cam,0.00,USD,2027-02-01T09:00:00Z"])
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "10000"), .direct("D2", "2027-02-10", "5000"),
                                                       .direct("LATE", "2027-01-20", "2000")], journal: journal)
        let run = try s.run("2027-02")
        let ann = try #require(run.person("ann"))
        #expect(run.settlement == .journal(closed: [Period(year: 2027, month: 1)!]))
        #expect(ann.earnedYTD.formatted == "850.00")
        #expect(ann.paidToDate.formatted == "500.00")
        #expect(ann.payout.formatted == "350.00")
    }

    /// Rows after the period are ignored and counted; a cancellation dated after the period leaves
    /// its booking standing.
    ///
    /// January run: D1 10000 (Jan) counts; D2 (Feb) and D1's cancellation (Feb, 21 days: clawed back in
    /// February) are after the period → ann 10000.00, earned 500.00, afterPeriod 2.
    @Test("rows after the period are ignored and counted")
    func afterPeriod() throws {
        let s = try Scenario(plan: PlanText(), deals: [
            .direct("D1", "2027-01-10", "10000"), .direct("D2", "2027-02-10", "5000"), .cancellation("D1", "2027-01-31"),
            .cancellation("D1X", "2027-02-01"), .direct("D1X", "2027-01-11", "700"),
        ])
        let jan = try s.run("2027-01")
        // D1's cancellation on 2027-01-31 is in January (21 days): clawed back. D1X is cancelled in February:
        // it stands in January. Credit: 10000 − 10000 + 700 = 700.00 → 35.00.
        let ann = try #require(jan.person("ann"))
        #expect(ann.creditYTD.formatted == "700.00")
        #expect(ann.earnedYTD.formatted == "35.00")
        #expect(jan.ledgerSummary == LedgerSummary(rowsRead: 5, bookingsUsed: 2, clawbacksUsed: 1, beforeFiscalYear: 0,
                                                   afterPeriod: 2, outsideClawbackWindow: 0, rejected: 0))
        // February: D1X is reversed (−700.00), D2 adds 5000.00 → 5000.00 YTD, earned 250.00, payout 215.00.
        let feb = try #require(try s.run("2027-02").person("ann"))
        #expect(feb.creditPeriod.formatted == "4300.00")
        #expect(feb.earnedYTD.formatted == "250.00")
        #expect(feb.payout.formatted == "215.00")
    }

    /// Every payee gets a row, sorted by id in byte order: people then partners, zeros included.
    @Test("every payee has a row, sorted by UTF-8 bytes")
    func everyPayee() throws {
        let people = "id,name,role,quota,territory\nzed,Z,direct_rep,1000,Z\nBob,B,direct_rep,1000,B\nann,A,direct_rep,1000,A\nÅsa,Å,direct_rep,1000,Å\n"
        let partners = "id,name,level,manager\np2,Two,,\nP10,Ten,,\nP9,Nine,,\n"
        let s = try Scenario(plan: PlanText(), people: people, partners: partners, deals: [.direct("D1", "2027-01-10", "100", reps: "ann")])
        let run = try s.run("2027-01")
        // Bytes: "B" 0x42 < "a" 0x61 < "z" 0x7A < "Å" 0xC3 0x85; "P10" < "P9" < "p2".
        #expect(run.people.map(\.id.rawValue) == ["Bob", "ann", "zed", "Åsa"])
        #expect(run.partners.map(\.id.rawValue) == ["P10", "P9", "p2"])
        #expect(run.person("zed")?.payout.formatted == "0.00")
    }
}
