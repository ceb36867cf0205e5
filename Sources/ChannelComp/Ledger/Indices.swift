/// Where a person or a partner is in the roster: a 32-bit index typed by what it indexes, so
/// that a person's index cannot be passed where a partner's (or a booking's) is expected.
/// 32 bits, as the compact booking records keep it.
///
///     people.csv rows ann, bea, cam → PersonIndex(2) is cam: roster.people[PersonIndex(2)].id == "cam"
///     roster.partners[PersonIndex(2)]   // does not compile
public struct RosterIndex<Of>: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let rawValue: Int32

    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
    /// The index of element `offset` of the roster's array (traps beyond 2^31 − 1).
    @inlinable public init(_ offset: Int) { rawValue = Int32(offset) }
    /// A literal index, as in tests and examples: `roster.people[0]`.
    @inlinable public init(integerLiteral value: Int32) { rawValue = value }
    /// The position in the roster's array and in arrays kept per payee.
    @inlinable public var offset: Int { Int(rawValue) }
    @inlinable public static func < (a: RosterIndex, b: RosterIndex) -> Bool { a.rawValue < b.rawValue }
    /// `Person #2`.
    public var description: String { "\(Of.self) #\(rawValue)" }
}

/// Where a person is in ``Roster/people``.
public typealias PersonIndex = RosterIndex<Person>
/// Where a partner is in ``Roster/partners``.
public typealias PartnerIndex = RosterIndex<Partner>

extension Array {
    /// The element at a typed roster index: `roster.people[line.person]`, `roster.partners[p]`.
    @inlinable public subscript(_ i: RosterIndex<Element>) -> Element {
        get { self[i.offset] }
        set { self[i.offset] = newValue }
    }
}

/// Where a booking line is in ``Ledger/bookings`` (file order of the booking rows, cancellations
/// not counted): the index type of ``BookingList``.
///
///     deals.csv: D1 booking, D1 cancellation, D2 booking → D2 is BookingIndex(1)
public struct BookingIndex: Hashable, Strideable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let rawValue: Int

    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }
    @inlinable public init(_ offset: Int) { rawValue = offset }
    /// A literal index, as in tests and examples: `ledger.bookings[0]`.
    @inlinable public init(integerLiteral value: Int) { rawValue = value }
    /// The position in the ledger's booking store and in arrays kept per booking.
    @inlinable public var offset: Int { rawValue }
    @inlinable public func distance(to other: BookingIndex) -> Int { other.rawValue - rawValue }
    @inlinable public func advanced(by n: Int) -> BookingIndex { BookingIndex(rawValue: rawValue + n) }
    /// `booking #1`.
    public var description: String { "booking #\(rawValue)" }
}
