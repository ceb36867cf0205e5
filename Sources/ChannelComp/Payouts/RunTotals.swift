/// Price → Credit of every run, in one pass over the compact ledger.
///
/// The events come from ``Ledger/forEachEvent(in:plan:summary:_:)`` and the credit from
/// ``Crediter/forEachCredit(_:amounts:role:emit:)``, summed in minor units (`Int128` cents);
/// no ``PricedLine`` or ``CreditLine`` is made. A detailed run (statements, `explain`, `audit`,
/// `compare`) passes a ``RunDetailRecord`` to also keep, per credit, a 16-byte reference to the
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

    static func compute(plan: Plan, roster: Roster, ledger: Ledger, pricer: Pricer, crediter: Crediter,
                        window: EventWindow, record: inout RunDetailRecord?) throws -> RunTotals {
        // Recorded into a plain value (no optional check per credit), given back at the end.
        let keep = record != nil
        var kept = record ?? RunDetailRecord(bookings: 0)
        defer { if keep { record = kept } }
        // About one line per booking and role with a rule: reserved once, as the loader sizes the
        // store, because growing by doubling would copy the references and briefly hold both
        // (untouched capacity costs address space, not memory).
        if keep {
            let crediting = (0..<plan.roles.count).filter { crediter.facts(role: $0, partnerChannel: false).method != .none
                || crediter.facts(role: $0, partnerChannel: true).method != .none }.count
            kept.references.reserveCapacity(ledger.store.count * max(1, crediting))
        }
        let records = ledger.store.records
        let minorUnits = plan.currency.minorUnits
        let first = window.first, last = window.last
        let months = last - first + 1
        let roleCount = plan.roles.count
        var summary = LedgerSummary()
        summary.rowsRead = ledger.rowsRead

        // Minor-unit sums: per person (quota period, quota YTD, flat YTD), per partner and month slot.
        let personCount = roster.people.count
        var quotaPeriod = [Int128](repeating: 0, count: personCount)
        var quotaYTD = [Int128](repeating: 0, count: personCount)
        var flatYTD = [Int128](repeating: 0, count: personCount)
        var flatPayYTD = [ExactDecimal](repeating: .zero, count: personCount)
        var flatPayPeriod = [ExactDecimal](repeating: .zero, count: personCount)
        var purchases = [Int128](repeating: 0, count: roster.partners.count * months)
        var fees = [Int128](repeating: 0, count: roster.partners.count * months)
        // SPEC 8.7: a credit line of any amount, purchases or a fee list a payee. Only a dated
        // roster can have payees without a row in the year; otherwise everyone is listed anyway.
        let trackActivity = roster.isEffectiveDated
        var personActive = [Bool](repeating: false, count: personCount)
        var partnerActive = [Bool](repeating: false, count: roster.partners.count)

        var overflow = false
        @inline(__always) func add(_ a: inout Int128, _ b: Int128) {
            let (s, o) = a.addingReportingOverflow(b)
            a = s
            if o { overflow = true }
        }

        try ledger.forEachEvent(in: window, plan: plan, summary: &summary) { (event: LedgerEvent) throws in
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
                if keep, let missing, !clawback { kept.uncredited.append((index, role, missing)) }
            }
        }
        if overflow { throw NumericError.overflow(operation: "add", operands: ["credit totals", "beyond 128 bits"]) }

        let currency = plan.currency
        func money(_ v: Int128) -> Money { Money(ExactDecimal(unchecked: v, UInt8(minorUnits)), currency) }
        let zero = Money.zero(currency)
        var people: [PersonTotals] = []
        people.reserveCapacity(personCount)
        for p in 0..<personCount {
            var t = PersonTotals(zero: zero)
            t.quotaPeriod = money(quotaPeriod[p])
            t.quotaYTD = money(quotaYTD[p])
            t.flatYTD = money(flatYTD[p])
            t.flatPayYTD = flatPayYTD[p]
            t.flatPayPeriod = flatPayPeriod[p]
            t.active = personActive[p]
            people.append(t)
        }
        var partners: [PartnerTotals] = []
        partners.reserveCapacity(roster.partners.count)
        for p in 0..<roster.partners.count {
            var t = PartnerTotals(zero: zero, months: months)
            for k in 0..<months {
                t.purchases[k] = money(purchases[p * months + k])
                t.fees[k] = money(fees[p * months + k])
            }
            t.active = partnerActive[p]
            partners.append(t)
        }
        return RunTotals(people: people, partners: partners, summary: summary)
    }
}

/// What a detailed run keeps while its totals are summed (see ``RunTotals``): one bit per
/// booking priced, one reference per credit line in the run's order, and the bookings a role
/// credited nobody on, with why.
struct RunDetailRecord {
    var pricedInRun: [UInt64]
    var references: [CreditLines.Reference] = []
    var uncredited: [(booking: BookingIndex, role: Int, reason: NoCreditReason)] = []

    init(bookings: Int) { pricedInRun = [UInt64](repeating: 0, count: (bookings + 63) / 64) }
}
