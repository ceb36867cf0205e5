import Testing
import _TestSupport
@testable import ExactArithmetic

struct RoundingVector: CustomTestStringConvertible, Sendable {
    let input: String
    let scale: Int
    let halfEven: String
    let halfUp: String
    let towardZero: String
    var testDescription: String { "\(input) to \(scale) places" }
}

@Suite("Rounding and formatting")
struct RoundingTests {
    /// The table of `RoundingRule`'s doc comment, plus more ties.
    static let vectors: [RoundingVector] = [
        .init(input: "2.345", scale: 2, halfEven: "2.34", halfUp: "2.35", towardZero: "2.34"),
        .init(input: "2.355", scale: 2, halfEven: "2.36", halfUp: "2.36", towardZero: "2.35"),
        .init(input: "2.3451", scale: 2, halfEven: "2.35", halfUp: "2.35", towardZero: "2.34"),
        .init(input: "2.3449", scale: 2, halfEven: "2.34", halfUp: "2.34", towardZero: "2.34"),
        .init(input: "-2.345", scale: 2, halfEven: "-2.34", halfUp: "-2.35", towardZero: "-2.34"),
        .init(input: "-2.355", scale: 2, halfEven: "-2.36", halfUp: "-2.36", towardZero: "-2.35"),
        .init(input: "-2.359", scale: 2, halfEven: "-2.36", halfUp: "-2.36", towardZero: "-2.35"),
        .init(input: "0.005", scale: 2, halfEven: "0.00", halfUp: "0.01", towardZero: "0.00"),
        .init(input: "-0.005", scale: 2, halfEven: "0.00", halfUp: "-0.01", towardZero: "0.00"),
        .init(input: "0.015", scale: 2, halfEven: "0.02", halfUp: "0.02", towardZero: "0.01"),
        .init(input: "0.0149", scale: 2, halfEven: "0.01", halfUp: "0.01", towardZero: "0.01"),
        .init(input: "2.5", scale: 0, halfEven: "2", halfUp: "3", towardZero: "2"),
        .init(input: "3.5", scale: 0, halfEven: "4", halfUp: "4", towardZero: "3"),
        .init(input: "-2.5", scale: 0, halfEven: "-2", halfUp: "-3", towardZero: "-2"),
        .init(input: "-3.5", scale: 0, halfEven: "-4", halfUp: "-4", towardZero: "-3"),
        .init(input: "0.5", scale: 0, halfEven: "0", halfUp: "1", towardZero: "0"),
        .init(input: "1.5", scale: 0, halfEven: "2", halfUp: "2", towardZero: "1"),
        .init(input: "1960.0000", scale: 2, halfEven: "1960.00", halfUp: "1960.00", towardZero: "1960.00"),
        // 59.97 × 0.125 = 7.49625
        .init(input: "7.49625", scale: 2, halfEven: "7.50", halfUp: "7.50", towardZero: "7.49"),
        .init(input: "12.5", scale: 3, halfEven: "12.500", halfUp: "12.500", towardZero: "12.500"),
        .init(input: "99.995", scale: 2, halfEven: "100.00", halfUp: "100.00", towardZero: "99.99"),
        .init(input: "1234.5", scale: 0, halfEven: "1234", halfUp: "1235", towardZero: "1234"),
        // 38 places down to 0: divisor 10^38.
        .init(input: "0.50000000000000000000000000000000000000", scale: 0, halfEven: "0", halfUp: "1", towardZero: "0"),
    ]

    @Test("rounding rules", arguments: vectors)
    func rounding(_ v: RoundingVector) throws {
        let d = exact(v.input)
        #expect(try d.rounded(scale: v.scale, rule: .halfEven).description == v.halfEven, "\(v.input) half-even")
        #expect(try d.rounded(scale: v.scale, rule: .halfUp).description == v.halfUp, "\(v.input) half-up")
        #expect(try d.rounded(scale: v.scale, rule: .towardZero).description == v.towardZero, "\(v.input) toward zero")
    }

    @Test("raw values are the plan spellings")
    func rawValues() {
        #expect(RoundingRule(rawValue: "half-even") == .halfEven)
        #expect(RoundingRule(rawValue: "half-up") == .halfUp)
        #expect(RoundingRule(rawValue: "toward-zero") == .towardZero)
        #expect(RoundingRule(rawValue: "HALF-UP") == nil)
        #expect(RoundingRule.allCases.count == 3)
    }

    @Test("rescaling up can overflow")
    func rescaleOverflow() {
        let big = ExactDecimal(significand: .max / 10, scale: 0)
        #expect(throws: NumericError.overflow(operation: "round", operands: [big.description, "2 places"])) {
            try big.rounded(scale: 2, rule: .halfEven)
        }
    }

    static let formats: [(name: String, input: String, digits: Int, expected: String)] = [
        ("pads places", "12.5", 2, "12.50"),
        ("integer gets places", "-12", 2, "-12.00"),
        ("already exact", "1234.50", 2, "1234.50"),
        ("zero decimals", "1234", 0, "1234"),
        ("below one", "0.05", 2, "0.05"),
        ("negative below one", "-0.05", 2, "-0.05"),
        ("negative zero never printed", "-0.00", 2, "0.00"),
        ("negative rounding to zero", "-0.004", 2, "0.00"),
        ("negative tie to zero (half-even)", "-0.005", 2, "0.00"),
        ("more places rounded half-even", "2.345", 2, "2.34"),
        ("more places rounded half-even up", "2.355", 2, "2.36"),
        ("to zero places", "2.5", 0, "2"),
        ("three places", "1.5", 3, "1.500"),
        ("wide padding", "1", 40, "1." + String(repeating: "0", count: 40)),
        ("39-digit significand", "-170141183460469231731687303715884105.727", 3,
         "-170141183460469231731687303715884105.727"),
        ("20 digits", "12345678901234567890.5", 1, "12345678901234567890.5"),
        ("exactly 10^19", "10000000000000000000", 0, "10000000000000000000"),
    ]

    @Test("formatted", arguments: formats)
    func formatted(_ v: (name: String, input: String, digits: Int, expected: String)) {
        #expect(exact(v.input).formatted(fractionDigits: v.digits) == v.expected, "\(v.name)")
        var bytes: [UInt8] = Array("x=".utf8)
        exact(v.input).appendFormatted(fractionDigits: v.digits, to: &bytes)
        #expect(bytes == Array(("x=" + v.expected).utf8), "\(v.name) as bytes")
    }

    @Test("description keeps the scale and never shows -0")
    func description() throws {
        #expect(exact("12.50").description == "12.50")
        #expect(exact("-3").description == "-3")
        #expect(try exact("-0.005").rounded(scale: 2, rule: .halfEven).description == "0.00")
        #expect(ExactDecimal(significand: 5, scale: 38).description == "0.00000000000000000000000000000000000005")
    }
}
