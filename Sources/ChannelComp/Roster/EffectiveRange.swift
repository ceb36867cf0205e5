/// The days a roster row is in effect (SPEC 8.1): `effective_from` through `effective_to`,
/// both inclusive; an empty end is unbounded.
///
///     let h1 = EffectiveRange(from: CivilDate(parsing: "2027-01-01"), to: CivilDate(parsing: "2027-06-30"))!
///     h1.contains(CivilDate(parsing: "2027-06-30")!)   // true: the effective_to day is in
///     h1.contains(CivilDate(parsing: "2027-07-01")!)   // false: the day after is out
///     EffectiveRange(from: CivilDate(parsing: "2027-07-01"), to: CivilDate(parsing: "2027-06-30"))   // nil: from after to
public struct EffectiveRange: Sendable, Hashable, CustomStringConvertible {
    /// First day in effect; nil = since always.
    public let from: CivilDate?
    /// Last day in effect; nil = for ever.
    public let to: CivilDate?
    /// ``from`` as ``CivilDate/packed`` (0 when unbounded), for lookups without unpacking dates.
    public let firstDay: UInt32
    /// ``to`` as ``CivilDate/packed`` (`UInt32.max` when unbounded).
    public let lastDay: UInt32

    /// A range, or nil when `from` is after `to`.
    public init?(from: CivilDate?, to: CivilDate?) {
        if let from, let to, to < from { return nil }
        self.from = from
        self.to = to
        firstDay = from?.packed ?? 0
        lastDay = to?.packed ?? UInt32.max
    }

    /// Every day: a row without effective dates (every v1 roster row).
    public static let always = EffectiveRange(from: nil, to: nil)!

    /// True for a row without effective dates.
    public var isAlways: Bool { from == nil && to == nil }

    /// Whether the day (as ``CivilDate/packed``) is in the range.
    @inlinable public func contains(packed day: UInt32) -> Bool { firstDay <= day && day <= lastDay }

    /// Whether the day is in the range.
    public func contains(_ day: CivilDate) -> Bool { contains(packed: day.packed) }

    /// Whether the two ranges share at least one day.
    public func overlaps(_ other: EffectiveRange) -> Bool { firstDay <= other.lastDay && other.firstDay <= lastDay }

    /// The days both ranges share, or nil when none.
    ///
    /// `2027-01-01 to 2027-06-30` ∩ `from 2027-06-01` = `2027-06-01 to 2027-06-30`.
    public func intersection(_ other: EffectiveRange) -> EffectiveRange? {
        guard overlaps(other) else { return nil }
        let lower: CivilDate? = firstDay >= other.firstDay ? from : other.from
        let upper: CivilDate? = lastDay <= other.lastDay ? to : other.to
        return EffectiveRange(from: lower, to: upper)
    }

    /// How many days of `first…last` (inclusive) the range covers.
    ///
    /// `from 2027-07-01` over calendar 2027 → 184 (July 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31).
    public func days(from first: CivilDate, through last: CivilDate) -> Int {
        let lower = max(from?.dayNumber ?? Int.min, first.dayNumber)
        let upper = min(to?.dayNumber ?? Int.max, last.dayNumber)
        return upper < lower ? 0 : upper - lower + 1
    }

    /// `2027-01-01 to 2027-06-30`, `from 2027-07-01`, `until 2027-06-30`, `always`.
    public var description: String {
        switch (from, to) {
        case let (f?, t?): return "\(f) to \(t)"
        case let (f?, nil): return "from \(f)"
        case let (nil, t?): return "until \(t)"
        case (nil, nil): return "always"
        }
    }
}

/// A row of a roster id's timeline: its date range and where it was written.
public protocol RosterRow: Sendable {
    var range: EffectiveRange { get }
    /// Physical line in people.csv / partners.csv.
    var sourceLine: Int { get }
}

/// One id's roster rows sorted by date, never overlapping: "which row is in effect on day t"
/// in O(log rows) without allocating.
///
///     rows: 2027-01-01 to 2027-06-30 (WEST), from 2027-07-01 (EAST)
///     row(on: 2027-06-30) → WEST;  row(on: 2027-07-01) → EAST;  row(on: 2026-12-31) → nil
public struct RosterTimeline<Row: RosterRow>: Sendable {
    /// Sorted by ``EffectiveRange/firstDay``.
    public let rows: [Row]

    /// The rows sorted by their first day (the loader has rejected overlaps).
    public init(_ rows: [Row]) {
        self.rows = rows.sorted { $0.range.firstDay < $1.range.firstDay }
    }

    /// Index in ``rows`` of the row in effect on the day (``CivilDate/packed``), or nil.
    @inlinable
    public func index(onPacked day: UInt32) -> Int? {
        // The last row starting on or before the day, if it has not ended.
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if rows[mid].range.firstDay <= day { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0, rows[lo - 1].range.lastDay >= day else { return nil }
        return lo - 1
    }

    /// The row in effect on the day, or nil.
    @inlinable
    public func row(onPacked day: UInt32) -> Row? { index(onPacked: day).map { rows[$0] } }

    /// The row in effect on the day, or nil.
    public func row(on day: CivilDate) -> Row? { row(onPacked: day.packed) }

    /// True for one row without effective dates: in effect on every day.
    public var isAlways: Bool { rows.count == 1 && rows[0].range.isAlways }

    /// The latest row by date (the one that starts last).
    public var latest: Row { rows[rows.count - 1] }

    /// Whether some row overlaps `first…last`.
    public func hasRow(overlapping range: EffectiveRange) -> Bool { rows.contains { $0.range.overlaps(range) } }

    /// The ranges for a message: `2027-01-01 to 2027-06-30 (line 2), from 2027-08-01 (line 5)`.
    public var rangesDescription: String {
        rows.map { "\($0.range) (line \($0.sourceLine))" }.joined(separator: ", ")
    }
}
