import Testing
import _TestSupport
@testable import ChannelComp

func dollars(_ text: String) -> Money { Money(exact(text), .usd) }

@Suite("Money")
struct MoneyTests {
    @Test("adding and subtracting in one currency")
    func arithmetic() throws {
        #expect(try (dollars("10.00") + dollars("2.5")).formatted == "12.50")
        #expect(try (dollars("10.00") - dollars("12.50")).formatted == "-2.50")
        #expect(try dollars("12.50").negated().formatted == "-12.50")
        #expect(try (dollars("10.00") + dollars("2.5")) == dollars("12.5"))
    }

    @Test("different currencies do not mix")
    func mismatch() {
        let eur = Money(exact("1.00"), .eur)
        #expect(throws: NumericError.currencyMismatch("USD", "EUR")) { try dollars("1.00") + eur }
        #expect(throws: NumericError.currencyMismatch("EUR", "USD")) { try eur - dollars("1.00") }
        #expect(NumericError.currencyMismatch("USD", "EUR").description.contains("USD"))
    }

    @Test("scaling is exact; rounding is explicit")
    func scaling() throws {
        // SPEC 7: 5600.00 × 0.35 = 1960.0000 (scales 2 + 2) → 1960.00
        let discount = try dollars("5600.00").multiplied(by: Rate(parsing: "35%"))
        #expect(discount.amount.description == "1960.0000")
        #expect(try discount.rounded(.halfEven).amount.description == "1960.00")
        // 19.99 × 3 = 59.97; × 12.5 % = 7.49625 → 7.50 half-even, 7.50 half-up
        let line = try dollars("19.99").multiplied(by: exact("3"))
        #expect(line.amount.description == "59.97")
        let fee = try line.multiplied(by: Rate(parsing: "12.5%"))
        #expect(fee.amount.description == "7.49625")  // scales 2 + 3
        #expect(try fee.rounded(.halfEven).formatted == "7.50")
        #expect(try fee.rounded(.towardZero).formatted == "7.49")
    }

    static let roundings: [(name: String, amount: String, currency: Currency, rule: RoundingRule, expected: String)] = [
        ("USD half-up negative tie", "-0.005", .usd, .halfUp, "-0.01"),
        ("USD half-even negative tie", "-0.005", .usd, .halfEven, "0.00"),
        ("JPY half-even", "1234.5", .jpy, .halfEven, "1234"),
        ("JPY half-up", "1234.5", .jpy, .halfUp, "1235"),
        ("KWD adds places", "1.5", Currency(code: "KWD")!, .halfEven, "1.500"),
        ("KWD tie", "0.0125", Currency(code: "KWD")!, .halfEven, "0.012"),
    ]

    @Test("rounded to minor units", arguments: roundings)
    func rounded(_ v: (name: String, amount: String, currency: Currency, rule: RoundingRule, expected: String)) throws {
        let m = try Money(exact(v.amount), v.currency).rounded(v.rule)
        #expect(m.amount.description == v.expected, "\(v.name)")
        #expect(m.amount.scale == v.currency.minorUnits, "\(v.name) scale")
    }

    @Test("formatted never shows negative zero")
    func formatting() {
        #expect(dollars("1234.5").formatted == "1234.50")
        #expect(dollars("-12").formatted == "-12.00")
        #expect(dollars("-0.00").formatted == "0.00")
        #expect(dollars("-0.001").formatted == "0.00")
        #expect(Money.zero(.usd).formatted == "0.00")
        #expect(Money.zero(.jpy).formatted == "0")
        #expect(dollars("5").description == "5.00 USD")
        var bytes: [UInt8] = []
        dollars("-0.001").appendFormatted(to: &bytes)
        Money(exact("-7.5"), .jpy).appendFormatted(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "0.00-8")  // -7.5 half-even → -8
    }

    @Test("comparisons and predicates")
    func comparisons() {
        #expect(dollars("9.99") < dollars("10"))
        #expect(dollars("-1") < dollars("0.00"))
        #expect(dollars("10.0") == dollars("10.00"))
        #expect(dollars("10.0").hashValue == dollars("10.00").hashValue)
        #expect(Money(exact("10"), .usd) != Money(exact("10"), .eur))
        #expect(dollars("-0.01").isNegative && !dollars("0.00").isNegative)
        #expect(dollars("0.000").isZero && !dollars("0.01").isZero)
        #expect([dollars("3"), dollars("1.5"), dollars("2")].max() == dollars("3.00"))
    }
}
