/// The plan's fiscal calendar: years start in `startMonth`, quarters are three-month blocks.
///
/// With `startMonth` 4 (April): period 2027-02 is in the fiscal year starting 2026-04, its
/// fiscal quarter 4 runs 2027-01…2027-03, and 2027-03 is a quarter end.
public struct FiscalCalendar: Sendable, Hashable {
    public let startMonth: Int

    public init(startMonth: Int) { self.startMonth = startMonth }

    /// First month of the fiscal year containing `period` (SPEC 6).
    public func yearStart(of period: Period) -> Period {
        let year = period.month >= startMonth ? period.year : period.year - 1
        return Period(uncheckedYear: year, month: startMonth)
    }

    /// 0-based month within its fiscal year (0…11).
    public func monthOffset(of period: Period) -> Int { period.index - yearStart(of: period).index }

    /// 1-based fiscal quarter (1…4).
    public func quarter(of period: Period) -> Int { monthOffset(of: period) / 3 + 1 }

    /// First month of the fiscal quarter containing `period`.
    public func quarterStart(of period: Period) -> Period {
        period.advanced(by: -(monthOffset(of: period) % 3))
    }

    /// True for the third month of a fiscal quarter, when its rebate is earned.
    public func isQuarterEnd(_ period: Period) -> Bool { monthOffset(of: period) % 3 == 2 }
}

@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
