import Testing
import _TestSupport
@testable import ChannelComp

@Suite("Payouts on Fixtures/sample (SPEC 5, README figures)")
struct SampleLedgerTests {
    /// Every deals.csv row is accounted for in every period: used, before the fiscal year, after the
    /// period or outside the clawback window — the counts add up to the 155 rows read.
    @Test("ledger summary adds up to the rows read", arguments: (0..<15).map { Period(year: 2026, month: 11)!.advanced(by: $0) })
    func summaryAddsUp(period: Period) throws {
        let s = try Scenario.sample()
        let run = try PayoutEngine(plan: s.plan, roster: s.roster, ledger: s.ledger, journal: nil).run(period: period)
        let summary = run.ledgerSummary
        #expect(summary.rowsRead == 155)
        #expect(summary.accountedFor == summary.rowsRead, "\(period): \(summary)")
        #expect(summary.rejected == 0)
    }

    /// The year-end counts: 148 bookings (14 dated 2026-11/12, before FY2027) and 7 cancellations
    /// (6 clawed back inside FY2027, D2612-05's among them; D2706-01 at 91 days is outside).
    @Test("year-end ledger summary")
    func yearEndSummary() throws {
        let run = try Scenario.sample().run("2027-12")
        #expect(run.ledgerSummary == LedgerSummary(rowsRead: 155, bookingsUsed: 134, clawbacksUsed: 6, beforeFiscalYear: 14,
                                                   afterPeriod: 0, outsideClawbackWindow: 1, rejected: 0))
        // In January, everything dated after 2027-01 is "after the period".
        let jan = try Scenario.sample().run("2027-01").ledgerSummary
        #expect(jan.beforeFiscalYear == 14)
        #expect(jan.bookingsUsed + jan.clawbacksUsed + jan.afterPeriod + jan.outsideClawbackWindow == 141)
    }

    /// 2027-12 under Plans/channel-neutral.json: the README's year-end table, as printed by the
    /// independent oracle (`python3 Tests/Oracle/oracle.py payout --plan Plans/channel-neutral.json
    /// --data Fixtures/sample --period 2027-12`).
    @Test("year-end payouts match the oracle")
    func yearEnd() throws {
        let run = try Scenario.sample().run("2027-12")
        let expected = [
            "person,alice,2027-12,14387.20,1000900.40,1.2511,58081.04,56786.19,1294.85,USD",
            "person,bob,2027-12,0.00,943208.94,1.5720,59592.54,59592.54,0.00,USD",
            "person,carol,2027-12,0.00,321743.34,0.6435,16087.17,16087.17,0.00,USD",
            "person,dave,2027-12,47995.20,689757.45,0.6898,34487.87,32088.11,2399.76,USD",
            "person,erin,2027-12,0.00,574635.06,0.8209,28731.75,28731.75,0.00,USD",
            "person,frank,2027-12,0.00,623269.23,1.5582,39396.15,39396.15,0.00,USD",
            "person,grace,2027-12,211450.00,1058101.10,1.1757,59229.10,42332.56,16896.54,USD",
            "person,hank,2027-12,89247.45,701923.88,0.5849,35096.19,30633.82,4462.37,USD",
            "person,ivy,2027-12,42000.00,380850.75,0.8463,19042.54,16942.54,2100.00,USD",
            "person,jack,2027-12,54000.00,345956.96,0.6290,17297.85,14597.85,2700.00,USD",
            "person,kim,2027-12,47995.20,305784.57,0.3822,0.00,0.00,0.00,USD",
            "person,leo,2027-12,43200.00,911471.33,0.6076,18229.43,17365.43,864.00,USD",
            "partner,P-ATLAS,2027-12,47995.20,501659.95,,10033.20,7433.68,2599.52,USD",
            "partner,P-BEACON,2027-12,45000.00,374585.65,,7795.90,5609.00,2186.90,USD",
            "partner,P-CEDAR,2027-12,95200.00,1445640.71,,38757.43,33226.26,5531.17,USD",
            "partner,P-DELTA,2027-12,42000.00,412258.98,,4611.46,2190.89,2420.57,USD",
            "partner,P-ECHO,2027-12,14387.20,57036.56,,2999.70,2999.70,0.00,USD",
        ]
        for (actual, wanted) in zip(run.summaryRows, expected) {
            #expect(actual == wanted)
        }
        #expect(run.summaryRows.count == expected.count)
    }

    /// Partner levels of the README table: P-BEACON is Bronze in 2027-02 (209976.00) and Silver in
    /// 2027-03 (90000.00 + 74976.00 + 45000.00 + 58000.00 = 267976.00 ≥ 250000); P-CEDAR is Gold from
    /// 2027-08 (1235915.67); P-ATLAS is Gold (fixed).
    @Test("sample partner levels", arguments: [
        ("2027-02", "P-BEACON", "Bronze", "209976.00"), ("2027-03", "P-BEACON", "Silver", "267976.00"),
        ("2027-07", "P-CEDAR", "Silver", "930220.29"), ("2027-08", "P-CEDAR", "Gold", "1235915.67"),
        ("2027-04", "P-CEDAR", "Silver", "565832.29"), ("2027-05", "P-CEDAR", "Silver", "577820.29"),
        ("2027-01", "P-ATLAS", "Gold", "0"),
    ])
    func levels(period: String, partner: String, level: String, trailing: String) throws {
        let s = try Scenario.sample()
        let p = try #require(try s.run(period).partner(partner))
        #expect(p.level.map { s.plan.partnerProgram.levels[$0].name } == level)
        #expect(p.trailingVolume == exact(trailing))
    }
}
