/// A calendar date (`YYYY-MM-DD`) in the proleptic Gregorian calendar, without time or zone.
///
///     CivilDate(parsing: "2027-02-28")!.dayNumber - CivilDate(parsing: "2026-11-30")!.dayNumber == 90
///     CivilDate(parsing: "2027-02-30") == nil   // no such day
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A validated date, or nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (four, two and two digits).
    public init?(parsing text: String) {
        var copy = text
        let parsed: CivilDate? = copy.withUTF8 { CivilDate.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
    ///
    /// The eight digits are checked together: byte − 0x30 is a digit exactly when adding 6 to it
    /// (as a 32-bit number, so nothing wraps) stays below 16 — one test instead of eight.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard bytes.count == 10, let p = bytes.baseAddress, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        @inline(__always) func digit(_ k: Int) -> Int { Int(UInt32(p[k]) &- 0x30) }
        let y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3), m0 = digit(5), m1 = digit(6), d0 = digit(8), d1 = digit(9)
        let all = (y0 &+ 6) | (y1 &+ 6) | (y2 &+ 6) | (y3 &+ 6) | (m0 &+ 6) | (m1 &+ 6) | (d0 &+ 6) | (d1 &+ 6)
        guard all & ~0xF == 0 else { return nil }
        return CivilDate(year: ((y0 * 10 + y1) * 10 + y2) * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), for day differences.
    ///
    /// Howard Hinnant's `days_from_civil`: 1970-01-01 → 0, 2027-01-10 → 20828.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date in one integer: `year << 9 | month << 5 | day` (2027-01-20 → 1037876), which
    /// orders like the date; the compact ledger stores dates this way.
    @inlinable public var packed: UInt32 { UInt32(year) << 9 | UInt32(month) << 5 | UInt32(day) }

    /// The date of a ``packed`` value (which must come from a valid date).
    @inlinable public init(packed: UInt32) {
        year = Int(packed >> 9)
        month = Int((packed >> 5) & 15)
        day = Int(packed & 31)
    }

    /// The period index (``Period/index``) of a ``packed`` date, without unpacking it.
    @inlinable public static func periodIndex(packed: UInt32) -> Int { Int(packed >> 9) * 12 + Int((packed >> 5) & 15) - 1 }

    /// The calendar month this date falls in.
    public var period: Period { Period(uncheckedYear: year, month: month) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
}
