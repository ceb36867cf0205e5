import Testing
@testable import ChannelComp

@Suite("Currency")
struct CurrencyTests {
    static let minorUnits: [(code: String, minorUnits: Int)] = [
        ("USD", 2), ("EUR", 2), ("GBP", 2), ("JPY", 0), ("KRW", 0), ("CLP", 0), ("ISK", 0), ("VND", 0),
        ("XAF", 0), ("XOF", 0), ("BHD", 3), ("IQD", 3), ("JOD", 3), ("KWD", 3), ("LYD", 3), ("OMR", 3),
        ("TND", 3), ("CLF", 4), ("UYW", 4), ("CHF", 2), ("XCG", 2),
    ]

    @Test("minor units", arguments: minorUnits)
    func minor(_ v: (code: String, minorUnits: Int)) throws {
        let currency = try #require(Currency(code: v.code), "\(v.code) is known")
        #expect(currency.minorUnits == v.minorUnits, "\(v.code)")
        #expect(currency.code == v.code, "\(v.code) round-trips")
        #expect(currency.description == v.code)
    }

    @Test("unknown or malformed codes", arguments: ["XYZ", "usd", "US", "USDD", "", " USD", "XAU", "XTS", "ÜSD"])
    func unknown(_ code: String) {
        #expect(Currency(code: code) == nil, "\(code) is not a currency")
    }

    @Test("constants and identity")
    func constants() {
        #expect(Currency.usd == Currency(code: "USD"))
        #expect(Currency.eur == Currency(code: "EUR"))
        #expect(Currency.jpy.minorUnits == 0)
        #expect(Currency.usd != Currency.eur)
        #expect(Set([Currency.usd, Currency(code: "USD")!]).count == 1)
        // Packed into 4 bytes: Money carries no reference-counted storage.
        #expect(MemoryLayout<Currency>.size == 4)
        #expect(_isPOD(Money.self))
    }

    @Test("the list is ISO 4217 as published 2026-01-01")
    func list() {
        let all = Currency.allKnown
        #expect(all.count == 165)
        #expect(all.first?.code == "AED" && all.last?.code == "ZWG")
        #expect(all.filter { $0.minorUnits == 0 }.count == 17)
        #expect(all.filter { $0.minorUnits == 3 }.map(\.code) == ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"])
    }

    @Test("from UTF-8 bytes")
    func bytes() {
        let text: [UInt8] = Array("a,KWD,b".utf8)
        let currency = text.withUnsafeBufferPointer { Currency(utf8: UnsafeBufferPointer(rebasing: $0[2..<5])) }
        #expect(currency?.minorUnits == 3)
    }
}
