/// The trace of a partner: purchases (L, level, discount, D, N) → quarter purchases → rebate
/// tiers → rebates; referral fees; earned YTD, paid to date, payout.
///
/// Sample, P-BEACON, 2027-03: Q1 net purchases 100450.00 reach the 2 % rebate tier (from
/// 100000) → 2009.00; the referral fee of D2702-10 is round(10 % × 36000.00) = 3600.00;
/// earned YTD 5609.00 − paid to date 3600.00 (preview: earned through 2027-02) = payout 2009.00.
struct PartnerTracer {
    var kit: TraceKit

    init(run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger, journal: Journal?) {
        kit = TraceKit(run: run, plan: plan, roster: roster, ledger: ledger, journal: journal)
    }

    func trace(_ row: PartnerPayout) throws -> PayeeTrace {
        let run = kit.run
        let ytd = ReportScope(kind: .ytd, first: run.fiscalYearStart, last: run.period)
        let events = scopeEvents(ytd, ledger: kit.ledger, plan: kit.plan)
        let purchases = events.filter { e in
            let b = kit.ledger.bookings.view(e.booking)
            return b.channel == .partner && b.partner == row.index
        }
        let fees = events.filter { e in
            let b = kit.ledger.bookings.view(e.booking)
            guard b.partner == row.index, let p = kit.run.priced.amounts(e.booking) else { return false }
            return !p.referralFee.isZero
        }.sorted { ($0.period, $0.clawback ?? -1) < ($1.period, $1.clawback ?? -1) }

        // Each fee and each ended quarter's rebate is traced once: earned YTD and a preview's paid
        // to date (earned through the month before) show the same nodes for what both include.
        let feeNodes = try fees.map(feeNode)
        let rebateNodes = try row.quarters.map { q in q.ended ? try rebateNode(q, purchases: purchases) : nil }
        let earned = try kit.addingPayments(earnedNode(label: "earned YTD", through: run.period, fees: fees, feeNodes: feeNodes,
                                                       row: row, rebateNodes: rebateNodes),
                                            label: "earned YTD", adjustments: row.adjustments.items, through: run.period)
        let paid: TraceNode
        switch run.settlement {
        case .journal(let closed):
            paid = journalPaidNode(kit: kit, type: .partner, id: row.id.rawValue, closed: closed)
        case .preview:
            if run.period == run.fiscalYearStart {
                paid = TraceNode("paid to date", amount: Money.zero(run.currency).amount,
                                 note: "preview: first month of the fiscal year, nothing paid yet")
            } else {
                let previous = run.period.advanced(by: -1)
                var node = try kit.addingPayments(earnedNode(label: "paid to date", through: previous, fees: fees, feeNodes: feeNodes,
                                                             row: row, rebateNodes: rebateNodes),
                                                  label: "paid to date", adjustments: row.adjustments.items, through: previous)
                node.note = "preview (no journal rows for this fiscal year): earned YTD through \(previous) from this ledger"
                paid = node
            }
        }
        let payout = try (earned.amount ?? .zero).subtracting(paid.amount ?? .zero)
        let root = TraceNode("payout \(run.period)", amount: payout, formula: .difference,
                             note: payout.isNegative ? "earned YTD − paid to date (negative: a recovery)" : "earned YTD − paid to date",
                             children: [earned, paid])

        // Context: purchases of the period and the year, the level for the period's deals.
        var context: [TraceNode] = []
        let periodEvents = purchases.filter { $0.period == run.period }
        var periodTotal = ExactDecimal.zero
        var periodNodes: [TraceNode] = []
        let periodWords = kit.inWords(periodEvents.count)
        for e in periodEvents {
            let n = try purchaseNode(e, detailed: false, words: periodWords)
            periodTotal = try periodTotal.adding(n.amount ?? .zero)
            periodNodes.append(n)
        }
        context.append(TraceNode("net purchases \(run.period)", amount: periodTotal, formula: .sum,
                                 note: "N of the partner's bookings dated in the period, clawbacks subtracted",
                                 children: periodNodes))
        var quarterNodes: [TraceNode] = []
        var ytdTotal = ExactDecimal.zero
        for q in row.quarters {
            ytdTotal = try ytdTotal.adding(q.purchases.amount)
            if q.ended {
                quarterNodes.append(TraceNode("Q\(q.quarter) \(q.start)…\(q.start.advanced(by: 2))", amount: q.purchases.amount,
                                              note: "listed under the Q\(q.quarter) rebate"))
            } else {
                var node = try quarterPurchasesNode(q, purchases: purchases)
                node.note = "quarter not ended: no rebate yet; " + node.note
                quarterNodes.append(node)
            }
        }
        context.append(TraceNode("net purchases YTD", amount: ytdTotal, formula: .sum,
                                 note: "the summary's credit_ytd for a partner", children: quarterNodes))
        context.append(levelNode(row))
        return PayeeTrace(payeeType: .partner, id: row.id.rawValue, name: row.name, role: "partner",
                          planName: run.planName, currency: run.currency, period: run.period, root: root,
                          context: context, summaryPayout: row.payout)
    }

    /// earned = referral fees + rebates of the quarters ended by `through`, from the traced
    /// fees (`feeNodes[k]` is `fees[k]`'s) and the ended quarters' rebates (`rebateNodes[k]` is
    /// `row.quarters[k]`'s, nil for a quarter not ended).
    func earnedNode(label: String, through: Period, fees: [ScopeEvent], feeNodes traced: [TraceNode], row: PartnerPayout,
                    rebateNodes tracedRebates: [TraceNode?]) throws -> TraceNode {
        var feeNodes: [TraceNode] = []
        var feeTotal = ExactDecimal.zero
        for (k, e) in fees.enumerated() where e.period <= through {
            feeTotal = try feeTotal.adding(traced[k].amount ?? .zero)
            feeNodes.append(traced[k])
        }
        var rebateNodes: [TraceNode] = []
        var rebateTotal = ExactDecimal.zero
        for (k, q) in row.quarters.enumerated() where q.ended && q.start.advanced(by: 2) <= through {
            guard let n = tracedRebates[k] else { continue }
            rebateTotal = try rebateTotal.adding(n.amount ?? .zero)
            rebateNodes.append(n)
        }
        let fees = TraceNode("referral fees", amount: feeTotal, formula: .sum,
                             note: "direct deals this partner referred with an approved registration",
                             sources: [.plan("partners.referral_fee")], children: feeNodes)
        let rebates = TraceNode("rebates", amount: rebateTotal, formula: .sum,
                                note: rebateNodes.isEmpty ? "no fiscal quarter has ended by \(through)" : "quarters ended by \(through)",
                                sources: kit.plan.partnerProgram.rebate.map { [.plan($0.keyPath)] } ?? [],
                                children: rebateNodes)
        return TraceNode(label, amount: try feeTotal.adding(rebateTotal), formula: .sum,
                         note: "referral fees + rebates through \(through)", children: [fees, rebates])
    }

    /// One referral fee: round(referral_fee × S), or its reversal on a clawback.
    func feeNode(_ e: ScopeEvent) throws -> TraceNode {
        guard let priced = kit.run.priced[e.booking] else { throw ReportError.detailsMissing }
        let ref = DealRef.booking(e.booking, ledger: kit.ledger)
        let b = kit.ledger.bookings[e.booking]
        if e.isClawback {
            return TraceNode("clawback of \(ref.id) referral fee", amount: try priced.referralFee.negated().amount,
                             note: "reverses the booking's rounded fee \(kit.money(priced.referralFee))",
                             sources: kit.sources(booking: e.booking, clawback: e.clawback) + [.plan("clawback_days")])
        }
        let rate = kit.plan.partnerProgram.referralFee
        let exact = try priced.net.amount.multiplied(by: rate.fraction)
        let s = TraceNode("S", amount: priced.net.amount,
                          note: "\(b.date) direct, account \(b.account), sourced_by=partner, registration approved",
                          sources: [.deal(ref)])
        let product = TraceNode("S × \(rate.percentText)", amount: exact, formula: .product(factor: rate.fraction),
                                sources: [.plan("partners.referral_fee")], children: [s])
        return TraceNode("\(ref.id) referral fee", amount: priced.referralFee.amount,
                         formula: .rounded(places: kit.places, rule: kit.plan.rounding),
                         note: "rounded \(kit.ruleName) per booking line", sources: [.deal(ref)], children: [product])
    }

    /// A quarter's rebate: round(tiers(net purchases of the quarter)).
    func rebateNode(_ q: QuarterRebate, purchases: [ScopeEvent]) throws -> TraceNode {
        let label = "Q\(q.quarter) \(q.start)…\(q.start.advanced(by: 2)) rebate"
        let purchasesNode = try quarterPurchasesNode(q, purchases: purchases).asAside()
        guard let schedule = kit.plan.partnerProgram.rebate, let result = q.tiers else {
            return TraceNode(label, amount: q.rebate.amount, note: "the plan has no partners.rebate", children: [purchasesNode])
        }
        var slices = try kit.tierSlices(schedule, result, scale: .one, fromIsRate: false, of: "Q\(q.quarter) net purchases")
        var reached = "no tier reached"
        if let r = result.reached { reached = "tier \(r + 1) reached (from \(kit.money(schedule.tiers[r].from)))" }
        slices.append(purchasesNode)
        let exact = TraceNode("rebate tiers (exact)", amount: result.amount, formula: .sum,
                              note: "\(schedule.method.rawValue) tiers on net purchases \(kit.money(q.purchases)); \(reached)",
                              sources: [.plan(schedule.keyPath)], children: slices)
        return TraceNode(label, amount: q.rebate.amount, formula: .rounded(places: kit.places, rule: kit.plan.rounding),
                         note: "rounded once, earned in \(q.start.advanced(by: 2))", sources: [.plan("rounding")],
                         children: [exact])
    }

    /// Σ N of the quarter's purchases (clawbacks subtracted), each purchase in detail.
    func quarterPurchasesNode(_ q: QuarterRebate, purchases: [ScopeEvent]) throws -> TraceNode {
        let last = q.start.advanced(by: 2)
        var nodes: [TraceNode] = []
        var total = ExactDecimal.zero
        let inQuarter = purchases.filter { $0.period >= q.start && $0.period <= last }
        let words = kit.inWords(inQuarter.count)
        for e in inQuarter {
            let n = try purchaseNode(e, detailed: true, words: words)
            total = try total.adding(n.amount ?? .zero)
            nodes.append(n)
        }
        return TraceNode("Q\(q.quarter) net purchases", amount: total, formula: .sum,
                         note: "N of bookings dated \(q.start)…\(min(last, kit.run.period)), clawbacks subtracted",
                         children: nodes)
    }

    /// One purchase: N = L − D with D = round(L × d) and d = min(max_discount, level + upfront
    /// + registration); a clawback reverses N.
    func purchaseNode(_ e: ScopeEvent, detailed: Bool, words: Bool = true) throws -> TraceNode {
        guard let priced = kit.run.priced[e.booking] else { throw ReportError.detailsMissing }
        guard words else { return try purchaseAmounts(e, priced: priced, detailed: detailed) }
        let ref = DealRef.booking(e.booking, ledger: kit.ledger)
        let b = kit.ledger.bookings[e.booking]
        if e.isClawback, let ci = e.clawback {
            let c = kit.ledger.cancellations[ci]
            return TraceNode("clawback of \(ref.id)", amount: try priced.net.negated().amount,
                             note: "cancelled \(c.date), \(c.date.dayNumber - b.date.dayNumber) days after the booking of \(b.date): reverses N \(kit.money(priced.net))",
                             sources: kit.sources(booking: e.booking, clawback: e.clawback) + [.plan("clawback_days")])
        }
        let summary = "\(b.date) \(b.product) × \(b.quantity), account \(b.account), \(b.purchase.rawValue), registration \(b.registration.rawValue)"
        guard detailed else {
            return TraceNode(ref.id, amount: priced.net.amount, note: "\(b.date): " + kit.netText(priced), sources: [.deal(ref)])
        }
        var listSources: [TraceSource] = [.deal(ref)]
        var listNote: String
        if kit.plan.priceBook[b.product] != nil {
            listNote = "price book \(b.product), \(b.quantity) units, rounded once"
            listSources.append(.plan("price_book.\(b.product)"))
        } else {
            listNote = "round(\(b.quantity) × \(b.unitListPrice?.description ?? "0"))"
        }
        let list = TraceNode("list L", amount: priced.list.amount, note: listNote, sources: listSources)
        guard let parts = priced.discountParts else {
            return TraceNode(ref.id, amount: priced.net.amount, note: summary, sources: [.deal(ref)], children: [list])
        }
        let rate = rateNode(parts).asAside()
        let exact = try priced.list.amount.multiplied(by: parts.rate.fraction)
        let product = TraceNode("L × d", amount: exact, formula: .product(factor: parts.rate.fraction),
                                note: "d = \(parts.rate.percentText)", children: [list, rate])
        let discount = TraceNode("discount D", amount: priced.discount.amount,
                                 formula: .rounded(places: kit.places, rule: kit.plan.rounding),
                                 note: "round(L × d)", children: [product])
        return TraceNode(ref.id, amount: priced.net.amount, formula: .difference,
                         note: "N = L − D; \(summary)", sources: [.deal(ref)], children: [list, discount])
    }

    /// ``purchaseNode(_:detailed:words:)`` with amounts only, node for node (the same count and
    /// the same checks), for a list a statement folds.
    func purchaseAmounts(_ e: ScopeEvent, priced: PricedLine, detailed: Bool) throws -> TraceNode {
        if e.isClawback { return TraceNode("", amount: try priced.net.negated().amount) }
        guard detailed else { return TraceNode("", amount: priced.net.amount) }
        let list = TraceNode("", amount: priced.list.amount)
        guard let parts = priced.discountParts else { return TraceNode("", amount: priced.net.amount, children: [list]) }
        let rate = rateNode(parts, words: false).asAside()
        let product = TraceNode("", amount: try priced.list.amount.multiplied(by: parts.rate.fraction),
                                formula: .product(factor: parts.rate.fraction), children: [list, rate])
        let discount = TraceNode("", amount: priced.discount.amount, formula: .rounded(places: kit.places, rule: kit.plan.rounding),
                                 children: [product])
        return TraceNode("", amount: priced.net.amount, formula: .difference, children: [list, discount])
    }

    /// d = min(max_discount, level + upfront + registration), as rates (`words: false`: amounts only).
    func rateNode(_ parts: DiscountParts, words: Bool = true) -> TraceNode {
        guard words else {
            var components = [TraceNode("", amount: parts.level == nil ? ExactDecimal.zero : parts.levelDiscount.fraction, unit: .rate)]
            if !parts.upfrontDiscount.fraction.isZero { components.append(TraceNode("", amount: parts.upfrontDiscount.fraction, unit: .rate)) }
            if !parts.registrationDiscount.fraction.isZero { components.append(TraceNode("", amount: parts.registrationDiscount.fraction, unit: .rate)) }
            let stacked = TraceNode("", amount: parts.uncapped.fraction, unit: .rate, formula: .sum, children: components)
            guard let max = kit.plan.partnerProgram.maxDiscount else { return stacked }
            return TraceNode("", amount: parts.rate.fraction, unit: .rate, formula: .capped(at: max.fraction), children: [stacked])
        }
        let program = kit.plan.partnerProgram
        var components: [TraceNode] = []
        if let l = parts.level {
            components.append(TraceNode("level \(program.levels[l].name)", amount: parts.levelDiscount.fraction, unit: .rate,
                                        note: kit.levelText(parts), sources: [.plan(program.levels[l].keyPath + ".discount")]))
        } else {
            components.append(TraceNode("no level", amount: ExactDecimal.zero, unit: .rate, note: kit.levelText(parts)))
        }
        if !parts.upfrontDiscount.fraction.isZero {
            components.append(TraceNode("upfront", amount: parts.upfrontDiscount.fraction, unit: .rate,
                                        note: "purchase=upfront", sources: [.plan("partners.upfront_discount")]))
        }
        if !parts.registrationDiscount.fraction.isZero {
            components.append(TraceNode("registration", amount: parts.registrationDiscount.fraction, unit: .rate,
                                        note: "registration=approved", sources: [.plan("partners.registration_discount")]))
        }
        let stacked = TraceNode("stacked discount", amount: parts.uncapped.fraction, unit: .rate, formula: .sum,
                                children: components)
        guard let max = program.maxDiscount else {
            var node = stacked
            node.label = "discount rate d"
            node.note = "no max_discount"
            return node
        }
        return TraceNode("discount rate d", amount: parts.rate.fraction, unit: .rate, formula: .capped(at: max.fraction),
                         note: parts.capped ? "capped at max_discount \(max.percentText)" : "under max_discount \(max.percentText)",
                         sources: [.plan("partners.max_discount")], children: [stacked])
    }

    /// The level for deals dated in the run's period, and the trailing volume behind it.
    func levelNode(_ row: PartnerPayout) -> TraceNode {
        let program = kit.plan.partnerProgram
        let period = kit.run.period
        let partner = kit.roster.partners[row.index]
        if row.levelFixed, let l = row.level {
            return TraceNode("level for deals dated in \(period): \(program.levels[l].name)", amount: nil,
                             note: "fixed in partners.csv",
                             sources: [.roster(file: baseName(kit.roster.partnersFile ?? "partners.csv"), line: partner.sourceLine),
                                       .plan(program.levels[l].keyPath)])
        }
        let t = program.trailingMonths
        let window = t > 0 ? "\(period.advanced(by: -t))…\(period.advanced(by: -1))" : "no months (trailing_months 0)"
        var note = "months \(window)"
        var sources: [TraceSource] = [.plan("partners.trailing_months")]
        if let l = row.level {
            note += " ≥ \(kit.money(program.levels[l].minTrailingList)) → level \(program.levels[l].name)"
            sources.append(.plan(program.levels[l].keyPath))
        } else {
            note += ": below every level → no level (discount 0)"
        }
        if let next = program.levels.filter({ $0.minTrailingList > row.trailingVolume }).min(by: { $0.minTrailingList < $1.minTrailingList }),
           let gap = try? next.minTrailingList.subtracting(row.trailingVolume) {
            note += "; next level \(next.name) at \(kit.money(next.minTrailingList)) (gap \(kit.money(gap)))"
        }
        return TraceNode("trailing list volume for deals dated in \(period)", amount: row.trailingVolume, note: note, sources: sources)
    }
}
