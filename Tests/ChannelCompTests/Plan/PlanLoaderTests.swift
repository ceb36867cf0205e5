import Testing
import _TestSupport
@testable import ChannelComp

@Suite("Plan loader: defaults and the readings the domain relies on (SPEC 2.5, 6)")
struct PlanLoaderTests {
    /// Optional keys absent: fiscal year from January, half-even, no clawback, no cap, zero rates.
    @Test("defaults of optional keys")
    func defaults() throws {
        var text = PlanText()
        text.clawbackDays = nil
        text.maxDiscount = nil
        text.upfrontDiscount = nil
        text.registrationDiscount = nil
        text.referralFee = nil
        text.rebate = nil
        text.priceBook = nil
        let plan = try text.load()
        #expect(plan.fiscalCalendar.startMonth == 1)
        #expect(plan.rounding == .halfEven)
        #expect(plan.clawbackDays == 0)
        #expect(plan.partnerProgram.maxDiscount == nil)
        #expect(plan.partnerProgram.upfrontDiscount == .zero)
        #expect(plan.partnerProgram.registrationDiscount == .zero)
        #expect(plan.partnerProgram.referralFee == .zero)
        #expect(plan.partnerProgram.rebate == nil)
        #expect(plan.priceBook.isEmpty)
    }

    /// The SPEC 2.5 plan as written: every figure where the domain expects it.
    @Test("the SPEC 2.5 plan")
    func specPlan() throws {
        let plan = try loadPlan(Scenario.repositoryText("Plans/channel-neutral.json"))
        #expect(plan.currency.code == "USD")
        #expect(plan.clawbackDays == 90)
        #expect(plan.partnerProgram.trailingMonths == 12)
        #expect(plan.partnerProgram.levels.map(\.name) == ["Bronze", "Silver", "Gold"])
        #expect(plan.partnerProgram.levels.map(\.minTrailingList) == [exact("0"), exact("250000"), exact("1000000")])
        #expect(plan.partnerProgram.maxDiscount == Rate(fraction: exact("0.40")))
        let rep = try #require(plan.role(named: "direct_rep"))
        #expect(rep.rates?.method == .marginal)
        // "100%" is stored as the fraction 1.00 of quota; "9%" as 0.09.
        #expect(rep.rates?.tiers.map(\.from) == [exact("0"), exact("1"), exact("1.5")])
        #expect(rep.rates?.tiers.map(\.rate.fraction) == [exact("0.05"), exact("0.09"), exact("0.06")])
        #expect(rep.cap?.amount == exact("400000"))
        #expect(rep.partnerDeals.basis == .net)
        #expect(rep.partnerDeals.method == .territory)
        let manager = try #require(plan.role(named: "channel_manager"))
        #expect(manager.partnerDeals.requiresRegistration)
        #expect(manager.directDeals.method == CreditRule.Method.none)
        // Rebate tier `from` is money, not a rate.
        #expect(plan.partnerProgram.rebate?.tiers.map(\.from) == [exact("0"), exact("100000"), exact("500000")])
        #expect(plan.roles.map(\.name) == ["direct_rep", "channel_manager"])
    }

    /// "35%" and "0.35" are the same rate; both stack the same discount.
    @Test("percent and fraction spellings", arguments: [("35%", "0.35"), ("12.5%", "0.125"), ("0%", "0"), ("100%", "1")])
    func rateSpellings(percent: String, fraction: String) throws {
        var a = PlanText()
        a.maxDiscount = percent
        var b = PlanText()
        b.maxDiscount = fraction
        #expect(try a.load().partnerProgram.maxDiscount == b.load().partnerProgram.maxDiscount)
        #expect(try a.load().partnerProgram.maxDiscount?.fraction == exact(fraction))
    }

    /// Rules the domain tests depend on, each naming its key path.
    @Test("invalid plans name the key", arguments: [
        ("quota_credit false without flat_rate", "roles.channel_manager.partner_deals.flat_rate"),
        ("negative rate", "partners.max_discount"),
        ("rate as a JSON number", "partners.referral_fee"),
        ("tiers not ascending", "roles.direct_rep.rates.tiers[1].from"),
        ("duplicate level minimum", "partners.levels[1].min_trailing_list"),
        ("unknown key", "partners.max_discout"),
        ("cap with too many decimals", "roles.direct_rep.cap"),
        ("unknown currency", "currency"),
        ("fiscal_year_start_month 13", "fiscal_year_start_month"),
        ("negative clawback_days", "clawback_days"),
        ("empty tier list", "roles.direct_rep.rates.tiers"),
        ("unbounded price tier not last", "price_book.SEAT.tiers[0].up_to"),
    ])
    func invalid(name: String, path: String) throws {
        var text = PlanText()
        switch name {
        case "quota_credit false without flat_rate":
            text.roles = PlanText.role("channel_manager", direct: "none", partner: PlanText.partnerDeals("partner_manager", quotaCredit: false), rates: nil)
        case "negative rate": text.maxDiscount = "-5%"
        case "rate as a JSON number": text.referralFee = nil; text.rebate = nil
        case "tiers not ascending":
            text.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory"), rates: PlanText.tiers("marginal", [("0%", "5%"), ("0%", "9%")]))
        case "duplicate level minimum":
            text.levels = "{ \"name\": \"A\", \"min_trailing_list\": \"0\", \"discount\": \"1%\" }, { \"name\": \"B\", \"min_trailing_list\": \"0.00\", \"discount\": \"2%\" }"
        case "unknown key": text.maxDiscount = nil; text.rebate = nil
        case "cap with too many decimals":
            text.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory"), rates: PlanText.tiers("marginal", [("0%", "5%")]), cap: "100.001")
        case "unknown currency": text.currency = "XYZ"
        case "fiscal_year_start_month 13": text.fiscalYearStartMonth = 13
        case "negative clawback_days": text.clawbackDays = -1
        case "empty tier list":
            text.roles = "\"direct_rep\": { \"direct_deals\": { \"credit\": \"named\" }, \"partner_deals\": { \"credit\": \"none\" }, \"rates\": { \"method\": \"marginal\", \"tiers\": [] } }"
        case "unbounded price tier not last":
            text.priceBook = "\"SEAT\": { \"mode\": \"graduated\", \"tiers\": [ { \"up_to\": null, \"unit_price\": \"40\" }, { \"up_to\": \"100\", \"unit_price\": \"32\" } ] }"
        default: Issue.record("unknown vector \(name)")
        }
        var json = text.json
        if name == "rate as a JSON number" {
            json = json.replacingFirst("\"trailing_months\"", with: "\"referral_fee\": 0.1, \"trailing_months\"")
        }
        if name == "unknown key" {
            json = json.replacingFirst("\"trailing_months\"", with: "\"max_discout\": \"40%\", \"trailing_months\"")
        }
        let errors = PlanLoader.load(file: "plan.json", bytes: Array(json.utf8)).1.errors
        #expect(errors.contains { $0.field == "key \(path)" }, "\(name): \(errors.map { $0.render() })")
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced (no Foundation needed).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
