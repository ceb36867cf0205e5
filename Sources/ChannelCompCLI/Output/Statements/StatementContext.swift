import ChannelComp

/// What every statement of one run shares: the run, its inputs and lookups into them.
struct StatementContext {
    var run: PayoutRun
    var inputs: Inputs

    var currency: Currency { run.currency }
    var period: Period { run.period }
    var plan: Plan { inputs.plan }

    /// `plan "FY2027 channel-neutral" · fiscal year from 2027-01 · amounts in USD`.
    var planLine: String {
        "plan \"\(run.planName)\" · fiscal year from \(run.fiscalYearStart) · amounts in \(currency.code)"
    }

    /// How paid-to-date was found (SPEC 3.7), in words.
    var settlementNote: String {
        switch run.settlement {
        case .preview:
            if run.period == run.fiscalYearStart { return "preview: first month of the fiscal year, nothing paid yet" }
            return "preview (no journal for this fiscal year): earned YTD through \(run.period.advanced(by: -1)) from this ledger"
        case .journal(let closed):
            guard let first = closed.first, let last = closed.last else { return "from journal.csv" }
            return first == last ? "from journal.csv, closed period \(first)" : "from journal.csv, closed periods \(first)…\(last)"
        }
    }

    func booking(_ index: Int) -> Booking? {
        inputs.ledger.bookings.indices.contains(index) ? inputs.ledger.bookings[index] : nil
    }

    func cancellation(_ index: Int) -> Cancellation? {
        inputs.ledger.cancellations.indices.contains(index) ? inputs.ledger.cancellations[index] : nil
    }

    func partnerID(_ index: Int32?) -> String {
        guard let index, inputs.roster.partners.indices.contains(Int(index)) else { return "" }
        return inputs.roster.partners[Int(index)].id.rawValue
    }

    func role(ofPerson index: Int) -> Role? {
        guard inputs.roster.people.indices.contains(index) else { return nil }
        let r = inputs.roster.people[index].role
        return plan.roles.indices.contains(r) ? plan.roles[r] : nil
    }

    func money(_ amount: ExactDecimal) -> Money { Money(amount, currency) }

    /// Rounded with the plan's rule, for projections (what reaching a tier would pay).
    func rounded(_ amount: ExactDecimal) -> Money? {
        try? Money(amount, currency).rounded(plan.rounding)
    }

    /// Payout wording: `payout` or, when negative, a recovery.
    static func payoutNote(_ payout: Money) -> String {
        payout.isNegative ? "earned YTD − paid to date (negative: a recovery of earlier overpayment)"
            : "earned YTD − paid to date"
    }
}
