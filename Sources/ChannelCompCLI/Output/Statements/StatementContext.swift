import ChannelComp

/// What every statement of one run shares: the run, its inputs and lookups into them.
///
/// The period's credit lines, bookings and clawbacks are grouped by payee once, so writing
/// statements for thousands of payees stays linear in the size of the run.
struct StatementContext {
    let run: PayoutRun
    let inputs: Inputs
    /// Credit lines dated in the period, by person (roster offset): their indices in the run.
    let periodCreditLines: Grouped
    /// Credit lines of the fiscal year through the period, by person (roster offset): their
    /// indices in the run (lines are made when read), what the person's `explain` trace is built from.
    let creditLinesByPerson: Grouped
    /// Bookings dated in the period that name a partner (reseller or referrer), by partner
    /// (roster offset): booking offsets.
    let periodBookingsByPartner: Grouped
    /// Cancellations dated in the period that claw their booking back.
    let periodClawbacks: [Cancellation]
    /// Every booking that names a partner (reseller or referrer), by partner (roster offset),
    /// in ledger order: booking offsets.
    let bookingsByPartner: Grouped
    /// Cancellation rows as (booking cancelled, row) pairs in that order — a booking's rows in
    /// ledger order, found by binary search (``cancellations(of:)``); 8 bytes a row.
    let cancellationsByBooking: [(booking: Int32, row: Int32)]
    /// Journal rows by payee (`person`/`partner` + NUL + id), in journal order: a payee's trace
    /// reads only its own rows. Handing each trace the whole journal made 30,000 payees with five
    /// closed months take 273 s (issue 16.11).
    let journalByPayee: [PayeeKey: [JournalEntry]]

    init(run: PayoutRun, inputs: Inputs) {
        self.run = run
        self.inputs = inputs
        let people = inputs.roster.people.count, partners = inputs.roster.partners.count
        let ledger = inputs.ledger, plan = inputs.plan
        // Two independent halves on two threads: the credit lines by person (four walks over the
        // run's line references), and the ledger's groupings.
        let (byPerson, byLedger) = ParallelMap.both(threads: ParallelMap.defaultThreads, {
            (Grouped(keys: people) { put in
                run.creditLines.forEachPerson { i, person, _ in put(person.offset, i) }
            }, Grouped(keys: people) { put in
                run.creditLines.forEachPerson { i, person, period in if period == run.period { put(person.offset, i) } }
            })
        }, {
            StatementContext.ledgerGroups(run: run, ledger: ledger, plan: plan, partners: partners)
        })
        (creditLinesByPerson, periodCreditLines) = byPerson
        (periodBookingsByPartner, periodClawbacks, bookingsByPartner, cancellationsByBooking) = byLedger
        var journalRows: [PayeeKey: [JournalEntry]] = [:]
        for e in inputs.journal?.entries ?? [] { journalRows[Self.payeeKey(e.payeeType, e.payeeID), default: []].append(e) }
        journalByPayee = journalRows
    }

    /// The period's bookings by partner and its clawbacks (the ledger's one walk over the
    /// period's month), every partner's bookings, and the cancellation rows by booking.
    private static func ledgerGroups(run: PayoutRun, ledger: Ledger, plan: Plan, partners: Int)
        -> (Grouped, [Cancellation], Grouped, [(booking: Int32, row: Int32)]) {
        var bookings: [(key: Int, item: Int)] = []
        var clawbacks: [Cancellation] = []
        for e in ledger.events(in: EventWindow(first: run.period, last: run.period), plan: plan) {
            if let c = e.clawback {
                clawbacks.append(ledger.cancellations[c])
            } else if let p = ledger.bookings.view(e.booking).partner {
                bookings.append((p.offset, e.booking.offset))
            }
        }
        let byPartner = Grouped(keys: partners) { put in
            for b in ledger.bookings.views { if let p = b.partner { put(p.offset, b.index.offset) } }
        }
        let cancellations = ledger.cancellations.enumerated()
            .map { (booking: Int32($0.element.booking.offset), row: Int32($0.offset)) }
            .sorted { ($0.booking, $0.row) < ($1.booking, $1.row) }
        return (Grouped(keys: partners, items: bookings), clawbacks, byPartner, cancellations)
    }

    /// The rows of deals.csv that cancel `booking`, in ledger order.
    func cancellations(of booking: BookingIndex) -> [Int] {
        let key = Int32(booking.offset)
        var low = 0, high = cancellationsByBooking.count
        while low < high {
            let mid = (low + high) / 2
            if cancellationsByBooking[mid].booking < key { low = mid + 1 } else { high = mid }
        }
        var rows: [Int] = []
        while low < cancellationsByBooking.count && cancellationsByBooking[low].booking == key {
            rows.append(Int(cancellationsByBooking[low].row))
            low += 1
        }
        return rows
    }

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
            guard let first = closed.first, let last = closed.last else { return "from the payout journal" }
            return first == last ? "paid in closed period \(first) (payout journal)" : "paid in closed periods \(first)…\(last) (payout journal)"
        }
    }

    /// The person's `explain` trace, made by ``Explain/trace(payee:run:plan:roster:ledger:journal:)``
    /// exactly as `channelcomp explain` makes it.
    ///
    /// The builder is handed a run holding only this person and their own credit lines (the
    /// ones it would pick out of the whole run), so statements for thousands of people stay
    /// linear in the run; a test checks the tree is the same as from the whole run.
    func trace(_ p: PersonPayout) -> Result<PayeeTrace, ReportError> {
        var own = run
        own.people = [p]
        own.partners = []
        own.creditLines = run.creditLines.subset(Array(creditLinesByPerson[p.index.offset]))
        return trace(payee: p.id.rawValue, type: .person, in: own)
    }

    /// The partner's `explain` trace, made by the same builder from a ledger holding only the
    /// bookings that name this partner and their cancellations, in ledger order (the builder
    /// looks at no other row), with the run's priced lines renumbered to match. Without this,
    /// each partner's trace would read the whole ledger: quadratic in the size of the data.
    ///
    /// P-CEDAR, 2027-04: bookings D2703-09 and D2704-08 and the cancellation of D2703-09 become
    /// rows 0, 1 and cancellation 0 → booking 0; the tree is the same as from the whole ledger.
    func trace(_ p: PartnerPayout) -> Result<PayeeTrace, ReportError> {
        var own = run
        own.people = []
        own.partners = [p]
        own.creditLines = CreditLines()
        var ledger = inputs.ledger
        ledger.cancellations = []
        var olds: [BookingIndex] = []
        var anyPriced = false
        var cancellations: [(index: Int, row: Cancellation)] = []
        for old in bookingsByPartner[p.index.offset].map { BookingIndex($0) } {
            let new = BookingIndex(olds.count)
            olds.append(old)
            if !anyPriced && run.priced[old] != nil { anyPriced = true }
            for c in self.cancellations(of: old) {
                var row = inputs.ledger.cancellations[c]
                row.booking = new
                cancellations.append((c, row))
            }
        }
        ledger.store = inputs.ledger.store.subset(olds)
        if !anyPriced {
            // Nothing of this partner was priced, so nothing of theirs is in the fiscal year
            // through the period: the builder is given no rows at all, and the run keeps its
            // priced lines so that it still counts as a run with details.
            ledger.store = BookingStore()
        } else {
            ledger.cancellations = cancellations.sorted { $0.index < $1.index }.map(\.row)
            own.priced = run.priced.renumbered(olds)
        }
        return trace(payee: p.id.rawValue, type: .partner, in: own, ledger: ledger)
    }

    static func payeeKey(_ type: PayeeType, _ id: String) -> PayeeKey { PayeeKey(type, id) }

    private func trace(payee id: String, type: PayeeType, in run: PayoutRun, ledger: Ledger? = nil) -> Result<PayeeTrace, ReportError> {
        do {
            // The builder reads the journal only for this payee's rows (the closed periods come
            // from the run), so it is handed just those: the same tree, a test checks.
            var journal = inputs.journal
            journal?.entries = journalByPayee[Self.payeeKey(type, id)] ?? []
            // Lists the statement folds are made with their amounts only: the same tree,
            // count and checks, without the words nobody reads (`explain` prints them).
            let traces = try Explain.trace(payee: id, run: run, plan: inputs.plan, roster: inputs.roster,
                                           ledger: ledger ?? inputs.ledger, journal: journal,
                                           foldAbove: StatementTrace.foldAbove)
            guard let t = traces.first(where: { $0.payeeType == type }) else { return .failure(.unknownPayee(id)) }
            return .success(t)
        } catch {
            return .failure(error)
        }
    }

    func booking(_ index: BookingIndex) -> Booking? {
        inputs.ledger.bookings.indices.contains(index) ? inputs.ledger.bookings[index] : nil
    }

    /// Booking `index` as a view of its record (fields decoded on access), nil outside the ledger.
    func view(_ index: BookingIndex) -> BookingView? {
        inputs.ledger.bookings.indices.contains(index) ? inputs.ledger.bookings.view(index) : nil
    }

    func cancellation(_ index: Int) -> Cancellation? {
        inputs.ledger.cancellations.indices.contains(index) ? inputs.ledger.cancellations[index] : nil
    }

    func partnerID(_ index: PartnerIndex?) -> String {
        guard let index, inputs.roster.partners.indices.contains(index.offset) else { return "" }
        return inputs.roster.partners[index].id.rawValue
    }

    func role(ofPerson index: PersonIndex) -> Role? {
        guard inputs.roster.people.indices.contains(index.offset) else { return nil }
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
