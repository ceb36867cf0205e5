@testable import ChannelComp

/// A plan written as JSON text: the plan of SPEC 2.5 by default, with knobs for each test.
///
/// Every figure a test depends on is visible in the test itself, because the test sets the
/// knob it relies on; the defaults only fill in what the test does not care about.
///
///     var text = PlanText()
///     text.maxDiscount = nil            // no "max_discount" key at all: no cap
///     let plan = try text.load()        // through the real PlanLoader
struct PlanText {
    var name = "test plan"
    var currency = "USD"
    /// nil: key absent (default 1).
    var fiscalYearStartMonth: Int? = nil
    /// nil: key absent (default half-even).
    var rounding: String? = nil
    /// nil: key absent (default 0 = no clawback).
    var clawbackDays: Int? = 90
    /// The `price_book` object's members (nil: key absent).
    var priceBook: String? = PlanText.seatGraduated
    var trailingMonths = 12
    /// The `levels` array's items.
    var levels = PlanText.standardLevels
    var upfrontDiscount: String? = "5%"
    var registrationDiscount: String? = "10%"
    var maxDiscount: String? = "40%"
    var referralFee: String? = "10%"
    /// The `rebate` object (nil: key absent).
    var rebate: String? = PlanText.tiers("retroactive", [("0", "0%"), ("100000", "2%"), ("500000", "3%")])
    /// The `roles` object's members.
    var roles = PlanText.standardRoles

    /// SEAT: units 1–100 at 40.00, 101+ at 32.00 (SPEC 2.5).
    static let seatGraduated = """
        "SEAT": { "mode": "graduated", "tiers": [ { "up_to": "100", "unit_price": "40.00" }, { "up_to": null, "unit_price": "32.00" } ] }
        """
    /// Bronze 20 % from 0, Silver 25 % from 250000, Gold 30 % from 1000000 (SPEC 2.5).
    static let standardLevels = """
        { "name": "Bronze", "min_trailing_list": "0", "discount": "20%" },
        { "name": "Silver", "min_trailing_list": "250000", "discount": "25%" },
        { "name": "Gold", "min_trailing_list": "1000000", "discount": "30%" }
        """
    /// `direct_rep` (named / territory on net, marginal 5 % · 9 % from 100 % · 6 % from 150 %, cap
    /// 400000) and `channel_manager` (partner manager on net, registration required, retroactive
    /// 0 % · 2 % from 50 % · 3 % from 100 %), as in SPEC 2.5.
    static let standardRoles = """
        "direct_rep": {
          "direct_deals": { "credit": "named" },
          "partner_deals": { "credit": "territory", "basis": "net", "quota_credit": true, "requires_registration": false },
          "rates": \(tiers("marginal", [("0%", "5%"), ("100%", "9%"), ("150%", "6%")])),
          "cap": "400000"
        },
        "channel_manager": {
          "direct_deals": { "credit": "none" },
          "partner_deals": { "credit": "partner_manager", "basis": "net", "quota_credit": true, "requires_registration": true },
          "rates": \(tiers("retroactive", [("0%", "0%"), ("50%", "2%"), ("100%", "3%")]))
        }
        """

    /// `{ "method": "marginal", "tiers": [ { "from": "0%", "rate": "5%" }, … ] }`.
    static func tiers(_ method: String, _ tiers: [(from: String, rate: String)]) -> String {
        let items = tiers.map { "{ \"from\": \"\($0.from)\", \"rate\": \"\($0.rate)\" }" }.joined(separator: ", ")
        return "{ \"method\": \"\(method)\", \"tiers\": [ \(items) ] }"
    }

    /// One role member: `"name": { "direct_deals": …, "partner_deals": …, "rates": …, "cap": … }`.
    static func role(_ name: String, direct: String = "named", partner: String, rates: String?, cap: String? = nil) -> String {
        var members = ["\"direct_deals\": { \"credit\": \"\(direct)\" }", "\"partner_deals\": \(partner)"]
        if let rates { members.append("\"rates\": \(rates)") }
        if let cap { members.append("\"cap\": \"\(cap)\"") }
        return "\"\(name)\": { \(members.joined(separator: ", ")) }"
    }

    /// A `partner_deals` entry: `{ "credit": "territory", "basis": "net", … }`.
    static func partnerDeals(_ credit: String, basis: String = "net", quotaCredit: Bool = true,
                             requiresRegistration: Bool = false, flatRate: String? = nil) -> String {
        if credit == "none" { return "{ \"credit\": \"none\" }" }
        var s = "{ \"credit\": \"\(credit)\", \"basis\": \"\(basis)\", \"quota_credit\": \(quotaCredit), \"requires_registration\": \(requiresRegistration)"
        if let flatRate { s += ", \"flat_rate\": \"\(flatRate)\"" }
        return s + " }"
    }

    var json: String {
        var top: [String] = ["\"name\": \"\(name)\"", "\"currency\": \"\(currency)\""]
        if let fiscalYearStartMonth { top.append("\"fiscal_year_start_month\": \(fiscalYearStartMonth)") }
        if let rounding { top.append("\"rounding\": \"\(rounding)\"") }
        if let clawbackDays { top.append("\"clawback_days\": \(clawbackDays)") }
        if let priceBook { top.append("\"price_book\": { \(priceBook) }") }
        var partners = ["\"trailing_months\": \(trailingMonths)", "\"levels\": [ \(levels) ]"]
        if let upfrontDiscount { partners.append("\"upfront_discount\": \"\(upfrontDiscount)\"") }
        if let registrationDiscount { partners.append("\"registration_discount\": \"\(registrationDiscount)\"") }
        if let maxDiscount { partners.append("\"max_discount\": \"\(maxDiscount)\"") }
        if let referralFee { partners.append("\"referral_fee\": \"\(referralFee)\"") }
        if let rebate { partners.append("\"rebate\": \(rebate)") }
        top.append("\"partners\": { \(partners.joined(separator: ", ")) }")
        top.append("\"roles\": { \(roles) }")
        return "{\n  " + top.joined(separator: ",\n  ") + "\n}\n"
    }

    /// Loads the text through the real ``PlanLoader``; any error fails the test with every message.
    func load() throws -> Plan { try loadPlan(json) }
}

/// Loads plan JSON through the real ``PlanLoader``; throws every diagnostic when it is invalid.
func loadPlan(_ json: String, file: String = "plan.json") throws -> Plan {
    let (plan, diagnostics) = PlanLoader.load(file: file, bytes: Array(json.utf8))
    guard let plan, !diagnostics.hasErrors else {
        throw ScenarioError("plan does not load:\n" + diagnostics.items.map { $0.render() }.joined(separator: "\n") + "\n" + json)
    }
    return plan
}

/// A test builder's input was not what the test meant (the message lists every problem).
struct ScenarioError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
