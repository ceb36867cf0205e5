import Testing
@testable import ChannelComp

/// What `compare` refuses and explains (``CompareRules``).
@Suite("Compare rules")
struct CompareRulesTests {
    static func side(_ plan: String, _ period: String) throws -> CompareReport.Side {
        let s = try Scenario.sample(plan: plan)
        return CompareReport.Side(run: try s.run(period, details: true), plan: s.plan, roster: s.roster, ledger: s.ledger)
    }

    /// A fiscal year from April against one from January: refused, naming both windows.
    @Test func differentFiscalYearsAreRefused() throws {
        let a = try Self.side("Plans/channel-neutral.json", "2027-06")
        let b = try Self.side("Fixtures/errors/compare-fiscal-year-mismatch/plan-april.json", "2027-06")
        let why = try #require(CompareRules.incompatibility(a.plan, b.plan, period: a.run.period))
        #expect(why.contains("2027-04…2027-06 and 2027-01…2027-06"))
        #expect(throws: ReportError.self) { try CompareReport.build(a: a, b: b) }
        #expect(CompareRules.incompatibility(a.plan, a.plan) == nil)
    }

    /// Steep ramp (3 % to 25 % of quota, then 10 %) vs 5 %, alice 2027-03, no journal:
    /// earned YTD A 5 % × 226644.80 = 11332.24; B 3 % × 200000 + 10 % × 26644.80 = 8664.48
    /// (−2667.76); February B 3 % × 189000 = 5670.00, so payout B 8664.48 − 5670.00 = 2994.48
    /// against A 1882.24 (+1112.24): opposite signs, listed, in a preview.
    /// Fractions: +1112.24 ÷ 1882.24 = 0.59092… → 0.5909; −2667.76 ÷ 11332.24 = −0.23541… → −0.2354.
    @Test func oppositeMovesInPreview() throws {
        let r = try CompareReport.build(a: try Self.side("Plans/channel-neutral.json", "2027-03"),
                                        b: try Self.side("Fixtures/compare/plan-steep-ramp.json", "2027-03"))
        #expect(r.preview)
        let alice = try #require(r.rows.first { $0.id == "alice" })
        #expect(alice.earnedB.formatted == "8664.48")
        #expect(alice.payoutB.formatted == "2994.48")
        #expect(alice.payoutDeltaFraction?.description == "0.5909")
        #expect(alice.earnedDeltaFraction?.description == "-0.2354")
        #expect(CompareRules.oppositeMoves(r).map(\.id).contains("alice"))
        #expect(!CompareRules.oppositeMoves(r).contains { $0.payoutDelta.amount.signum * $0.earnedDelta.amount.signum >= 0 })
    }
}
