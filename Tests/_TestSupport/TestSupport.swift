import ExactArithmetic
import Testing

/// Parses a decimal test literal that is known to be valid; a typo in a test is recorded as
/// a test issue (and reads as zero) instead of crashing the run.
///
///     exact("1234.50") == ExactDecimal(significand: 123450, scale: 2)
public func exact(_ text: String) -> ExactDecimal {
    do {
        return try ExactDecimal(parsing: text, maxFractionDigits: 38)
    } catch {
        Issue.record("test literal \(text) does not parse: \(error)")
        return .zero
    }
}

/// SplitMix64: the one small seeded generator of the test suites, so property tests are
/// deterministic. Seed 42 always gives the same cases; a failing case's message names its seed.
///
///     var rng = SplitMix64(seed: 1); rng.int(1...6)   // the same number on every run
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// An integer in `range` (small ranges only).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
    /// An integer in `0..<bound` (bound > 0).
    public mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }
    public mutating func bool() -> Bool { next() & 1 == 1 }
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
