/// Applies a ``TierSchedule`` to an amount (SPEC 3.4, 3.6, 6).
///
/// Tiers 0 % → 5 %, 100 % → 9 %, 150 % → 6 % on quota 500000, credit 800000:
/// marginal = 500000 × 5 % + 250000 × 9 % + 50000 × 6 % = 25000 + 22500 + 3000 = 50500;
/// retroactive = 800000 × 6 % = 48000 (attainment 160 % reaches the 150 % tier).
public enum Tiers {
    /// What a tier schedule made of an amount, exactly, with the tier reached.
    public struct Result: Sendable {
        /// Exact, unrounded.
        public var amount: ExactDecimal
        /// Index of the highest tier whose threshold the amount reached (nil: below the first).
        public var reached: Int?
        /// Per tier: the slice of the amount it applied to (marginal), or the whole amount in the
        /// reached tier (retroactive).
        public var slices: [ExactDecimal]
    }

    /// `scale` turns a tier's `from` into an amount: the quota for role tiers (from is a
    /// fraction of quota), 1 for rebate tiers (from is money).
    public static func apply(_ schedule: TierSchedule, to amount: ExactDecimal, scale: ExactDecimal) throws(NumericError) -> Result {
        let tiers = schedule.tiers
        var thresholds: [ExactDecimal] = []
        thresholds.reserveCapacity(tiers.count)
        for t in tiers { thresholds.append(try t.from.multiplied(by: scale)) }
        var slices = [ExactDecimal](repeating: .zero, count: tiers.count)
        var reached: Int? = nil
        for (i, th) in thresholds.enumerated() where th <= amount { reached = i }
        // Negative amounts (clawbacks, negative purchases) earn the first tier's rate.
        if amount.isNegative { return try atFirstRate(schedule, to: amount) }
        switch schedule.method {
        case .retroactive:
            guard let r = reached else { return Result(amount: .zero, reached: nil, slices: slices) }
            slices[r] = amount
            return Result(amount: try amount.multiplied(by: tiers[r].rate.fraction), reached: r, slices: slices)
        case .marginal:
            var total = ExactDecimal.zero
            for i in tiers.indices where thresholds[i] < amount {
                let upper = i + 1 < tiers.count ? min(thresholds[i + 1], amount) : amount
                let slice = try upper.subtracting(thresholds[i])
                guard slice.signum > 0 else { continue }
                slices[i] = slice
                total = try total.adding(slice.multiplied(by: tiers[i].rate.fraction))
            }
            return Result(amount: total, reached: reached, slices: slices)
        }
    }

    /// The whole amount at the first tier's rate, whatever its `from`: negative amounts (SPEC 6)
    /// and credit of a person whose `quota_Y` is 0 (SPEC 8.2).
    ///
    /// Tiers 0 % → 5 %, …; −2000.00 → −100.00 (slice −2000.00 in tier 0).
    public static func atFirstRate(_ schedule: TierSchedule, to amount: ExactDecimal) throws(NumericError) -> Result {
        guard let first = schedule.tiers.first else { return Result(amount: .zero, reached: nil, slices: []) }
        var slices = [ExactDecimal](repeating: .zero, count: schedule.tiers.count)
        slices[0] = amount
        return Result(amount: try amount.multiplied(by: first.rate.fraction), reached: 0, slices: slices)
    }
}
