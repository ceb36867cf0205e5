/// A phantom-typed identifier: a `PersonID` cannot be passed where a `PartnerID` is expected.
///
///     let ann: PersonID = "ann"
///     let p1: PartnerID = "P1"
///     // ann == p1   ← does not compile
public struct Identifier<Tag>: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    /// Byte order of the UTF-8 text, as SPEC 6 sorts ids.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue.utf8.lexicographicallyPrecedes(b.rawValue.utf8) }
}

public enum PersonTag {}
public enum PartnerTag {}
public enum DealTag {}
public typealias PersonID = Identifier<PersonTag>
public typealias PartnerID = Identifier<PartnerTag>
public typealias DealID = Identifier<DealTag>

extension String {
    /// Byte-order comparison of UTF-8 text (SPEC 6: sorting is by UTF-8 bytes).
    public func utf8Precedes(_ other: String) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }
}
