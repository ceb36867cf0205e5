import Testing
import _TestSupport
@testable import ChannelComp

/// A plan whose partner deals are invoiced at list (one level at 0 %, no other discounts), so N = L
/// and quarter purchases are exactly the list amounts written in the test.
func netEqualsListPlan(rebate: String?, fiscalYearStartMonth: Int? = nil) -> PlanText {
    var text = PlanText()
    text.levels = "{ \"name\": \"Base\", \"min_trailing_list\": \"0\", \"discount\": \"0%\" }"
    text.upfrontDiscount = nil
    text.registrationDiscount = nil
    text.maxDiscount = nil
    text.rebate = rebate
    text.fiscalYearStartMonth = fiscalYearStartMonth
    return text
}

/// One rebate vector: a quarter's net purchases and the rebate they earn.
struct RebateVector: CustomTestStringConvertible, Sendable {
    let name: String
    let method: String
    let purchases: String
    /// Exact tiered amount and the rebate rounded once.
    let exactRebate: String
    let rebate: String
    var testDescription: String { name }
}

@Suite("Partners: rebates, referral fees, clawbacks (SPEC 3.5, 3.6, 6)")
struct PartnerEarningsTests {
    /// Tiers 0 % from 0, 2 % from 100000, 3 % from 500000 (SPEC 2.5).
    static let rebateTiers: [(from: String, rate: String)] = [("0", "0%"), ("100000", "2%"), ("500000", "3%")]

    static let vectors: [RebateVector] = [
        // Retroactive: all purchases at the rate of the highest tier reached.
        .init(name: "retroactive at 100000.00", method: "retroactive", purchases: "100000.00",
              exactRebate: "2000.0000", rebate: "2000.00"),                    // 100000 × 2 %
        .init(name: "retroactive at 99999.99", method: "retroactive", purchases: "99999.99",
              exactRebate: "0", rebate: "0.00"),                               // below 100000: 0 %
        .init(name: "retroactive at 500000.00", method: "retroactive", purchases: "500000.00",
              exactRebate: "15000.0000", rebate: "15000.00"),                  // 500000 × 3 %
        .init(name: "retroactive at 499999.99", method: "retroactive", purchases: "499999.99",
              exactRebate: "9999.9998", rebate: "10000.00"),                   // 499999.99 × 2 %, rounded once
        // Marginal: each slice at its tier's rate.
        .init(name: "marginal at 100000.00", method: "marginal", purchases: "100000.00",
              exactRebate: "0", rebate: "0.00"),                               // 100000 × 0 % + 0 × 2 %
        .init(name: "marginal at 99999.99", method: "marginal", purchases: "99999.99",
              exactRebate: "0", rebate: "0.00"),
        .init(name: "marginal at 500000.00", method: "marginal", purchases: "500000.00",
              exactRebate: "8000.0000", rebate: "8000.00"),                    // 400000 × 2 %
        .init(name: "marginal at 499999.99", method: "marginal", purchases: "499999.99",
              exactRebate: "7999.9998", rebate: "8000.00"),                    // 399999.99 × 2 %
        .init(name: "marginal at 600000.00", method: "marginal", purchases: "600000.00",
              exactRebate: "11000.0000", rebate: "11000.00"),                  // 400000 × 2 % + 100000 × 3 %
    ]

    /// One partner booking of `purchases` in 2027-01 (Q1); the rebate appears in 2027-03.
    @Test("rebate tiers at and one cent below a boundary", arguments: vectors)
    func rebate(_ v: RebateVector) throws {
        let s = try Scenario(plan: netEqualsListPlan(rebate: PlanText.tiers(v.method, Self.rebateTiers)),
                             deals: [.partner("D1", "2027-01-15", v.purchases)])
        let run = try s.run("2027-03")
        let p1 = try #require(run.partner("P1"))
        let q1 = try #require(p1.quarters.first)
        #expect(q1.purchases.formatted == v.purchases)
        #expect(q1.ended)
        #expect(q1.tiers?.amount == exact(v.exactRebate), "\(v.name): \(String(describing: q1.tiers?.amount))")
        #expect(q1.rebate.formatted == v.rebate, "\(v.name)")
        #expect(p1.earnedYTD.formatted == v.rebate, "\(v.name)")
    }

    /// A quarter's rebate is earned in its last month only: 100000.00 bought in January → 0, 0, then
    /// 2000.00 in March (paid in full as March's payout), and April pays nothing more.
    @Test("rebate appears in the quarter's last month",
          arguments: [("2027-01", "0.00", "0.00", "0.00"), ("2027-02", "0.00", "0.00", "0.00"),
                      ("2027-03", "2000.00", "0.00", "2000.00"), ("2027-04", "2000.00", "2000.00", "0.00")])
    func rebateTiming(period: String, earned: String, paid: String, payout: String) throws {
        let s = try Scenario(plan: netEqualsListPlan(rebate: PlanText.tiers("retroactive", Self.rebateTiers)),
                             deals: [.partner("D1", "2027-01-15", "100000")])
        let p1 = try #require(try s.run(period).partner("P1"))
        #expect(p1.earnedYTD.formatted == earned)
        #expect(p1.paidToDate.formatted == paid)
        #expect(p1.payout.formatted == payout)
        #expect(p1.purchasesYTD.formatted == "100000.00")
    }

    /// fiscal_year_start_month 4: 2027-01…03 is Q4 of the fiscal year that began 2026-04. The
    /// rebate (100000 × 2 % = 2000.00) is earned in 2027-03; 2027-04 starts a new fiscal year where
    /// P1 has earned nothing and nothing was paid (first fiscal month).
    @Test("fiscal year from April: January's purchases are Q4")
    func aprilFiscalYear() throws {
        let s = try Scenario(plan: netEqualsListPlan(rebate: PlanText.tiers("retroactive", Self.rebateTiers), fiscalYearStartMonth: 4),
                             deals: [.partner("D1", "2027-01-15", "100000")])
        let march = try s.run("2027-03")
        #expect(march.fiscalYearStart == Period(year: 2026, month: 4))
        let p1 = try #require(march.partner("P1"))
        #expect(p1.quarters.count == 4)
        #expect(p1.quarters[3].start == Period(year: 2027, month: 1))
        #expect(p1.quarters[3].purchases.formatted == "100000.00")
        #expect(p1.quarters[3].rebate.formatted == "2000.00")
        #expect(p1.quarters[0].purchases.formatted == "0.00")
        #expect(p1.earnedYTD.formatted == "2000.00")
        #expect(p1.payout.formatted == "2000.00")
        let april = try #require(try s.run("2027-04").partner("P1"))
        #expect(april.earnedYTD.formatted == "0.00")
        #expect(april.paidToDate.formatted == "0.00")
        #expect(april.payout.formatted == "0.00")
        #expect(april.purchasesYTD.formatted == "0.00")
    }

    /// Quarters are blocks of the fiscal year, so a start month that is not 1, 4, 7 or 10 regroups them.
    ///
    /// 60000.00 in 2027-02 and 60000.00 in 2027-04:
    /// * calendar year: Q1 (Jan–Mar) 60000 → 0, Q2 (Apr–Jun) 60000 → 0; earned by 2027-06: 0.00;
    /// * fiscal year from February: Q1 (Feb–Apr) 120000 → 120000 × 2 % = 2400.00, earned in 2027-04.
    @Test("fiscal year from February regroups quarters",
          arguments: [(nil, "2027-04", "0.00"), (nil, "2027-06", "0.00"), (2, "2027-03", "0.00"), (2, "2027-04", "2400.00")])
    func februaryFiscalYear(startMonth: Int?, period: String, earned: String) throws {
        let s = try Scenario(plan: netEqualsListPlan(rebate: PlanText.tiers("retroactive", Self.rebateTiers), fiscalYearStartMonth: startMonth),
                             deals: [.partner("D1", "2027-02-15", "60000"), .partner("D2", "2027-04-15", "60000")])
        #expect(try s.run(period).partner("P1")?.earnedYTD.formatted == earned)
    }

    /// Negative quarter purchases earn at the first tier's rate (SPEC 6): 150000.00 booked in
    /// 2026-12, clawed back 2027-01-10 → Q1 2027 purchases −150000.00 → × 1 % = −1500.00 in 2027-03.
    @Test("negative quarter purchases earn the first tier's rate")
    func negativeQuarter() throws {
        let s = try Scenario(plan: netEqualsListPlan(rebate: PlanText.tiers("retroactive", [("0", "1%"), ("100000", "2%")])),
                             deals: [.partner("D1", "2026-12-15", "150000"), .cancellation("D1", "2027-01-10")])
        let p1 = try #require(try s.run("2027-03").partner("P1"))
        #expect(p1.purchasesYTD.formatted == "-150000.00")
        #expect(p1.quarters[0].rebate.formatted == "-1500.00")
        #expect(p1.earnedYTD.formatted == "-1500.00")
        #expect(p1.payout.formatted == "-1500.00")  // a recovery
    }

    // MARK: Referral fees

    /// A referral deal: direct, S = 2 × 2500 = 5000.00, sourced by P1 (SPEC 7, D3).
    static func referral(registration: String, partner: String = "P1", date: String = "2027-01-25") -> DealRow {
        var row = DealRow.direct("D3", date, "2500", quantity: "2")
        row.partner = partner
        row.sourcedBy = "partner"
        row.registration = registration
        return row
    }

    /// Fee = 10 % × 5000.00 = 500.00 with approval; nothing when pending, rejected or none.
    @Test("referral fee needs an approved registration",
          arguments: [("approved", "500.00"), ("pending", "0.00"), ("rejected", "0.00"), ("none", "0.00"), ("", "0.00")])
    func referralFee(registration: String, fee: String) throws {
        let s = try Scenario(plan: PlanText(), deals: [Self.referral(registration: registration)])
        let run = try s.run("2027-01")
        let p1 = try #require(run.partner("P1"))
        #expect(p1.referralFeesYTD.formatted == fee)
        #expect(p1.earnedYTD.formatted == fee)
        #expect(p1.payout.formatted == fee)
        #expect(p1.purchasesYTD.formatted == "0.00")  // a referral is not a purchase
        #expect(run.person("ann")?.creditYTD.formatted == "5000.00")  // ann is credited either way
    }

    /// sourced_by=partner with no partner is valid and pays no one (SPEC 6).
    @Test("referral without a partner is valid and pays no fee")
    func referralWithoutPartner() throws {
        let s = try Scenario(plan: PlanText(), deals: [Self.referral(registration: "approved", partner: "")])
        let run = try s.run("2027-01")
        #expect(run.partner("P1")?.earnedYTD.formatted == "0.00")
        #expect(run.person("ann")?.creditYTD.formatted == "5000.00")
    }

    /// The fee is earned in the booking's period: a referral dated 2027-02-03 pays nothing in January.
    @Test("referral fee lands in the booking's period")
    func referralPeriod() throws {
        let s = try Scenario(plan: PlanText(), deals: [Self.referral(registration: "approved", date: "2027-02-03")])
        #expect(try s.run("2027-01").partner("P1")?.earnedYTD.formatted == "0.00")
        let feb = try #require(try s.run("2027-02").partner("P1"))
        #expect(feb.earnedYTD.formatted == "500.00")
        #expect(feb.paidToDate.formatted == "0.00")
        #expect(feb.payout.formatted == "500.00")
    }

    /// A clawed-back referral reverses the same rounded fee: S = 100.05, fee 10 % = 10.005 →
    /// half-up 10.01 (half-even 10.00); cancelled 2027-02-01 (7 days) → February: earned 0.00,
    /// paid (January's earnings) 10.01, payout −10.01.
    @Test("clawed-back referral reverses the same rounded fee", arguments: [("half-up", "10.01"), ("half-even", "10.00")])
    func referralClawback(rounding: String, fee: String) throws {
        var text = PlanText()
        text.rounding = rounding
        var row = Self.referral(registration: "approved", date: "2027-01-25")
        row.quantity = "1"
        row.unitListPrice = "100.05"
        let s = try Scenario(plan: text, deals: [row, .cancellation("D3", "2027-02-01")])
        let jan = try #require(try s.run("2027-01").partner("P1"))
        #expect(jan.earnedYTD.formatted == fee)
        let feb = try #require(try s.run("2027-02").partner("P1"))
        #expect(feb.referralFeesYTD.formatted == "0.00")
        #expect(feb.earnedYTD.formatted == "0.00")
        #expect(feb.paidToDate.formatted == fee)
        #expect(feb.payout.formatted == "-" + fee)
    }

    // MARK: Clawback window

    /// Booked 2027-01-10; day 90 is 2027-04-10 (21 + 28 + 31 + 10 days), day 91 is 2027-04-11.
    /// Inside: April reverses ann's 10000.00 (earned 500.00 → 0.00, payout −500.00).
    /// Outside: no effect, reported as outside the window.
    @Test("clawback on day clawback_days is inside, the day after is outside",
          arguments: [("2027-04-10", "-10000.00", "0.00", "0.00", "-500.00", 1, 0),
                      ("2027-04-11", "0.00", "10000.00", "500.00", "0.00", 0, 1)])
    func clawbackWindow(cancelled: String, creditPeriod: String, creditYTD: String, earned: String, payout: String,
                        clawbacks: Int, outside: Int) throws {
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "10000"), .cancellation("D1", cancelled)])
        let run = try s.run("2027-04")
        let ann = try #require(run.person("ann"))
        #expect(ann.creditPeriod.formatted == creditPeriod)
        #expect(ann.creditYTD.formatted == creditYTD)
        #expect(ann.earnedYTD.formatted == earned)
        #expect(ann.paidToDate.formatted == "500.00")  // March's earnings: 10000 × 5 %
        #expect(ann.payout.formatted == payout)
        #expect(run.ledgerSummary.clawbacksUsed == clawbacks)
        #expect(run.ledgerSummary.outsideClawbackWindow == outside)
    }

    /// clawback_days 0 (or absent) means no clawback at all, even for a same-day cancellation.
    @Test("clawback_days 0 disables clawback", arguments: [Optional(0), nil])
    func noClawback(days: Int?) throws {
        var text = PlanText()
        text.clawbackDays = days
        let s = try Scenario(plan: text, deals: [.direct("D1", "2027-01-10", "10000"), .cancellation("D1", "2027-01-10")])
        let run = try s.run("2027-01")
        #expect(run.person("ann")?.creditYTD.formatted == "10000.00")
        #expect(run.person("ann")?.earnedYTD.formatted == "500.00")  // 10000 × 5 %
        #expect(run.ledgerSummary.outsideClawbackWindow == 1)
        #expect(run.ledgerSummary.clawbacksUsed == 0)
    }

    /// A partner clawback reverses everything the booking did, in the cancellation's period:
    /// L 10000, Bronze 20 % → N 8000.00 to ann (territory) and cam (approved), and P1's purchases.
    @Test("partner clawback reverses credit and purchases in its own period")
    func partnerClawback() throws {
        let s = try Scenario(plan: PlanText(), deals: [
            .partner("D1", "2027-01-20", "10000", registration: "approved"),
            .cancellation("D1", "2027-02-05"),
        ])
        // Approved adds 10 %: 20 % + 10 % = 30 % → D 3000, N 7000.
        let jan = try s.run("2027-01")
        #expect(jan.person("ann")?.creditPeriod.formatted == "7000.00")
        #expect(jan.person("cam")?.creditPeriod.formatted == "7000.00")
        #expect(jan.partner("P1")?.purchasesPeriod.formatted == "7000.00")
        let feb = try s.run("2027-02")
        #expect(feb.person("ann")?.creditPeriod.formatted == "-7000.00")
        #expect(feb.person("ann")?.creditYTD.formatted == "0.00")
        #expect(feb.person("ann")?.payout.formatted == "-350.00")  // 7000 × 5 % recovered
        #expect(feb.person("cam")?.creditPeriod.formatted == "-7000.00")
        #expect(feb.partner("P1")?.purchasesPeriod.formatted == "-7000.00")
        #expect(feb.partner("P1")?.purchasesYTD.formatted == "0.00")
    }
}
