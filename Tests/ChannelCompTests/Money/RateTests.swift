import Testing
import _TestSupport
@testable import ChannelComp

@Suite("Rate")
struct RateTests {
    static let valid: [(text: String, fraction: String, percentText: String)] = [
        ("35%", "0.35", "35%"),
        ("0.35", "0.35", "35%"),
        ("12.5%", "0.125", "12.5%"),
        ("0%", "0.00", "0%"),
        ("0", "0", "0%"),
        ("100%", "1.00", "100%"),
        ("150%", "1.50", "150%"),
        ("35", "35", "3500%"),         // a fraction of 35 = 3500 %: allowed, the plan decides
        ("0.5", "0.5", "50%"),
        ("2.50%", "0.0250", "2.5%"),
        ("-0%", "0.00", "0%"),
        ("0.000001%", "0.00000001", "0.000001%"),
    ]

    @Test("parsing", arguments: valid)
    func parsing(_ v: (text: String, fraction: String, percentText: String)) throws {
        let rate = try Rate(parsing: v.text)
        #expect(rate.fraction.description == v.fraction, "\(v.text) fraction")
        #expect(rate.percentText == v.percentText, "\(v.text) percent text")
        #expect(rate.description == v.percentText)
    }

    static let invalidTexts: [(text: String, error: DecimalParseError)] = [
        ("", .empty),
        ("%", .invalidSyntax),
        (" 35%", .invalidSyntax),
        ("35 %", .invalidSyntax),
        ("35%%", .invalidSyntax),
        ("%35", .invalidSyntax),
        ("+5%", .invalidSyntax),
        ("35.%", .invalidSyntax),
        ("1e2%", .invalidSyntax),
        ("-5%", .negative),
        ("-0.05", .negative),
        ("0.1234567890123456789%", .tooManyFractionDigits(max: 18)),
    ]

    @Test("invalid", arguments: invalidTexts)
    func invalid(_ v: (text: String, error: DecimalParseError)) {
        #expect(throws: v.error, "\(v.text)") { try Rate(parsing: v.text) }
    }

    @Test("percent, order and sums")
    func percent() throws {
        #expect(try Rate(percent: ExactDecimal(60)).fraction.description == "0.60")
        #expect(try Rate(percent: exact("33.33")).fraction == exact("0.3333"))
        #expect(try Rate(percent: ExactDecimal(60)) == Rate(fraction: exact("0.6")))
        #expect(try Rate(parsing: "5%") < Rate(parsing: "0.06"))
        // SPEC 7: 20 % + 5 % + 10 % = 35 %
        let d = try Rate(parsing: "20%") + Rate(parsing: "5%") + Rate(parsing: "10%")
        #expect(d == (try Rate(parsing: "35%")))
        #expect(try (Rate(parsing: "25%") - Rate(parsing: "5%")).percentText == "20%")
        #expect(Rate(fraction: exact("-0.05")).percentText == "-5%")
        #expect(Rate(fraction: exact("-0.5")).percentText == "-50%")
        #expect(Rate.zero.percentText == "0%")
        // Percent with 37 places: 2 more places would exceed 38.
        #expect(throws: NumericError.scaleTooLarge) {
            try Rate(percent: ExactDecimal(significand: 1, scale: 37))
        }
        #expect(try Rate(percent: ExactDecimal(significand: 10, scale: 37)).fraction.scale == 38)
    }
}
