import Testing
import _TestSupport
@testable import ChannelComp

/// Largest-remainder allocation written independently in integers, to check the crediter against.
///
/// 10000 minor units over basis points [3333, 3333, 3334]: 3333.3, 3333.3, 3333.4 → 3333 × 3 = 9999;
/// one unit left → the largest remainder (0.4, the third) → [3333, 3333, 3334].
func expectedSplit(units: Int, weights: [Int]) -> [Int] {
    let total = weights.reduce(0, +)
    var parts = weights.map { units * $0 / total }
    let remainders = weights.map { units * $0 % total }
    var left = units - parts.reduce(0, +)
    let order = weights.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
    for i in order where left > 0 {
        parts[i] += 1
        left -= 1
    }
    return parts
}

@Suite("Crediting: split property (SPEC 3.3)")
struct CreditSplitPropertyTests {
    /// Random direct deals split among 1–6 reps, with random percentage splits (two decimals, summing
    /// to 100, zeros allowed) or equal shares, in USD (2 places), JPY (0) or KWD (3): the credit lines
    /// sum to the basis S exactly, each at the currency's minor units, each equal to the independent
    /// largest-remainder split above.
    @Test("credit parts sum to the basis", arguments: [UInt64(7), 42, 2027])
    func partsSumToBasis(seed: UInt64) throws {
        var rng = DomainRNG(seed: seed)
        let reps = (1...6).map { "r\($0)" }
        let people = "id,name,role,quota,territory\n" + reps.map { "\($0),R,direct_rep,100000,T\($0)" }.joined(separator: "\n") + "\n"
        var plans: [String: Plan] = [:]
        for currency in ["USD", "JPY", "KWD"] {
            var text = PlanText()
            text.currency = currency
            text.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory"), rates: PlanText.tiers("marginal", [("0%", "5%")]))
            plans[currency] = try text.load()
        }
        for index in 0..<100 {
            let currency = rng.pick(["USD", "JPY", "KWD"])
            let plan = try #require(plans[currency])
            let places = plan.currency.minorUnits
            let count = rng.int(1...6)
            let names = Array(reps.shuffled(using: &rng).prefix(count))
            // Basis in minor units: mostly small (leftovers matter), sometimes large.
            let units = rng.bool() ? rng.int(0...1000) : rng.int(0...2_000_000_000)
            var weights: [Int]
            var repsText: String
            if rng.bool() {
                weights = Array(repeating: 1, count: count)
                repsText = names.joined(separator: ";")
            } else {
                // Basis points summing to 10000 (= 100.00 %).
                var cuts = (0..<(count - 1)).map { _ in rng.int(0...10000) }.sorted()
                cuts = [0] + cuts + [10000]
                weights = (0..<count).map { cuts[$0 + 1] - cuts[$0] }
                repsText = zip(names, weights).map { "\($0):\(DomainRNG.decimalText($1, places: 2))" }.joined(separator: ";")
            }
            var row = DealRow.direct("D1", "2027-01-10", DomainRNG.decimalText(units, places: places), reps: repsText)
            row.currency = currency
            let s = try Scenario(plan: plan, people: people, partners: nil, deals: dealsCSV([row]))
            let pricer = try Pricer(plan: plan, roster: s.roster, ledger: s.ledger)
            let priced = try pricer.price(0)
            let (lines, missing) = try Crediter(plan: plan, roster: s.roster, ledger: s.ledger)
                .creditLines(0, pricer: pricer, role: 0, period: Period(year: 2027, month: 1)!)
            let label = "seed \(seed) case \(index): \(units) minor units of \(currency) over \(repsText)"
            #expect(missing == nil, "\(label)")
            #expect(lines.count == count, "\(label)")
            var sum = ExactDecimal.zero
            for line in lines {
                sum = try sum.adding(line.amount.amount)
                #expect(line.amount.amount.scale == places, "\(label)")
                #expect(line.basis == priced.net, "\(label)")
            }
            #expect(sum == priced.net.amount, "\(label): parts sum to \(sum), basis \(priced.net)")
            let expected = expectedSplit(units: units, weights: weights).map { DomainRNG.decimalText($0, places: places) }
            #expect(lines.map { $0.amount.amount.description } == expected, "\(label)")
            #expect(lines.map { s.roster.people[$0.person].id.rawValue } == names, "\(label)")
        }
    }
}
