/// Loads `journal.csv`, the record of closed periods written by `close` (SPEC 3.7).
///
///     period,payee_type,payee_id,amount,currency,closed_at
///     2027-01,person,ann,932.00,USD,2027-02-02T09:00:00Z   → ann was paid 932.00 for 2027-01
public enum JournalLoader {
    public static let columns = ["period", "payee_type", "payee_id", "amount", "currency", "closed_at"]

    public static func load(file: String, bytes: [UInt8], plan: Plan) -> (Journal, DiagnosticList) {
        var table = CSVTable(file: file, bytes: bytes, known: columns, required: columns)
        var entries: [JournalEntry] = []
        let minor = plan.currency.minorUnits
        table.forEachRow { row in
            var period: Period? = nil
            if let text = row.requiredText("period", what: "a period YYYY-MM") {
                period = Period(parsing: text)
                if period == nil { row.error("period", "expected a real month YYYY-MM, found \(quoted(text))") }
            }
            var payeeType: PayeeType? = nil
            if row.requiredText("payee_type", what: "person or partner") != nil {
                payeeType = row.choice("payee_type", default: PayeeType.person)
            }
            let payee = row.requiredText("payee_id", what: "a payee id")
            var amount: ExactDecimal? = nil
            if row.requiredText("amount", what: "an amount") != nil {
                amount = row.decimal("amount", what: "an amount with at most \(minor) decimals (\(plan.currency.code))",
                                     maxFractionDigits: minor, allowNegative: true)
                if let a = amount, a.magnitude >= LedgerLoader.maxAmount {
                    row.error("amount", "expected an amount below 10^13, found \(quoted(row.text("amount")))")
                    amount = nil
                }
            }
            if let currency = row.requiredText("currency", what: "the plan's currency \(plan.currency.code)"), currency != plan.currency.code {
                row.error("currency", "expected the plan's currency \(quoted(plan.currency.code)), found \(quoted(currency))")
            }
            let closedAt = row.requiredText("closed_at", what: "the time the period was closed")
            if let period, let payeeType, let payee, let amount, let closedAt, !row.hasError {
                entries.append(JournalEntry(period: period, payeeType: payeeType, payeeID: payee,
                                            amount: Money(amount, plan.currency), closedAt: closedAt, sourceLine: row.line))
            }
        }
        return (Journal(file: file, entries: entries), table.diagnostics)
    }

    /// Gaps: within each fiscal year, closed periods must run from its first month without a gap.
    ///
    /// Closed 2027-01 and 2027-03 (fiscal year from January) → an error naming 2027-02.
    public static func continuityProblems(_ journal: Journal, calendar: FiscalCalendar) -> [Diagnostic] {
        var closedByYear: [Period: Set<Int>] = [:]
        var firstLine: [Period: Int] = [:]
        for e in journal.entries {
            closedByYear[calendar.yearStart(of: e.period), default: []].insert(e.period.index)
            if firstLine[e.period] == nil { firstLine[e.period] = e.sourceLine }
        }
        var problems: [Diagnostic] = []
        for (start, closed) in closedByYear.sorted(by: { $0.key < $1.key }) {
            guard let last = closed.max() else { continue }
            let missing = (start.index...last).filter { !closed.contains($0) }.map { Period(index: $0) }
            if !missing.isEmpty {
                let latest = Period(index: last)
                problems.append(Diagnostic(file: journal.file, line: firstLine[latest], field: "column 'period'",
                    message: "the journal closes \(latest) but not \(missing.map(\.description).joined(separator: ", ")): closed periods of the fiscal year starting \(start) must run from \(start) without a gap",
                    hint: "a period is closed by `channelcomp close`; restore the missing period's rows"))
            }
        }
        return problems
    }
}
