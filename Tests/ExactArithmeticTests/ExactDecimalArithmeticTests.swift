import Testing
import _TestSupport
@testable import ExactArithmetic

struct BinaryVector: CustomTestStringConvertible, Sendable {
    let name: String
    let lhs: String
    let rhs: String
    let expected: String  // exact text, scale included
    var testDescription: String { name }
}

struct OverflowVector: CustomTestStringConvertible, Sendable {
    let name: String
    let lhs: ExactDecimal
    let rhs: ExactDecimal
    let operation: String
    var testDescription: String { name }
}

/// 10^n as an exact integer.
func powerOfTenDecimal(_ n: Int, negative: Bool = false) -> ExactDecimal {
    var p: Int128 = 1
    for _ in 0..<n { p *= 10 }
    return ExactDecimal(significand: negative ? -p : p, scale: 0)
}

@Suite("ExactDecimal arithmetic")
struct ExactDecimalArithmeticTests {
    static let sums: [BinaryVector] = [
        .init(name: "same scale", lhs: "1.25", rhs: "2.50", expected: "3.75"),
        .init(name: "scales align to the larger", lhs: "1.5", rhs: "0.25", expected: "1.75"),
        .init(name: "integer plus cents", lhs: "10", rhs: "0.01", expected: "10.01"),
        .init(name: "negative result", lhs: "-5.00", rhs: "2.5", expected: "-2.50"),
        .init(name: "to zero keeps scale", lhs: "-0.05", rhs: "0.050", expected: "0.000"),
        // 1.7e20 at scale 18 has significand 1.7e38 (just fits); 1.7e38 + 1.7e38 overflows
        // Int128 at scale 18; dropping one trailing zero (scale 17, 3.4e37) is enough.
        .init(name: "overflowing significands retried without trailing zeros",
              lhs: "170000000000000000000.000000000000000000", rhs: "170000000000000000000.000000000000000000",
              expected: "340000000000000000000.00000000000000000"),
    ]

    @Test("adding", arguments: sums)
    func adding(_ v: BinaryVector) throws {
        let result = try exact(v.lhs) + exact(v.rhs)
        #expect(result.description == v.expected, "\(v.name)")
        // Addition commutes, including the result's scale.
        #expect(try (exact(v.rhs) + exact(v.lhs)).description == v.expected, "\(v.name) commuted")
    }

    static let differences: [BinaryVector] = [
        .init(name: "same scale", lhs: "3.75", rhs: "1.25", expected: "2.50"),
        .init(name: "across scales", lhs: "1", rhs: "0.001", expected: "0.999"),
        .init(name: "below zero", lhs: "1.5", rhs: "2.25", expected: "-0.75"),
        .init(name: "minus a negative", lhs: "-1", rhs: "-1.5", expected: "0.5"),
        // Aligning 1.71 × 10^37 to one place needs 1.71 × 10^38 > Int128.max ≈ 1.7014 × 10^38,
        // but the exact difference 10^35 + 0.1 fits at one place.
        .init(name: "alignment overflow but result fits",
              lhs: "17100000000000000000000000000000000000", rhs: "16999999999999999999999999999999999999.9",
              expected: "100000000000000000000000000000000000.1"),
    ]

    @Test("subtracting", arguments: differences)
    func subtracting(_ v: BinaryVector) throws {
        #expect(try (exact(v.lhs) - exact(v.rhs)).description == v.expected, "\(v.name)")
    }

    static let products: [BinaryVector] = [
        .init(name: "scales add", lhs: "1.25", rhs: "0.5", expected: "0.625"),
        .init(name: "money times rate", lhs: "5600.00", rhs: "0.35", expected: "1960.0000"),
        .init(name: "negative times positive", lhs: "-3", rhs: "2.50", expected: "-7.50"),
        .init(name: "negative times negative", lhs: "-0.1", rhs: "-0.1", expected: "0.01"),
        .init(name: "times zero", lhs: "123.45", rhs: "0.0", expected: "0.000"),
        // Significands 10^20 × 2.5 × 10^20 = 2.5 × 10^40 at scale 40: dropping 3 trailing zeros
        // (only as many as needed) gives 2.5 × 10^37 at scale 37.
        .init(name: "scale over 38 saved by trailing zeros",
              lhs: "1.00000000000000000000", rhs: "2.50000000000000000000",
              expected: "2.5" + String(repeating: "0", count: 36)),
        // 10^19 × 10^19 = 10^38 fits Int128 (max ≈ 1.7 × 10^38).
        .init(name: "10^19 × 10^19", lhs: "10000000000000000000", rhs: "10000000000000000000",
              expected: "100000000000000000000000000000000000000"),
        // Significands 10^37 × 3 × 10^5 = 3 × 10^42 at scale 25 overflow; dropping 5 zeros
        // gives 3 × 10^37 at scale 20.
        .init(name: "significand overflow saved by trailing zeros",
              lhs: "100000000000000000.00000000000000000000", rhs: "3.00000",
              expected: "300000000000000000." + String(repeating: "0", count: 20)),
    ]

    @Test("multiplying", arguments: products)
    func multiplying(_ v: BinaryVector) throws {
        #expect(try (exact(v.lhs) * exact(v.rhs)).description == v.expected, "\(v.name)")
        #expect(try (exact(v.rhs) * exact(v.lhs)).description == v.expected, "\(v.name) commuted")
    }

    static let overflows: [OverflowVector] = [
        // 10^20 × 10^20 = 10^40 > 1.7 × 10^38
        .init(name: "10^20 × 10^20", lhs: powerOfTenDecimal(20), rhs: powerOfTenDecimal(20), operation: "×"),
        .init(name: "-10^20 × 10^20", lhs: powerOfTenDecimal(20, negative: true), rhs: powerOfTenDecimal(20), operation: "×"),
        .init(name: "max × 2", lhs: ExactDecimal(significand: .max, scale: 0), rhs: ExactDecimal(2), operation: "×"),
        .init(name: "max + 1", lhs: ExactDecimal(significand: .max, scale: 0), rhs: .one, operation: "+"),
        .init(name: "-max - 1", lhs: ExactDecimal(significand: -.max, scale: 0), rhs: .one, operation: "-"),
        .init(name: "max + 0.1 needs one more place",
              lhs: ExactDecimal(significand: .max, scale: 0), rhs: exact("0.1"), operation: "+"),
        .init(name: "max ÷ 0.1", lhs: ExactDecimal(significand: .max, scale: 0), rhs: exact("0.1"), operation: "÷"),
    ]

    @Test("overflow throws instead of trapping", arguments: overflows)
    func overflow(_ v: OverflowVector) {
        let expected = NumericError.overflow(operation: v.operation, operands: [v.lhs.description, v.rhs.description])
        #expect(throws: expected, "\(v.name)") {
            switch v.operation {
            case "×": _ = try v.lhs * v.rhs
            case "+": _ = try v.lhs + v.rhs
            case "-": _ = try v.lhs - v.rhs
            default: _ = try v.lhs.divided(by: v.rhs, scale: 0, rule: .halfEven)
            }
        }
    }

    @Test("overflow description names the operation and operands")
    func overflowDescription() {
        let error = NumericError.overflow(operation: "×", operands: ["10000000000000000000000", "3"])
        #expect(error.description
            == "arithmetic overflow in 10000000000000000000000 × 3: result exceeds the supported range")
    }

    @Test("scale beyond 38 places throws")
    func scaleTooLarge() {
        // 10^-20 × 10^-20 = 10^-40: 40 places, no trailing zeros to drop.
        let tiny = ExactDecimal(significand: 1, scale: 20)
        #expect(throws: NumericError.scaleTooLarge) { try tiny * tiny }
        #expect(throws: NumericError.scaleTooLarge) { try ExactDecimal.one.rounded(scale: 39, rule: .halfEven) }
        #expect(throws: NumericError.scaleTooLarge) { try ExactDecimal.one.divided(by: .one, scale: -1, rule: .halfEven) }
    }

    @Test("negation and magnitude")
    func negation() throws {
        #expect(try exact("12.50").negated().description == "-12.50")
        #expect((-exact("-3")).description == "3")
        #expect(exact("-0.5").magnitude.description == "0.5")
        let max = ExactDecimal(significand: .max, scale: 0)
        #expect(try max.negated().significand == -Int128.max)
        #expect(try max.negated().magnitude == max)
        #expect(exact("-2").signum == -1 && exact("0.00").signum == 0 && exact("7").signum == 1)
        #expect(exact("-0.00").isZero && !exact("-0.00").isNegative)
    }

    static let quotients: [(name: String, lhs: String, rhs: String, scale: Int, rule: RoundingRule, expected: String)] = [
        ("10 ÷ 3 half-even", "10", "3", 2, .halfEven, "3.33"),
        ("2 ÷ 3 half-even", "2", "3", 2, .halfEven, "0.67"),
        ("2 ÷ 3 toward zero", "2", "3", 2, .towardZero, "0.66"),
        ("-2 ÷ 3 half-up", "-2", "3", 2, .halfUp, "-0.67"),
        ("2 ÷ -3 toward zero", "2", "-3", 2, .towardZero, "-0.66"),
        // 1 ÷ 8 = 0.125: a tie at 2 places.
        ("tie half-even", "1", "8", 2, .halfEven, "0.12"),
        ("tie half-up", "1", "8", 2, .halfUp, "0.13"),
        ("negative tie half-even", "-1", "8", 2, .halfEven, "-0.12"),
        ("negative tie half-up", "-1", "8", 2, .halfUp, "-0.13"),
        // attainment: 18640.00 / 500000 = 0.03728 → 0.0373 (SPEC 7)
        ("attainment ann", "18640.00", "500000", 4, .halfEven, "0.0373"),
        // 3640.00 / 800000 = 0.00455 → 0.0046 (half-even: 5 after even 4? 0.00455 → 45|5 → 46)
        ("attainment cam", "3640.00", "800000", 4, .halfEven, "0.0046"),
        ("9999.99 / 10000 prints 1.0000", "9999.99", "10000", 4, .halfEven, "1.0000"),
        ("exact with extra places", "1.5", "0.5", 3, .halfEven, "3.000"),
        ("divisor with many places", "1", "0.0000000000000000000000000000000000007", 0, .halfEven,
         "1428571428571428571428571428571428571"),
        // e = 38 + 38 − 0 = 76: numerator 10^76 needs the 256-bit path; 1 ÷ 1.7 ≈ 0.588…
        ("256-bit numerator", "1", "1.70000000000000000000000000000000000000", 38, .halfEven,
         "0.58823529411764705882352941176470588235"),
        ("zero dividend", "0", "7", 2, .halfEven, "0.00"),
    ]

    @Test("dividing", arguments: quotients)
    func dividing(_ v: (name: String, lhs: String, rhs: String, scale: Int, rule: RoundingRule, expected: String)) throws {
        let q = try exact(v.lhs).divided(by: exact(v.rhs), scale: v.scale, rule: v.rule)
        #expect(q.description == v.expected, "\(v.name)")
    }

    @Test("division by zero throws")
    func divisionByZero() {
        #expect(throws: NumericError.divisionByZero) { try exact("1").divided(by: exact("0.00"), scale: 2, rule: .halfEven) }
    }

    // MARK: Equality, order, hashing

    static let equalPairs: [(String, String)] = [
        ("1.0", "1.00"), ("0", "-0.000"), ("12.5", "12.500000000000000000"), ("-3", "-3.0"),
        ("100", "100.00"),
    ]

    @Test("equal across scales, and hash alike", arguments: equalPairs)
    func equalAcrossScales(_ pair: (String, String)) {
        let a = exact(pair.0)
        let b = exact(pair.1)
        #expect(a == b, "\(pair.0) == \(pair.1)")
        #expect(!(a < b) && !(b < a), "\(pair.0) neither below nor above \(pair.1)")
        #expect(a.hashValue == b.hashValue, "\(pair.0) and \(pair.1) hash alike")
        #expect(Set([a, b]).count == 1, "\(pair.0) and \(pair.1) are one set element")
    }

    static let orderedPairs: [(String, String)] = [
        ("0.999", "1"), ("-1", "-0.999"), ("-0.01", "0"), ("1.00", "1.001"), ("-5", "3"),
        // huge vs precise: aligning 10^37 to 38 places overflows; order must still be right.
        ("1.00000000000000000000000000000000000001", "10000000000000000000000000000000000000"),
        ("-10000000000000000000000000000000000000", "-1.00000000000000000000000000000000000001"),
    ]

    @Test("ordered across scales", arguments: orderedPairs)
    func ordered(_ pair: (String, String)) {
        let a = exact(pair.0)
        let b = exact(pair.1)
        #expect(a < b, "\(pair.0) < \(pair.1)")
        #expect(!(b < a), "not \(pair.1) < \(pair.0)")
        #expect(a != b, "\(pair.0) != \(pair.1)")
    }

    /// Comparing across scales takes a short way when both significands are small; on random
    /// pairs of every scale (0–38) and size, it orders exactly like the full comparison.
    @Test("across scales: the short comparison agrees with the full one")
    func shortComparisonAgrees() {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var shortWays = 0
        for _ in 0..<50_000 {
            func value() -> ExactDecimal {
                let bits = Int(next() % 127)
                var sig = Int128(truncatingIfNeeded: (UInt128(next()) << 64 | UInt128(next())) >> (127 - bits))
                if next() % 2 == 0 { sig = 0 &- sig }
                if next() % 8 == 0 { sig = Int128(next() % 3) }
                return ExactDecimal(unchecked: sig, UInt8(next() % 39))
            }
            let a = value(), b = value()
            if ExactDecimal.alignedSmall(a, b) != nil { shortWays += 1 }
            let full = ExactDecimal.compareSlow(a, b)
            #expect((a < b) == (full < 0), "\(a) < \(b)")
            #expect((a == b) == (full == 0), "\(a) == \(b)")
            #expect((b < a) == (full > 0), "\(b) < \(a)")
        }
        #expect(shortWays > 1_000)
    }

    @Test("not equal across scales")
    func notEqual() {
        #expect(exact("1.01") != exact("1.1"))
        #expect(exact("0.1") != exact("0.01"))
    }

    @Test("normalized and isInteger")
    func normalized() {
        #expect(exact("12.500").normalized.description == "12.5")
        #expect(exact("-0.00").normalized.description == "0")
        #expect(exact("3.00").isInteger && !exact("3.01").isInteger && exact("-7").isInteger)
    }

    @Test("constants")
    func constants() {
        #expect(ExactDecimal.zero.description == "0")
        #expect(ExactDecimal.one.description == "1")
        #expect(ExactDecimal.hundred.description == "100")
        #expect(ExactDecimal(-42).description == "-42")
        #expect(MemoryLayout<ExactDecimal>.size <= 17)
    }
}
