/// The journal's rules (SPEC 3.7, 6 "Journal", 8.6), in one place: which months are closed,
/// the one gap rule, how `paid_to_date` is settled, which period `close` may close, and the
/// plan recorded for a fiscal year.
///
/// Fiscal year from January, journal closing 2027-01 and 2027-03:
///
///     rules.missing(closed: [2027-01, 2027-03], from: 2027-01, through: 2027-03) == [2027-02]
///     rules.settlement(for: 2027-04)  → throws .unsettledGap(missing: [2027-02])
///     rules.checkClosable(2027-02)    → throws .laterClosed(later: 2027-03)
///     rules.continuityProblems()      → [.gap(latest: 2027-03, missing: [2027-02])]
public struct JournalRules: Sendable {
    public let journal: Journal?
    public let calendar: FiscalCalendar

    public init(journal: Journal?, calendar: FiscalCalendar) {
        self.journal = journal
        self.calendar = calendar
    }

    /// The months of the fiscal year starting `yearStart` that have at least one journal row
    /// (SPEC 6: a period is closed when the journal has a row for it).
    public func closedMonths(ofYearStarting yearStart: Period) -> Set<Period> {
        Set((journal?.entries ?? []).lazy.map(\.period).filter { calendar.yearStart(of: $0) == yearStart })
    }

    /// The one gap rule: the months `start…last` that are not closed, in order.
    ///
    /// `missing(closed: [2027-01, 2027-03], from: 2027-01, through: 2027-03) == [2027-02]`;
    /// `through` before `from` gives [].
    public static func missing(closed: Set<Period>, from start: Period, through last: Period) -> [Period] {
        guard last >= start else { return [] }
        return (start.index...last.index).map { Period(index: $0) }.filter { !closed.contains($0) }
    }

    /// How `paid_to_date` is found for `period` (SPEC 3.7): a preview without closed months
    /// before it in its fiscal year, else the journal amounts of exactly the fiscal year's
    /// first month through the previous one.
    public func settlement(for period: Period) throws(JournalError) -> Settlement {
        let start = calendar.yearStart(of: period)
        let closed = closedMonths(ofYearStarting: start).filter { $0 < period }
        if closed.isEmpty { return .preview }
        let missing = Self.missing(closed: closed, from: start, through: period.advanced(by: -1))
        if !missing.isEmpty { throw .unsettledGap(period: period, yearStart: start, missing: missing) }
        return .journal(closed: (start.index..<period.index).map { Period(index: $0) })
    }

    /// `check`: within each fiscal year, closed months run from its first month without a gap.
    public func continuityProblems() -> [JournalError] {
        guard let journal else { return [] }
        var firstLine: [Period: Int] = [:]
        var years = Set<Period>()
        for e in journal.entries {
            years.insert(calendar.yearStart(of: e.period))
            if firstLine[e.period] == nil { firstLine[e.period] = e.sourceLine }
        }
        return years.sorted().compactMap { start in
            let closed = closedMonths(ofYearStarting: start)
            guard let latest = closed.max() else { return nil }
            let missing = Self.missing(closed: closed, from: start, through: latest)
            return missing.isEmpty ? nil : .gap(yearStart: start, latest: latest, missing: missing, line: firstLine[latest])
        }
    }

    /// `close`: refuses a closed period, a period before a closed one of its fiscal year, and
    /// a period whose earlier months of the fiscal year are not all closed.
    public func checkClosable(_ period: Period) throws(JournalError) {
        let start = calendar.yearStart(of: period)
        let closed = closedMonths(ofYearStarting: start)
        if closed.contains(period) { throw .alreadyClosed(period) }
        if let later = closed.filter({ $0 > period }).min() { throw .laterClosed(period: period, later: later) }
        let missing = Self.missing(closed: closed, from: start, through: period.advanced(by: -1))
        if !missing.isEmpty { throw .earlierOpen(period: period, yearStart: start, missing: missing) }
    }

    /// The open months of the previous fiscal year when `period` would be the first close of
    /// its fiscal year and the previous year has closed months (else []).
    ///
    /// Journal closing 2027-01…2027-04, closing 2028-01 → [2027-05, …, 2027-12].
    public func previousYearOpenMonths(closing period: Period) -> (yearStart: Period, open: [Period]) {
        let start = calendar.yearStart(of: period)
        let previous = calendar.yearStart(of: start.advanced(by: -1))
        guard closedMonths(ofYearStarting: start).isEmpty else { return (previous, []) }
        let closedBefore = closedMonths(ofYearStarting: previous)
        guard !closedBefore.isEmpty else { return (previous, []) }
        return (previous, Self.missing(closed: closedBefore, from: previous, through: start.advanced(by: -1)))
    }

    /// The plan recorded for `period`'s fiscal year: the provenance of its latest closed month
    /// that has one (SPEC 8.6); nil when no month of the year has one.
    public func recordedPlan(forYearOf period: Period) -> RecordedPlan? {
        let start = calendar.yearStart(of: period)
        var best: RecordedPlan? = nil
        for e in journal?.entries ?? [] where calendar.yearStart(of: e.period) == start {
            guard let plan = e.plan else { continue }
            if best == nil || e.period >= best!.month {
                best = RecordedPlan(plan: plan, month: e.period, line: e.sourceLine)
            }
        }
        return best
    }

    /// `payout`'s warning when the plan file is not the plan recorded for the fiscal year.
    public func planChangeWarning(period: Period, current: PlanProvenance, journalFile: String) -> Diagnostic? {
        guard let recorded = recordedPlan(forYearOf: period), recorded.plan.sha256 != current.sha256 else { return nil }
        return Diagnostic(.warning, file: journalFile, line: recorded.line, field: "column 'plan_sha256'",
            message: "the plan file differs from the plan recorded for this fiscal year: \(quoted(recorded.plan.name)) (sha256 \(recorded.plan.shortHash)…), closed \(recorded.month); this plan is \(quoted(current.name)) (sha256 \(current.shortHash)…): a plan change re-rates the whole year to date through the true-up",
            hint: "`close` refuses this plan unless given --accept-plan-change")
    }
}
