/// What a person earned in a fiscal year through a period (SPEC 3.4): the one place that turns
/// credit into pay.
///
/// `earned_ytd = min(cap, round(tiered(credit_ytd) + flat_rate × flat_credit_ytd))`.
///
/// Marginal tiers 0 % → 5 %, 100 % → 9 %, 150 % → 6 %, quota 500000.00, credit 800000.00, cap
/// 400000.00: tiered = 500000 × 5 % + 250000 × 9 % + 50000 × 6 % = 25000 + 22500 + 3000
/// = 50500 (exact) → rounded 50500.00 → under the cap → earned 50500.00.
public struct PersonEarnings: Sendable {
    /// What the tiers made of the quota credit (nil when the role has no rates or the person no quota).
    public var tiered: Tiers.Result?
    /// Flat-rate pay, exact.
    public var flatPay: ExactDecimal
    /// tiered + flat, exact (before rounding).
    public var exact: ExactDecimal
    /// round(tiered + flat) with the plan's rounding, before the cap.
    public var uncapped: Money
    /// The role's cap, when it has one.
    public var cap: Money?
    /// True when the cap bound (uncapped > cap).
    public var capped: Bool
    /// min(cap, uncapped).
    public var earned: Money

    /// Applies the role's rates to `credit` (quota credit YTD) against `quota`, adds the exact
    /// flat-rate pay, rounds once and applies the cap.
    ///
    ///     // Retroactive 0 % → 0 %, 50 % → 2 %, 100 % → 3 %; quota 800000; credit 3640.00
    ///     // attainment 0.455 % is below 50 % → rate 0 % → earned 0.00 (SPEC 7, cam).
    public static func compute(role: Role, quota: Money?, credit: Money, flatPay: ExactDecimal,
                               rounding: RoundingRule) throws(NumericError) -> PersonEarnings {
        var tiered: Tiers.Result? = nil
        var exact = flatPay
        if let rates = role.rates, let quota {
            // quota_Y 0 (no row in the fiscal year, or prorated to 0): the first tier's rate (SPEC 8.2).
            let result = quota.isZero ? try Tiers.atFirstRate(rates, to: credit.amount)
                : try Tiers.apply(rates, to: credit.amount, scale: quota.amount)
            tiered = result
            exact = try exact.adding(result.amount)
        }
        let uncapped = try Money(exact, credit.currency).rounded(rounding)
        var earned = uncapped
        var capped = false
        if let cap = role.cap, uncapped > cap {
            earned = cap
            capped = true
        }
        return PersonEarnings(tiered: tiered, flatPay: flatPay, exact: exact, uncapped: uncapped, cap: role.cap,
                              capped: capped, earned: earned)
    }

    /// Attainment as shown (SPEC 4.1, 6): credit / quota rounded half-even to 4 places; nil
    /// without a positive quota. Display only — tiers use the exact ratio.
    ///
    ///     attainment(credit: 18640.00, quota: 500000.00) == 0.0373   // 0.03728
    public static func attainment(credit: Money, quota: Money?) throws(NumericError) -> ExactDecimal? {
        guard let q = quota, q.amount.signum > 0 else { return nil }
        return try credit.amount.divided(by: q.amount, scale: 4, rule: .halfEven)
    }
}
