/// A payout split into what the period earned and what corrects closed months (SPEC 8.5).
///
/// `period_earned = earned_ytd(p) − earned_ytd(p−1)`,
/// `prior_period_adjustment = earned_ytd(p−1) − paid_to_date` (0 in preview mode), so
/// `payout = period_earned + prior_period_adjustment`.
///
/// alice, 2027-05, journal mode: earned_ytd(05) 2900.00, earned_ytd(04) 2245.00 (recomputed
/// now, with a late February row), paid to date 1620.00 → period_earned 655.00,
/// prior_period_adjustment 625.00, payout 1280.00.
public struct PayoutSplit: Sendable, Equatable {
    public var periodEarned: Money
    public var priorPeriodAdjustment: Money

    public init(periodEarned: Money, priorPeriodAdjustment: Money) {
        self.periodEarned = periodEarned
        self.priorPeriodAdjustment = priorPeriodAdjustment
    }

    /// The split of `earned − paidToDate`; `earnedBefore` is earned_ytd(p − 1) from the
    /// current data (0 in the fiscal year's first month).
    public init(earned: Money, earnedBefore: Money, paidToDate: Money, settlement: Settlement) throws(NumericError) {
        switch settlement {
        case .preview:
            // paid_to_date is earned_ytd(p − 1) itself: nothing to correct.
            periodEarned = try earned - paidToDate
            priorPeriodAdjustment = .zero(earned.currency)
        case .journal:
            periodEarned = try earned - earnedBefore
            priorPeriodAdjustment = try earnedBefore - paidToDate
        }
    }
}
