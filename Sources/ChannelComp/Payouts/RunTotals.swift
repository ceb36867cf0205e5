/// Price → Credit of every run, in one pass over the compact ledger.
///
/// The events come from ``Ledger/forEachEvent(in:plan:summary:_:)`` and the credit from
/// ``Crediter/forEachCredit(_:amounts:role:emit:)``, summed in minor units (`Int128` cents);
/// no ``PricedLine`` or ``CreditLine`` is made. A detailed run (statements, `explain`, `audit`,
/// `compare`) passes a ``RunDetailRecord`` to also keep, per credit, a 12-byte reference to the
/// line it stands for, a bit per priced booking, and who was not credited — the lines are made
/// again from these when a report reads them. `PayoutFastPathTests` runs random ledgers with and
/// without details and requires identical payouts.
///
/// SPEC 7, 2027-01: D1 (S 1000000 cents, ann) + D2 (N 364000, territory WEST → ann)
/// + D3 (S 500000, ann) → ann's quota credit 1864000 cents = 18640.00.
struct RunTotals {
    var people: [PersonTotals]
    var partners: [PartnerTotals]
    var summary: LedgerSummary

    /// Below this many bookings the pass runs on one thread (a second would not pay for itself).
    static let splitThreshold = 200_000

    /// Sums the run; on `threads` ≥ 2 and a large ledger (a run without details), the first half
    /// of the bookings on one thread and the rest with the cancellations on the other, then the
    /// two added. Sums are
    /// exact, so halves add up to what one pass gives; a detailed run's references and
    /// uncredited roles are the first half's then the second's — the one-pass order; an error is
    /// the first half's if it has one (the one pass would have stopped there).
    static func compute(plan: Plan, roster: Roster, ledger: Ledger, pricer: Pricer, crediter: Crediter,
                        window: EventWindow, record: inout RunDetailRecord?, threads: Int = 1,
                        splitAbove: Int = splitThreshold, splitDetails: Bool = true) throws -> RunTotals {
        let keep = record != nil
        let n = ledger.store.count
        let cancellations = ledger.cancellations.count
        /// The pass over bookings `b` and cancellations `c`.
        @Sendable func part(_ b: Range<Int>, _ c: Range<Int>, reserveFor: Int? = nil) -> Result<Pass, any Error> {
            Result { try Pass(plan: plan, roster: roster, ledger: ledger, pricer: pricer, crediter: crediter, window: window,
                              keep: keep, bookings: b, cancellations: c, reserveFor: reserveFor) }
        }
        // The split pass's sum, or nil when a part failed (a row that cannot be priced, a sum
        // beyond range): then one pass names the first such row in the ledger's order, as a run
        // on one thread does.
        var split: Pass? = nil
        if threads >= 2 && n >= splitAbove && keep && splitDetails {
            // A detailed run keeps its line references in the ledger's order: the bookings before
            // `middle` on one thread, the rest and every cancellation on the other, joined in that
            // order — the one pass's order. `middle` splits the window's rows (the costly ones)
            // evenly; the first half's references are reserved for both, so the join appends in
            // place and only the second half's are ever held twice.
            let middle = balancedMiddle(ledger: ledger, window: window)
            let (first, second) = ParallelMap.both(threads: threads, { part(0..<middle, 0..<0, reserveFor: n + cancellations) },
                                                   { part(middle..<n, 0..<cancellations) })
            if case .success(var a) = first, case .success(let b) = second, (try? a.add(b)) != nil { split = a }
        } else if threads >= 2 && n >= splitAbove && !keep {
            // The bookings and the cancellations in `chunks` slices each, taken by the threads in
            // turn (bookings outside the window cost little, so halves by count would leave one
            // core idle); the sums are exact, so which thread adds a row does not change them.
            let chunks = min(16, max(2, n / 32_768))
            // Taken from the last slice back: the latest rows are the window's, the costly ones, so
            // the cheap slices are the ones left to share at the end.
            @Sendable func slice(_ k: Int, of count: Int) -> Range<Int> {
                let j = chunks - 1 - k
                return count * j / chunks..<count * (j + 1) / chunks
            }
            let folded = ParallelMap.fold(chunks: chunks, threads: threads, { k in part(slice(k, of: n), slice(k, of: cancellations)) },
                                          { mine, next in
                guard case .success(var a) = mine, case .success(let b) = next else {
                    if case .success = mine { mine = next }
                    return
                }
                do { try a.add(b); mine = .success(a) } catch { mine = .failure(error) }
            })
            do {
                for result in folded {
                    let p = try result.get()
                    if split == nil { split = p } else { try split!.add(p) }
                }
            } catch {
                split = nil
            }
        }
        let pass = try split ?? part(0..<n, 0..<cancellations).get()
        if pass.overflow { throw NumericError.overflow(operation: "add", operands: ["credit totals", "beyond 128 bits"]) }
        if keep { record = pass.kept }
        var summary = pass.summary
        summary.rowsRead = ledger.rowsRead

        let currency = plan.currency
        let minorUnits = currency.minorUnits
        let months = window.last - window.first + 1
        func money(_ v: Int128) -> Money { Money(ExactDecimal(unchecked: v, UInt8(minorUnits)), currency) }
        let zero = Money.zero(currency)
        var people: [PersonTotals] = []
        people.reserveCapacity(roster.people.count)
        for p in 0..<roster.people.count {
            var t = PersonTotals(zero: zero)
            t.quotaPeriod = money(pass.quotaPeriod[p])
            t.quotaYTD = money(pass.quotaYTD[p])
            t.flatYTD = money(pass.flatYTD[p])
            t.flatPayYTD = pass.flatPayYTD[p]
            t.flatPayPeriod = pass.flatPayPeriod[p]
            t.active = pass.personActive[p]
            people.append(t)
        }
        var partners: [PartnerTotals] = []
        partners.reserveCapacity(roster.partners.count)
        for p in 0..<roster.partners.count {
            var t = PartnerTotals(zero: zero, months: months)
            for k in 0..<months {
                t.purchases[k] = money(pass.purchases[p * months + k])
                t.fees[k] = money(pass.fees[p * months + k])
            }
            t.active = pass.partnerActive[p]
            partners.append(t)
        }
        return RunTotals(people: people, partners: partners, summary: summary)
    }

    /// The booking index that splits the window's work in two: as many bookings counted in the
    /// window before it as there are counted bookings after it plus cancellations (all of which
    /// the second half takes).
    ///
    /// 10 bookings, the last 6 in the window, 2 cancellations → (6 + 2) / 2 = 4 counted before:
    /// index 8.
    static func balancedMiddle(ledger: Ledger, window: EventWindow) -> Int {
        let records = ledger.store.records
        var counted = 0
        for r in records where window.placeBooking(month: r.periodIndex) == .counted { counted += 1 }
        let target = (counted + ledger.cancellations.count) / 2
        var seen = 0
        for i in records.indices {
            if seen >= target { return i }
            if window.placeBooking(month: records[i].periodIndex) == .counted { seen += 1 }
        }
        return records.count
    }

    /// The sums of some of the ledger's rows, in minor units: per person (quota period, quota
    /// YTD, flat YTD, flat pay), per partner and month slot (purchases, fees).
    struct Pass {
        var quotaPeriod: [Int128]
        var quotaYTD: [Int128]
        var flatYTD: [Int128]
        var flatPayYTD: [ExactDecimal]
        var flatPayPeriod: [ExactDecimal]
        var purchases: [Int128]
        var fees: [Int128]
        var personActive: [Bool]
        var partnerActive: [Bool]
        /// A sum passed 128 bits (reported once the pass is done).
        var overflow = false
        var summary = LedgerSummary()
        /// What a detailed run keeps (empty when it is not kept).
        var kept: RunDetailRecord

        /// Walks `bookings` and `cancellations` (the ledger's one walk) and sums what they credit.
        ///
        /// `reserveFor`: the rows whose line references to reserve room for (default: this pass's).
        init(plan: Plan, roster: Roster, ledger: Ledger, pricer: Pricer, crediter: Crediter, window: EventWindow,
             keep: Bool, bookings: Range<Int>, cancellations: Range<Int>, reserveFor: Int? = nil) throws {
            let records = ledger.store.records
            let minorUnits = plan.currency.minorUnits
            let first = window.first, last = window.last
            let months = last - first + 1
            let roleCount = plan.roles.count
            let personCount = roster.people.count
            quotaPeriod = [Int128](repeating: 0, count: personCount)
            quotaYTD = [Int128](repeating: 0, count: personCount)
            flatYTD = [Int128](repeating: 0, count: personCount)
            flatPayYTD = [ExactDecimal](repeating: .zero, count: personCount)
            flatPayPeriod = [ExactDecimal](repeating: .zero, count: personCount)
            purchases = [Int128](repeating: 0, count: roster.partners.count * months)
            fees = [Int128](repeating: 0, count: roster.partners.count * months)
            personActive = [Bool](repeating: false, count: personCount)
            partnerActive = [Bool](repeating: false, count: roster.partners.count)
            kept = RunDetailRecord(bookings: keep ? ledger.store.count : 0)
            // About one line per booking and role with a rule: reserved once, because growing by
            // doubling would copy the references and briefly hold both (untouched capacity costs
            // address space, not memory).
            if keep {
                let crediting = (0..<roleCount).filter { crediter.facts(role: $0, partnerChannel: false).method != .none
                    || crediter.facts(role: $0, partnerChannel: true).method != .none }.count
                kept.references.reserveCapacity((reserveFor ?? bookings.count + cancellations.count) * max(1, crediting))
            }
            // SPEC 8.7: a credit line of any amount, purchases or a fee list a payee. Only a dated
            // roster can have payees without a row in the year; otherwise everyone is listed anyway.
            let trackActivity = roster.isEffectiveDated

            // The flag is reached through a pointer, not captured: a captured variable would live
            // in a heap box, retained and released around every crediting call.
            var overflowSeen = false
            defer { self.overflow = self.overflow || overflowSeen }
            try withUnsafeMutablePointer(to: &overflowSeen) { overflow in
            @inline(__always) func add(_ a: inout Int128, _ b: Int128) {
                let (s, o) = a.addingReportingOverflow(b)
                a = s
                if o { overflow.pointee = true }
            }

            try ledger.forEachEvent(in: window, plan: plan, summary: &summary, bookings: bookings,
                                    cancellations: cancellations) { (event: LedgerEvent) throws in
                let index = event.booking
                let clawback = event.isClawback
                let r = records[index.offset]
                let a: PricedAmounts
                do {
                    a = try pricer.amounts(index)
                } catch {
                    // The located message ("cannot price deal D3 line 1: …") comes from the detailed pricer.
                    _ = try pricer.price(index)
                    throw error
                }
                if keep { PricedLines.mark(&kept.pricedInRun, index) }
                let inPeriod = event.month == last
                let slot = event.month - first
                let isPartner = r.isPartnerChannel
                if isPartner, let partner = r.partnerIndex {
                    add(&purchases[partner.offset * months + slot], clawback ? 0 &- a.net : a.net)
                    partnerActive[partner.offset] = true
                }
                if a.referralFee != 0, let partner = r.partnerIndex {
                    add(&fees[partner.offset * months + slot], clawback ? 0 &- a.referralFee : a.referralFee)
                    partnerActive[partner.offset] = true
                }
                for role in 0..<roleCount {
                    let facts = crediter.facts(role: role, partnerChannel: isPartner)
                    if facts.method == .none { continue }
                    var ordinal: UInt16 = 0
                    let missing = try crediter.forEachCredit(index, amounts: a, role: role) { share throws(NumericError) in
                        let amount = clawback ? 0 &- share.amount : share.amount
                        let person = share.person.offset
                        if keep {
                            kept.references.append(CreditLines.Reference(
                                booking: Int32(index.offset), clawback: Int32(event.clawback ?? -1),
                                person: share.person.rawValue, role: UInt16(role), ordinal: ordinal))
                            ordinal += 1
                        }
                        if trackActivity { personActive[person] = true }
                        if facts.quota {
                            add(&quotaYTD[person], amount)
                            if inPeriod { add(&quotaPeriod[person], amount) }
                        } else {
                            add(&flatYTD[person], amount)
                            let pay = try ExactDecimal(unchecked: amount, UInt8(minorUnits)).multiplied(by: (facts.flatRate ?? .zero).fraction)
                            flatPayYTD[person] = try flatPayYTD[person].adding(pay)
                            if inPeriod { flatPayPeriod[person] = try flatPayPeriod[person].adding(pay) }
                        }
                    }
                    if keep, let missing, !clawback { kept.uncredited.append(UncreditedRole(booking: index, role: role, reason: missing)) }
                }
            }
            }
        }

        /// Adds the sums of the rows after this pass's (`later`): sums element by element,
        /// flags or-ed, counts added, kept lines appended in order.
        mutating func add(_ later: Pass) throws(NumericError) {
            func sum(_ a: inout [Int128], _ b: [Int128]) {
                for i in a.indices {
                    let (s, o) = a[i].addingReportingOverflow(b[i])
                    a[i] = s
                    if o { overflow = true }
                }
            }
            sum(&quotaPeriod, later.quotaPeriod)
            sum(&quotaYTD, later.quotaYTD)
            sum(&flatYTD, later.flatYTD)
            sum(&purchases, later.purchases)
            sum(&fees, later.fees)
            for i in flatPayYTD.indices {
                flatPayYTD[i] = try flatPayYTD[i].adding(later.flatPayYTD[i])
                flatPayPeriod[i] = try flatPayPeriod[i].adding(later.flatPayPeriod[i])
            }
            for i in personActive.indices where later.personActive[i] { personActive[i] = true }
            for i in partnerActive.indices where later.partnerActive[i] { partnerActive[i] = true }
            overflow = overflow || later.overflow
            summary.bookingsUsed += later.summary.bookingsUsed
            summary.clawbacksUsed += later.summary.clawbacksUsed
            summary.beforeFiscalYear += later.summary.beforeFiscalYear
            summary.afterPeriod += later.summary.afterPeriod
            summary.outsideClawbackWindow += later.summary.outsideClawbackWindow
            for w in kept.pricedInRun.indices { kept.pricedInRun[w] |= later.kept.pricedInRun[w] }
            kept.references.append(contentsOf: later.kept.references)
            kept.uncredited.append(contentsOf: later.kept.uncredited)
        }
    }
}

/// What a detailed run keeps while its totals are summed (see ``RunTotals``): one bit per
/// booking priced, one reference per credit line in the run's order, and the bookings a role
/// credited nobody on, with why.
struct RunDetailRecord {
    var pricedInRun: [UInt64]
    var references: [CreditLines.Reference] = []
    var uncredited: [UncreditedRole] = []

    init(bookings: Int) { pricedInRun = [UInt64](repeating: 0, count: (bookings + 63) / 64) }
}
