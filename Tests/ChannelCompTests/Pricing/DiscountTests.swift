import Testing
import _TestSupport
@testable import ChannelComp

/// One discount-stacking vector on a partner deal of L = 10000.00.
struct DiscountVector: CustomTestStringConvertible, Sendable {
    let name: String
    /// Fixed level in partners.csv.
    let level: String
    let purchase: String
    let registration: String
    /// `max_discount`; nil = key absent.
    let maxDiscount: String?
    let discount: String
    let net: String
    let capped: Bool
    var testDescription: String { name }
}

@Suite("Pricing: partner discounts (SPEC 3.2 step 3, 6)")
struct DiscountTests {
    static let vectors: [DiscountVector] = [
        // Gold 30 % + upfront 5 % + approved 10 % = 45 % > 40 % → 40 %: D = 10000 × 40 % = 4000, N = 6000.
        .init(name: "Gold stack hits the 40 % cap", level: "Gold", purchase: "upfront", registration: "approved",
              maxDiscount: "40%", discount: "4000.00", net: "6000.00", capped: true),
        // Silver 25 % + 5 % + 10 % = 40 % = cap: not above it, so not capped; D = 4000.
        .init(name: "Silver stack equals the cap", level: "Silver", purchase: "upfront", registration: "approved",
              maxDiscount: "40%", discount: "4000.00", net: "6000.00", capped: false),
        // Bronze 20 % + 5 % + 10 % = 35 % < 40 %: D = 3500, N = 6500 (SPEC 7, D2's rate).
        .init(name: "Bronze stack under the cap", level: "Bronze", purchase: "upfront", registration: "approved",
              maxDiscount: "40%", discount: "3500.00", net: "6500.00", capped: false),
        // Gold 30 % + 5 % + 10 % = 45 %, no max_discount: no cap, D = 4500, N = 5500.
        .init(name: "no max_discount: no cap", level: "Gold", purchase: "upfront", registration: "approved",
              maxDiscount: nil, discount: "4500.00", net: "5500.00", capped: false),
        // Gold 30 % + 5 %, registration pending earns no registration discount: 35 %.
        .init(name: "pending registration adds nothing", level: "Gold", purchase: "upfront", registration: "pending",
              maxDiscount: "40%", discount: "3500.00", net: "6500.00", capped: false),
        // Gold 30 % + approved 10 %, subscription: 40 % = cap, not capped.
        .init(name: "subscription adds no upfront discount", level: "Gold", purchase: "subscription", registration: "approved",
              maxDiscount: "40%", discount: "4000.00", net: "6000.00", capped: false),
        // Gold 30 % alone (registration rejected, subscription).
        .init(name: "level only", level: "Gold", purchase: "", registration: "rejected",
              maxDiscount: "40%", discount: "3000.00", net: "7000.00", capped: false),
    ]

    @Test("discount stacking and max_discount", arguments: vectors)
    func stacking(_ v: DiscountVector) throws {
        var text = PlanText()
        text.maxDiscount = v.maxDiscount
        let s = try Scenario(plan: text, partners: "id,name,level,manager\nP1,Acme,\(v.level),cam\n",
                             deals: [.partner("D1", "2027-01-20", "10000", registration: v.registration, purchase: v.purchase)])
        let priced = try s.priced("D1")
        #expect(priced.list.formatted == "10000.00")
        #expect(priced.discount.formatted == v.discount, "\(v.name)")
        #expect(priced.net.formatted == v.net, "\(v.name)")
        #expect(priced.gross.formatted == "10000.00")  // no sale_price: G = L
        let parts = try #require(priced.discountParts)
        #expect(parts.capped == v.capped, "\(v.name)")
        #expect(parts.levelFixed)
    }

    /// Absent upfront / registration rates are 0: Gold upfront approved = 30 % only → D 3000.
    @Test("absent upfront and registration discounts are zero")
    func absentRates() throws {
        var text = PlanText()
        text.upfrontDiscount = nil
        text.registrationDiscount = nil
        let s = try Scenario(plan: text, partners: "id,name,level,manager\nP1,Acme,Gold,cam\n",
                             deals: [.partner("D1", "2027-01-20", "10000", registration: "approved", purchase: "upfront")])
        #expect(try s.priced("D1").discount.formatted == "3000.00")
    }

    /// G = round(quantity × sale_price) when given; D and N still come from L.
    @Test("gross comes from the partner's resale price")
    func grossFromSalePrice() throws {
        // L = 10 × 1000 = 10000; Bronze (no history) 20 % → D 2000, N 8000; G = 10 × 1100.005 = 11000.05.
        var row = DealRow.partner("D1", "2027-01-20", "1000", quantity: "10")
        row.salePrice = "1100.005"
        let s = try Scenario(plan: PlanText(), deals: [row])
        let priced = try s.priced("D1")
        #expect(priced.list.formatted == "10000.00")
        #expect(priced.discount.formatted == "2000.00")
        #expect(priced.net.formatted == "8000.00")
        #expect(priced.gross.formatted == "11000.05")
    }
}

/// A partner deal of L 10000.00 on 2027-01-20 after one earlier partner booking of `history`.
struct LevelVector: CustomTestStringConvertible, Sendable {
    let name: String
    var trailingMonths = 12
    let historyDate: String
    let historyList: String
    var dealDate = "2027-01-20"
    /// The level chosen (nil: none qualifies), its trailing volume and the discount on 10000.00.
    let level: String?
    let trailing: String
    let discount: String
    var testDescription: String { name }
}

@Suite("Pricing: partner levels from trailing volume (SPEC 3.2 step 4, 6)")
struct PartnerLevelTests {
    static let vectors: [LevelVector] = [
        // Silver needs ≥ 250000: exactly 250000.00 qualifies → 25 % of 10000 = 2500.
        .init(name: "exactly at the Silver threshold", historyDate: "2026-12-15", historyList: "250000.00",
              level: "Silver", trailing: "250000.00", discount: "2500.00"),
        // One cent below: Bronze 20 % → 2000.
        .init(name: "one cent below Silver", historyDate: "2026-12-15", historyList: "249999.99",
              level: "Bronze", trailing: "249999.99", discount: "2000.00"),
        // Gold at exactly 1000000.00 → 30 % → 3000.
        .init(name: "exactly at the Gold threshold", historyDate: "2026-12-15", historyList: "1000000.00",
              level: "Gold", trailing: "1000000.00", discount: "3000.00"),
        // Window for 2027-01 with T = 12 is 2026-01 … 2026-12: 2026-01-01 is 12 months back, inside.
        .init(name: "12 months back is inside", historyDate: "2026-01-01", historyList: "250000.00",
              level: "Silver", trailing: "250000.00", discount: "2500.00"),
        // 2025-12-31 is 13 months back: outside, volume 0 → Bronze (minimum 0 qualifies).
        .init(name: "13 months back is outside", historyDate: "2025-12-31", historyList: "250000.00",
              level: "Bronze", trailing: "0", discount: "2000.00"),
        // The deal's own month is not in its window: a booking on 2027-01-02 does not lift a deal on 2027-01-20.
        .init(name: "the deal's own month is outside", historyDate: "2027-01-02", historyList: "250000.00",
              level: "Bronze", trailing: "0", discount: "2000.00"),
        // T = 0: volume is always 0 → Bronze.
        .init(name: "trailing_months 0", trailingMonths: 0, historyDate: "2026-12-15", historyList: "250000.00",
              level: "Bronze", trailing: "0", discount: "2000.00"),
        // T = 1: only 2026-12 counts.
        .init(name: "trailing_months 1, previous month", trailingMonths: 1, historyDate: "2026-12-31", historyList: "250000.00",
              level: "Silver", trailing: "250000.00", discount: "2500.00"),
        .init(name: "trailing_months 1, two months back", trailingMonths: 1, historyDate: "2026-11-30", historyList: "250000.00",
              level: "Bronze", trailing: "0", discount: "2000.00"),
    ]

    @Test("level by trailing volume", arguments: vectors)
    func level(_ v: LevelVector) throws {
        var text = PlanText()
        text.trailingMonths = v.trailingMonths
        let s = try Scenario(plan: text, deals: [
            .partner("H1", v.historyDate, v.historyList),
            .partner("D1", v.dealDate, "10000"),
        ])
        let priced = try s.priced("D1")
        let parts = try #require(priced.discountParts)
        #expect(parts.level.map { s.plan.partnerProgram.levels[$0].name } == v.level, "\(v.name)")
        #expect(parts.trailingVolume == exact(v.trailing), "\(v.name): \(parts.trailingVolume)")
        #expect(priced.discount.formatted == v.discount, "\(v.name)")
        #expect(!parts.levelFixed)
    }

    /// A fixed level overrides volume both ways: Bronze with 1000000.00 of history stays Bronze.
    @Test("fixed level overrides trailing volume", arguments: [("Bronze", "2000.00"), ("Gold", "3000.00")])
    func fixedLevel(level: String, discount: String) throws {
        // Bronze 20 % of 10000 = 2000 (volume would say Gold); Gold 30 % = 3000 (with volume 0 it would be Bronze:
        // the history row is then dropped).
        let history: [DealRow] = level == "Bronze" ? [.partner("H1", "2026-12-15", "1000000")] : []
        let s = try Scenario(plan: PlanText(), partners: "id,name,level,manager\nP1,Acme,\(level),cam\n",
                             deals: history + [.partner("D1", "2027-01-20", "10000")])
        let priced = try s.priced("D1")
        let parts = try #require(priced.discountParts)
        #expect(parts.levelFixed)
        #expect(parts.level.map { s.plan.partnerProgram.levels[$0].name } == level)
        #expect(priced.discount.formatted == discount)
    }

    /// A clawed-back cancellation lowers the volume of ITS month, not of the booking's month.
    ///
    /// H1 L 260000.00 booked 2026-12-20, cancelled 2027-01-15 (26 days ≤ 90: clawed back).
    /// Deal on 2027-01-20: window 2026-01 … 2026-12 = 260000 → Silver (the cancellation is in 2027-01).
    /// Deal on 2027-02-10: window 2026-02 … 2027-01 = 260000 − 260000 = 0 → Bronze.
    /// With clawback_days 20 the cancellation (26 days) is outside the window: no effect, Silver in February.
    @Test("clawed-back cancellation reduces trailing volume in its own month",
          arguments: [(90, "2027-01-20", "Silver", "260000.00"), (90, "2027-02-10", "Bronze", "0.00"),
                      (20, "2027-02-10", "Silver", "260000.00")])
    func clawbackReducesVolume(clawbackDays: Int, dealDate: String, level: String, trailing: String) throws {
        var text = PlanText()
        text.clawbackDays = clawbackDays
        let s = try Scenario(plan: text, deals: [
            .partner("H1", "2026-12-20", "260000"),
            .cancellation("H1", "2027-01-15"),
            .partner("D1", dealDate, "10000"),
        ])
        let parts = try #require(try s.priced("D1").discountParts)
        #expect(parts.level.map { s.plan.partnerProgram.levels[$0].name } == level)
        #expect(parts.trailingVolume == exact(trailing))
    }

    /// A partner whose deals are centuries apart keeps its monthly volumes sparse (a dense
    /// running total would need one entry per month in between); trailing sums are the same.
    ///
    /// H0 L 900000.00 in 1850-03 (far outside any window); H1 L 260000.00 in 2026-12; a 90-day
    /// clawback of H1 lands in 2027-02. Deal in 2027-01: trailing 2026-01…2026-12 = 260000.00
    /// → Silver; deal in 2027-03: 260000 − 260000 = 0.00 → Bronze; deal in 1851-01: 900000.00
    /// → Silver (Gold needs 1000000).
    @Test("trailing volume with deals centuries apart", arguments: [("2027-01-20", "Silver", "260000.00"),
                                                                   ("2027-03-10", "Bronze", "0.00"),
                                                                   ("1851-01-10", "Silver", "900000.00")])
    func sparseMonths(dealDate: String, level: String, trailing: String) throws {
        let s = try Scenario(plan: PlanText(), deals: [
            .partner("H0", "1850-03-01", "900000"),
            .partner("H1", "2026-12-20", "260000"),
            .cancellation("H1", "2027-02-15"),
            .partner("D1", dealDate, "10000"),
        ])
        let parts = try #require(try s.priced("D1").discountParts)
        #expect(parts.level.map { s.plan.partnerProgram.levels[$0].name } == level)
        #expect(parts.trailingVolume == exact(trailing))
    }

    /// Volume negative after a clawback: no level qualifies (Bronze needs ≥ 0) → level discount 0.
    ///
    /// H1 L 300000.00 booked 2025-12-15 (outside the 2027-01 window), cancelled 2026-01-10 (26 days,
    /// clawed back in 2026-01, inside the window): trailing = −300000.00. Deal 2027-01-20 with an
    /// approved registration: d = 0 + 10 % = 10 % → D = 1000.00, N = 9000.00.
    @Test("negative trailing volume gives no level")
    func negativeVolume() throws {
        let s = try Scenario(plan: PlanText(), deals: [
            .partner("H1", "2025-12-15", "300000"),
            .cancellation("H1", "2026-01-10"),
            .partner("D1", "2027-01-20", "10000", registration: "approved"),
        ])
        let priced = try s.priced("D1")
        let parts = try #require(priced.discountParts)
        #expect(parts.trailingVolume == exact("-300000.00"))
        #expect(parts.level == nil)
        #expect(parts.levelDiscount == Rate.zero)
        #expect(priced.discount.formatted == "1000.00")
        #expect(priced.net.formatted == "9000.00")
    }

    /// Trailing volume is partner-channel list volume only: a 300000.00 referral (a direct deal
    /// sourced by P1) does not lift P1 above Bronze, a 300000.00 resale does (Silver, 25 % → 2500).
    /// It is L, not N: the resale's N is 300000 − 20 % = 240000, below Silver's 250000.
    @Test("only partner-channel list volume counts", arguments: [("direct", "Bronze", "0"), ("partner", "Silver", "300000.00")])
    func onlyPartnerChannel(channel: String, level: String, trailing: String) throws {
        var history = DealRow.partner("H1", "2026-12-15", "300000")
        if channel == "direct" {
            history = .direct("H1", "2026-12-15", "300000")
            history.partner = "P1"
            history.sourcedBy = "partner"
            history.registration = "approved"
        }
        let s = try Scenario(plan: PlanText(), deals: [history, .partner("D1", "2027-01-20", "10000")])
        let parts = try #require(try s.priced("D1").discountParts)
        #expect(parts.level.map { s.plan.partnerProgram.levels[$0].name } == level)
        #expect(parts.trailingVolume == exact(trailing))
    }

    /// "Highest level" is the qualifying level with the largest minimum, whatever the file order.
    @Test("levels listed out of order")
    func levelsOutOfOrder() throws {
        var text = PlanText()
        text.levels = """
            { "name": "Gold", "min_trailing_list": "1000000", "discount": "30%" },
            { "name": "Bronze", "min_trailing_list": "0", "discount": "20%" },
            { "name": "Silver", "min_trailing_list": "250000", "discount": "25%" }
            """
        // Trailing 300000: Bronze (0) and Silver (250000) qualify; Silver has the larger minimum → 25 % → 2500.
        let s = try Scenario(plan: text, deals: [.partner("H1", "2026-12-15", "300000"), .partner("D1", "2027-01-20", "10000")])
        #expect(try s.priced("D1").discount.formatted == "2500.00")
    }
}

/// One rounding vector: a plan rounding mode and the figure it gives at a .005 tie.
struct TieVector: CustomTestStringConvertible, Sendable {
    let name: String
    let rounding: String?
    let expected: String
    var testDescription: String { name }
}

@Suite("Pricing: rounding ties (SPEC 3, 6)")
struct PricingRoundingTests {
    /// L = 1 × 100.005: half-even keeps the even 100.00, half-up goes away from zero to 100.01.
    @Test("list amount at a tie", arguments: [
        TieVector(name: "default is half-even", rounding: nil, expected: "100.00"),
        TieVector(name: "half-even", rounding: "half-even", expected: "100.00"),
        TieVector(name: "half-up", rounding: "half-up", expected: "100.01"),
    ])
    func listTie(_ v: TieVector) throws {
        var text = PlanText()
        text.rounding = v.rounding
        let s = try Scenario(plan: text, deals: [.direct("D1", "2027-01-10", "100.005")])
        #expect(try s.priced("D1").list.formatted == v.expected)
    }

    /// D = 100.10 × 25 % (Silver fixed) = 25.025: half-even 25.02 (N 75.08), half-up 25.03 (N 75.07).
    @Test("discount at a tie", arguments: [("half-even", "25.02", "75.08"), ("half-up", "25.03", "75.07")])
    func discountTie(rounding: String, discount: String, net: String) throws {
        var text = PlanText()
        text.rounding = rounding
        let s = try Scenario(plan: text, partners: "id,name,level,manager\nP1,Acme,Silver,cam\n",
                             deals: [.partner("D1", "2027-01-20", "100.10")])
        let priced = try s.priced("D1")
        #expect(priced.discount.formatted == discount)
        #expect(priced.net.formatted == net)
    }

    /// Half-even rounds a tie up when the kept digit is odd: 100.30 × 25 % = 25.075 → 25.08 in both modes.
    @Test("half-even tie toward the even neighbour above", arguments: ["half-even", "half-up"])
    func discountTieUp(rounding: String) throws {
        var text = PlanText()
        text.rounding = rounding
        let s = try Scenario(plan: text, partners: "id,name,level,manager\nP1,Acme,Silver,cam\n",
                             deals: [.partner("D1", "2027-01-20", "100.30")])
        #expect(try s.priced("D1").discount.formatted == "25.08")
    }

    /// Referral fee = 10 % × 100.05 = 10.005: half-even 10.00, half-up 10.01.
    @Test("referral fee at a tie", arguments: [("half-even", "10.00"), ("half-up", "10.01")])
    func referralTie(rounding: String, fee: String) throws {
        var text = PlanText()
        text.rounding = rounding
        var row = DealRow.direct("D1", "2027-01-10", "100.05")
        row.partner = "P1"
        row.sourcedBy = "partner"
        row.registration = "approved"
        let s = try Scenario(plan: text, deals: [row])
        #expect(try s.priced("D1").referralFee.formatted == fee)
    }
}
