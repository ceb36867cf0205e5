/// Warnings about a run that computed fine but probably not what was meant.
///
/// Period 2030-03 on a ledger of 2026-11 … 2027-12: no row is dated in fiscal year
/// 2030-01…2030-03, so every payout is 0 —
///
///     warning: no deals.csv row is dated in the fiscal year 2030-01…2030-03 of period 2030-03: every payout is 0 (the ledger's bookings are dated 2026-11-12 … 2027-12-20)
public enum RunNotices {
    /// The warning for a fiscal year (through the period) without bookings or clawbacks, or nil.
    public static func noDataInFiscalYear(_ run: PayoutRun, ledger: Ledger) -> Diagnostic? {
        let s = run.ledgerSummary
        guard s.bookingsUsed + s.clawbacksUsed == 0 else { return nil }
        var message = "no \(baseName(ledger.file)) row is dated in the fiscal year \(run.fiscalYearStart)…\(run.period) of period \(run.period): "
            + "every payout comes from adjustments or the journal only"
        var first: CivilDate? = nil, last: CivilDate? = nil
        for i in ledger.bookings.indices {
            let d = ledger.bookings.date(i)
            if first.map({ d < $0 }) ?? true { first = d }
            if last.map({ d > $0 }) ?? true { last = d }
        }
        if let first, let last { message += " (the ledger's bookings are dated \(first) … \(last))" }
        else { message += " (the ledger has no bookings)" }
        return Diagnostic(.warning, file: ledger.file, message: message,
                          hint: "check --period (YYYY-MM) and the plan's fiscal_year_start_month")
    }
}
