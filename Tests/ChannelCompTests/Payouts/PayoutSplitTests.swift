import Testing
@testable import ChannelComp

/// SPEC 8.5: payout = period_earned + prior_period_adjustment.
@Suite("Payout split (SPEC 8.5)")
struct PayoutSplitTests {
    static func usd(_ text: String) -> Money { Money(try! ExactDecimal(parsing: text), Currency(code: "USD")!) }

    @Test("journal mode: earned now 2900.00, earned before 2245.00 (recomputed), paid 1620.00 → 655.00 + 625.00")
    func journalMode() throws {
        // period_earned = 2900.00 − 2245.00 = 655.00; prior = 2245.00 − 1620.00 = 625.00;
        // payout = 2900.00 − 1620.00 = 1280.00 = 655.00 + 625.00.
        let split = try PayoutSplit(earned: Self.usd("2900.00"), earnedBefore: Self.usd("2245.00"),
                                    paidToDate: Self.usd("1620.00"), settlement: .journal(closed: []))
        #expect(split == PayoutSplit(periodEarned: Self.usd("655.00"), priorPeriodAdjustment: Self.usd("625.00")))
    }

    @Test("a deleted row: earned before fell below what was paid → a negative correction")
    func recovery() throws {
        // earned before 1000.00 (row deleted), paid 9452.50 → prior −8452.50; earned now 1000.00 → period 0.00.
        let split = try PayoutSplit(earned: Self.usd("1000.00"), earnedBefore: Self.usd("1000.00"),
                                    paidToDate: Self.usd("9452.50"), settlement: .journal(closed: []))
        #expect(split.periodEarned == Self.usd("0.00"))
        #expect(split.priorPeriodAdjustment == Self.usd("-8452.50"))
    }

    @Test("preview mode: no correction, the whole payout is the period's")
    func preview() throws {
        let split = try PayoutSplit(earned: Self.usd("700.00"), earnedBefore: Self.usd("500.00"),
                                    paidToDate: Self.usd("500.00"), settlement: .preview)
        #expect(split == PayoutSplit(periodEarned: Self.usd("200.00"), priorPeriodAdjustment: Self.usd("0.00")))
    }
}
