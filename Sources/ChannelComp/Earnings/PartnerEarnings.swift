/// What a partner earned in a fiscal year through a period (SPEC 3.6): referral fees YTD plus
/// the rebates of the fiscal quarters that have ended — the one place that turns purchases and
/// fees into a partner's pay.
///
/// Retroactive rebate tiers 0 → 0 %, 100000 → 2 %, 500000 → 3 %; Q1 net purchases 33750.00 +
/// 43300.00 + 23400.00 = 100450.00 → 2 % → rebate 2009.00, earned in the quarter's last month;
/// with referral fees 3600.00 YTD, earned YTD at 2027-03 = 3600.00 + 2009.00 = 5609.00.
public struct PartnerEarnings: Sendable {
    /// Per fiscal quarter started by the period: purchases through the period and the rebate.
    public var quarters: [QuarterRebate]
    public var purchasesYTD: Money
    public var referralFeesYTD: Money
    /// Rebates of the quarters ended by the period.
    public var rebatesYTD: Money
    /// referral fees YTD + rebates of ended quarters.
    public var earned: Money
    /// The same through the month before the period (what a preview run takes as paid).
    public var earnedBefore: Money

    /// Folds a partner's per-month purchases and fees (slot 0 = the fiscal year's first month,
    /// the last slot = the period) into quarters, rebates and earnings.
    ///
    ///     // Fiscal year from 2027-01, period 2027-04 (4 slots): Q1 (slots 0–2) has ended and
    ///     // earns its rebate; Q2 has started (slot 3) and earns nothing yet.
    public static func compute(purchases: [Money], fees: [Money], yearStart: Period, rebate: TierSchedule?,
                               rounding: RoundingRule, currency: Currency) throws(NumericError) -> PartnerEarnings {
        let months = purchases.count
        let zero = Money.zero(currency)
        var purchasesYTD = zero
        var feesYTD = zero
        for m in 0..<months {
            purchasesYTD = try purchasesYTD + purchases[m]
            feesYTD = try feesYTD + fees[m]
        }
        var quarters: [QuarterRebate] = []
        var rebatesNow = zero
        var rebatesBefore = zero
        for q in 0..<4 {
            let startSlot = q * 3
            guard startSlot < months else { break }
            var total = zero
            for m in startSlot..<min(startSlot + 3, months) { total = try total + purchases[m] }
            let endSlot = startSlot + 2
            let ended = endSlot <= months - 1
            var amount = zero
            var tiers: Tiers.Result? = nil
            if ended, let rebate {
                let result = try Tiers.apply(rebate, to: total.amount, scale: .one)
                tiers = result
                amount = try Money(result.amount, currency).rounded(rounding)
            }
            quarters.append(QuarterRebate(quarter: q + 1, start: yearStart.advanced(by: startSlot), purchases: total,
                                          ended: ended, tiers: tiers, rebate: amount))
            rebatesNow = try rebatesNow + amount
            if endSlot <= months - 2 { rebatesBefore = try rebatesBefore + amount }
        }
        let feesBefore = months > 0 ? try feesYTD - fees[months - 1] : zero
        return PartnerEarnings(quarters: quarters, purchasesYTD: purchasesYTD, referralFeesYTD: feesYTD,
                               rebatesYTD: rebatesNow, earned: try feesYTD + rebatesNow,
                               earnedBefore: try feesBefore + rebatesBefore)
    }
}
