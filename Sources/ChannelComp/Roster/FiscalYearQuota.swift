/// The days of one fiscal year: twelve months from the plan's `fiscal_year_start_month`.
///
///     FiscalYear(start: 2027-01) → 2027-01-01 … 2027-12-31, 365 days
///     FiscalYear(start: 2027-04) → 2027-04-01 … 2028-03-31, 366 days (holds 2028-02-29)
public struct FiscalYear: Sendable, Hashable {
    /// Its first month.
    public let start: Period
    public let firstDay: CivilDate
    public let lastDay: CivilDate

    public init(start: Period) {
        self.start = start
        firstDay = CivilDate(year: start.year, month: start.month, day: 1)!
        lastDay = start.advanced(by: 11).lastDay
    }

    /// The fiscal year holding `period` (SPEC 6).
    public init(containing period: Period, calendar: FiscalCalendar) {
        self.init(start: calendar.yearStart(of: period))
    }

    /// Its length in days: 366 when it holds a 29 February, else 365.
    public var days: Int { lastDay.dayNumber - firstDay.dayNumber + 1 }

    /// Its days as a range.
    public var range: EffectiveRange { EffectiveRange(from: firstDay, to: lastDay)! }
}

/// A person's quota for one fiscal year, `quota_Y` (SPEC 8.2).
///
/// A single row with a quota in effect on every day of the year gives that quota exactly;
/// otherwise `round(Σ quota_r × days(r ∩ Y) / days(Y))`, rounded once to the minor unit.
/// Hired 2027-07-01 with quota 1200000, fiscal year = calendar 2027:
/// 1200000 × 184 / 365 = 604931.5068… → `604931.51`.
public enum FiscalYearQuota {
    /// `quota_Y`, or nil when none of the person's rows has a quota (no quota, empty
    /// attainment). Zero when the person has no row in the year or it prorates to 0.
    /// Rows that take effect after a run's period count: the quota is the whole year's.
    public static func quota(of person: Person, in year: FiscalYear, rounding: RoundingRule) throws(NumericError) -> Money? {
        let p = proration(of: person, in: year)
        guard let currency = p.currency else { return nil }
        if p.isWholeYear, let only = p.parts.first { return only.quota }
        var weighted = ExactDecimal.zero
        for part in p.parts { weighted = try weighted.adding(part.quota.amount.multiplied(by: ExactDecimal(part.days))) }
        let prorated = try weighted.divided(by: ExactDecimal(year.days), scale: currency.minorUnits, rule: rounding)
        return Money(prorated, currency)
    }

    /// The rows behind `quota_Y` — each row with a quota that overlaps the year, with its days in
    /// the year — so statements and `explain` can show where the quota came from.
    ///
    /// Hired 2027-07-01 (people.csv line 7, quota 1200000) → one part: 1200000.00 × 184 of 365
    /// days, `isWholeYear` false.
    public static func proration(of person: Person, in year: FiscalYear) -> Proration {
        let rows = person.timeline.rows
        var parts: [Proration.Part] = []
        for r in rows {
            guard let quota = r.quota else { continue }
            let days = r.range.days(from: year.firstDay, through: year.lastDay)
            guard days > 0 else { continue }
            parts.append(Proration.Part(quota: quota, days: days, sourceLine: r.sourceLine, range: r.range))
        }
        let currency = rows.lazy.compactMap({ $0.quota?.currency }).first
        // A single row with a quota in effect on every day of the year: its quota exactly.
        let whole = rows.first(where: { $0.range.days(from: year.firstDay, through: year.lastDay) > 0 })
            .map { $0.quota != nil && $0.range.days(from: year.firstDay, through: year.lastDay) == year.days } ?? false
        return Proration(parts: parts, yearDays: year.days, isWholeYear: whole, currency: currency)
    }

    /// Where `quota_Y` comes from (SPEC 8.2).
    public struct Proration: Sendable {
        public struct Part: Sendable {
            public var quota: Money
            /// Days of the row's range inside the fiscal year.
            public var days: Int
            /// The row's physical line in people.csv.
            public var sourceLine: Int
            public var range: EffectiveRange
        }
        public var parts: [Part]
        public var yearDays: Int
        /// One row with a quota covers the whole year: `quota_Y` is its quota, not rounded.
        public var isWholeYear: Bool
        /// The quotas' currency; nil when no row has a quota.
        public var currency: Currency?

        /// In words: "1200000.00 × 184/365 days" parts joined with " + ", each with its
        /// people.csv line when `lines` (traces; statements for people leave file lines out).
        public func formula(lines: Bool) -> String {
            parts.map { "\($0.quota.formatted) × \($0.days)/\(yearDays) days" + (lines ? " (people.csv line \($0.sourceLine))" : "") }
                .joined(separator: " + ")
        }
    }
}
