/// A compensation plan: currency, calendar, partner program and the roles people are paid under.
///
/// Loaded from JSON by ``PlanLoader``; every rule keeps the key path it came from
/// (`roles.direct_rep.rates.tiers[1]`) so that `explain` can name it.
public struct Plan: Sendable {
    public var name: String
    public var currency: Currency
    public var fiscalCalendar: FiscalCalendar
    public var rounding: RoundingRule
    /// 0 = no clawback at all.
    public var clawbackDays: Int
    /// Products priced by the plan, by product id.
    public var priceBook: [String: PriceSchedule]
    public var partnerProgram: PartnerProgram
    /// Roles in the order the plan file lists them.
    public var roles: [Role]

    public func role(named name: String) -> Role? { roles.first { $0.name == name } }
    public func roleIndex(named name: String) -> Int? { roles.firstIndex { $0.name == name } }
}

/// How a price-book product's list amount follows from the quantity.
///
/// SEAT, graduated, tiers up to 100 at 40.00 then 32.00: 150 units → 100 × 40 + 50 × 32 = 5600.00;
/// volume pricing would give 150 × 32 = 4800.00.
public struct PriceSchedule: Sendable, Equatable {
    public enum Mode: String, Sendable { case graduated, volume }
    public struct Tier: Sendable, Equatable {
        /// Inclusive upper bound of the band; nil = unbounded (last tier only).
        public var upTo: ExactDecimal?
        public var unitPrice: ExactDecimal
    }
    public var mode: Mode
    public var tiers: [Tier]
    /// `price_book.SEAT`
    public var keyPath: String
}

/// A named partner level and the trailing list volume that earns it.
public struct PartnerLevel: Sendable, Equatable {
    public var name: String
    public var minTrailingList: ExactDecimal
    public var discount: Rate
    public var keyPath: String
}

/// The partner program: levels, discount stacking, referral fee and rebates.
public struct PartnerProgram: Sendable {
    public var trailingMonths: Int
    /// Levels sorted by ascending `minTrailingList`.
    public var levels: [PartnerLevel]
    public var upfrontDiscount: Rate
    public var registrationDiscount: Rate
    /// nil = no cap.
    public var maxDiscount: Rate?
    public var referralFee: Rate
    /// Quarterly volume rebate over money tiers, if any.
    public var rebate: TierSchedule?

    public func levelIndex(named name: String) -> Int? { levels.firstIndex { $0.name == name } }
}

/// Tiered rates: OpenFisca's marginal and single-amount scales.
///
/// Tiers from 0 % at 5 %, from 100 % at 9 %; quota 100000, credit 120000:
/// marginal → 100000 × 5 % + 20000 × 9 % = 6800; retroactive → 120000 × 9 % = 10800.
public struct TierSchedule: Sendable, Equatable {
    public enum Method: String, Sendable { case marginal, retroactive }
    public struct Tier: Sendable, Equatable {
        /// Role tiers: a fraction of quota (1.00 = 100 %); rebate tiers: a money amount.
        public var from: ExactDecimal
        public var rate: Rate
    }
    public var method: Method
    /// Strictly ascending by `from`; never empty.
    public var tiers: [Tier]
    /// `roles.direct_rep.rates` or `partners.rebate`
    public var keyPath: String
}

/// Who a role credits on one channel, on what basis, and how it is paid.
public struct CreditRule: Sendable, Equatable {
    public enum Method: String, Sendable {
        case named, territory
        case partnerManager = "partner_manager"
        /// SPEC 8.3: the people of the role above someone credited on the line by another method.
        case team
        case none
    }
    public enum Basis: String, Sendable { case net, gross }
    public var method: Method
    /// Partner deals only (direct deals are always credited on revenue S).
    public var basis: Basis
    /// True: counts toward attainment and is paid through `rates`; false: paid at `flatRate`.
    public var quotaCredit: Bool
    public var requiresRegistration: Bool
    public var flatRate: Rate?
    /// `roles.direct_rep.partner_deals`
    public var keyPath: String
}

/// A role: how its people are credited on each channel and paid.
public struct Role: Sendable {
    public var name: String
    public var directDeals: CreditRule
    public var partnerDeals: CreditRule
    /// nil: the role earns only flat-rate pay and its people need no quota.
    public var rates: TierSchedule?
    public var cap: Money?
    public var keyPath: String

    public func rule(for channel: Channel) -> CreditRule {
        channel == .direct ? directDeals : partnerDeals
    }
}
