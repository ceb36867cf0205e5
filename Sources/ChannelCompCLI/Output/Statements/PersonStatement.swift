import ChannelComp

/// A person's statement (SPEC 4.2): quota, attainment, tier reached, the credited deal lines
/// and clawbacks of the period, how earned YTD was made, paid to date and the payout, and the
/// payout's `explain` trace ("How this payout is made").
///
/// Every figure is the run's: the summary's payout equals the CSV summary's to the cent, and
/// the deal lines plus clawbacks of the period add up to its `credit_period` (plus flat credit).
///
/// alice, 2027-03 (sample data): quota 800000.00, credit YTD 226644.80, attainment 0.2833,
/// tier `roles.direct_rep.rates.tiers[0]` at 5 % → earned 11332.24, paid 9450.00, payout 1882.24.
enum PersonStatement {
    static func document(_ p: PersonPayout, _ ctx: StatementContext) -> StatementDocument {
        let role = ctx.role(ofPerson: p.index)
        let lines = CreditLineRow.lines(of: p, ctx)
        var sections = [summary(p, role: role, ctx)]
        if let tiers = tiers(p, role: role, ctx) { sections.append(tiers) }
        sections.append(dealLines(lines.bookings, p, ctx))
        sections.append(clawbacks(lines.clawbacks, p, ctx))
        sections.append(earnings(p, role: role, ctx))
        if let adjustments = StatementCorrections.section(p.adjustments.items, period: ctx.period) { sections.append(adjustments) }
        sections.append(TraceSection.section(ctx.trace(p), payee: p.id.rawValue, period: ctx.period))
        return StatementDocument(
            title: "\(p.name.isEmpty ? p.id.rawValue : p.name) (\(p.id.rawValue)) — statement \(ctx.period)",
            context: ["person · role \(p.role) · " + ctx.planLine],
            sections: sections)
    }

    // MARK: Summary

    /// "annual", or where a prorated quota_Y came from (SPEC 8.2): the rows, their days in the
    /// fiscal year and the result.
    static func quotaNote(_ p: PersonPayout, _ ctx: StatementContext) -> String {
        guard let quota = p.quota else { return "no quota: flat-rate pay only" }
        let proration = FiscalYearQuota.proration(of: ctx.inputs.roster.people[p.index], in: FiscalYear(start: ctx.run.fiscalYearStart))
        if proration.isWholeYear || proration.parts.isEmpty { return "annual" }
        return "prorated for the fiscal year by the days your rows are in effect: \(proration.formula(lines: false)) = \(quota.formatted)"
    }

    static func summary(_ p: PersonPayout, role: Role?, _ ctx: StatementContext) -> StatementSection {
        var facts: [StatementFact] = []
        facts.append(StatementFact(label: "quota", value: p.quota?.forPeople ?? "none", note: quotaNote(p, ctx)))
        facts.append(StatementFact(label: "quota credit this period", value: p.creditPeriod.forPeople,
                                   note: "deal lines and clawbacks dated in \(ctx.period)"
                                       + (p.adjustments.creditPeriod.isZero ? "" : ", plus credit adjustments \(p.adjustments.creditPeriod.forPeople) (see Adjustments)")))
        facts.append(StatementFact(label: "quota credit YTD", value: p.creditYTD.forPeople,
                                   note: "\(ctx.run.fiscalYearStart) through \(ctx.period), clawbacks included"))
        facts.append(StatementFact(label: "attainment YTD", value: p.attainment.map { StatementFormat.percent($0) } ?? "—",
                                   note: p.attainment == nil ? "no quota" : "of quota: credit YTD ÷ quota (tiers use the exact ratio)"))
        facts.append(StatementFact(label: "tier reached", value: tierReached(p, role: role).value,
                                   note: tierReached(p, role: role).note))
        facts.append(StatementFact(label: "earned YTD", value: p.earnedYTD.forPeople,
                                   note: p.capped ? "capped" : "see Earned YTD below"))
        facts.append(StatementFact(label: "paid to date", value: p.paidToDate.forPeople, note: ctx.settlementNote))
        facts += StatementCorrections.facts(p, ctx)
        facts.append(StatementFact(label: "payout", value: p.payout.forPeople,
                                   note: StatementContext.payoutNote(p.payout), emphasis: true))
        return StatementSection(heading: "Payout \(ctx.period)", facts: facts)
    }

    /// `roles.direct_rep.rates.tiers[1]` and its rate, or why there is none.
    static func tierReached(_ p: PersonPayout, role: Role?) -> (value: String, note: String) {
        guard let rates = role?.rates else { return ("none", "the role has no attainment tiers (flat-rate pay only)") }
        guard let result = p.tiered else { return ("none", "no quota") }
        guard let i = result.reached, rates.tiers.indices.contains(i) else {
            return ("below the first tier", "\(rates.method.rawValue) tiers: nothing earned below \(StatementFormat.percent(rates.tiers.first?.from ?? .zero)) of quota")
        }
        let tier = rates.tiers[i]
        var note = "\(StatementFormat.tierName(i)): from \(StatementFormat.percent(tier.from)) of quota, \(rates.method.rawValue)"
        if p.creditYTD.isNegative { note += "; negative credit earns the first tier's rate, so clawbacks are recovered" }
        return (tier.rate.percentText, note)
    }

    // MARK: Tiers

    static func tiers(_ p: PersonPayout, role: Role?, _ ctx: StatementContext) -> StatementSection? {
        guard let rates = role?.rates, let quota = p.quota, let result = p.tiered, let standing = p.standing else { return nil }
        var rows: [[String]] = []
        let next = standing.next
        for (i, tier) in rates.tiers.enumerated() {
            let row = standing.rows[i]
            let status = i == result.reached ? "reached" : (i == next ? "next" : "")
            rows.append([StatementFormat.tierName(i), StatementFormat.percent(tier.from),
                         PeopleMoney.text(row.threshold, ctx.currency), tier.rate.percentText,
                         PeopleMoney.text(row.slice, ctx.currency), PeopleMoney.text(row.earns, ctx.currency), status])
        }
        let table = StatementTable(
            columns: [.init(title: "tier"), .init(title: "from (of quota)", numeric: true),
                      .init(title: "threshold", numeric: true), .init(title: "rate", numeric: true),
                      .init(title: "credit in tier", numeric: true), .init(title: "earns", numeric: true),
                      .init(title: "")],
            rows: rows,
            footer: ["tiered earnings", "", "", "", "", PeopleMoney.text(result.amount, ctx.currency), ""],
            emptyText: "No tiers.")
        var notes: [String] = []
        switch rates.method {
        case .marginal: notes.append("marginal: each slice of credit YTD between two thresholds earns its tier's rate")
        case .retroactive: notes.append("retroactive: all credit YTD earns the rate of the highest tier reached")
        }
        if let j = next, let gap = standing.gapToNext {
            notes.append("\(PeopleMoney.text(gap, ctx.currency)) more quota credit reaches \(StatementFormat.tierName(j)) (\(StatementFormat.percent(rates.tiers[j].from)) of quota, \(rates.tiers[j].rate.percentText))")
        } else {
            notes.append("the highest tier is reached")
        }
        let attainment = p.attainment ?? .zero
        let chart = TierChart(
            caption: "Attainment against the tier thresholds",
            value: attainment,
            valueLabel: "attainment \(StatementFormat.percent(attainment)) — credit YTD \(p.creditYTD.forPeople) of quota \(quota.forPeople)",
            marks: rates.tiers.enumerated().map { i, t in
                TierChart.Mark(label: "\(StatementFormat.percent(t.from)): \(t.rate.percentText) (\(StatementFormat.tierName(i)))", value: t.from)
            })
        return StatementSection(heading: "Attainment and tiers", chart: chart, table: table, notes: notes)
    }

    // MARK: Deal lines and clawbacks

    static func dealLines(_ lines: [CreditLineRow], _ p: PersonPayout, _ ctx: StatementContext) -> StatementSection {
        let total = StatementFormat.sum(lines.map(\.line.amount), ctx.currency)
        let columns = CreditLineRow.columns(clawback: false)
        var footer = [String](repeating: "", count: columns.count)
        footer[0] = "total"
        footer[CreditLineRow.creditColumn(clawback: false)] = StatementFormat.money(total)
        return StatementSection(
            heading: "Credited deal lines of \(ctx.period)",
            table: StatementTable(columns: columns, rows: lines.map { $0.cells(ctx) }, footer: footer,
                                  emptyText: "No deal lines credited in \(ctx.period)."),
            notes: lines.isEmpty ? [] : ["basis: S = revenue of a direct deal, N = net invoiced to the partner, G = gross the customer paid; credit = basis × split"])
    }

    static func clawbacks(_ lines: [CreditLineRow], _ p: PersonPayout, _ ctx: StatementContext) -> StatementSection {
        let total = StatementFormat.sum(lines.map(\.line.amount), ctx.currency)
        let columns = CreditLineRow.columns(clawback: true)
        var footer = [String](repeating: "", count: columns.count)
        footer[0] = "total"
        footer[CreditLineRow.creditColumn(clawback: true)] = StatementFormat.money(total)
        var notes: [String] = []
        if !lines.isEmpty {
            notes.append(ClawbackWindow(ctx.plan).reversalNote)
        }
        return StatementSection(
            heading: "Clawbacks in \(ctx.period)",
            table: StatementTable(columns: columns, rows: lines.map { $0.cells(ctx) }, footer: footer,
                                  emptyText: "No clawbacks in \(ctx.period)."),
            notes: notes)
    }

    // MARK: Earned YTD

    static func earnings(_ p: PersonPayout, role: Role?, _ ctx: StatementContext) -> StatementSection {
        var facts: [StatementFact] = []
        facts.append(StatementFact(label: "quota credit YTD", value: p.creditYTD.forPeople))
        if let rates = role?.rates {
            facts.append(StatementFact(label: "tiered earnings", value: PeopleMoney.text(p.tiered?.amount ?? .zero, ctx.currency),
                                       note: "\(rates.method.rawValue) tiers, exact"))
        }
        let paysFlat = role.map { !$0.partnerDeals.quotaCredit && $0.partnerDeals.method != .none } ?? false
        if paysFlat || !p.flatCreditYTD.isZero || !p.flatPayYTD.isZero {
            let rate = role?.partnerDeals.flatRate.map { "\($0.percentText)" } ?? "the flat rate"
            facts.append(StatementFact(label: "flat-rate credit YTD", value: p.flatCreditYTD.forPeople,
                                       note: "partner deals paid at \(rate); not counted toward attainment"))
            facts.append(StatementFact(label: "flat-rate pay", value: PeopleMoney.text(p.flatPayYTD, ctx.currency), note: "exact"))
        }
        facts.append(StatementFact(label: "earned before cap", value: p.earnedUncapped.forPeople,
                                   note: "tiered + flat-rate pay, rounded \(ctx.plan.rounding.rawValue) to the minor unit"))
        if let cap = role?.cap {
            facts.append(StatementFact(label: "cap", value: cap.forPeople,
                                       note: p.capped ? "applied: earned YTD is limited to the cap" : "not reached"))
        } else {
            facts.append(StatementFact(label: "cap", value: "none", note: "the role has no cap"))
        }
        facts.append(StatementFact(label: "earned YTD", value: p.earnedYTD.forPeople))
        facts.append(StatementFact(label: "paid to date", value: p.paidToDate.forPeople, note: ctx.settlementNote))
        facts.append(StatementFact(label: "payout", value: p.payout.forPeople, note: StatementContext.payoutNote(p.payout), emphasis: true))
        return StatementSection(heading: "Earned YTD and payout", facts: facts)
    }
}

/// One credit line of a person's statement: a booking's share, or its clawback.
///
/// `D2703-04 line 1, 2027-03-08, direct, S 10000.00, split 33.3333%, credit 3333.34, quota`.
struct CreditLineRow: DealLineRow {
    var line: CreditLine
    var booking: Booking
    var cancellation: Cancellation?

    /// The person's credit lines dated in the run's period: bookings, then clawbacks, each by
    /// date, deal id bytes and line.
    static func lines(of p: PersonPayout, _ ctx: StatementContext) -> (bookings: [CreditLineRow], clawbacks: [CreditLineRow]) {
        var bookings: [CreditLineRow] = []
        var clawbacks: [CreditLineRow] = []
        for line in ctx.run.creditLines.subset(Array(ctx.periodCreditLines[p.index.offset])) {
            guard let b = ctx.booking(line.booking) else { continue }
            if let c = line.clawback {
                clawbacks.append(CreditLineRow(line: line, booking: b, cancellation: ctx.cancellation(c)))
            } else {
                bookings.append(CreditLineRow(line: line, booking: b, cancellation: nil))
            }
        }
        return (bookings.sorted(by: dealLineOrder), clawbacks.sorted(by: dealLineOrder))
    }

    static func columns(clawback: Bool) -> [StatementTable.Column] {
        var c: [StatementTable.Column] = [.init(title: "deal"), .init(title: "line", numeric: true)]
        if clawback {
            c += [.init(title: "booked"), .init(title: "cancelled"), .init(title: "days", numeric: true)]
        } else {
            c += [.init(title: "date")]
        }
        c += [.init(title: "account"), .init(title: "channel"), .init(title: "partner"),
              .init(title: "basis"), .init(title: "basis amount", numeric: true), .init(title: "split", numeric: true),
              .init(title: "credit", numeric: true), .init(title: "counts as")]
        return c
    }

    static func creditColumn(clawback: Bool) -> Int { clawback ? 11 : 9 }

    func cells(_ ctx: StatementContext) -> [String] {
        var cells = [booking.deal.rawValue, String(booking.line)]
        if let c = cancellation {
            cells += [booking.date.description, c.date.description, String(c.date.dayNumber - booking.date.dayNumber)]
        } else {
            cells += [booking.date.description]
        }
        let basis = cancellation == nil ? line.basis : ((try? line.basis.negated()) ?? line.basis)
        cells += [booking.account, booking.channel.rawValue, ctx.partnerID(booking.partner),
                  line.basisKind.rawValue, basis.forPeople, StatementFormat.share(line.share),
                  line.amount.forPeople, countsAs]
        return cells
    }

    /// `quota` or `flat 2%`.
    var countsAs: String {
        line.quotaCredit ? "quota" : "flat \(line.flatRate?.percentText ?? "0%")"
    }
}
