import Testing
import _TestSupport
@testable import ChannelComp

typealias AllocationTestRNG = SplitMix64

struct SplitVector: CustomTestStringConvertible, Sendable {
    let name: String
    let total: String
    let currency: Currency
    let weights: [String]
    let expected: [String]
    var testDescription: String { name }
}

@Suite("Allocation")
struct AllocationTests {
    static let vectors: [SplitVector] = [
        // 100.00 / 3 = 33.333…: 33.33 ×3 = 99.99, 1 cent to the first (all remainders tie).
        .init(name: "100.00 over 3 equal", total: "100.00", currency: .usd, weights: ["1", "1", "1"],
              expected: ["33.34", "33.33", "33.33"]),
        // 5 cents × 60 % = 3, × 40 % = 2: exact, nothing left over.
        .init(name: "0.05 over 60/40", total: "0.05", currency: .usd, weights: ["60", "40"],
              expected: ["0.03", "0.02"]),
        // 2.5 cents each: truncate to 2 + 2, the leftover cent to the earlier on a tie.
        .init(name: "0.05 over 50/50", total: "0.05", currency: .usd, weights: ["50", "50"],
              expected: ["0.03", "0.02"]),
        // 1000 cents × 33.33 % = 333.3 → 333, 333.3 → 333, × 33.34 % = 333.4 → 333; 1 left;
        // largest remainder is the third (0.4 > 0.3).
        .init(name: "10.00 over 33.33/33.33/33.34", total: "10.00", currency: .usd,
              weights: ["33.33", "33.33", "33.34"], expected: ["3.33", "3.33", "3.34"]),
        .init(name: "negative total", total: "-100.00", currency: .usd, weights: ["1", "1", "1"],
              expected: ["-33.34", "-33.33", "-33.33"]),
        // 3640.00 split 50/50 exactly.
        .init(name: "even split", total: "3640.00", currency: .usd, weights: ["50", "50"],
              expected: ["1820.00", "1820.00"]),
        // A zero split gets nothing, even with a leftover cent.
        .init(name: "zero weight", total: "0.01", currency: .usd, weights: ["0", "50", "50"],
              expected: ["0.00", "0.01", "0.00"]),
        .init(name: "single person", total: "12.34", currency: .usd, weights: ["100"], expected: ["12.34"]),
        .init(name: "zero total", total: "0.00", currency: .usd, weights: ["60", "40"], expected: ["0.00", "0.00"]),
        .init(name: "zero total, zero weights", total: "0", currency: .usd, weights: ["0", "0"],
              expected: ["0.00", "0.00"]),
        .init(name: "total with fewer places", total: "100", currency: .usd, weights: ["1", "2"],
              expected: ["33.33", "66.67"]),
        .init(name: "total with more zero places", total: "1.0000", currency: .usd, weights: ["1", "1", "1"],
              expected: ["0.34", "0.33", "0.33"]),
        // 1000 yen over 7 equal: 142 ×7 = 994, 6 left to the first six.
        .init(name: "JPY has no minor unit", total: "1000", currency: .jpy, weights: Array(repeating: "1", count: 7),
              expected: ["143", "143", "143", "143", "143", "143", "142"]),
        .init(name: "KWD three places", total: "1.000", currency: Currency(code: "KWD")!, weights: ["1", "1", "1"],
              expected: ["0.334", "0.333", "0.333"]),
        // 2 cents over 1:1:1: 0.666 each → 0 each, 2 left to the first two.
        .init(name: "more parts than units", total: "0.02", currency: .usd, weights: ["1", "1", "1"],
              expected: ["0.01", "0.01", "0.00"]),
        // Remainders: 10 × 1/6 = 1.666 → 1 (0.666), 10 × 2/6 = 3.333 → 3 (0.333), 10 × 3/6 = 5 (0);
        // 1 left → the first.
        .init(name: "largest remainder, not earliest", total: "0.10", currency: .usd, weights: ["1", "2", "3"],
              expected: ["0.02", "0.03", "0.05"]),
        .init(name: "weights of mixed scale", total: "1.00", currency: .usd, weights: ["0.5", "1", "1.50"],
              expected: ["0.17", "0.33", "0.50"]),
        .init(name: "no weights, zero total", total: "0.00", currency: .usd, weights: [], expected: []),
    ]

    @Test("split", arguments: vectors)
    func split(_ v: SplitVector) throws {
        let parts = try Allocation.split(Money(exact(v.total), v.currency), weights: v.weights.map(exact))
        #expect(parts.map(\.amount.description) == v.expected, "\(v.name)")
        #expect(parts.allSatisfy { $0.currency == v.currency && $0.amount.scale == v.currency.minorUnits },
                "\(v.name): currency and scale")
    }

    @Test("invalid splits throw")
    func invalid() {
        #expect(throws: NumericError.self) { try Allocation.split(dollars("1.00"), weights: []) }
        #expect(throws: NumericError.self) { try Allocation.split(dollars("1.00"), weights: [exact("0"), exact("0")]) }
        #expect(throws: NumericError.self) { try Allocation.split(dollars("1.00"), weights: [exact("-1"), exact("2")]) }
        #expect(throws: NumericError.self) { try Allocation.split(dollars("1.005"), weights: [exact("1")]) }
        do {
            _ = try Allocation.split(dollars("33.335"), weights: [exact("1")])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("not a whole number of minor units"))
        }
    }

    @Test("huge totals use full-width division")
    func huge() throws {
        // 10^30 cents over [10^6, 2 × 10^6]: T × w exceeds UInt128? No: 10^36 fits; use 10^35 × 10^10.
        let total = dollars("1000000000000000000000000000000000.00")  // 10^33 dollars = 10^35 cents
        let weights = [exact("10000000000"), exact("20000000000")]    // 10^10, 2 × 10^10: T × w ≈ 2 × 10^45
        let parts = try Allocation.split(total, weights: weights)
        // 10^35 / 3 = 33333…333.33 cents (35 digits of 3): first gets …33, second …67 after leftover.
        #expect(parts[0].amount.description == "333333333333333333333333333333333.33")
        #expect(parts[1].amount.description == "666666666666666666666666666666666.67")
        #expect(try (parts[0] + parts[1]) == total)
    }

    /// Parts sum to the total, and each is its exact share truncated or truncated + 1 unit,
    /// the extra units going to the largest remainders (ties: earlier index).
    @Test("property: exact sums and largest remainders over 3000 random splits")
    func property() throws {
        var rng = AllocationTestRNG(state: 20_270_101)
        let currencies: [Currency] = [.usd, .jpy, Currency(code: "KWD")!]
        for round in 0..<3000 {
            let currency = currencies[Int(rng.below(3))]
            let unitScale = currency.minorUnits
            // Totals from tiny to large, both signs.
            let magnitudeBound: UInt64 = [10, 1_000, 1_000_000, 1_000_000_000_000][Int(rng.below(4))]
            var units = Int128(rng.below(magnitudeBound))
            if rng.below(4) == 0 { units = -units }
            let total = Money(ExactDecimal(significand: units, scale: unitScale), currency)
            let count = 1 + Int(rng.below(8))
            var weights: [ExactDecimal] = []
            for _ in 0..<count {
                let zero = rng.below(6) == 0
                weights.append(ExactDecimal(significand: zero ? 0 : Int128(rng.below(100_000)), scale: Int(rng.below(4))))
            }
            if weights.allSatisfy(\.isZero) { weights[0] = ExactDecimal(1) }

            let parts = try Allocation.split(total, weights: weights)
            #expect(parts.count == count)
            let sum = try parts.reduce(Money.zero(currency)) { (acc: Money, part: Money) throws(NumericError) in try acc + part }
            #expect(sum == total, "round \(round): parts sum to total")

            // Independent check in integers at a common weight scale (values are small enough for Int128).
            let w: [Int128] = weights.map { $0.significand * ExactDecimal.powerOfTen(3 - $0.scale) }
            let weightSum = w.reduce(0, +)
            let t = units.magnitude
            var gotExtra: [Bool] = []
            var remainders: [Int128] = []
            for (i, part) in parts.enumerated() {
                #expect(part.amount.scale == unitScale)
                let p = part.amount.significand
                #expect(units >= 0 ? p >= 0 : p <= 0, "round \(round): part \(i) has the total's sign")
                let exactTimesW = Int128(t) * w[i]          // |share| × Σw
                let floor = exactTimesW / weightSum
                let mag = Int128(p.magnitude)
                #expect(mag == floor || mag == floor + 1, "round \(round): part \(i) within one unit of its share")
                gotExtra.append(mag == floor + 1)
                remainders.append(exactTimesW % weightSum)
            }
            for i in parts.indices where gotExtra[i] {
                for j in parts.indices where !gotExtra[j] {
                    let better = remainders[i] > remainders[j] || (remainders[i] == remainders[j] && i < j)
                    #expect(better, "round \(round): extra unit to \(i) before \(j)")
                }
            }
        }
    }
}
