/// A rate stored as an exact fraction: 35 % is `0.35`.
///
/// Plans write rates as strings: `"35%"` (percent) or `"0.35"` (fraction);
/// both give the same rate. `Rate(fraction:)` and `Rate(percent:)` accept any
/// sign; only parsing rejects negative rates.
///
///     try Rate(parsing: "12.5%").fraction     // 0.125
///     try Rate(parsing: "0.35").percentText   // "35%"
///     try Rate(percent: ExactDecimal(60))     // 0.60, prints "60%"
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The rate as a fraction: 0.35 for 35 %.
    public let fraction: ExactDecimal

    /// A rate from a fraction, e.g. `Rate(fraction: 0.35)` is 35 %.
    @inlinable
    public init(fraction: ExactDecimal) {
        self.fraction = fraction
    }

    /// 0 %.
    public static let zero = Rate(fraction: .zero)

    /// Plan syntax: `"35%"` is 0.35, `"12.5%"` is 0.125, `"0.35"` is 0.35, `"35"` is 35 (3500 %).
    ///
    /// The number is strict (`-?[0-9]+(\.[0-9]+)?`, at most 18 decimal places), the `%`
    /// follows it directly: `"%"`, `" 35%"`, `"35 %"`, `"35%%"` → `.invalidSyntax`;
    /// `""` → `.empty`; `"-5%"` → `.negative` (`"-0%"` is zero and accepted).
    public init(parsing text: String) throws(DecimalParseError) {
        var text = text
        let result: Result<Rate, DecimalParseError> = text.withUTF8 { Rate.parse($0) }
        switch result {
        case let .success(rate): self = rate
        case let .failure(error): throw error
        }
    }

    /// `Rate(parsing:)` on UTF-8 bytes.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Rate, DecimalParseError> {
        if bytes.isEmpty { return .failure(.empty) }
        let isPercent = bytes[bytes.count - 1] == UInt8(ascii: "%")
        let number = isPercent ? UnsafeBufferPointer(rebasing: bytes[0..<(bytes.count - 1)]) : bytes
        if number.isEmpty { return .failure(.invalidSyntax) }
        switch ExactDecimal.parse(number) {
        case let .failure(error):
            return .failure(error)
        case let .success(value):
            if value.isNegative { return .failure(.negative) }
            if !isPercent { return .success(Rate(fraction: value)) }
            // At most 18 places, so 2 more fit the 38-place limit.
            return .success(Rate(fraction: ExactDecimal(unchecked: value.significand, value.storedScale + 2)))
        }
    }

    /// A rate from a number of percent: `Rate(percent: 60)` is 0.60.
    ///
    /// Exact; `.scaleTooLarge` only if the percent already has more than 36 significant places.
    public init(percent: ExactDecimal) throws(NumericError) {
        var p = percent
        if p.scale > 36 { p = p.normalized }
        guard p.scale <= 36 else { throw .scaleTooLarge }
        self.fraction = ExactDecimal(unchecked: p.significand, p.storedScale + 2)
    }

    /// Percent text without trailing zeros: 0.35 → `"35%"`, 0.125 → `"12.5%"`, 35 → `"3500%"`.
    public var percentText: String {
        let n = fraction.normalized
        if n.scale >= 2 {
            return ExactDecimal(unchecked: n.significand, n.storedScale - 2).description + "%"
        }
        if n.isZero { return "0%" }
        return n.significand.description + String(repeating: "0", count: 2 - n.scale) + "%"
    }

    /// The percent text, e.g. `"35%"`.
    public var description: String { percentText }

    /// Sum of two rates: 20 % + 5 % = 25 %.
    @inlinable
    public static func + (l: Rate, r: Rate) throws(NumericError) -> Rate {
        Rate(fraction: try l.fraction.adding(r.fraction))
    }

    /// Difference of two rates: 25 % − 5 % = 20 %.
    @inlinable
    public static func - (l: Rate, r: Rate) throws(NumericError) -> Rate {
        Rate(fraction: try l.fraction.subtracting(r.fraction))
    }

    /// Orders by fraction: 5 % < 0.06.
    @inlinable
    public static func < (l: Rate, r: Rate) -> Bool {
        l.fraction < r.fraction
    }
}
