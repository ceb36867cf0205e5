/// How a value is brought to fewer decimal places.
///
/// Worked results, rounding to 2 decimal places (last rows: to 0 places):
///
/// | input    | `halfEven` | `halfUp` | `towardZero` |
/// |----------|-----------:|---------:|-------------:|
/// |  2.345   |   2.34     |  2.35    |   2.34       |
/// |  2.355   |   2.36     |  2.36    |   2.35       |
/// |  2.3451  |   2.35     |  2.35    |   2.34       |
/// | −2.345   |  −2.34     | −2.35    |  −2.34       |
/// | −2.355   |  −2.36     | −2.36    |  −2.35       |
/// |  0.005   |   0.00     |  0.01    |   0.00       |
/// | −0.005   |   0.00     | −0.01    |   0.00       |
/// |  0.0149  |   0.01     |  0.01    |   0.01       |
/// |  2.5 → 0 places |  2  |  3       |   2          |
/// |  3.5 → 0 places |  4  |  4       |   3          |
/// | −2.5 → 0 places | −2  | −3       |  −2          |
///
/// A result of zero never carries a sign (`−0.005` half-even is `0.00`, not `−0.00`).
/// The raw values are the plan's `"rounding"` spellings: `"half-even"`, `"half-up"`.
public enum RoundingRule: String, Sendable, CaseIterable {
    /// Ties go to the even neighbour (banker's rounding): 2.345 → 2.34, 2.355 → 2.36.
    case halfEven = "half-even"
    /// Ties go away from zero: 2.345 → 2.35, −0.005 → −0.01.
    case halfUp = "half-up"
    /// Truncation: drop the extra digits, 2.359 → 2.35, −2.359 → −2.35.
    /// Used by split allocation (SPEC 3.3).
    case towardZero = "toward-zero"

    /// Whether a truncated quotient must move one unit away from zero.
    ///
    /// For 2.345 → 2 places: quotient 234, remainder 5, divisor 10: half-even
    /// keeps 234 (even), half-up gives 235.
    @inlinable
    public func roundsAway(quotientIsOdd: Bool, remainder r: UInt128, divisor d: UInt128) -> Bool {
        if r == 0 { return false }
        switch self {
        case .towardZero:
            return false
        case .halfUp:
            return r >= d &- r
        case .halfEven:
            let rest = d &- r
            return r > rest || (r == rest && quotientIsOdd)
        }
    }
}
