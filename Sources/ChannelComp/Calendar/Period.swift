/// A calendar month (`YYYY-MM`): the unit of a payout run.
///
///     Period(parsing: "2027-03")!.index - Period(parsing: "2026-12")!.index == 3
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    init(uncheckedYear year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.init(uncheckedYear: year, month: month)
    }

    /// Parses exactly `YYYY-MM`.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
            bytes.enumerated().allSatisfy({ $0.offset == 4 || (0x30...0x39).contains($0.element) })
        else { return nil }
        let y = bytes[0..<4].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let m = bytes[5..<7].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        self.init(year: y, month: m)
    }

    /// Months since year 0: consecutive months differ by one.
    public var index: Int { year * 12 + (month - 1) }

    /// The period `index` months from year 0 (inverse of ``index``).
    public init(index: Int) {
        self.init(uncheckedYear: index / 12, month: index % 12 + 1)
    }

    public func advanced(by months: Int) -> Period { Period(index: index + months) }

    /// The last day of the month.
    public var lastDay: CivilDate {
        CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!
    }

    public static func < (a: Period, b: Period) -> Bool { a.index < b.index }

    public var description: String { pad(year, 4) + "-" + pad(month, 2) }
}
