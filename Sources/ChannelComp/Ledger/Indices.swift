/// Where a person is in ``Roster/people``: a typed index, so that a person's index cannot be
/// passed where a partner's or a booking's is expected. 32 bits, as the compact booking
/// records keep it.
///
///     people.csv rows ann, bea, cam → PersonIndex(2) is cam: roster.people[PersonIndex(2)].id == "cam"
public struct PersonIndex: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let rawValue: Int32

    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
    /// The index of element `offset` of the roster's people (traps beyond 2^31 − 1).
    @inlinable public init(_ offset: Int) { rawValue = Int32(offset) }
    /// The position in ``Roster/people`` and in arrays kept per person.
    @inlinable public var offset: Int { Int(rawValue) }
    @inlinable public static func < (a: PersonIndex, b: PersonIndex) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "person #\(rawValue)" }
    /// A literal index, as in tests and examples: `roster.people[0]`.
    @inlinable public init(integerLiteral value: Int32) { rawValue = value }
}

/// Where a partner is in ``Roster/partners`` (32 bits, as the compact booking records keep it).
///
///     partners.csv rows P1, P2 → PartnerIndex(1) is P2: roster.partners[PartnerIndex(1)].id == "P2"
public struct PartnerIndex: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let rawValue: Int32

    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
    /// The index of element `offset` of the roster's partners (traps beyond 2^31 − 1).
    @inlinable public init(_ offset: Int) { rawValue = Int32(offset) }
    /// The position in ``Roster/partners`` and in arrays kept per partner.
    @inlinable public var offset: Int { Int(rawValue) }
    @inlinable public static func < (a: PartnerIndex, b: PartnerIndex) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "partner #\(rawValue)" }
    /// A literal index, as in tests and examples: `roster.people[0]`.
    @inlinable public init(integerLiteral value: Int32) { rawValue = value }
}

/// Where a booking line is in ``Ledger/bookings`` (file order of the booking rows, cancellations
/// not counted): the index type of ``BookingList``.
///
///     deals.csv: D1 booking, D1 cancellation, D2 booking → D2 is BookingIndex(1)
public struct BookingIndex: Hashable, Strideable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let rawValue: Int

    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }
    @inlinable public init(_ offset: Int) { rawValue = offset }
    /// The position in the ledger's booking store and in arrays kept per booking.
    @inlinable public var offset: Int { rawValue }
    @inlinable public func distance(to other: BookingIndex) -> Int { other.rawValue - rawValue }
    @inlinable public func advanced(by n: Int) -> BookingIndex { BookingIndex(rawValue: rawValue + n) }
    public var description: String { "booking #\(rawValue)" }
    /// A literal index, as in tests and examples: `roster.people[0]`.
    @inlinable public init(integerLiteral value: Int) { rawValue = value }
}

extension Array where Element == Person {
    /// The person at a typed index: `roster.people[line.person]`.
    @inlinable public subscript(_ i: PersonIndex) -> Person {
        get { self[i.offset] }
        set { self[i.offset] = newValue }
    }
}

extension Array where Element == Partner {
    /// The partner at a typed index: `roster.partners[p]`.
    @inlinable public subscript(_ i: PartnerIndex) -> Partner {
        get { self[i.offset] }
        set { self[i.offset] = newValue }
    }
}
