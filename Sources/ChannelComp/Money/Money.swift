/// An amount of money in one currency.
///
/// The amount is exact and not necessarily at minor-unit precision
/// (`3 × 0.333 USD = 0.999 USD` until rounded). Money is deliberately not
/// `Numeric`: money times money does not compile; scale by a `Rate` or a plain
/// `ExactDecimal` factor instead.
///
///     let price = Money(try ExactDecimal(parsing: "19.99"), .usd)
///     let line = try price.multiplied(by: ExactDecimal(3))               // 59.97 USD
///     let fee = try line.multiplied(by: Rate(parsing: "12.5%")).rounded(.halfEven)
///     // 59.97 × 0.125 = 7.49625 → 7.50 USD
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The exact amount (`12.5` and `12.50` are equal amounts).
    public let amount: ExactDecimal
    /// The currency of the amount.
    public let currency: Currency

    /// `Money(12.50, .usd)`.
    @inlinable
    public init(_ amount: ExactDecimal, _ currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    /// Zero at the currency's minor units: `Money.zero(.usd)` prints `0.00`.
    @inlinable
    public static func zero(_ currency: Currency) -> Money {
        Money(ExactDecimal(unchecked: 0, UInt8(truncatingIfNeeded: currency.minorUnits)), currency)
    }

    /// `10.00 USD + 2.5 USD = 12.50 USD`; different currencies → `.currencyMismatch`.
    @inlinable
    public static func + (l: Money, r: Money) throws(NumericError) -> Money {
        guard l.currency == r.currency else { throw .currencyMismatch(l.currency.code, r.currency.code) }
        return Money(try l.amount.adding(r.amount), l.currency)
    }

    /// `10.00 USD − 12.50 USD = −2.50 USD`; different currencies → `.currencyMismatch`.
    @inlinable
    public static func - (l: Money, r: Money) throws(NumericError) -> Money {
        guard l.currency == r.currency else { throw .currencyMismatch(l.currency.code, r.currency.code) }
        return Money(try l.amount.subtracting(r.amount), l.currency)
    }

    /// `−(12.50 USD) = −12.50 USD`.
    @inlinable
    public func negated() throws(NumericError) -> Money {
        Money(-amount, currency)
    }

    /// Exact product with a rate: `5600.00 USD × 35 % = 1960.0000 USD` (round afterwards).
    @inlinable
    public func multiplied(by rate: Rate) throws(NumericError) -> Money {
        Money(try amount.multiplied(by: rate.fraction), currency)
    }

    /// Exact product with a plain factor, e.g. unit price × quantity:
    /// `40.00 USD × 2.5 = 100.000 USD`.
    @inlinable
    public func multiplied(by factor: ExactDecimal) throws(NumericError) -> Money {
        Money(try amount.multiplied(by: factor), currency)
    }

    /// The amount at exactly the currency's minor units: `7.49625 USD` → `7.50 USD` (half-even),
    /// `-0.005 USD` half-up → `-0.01 USD`, `1234.5 JPY` half-even → `1234 JPY`.
    @inlinable
    public func rounded(_ rule: RoundingRule) throws(NumericError) -> Money {
        Money(try amount.rounded(scale: currency.minorUnits, rule: rule), currency)
    }

    /// Whether the amount is below zero.
    @inlinable public var isNegative: Bool { amount.isNegative }
    /// Whether the amount is zero.
    @inlinable public var isZero: Bool { amount.isZero }

    /// The amount with exactly the currency's minor-unit digits: `"1234.50"`, `"-12.00"`.
    ///
    /// Never `"-0.00"`. An amount with more places is rounded half-even for display;
    /// round with the plan's rule first where the value matters.
    public var formatted: String { amount.formatted(fractionDigits: currency.minorUnits) }

    /// Appends `formatted` as UTF-8 bytes (no `String` made): `12.5 USD` appends `"12.50"`.
    public func appendFormatted(to bytes: inout [UInt8]) {
        amount.appendFormatted(fractionDigits: currency.minorUnits, to: &bytes)
    }

    /// `"1234.50 USD"`.
    public var description: String { "\(formatted) \(currency.code)" }

    /// Compares amounts; both must be in the same currency (checked by an assertion in
    /// debug builds; check currencies first when they come from input).
    @inlinable
    public static func < (l: Money, r: Money) -> Bool {
        assert(l.currency == r.currency, "comparing \(l.currency) with \(r.currency)")
        return l.amount < r.amount
    }
}
