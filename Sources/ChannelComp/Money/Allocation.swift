/// Splits an amount into parts that sum to it exactly (largest remainder, SPEC 3.3).
///
/// Each share's exact value `total × w_i / Σw` is truncated toward zero to the
/// minor unit; the leftover minor units go one each to the largest truncated
/// remainders, ties to the earlier index.
///
///     100.00 USD over [1, 1, 1]:  exact 33.333… each → 33.33 ×3, 1 cent left
///                                 → [33.34, 33.33, 33.33]
///     0.05 USD over [60, 40]:     exact 0.03, 0.02 → [0.03, 0.02]
///     0.05 USD over [50, 50]:     2.5 cents each → [0.03, 0.02] (tie → first)
public enum Allocation {
    /// The parts of `total` in proportion to `weights`, each at the currency's minor units.
    ///
    /// - `total` must be a whole number of minor units (`33.335 USD` →
    ///   `.invalidAllocation`; round it first). Any scale is accepted (`100`, `100.0000`).
    /// - A negative total is split by magnitude and each part negated:
    ///   `-100.00` over 3 → `[-33.34, -33.33, -33.33]`.
    /// - Weights are any non-negative decimals (split percentages `60, 40`, or all `1`
    ///   for equal shares); a negative weight → `.invalidAllocation`. A zero weight
    ///   gets `0.00`.
    /// - All weights zero (or none): a zero total gives all-zero parts (or `[]`);
    ///   a non-zero total → `.invalidAllocation`.
    /// - Parts are returned in the order of the weights, with scale = minor units.
    public static func split(_ total: Money, weights: [ExactDecimal]) throws(NumericError) -> [Money] {
        let currency = total.currency
        let minorUnits = currency.minorUnits
        let minorScale = UInt8(truncatingIfNeeded: minorUnits)

        // Total in minor units (magnitude).
        let amount = total.amount
        var units: Int128
        if amount.scale <= minorUnits {
            let (p, o) = amount.significand.multipliedReportingOverflow(
                by: ExactDecimal.powerOfTen(minorUnits - amount.scale))
            guard !o && p != .min else {
                throw .overflow(operation: "round", operands: [amount.description, "\(minorUnits) places"])
            }
            units = p
        } else {
            let (q, r) = amount.significand.quotientAndRemainder(
                dividingBy: ExactDecimal.powerOfTen(amount.scale - minorUnits))
            guard r == 0 else {
                throw .invalidAllocation(
                    reason: "the total \(amount) \(currency.code) is not a whole number of minor units; round it first")
            }
            units = q
        }
        let negative = units < 0
        let totalUnits = UInt128(units.magnitude)

        // Weights as integers at a common scale (computed again below rather than stored).
        var commonScale = 0
        for w in weights {
            guard !w.isNegative else {
                throw .invalidAllocation(reason: "weight \(w) is negative")
            }
            commonScale = Swift.max(commonScale, w.scale)
        }
        @inline(__always)
        func scaledWeight(_ w: ExactDecimal) -> UInt128? {
            ExactDecimal.scaledUp(w.significand, by: commonScale - w.scale).map { UInt128($0.magnitude) }
        }
        var weightSum: UInt128 = 0
        for w in weights {
            guard let scaled = scaledWeight(w) else {
                throw .overflow(operation: "+", operands: weights.map(\.description))
            }
            let (sum, overflow) = weightSum.addingReportingOverflow(scaled)
            guard !overflow else { throw .overflow(operation: "+", operands: weights.map(\.description)) }
            weightSum = sum
        }

        func part(_ u: UInt128) -> Money {
            let sig = Int128(truncatingIfNeeded: u)  // u ≤ totalUnits ≤ Int128.max
            return Money(ExactDecimal(unchecked: negative ? 0 &- sig : sig, minorScale), currency)
        }

        if weightSum == 0 {
            guard totalUnits == 0 else {
                throw .invalidAllocation(
                    reason: weights.isEmpty
                        ? "no one to split \(total) between"
                        : "all weights are zero, cannot split \(total)")
            }
            return Array(repeating: part(0), count: weights.count)
        }
        if weights.count == 1 { return [part(totalUnits)] }

        // Truncated shares and their remainders (all over the same denominator Σw).
        var shares: [(units: UInt128, remainder: UInt128)] = []
        shares.reserveCapacity(weights.count)
        var assigned: UInt128 = 0
        for w in weights {
            let weight = scaledWeight(w) ?? 0  // fits: checked above
            let share: (UInt128, UInt128)
            let (product, overflow) = totalUnits.multipliedReportingOverflow(by: weight)
            if !overflow && product >> 64 == 0 && weightSum >> 64 == 0 {
                let (q, r) = UInt64(truncatingIfNeeded: product)
                    .quotientAndRemainder(dividingBy: UInt64(truncatingIfNeeded: weightSum))
                share = (UInt128(q), UInt128(r))
            } else if !overflow {
                share = product.quotientAndRemainder(dividingBy: weightSum)
            } else {
                // total × w_i / Σw ≤ total fits, so the 256-by-128 division cannot overflow.
                share = weightSum.dividingFullWidth(totalUnits.multipliedFullWidth(by: weight))
            }
            shares.append(share)
            assigned &+= share.0
        }

        // Leftover units (fewer than the number of parts) one each to the largest remainders,
        // ties to the earlier index. A part that received one is marked by remainder 0
        // (remainders of parts still eligible are > 0, since the leftover is below their sum).
        var leftover = totalUnits &- assigned
        if leftover > 0 && shares.count <= 16 {
            while leftover > 0 {
                var best = -1
                for i in shares.indices where shares[i].remainder > 0 {
                    if best < 0 || shares[i].remainder > shares[best].remainder { best = i }
                }
                if best < 0 { break }  // unreachable: see above
                shares[best].units &+= 1
                shares[best].remainder = 0
                leftover &-= 1
            }
        } else if leftover > 0 {
            var order = Array(shares.indices)
            order.sort {
                shares[$0].remainder != shares[$1].remainder ? shares[$0].remainder > shares[$1].remainder : $0 < $1
            }
            for i in order.prefix(Int(leftover)) { shares[i].units &+= 1 }
        }
        return shares.map { part($0.units) }
    }
}
