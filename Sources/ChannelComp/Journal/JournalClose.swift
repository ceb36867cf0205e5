/// Overrides of `close`'s guards, one flag each (README "Adjustments and corrections to
/// closed months").
///
/// `[.acceptPlanChange]` lets a month be closed under a plan other than the one recorded for
/// the fiscal year; every other guard still refuses.
public struct CloseOverrides: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `--accept-plan-change`
    public static let acceptPlanChange = CloseOverrides(rawValue: 1)
    /// `--allow-empty-period`
    public static let allowEmptyPeriod = CloseOverrides(rawValue: 2)
    /// `--accept-plan-warnings`
    public static let acceptPlanWarnings = CloseOverrides(rawValue: 4)
    /// `--leave-previous-year-open`
    public static let leavePreviousYearOpen = CloseOverrides(rawValue: 8)
}

/// What `close` is asked to do: the period, the plan it runs with, and the overrides given.
public struct CloseRequest: Sendable {
    public var period: Period
    public var plan: PlanProvenance
    /// The plan loader's warnings, rendered one line each (`"10" is 1000 %`).
    public var planWarnings: [String]
    public var planFile: String
    public var overrides: CloseOverrides

    public init(period: Period, plan: PlanProvenance, planWarnings: [String], planFile: String, overrides: CloseOverrides) {
        self.period = period
        self.plan = plan
        self.planWarnings = planWarnings
        self.planFile = planFile
        self.overrides = overrides
    }
}

/// The new bytes of `journal.csv` after a close, and what changed.
public struct JournalAppend: Sendable, Equatable {
    public var bytes: [UInt8]
    /// True when a six-column journal was rewritten with `plan_name` and `plan_sha256` added.
    public var upgraded: Bool
    public var rowsAdded: Int
}

/// `close`'s rules (SPEC 3.7, 6 "Journal", 8.6): which period may be closed, the guards that
/// refuse unless overridden, and the bytes appended to the journal.
///
/// Closing 2027-01 of the SPEC 7 example with no journal yet gives
///
///     period,payee_type,payee_id,amount,currency,closed_at,plan_name,plan_sha256
///     2027-01,person,ann,932.00,USD,2027-02-01T09:00:00Z,FY2027 channel-neutral,<64 hex>
///     2027-01,person,cam,0.00,USD,2027-02-01T09:00:00Z,FY2027 channel-neutral,<64 hex>
///     2027-01,partner,P1,500.00,USD,2027-02-01T09:00:00Z,FY2027 channel-neutral,<64 hex>
public enum JournalClose {
    /// The columns `close` writes, in the order of a new journal.
    public static let columns = JournalLoader.columns + JournalLoader.provenanceColumns

    /// Everything that stops `close` from writing `request.period`, in the order to report.
    ///
    /// The journal's own rules (already closed, a later month closed, earlier months open)
    /// come alone: nothing else is worth saying then. Otherwise every guard that applies and
    /// is not overridden is listed: a plan other than the recorded one, a period with no
    /// deals.csv row and no adjustment, plan warnings, and opening a new fiscal year while the
    /// previous one has open months.
    public static func refusals(_ request: CloseRequest, journal: Journal?, calendar: FiscalCalendar,
                                ledger: Ledger, adjustmentsInPeriod: Int) -> [JournalError] {
        let rules = JournalRules(journal: journal, calendar: calendar)
        do {
            try rules.checkClosable(request.period)
        } catch {
            return [error]
        }
        var refusals: [JournalError] = []
        let o = request.overrides
        if !o.contains(.acceptPlanChange), let recorded = rules.recordedPlan(forYearOf: request.period),
           recorded.plan.sha256 != request.plan.sha256 {
            refusals.append(.planChanged(period: request.period, recorded: recorded, current: request.plan))
        }
        if !o.contains(.allowEmptyPeriod), adjustmentsInPeriod == 0, ledgerRows(ledger, datedIn: request.period) == 0 {
            refusals.append(.emptyPeriod(period: request.period, dealsFile: ledger.file))
        }
        if !o.contains(.acceptPlanWarnings), !request.planWarnings.isEmpty {
            refusals.append(.planWarnings(period: request.period, planFile: request.planFile, warnings: request.planWarnings))
        }
        let previous = rules.previousYearOpenMonths(closing: request.period)
        if !o.contains(.leavePreviousYearOpen), !previous.open.isEmpty {
            refusals.append(.previousYearOpen(period: request.period, previousYearStart: previous.yearStart, open: previous.open))
        }
        return refusals
    }

    /// deals.csv rows (bookings and cancellations) dated in `period`.
    public static func ledgerRows(_ ledger: Ledger, datedIn period: Period) -> Int {
        let target = period.index
        var count = 0
        for r in ledger.store.records where CivilDate.periodIndex(packed: r.date) == target { count += 1 }
        for c in ledger.cancellations where c.date.period.index == target { count += 1 }
        return count
    }

    /// The journal rows of a close: one per payee of the run, people then partners, each
    /// group in the run's order (by id), zero amounts included (SPEC 6 "Journal").
    public static func rows(of run: PayoutRun, closedAt: String, plan: PlanProvenance) -> [[String: String]] {
        func row(_ type: PayeeType, _ id: String, _ amount: Money) -> [String: String] {
            ["period": run.period.description, "payee_type": type.rawValue, "payee_id": id,
             "amount": amount.formatted, "currency": run.currency.code, "closed_at": closedAt,
             "plan_name": plan.name, "plan_sha256": plan.sha256]
        }
        return run.people.map { row(.person, $0.id.rawValue, $0.payout) }
            + run.partners.map { row(.partner, $0.id.rawValue, $0.payout) }
    }

    /// The journal's new bytes: `existing` (nil or empty: no journal yet) with `rows` appended.
    ///
    /// A hand-reordered header keeps its order. A journal without `plan_name`/`plan_sha256`
    /// (the six columns of SPEC 3.7) is rewritten whole with the two columns added at the end,
    /// empty on its earlier rows (SPEC 8.6); otherwise the existing bytes are kept as they are
    /// and the rows appended (a missing final newline is added first).
    public static func appending(_ rows: [[String: String]], to existing: [UInt8]?) throws(JournalError) -> JournalAppend {
        guard let existing, !existing.isEmpty else {
            var text = columns.joined(separator: ",") + "\n"
            for r in rows { text += CSVField.line(columns.map { r[$0] ?? "" }) }
            return JournalAppend(bytes: Array(text.utf8), upgraded: false, rowsAdded: rows.count)
        }
        var reader = CSVReader(bytes: existing)
        var record = CSVRecord()
        var records: [[String]] = []
        do {
            while try reader.next(into: &record) { records.append(record.strings()) }
        } catch {
            throw .unreadable(reason: "line \(error.line): \(error.message)")
        }
        var header = records.first ?? []
        if !Set(header).isSuperset(of: JournalLoader.columns) { header = JournalLoader.columns }
        let missing = JournalLoader.provenanceColumns.filter { !header.contains($0) }
        var text = ""
        var bytes: [UInt8]
        if missing.isEmpty {
            bytes = existing
            if bytes.last != 10 { bytes.append(10) }
        } else {
            // Upgrade: every earlier row gets the new columns, empty.
            header += missing
            text = CSVField.line(header)
            for fields in records.dropFirst() { text += CSVField.line(fields + missing.map { _ in "" }) }
            bytes = []
        }
        for r in rows { text += CSVField.line(header.map { r[$0] ?? "" }) }
        bytes.append(contentsOf: Array(text.utf8))
        return JournalAppend(bytes: bytes, upgraded: !missing.isEmpty, rowsAdded: rows.count)
    }
}
