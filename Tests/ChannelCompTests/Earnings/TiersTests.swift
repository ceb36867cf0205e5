import Testing
import _TestSupport
@testable import ChannelComp

/// One tier vector: a schedule, a credit against quota 10000.00, the exact result and tier reached.
struct TierVector: CustomTestStringConvertible, Sendable {
    let name: String
    let method: TierSchedule.Method
    /// (from as a fraction of quota, rate as a fraction).
    let tiers: [(String, String)]
    let credit: String
    let expected: String
    let reached: Int?
    var testDescription: String { name }
}

@Suite("Earnings: tiers (SPEC 3.4, 6)")
struct TiersTests {
    /// 5 % from 0 %, 9 % from 100 %, 6 % from 150 % (SPEC 2.5 direct_rep).
    static let rep: [(String, String)] = [("0", "0.05"), ("1", "0.09"), ("1.5", "0.06")]
    /// 2 % from 50 %, 3 % from 100 %: nothing below 50 %.
    static let high: [(String, String)] = [("0.5", "0.02"), ("1", "0.03")]

    static let vectors: [TierVector] = [
        // Marginal, quota 10000: brackets 0–10000 at 5 %, 10000–15000 at 9 %, above at 6 %.
        .init(name: "marginal at exactly 100 %", method: .marginal, tiers: rep, credit: "10000.00", expected: "500.0000", reached: 1),  // 10000 × 5 %
        .init(name: "marginal at 99.99 %", method: .marginal, tiers: rep, credit: "9999.00", expected: "499.9500", reached: 0),         // 9999 × 5 %
        .init(name: "marginal one cent above 100 %", method: .marginal, tiers: rep, credit: "10000.01", expected: "500.0009", reached: 1), // 500 + 0.01 × 9 %
        .init(name: "marginal at 150 %", method: .marginal, tiers: rep, credit: "15000.00", expected: "950.0000", reached: 2),          // 500 + 5000 × 9 %
        .init(name: "marginal at 200 %", method: .marginal, tiers: rep, credit: "20000.00", expected: "1250.0000", reached: 2),         // 500 + 450 + 5000 × 6 %
        .init(name: "marginal zero", method: .marginal, tiers: rep, credit: "0", expected: "0", reached: 0),
        .init(name: "marginal negative: first tier's rate", method: .marginal, tiers: rep, credit: "-2000.00", expected: "-100.0000", reached: 0), // −2000 × 5 %
        // Retroactive: the whole credit at the rate of the highest tier reached (exact ratio, no rounding).
        .init(name: "retroactive at exactly 100 %", method: .retroactive, tiers: rep, credit: "10000.00", expected: "900.0000", reached: 1), // 10000 × 9 %
        .init(name: "retroactive at 99.99 %", method: .retroactive, tiers: rep, credit: "9999.00", expected: "499.9500", reached: 0),       // 9999 × 5 %
        .init(name: "retroactive at 99.9999 %", method: .retroactive, tiers: rep, credit: "9999.99", expected: "499.9995", reached: 0),     // 9999.99 × 5 %
        .init(name: "retroactive just below 150 %", method: .retroactive, tiers: rep, credit: "14999.99", expected: "1349.9991", reached: 1), // × 9 %
        .init(name: "retroactive at 150 %", method: .retroactive, tiers: rep, credit: "15000.00", expected: "900.0000", reached: 2),       // × 6 %
        .init(name: "retroactive negative: first tier's rate", method: .retroactive, tiers: rep, credit: "-2000.00", expected: "-100.0000", reached: 0),
        // Tiers starting above 0 %: below the first `from` nothing is earned, either method.
        .init(name: "marginal below the first tier", method: .marginal, tiers: high, credit: "4000.00", expected: "0", reached: nil),
        .init(name: "marginal above the first tier", method: .marginal, tiers: high, credit: "6000.00", expected: "20.0000", reached: 0),  // (6000 − 5000) × 2 %
        .init(name: "retroactive, no tier reached", method: .retroactive, tiers: high, credit: "4999.99", expected: "0", reached: nil),
        .init(name: "retroactive at the first tier", method: .retroactive, tiers: high, credit: "5000.00", expected: "100.0000", reached: 0), // 5000 × 2 %
        // Negative credit earns the first tier's rate even when that tier starts above 0 % (SPEC 6).
        .init(name: "negative with a first tier above 0 %", method: .retroactive, tiers: high, credit: "-1000.00", expected: "-20.0000", reached: 0),
        .init(name: "negative with a first tier above 0 %, marginal", method: .marginal, tiers: high, credit: "-1000.00", expected: "-20.0000", reached: 0),
    ]

    @Test("tiered amount", arguments: vectors)
    func tiered(_ v: TierVector) throws {
        let schedule = TierSchedule(method: v.method,
                                    tiers: v.tiers.map { TierSchedule.Tier(from: exact($0.0), rate: Rate(fraction: exact($0.1))) },
                                    keyPath: "roles.test.rates")
        let result = try Tiers.apply(schedule, to: exact(v.credit), scale: exact("10000.00"))
        #expect(result.amount == exact(v.expected), "\(v.name): \(result.amount)")
        #expect(result.reached == v.reached, "\(v.name)")
        // Marginal slices add up to the credit above the first threshold (when positive).
        if v.method == .marginal, !exact(v.credit).isNegative {
            var sum = ExactDecimal.zero
            for s in result.slices { sum = try sum.adding(s) }
            let first = try exact(v.tiers[0].0).multiplied(by: exact("10000.00"))
            let expected = exact(v.credit) > first ? try exact(v.credit).subtracting(first) : .zero
            #expect(sum == expected, "\(v.name): slices \(result.slices)")
        }
    }
}
