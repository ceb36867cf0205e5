import Testing
import _TestSupport
@testable import ChannelComp

@Suite("Earnings: channel neutrality property (SPEC 1, 3.3)")
struct ChannelNeutralityPropertyTests {
    /// Marginal rates of SPEC 2.5's direct rep: 5 % to 100 %, 9 % to 150 %, 6 % above.
    static let rates: [(from: String, rate: String)] = [("0%", "5%"), ("100%", "9%"), ("150%", "6%")]
    static let rateFractions = ["0.05", "0.09", "0.06"]

    /// ann (territory WEST) is paid on one February deal after `prior` of January direct credit,
    /// either as a direct deal or as P1's partner deal in WEST.
    ///
    /// * `gross` basis: the partner deal credits G = round(quantity × sale_price) — exactly the S of the
    ///   direct deal at the same price — so credit, exact tiered pay, earnings and payout are equal.
    /// * `net` basis (no sale price, so G = S = L): the partner deal credits N = L − D, so ann earns
    ///   less; when the prior credit and the deal both lie in one marginal bracket of rate r, the exact
    ///   tiered pay is lower by exactly r × D (e.g. r 9 %, D 1234.50 → 111.105 less).
    @Test("partner deal pays like a direct deal of the same gross (gross basis), less by r × D (net basis)",
          arguments: [UInt64(1), 99, 12345])
    func neutrality(seed: UInt64) throws {
        var rng = DomainRNG(seed: seed)
        var plans: [String: Plan] = [:]
        for basis in ["gross", "net"] {
            var text = PlanText()
            text.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory", basis: basis),
                                       rates: PlanText.tiers("marginal", Self.rates))
            plans[basis] = try text.load()
        }
        var oneTierCases = 0
        for index in 0..<100 {
            let basis = rng.pick(["gross", "net"])
            let plan = try #require(plans[basis])
            let quota = rng.int(10...1000) * 1000
            let quotaCents = quota * 100
            let bounds = [0, quotaCents, quotaCents * 3 / 2]
            let oneTier = rng.int(0...9) < 7
            // Deal size target and prior credit, in cents.
            var target: Int
            var prior: Int
            var tier = 0
            if oneTier {
                tier = rng.int(0...2)
                let lower = bounds[tier]
                let width = tier < 2 ? bounds[tier + 1] - lower : quotaCents
                target = rng.int(100...width)
                prior = lower + rng.int(0...(width - target))
            } else {
                target = rng.int(100...quotaCents)
                prior = rng.int(0...(2 * quotaCents))
            }
            let quantity = rng.int(1...10)
            let unitCents = max(1, target / quantity)
            let level = rng.pick(["Bronze", "Silver", "Gold"])
            let purchase = rng.pick(["", "upfront"])
            let registration = rng.pick(["", "approved", "pending"])

            var direct = DealRow.direct("D1", "2027-02-10", "", quantity: String(quantity))
            var partner = DealRow.partner("D1", "2027-02-10", "", quantity: String(quantity), registration: registration, purchase: purchase)
            if basis == "gross" {
                // List price unrelated to the resale price: the discount must not matter.
                let listText = DomainRNG.decimalText(rng.int(1...(2 * unitCents)), places: 2)
                let saleText = DomainRNG.decimalText(unitCents, places: 2)
                direct.unitListPrice = listText
                direct.salePrice = saleText
                partner.unitListPrice = listText
                partner.salePrice = saleText
            } else {
                direct.unitListPrice = DomainRNG.decimalText(unitCents, places: 2)
                partner.unitListPrice = direct.unitListPrice
            }
            let priorRows: [DealRow] = prior > 0 ? [.direct("P0", "2027-01-15", DomainRNG.decimalText(prior, places: 2))] : []
            let people = "id,name,role,quota,territory\nann,Ann,direct_rep,\(quota),WEST\n"
            let partners = "id,name,level,manager\nP1,Acme,\(level),\n"
            let a = try Scenario(plan: plan, people: people, partners: partners, deals: dealsCSV(priorRows + [direct]))
            let b = try Scenario(plan: plan, people: people, partners: partners, deals: dealsCSV(priorRows + [partner]))
            let viaDirect = try #require(try a.run("2027-02").person("ann"))
            let viaPartner = try #require(try b.run("2027-02").person("ann"))
            let priced = try b.priced("D1")
            let label = "seed \(seed) case \(index): \(basis), quota \(quota), prior \(prior) cents, \(quantity) × \(direct.unitListPrice)/\(direct.salePrice), \(level) \(purchase) \(registration)"

            if basis == "gross" {
                #expect(priced.gross == (try a.priced("D1")).gross, "\(label)")
                #expect(viaPartner.creditYTD == viaDirect.creditYTD, "\(label)")
                #expect(viaPartner.tiered?.amount == viaDirect.tiered?.amount, "\(label)")
                #expect(viaPartner.earnedYTD == viaDirect.earnedYTD, "\(label)")
                #expect(viaPartner.payout == viaDirect.payout, "\(label)")
            } else {
                let discount = priced.discount.amount
                #expect(try viaDirect.creditYTD.amount.subtracting(viaPartner.creditYTD.amount) == discount, "\(label)")
                #expect(viaPartner.earnedYTD <= viaDirect.earnedYTD, "\(label)")
                let directTiered = try #require(viaDirect.tiered).amount
                let partnerTiered = try #require(viaPartner.tiered).amount
                if oneTier {
                    oneTierCases += 1
                    let expectedGap = try discount.multiplied(by: exact(Self.rateFractions[tier]))
                    #expect(try directTiered.subtracting(partnerTiered) == expectedGap, "\(label): r × D = \(expectedGap)")
                } else {
                    #expect(partnerTiered <= directTiered, "\(label)")
                }
            }
        }
        #expect(oneTierCases > 20, "the generator must exercise the one-bracket case")
    }
}
