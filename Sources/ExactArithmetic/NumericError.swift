/// An arithmetic failure of exact decimal or money arithmetic.
///
/// Arithmetic never traps: a result that does not fit is reported as a value
/// of this type. For example `10^20 × 10^20` needs 10^40, more than the about
/// 1.7 × 10^38 an `Int128` significand holds, so
/// `try ExactDecimal(significand: 100000000000000000000, scale: 0) * same`
/// throws `.overflow(operation: "×", operands: ["100000000000000000000", "100000000000000000000"])`,
/// described as
/// `arithmetic overflow in 100000000000000000000 × 100000000000000000000: result exceeds the supported range`.
public enum NumericError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exact result does not fit: `operation` is `+`, `-`, `×`, `÷`,
    /// `negate`, `round`; `operands` are the inputs as plain decimal text.
    case overflow(operation: String, operands: [String])
    /// A division whose divisor is zero, e.g. `1 ÷ 0`.
    case divisionByZero
    /// Two amounts in different currencies were combined, e.g. `USD` and `EUR`.
    case currencyMismatch(String, String)
    /// The exact result needs more than 38 decimal places (e.g. `10^-20 × 10^-20 = 10^-40`),
    /// or a requested scale is outside `0...38`.
    case scaleTooLarge
    /// An allocation (split) cannot be made: negative weights, no positive weight for a
    /// non-zero total, or a total that is not a whole number of minor units.
    case invalidAllocation(reason: String)

    public var description: String {
        switch self {
        case let .overflow(operation, operands):
            let expression: String
            if operands.count == 2 {
                expression = "\(operands[0]) \(operation) \(operands[1])"
            } else {
                expression = "\(operation)(\(operands.joined(separator: ", ")))"
            }
            return "arithmetic overflow in \(expression): result exceeds the supported range"
        case .divisionByZero:
            return "division by zero"
        case let .currencyMismatch(left, right):
            return "currency mismatch: cannot combine an amount in \(left) with one in \(right)"
        case .scaleTooLarge:
            return "the exact result needs more than \(ExactDecimal.maxScale) decimal places"
        case let .invalidAllocation(reason):
            return "cannot split the amount: \(reason)"
        }
    }
}

/// Why a text is not a plain decimal number.
///
/// `ExactDecimal(parsing: "1,000")` throws `.invalidSyntax`; `"0.1234567890123456789"`
/// (19 fraction digits, default limit 18) throws `.tooManyFractionDigits(max: 18)`.
public enum DecimalParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is empty.
    case empty
    /// Not of the form `-?[0-9]+(\.[0-9]+)?` (e.g. `"+1"`, `"1e3"`, `".5"`, `" 1"`).
    case invalidSyntax
    /// More fraction digits than allowed, e.g. `"1.2345"` with `max: 2`.
    case tooManyFractionDigits(max: Int)
    /// The number does not fit the supported range (about ±1.7 × 10^38 as significand).
    case outOfRange
    /// A negative number where only non-negative ones are allowed (rates), e.g. `"-5%"`.
    case negative

    public var description: String {
        switch self {
        case .empty:
            return "expected a plain decimal number like 1234.50, found nothing"
        case .invalidSyntax:
            return "expected a plain decimal number like 1234.50 (digits, optional '-' and '.'; no '+', spaces, exponent or thousands separators)"
        case let .tooManyFractionDigits(max):
            return max == 0
                ? "expected a whole number (no decimal places)"
                : "expected at most \(max) decimal place\(max == 1 ? "" : "s")"
        case .outOfRange:
            return "number is too large (at most 38 significant digits, below about 1.7e38)"
        case .negative:
            return "expected a number that is not negative"
        }
    }
}
