extension PayoutEngine {
    /// The closed months behind each payee's prior-period adjustment (SPEC 8.5), by re-running
    /// every closed month of the run's fiscal year with today's data (fast runs) and comparing
    /// with the journal (``ClosedMonthChanges/corrections(closed:journal:currency:earnedByMonth:)``).
    /// Empty in preview mode and when no payee has a prior-period adjustment.
    ///
    /// Sample, January … April closed, a late February row for alice: `["person\0alice":
    /// [2027-02 +625.00]]`.
    func closedMonthCorrections(of run: PayoutRun, pricer: Pricer) throws -> [PayeeKey: [ClosedMonthCorrection]] {
        guard case .journal(let closed) = run.settlement,
              run.people.contains(where: { !$0.priorPeriodAdjustment.isZero })
                || run.partners.contains(where: { !$0.priorPeriodAdjustment.isZero })
        else { return [:] }
        return try ClosedMonthChanges.corrections(closed: closed, journal: journal, currency: plan.currency) { month in
            let r = try self.run(period: month, details: false, pricer: pricer)
            var earned: [PayeeKey: Money] = [:]
            for p in r.people { earned[Adjustments.key(.person, p.id.rawValue)] = p.earnedYTD }
            for p in r.partners { earned[Adjustments.key(.partner, p.id.rawValue)] = p.earnedYTD }
            return earned
        }
    }
}
