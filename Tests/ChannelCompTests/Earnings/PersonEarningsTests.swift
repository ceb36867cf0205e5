import Testing
import _TestSupport
@testable import ChannelComp

/// A plan with one role `direct_rep` (named on direct deals) paid through `rates`, optional cap.
func singleRolePlan(rates: String, cap: String? = nil, rounding: String? = nil) -> PlanText {
    var text = PlanText()
    text.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory"), rates: rates, cap: cap)
    text.rounding = rounding
    return text
}

/// ann alone, quota `quota`.
func annWithQuota(_ quota: String) -> String {
    "id,name,role,quota,territory\nann,Ann,direct_rep,\(quota),WEST\n"
}

@Suite("Earnings: people (SPEC 3.4, 3.7, 6)")
struct PersonEarningsTests {
    /// Marginal vs retroactive at exactly 100 % and at 99.99 % of a 10000.00 quota, through the engine.
    ///
    /// 10000.00: marginal 10000 × 5 % = 500.00, retroactive 10000 × 9 % = 900.00.
    /// 9999.00 (99.99 %): both 9999 × 5 % = 499.95.
    @Test("marginal vs retroactive around 100 %",
          arguments: [("marginal", "10000.00", "1.0000", "500.00"), ("retroactive", "10000.00", "1.0000", "900.00"),
                      ("marginal", "9999.00", "0.9999", "499.95"), ("retroactive", "9999.00", "0.9999", "499.95")])
    func aroundQuota(method: String, credit: String, attainment: String, earned: String) throws {
        let s = try Scenario(plan: singleRolePlan(rates: PlanText.tiers(method, [("0%", "5%"), ("100%", "9%")])),
                             people: annWithQuota("10000"), partners: nil, deals: [.direct("D1", "2027-01-10", credit)])
        let ann = try #require(try s.run("2027-01").person("ann"))
        #expect(ann.creditYTD.formatted == credit)
        #expect(ann.attainment?.formatted(fractionDigits: 4) == attainment)
        #expect(ann.earnedYTD.formatted == earned)
    }

    /// Attainment is display only: 9999.99 of 10000 is 0.999999 → prints 1.0000, but the tiers use the
    /// exact ratio, so the 100 % tier (9 %) is not reached: retroactive 9999.99 × 5 % = 499.9995 → 500.00
    /// (in the 100 % tier it would be 899.9991 → 900.00).
    @Test("attainment 1.0000 on display is not 100 %")
    func attainmentDisplayOnly() throws {
        let s = try Scenario(plan: singleRolePlan(rates: PlanText.tiers("retroactive", [("0%", "5%"), ("100%", "9%")])),
                             people: annWithQuota("10000"), partners: nil, deals: [.direct("D1", "2027-01-10", "9999.99")])
        let ann = try #require(try s.run("2027-01").person("ann"))
        #expect(ann.attainment == exact("1.0000"))
        #expect(ann.tiered?.reached == 0)
        #expect(ann.tiered?.amount == exact("499.9995"))
        #expect(ann.earnedYTD.formatted == "500.00")
    }

    /// Attainment rounds half-even to 4 places: 3640 / 800000 = 0.00455 → 0.0046 (SPEC 7's cam);
    /// 2500 / 10000000 = 0.00025 → 0.0002 (tie to the even 2) even when the plan rounds money half-up.
    @Test("attainment rounds half-even to 4 places", arguments: [
        ("800000", "3640", nil, "0.0046"), ("10000000", "2500", nil, "0.0002"), ("10000000", "2500", "half-up", "0.0002"),
        ("10000000", "1350", "half-up", "0.0001"),   // 0.000135 → 0.0001 (below the tie)
        ("10000000", "1550", nil, "0.0002"),         // 0.000155 → 0.0002 (above the tie)
    ] as [(String, String, String?, String)])
    func attainmentRounding(quota: String, credit: String, rounding: String?, attainment: String) throws {
        let s = try Scenario(plan: singleRolePlan(rates: PlanText.tiers("marginal", [("0%", "5%")]), rounding: rounding),
                             people: annWithQuota(quota), partners: nil, deals: [.direct("D1", "2027-01-10", credit)])
        #expect(try s.run("2027-01").person("ann")?.attainment?.formatted(fractionDigits: 4) == attainment)
    }

    /// A cap reached mid-year: quota 100000, 5 % flat marginal, cap 1000.00.
    ///
    /// Jan 15000 → 750.00 (payout 750.00). Feb +10000 → 25000 × 5 % = 1250.00, capped 1000.00; paid
    /// 750.00 → payout 250.00. Mar +10000 → 35000 × 5 % = 1750.00, capped 1000.00; paid to date is
    /// February's capped 1000.00 (not 1250.00) → payout 0.00.
    @Test("cap reached mid-year", arguments: [
        ("2027-01", "15000.00", "750.00", "750.00", false, "0.00", "750.00"),
        ("2027-02", "25000.00", "1250.00", "1000.00", true, "750.00", "250.00"),
        ("2027-03", "35000.00", "1750.00", "1000.00", true, "1000.00", "0.00"),
    ])
    func capMidYear(period: String, creditYTD: String, uncapped: String, earned: String, capped: Bool,
                    paid: String, payout: String) throws {
        let s = try Scenario(plan: singleRolePlan(rates: PlanText.tiers("marginal", [("0%", "5%")]), cap: "1000"),
                             people: annWithQuota("100000"), partners: nil, deals: [
                                 .direct("D1", "2027-01-10", "15000"),
                                 .direct("D2", "2027-02-10", "10000"),
                                 .direct("D3", "2027-03-10", "10000"),
                             ])
        let ann = try #require(try s.run(period).person("ann"))
        #expect(ann.creditYTD.formatted == creditYTD)
        #expect(ann.earnedUncapped.formatted == uncapped)
        #expect(ann.earnedYTD.formatted == earned)
        #expect(ann.capped == capped)
        #expect(ann.paidToDate.formatted == paid)
        #expect(ann.payout.formatted == payout)
    }

    /// A clawback that turns YTD credit negative earns at the first tier's rate: a recovery.
    ///
    /// 20000.00 booked 2026-12-15 (fiscal year 2026), cancelled 2027-01-10 (26 days, clawed back in
    /// 2027-01): credit_ytd −20000.00, attainment −0.0400 (quota 500000); marginal first tier 5 % →
    /// earned −1000.00; first fiscal month → paid 0.00, payout −1000.00.
    @Test("negative YTD credit earns the first tier's rate")
    func negativeCredit() throws {
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2026-12-15", "20000"), .cancellation("D1", "2027-01-10")])
        let run = try s.run("2027-01")
        let ann = try #require(run.person("ann"))
        #expect(ann.creditPeriod.formatted == "-20000.00")
        #expect(ann.creditYTD.formatted == "-20000.00")
        #expect(ann.attainment == exact("-0.0400"))
        #expect(ann.earnedYTD.formatted == "-1000.00")
        #expect(ann.paidToDate.formatted == "0.00")
        #expect(ann.payout.formatted == "-1000.00")
        #expect(run.ledgerSummary.beforeFiscalYear == 1)  // the 2026 booking
        #expect(run.ledgerSummary.clawbacksUsed == 1)     // its 2027 cancellation
        // In fiscal year 2026 the booking stands: 20000 × 5 % = 1000.00.
        #expect(try s.run("2026-12").person("ann")?.earnedYTD.formatted == "1000.00")
    }

    /// Retroactive with no tier reached earns 0 (SPEC 7's cam: 3640.00 of 800000, below 50 %).
    @Test("retroactive with no tier reached earns 0", arguments: [("399999.99", "0.00"), ("400000.00", "8000.00")])
    func retroactiveNoTier(credit: String, earned: String) throws {
        // Tiers 2 % from 50 %, 3 % from 100 %, quota 800000: 50 % = 400000. 399999.99 → no tier → 0;
        // 400000.00 → 400000 × 2 % = 8000.00.
        let s = try Scenario(plan: singleRolePlan(rates: PlanText.tiers("retroactive", [("50%", "2%"), ("100%", "3%")])),
                             people: annWithQuota("800000"), partners: nil, deals: [.direct("D1", "2027-01-10", credit)])
        let ann = try #require(try s.run("2027-01").person("ann"))
        #expect(ann.earnedYTD.formatted == earned)
        #expect(ann.tiered?.reached == (earned == "0.00" ? nil : 0))
    }

    /// Earnings round once, with the plan's mode: 10.10 × 5 % = 0.505 → half-even 0.50, half-up 0.51.
    @Test("earnings rounding at a tie", arguments: [("half-even", "0.50"), ("half-up", "0.51")])
    func earningsTie(rounding: String, earned: String) throws {
        let s = try Scenario(plan: singleRolePlan(rates: PlanText.tiers("marginal", [("0%", "5%")]), rounding: rounding),
                             people: annWithQuota("100000"), partners: nil, deals: [.direct("D1", "2027-01-10", "10.10")])
        #expect(try s.run("2027-01").person("ann")?.earnedYTD.formatted == earned)
    }

    /// Rounded once over the year, not per month: 10.10 in January and 10.10 in February at 5 % →
    /// January 0.505 → 0.50 (half-even); February YTD 20.20 × 5 % = 1.01 → payout 1.01 − 0.50 = 0.51.
    @Test("earned_ytd is rounded from the exact YTD amount")
    func roundedOncePerYTD() throws {
        let s = try Scenario(plan: singleRolePlan(rates: PlanText.tiers("marginal", [("0%", "5%")])),
                             people: annWithQuota("100000"), partners: nil,
                             deals: [.direct("D1", "2027-01-10", "10.10"), .direct("D2", "2027-02-10", "10.10")])
        let feb = try #require(try s.run("2027-02").person("ann"))
        #expect(feb.earnedYTD.formatted == "1.01")
        #expect(feb.paidToDate.formatted == "0.50")
        #expect(feb.payout.formatted == "0.51")
    }

    /// half-up rounds a negative tie away from zero (SPEC 6: −0.005 → −0.01), half-even to the even
    /// neighbour: 10.10 booked in 2026-12 and clawed back 2027-01-05 → credit_ytd −10.10 × 5 % = −0.505
    /// → half-up −0.51, half-even −0.50.
    @Test("negative earnings at a tie", arguments: [("half-up", "-0.51"), ("half-even", "-0.50")])
    func negativeTie(rounding: String, earned: String) throws {
        let s = try Scenario(plan: singleRolePlan(rates: PlanText.tiers("marginal", [("0%", "5%")]), rounding: rounding),
                             people: annWithQuota("100000"), partners: nil,
                             deals: [.direct("D1", "2026-12-20", "10.10"), .cancellation("D1", "2027-01-05")])
        let ann = try #require(try s.run("2027-01").person("ann"))
        #expect(ann.creditYTD.formatted == "-10.10")
        #expect(ann.earnedYTD.formatted == earned)
        #expect(ann.payout.formatted == earned)
    }

    /// No negative zero: 0.05 clawed back → credit −0.05, attainment −0.05 / 100000 = −0.0000005 →
    /// 0.0000, earned −0.05 × 5 % = −0.0025 → 0.00 (half-up: below the tie), printed without a sign.
    @Test("tiny negative figures print without a sign", arguments: ["half-even", "half-up"])
    func noNegativeZero(rounding: String) throws {
        let s = try Scenario(plan: singleRolePlan(rates: PlanText.tiers("marginal", [("0%", "5%")]), rounding: rounding),
                             people: annWithQuota("100000"), partners: nil,
                             deals: [.direct("D1", "2026-12-20", "0.05"), .cancellation("D1", "2027-01-05")])
        let run = try s.run("2027-01")
        let ann = try #require(run.person("ann"))
        #expect(ann.creditYTD.formatted == "-0.05")
        #expect(ann.attainment?.formatted(fractionDigits: 4) == "0.0000")
        #expect(ann.earnedYTD.formatted == "0.00")
        #expect(ann.payout.formatted == "0.00")
        #expect(run.summaryRows.first == "person,ann,2027-01,-0.05,-0.05,0.0000,0.00,0.00,0.00,USD")
    }

    /// The cap bounds the whole of earned_ytd, flat-rate pay included: quota credit 10000 × 5 % = 500
    /// plus flat 1.5 % × N 8000.00 (Bronze 20 % off 10000) = 120 → 620.00, capped at 600.00.
    @Test("cap includes flat-rate pay")
    func capIncludesFlat() throws {
        var text = PlanText()
        text.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory", quotaCredit: false, flatRate: "1.5%"),
                                   rates: PlanText.tiers("marginal", [("0%", "5%")]), cap: "600")
        let s = try Scenario(plan: text, people: annWithQuota("100000"), partners: "id,name,level,manager\nP1,Acme,,\n",
                             deals: [.direct("D1", "2027-01-10", "10000"), .partner("D2", "2027-01-20", "10000")])
        let ann = try #require(try s.run("2027-01").person("ann"))
        #expect(ann.creditYTD.formatted == "10000.00")
        #expect(ann.flatCreditYTD.formatted == "8000.00")
        #expect(ann.earnedUncapped.formatted == "620.00")
        #expect(ann.earnedYTD.formatted == "600.00")
        #expect(ann.capped)
    }

    /// JPY has no minor unit: 12345 × 5 % = 617.25 → 617 (SPEC 6 minor units).
    @Test("earnings in a currency without minor units")
    func yen() throws {
        var text = singleRolePlan(rates: PlanText.tiers("marginal", [("0%", "5%")]))
        text.currency = "JPY"
        var row = DealRow.direct("D1", "2027-01-10", "12345")
        row.currency = "JPY"
        let s = try Scenario(plan: text, people: annWithQuota("1000000"), partners: nil, deals: [row])
        let ann = try #require(try s.run("2027-01").person("ann"))
        #expect(ann.earnedYTD.formatted == "617")
        #expect(ann.creditYTD.formatted == "12345")
    }
}
