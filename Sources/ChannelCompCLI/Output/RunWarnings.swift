import ChannelComp

/// The warnings a payout run prints about the journal (they never change the exit code): a
/// plan other than the one recorded (SPEC 8.6), a closed month re-run whose figures changed,
/// and closed months' data changed since the last close (SPEC 8.5). The rules are the
/// library's (``JournalRules``, ``ClosedMonthChanges``); this only collects them for printing.
enum RunWarnings {
    static func journalWarnings(_ run: PayoutRun, inputs: Inputs) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let rules = JournalRules(journal: inputs.journal, calendar: inputs.plan.fiscalCalendar)
        if let w = rules.planChangeWarning(period: run.period, current: inputs.planProvenance, journalFile: inputs.journalFile) {
            out.append(w)
        }
        let payouts = run.people.map { (type: PayeeType.person, id: $0.id.rawValue, payout: $0.payout) }
            + run.partners.map { (type: PayeeType.partner, id: $0.id.rawValue, payout: $0.payout) }
        if let w = ClosedMonthChanges.rerunWarning(period: run.period, payouts: payouts, journal: inputs.journal, currency: run.currency) {
            out.append(w)
        }
        if let w = ClosedMonthChanges.priorPeriodWarning(run, journalFile: inputs.journalFile) { out.append(w) }
        return out
    }
}
