/// A 256-bit unsigned integer used only on the slow paths of exact arithmetic.
///
/// Products of two 127-bit magnitudes need up to 254 bits: `(2^127 − 1) × 10^38`
/// fits here, so an addition or multiplication can be done exactly and then
/// brought back to an `Int128` significand by stripping trailing zeros, or
/// reported as an overflow. Example: `UInt256.product(10^20, 10^20)` is 10^40.
@usableFromInline
package struct UInt256: Sendable, Equatable, Comparable {
    @usableFromInline package var high: UInt128
    @usableFromInline package var low: UInt128

    @usableFromInline
    package init(high: UInt128, low: UInt128) {
        self.high = high
        self.low = low
    }

    @usableFromInline
    package init(_ value: UInt128) {
        self.high = 0
        self.low = value
    }

    /// The full 256-bit product of two 128-bit values (never overflows).
    @usableFromInline
    package static func product(_ a: UInt128, _ b: UInt128) -> UInt256 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return UInt256(high: high, low: low)
    }

    @usableFromInline
    package var isZero: Bool { high == 0 && low == 0 }

    @usableFromInline
    package static func < (a: UInt256, b: UInt256) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// `self × factor`, with `overflow` set when the result needs more than 256 bits.
    @usableFromInline
    package func multipliedReportingOverflow(by factor: UInt128) -> (partialValue: UInt256, overflow: Bool) {
        let (h1, l1) = low.multipliedFullWidth(by: factor)
        let (h2, l2) = high.multipliedFullWidth(by: factor)
        let (middle, carry) = h1.addingReportingOverflow(l2)
        return (UInt256(high: middle, low: l1), carry || h2 != 0)
    }

    /// `self + other`, with `overflow` set past 2^256 − 1.
    @usableFromInline
    package func addingReportingOverflow(_ other: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let (low, carry) = low.addingReportingOverflow(other.low)
        let (h1, o1) = high.addingReportingOverflow(other.high)
        let (h2, o2) = h1.addingReportingOverflow(carry ? 1 : 0)
        return (UInt256(high: h2, low: low), o1 || o2)
    }

    /// `self − other` modulo 2^256 (callers ensure `self ≥ other`).
    @usableFromInline
    package func subtractingWrapping(_ other: UInt256) -> UInt256 {
        let (low, borrow) = low.subtractingReportingOverflow(other.low)
        let high = high &- other.high &- (borrow ? 1 : 0)
        return UInt256(high: high, low: low)
    }

    /// Division by a non-zero 128-bit divisor.
    ///
    /// Two steps of 256-by-128 division; the second never overflows because its
    /// high half (the first remainder) is below the divisor.
    @usableFromInline
    package func quotientAndRemainder(dividingBy divisor: UInt128) -> (quotient: UInt256, remainder: UInt128) {
        let (qHigh, rHigh) = high.quotientAndRemainder(dividingBy: divisor)
        let (qLow, remainder) = divisor.dividingFullWidth((high: rHigh, low: low))
        return (UInt256(high: qHigh, low: qLow), remainder)
    }

    /// Division by a non-zero 256-bit divisor (binary long division when it exceeds 128 bits).
    @usableFromInline
    package func quotientAndRemainder(dividingBy divisor: UInt256) -> (quotient: UInt256, remainder: UInt256) {
        if divisor.high == 0 {
            let (q, r) = quotientAndRemainder(dividingBy: divisor.low)
            return (q, UInt256(r))
        }
        if self < divisor { return (UInt256(0), self) }
        // divisor ≥ 2^128, so the quotient is below 2^128.
        var quotient: UInt128 = 0
        var remainder = UInt256(0)
        var bit = 255
        while bit >= 0 {
            let carryOut = remainder.high >> 127
            remainder.high = (remainder.high << 1) | (remainder.low >> 127)
            remainder.low = (remainder.low << 1) | (self.bit(bit) ? 1 : 0)
            if carryOut != 0 || !(remainder < divisor) {
                remainder = remainder.subtractingWrapping(divisor)
                if bit < 128 { quotient |= (1 as UInt128) << UInt128(bit) }
            }
            bit -= 1
        }
        return (UInt256(quotient), remainder)
    }

    @usableFromInline
    package func bit(_ index: Int) -> Bool {
        index >= 128 ? (high >> UInt128(index - 128)) & 1 == 1 : (low >> UInt128(index)) & 1 == 1
    }

    /// The value as an `Int128` magnitude, if it is at most `Int128.max`.
    @usableFromInline
    package var int128Magnitude: Int128? {
        high == 0 && low <= UInt128(Int128.max) ? Int128(low) : nil
    }

    /// Whether a truncated quotient must move one unit away from zero under `rule`.
    @usableFromInline
    package static func roundsAway(
        _ rule: RoundingRule, quotientIsOdd: Bool, remainder r: UInt256, divisor d: UInt256
    ) -> Bool {
        if r.isZero { return false }
        let rest = d.subtractingWrapping(r)
        switch rule {
        case .towardZero: return false
        case .halfUp: return !(r < rest)
        case .halfEven: return rest < r || (r == rest && quotientIsOdd)
        }
    }
}
