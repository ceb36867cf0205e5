/// Builds the trace of one payee (`explain`): every number of the payout down to the deal rows
/// and the plan rules behind it.
///
/// SPEC 7, ann, 2027-01: payout 932.00 = earned YTD 932.00 − paid to date 0.00; earned YTD =
/// min(cap 400000, round(tiered 932.0000)); tiered = tier 1 slice 18640.00 × 5 % = 932.0000;
/// credit YTD 18640.00 = 2027-01: D1/1 10000.00 + D2/1 3640.00 + D3/1 5000.00 (each naming its
/// deals.csv line and `roles.direct_rep.direct_deals` or `.partner_deals`).
public enum Explain {
    /// The trace of the person or partner with this id (a person first if an id is both).
    ///
    /// The run must be made with `details: true`. An id that is neither → `.unknownPayee`.
    ///
    /// `foldAbove`: lists of more lines than this are made with their amounts only (no words),
    /// for a reader that folds such lists to their total — a statement (``TraceNode/count`` and
    /// every check stay the same; a list of 700 credit lines cost most of a statement's time).
    /// nil (`explain`): every line in words.
    public static func trace(payee id: String, run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger,
                             journal: Journal?, foldAbove: Int? = nil) throws(ReportError) -> [PayeeTrace] {
        try requireDetails(run)
        var out: [PayeeTrace] = []
        if let row = run.people.first(where: { $0.id.rawValue == id }) {
            out.append(try ReportError.wrap {
                var tracer = PersonTracer(run: run, plan: plan, roster: roster, ledger: ledger, journal: journal)
                tracer.kit.foldAbove = foldAbove
                return try tracer.trace(row)
            })
        }
        if let row = run.partners.first(where: { $0.id.rawValue == id }) {
            out.append(try ReportError.wrap {
                var tracer = PartnerTracer(run: run, plan: plan, roster: roster, ledger: ledger, journal: journal)
                tracer.kit.foldAbove = foldAbove
                return try tracer.trace(row)
            })
        }
        if out.isEmpty { throw .unknownPayee(id) }
        return out
    }

    /// Every payee id of the run: people, then partners (for did-you-mean suggestions).
    public static func payeeIDs(_ run: PayoutRun) -> [String] {
        run.people.map(\.id.rawValue) + run.partners.map(\.id.rawValue)
    }
}

// MARK: - Shared pieces

/// Helpers shared by the person and partner tracers.
struct TraceKit {
    let run: PayoutRun
    let plan: Plan
    let roster: Roster
    let ledger: Ledger
    let journal: Journal?
    /// The run's crediting, asked how a team credit line was made (its chain): the one the run's
    /// lines are made with (a statement per payee must not build its own: at 12,500 payees that
    /// cost more than the statements), else one for this ledger.
    var crediter: Crediter { run.creditLines.crediter ?? Crediter(plan: plan, roster: roster, ledger: ledger) }
    /// Lists longer than this are made with amounts only (see ``Explain/trace(payee:run:plan:roster:ledger:journal:foldAbove:)``).
    var foldAbove: Int? = nil

    /// Whether a list of `count` lines is made in words (it is shown, not folded).
    func inWords(_ count: Int) -> Bool { foldAbove.map { count <= $0 } ?? true }

    init(run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger, journal: Journal?) {
        self.run = run
        self.plan = plan
        self.roster = roster
        self.ledger = ledger
        self.journal = journal
    }

    var places: Int { run.currency.minorUnits }
    var ruleName: String { plan.rounding.rawValue }
    func money(_ m: Money) -> String { m.formatted }
    func money(_ d: ExactDecimal) -> String { d.formatted(fractionDigits: places) }

    /// Sources of a credit or purchase event: the booking row, and the cancellation row for a clawback.
    func sources(booking: BookingIndex, clawback: Int?) -> [TraceSource] {
        var s: [TraceSource] = []
        if let c = clawback { s.append(.cancellation(.cancellation(c, ledger: ledger))) }
        s.append(.deal(.booking(booking, ledger: ledger)))
        return s
    }

    /// `N 3640.00 = L 5600.00 − D 1960.00 (Bronze 20% + upfront 5% + registration 10% = 35%)`.
    func netText(_ p: PricedLine) -> String {
        "N \(money(p.net)) = L \(money(p.list)) − D \(money(p.discount)) (\(discountText(p.discountParts)))"
    }

    /// `Silver 25% + upfront 5% + registration 10% = 40%`, with the cap when it applied.
    func discountText(_ parts: DiscountParts?) -> String {
        guard let parts else { return "no discount" }
        var pieces: [String] = []
        let program = plan.partnerProgram
        if let l = parts.level {
            pieces.append("\(program.levels[l].name) \(parts.levelDiscount.percentText)")
        } else {
            pieces.append("no level 0%")
        }
        if !parts.upfrontDiscount.fraction.isZero { pieces.append("upfront \(parts.upfrontDiscount.percentText)") }
        if !parts.registrationDiscount.fraction.isZero { pieces.append("registration \(parts.registrationDiscount.percentText)") }
        var text = pieces.joined(separator: " + ") + " = \(parts.uncapped.percentText)"
        if parts.capped { text += ", capped at max_discount \(parts.rate.percentText)" }
        return text
    }

    /// `trailing 267976.00 ≥ 250000` or `fixed in partners.csv`.
    func levelText(_ parts: DiscountParts) -> String {
        let program = plan.partnerProgram
        if parts.levelFixed { return "level fixed in partners.csv" }
        guard let l = parts.level else {
            return "trailing \(parts.trailingVolume.formatted(fractionDigits: places)) below every level"
        }
        return "trailing \(parts.trailingVolume.formatted(fractionDigits: places)) ≥ \(program.levels[l].minTrailingList.formatted(fractionDigits: places))"
    }

    /// Tier slices of `result` as product nodes (slices that are zero are left out).
    ///
    /// Marginal 5 % / 9 % from 100 % of quota 800000, credit 1000900.40 → "tier 1 (from 0%)":
    /// 800000.00 × 5 % = 40000.00 and "tier 2 (from 100%)": 200900.40 × 9 % = 18081.036.
    func tierSlices(_ schedule: TierSchedule, _ result: Tiers.Result, scale: ExactDecimal, fromIsRate: Bool,
                    of what: String) throws -> [TraceNode] {
        var nodes: [TraceNode] = []
        for (i, slice) in result.slices.enumerated() where !slice.isZero {
            let tier = schedule.tiers[i]
            let threshold = try tier.from.multiplied(by: scale)
            let fromText = fromIsRate
                ? "from \(Rate(fraction: tier.from).percentText) = \(money(threshold))"
                : "from \(money(threshold))"
            let sliceNote: String
            switch schedule.method {
            case .marginal:
                if slice.isNegative {
                    sliceNote = "negative \(what) earns the first tier's rate"
                } else {
                    let upper: String
                    if i + 1 < schedule.tiers.count {
                        upper = money(min(try schedule.tiers[i + 1].from.multiplied(by: scale), try threshold.adding(slice)))
                    } else {
                        upper = money(try threshold.adding(slice))
                    }
                    sliceNote = "the part of \(what) from \(money(threshold)) to \(upper)"
                }
            case .retroactive:
                sliceNote = slice.isNegative ? "negative \(what) earns the first tier's rate"
                    : "all of \(what): the highest tier reached"
            }
            let sliceNode = TraceNode("slice", amount: slice, note: sliceNote)
            nodes.append(TraceNode(
                "tier \(i + 1) (\(fromText)) × \(tier.rate.percentText)",
                amount: try slice.multiplied(by: tier.rate.fraction), formula: .product(factor: tier.rate.fraction),
                note: "\(schedule.method.rawValue)", sources: [.plan("\(schedule.keyPath).tiers[\(i)]")],
                children: [sliceNode]))
        }
        return nodes
    }
}

// MARK: - People

/// The trace of a person: credit lines → credit YTD → tiers → rounding → cap → earned YTD,
/// paid to date, payout.
struct PersonTracer {
    var kit: TraceKit

    init(run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger, journal: Journal?) {
        kit = TraceKit(run: run, plan: plan, roster: roster, ledger: ledger, journal: journal)
    }

    func trace(_ row: PersonPayout) throws -> PayeeTrace {
        let run = kit.run
        let person = kit.roster.people[row.index]
        let role = kit.plan.roles[person.role]
        let lines = Array(run.creditLines.selecting { person, _ in person == row.index })
        let earned = try earnedNode(label: "earned YTD", through: run.period, lines: lines, role: role,
                                    person: person, withCreditDetail: true, adjustments: row.adjustments.items)
        let paid = try paidNode(row, lines: lines, role: role, person: person)
        let payoutAmount = try (earned.amount ?? .zero).subtracting(paid.amount ?? .zero)
        let root = TraceNode("payout \(run.period)", amount: payoutAmount, formula: .difference,
                             note: row.payout.isNegative ? "earned YTD − paid to date (negative: a recovery)" : "earned YTD − paid to date",
                             children: [earned, paid])
        var context: [TraceNode] = []
        let period = lines.filter { $0.period == run.period && $0.quotaCredit }
        var periodCredit = ExactDecimal.zero
        for l in period { periodCredit = try periodCredit.adding(l.amount.amount) }
        let periodAdjustments = row.adjustments.items.filter { $0.kind == .credit && $0.period == run.period }
        for a in periodAdjustments { periodCredit = try periodCredit.adding(a.amount.amount) }
        context.append(TraceNode("credit \(run.period) (credit_period)", amount: periodCredit, formula: .sum,
                                 note: "quota credit dated in the period",
                                 children: try period.map { [w = kit.inWords(period.count + periodAdjustments.count)] in try creditLineNode($0, words: w) }
                                    + periodAdjustments.map(kit.adjustmentNode)))
        return PayeeTrace(payeeType: .person, id: row.id.rawValue, name: row.name, role: row.role,
                          planName: run.planName, currency: run.currency, period: run.period, root: root,
                          context: context, summaryPayout: row.payout)
    }

    /// earned = min(cap, round(tiered(credit) + flat pay)) over the lines dated through `through`.
    func earnedNode(label: String, through: Period, lines all: [CreditLine], role: Role, person: Person,
                    withCreditDetail: Bool, adjustments: [Adjustment] = []) throws -> TraceNode {
        let node = try earnedBeforePayments(label: label, through: through, lines: all, role: role, person: person,
                                            withCreditDetail: withCreditDetail, adjustments: adjustments)
        return try kit.addingPayments(node, label: label, adjustments: adjustments, through: through)
    }

    /// min(cap, round(tiered(credit) + flat pay)), credit adjustments included in the credit.
    func earnedBeforePayments(label: String, through: Period, lines all: [CreditLine], role: Role, person: Person,
                              withCreditDetail: Bool, adjustments: [Adjustment]) throws -> TraceNode {
        let creditAdjustments = adjustments.filter { $0.kind == .credit && $0.period <= through }
        let run = kit.run
        let currency = run.currency
        // Both kinds picked out of `all` in one pass into room reserved once (a credit line is a
        // few hundred bytes: `filter` copied each again every time its array grew).
        var quotaLines: [CreditLine] = []
        var flatLines: [CreditLine] = []
        quotaLines.reserveCapacity(all.count)
        for l in all where l.period <= through {
            if l.quotaCredit { quotaLines.append(l) } else { flatLines.append(l) }
        }
        var credit = ExactDecimal.zero
        for l in quotaLines { credit = try credit.adding(l.amount.amount) }
        for a in creditAdjustments { credit = try credit.adding(a.amount.amount) }

        // The numbers come from Earn (PersonEarnings); the trace shows how they were made.
        var flatPay = ExactDecimal.zero
        for l in flatLines { flatPay = try flatPay.adding(l.amount.amount.multiplied(by: (l.flatRate ?? .zero).fraction)) }
        // The quota of the run's fiscal year (SPEC 8.2), as the run used it.
        let quota = try FiscalYearQuota.quota(of: person, in: FiscalYear(start: run.fiscalYearStart), rounding: kit.plan.rounding)
        let earnings = try PersonEarnings.compute(role: role, quota: quota, credit: Money(credit, currency),
                                                  flatPay: flatPay, rounding: kit.plan.rounding)
        var parts: [TraceNode] = []
        // Tiered pay on quota credit.
        if let rates = role.rates, let quota, let result = earnings.tiered {
            var tierNodes = try kit.tierSlices(rates, result, scale: quota.amount, fromIsRate: true, of: "credit YTD")
            let attainment = try PersonEarnings.attainment(credit: Money(credit, currency), quota: quota)
            var reachedText = "no tier reached"
            if let r = result.reached { reachedText = "tier \(r + 1) reached (from \(Rate(fraction: rates.tiers[r].from).percentText))" }
            let proration = FiscalYearQuota.proration(of: person, in: FiscalYear(start: kit.run.fiscalYearStart))
            let quotaSource = proration.isWholeYear || proration.parts.isEmpty ? ""
                : "; quota of the fiscal year prorated by days (SPEC 8.2): \(proration.formula(lines: true)) = \(kit.money(quota.amount))"
            tierNodes.append(TraceNode("attainment", amount: attainment, unit: .ratio,
                                       note: "credit YTD \(kit.money(credit)) ÷ quota \(kit.money(quota.amount)), shown to 4 places (tiers use the exact ratio); \(reachedText)" + quotaSource,
                                       sources: [.roster(file: baseName(kit.roster.peopleFile), line: person.sourceLine)], aside: true))
            if withCreditDetail {
                tierNodes.append(try creditNode(quotaLines, credit: credit, adjustments: creditAdjustments).asAside())
            } else {
                tierNodes.append(TraceNode("credit YTD through \(through)", amount: credit,
                                           note: "the credit lines listed under earned YTD dated through \(through)", aside: true))
            }
            parts.append(TraceNode("tiered pay (exact)", amount: result.amount, formula: .sum,
                                   note: "\(rates.method.rawValue) tiers on credit YTD \(kit.money(credit)), quota \(kit.money(quota.amount))",
                                   sources: [.plan(rates.keyPath)], children: tierNodes))
        }
        // Flat-rate pay.
        if !flatLines.isEmpty {
            var total = ExactDecimal.zero
            var nodes: [TraceNode] = []
            let words = kit.inWords(flatLines.count)
            for l in flatLines {
                let rate = (l.flatRate ?? .zero).fraction
                let pay = try l.amount.amount.multiplied(by: rate)
                total = try total.adding(pay)
                let line = try creditLineNode(l, words: words)
                guard words else {
                    nodes.append(TraceNode("", amount: pay, formula: .product(factor: rate), children: [line]))
                    continue
                }
                nodes.append(TraceNode("\(line.label) × \((l.flatRate ?? .zero).percentText)", amount: pay,
                                       formula: .product(factor: rate), note: "flat-rate credit (does not count toward attainment)",
                                       sources: [.plan("\(l.rule).flat_rate")], children: [line]))
            }
            parts.append(TraceNode("flat-rate pay (exact)", amount: total, formula: .sum, children: nodes))
        }
        var exact: TraceNode
        if parts.count == 1 {
            exact = parts[0]
        } else {
            var sum = ExactDecimal.zero
            for p in parts { sum = try sum.adding(p.amount ?? .zero) }
            exact = TraceNode("pay (exact)", amount: sum, formula: .sum, note: "tiered pay + flat-rate pay", children: parts)
        }
        // A role without tiers still shows its quota credit (the summary's credit_ytd), unpaid.
        if (role.rates == nil || quota == nil) && withCreditDetail && !quotaLines.isEmpty {
            var credit = try creditNode(quotaLines, credit: credit).asAside()
            credit.note = "quota credit YTD; the role has no rates, so it pays nothing here"
            exact.children.append(credit)
        }
        let rounded = earnings.uncapped.amount
        let roundNode = TraceNode("rounded \(kit.ruleName) to \(kit.places) places", amount: rounded,
                                  formula: .rounded(places: kit.places, rule: kit.plan.rounding),
                                  note: "adjustment \(try rounded.subtracting(exact.amount ?? .zero))",
                                  sources: [.plan("rounding")], children: [exact])
        guard let cap = role.cap else {
            var node = roundNode
            node.label = label
            node.note = "round(pay) with \(kit.ruleName); adjustment \(try rounded.subtracting(exact.amount ?? .zero))"
            return node
        }
        let capped = earnings.earned.amount
        return TraceNode(label, amount: capped, formula: .capped(at: cap.amount),
                         note: capped < rounded ? "cap \(kit.money(cap)) applied: \(kit.money(rounded)) → \(kit.money(capped))"
                             : "min(cap \(kit.money(cap)), rounded pay): cap not reached",
                         sources: [.plan("\(role.keyPath).cap")], children: [roundNode])
    }

    /// credit YTD = Σ periods = Σ quota credit lines (clawbacks negative).
    func creditNode(_ lines: [CreditLine], credit: ExactDecimal, adjustments: [Adjustment] = []) throws -> TraceNode {
        var byPeriod: [Period: [CreditLine]] = [:]
        for l in lines { byPeriod[l.period, default: []].append(l) }
        var adjustmentsByPeriod: [Period: [Adjustment]] = [:]
        for a in adjustments { adjustmentsByPeriod[a.period, default: []].append(a) }
        var groups: [TraceNode] = []
        for p in Set(byPeriod.keys).union(adjustmentsByPeriod.keys).sorted() {
            let ls = byPeriod[p] ?? []
            let adj = adjustmentsByPeriod[p] ?? []
            var sum = ExactDecimal.zero
            for l in ls { sum = try sum.adding(l.amount.amount) }
            for a in adj { sum = try sum.adding(a.amount.amount) }
            let claws = ls.filter { $0.clawback != nil }.count
            groups.append(TraceNode("\(p)", amount: sum, formula: .sum,
                                    note: "\(ls.count) line\(ls.count == 1 ? "" : "s")" + (claws > 0 ? ", \(claws) clawback\(claws == 1 ? "" : "s")" : "")
                                        + (adj.isEmpty ? "" : ", \(adj.count) credit adjustment\(adj.count == 1 ? "" : "s")"),
                                    children: try ls.map { [w = kit.inWords(ls.count + adj.count)] in try creditLineNode($0, words: w) }
                                        + adj.map(kit.adjustmentNode)))
        }
        return TraceNode("credit YTD", amount: credit, formula: .sum, note: "quota credit of the fiscal year through \(kit.run.period), by month",
                         children: groups)
    }

    /// One credit line: the person's share of the deal's basis, with the deal row and the rule.
    func creditLineNode(_ l: CreditLine, words: Bool = true) throws -> TraceNode {
        // In a list a statement folds: the amount is all that is read (and checked).
        guard words else { return TraceNode("", amount: l.amount.amount) }
        let b = kit.ledger.bookings[l.booking]
        let ref = DealRef.booking(l.booking, ledger: kit.ledger)
        guard let priced = kit.run.priced[l.booking] else { throw ReportError.detailsMissing }
        var basis: String
        switch l.basisKind {
        case .revenue:
            basis = "S \(kit.money(priced.net))"
            if b.salePrice == nil { basis += " (no sale_price: S = L)" }
        case .net:
            basis = kit.netText(priced)
        case .gross:
            basis = "G \(kit.money(priced.gross))" + (b.salePrice == nil ? " (no sale_price: G = L)" : " (quantity × sale_price)")
        }
        let how = l.method == .team ? try kit.crediter.teamPath(of: l) : Crediter.howCredited(l, booking: b, roster: kit.roster)
        var channel = b.channel.rawValue
        if let p = partnerID(b.partner, kit.roster) { channel += b.channel == .direct ? " (referred by \(p))" : " " + p }
        if l.clawback != nil {
            let c = kit.ledger.cancellations[l.clawback!]
            return TraceNode("clawback of \(ref.id)", amount: l.amount.amount,
                             note: "cancelled \(c.date) (\(c.date.dayNumber - b.date.dayNumber) days after the booking of \(b.date), within clawback_days \(kit.plan.clawbackDays)): reverses \(kit.money(try l.amount.negated()))",
                             sources: kit.sources(booking: l.booking, clawback: l.clawback) + [.plan(l.rule), .plan("clawback_days")])
        }
        return TraceNode(ref.id, amount: l.amount.amount,
                         note: "\(b.date) \(channel), account \(b.account), \(how): \(basis)",
                         sources: [.deal(ref), .plan(l.rule)])
    }

    /// Paid to date: the journal's rows for the closed periods, or (preview) earned YTD through
    /// the previous period from this ledger.
    func paidNode(_ row: PersonPayout, lines: [CreditLine], role: Role, person: Person) throws -> TraceNode {
        let run = kit.run
        switch run.settlement {
        case .journal(let closed):
            return journalNode(type: .person, id: row.id.rawValue, closed: closed)
        case .preview:
            if run.period == run.fiscalYearStart {
                return TraceNode("paid to date", amount: Money.zero(run.currency).amount,
                                 note: "preview: first month of the fiscal year, nothing paid yet")
            }
            let previous = run.period.advanced(by: -1)
            var node = try earnedNode(label: "paid to date", through: previous, lines: lines, role: role,
                                      person: person, withCreditDetail: false, adjustments: row.adjustments.items)
            node.note = "preview (no journal rows for this fiscal year): earned YTD through \(previous) from this ledger; " + node.note
            return node
        }
    }

    func journalNode(type: PayeeType, id: String, closed: [Period]) -> TraceNode {
        journalPaidNode(kit: kit, type: type, id: id, closed: closed)
    }
}

/// Paid to date from journal.csv: Σ this payee's rows of the closed periods.
func journalPaidNode(kit: TraceKit, type: PayeeType, id: String, closed: [Period]) -> TraceNode {
    let file = baseName(kit.journal?.file ?? "journal.csv")
    var children: [TraceNode] = []
    var total = ExactDecimal.zero
    let closedSet = Set(closed)
    for p in closed {
        let rows = (kit.journal?.entries ?? []).filter { $0.period == p && $0.payeeType == type && $0.payeeID == id && closedSet.contains($0.period) }
        if rows.isEmpty {
            children.append(TraceNode("\(p)", amount: Money.zero(kit.run.currency).amount,
                                      note: "closed, no row for this payee: paid 0"))
        }
        for r in rows {
            total = (try? total.adding(r.amount.amount)) ?? total
            children.append(TraceNode("\(p)", amount: r.amount.amount, note: "closed \(r.closedAt)",
                                      sources: [.journal(file: file, line: r.sourceLine)]))
        }
    }
    let periods: String
    if let first = closed.first, let last = closed.last {
        periods = first == last ? "closed period \(first)" : "closed periods \(first)…\(last)"
    } else {
        periods = "no closed period"
    }
    return TraceNode("paid to date", amount: total, formula: .sum,
                     note: "this payee's \(file) rows of the \(periods)", children: children)
}
