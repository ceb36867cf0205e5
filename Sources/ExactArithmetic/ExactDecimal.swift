/// An exact decimal number: `significand × 10^(−scale)`.
///
/// `12.50` is significand 1250 with scale 2; `-3` is −3 with scale 0. The
/// significand is an `Int128` (about ±1.7 × 10^38; `Int128.min` is never used, so
/// negation and `magnitude` cannot overflow) and the scale is `0...38`.
/// Nothing here uses binary floating point, Foundation or string work on the
/// arithmetic paths; every failure is a thrown `NumericError`, never a trap.
///
/// Equality, ordering and hashing are numeric: `1.0 == 1.00` and both hash alike.
///
///     let price = try ExactDecimal(parsing: "19.99")        // 1999 × 10^-2
///     let total = try price * ExactDecimal(3)                // 59.97
///     try total.divided(by: ExactDecimal(7), scale: 2, rule: .halfEven)   // 8.57
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The integer digits: the value is `significand × 10^(−scale)`.
    public let significand: Int128
    @usableFromInline package let storedScale: UInt8

    /// The number of decimal places kept, `0...38` (`12.50` has 2).
    @inlinable public var scale: Int { Int(storedScale) }

    /// The largest supported scale, 38.
    public static let maxScale = 38

    /// `significand × 10^(−scale)`; e.g. `(1250, 2)` is 12.50.
    ///
    /// `scale` must be in `0...38` and `significand` must not be `Int128.min`
    /// (programmer input only: checked with a precondition).
    @inlinable
    public init(significand: Int128, scale: Int) {
        precondition(scale >= 0 && scale <= 38, "ExactDecimal scale must be in 0...38")
        precondition(significand != .min, "ExactDecimal significand must not be Int128.min")
        self.significand = significand
        self.storedScale = UInt8(truncatingIfNeeded: scale)
    }

    @inlinable
    public init(unchecked significand: Int128, _ scale: UInt8) {
        self.significand = significand
        self.storedScale = scale
    }

    /// An integer value with scale 0, e.g. `ExactDecimal(60)` is 60.
    @inlinable
    public init(_ value: Int) {
        self.init(unchecked: Int128(value), 0)
    }

    /// 0 (scale 0).
    public static let zero = ExactDecimal(unchecked: 0, 0)
    /// 1 (scale 0).
    public static let one = ExactDecimal(unchecked: 1, 0)
    /// 100 (scale 0), e.g. to turn 60 % into 0.60.
    public static let hundred = ExactDecimal(unchecked: 100, 0)

    // MARK: Properties

    /// −1, 0 or 1: the sign of the value (`-0.00` has signum 0).
    @inlinable public var signum: Int { significand == 0 ? 0 : (significand < 0 ? -1 : 1) }
    /// Whether the value is zero at any scale (`0`, `0.00`).
    @inlinable public var isZero: Bool { significand == 0 }
    /// Whether the value is below zero (`-0.00` is not negative).
    @inlinable public var isNegative: Bool { significand < 0 }
    /// The absolute value, same scale: `|-12.50| = 12.50`. Never overflows
    /// because the significand is never `Int128.min`.
    @inlinable public var magnitude: ExactDecimal {
        ExactDecimal(unchecked: significand < 0 ? 0 &- significand : significand, storedScale)
    }

    /// Whether the value is a whole number (`3.00` is, `3.01` is not).
    public var isInteger: Bool {
        significand % Self.powerOfTen(Int(storedScale)) == 0
    }

    /// The same value with trailing fraction zeros removed: `12.500` → `12.5`, `0.00` → `0`.
    public var normalized: ExactDecimal {
        var sig = significand
        var scale = storedScale
        if sig == 0 { return ExactDecimal(unchecked: 0, 0) }
        while scale > 0 {
            let (q, r) = sig.quotientAndRemainder(dividingBy: 10)
            if r != 0 { break }
            sig = q
            scale -= 1
        }
        return ExactDecimal(unchecked: sig, scale)
    }

    // MARK: Powers of ten

    /// 10^0 … 10^38 (10^38 < Int128.max ≈ 1.7 × 10^38).
    @usableFromInline
    package static let powersOfTen: [Int128] = [
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000,
        10000000000,
        100000000000,
        1000000000000,
        10000000000000,
        100000000000000,
        1000000000000000,
        10000000000000000,
        100000000000000000,
        1000000000000000000,
        10000000000000000000,
        100000000000000000000,
        1000000000000000000000,
        10000000000000000000000,
        100000000000000000000000,
        1000000000000000000000000,
        10000000000000000000000000,
        100000000000000000000000000,
        1000000000000000000000000000,
        10000000000000000000000000000,
        100000000000000000000000000000,
        1000000000000000000000000000000,
        10000000000000000000000000000000,
        100000000000000000000000000000000,
        1000000000000000000000000000000000,
        10000000000000000000000000000000000,
        100000000000000000000000000000000000,
        1000000000000000000000000000000000000,
        10000000000000000000000000000000000000,
        100000000000000000000000000000000000000,
    ]

    /// 10^n for n in 0...38.
    @inlinable
    public static func powerOfTen(_ n: Int) -> Int128 {
        powersOfTen[n]
    }

    // MARK: Arithmetic

    /// Exact sum; the result keeps the larger scale: `1.5 + 0.25 = 1.75`.
    @inlinable
    public func adding(_ other: ExactDecimal) throws(NumericError) -> ExactDecimal {
        if storedScale == other.storedScale {
            let (sum, overflow) = significand.addingReportingOverflow(other.significand)
            if !overflow && sum != .min { return ExactDecimal(unchecked: sum, storedScale) }
        } else if let aligned = Self.aligned(self, other) {
            let (sum, overflow) = aligned.0.addingReportingOverflow(aligned.1)
            if !overflow && sum != .min { return ExactDecimal(unchecked: sum, aligned.2) }
        }
        return try Self.addSlow(self, other, subtract: false)
    }

    /// Exact difference; the result keeps the larger scale: `1.5 − 0.25 = 1.25`.
    @inlinable
    public func subtracting(_ other: ExactDecimal) throws(NumericError) -> ExactDecimal {
        if storedScale == other.storedScale {
            let (diff, overflow) = significand.subtractingReportingOverflow(other.significand)
            if !overflow && diff != .min { return ExactDecimal(unchecked: diff, storedScale) }
        } else if let aligned = Self.aligned(self, other) {
            let (diff, overflow) = aligned.0.subtractingReportingOverflow(aligned.1)
            if !overflow && diff != .min { return ExactDecimal(unchecked: diff, aligned.2) }
        }
        return try Self.addSlow(self, other, subtract: true)
    }

    /// Both significands at the larger scale, if that fits: `(1.5, 0.25)` → `(150, 25, 2)`.
    @inlinable
    public static func aligned(_ x: ExactDecimal, _ y: ExactDecimal) -> (Int128, Int128, UInt8)? {
        if x.storedScale < y.storedScale {
            guard let a = scaledUp(x.significand, by: Int(y.storedScale &- x.storedScale)) else { return nil }
            return (a, y.significand, y.storedScale)
        } else {
            guard let b = scaledUp(y.significand, by: Int(x.storedScale &- y.storedScale)) else { return nil }
            return (x.significand, b, x.storedScale)
        }
    }

    /// `value × 10^places` if it fits (never `Int128.min`); cheap when `|value| < 2^63`.
    @inlinable
    public static func scaledUp(_ value: Int128, by places: Int) -> Int128? {
        let factor = powerOfTen(places)
        // |value| < 2^63 and 10^places ≤ 10^19 < 2^64: the product is below 2^127.
        if places <= 19 && value.magnitude >> 63 == 0 { return value &* factor }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow || product == .min ? nil : product
    }

    /// Exact product; scales add: `1.25 × 0.5 = 0.625`.
    ///
    /// When the digits do not fit, trailing zeros are stripped first
    /// (`1.0000000000000000000 × 10^20` still works); if the exact product needs
    /// more than 38 places → `.scaleTooLarge`, or more than ~1.7 × 10^38 → `.overflow`.
    @inlinable
    public func multiplied(by other: ExactDecimal) throws(NumericError) -> ExactDecimal {
        let scale = storedScale &+ other.storedScale
        if scale <= 38 {
            // Both below 2^63 in magnitude: the product is below 2^126.
            if (significand.magnitude | other.significand.magnitude) >> 63 == 0 {
                return ExactDecimal(unchecked: significand &* other.significand, scale)
            }
            let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
            if !overflow && product != .min { return ExactDecimal(unchecked: product, scale) }
        }
        return try Self.multiplySlow(self, other)
    }

    /// `−self`; never fails in practice (the significand is never `Int128.min`).
    @inlinable
    public func negated() throws(NumericError) -> ExactDecimal {
        ExactDecimal(unchecked: 0 &- significand, storedScale)
    }

    /// The quotient rounded to `scale` places with `rule`: `10 ÷ 3` at 2 places is `3.33`;
    /// `2 ÷ 3` half-even is `0.67`, toward zero `0.66`.
    ///
    /// Division by zero → `.divisionByZero`; `scale` outside `0...38` → `.scaleTooLarge`.
    public func divided(by other: ExactDecimal, scale: Int, rule: RoundingRule) throws(NumericError) -> ExactDecimal {
        guard scale >= 0 && scale <= 38 else { throw .scaleTooLarge }
        guard other.significand != 0 else { throw .divisionByZero }
        // self / other × 10^scale = (a × 10^e) / b with e = scale + sb − sa.
        let e = scale + Int(other.storedScale) - Int(storedScale)
        var n = significand
        var d = other.significand
        var fits = true
        if e >= 0 {
            if e <= 38 {
                if let p = Self.scaledUp(n, by: e) { n = p } else { fits = false }
            } else {
                fits = n == 0
            }
        } else {
            if let p = Self.scaledUp(d, by: -e) { d = p } else { fits = false }
        }
        if fits {
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            let negative = (n < 0) != (d < 0)
            if rule.roundsAway(quotientIsOdd: q & 1 != 0, remainder: r.magnitude, divisor: d.magnitude) {
                // |q| < |n| here (a remainder exists), so ±1 cannot overflow.
                return ExactDecimal(unchecked: negative ? q &- 1 : q &+ 1, UInt8(scale))
            }
            return ExactDecimal(unchecked: q, UInt8(scale))
        }
        return try divideSlow(other, exponent: e, scale: scale, rule: rule)
    }

    /// The value at exactly `scale` places: `2.345` half-even to 2 → `2.34`; `12.5` to 3 → `12.500`.
    ///
    /// Adding places can overflow (→ `.overflow`); `scale` outside `0...38` → `.scaleTooLarge`.
    @inlinable
    public func rounded(scale: Int, rule: RoundingRule) throws(NumericError) -> ExactDecimal {
        guard scale >= 0 && scale <= 38 else { throw .scaleTooLarge }
        let current = Int(storedScale)
        if scale == current { return self }
        if scale > current {
            guard let p = Self.scaledUp(significand, by: scale - current) else {
                throw .overflow(operation: "round", operands: [description, "\(scale) places"])
            }
            return ExactDecimal(unchecked: p, UInt8(scale))
        }
        let places = current - scale
        let divisor = Self.powerOfTen(places)
        let magnitude = significand.magnitude
        var q: UInt128
        let r: UInt128
        if magnitude >> 64 == 0 && places <= 19 {
            // 64-bit division is several times faster than 128-bit.
            let (q64, r64) = UInt64(truncatingIfNeeded: magnitude)
                .quotientAndRemainder(dividingBy: UInt64(truncatingIfNeeded: divisor))
            (q, r) = (UInt128(q64), UInt128(r64))
        } else {
            (q, r) = magnitude.quotientAndRemainder(dividingBy: UInt128(divisor))
        }
        if rule.roundsAway(quotientIsOdd: q & 1 != 0, remainder: r, divisor: UInt128(divisor)) {
            q &+= 1  // q < |significand| ≤ Int128.max here
        }
        let signed = Int128(truncatingIfNeeded: q)
        return ExactDecimal(unchecked: significand < 0 ? 0 &- signed : signed, UInt8(scale))
    }

    // MARK: Operators

    /// `try a + b`, see `adding(_:)`.
    @inlinable
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) throws(NumericError) -> ExactDecimal {
        try lhs.adding(rhs)
    }

    /// `try a - b`, see `subtracting(_:)`.
    @inlinable
    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) throws(NumericError) -> ExactDecimal {
        try lhs.subtracting(rhs)
    }

    /// `try a * b`, see `multiplied(by:)`.
    @inlinable
    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) throws(NumericError) -> ExactDecimal {
        try lhs.multiplied(by: rhs)
    }

    /// `-a`: negation cannot overflow, so this operator does not throw.
    @inlinable
    public static prefix func - (operand: ExactDecimal) -> ExactDecimal {
        ExactDecimal(unchecked: 0 &- operand.significand, operand.storedScale)
    }

    // MARK: Comparison and hashing

    /// Numeric equality across scales: `1.0 == 1.00`.
    @inlinable
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.storedScale == rhs.storedScale { return lhs.significand == rhs.significand }
        if let (a, b) = alignedSmall(lhs, rhs) { return a == b }
        return compareSlow(lhs, rhs) == 0
    }

    /// Numeric order across scales: `0.999 < 1`.
    @inlinable
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.storedScale == rhs.storedScale { return lhs.significand < rhs.significand }
        if let (a, b) = alignedSmall(lhs, rhs) { return a < b }
        return compareSlow(lhs, rhs) < 0
    }

    /// Both significands at the larger scale, when both are below 2^63 in magnitude and the
    /// scales differ by at most 19 (then the scaled one stays below 2^127); else nil, and
    /// ``compareSlow(_:_:)`` compares. The common case of comparing across scales
    /// (`1200.00 < 10000000000000`), without a call.
    ///
    /// Example: `(12.5, 3)` → `(125, 30)` at scale 1.
    @inlinable @inline(__always)
    static func alignedSmall(_ a: ExactDecimal, _ b: ExactDecimal) -> (Int128, Int128)? {
        guard (a.significand.magnitude | b.significand.magnitude) >> 63 == 0 else { return nil }
        let d = Int(b.storedScale) &- Int(a.storedScale)
        guard d >= -19 && d <= 19 else { return nil }
        var factor: Int128 = 1
        for _ in 0..<(d < 0 ? 0 &- d : d) { factor &*= 10 }
        return d > 0 ? (a.significand &* factor, b.significand) : (a.significand, b.significand &* factor)
    }

    /// Hashes the normalized value, so `1.0` and `1.00` hash alike.
    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.storedScale)
    }

    // MARK: Text

    /// Plain text keeping the scale: `12.50`, `-3`, `0.05`.
    public var description: String {
        Self.withFormattedBytes(significand: significand, scale: Int(storedScale), fractionDigits: Int(storedScale)) {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// Fixed-point text with exactly `fractionDigits` places: `12.5` → `"12.50"` for 2.
    ///
    /// A value with more places is first rounded half-even (`2.345` → `"2.34"`);
    /// round with the plan's rule beforehand where it matters. Zero never prints
    /// a sign: `-0.004` with 2 places is `"0.00"`.
    public func formatted(fractionDigits: Int) -> String {
        let (sig, scale, digits) = displayParts(fractionDigits: fractionDigits)
        return Self.withFormattedBytes(significand: sig, scale: scale, fractionDigits: digits) {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// Appends `formatted(fractionDigits:)` as UTF-8 to a byte buffer (no `String` made):
    /// `12.5` with 2 appends the bytes of `"12.50"`.
    public func appendFormatted(fractionDigits: Int, to bytes: inout [UInt8]) {
        let (sig, scale, digits) = displayParts(fractionDigits: fractionDigits)
        Self.withFormattedBytes(significand: sig, scale: scale, fractionDigits: digits) {
            bytes.append(contentsOf: $0)
        }
    }

    /// Significand and scale rounded half-even to at most `fractionDigits` places.
    public func displayParts(fractionDigits: Int) -> (Int128, Int, Int) {
        let digits = Swift.max(0, fractionDigits)
        if digits >= Int(storedScale) { return (significand, Int(storedScale), digits) }
        let divisor = Self.powerOfTen(Int(storedScale) - digits)
        var (q, r) = significand.quotientAndRemainder(dividingBy: divisor)
        if RoundingRule.halfEven.roundsAway(
            quotientIsOdd: q & 1 != 0, remainder: r.magnitude, divisor: UInt128(divisor))
        {
            q = significand < 0 ? q &- 1 : q &+ 1
        }
        return (q, digits, digits)
    }
}

// MARK: - Parsing

extension ExactDecimal {
    /// Strictly parses `-?[0-9]+(\.[0-9]+)?` from UTF-8 bytes: `"0001.50"` → 1.50 (scale 2).
    ///
    /// No `+`, exponent, spaces or thousands separators. `maxFractionDigits`
    /// limits the written fraction digits (`nil` → 18; never more than 38):
    /// `"1.234"` with 2 → `.tooManyFractionDigits(max: 2)`. A number whose digits
    /// exceed the `Int128` significand → `.outOfRange`. `"-0"` is zero.
    /// Errors are checked in the order: empty, syntax, fraction digits, range.
    public static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, maxFractionDigits: Int? = nil
    ) -> Result<ExactDecimal, DecimalParseError> {
        let count = bytes.count
        if count == 0 { return .failure(.empty) }
        var i = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        // The digits are read once: accumulated as they are scanned, exactly while there are at
        // most 19 (below UInt64.max ≈ 1.8 × 10^19); a longer number is read again in 128 bits.
        var small: UInt64 = 0
        let integerStart = i
        while i < count {
            let digit = bytes[i] &- 48
            guard digit < 10 else { break }
            small = small &* 10 &+ UInt64(digit)
            i += 1
        }
        let integerEnd = i
        if integerEnd == integerStart { return .failure(.invalidSyntax) }
        var fractionStart = i
        var fractionEnd = i
        if i < count {
            guard bytes[i] == UInt8(ascii: ".") else { return .failure(.invalidSyntax) }
            i += 1
            fractionStart = i
            while i < count {
                let digit = bytes[i] &- 48
                guard digit < 10 else { break }
                small = small &* 10 &+ UInt64(digit)
                i += 1
            }
            fractionEnd = i
            if fractionEnd == fractionStart || i != count { return .failure(.invalidSyntax) }
        }
        let fractionDigits = fractionEnd - fractionStart
        let limit = Swift.min(Swift.max(maxFractionDigits ?? 18, 0), 38)
        if fractionDigits > limit { return .failure(.tooManyFractionDigits(max: limit)) }

        if (integerEnd - integerStart) + fractionDigits <= 19 {
            let sig = Int128(small)
            return .success(ExactDecimal(unchecked: negative ? 0 &- sig : sig, UInt8(fractionDigits)))
        }
        var value: UInt128 = 0
        let maxMagnitude = UInt128(Int128.max)
        for range in [integerStart..<integerEnd, fractionStart..<fractionEnd] {
            for j in range {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(UInt128(bytes[j] &- 48))
                if o1 || o2 || s > maxMagnitude { return .failure(.outOfRange) }
                value = s
            }
        }
        let sig = Int128(value)
        return .success(ExactDecimal(unchecked: negative ? 0 &- sig : sig, UInt8(fractionDigits)))
    }

    /// Strictly parses a plain decimal string, e.g. `try ExactDecimal(parsing: "-12.50")`.
    ///
    /// Same rules as `parse(_:maxFractionDigits:)`: `"1,000"` throws `.invalidSyntax`.
    public init(parsing text: String, maxFractionDigits: Int? = nil) throws(DecimalParseError) {
        var text = text
        let result = text.withUTF8 { Self.parse($0, maxFractionDigits: maxFractionDigits) }
        switch result {
        case let .success(value): self = value
        case let .failure(error): throw error
        }
    }
}

// MARK: - Slow paths

extension ExactDecimal {
    /// `a ± b` when scales differ or the fast path overflowed: exact in 256 bits,
    /// then trailing zeros are dropped until the significand fits.
    @usableFromInline @inline(never)
    package static func addSlow(_ a: ExactDecimal, _ b: ExactDecimal, subtract: Bool) throws(NumericError) -> ExactDecimal {
        let scale = Swift.max(Int(a.storedScale), Int(b.storedScale))
        let bSig = subtract ? 0 &- b.significand : b.significand
        // Try Int128 first.
        let (aAligned, o1) = a.significand.multipliedReportingOverflow(by: powerOfTen(scale - Int(a.storedScale)))
        let (bAligned, o2) = bSig.multipliedReportingOverflow(by: powerOfTen(scale - Int(b.storedScale)))
        if !o1 && !o2 {
            let (sum, o3) = aAligned.addingReportingOverflow(bAligned)
            if !o3 && sum != .min { return ExactDecimal(unchecked: sum, UInt8(scale)) }
        }
        // Exact sign-magnitude sum in 256 bits.
        let ma = UInt256.product(a.significand.magnitude, UInt128(powerOfTen(scale - Int(a.storedScale))))
        let mb = UInt256.product(bSig.magnitude, UInt128(powerOfTen(scale - Int(b.storedScale))))
        let aNegative = a.significand < 0
        let bNegative = bSig < 0
        var magnitude: UInt256
        var negative: Bool
        if aNegative == bNegative {
            magnitude = ma.addingReportingOverflow(mb).partialValue  // < 2^255: no overflow
            negative = aNegative
        } else if mb < ma {
            magnitude = ma.subtractingWrapping(mb)
            negative = aNegative
        } else {
            magnitude = mb.subtractingWrapping(ma)
            negative = bNegative
        }
        if let result = fromWide(magnitude, negative: negative, scale: scale) { return result }
        throw .overflow(operation: subtract ? "-" : "+", operands: [a.description, b.description])
    }

    @usableFromInline @inline(never)
    package static func multiplySlow(_ a: ExactDecimal, _ b: ExactDecimal) throws(NumericError) -> ExactDecimal {
        let magnitude = UInt256.product(a.significand.magnitude, b.significand.magnitude)
        let negative = (a.significand < 0) != (b.significand < 0)
        let scale = Int(a.storedScale) + Int(b.storedScale)
        if let result = fromWide(magnitude, negative: negative, scale: scale) { return result }
        let reduced = strip(magnitude, scale: scale)
        if reduced.scale > 38 && reduced.magnitude.int128Magnitude != nil { throw .scaleTooLarge }
        throw .overflow(operation: "×", operands: [a.description, b.description])
    }

    /// Drops trailing zeros while the value does not fit (too many digits or places).
    static func strip(_ magnitude: UInt256, scale: Int) -> (magnitude: UInt256, scale: Int) {
        var magnitude = magnitude
        var scale = scale
        while scale > 0 && (scale > 38 || magnitude.int128Magnitude == nil) {
            let (q, r) = magnitude.quotientAndRemainder(dividingBy: 10 as UInt128)
            if r != 0 { break }
            magnitude = q
            scale -= 1
        }
        return (magnitude, scale)
    }

    /// The exact value `±magnitude × 10^(−scale)` if it can be represented.
    static func fromWide(_ magnitude: UInt256, negative: Bool, scale: Int) -> ExactDecimal? {
        let (m, s) = strip(magnitude, scale: scale)
        guard s <= 38, let sig = m.int128Magnitude else { return nil }
        return ExactDecimal(unchecked: negative ? 0 &- sig : sig, UInt8(s))
    }

    @inline(never)
    public func divideSlow(_ other: ExactDecimal, exponent e: Int, scale: Int, rule: RoundingRule) throws(NumericError) -> ExactDecimal {
        let overflow = NumericError.overflow(operation: "÷", operands: [description, other.description])
        var n = UInt256(significand.magnitude)
        var d = UInt256(other.significand.magnitude)
        if e >= 0 {
            var remaining = e
            while remaining > 0 {
                let step = Swift.min(remaining, 38)
                let (p, o) = n.multipliedReportingOverflow(by: UInt128(Self.powerOfTen(step)))
                // n ≥ 2^256 with d < 2^127 means a quotient ≥ 2^129.
                if o { throw overflow }
                n = p
                remaining -= step
            }
        } else {
            d = UInt256.product(other.significand.magnitude, UInt128(Self.powerOfTen(-e)))
        }
        var (q, r) = n.quotientAndRemainder(dividingBy: d)
        if UInt256.roundsAway(rule, quotientIsOdd: q.low & 1 != 0, remainder: r, divisor: d) {
            let (p, o) = q.addingReportingOverflow(UInt256(1))
            if o { throw overflow }
            q = p
        }
        guard let magnitude = q.int128Magnitude else { throw overflow }
        let negative = (significand < 0) != (other.significand < 0)
        return ExactDecimal(unchecked: negative ? 0 &- magnitude : magnitude, UInt8(scale))
    }

    /// −1, 0, 1 comparing values of different scales without overflowing.
    @usableFromInline
    package static func compareSlow(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        let sa = a.signum
        let sb = b.signum
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        if a.storedScale < b.storedScale {
            // Does not fit: |a| is beyond every Int128 significand at b's scale.
            guard let aligned = scaledUp(a.significand, by: Int(b.storedScale - a.storedScale)) else { return sa }
            return aligned == b.significand ? 0 : (aligned < b.significand ? -1 : 1)
        } else {
            guard let aligned = scaledUp(b.significand, by: Int(a.storedScale - b.storedScale)) else { return -sb }
            return a.significand == aligned ? 0 : (a.significand < aligned ? -1 : 1)
        }
    }
}

// MARK: - Formatting

extension ExactDecimal {
    /// Calls `body` with the text of `significand × 10^(−scale)` with exactly
    /// `fractionDigits` (≥ `scale`) places, e.g. `(-5, 1, 2)` → `"-0.50"`; zero has no sign.
    public static func withFormattedBytes<R>(
        significand: Int128, scale: Int, fractionDigits: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits -> R in
            // Digits of the magnitude, least significant first.
            var count = 0
            var m = significand.magnitude
            while m > UInt128(UInt64.max) {
                let (q, r) = m.quotientAndRemainder(dividingBy: 10_000_000_000_000_000_000)
                var chunk = UInt64(truncatingIfNeeded: r)
                for _ in 0..<19 {
                    digits[count] = UInt8(truncatingIfNeeded: chunk % 10) &+ 48
                    chunk /= 10
                    count += 1
                }
                m = q
            }
            var small = UInt64(truncatingIfNeeded: m)
            repeat {
                digits[count] = UInt8(truncatingIfNeeded: small % 10) &+ 48
                small /= 10
                count += 1
            } while small != 0
            let negative = significand < 0
            let integerDigits = Swift.max(count - scale, 1)
            let length = (negative ? 1 : 0) + integerDigits + (fractionDigits > 0 ? 1 + fractionDigits : 0)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { out -> R in
                var o = 0
                if negative {
                    out[o] = UInt8(ascii: "-")
                    o += 1
                }
                // Position p (0 = units of the significand); positions beyond count are 0.
                var p = integerDigits - 1 + scale
                while p >= scale {
                    out[o] = p < count ? digits[p] : UInt8(ascii: "0")
                    o += 1
                    p -= 1
                }
                if fractionDigits > 0 {
                    out[o] = UInt8(ascii: ".")
                    o += 1
                    while p >= 0 {
                        out[o] = p < count ? digits[p] : UInt8(ascii: "0")
                        o += 1
                        p -= 1
                    }
                    for _ in scale..<fractionDigits {
                        out[o] = UInt8(ascii: "0")
                        o += 1
                    }
                }
                return body(UnsafeBufferPointer(rebasing: out[0..<o]))
            }
        }
    }
}
