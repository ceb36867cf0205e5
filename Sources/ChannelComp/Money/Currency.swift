/// An ISO 4217 currency with its minor units (decimal places).
///
/// Trivially copyable: the three letters and the minor units are packed into
/// one `UInt32`, so `Money` carries no reference-counted storage.
///
///     Currency(code: "USD")?.minorUnits   // 2   (cents)
///     Currency(code: "JPY")?.minorUnits   // 0
///     Currency(code: "KWD")?.minorUnits   // 3   (fils)
///     Currency(code: "XYZ")               // nil (not an ISO 4217 code)
///
/// Known codes are ISO 4217 list one as published 2026-01-01, without the entries
/// that have no minor unit (gold `XAU`, `XDR`, test code `XTS`, …). Codes are
/// case-sensitive: `"usd"` is not a currency.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    /// Letters in bits 0–23 (first letter highest), minor units in bits 24–31.
    @usableFromInline let packed: UInt32

    @usableFromInline
    init(packed: UInt32) {
        self.packed = packed
    }

    /// The currency for an ISO 4217 code, e.g. `Currency(code: "EUR")`; `nil` if unknown.
    public init?(code: String) {
        var code = code
        guard let currency = code.withUTF8({ Currency(utf8: $0) }) else { return nil }
        self = currency
    }

    /// The currency for an ISO 4217 code given as UTF-8 bytes (no `String` needed).
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 3 else { return nil }
        var letters: UInt32 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { return nil }
            letters = letters << 8 | UInt32(byte)
        }
        guard let minorUnits = Currency.minorUnitsByLetters[letters] else { return nil }
        self.packed = letters | UInt32(minorUnits) << 24
    }

    /// The three-letter code, e.g. `"USD"`.
    public var code: String {
        let p = packed
        return String(unsafeUninitializedCapacity: 3) { out in
            out[0] = UInt8(truncatingIfNeeded: p >> 16)
            out[1] = UInt8(truncatingIfNeeded: p >> 8)
            out[2] = UInt8(truncatingIfNeeded: p)
            return 3
        }
    }

    /// Whether the bytes are exactly this currency's code (deals.csv's `currency`): for USD,
    /// `USD` → true; `usd`, ` USD`, `US` → false.
    @inline(__always)
    func isCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 3 && UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) == packed & 0xFF_FFFF
    }

    /// Decimal places of the minor unit: 2 for USD (cents), 0 for JPY, 3 for KWD, 4 for CLF.
    @inlinable
    public var minorUnits: Int { Int(packed >> 24) }

    /// The code, e.g. `"USD"`.
    public var description: String { code }

    /// US dollar, 2 minor units.
    public static let usd = Currency(packed: Currency.pack("USD", 2))
    /// Euro, 2 minor units.
    public static let eur = Currency(packed: Currency.pack("EUR", 2))
    /// Japanese yen, 0 minor units.
    public static let jpy = Currency(packed: Currency.pack("JPY", 0))

    static func pack(_ code: StaticString, _ minorUnits: UInt32) -> UInt32 {
        let p = code.utf8Start
        return UInt32(p[0]) << 16 | UInt32(p[1]) << 8 | UInt32(p[2]) | minorUnits << 24
    }

    /// Every known code, grouped by minor units (ISO 4217, published 2026-01-01).
    static let codesByMinorUnits: [(minorUnits: UInt8, codes: String)] = [
        (0, """
            BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF
            """),
        (2, """
            AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN
            BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD
            FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW
            KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR
            MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG
            SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD
            USN UYU UZS VED VES WST XAD XCD XCG YER ZAR ZMW ZWG
            """),
        (3, "BHD IQD JOD KWD LYD OMR TND"),
        (4, "CLF UYW"),
    ]

    static let minorUnitsByLetters: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (minorUnits, codes) in codesByMinorUnits {
            for code in codes.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                var letters: UInt32 = 0
                for byte in code.utf8 { letters = letters << 8 | UInt32(byte) }
                table[letters] = minorUnits
            }
        }
        return table
    }()

    /// All known currencies, sorted by code.
    public static var allKnown: [Currency] {
        minorUnitsByLetters
            .map { Currency(packed: $0.key | UInt32($0.value) << 24) }
            .sorted { ($0.packed & 0xFF_FFFF) < ($1.packed & 0xFF_FFFF) }
    }
}
