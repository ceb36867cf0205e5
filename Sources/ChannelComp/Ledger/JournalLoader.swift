/// Loads `journal.csv`, the record of closed periods written by `close` (SPEC 3.7).
///
///     period,payee_type,payee_id,amount,currency,closed_at
///     2027-01,person,ann,932.00,USD,2027-02-02T09:00:00Z   → ann was paid 932.00 for 2027-01
public enum JournalLoader {
    public static let columns = ["period", "payee_type", "payee_id", "amount", "currency", "closed_at"]
    /// Optional columns `close` adds (SPEC 8.6): the plan a month was closed with.
    public static let provenanceColumns = ["plan_name", "plan_sha256"]

    public static func load(file: String, bytes: [UInt8], plan: Plan) -> (Journal, DiagnosticList) {
        var table = CSVTable(file: file, bytes: bytes, known: columns + provenanceColumns, required: columns)
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
            var provenance: PlanProvenance? = nil
            let hash = row.text("plan_sha256")
            if !hash.isEmpty {
                if PlanProvenance.isValidHash(hash) {
                    provenance = PlanProvenance(name: row.text("plan_name"), sha256: hash)
                } else {
                    row.error("plan_sha256", "expected empty or the plan file's SHA-256 as 64 lowercase hex digits, found \(quoted(hash))",
                              hint: "`close` writes this column; restore the value it wrote")
                }
            }
            if let period, let payeeType, let payee, let amount, let closedAt, !row.hasError {
                entries.append(JournalEntry(period: period, payeeType: payeeType, payeeID: payee,
                                            amount: Money(amount, plan.currency), closedAt: closedAt, sourceLine: row.line,
                                            plan: provenance))
            }
        }
        return (Journal(file: file, entries: entries), table.diagnostics)
    }
}
