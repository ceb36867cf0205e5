import Testing
@testable import ExactArithmetic


struct ParseVector: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let significand: Int128
    let scale: Int
    let printed: String
    var testDescription: String { name }
}

struct BadParseVector: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let maxFractionDigits: Int?
    let error: DecimalParseError
    var testDescription: String { name }
}

@Suite("ExactDecimal parsing")
struct ExactDecimalParseTests {
    static let valid: [ParseVector] = [
        .init(name: "integer", text: "1234", significand: 1234, scale: 0, printed: "1234"),
        .init(name: "two places", text: "1234.50", significand: 123450, scale: 2, printed: "1234.50"),
        .init(name: "negative", text: "-12.5", significand: -125, scale: 1, printed: "-12.5"),
        .init(name: "leading zeros", text: "0001.50", significand: 150, scale: 2, printed: "1.50"),
        .init(name: "minus zero is zero", text: "-0", significand: 0, scale: 0, printed: "0"),
        .init(name: "minus zero with places", text: "-0.00", significand: 0, scale: 2, printed: "0.00"),
        .init(name: "zero", text: "0", significand: 0, scale: 0, printed: "0"),
        .init(name: "small fraction", text: "0.05", significand: 5, scale: 2, printed: "0.05"),
        .init(name: "negative small fraction", text: "-0.005", significand: -5, scale: 3, printed: "-0.005"),
        .init(name: "18 fraction digits (default limit)", text: "0.123456789012345678",
              significand: 123_456_789_012_345_678, scale: 18, printed: "0.123456789012345678"),
        .init(name: "19 digits fast path limit", text: "9999999999999999999",
              significand: 9_999_999_999_999_999_999, scale: 0, printed: "9999999999999999999"),
        .init(name: "20 digits slow path", text: "12345678901234567890",
              significand: 12_345_678_901_234_567_890, scale: 0, printed: "12345678901234567890"),
        .init(name: "Int128.max", text: "170141183460469231731687303715884105727",
              significand: .max, scale: 0, printed: "170141183460469231731687303715884105727"),
        .init(name: "-Int128.max", text: "-170141183460469231731687303715884105727",
              significand: -Int128.max, scale: 0, printed: "-170141183460469231731687303715884105727"),
        .init(name: "large with places", text: "-1234567890123456789012.345678",
              significand: -1_234_567_890_123_456_789_012_345_678, scale: 6,
              printed: "-1234567890123456789012.345678"),
        .init(name: "trailing zeros kept", text: "12.500", significand: 12500, scale: 3, printed: "12.500"),
    ]

    @Test("valid", arguments: valid)
    func parsesValid(_ v: ParseVector) throws {
        let d = try ExactDecimal(parsing: v.text)
        #expect(d.significand == v.significand, "\(v.name): significand")
        #expect(d.scale == v.scale, "\(v.name): scale")
        #expect(d.description == v.printed, "\(v.name): printed")
    }

    static let invalid: [BadParseVector] = [
        .init(name: "empty", text: "", maxFractionDigits: nil, error: .empty),
        .init(name: "minus only", text: "-", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "trailing point", text: "1.", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "leading point", text: ".5", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "minus leading point", text: "-.5", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "plus sign", text: "+1", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "exponent", text: "1e3", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "thousands separator", text: "1,000", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "leading space", text: " 1", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "trailing space", text: "1 ", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "two points", text: "1.2.3", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "double minus", text: "--1", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "letters", text: "abc", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "percent", text: "35%", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "NaN", text: "NaN", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "non-ASCII digit", text: "١٢", maxFractionDigits: nil, error: .invalidSyntax),
        .init(name: "19 fraction digits over default 18", text: "0.1234567890123456789",
              maxFractionDigits: nil, error: .tooManyFractionDigits(max: 18)),
        .init(name: "3 places with max 2", text: "1.234", maxFractionDigits: 2, error: .tooManyFractionDigits(max: 2)),
        .init(name: "trailing zero counts as written", text: "1.0", maxFractionDigits: 0,
              error: .tooManyFractionDigits(max: 0)),
        .init(name: "max above 38 is capped", text: "0." + String(repeating: "1", count: 39), maxFractionDigits: 50,
              error: .tooManyFractionDigits(max: 38)),
        .init(name: "syntax reported before places", text: "1.2345x", maxFractionDigits: 2, error: .invalidSyntax),
        .init(name: "Int128.max + 1", text: "170141183460469231731687303715884105728",
              maxFractionDigits: nil, error: .outOfRange),
        .init(name: "-(Int128.max + 1) is not representable", text: "-170141183460469231731687303715884105728",
              maxFractionDigits: nil, error: .outOfRange),
        .init(name: "40 digits", text: "1" + String(repeating: "0", count: 39), maxFractionDigits: nil,
              error: .outOfRange),
        .init(name: "digits over range counting fraction", text: "1000000000000000000000.000000000000000000",
              maxFractionDigits: nil, error: .outOfRange),
    ]

    @Test("invalid", arguments: invalid)
    func rejectsInvalid(_ v: BadParseVector) {
        #expect(throws: v.error, "\(v.name)") {
            try ExactDecimal(parsing: v.text, maxFractionDigits: v.maxFractionDigits)
        }
    }

    @Test("parse from bytes")
    func parsesBytes() {
        let bytes: [UInt8] = Array("x,-7.25,y".utf8)
        let result = bytes.withUnsafeBufferPointer { buffer in
            ExactDecimal.parse(UnsafeBufferPointer(rebasing: buffer[2..<7]), maxFractionDigits: 2)
        }
        #expect(result == .success(ExactDecimal(significand: -725, scale: 2)))
    }

    @Test("leading zeros do not count toward the range")
    func leadingZeros() throws {
        // 45 characters, but only 39 significant digits: still Int128.max.
        let d = try ExactDecimal(parsing: "000000170141183460469231731687303715884105727")
        #expect(d.significand == .max)
    }

    @Test("error descriptions say what was expected")
    func descriptions() {
        #expect(DecimalParseError.invalidSyntax.description.contains("1234.50"))
        #expect(DecimalParseError.tooManyFractionDigits(max: 2).description == "expected at most 2 decimal places")
        #expect(DecimalParseError.tooManyFractionDigits(max: 0).description == "expected a whole number (no decimal places)")
        #expect(DecimalParseError.empty.description.contains("found nothing"))
    }
}
