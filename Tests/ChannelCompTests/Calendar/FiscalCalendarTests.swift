import Testing
@testable import ChannelComp

@Suite("Calendar: dates, periods, fiscal years (SPEC 3.1, 6)")
struct FiscalCalendarTests {
    /// The fiscal year of p starts at the start month of p's year if p's month ≥ it, else of the year before.
    @Test("fiscal year start", arguments: [
        (1, "2027-01", "2027-01"), (1, "2027-12", "2027-01"),
        (4, "2027-03", "2026-04"), (4, "2027-04", "2027-04"), (4, "2027-12", "2027-04"),
        (12, "2027-11", "2026-12"), (12, "2027-12", "2027-12"),
        (2, "2027-01", "2026-02"), (2, "2027-02", "2027-02"),
    ])
    func yearStart(startMonth: Int, period: String, start: String) throws {
        let calendar = FiscalCalendar(startMonth: startMonth)
        #expect(calendar.yearStart(of: try #require(Period(parsing: period))).description == start)
    }

    /// Quarters are three-month blocks of the fiscal year; the third month of each is a quarter end.
    @Test("fiscal quarters", arguments: [
        (1, "2027-01", 1, false), (1, "2027-03", 1, true), (1, "2027-04", 2, false), (1, "2027-12", 4, true),
        (4, "2027-03", 4, true), (4, "2027-04", 1, false), (4, "2027-06", 1, true), (4, "2027-01", 4, false),
        (2, "2027-01", 4, true), (2, "2027-04", 1, true), (2, "2027-02", 1, false),
    ])
    func quarters(startMonth: Int, period: String, quarter: Int, end: Bool) throws {
        let calendar = FiscalCalendar(startMonth: startMonth)
        let p = try #require(Period(parsing: period))
        #expect(calendar.quarter(of: p) == quarter)
        #expect(calendar.isQuarterEnd(p) == end)
    }

    /// Day differences for the clawback window (SPEC 6: day N in, day N + 1 out).
    @Test("days between dates", arguments: [
        ("2027-01-10", "2027-04-10", 90),   // 21 + 28 + 31 + 10
        ("2027-01-10", "2027-04-11", 91),
        ("2026-11-30", "2027-02-28", 90),   // 31 (to Dec 31) + 31 + 28
        ("2028-02-28", "2028-03-01", 2),    // 2028 is a leap year
        ("2027-02-28", "2027-03-01", 1),
        ("2027-05-10", "2027-08-08", 90),   // Fixtures/sample D2705-03: 21 + 30 + 31 + 8
        ("2027-06-01", "2027-08-31", 91),   // Fixtures/sample D2706-01: 29 + 31 + 31
        ("2027-12-31", "2028-01-01", 1),
    ])
    func days(from: String, to: String, days: Int) throws {
        let a = try #require(CivilDate(parsing: from))
        let b = try #require(CivilDate(parsing: to))
        #expect(b.dayNumber - a.dayNumber == days)
    }

    @Test("dates and periods parse strictly", arguments: [
        "2027-02-29", "2027-13-01", "2027-1-01", "27-01-01", "2027-01-01 ", "2027/01/01", "2027-00-10",
    ])
    func badDates(text: String) {
        #expect(CivilDate(parsing: text) == nil)
    }

    /// Every byte value in every position of a valid date: the parse takes the date exactly when
    /// a reading digit by digit would (digits where digits go, '-' at 4 and 7, a real day).
    @Test("dates: every byte in every position parses like a digit-by-digit reading")
    func everyByteEveryPosition() {
        func reference(_ b: [UInt8]) -> CivilDate? {
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
            var parts: [Int] = []
            for range in [0..<4, 5..<7, 8..<10] {
                var v = 0
                for k in range { guard (0x30...0x39).contains(b[k]) else { return nil }; v = v * 10 + Int(b[k] - 0x30) }
                parts.append(v)
            }
            return CivilDate(year: parts[0], month: parts[1], day: parts[2])
        }
        for base in ["2027-02-28", "2024-02-29", "0001-01-01", "9999-12-31"] {
            for position in 0..<10 {
                for value in 0...255 {
                    var bytes = Array(base.utf8)
                    bytes[position] = UInt8(value)
                    let parsed = bytes.withUnsafeBufferPointer { CivilDate.parse($0) }
                    #expect(parsed == reference(bytes), "\(bytes) at \(position)")
                }
            }
        }
    }

    @Test("period arithmetic")
    func periods() throws {
        let dec = try #require(Period(parsing: "2026-12"))
        #expect(dec.advanced(by: 1).description == "2027-01")
        #expect(dec.advanced(by: -12).description == "2025-12")
        #expect(try #require(Period(parsing: "2027-03")).index - dec.index == 3)
        #expect(Period(parsing: "2027-13") == nil)
        #expect(Period(parsing: "2027-1") == nil)
        #expect(try #require(CivilDate(parsing: "2028-02-29")).period.description == "2028-02")
        #expect(Period(year: 2028, month: 2)?.lastDay.description == "2028-02-29")
    }
}
