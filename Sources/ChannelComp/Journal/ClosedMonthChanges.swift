/// How today's data differs from what closed months paid (SPEC 8.5): the closed months behind a
/// prior-period adjustment, and the warnings `payout`, `close` and `check` print.
///
/// Sample, January … April closed, then a row for alice dated 2027-02-20 (12500.00 at 5 %) is
/// added: re-running 2027-02 gives alice 2245.00 where the journal says 1620.00; the 2027-05
/// run's prior-period adjustment for alice is 625.00, all of it from 2027-02:
///
///     corrections(alice) == [ClosedMonthCorrection(month: 2027-02, amount: 625.00)]
public struct ClosedMonthCorrection: Sendable, Equatable {
    public var month: Period
    public var amount: Money

    public init(month: Period, amount: Money) {
        self.month = month
        self.amount = amount
    }
}

public enum ClosedMonthChanges {
    /// Per payee (key ``Adjustments/key(_:_:)``), the closed months whose figures changed since
    /// they were closed, with by how much: for each closed month m of the run's settlement,
    /// `(E(m) − E(m−1)) − J(m)`, where E is earned_ytd recomputed from today's data (0 before
    /// the fiscal year) and J the journal's amount for m. The months' amounts add up to the
    /// payee's prior-period adjustment `E(p−1) − paid_to_date`. Months without a change are
    /// left out; payees without one are absent.
    ///
    /// `earnedByMonth(m)` gives every payee's E(m) (a fast run of month m).
    public static func corrections(closed: [Period], journal: Journal?, currency: Currency,
                                   earnedByMonth: (Period) throws -> [PayeeKey: Money]) throws -> [PayeeKey: [ClosedMonthCorrection]] {
        guard let journal, !closed.isEmpty else { return [:] }
        let paid = try journal.amounts(periods: Set(closed), currency: currency)
        var out: [PayeeKey: [ClosedMonthCorrection]] = [:]
        var before: [PayeeKey: Money] = [:]
        for m in closed.sorted() {
            let now = try earnedByMonth(m)
            for k in Set(now.keys).union(before.keys).union(paid[m]?.keys ?? [:].keys) {
                let earnedNow = now[k] ?? .zero(currency)
                let change = try (earnedNow - (before[k] ?? .zero(currency))) - (paid[m]?[k] ?? .zero(currency))
                if !change.isZero { out[k, default: []].append(ClosedMonthCorrection(month: m, amount: change)) }
            }
            before = now
        }
        return out
    }

    /// `payout` of a closed month: the payees whose payout today differs from the journal's
    /// amount for that month (warning; the difference lands in the next open month's payout).
    ///
    /// `payout --period 2027-02` after a late February row: "2027-02 is closed, but today's data
    /// pays 1 payee differently than the journal: alice 2245.00 (journal 1620.00); total +625.00 …"
    public static func rerunWarning(period: Period, payouts: [(type: PayeeType, id: String, payout: Money)],
                                    journal: Journal?, currency: Currency) -> Diagnostic? {
        guard let journal else { return nil }
        guard let lastLine = journal.entries.last(where: { $0.period == period })?.sourceLine else { return nil }
        let paid = (try? journal.amounts(periods: [period], currency: currency))?[period] ?? [:]
        var differs: [String] = []
        var total = Money.zero(currency)
        for p in payouts {
            let journalAmount = paid[Adjustments.key(p.type, p.id)] ?? .zero(currency)
            guard p.payout != journalAmount, let diff = try? p.payout - journalAmount else { continue }
            total = (try? total + diff) ?? total
            differs.append("\(p.id) \(p.payout.formatted) (journal \(journalAmount.formatted))")
        }
        guard !differs.isEmpty else { return nil }
        let shown = differs.prefix(5).joined(separator: ", ") + (differs.count > 5 ? ", …" : "")
        return Diagnostic(.warning, file: journal.file, line: lastLine, field: "column 'amount'",
            message: "\(period) is closed, but today's data pays \(differs.count) payee\(differs.count == 1 ? "" : "s") differently than the journal: \(shown); total \(signed(total))",
            hint: "the closed amounts stand; the difference lands in the next open month of this fiscal year as a prior-period adjustment (when every month of the year is closed, in no payout)")
    }

    /// SPEC 8.5: when any payee's prior-period adjustment is non-zero, a warning naming the last
    /// closed month, how many payees differ and the total, and that it lands in this payout.
    ///
    /// Sample, January … April closed, a row deleted from April: "the data of closed months
    /// changed after they were closed (last closed month 2027-04): 1 payee differs by a total
    /// of -8452.50 (alice -8452.50); it lands in the 2027-05 payout as a prior-period adjustment"
    public static func priorPeriodWarning(_ run: PayoutRun, journalFile: String) -> Diagnostic? {
        guard case .journal(let closed) = run.settlement, let last = closed.last else { return nil }
        let changed = run.people.map { ($0.id.rawValue, $0.priorPeriodAdjustment) }
            + run.partners.map { ($0.id.rawValue, $0.priorPeriodAdjustment) }
        let differing = changed.filter { !$0.1.isZero }
        guard !differing.isEmpty else { return nil }
        var total = Money.zero(run.currency)
        for (_, m) in differing { total = (try? total + m) ?? total }
        let shown = differing.prefix(5).map { "\($0.0) \(signed($0.1))" }.joined(separator: ", ") + (differing.count > 5 ? ", …" : "")
        return Diagnostic(.warning, file: journalFile,
            message: "the data of closed months changed after they were closed (last closed month \(last)): \(differing.count) payee\(differing.count == 1 ? "" : "s") differ\(differing.count == 1 ? "s" : "") by a total of \(signed(total)) (\(shown)); it lands in the \(run.period) payout as a prior-period adjustment",
            hint: "late, edited or deleted rows, late cancellations, adjustments or roster changes dated in closed months; `payout --period \(run.period) --out DIR` names the months on each statement")
    }

    /// `+625.00`, `-8452.50`, `0.00`.
    public static func signed(_ m: Money) -> String { m.isNegative || m.isZero ? m.formatted : "+" + m.formatted }
}

extension Journal {
    /// The journal's amounts of `periods`, per period and payee; duplicate rows of one payee
    /// and period are summed (SPEC 6). The one sum over journal rows: paid to date
    /// (``PaidToDate``) and the closed-month checks both read it.
    ///
    /// Rows 2027-01 ann 932.00, 2027-02 ann 688.00, 2027-02 ann 10.00 → 2027-01: ann 932.00;
    /// 2027-02: ann 698.00.
    public func amounts(periods: Set<Period>, currency: Currency) throws(NumericError) -> [Period: [PayeeKey: Money]] {
        var paid: [Period: [PayeeKey: Money]] = [:]
        for e in entries where periods.contains(e.period) {
            let k = PayeeKey(e.payeeType, e.payeeID)
            paid[e.period, default: [:]][k] = try (paid[e.period]?[k] ?? .zero(currency)) + e.amount
        }
        return paid
    }
}
