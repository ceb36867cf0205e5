import ChannelComp

/// The parts of a statement about the prior-period split and adjustments (SPEC 8.4, 8.5):
/// "this period" and "corrections to closed months" as separate figures, the closed months
/// behind a correction, and every adjustment with its reason and approver.
///
/// alice, 2027-05, after a late February row: `this period 0.00`, `corrections to closed
/// months 625.00 — 2027-02 +625.00 (today's data for 2027-02 differs from what its close
/// paid)`, payout 625.00.
enum StatementCorrections {
    /// The two facts that make up a person's payout.
    static func facts(_ p: PersonPayout, _ ctx: StatementContext) -> [StatementFact] {
        facts(periodEarned: p.periodEarned, prior: p.priorPeriodAdjustment,
              corrections: ctx.run.closedMonthCorrections[Adjustments.key(.person, p.id.rawValue)] ?? [],
              settlement: ctx.run.settlement, period: ctx.period)
    }

    /// The two facts that make up a partner's payout.
    static func facts(_ p: PartnerPayout, _ ctx: StatementContext) -> [StatementFact] {
        facts(periodEarned: p.periodEarned, prior: p.priorPeriodAdjustment,
              corrections: ctx.run.closedMonthCorrections[Adjustments.key(.partner, p.id.rawValue)] ?? [],
              settlement: ctx.run.settlement, period: ctx.period)
    }

    static func facts(periodEarned: Money, prior: Money, corrections: [ClosedMonthCorrection],
                      settlement: Settlement, period: Period) -> [StatementFact] {
        var out = [StatementFact(label: "this period", value: periodEarned.forPeople,
                                 note: "earned YTD \(period) − earned YTD \(period.advanced(by: -1)), both from today's data")]
        switch settlement {
        case .preview:
            out.append(StatementFact(label: "corrections to closed months", value: prior.forPeople,
                                     note: "none: no month of this fiscal year is closed (preview)"))
        case .journal:
            var note: String
            if prior.isZero {
                note = "none: the closed months' figures are unchanged"
            } else if corrections.isEmpty {
                note = "today's data for the closed months differs from what their closes paid"
            } else {
                note = corrections.map { "\($0.month) \(ClosedMonthChanges.signed($0.amount))" }.joined(separator: ", ")
                    + ": today's data for \(corrections.count == 1 ? "this closed month" : "these closed months") differs from what \(corrections.count == 1 ? "its close" : "their closes") paid (late, edited or deleted rows, late cancellations, adjustments)"
            }
            out.append(StatementFact(label: "corrections to closed months", value: prior.forPeople, note: note))
        }
        return out
    }

    /// Every adjustment of the fiscal year through the period, or nil when there is none.
    static func section(_ items: [Adjustment], period: Period) -> StatementSection? {
        guard !items.isEmpty else { return nil }
        let rows = items.map { a in
            [a.id, a.period.description + (a.period < period ? " (closed month)" : ""), a.kind.rawValue,
             a.amount.formatted, a.reason, a.approvedBy, a.deal?.rawValue ?? "", "adjustments.csv:\(a.sourceLine)"]
        }
        let table = StatementTable(
            columns: [.init(title: "id"), .init(title: "period"), .init(title: "kind"), .init(title: "amount", numeric: true),
                      .init(title: "reason"), .init(title: "approved by"), .init(title: "deal"), .init(title: "row")],
            rows: rows, emptyText: "no adjustments")
        return StatementSection(heading: "Adjustments", table: table,
                                notes: ["credit adjustments count as quota credit in their period; payment adjustments are added to earned YTD after the cap (SPEC 8.4)"])
    }
}
