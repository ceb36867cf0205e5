/// Price → Credit for a run without details, in one pass over the compact ledger.
///
/// The same rules as ``Crediter/forEachCredit`` and the detailed loop of ``PayoutEngine``,
/// summed in minor units (`Int128` cents) instead of building a ``PricedLine`` and a
/// ``CreditLine`` per row; it makes the monthly run over a million rows take well under a
/// second. `PayoutFastPathTests` runs random ledgers both ways and requires identical payouts.
///
/// SPEC 7, 2027-01: D1 (S 1000000 cents, ann) + D2 (N 364000, territory WEST → ann)
/// + D3 (S 500000, ann) → ann's quota credit 1864000 cents = 18640.00.
struct RunTotals {
    var people: [PersonTotals]
    var partners: [PartnerTotals]
    var summary: LedgerSummary

    /// One role's rule for one channel, with everything the loop asks of it precomputed.
    struct RuleFacts {
        var method: CreditRule.Method
        var requiresRegistration: Bool
        var net: Bool
        var quota: Bool
        var flatRate: ExactDecimal?
    }

    static func compute(plan: Plan, roster: Roster, ledger: Ledger, pricer: Pricer, crediter: Crediter,
                        first: Int, last: Int) throws -> RunTotals {
        let store = ledger.store
        let records = store.records
        let minorUnits = plan.currency.minorUnits
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

        let personRole = roster.people.map { Int32($0.role) }
        let partnerManager = roster.partners.map { $0.manager ?? -1 }
        var rules: [RuleFacts] = []  // [role * 2 + (partner ? 1 : 0)]
        for role in plan.roles {
            for (rule, partner) in [(role.directDeals, false), (role.partnerDeals, true)] {
                rules.append(RuleFacts(method: rule.method, requiresRegistration: partner && rule.requiresRegistration,
                                       net: !partner || rule.basis == .net, quota: rule.quotaCredit || !partner,
                                       flatRate: partner && !rule.quotaCredit ? (rule.flatRate ?? .zero).fraction : nil))
            }
        }
        // Territory owner per role and territory text id, looked up once per territory through
        // the crediter's own map (−2: not looked up yet, −1: nobody).
        var owners = [[Int32]](repeating: [Int32](repeating: -2, count: store.texts.count), count: roleCount)
        var overflow = false
        @inline(__always) func add(_ a: inout Int128, _ b: Int128) {
            let (s, o) = a.addingReportingOverflow(b)
            a = s
            if o { overflow = true }
        }

        func credit(_ person: Int, _ amount: Int128, _ facts: RuleFacts, inPeriod: Bool) throws(NumericError) {
            if facts.quota {
                add(&quotaYTD[person], amount)
                if inPeriod { add(&quotaPeriod[person], amount) }
            } else {
                add(&flatYTD[person], amount)
                let pay = try ExactDecimal(unchecked: amount, UInt8(minorUnits)).multiplied(by: facts.flatRate ?? .zero)
                flatPayYTD[person] = try flatPayYTD[person].adding(pay)
                if inPeriod { flatPayPeriod[person] = try flatPayPeriod[person].adding(pay) }
            }
        }

        func apply(_ index: Int, month: Int, clawback: Bool) throws {
            let r = records[index]
            let a: PricedAmounts
            do {
                a = try pricer.amounts(index)
            } catch {
                // The located message ("cannot price deal D3 line 1: …") comes from the detailed pricer.
                _ = try pricer.price(index)
                throw error
            }
            let inPeriod = month == last
            let slot = month - first
            let isPartner = r.isPartnerChannel
            if isPartner, r.partner >= 0 {
                add(&purchases[Int(r.partner) * months + slot], clawback ? 0 &- a.net : a.net)
            }
            if a.referralFee != 0, r.partner >= 0 {
                add(&fees[Int(r.partner) * months + slot], clawback ? 0 &- a.referralFee : a.referralFee)
            }
            for role in 0..<roleCount {
                let facts = rules[role * 2 + (isPartner ? 1 : 0)]
                if facts.method == .none { continue }
                if facts.requiresRegistration && !r.isApproved { continue }
                let basis = facts.net ? a.net : a.gross
                let signed = clawback ? 0 &- basis : basis
                switch facts.method {
                case .none:
                    continue
                case .named:
                    var count = 0
                    var only: Int32 = -1
                    try store.forEachRep(r) { s throws(NumericError) in
                        if personRole[Int(s.person)] == Int32(role) { count += 1; only = s.person }
                    }
                    if count == 1 {
                        try credit(Int(only), signed, facts, inPeriod: inPeriod)
                    } else if count > 1 {
                        var people: [Int32] = []
                        var weights: [ExactDecimal] = []
                        try store.forEachRep(r) { s throws(NumericError) in
                            if personRole[Int(s.person)] == Int32(role) { people.append(s.person); weights.append(s.split ?? .one) }
                        }
                        let parts = try Allocation.split(pricer.money(basis), weights: weights)
                        for (k, person) in people.enumerated() {
                            let part = try parts[k].amount.rounded(scale: minorUnits, rule: .towardZero).significand
                            try credit(Int(person), clawback ? 0 &- part : part, facts, inPeriod: inPeriod)
                        }
                    }
                case .territory:
                    let t = Int(r.territory)
                    var owner = owners[role][t]
                    if owner == -2 {
                        let name = store.texts.string(r.territory)
                        owner = name.isEmpty ? -1 : (crediter.territoryOwners[role][name] ?? -1)
                        owners[role][t] = owner
                    }
                    if owner >= 0 { try credit(Int(owner), signed, facts, inPeriod: inPeriod) }
                case .partnerManager:
                    guard r.partner >= 0 else { continue }
                    let manager = partnerManager[Int(r.partner)]
                    if manager >= 0 && personRole[Int(manager)] == Int32(role) {
                        try credit(Int(manager), signed, facts, inPeriod: inPeriod)
                    }
                }
            }
        }

        for i in 0..<records.count {
            let m = records[i].periodIndex
            if m > last { summary.afterPeriod += 1 }
            else if m < first { summary.beforeFiscalYear += 1 }
            else {
                summary.bookingsUsed += 1
                try apply(i, month: m, clawback: false)
            }
        }
        for c in ledger.cancellations {
            let m = c.date.period.index
            if m > last { summary.afterPeriod += 1 }
            else if !Pricer.isClawedBack(c, ledger: ledger, plan: plan) { summary.outsideClawbackWindow += 1 }
            else if m < first { summary.beforeFiscalYear += 1 }
            else {
                summary.clawbacksUsed += 1
                try apply(c.booking, month: m, clawback: true)
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
            partners.append(t)
        }
        return RunTotals(people: people, partners: partners, summary: summary)
    }
}
