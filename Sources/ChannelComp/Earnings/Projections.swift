/// Where an amount stands against a tier schedule: each tier's threshold, the part of the
/// amount in it and what that part earns, the tier reached, the next tier and the gap to it —
/// what statements show under "Attainment and tiers" and "How to earn more".
///
/// Marginal tiers 0 % → 5 %, 100 % → 9 %, 150 % → 6 % on quota 800000.00, credit YTD
/// 226644.80: thresholds 0.00 / 800000.00 / 1200000.00; slice of tier 1 226644.80 earning
/// 11332.24 (226644.80 × 5 %); reached tier 1; next tier 2, gap 800000.00 − 226644.80 = 573355.20.
public struct TierStanding: Sendable {
    public struct Row: Sendable {
        /// `from` × scale: the amount where the tier starts.
        public var threshold: ExactDecimal
        /// The part of the amount the tier applied to (the whole amount in the reached tier, for
        /// retroactive tiers).
        public var slice: ExactDecimal
        /// slice × rate, exact.
        public var earns: ExactDecimal
    }
    public var rows: [Row]
    public var reached: Int?
    /// The first tier whose threshold is above the amount; nil when the highest is reached.
    public var next: Int?
    /// threshold(next) − amount.
    public var gapToNext: ExactDecimal?

    /// `scale` turns a tier's `from` into an amount: the quota for role tiers, 1 for rebates.
    public init(_ schedule: TierSchedule, amount: ExactDecimal, scale: ExactDecimal, result: Tiers.Result) throws(NumericError) {
        var rows: [Row] = []
        for (i, tier) in schedule.tiers.enumerated() {
            let slice = i < result.slices.count ? result.slices[i] : .zero
            rows.append(Row(threshold: try tier.from.multiplied(by: scale), slice: slice,
                            earns: try slice.multiplied(by: tier.rate.fraction)))
        }
        self.rows = rows
        reached = result.reached
        next = rows.firstIndex { $0.threshold > amount }
        gapToNext = try next.map { i throws(NumericError) in try rows[i].threshold.subtracting(amount) }
    }
}

/// A partner's next level and the trailing list volume still missing (SPEC 3.2 step 4).
///
/// Bronze 0 / Silver 250000 / Gold 1000000, trailing volume 312000.00 → next Gold, gap
/// 688000.00; a fixed level has no next level.
public struct LevelOutlook: Sendable {
    /// The next level up (the lowest minimum above the volume), nil at the top or when fixed.
    public var next: Int?
    public var gap: ExactDecimal?

    public init(levels: [PartnerLevel], trailing: ExactDecimal, fixed: Bool) throws(NumericError) {
        guard !fixed else { return }
        next = levels.indices.filter { levels[$0].minTrailingList > trailing }
            .min { levels[$0].minTrailingList < levels[$1].minTrailingList }
        gap = try next.map { n throws(NumericError) in try levels[n].minTrailingList.subtracting(trailing) }
    }
}

/// Where a quarter's net purchases stand against the rebate tiers, and what the next tier pays
/// (SPEC 3.6): the rebate now, the rebate of a quarter ending exactly at each threshold.
///
/// Retroactive 0 → 0 %, 100000 → 2 %, 500000 → 3 %, purchases 83000.00 → reached tier 1
/// (0 %), now 0.00; next tier 2 at 100000.00, gap 17000.00, a rebate of 2000.00 there.
public struct RebateOutlook: Sendable {
    public var reached: Int?
    /// round(tiers(purchases)).
    public var now: Money
    /// Per tier: the rounded rebate of a quarter whose purchases equal the tier's threshold.
    public var rebateAt: [Money]
    public var next: Int?
    public var gap: Money?

    public init(_ schedule: TierSchedule, purchases: Money, rounding: RoundingRule) throws(NumericError) {
        let currency = purchases.currency
        let result = try Tiers.apply(schedule, to: purchases.amount, scale: .one)
        reached = result.reached
        now = try Money(result.amount, currency).rounded(rounding)
        var at: [Money] = []
        for t in schedule.tiers {
            at.append(try Money(Tiers.apply(schedule, to: t.from, scale: .one).amount, currency).rounded(rounding))
        }
        rebateAt = at
        next = schedule.tiers.firstIndex { $0.from > purchases.amount }
        gap = try next.map { i throws(NumericError) in Money(try schedule.tiers[i].from.subtracting(purchases.amount), currency) }
    }
}
