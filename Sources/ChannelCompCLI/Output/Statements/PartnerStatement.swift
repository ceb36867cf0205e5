import ChannelComp

/// A partner's statement (SPEC 4.2): level and the trailing volume behind it, every deal of
/// the period with its discount stack, referral fees, the quarter's purchases against the
/// rebate tiers, rebates of ended quarters, and the payout — in short, how the partner makes
/// money with us — and the payout's `explain` trace ("How this payout is made").
///
/// P-BEACON, 2027-03 (sample data): Silver by trailing volume, net purchases this period
/// 23400.00, referral fees YTD 3600.00 + Q1 rebate 2009.00 = earned 5609.00, paid 3600.00,
/// payout 2009.00.
enum PartnerStatement {
    static func document(_ p: PartnerPayout, _ ctx: StatementContext) -> StatementDocument {
        let deals = PartnerDealRow.rows(of: p, ctx)
        let referrals = ReferralRow.rows(of: p, ctx)
        var sections = [summary(p, ctx), level(p, ctx)]
        sections.append(dealLines(deals.bookings, p, ctx))
        sections.append(clawbacks(deals.clawbacks, p, ctx))
        sections.append(referralFees(referrals, ctx))
        sections.append(currentQuarter(p, ctx))
        sections.append(endedQuarters(p, ctx))
        sections.append(waysToEarn(p, deals: deals.bookings, ctx))
        sections.append(TraceSection.section(ctx.trace(p), payee: p.id.rawValue, period: ctx.period))
        return StatementDocument(
            title: "\(p.name.isEmpty ? p.id.rawValue : p.name) (\(p.id.rawValue)) — partner statement \(ctx.period)",
            context: ["partner · " + ctx.planLine],
            sections: sections)
    }

    // MARK: Summary

    static func summary(_ p: PartnerPayout, _ ctx: StatementContext) -> StatementSection {
        let standing = LevelStanding(p, ctx)
        let rebates = StatementFormat.sum(p.quarters.filter(\.ended).map(\.rebate), ctx.currency)
        let facts = [
            StatementFact(label: "level", value: standing.levelText, note: standing.basisText),
            StatementFact(label: "next level", value: standing.nextText, note: standing.gapText),
            StatementFact(label: "net purchases this period", value: p.purchasesPeriod.forPeople,
                          note: "N of your deals dated in \(ctx.period), clawbacks subtracted"),
            StatementFact(label: "net purchases YTD", value: p.purchasesYTD.forPeople,
                          note: "\(ctx.run.fiscalYearStart) through \(ctx.period)"),
            StatementFact(label: "referral fees YTD", value: p.referralFeesYTD.forPeople),
            StatementFact(label: "rebates of ended quarters", value: StatementFormat.money(rebates)),
            StatementFact(label: "earned YTD", value: p.earnedYTD.forPeople, note: "referral fees YTD + rebates of ended quarters"),
            StatementFact(label: "paid to date", value: p.paidToDate.forPeople, note: ctx.settlementNote),
            StatementFact(label: "payout", value: p.payout.forPeople, note: StatementContext.payoutNote(p.payout), emphasis: true),
        ]
        return StatementSection(heading: "Payout \(ctx.period)", facts: facts)
    }

    // MARK: Level

    static func level(_ p: PartnerPayout, _ ctx: StatementContext) -> StatementSection {
        let standing = LevelStanding(p, ctx)
        let program = ctx.plan.partnerProgram
        var rows: [[String]] = []
        for (i, l) in program.levels.enumerated() {
            let status = i == p.level ? "your level" : (i == standing.next && !p.levelFixed ? "next" : "")
            rows.append([l.name, PeopleMoney.text(l.minTrailingList, ctx.currency), l.discount.percentText, status])
        }
        var facts = [StatementFact(label: "level in \(ctx.period)", value: standing.levelText, note: standing.basisText)]
        if !p.levelFixed {
            facts.append(StatementFact(label: "trailing list volume", value: PeopleMoney.text(p.trailingVolume, ctx.currency),
                                       note: standing.windowText))
        }
        facts.append(StatementFact(label: "next level", value: standing.nextText, note: standing.gapText))
        return StatementSection(
            heading: "Level",
            facts: facts,
            table: StatementTable(columns: [.init(title: "level"), .init(title: "minimum trailing list", numeric: true),
                                            .init(title: "discount", numeric: true), .init(title: "")],
                                  rows: rows, emptyText: "The plan has no levels."))
    }

    // MARK: Deals

    static func dealLines(_ rows: [PartnerDealRow], _ p: PartnerPayout, _ ctx: StatementContext) -> StatementSection {
        let columns = PartnerDealRow.columns(clawback: false)
        var notes: [String] = []
        if !rows.isEmpty {
            let program = ctx.plan.partnerProgram
            var stack = "d = level discount + upfront \(program.upfrontDiscount.percentText) (upfront purchases) + registration \(program.registrationDiscount.percentText) (approved registrations)"
            if let cap = program.maxDiscount { stack += ", capped at \(cap.percentText)" }
            notes.append(stack + "; D = round(L × d); N = L − D, what we invoice you")
        }
        return StatementSection(
            heading: "Your deals of \(ctx.period)",
            table: StatementTable(columns: columns, rows: rows.map { $0.cells(ctx) },
                                  footer: PartnerDealRow.footer(rows, columns: columns, ctx),
                                  emptyText: "No partner deals dated in \(ctx.period)."),
            notes: notes)
    }

    static func clawbacks(_ rows: [PartnerDealRow], _ p: PartnerPayout, _ ctx: StatementContext) -> StatementSection {
        let columns = PartnerDealRow.columns(clawback: true)
        return StatementSection(
            heading: "Clawbacks in \(ctx.period)",
            table: StatementTable(columns: columns, rows: rows.map { $0.cells(ctx) },
                                  footer: PartnerDealRow.footer(rows, columns: columns, ctx),
                                  emptyText: "No clawbacks in \(ctx.period)."),
            notes: rows.isEmpty ? [] : [ClawbackWindow(ctx.plan).reversalNote + ": purchases, trailing volume"])
    }

    static func referralFees(_ rows: [ReferralRow], _ ctx: StatementContext) -> StatementSection {
        let fee = ctx.plan.partnerProgram.referralFee
        let total = StatementFormat.sum(rows.map(\.fee), ctx.currency)
        return StatementSection(
            heading: "Referral fees of \(ctx.period)",
            table: StatementTable(
                columns: [.init(title: "deal"), .init(title: "line", numeric: true), .init(title: "date"),
                          .init(title: "account"), .init(title: "revenue S", numeric: true),
                          .init(title: "registration"), .init(title: "fee", numeric: true), .init(title: "")],
                rows: rows.map { $0.cells(ctx) },
                footer: ["total", "", "", "", "", "", StatementFormat.money(total), ""],
                emptyText: "No referred direct deals in \(ctx.period)."),
            notes: ["referral fee: \(fee.percentText) of the revenue of direct deals you refer (you found the lead), with an approved registration"])
    }

    // MARK: Rebates

    static func currentQuarter(_ p: PartnerPayout, _ ctx: StatementContext) -> StatementSection {
        guard let q = p.quarters.last else {
            return StatementSection(heading: "Rebate", notes: ["no quarter of the fiscal year has started"])
        }
        let heading = q.ended ? "Rebate: \(QuarterText.name(q)), ended with \(ctx.period)" : "Rebate: \(QuarterText.name(q)) to date"
        guard let schedule = ctx.plan.partnerProgram.rebate else {
            return StatementSection(heading: heading,
                                    facts: [StatementFact(label: "net purchases", value: q.purchases.forPeople)],
                                    notes: ["the plan has no volume rebate"])
        }
        guard let outlook = p.rebateOutlook else {
            return StatementSection(heading: heading, facts: [StatementFact(label: "net purchases", value: q.purchases.forPeople)])
        }
        var facts = [StatementFact(label: "net purchases \(QuarterText.name(q))", value: q.purchases.forPeople,
                                   note: QuarterText.months(q, through: ctx.period))]
        if q.ended {
            let reached = q.tiers?.reached.map { "\(StatementFormat.tierName($0)), \(schedule.tiers[$0].rate.percentText)" } ?? "no tier reached"
            facts.append(StatementFact(label: "rebate earned", value: q.rebate.forPeople,
                                       note: "the quarter ends with \(ctx.period): \(reached)"))
        } else {
            facts.append(StatementFact(label: "rebate if the quarter ended now", value: StatementFormat.money(outlook.now),
                                       note: RebateText.reached(outlook, schedule) + "; earned when the quarter ends"))
            if let next = outlook.next, let gap = outlook.gap {
                facts.append(StatementFact(label: "next rebate tier", value: ctx.money(schedule.tiers[next].from).forPeople,
                                           note: "\(StatementFormat.tierName(next)), \(schedule.tiers[next].rate.percentText)"))
                facts.append(StatementFact(label: "still to buy", value: gap.forPeople, note: "net, before \(QuarterText.lastMonth(q)) ends"))
                facts.append(StatementFact(label: "rebate at that tier", value: StatementFormat.money(outlook.rebateAt[next]),
                                           note: "if the quarter ends exactly at the threshold"))
            }
        }
        var rows: [[String]] = []
        for (i, t) in schedule.tiers.enumerated() {
            let status = i == outlook.reached ? "reached" : (i == outlook.next ? "next" : "")
            rows.append([StatementFormat.tierName(i), PeopleMoney.text(t.from, ctx.currency),
                         t.rate.percentText, StatementFormat.money(outlook.rebateAt[i]), status])
        }
        let chart = TierChart(
            caption: "\(QuarterText.name(q)) net purchases against the rebate tiers",
            value: q.purchases.amount,
            valueLabel: "\(QuarterText.name(q)) net purchases \(q.purchases.forPeople)",
            marks: schedule.tiers.enumerated().map { i, t in
                TierChart.Mark(label: "\(PeopleMoney.text(t.from, ctx.currency)): \(t.rate.percentText)", value: t.from)
            })
        let method = schedule.method == .retroactive
            ? "retroactive: the whole quarter's net purchases earn the rate of the highest tier reached"
            : "marginal: each slice of the quarter's net purchases earns its tier's rate"
        return StatementSection(
            heading: heading, facts: facts, chart: chart,
            table: StatementTable(columns: [.init(title: "tier"), .init(title: "from", numeric: true),
                                            .init(title: "rate", numeric: true), .init(title: "rebate at threshold", numeric: true),
                                            .init(title: "")],
                                  rows: rows, emptyText: "No rebate tiers."),
            notes: [method + "; rounded once, earned in the quarter's last month"])
    }

    static func endedQuarters(_ p: PartnerPayout, _ ctx: StatementContext) -> StatementSection {
        let ended = p.quarters.filter(\.ended)
        let schedule = ctx.plan.partnerProgram.rebate
        let rows: [[String]] = ended.map { q in
            var tier = "—"
            var rate = "—"
            if let schedule, let r = q.tiers?.reached, schedule.tiers.indices.contains(r) {
                tier = StatementFormat.tierName(r)
                rate = schedule.tiers[r].rate.percentText
            }
            return [QuarterText.name(q), QuarterText.months(q, through: ctx.period), q.purchases.forPeople, tier, rate, q.rebate.forPeople]
        }
        let total = StatementFormat.sum(ended.map(\.rebate), ctx.currency)
        return StatementSection(
            heading: "Rebates of ended quarters",
            table: StatementTable(columns: [.init(title: "quarter"), .init(title: "months"),
                                            .init(title: "net purchases", numeric: true), .init(title: "tier reached"),
                                            .init(title: "rate", numeric: true), .init(title: "rebate", numeric: true)],
                                  rows: rows, footer: ["total", "", "", "", "", StatementFormat.money(total)],
                                  emptyText: "No quarter of this fiscal year has ended by \(ctx.period)."))
    }

    // MARK: How to earn more

    static func waysToEarn(_ p: PartnerPayout, deals: [PartnerDealRow], _ ctx: StatementContext) -> StatementSection {
        let program = ctx.plan.partnerProgram
        var notes: [String] = []
        let standing = LevelStanding(p, ctx)
        if p.levelFixed {
            notes.append("Level: fixed at \(standing.levelText) by your partner agreement.")
        } else if let next = standing.next, let gap = standing.gap {
            let l = program.levels[next]
            notes.append("Level: \(l.name) (\(l.discount.percentText) discount) needs \(PeopleMoney.text(l.minTrailingList, ctx.currency)) of list volume in the \(program.trailingMonths) months before a deal — \(PeopleMoney.text(gap, ctx.currency)) more than behind your level in \(ctx.period).")
        } else {
            notes.append("Level: you are at the top level.")
        }
        if let q = p.quarters.last, !q.ended, let schedule = program.rebate, let outlook = p.rebateOutlook,
           let next = outlook.next, let gap = outlook.gap {
            notes.append("Rebate: \(gap.forPeople) more net purchases by the end of \(QuarterText.lastMonth(q)) reach \(schedule.tiers[next].rate.percentText) — a \(QuarterText.name(q)) rebate of \(StatementFormat.money(outlook.rebateAt[next])) at the threshold.")
        }
        if program.registrationDiscount.fraction.signum > 0 {
            let unregistered = deals.filter { $0.booking.registration != .approved }.count
            var text = "Registration: an approved deal registration adds \(program.registrationDiscount.percentText) to your discount"
            if unregistered > 0 { text += " (\(unregistered) of your \(deals.count) deal line\(deals.count == 1 ? "" : "s") this period had no approved registration)" }
            notes.append(text + ".")
        }
        if program.upfrontDiscount.fraction.signum > 0 {
            notes.append("Upfront: an upfront licence purchase adds \(program.upfrontDiscount.percentText).")
        }
        if let cap = program.maxDiscount {
            notes.append("The total discount is capped at \(cap.percentText).")
        }
        if program.referralFee.fraction.signum > 0 {
            notes.append("Referrals: \(program.referralFee.percentText) of the revenue of direct deals you refer, with an approved registration.")
        }
        return StatementSection(heading: "How to earn more", notes: notes)
    }
}

/// A partner's level and what the next one needs (SPEC 3.2 step 4).
///
/// Trailing volume 312000.00 with Bronze 0 / Silver 250000 / Gold 1000000 → Silver, next Gold,
/// gap 688000.00.
struct LevelStanding {
    var levelText: String
    var basisText: String
    var windowText: String
    /// Index of the next level up, nil at the top or for a fixed level.
    var next: Int?
    var gap: ExactDecimal?
    var nextText: String
    var gapText: String

    init(_ p: PartnerPayout, _ ctx: StatementContext) {
        let program = ctx.plan.partnerProgram
        let levels = program.levels
        if let l = p.level, levels.indices.contains(l) {
            levelText = "\(levels[l].name) (\(levels[l].discount.percentText) discount)"
        } else {
            levelText = "none (0% level discount)"
        }
        let t = program.trailingMonths
        windowText = t == 0 ? "trailing_months is 0: volume 0"
            : "list volume of your partner bookings in \(ctx.period.advanced(by: -t))…\(ctx.period.advanced(by: -1)), clawbacks subtracted"
        if p.levelFixed {
            basisText = "fixed by agreement"
            next = nil
            gap = nil
            nextText = "fixed level"
            gapText = "a fixed level does not move with volume"
            return
        }
        basisText = "trailing list volume \(PeopleMoney.text(p.trailingVolume, ctx.currency)) over \(t) months"
        next = p.levelOutlook?.next
        gap = p.levelOutlook?.gap
        if let n = next, let g = gap {
            nextText = levels[n].name
            gapText = "from \(PeopleMoney.text(levels[n].minTrailingList, ctx.currency)) trailing list: \(PeopleMoney.text(g, ctx.currency)) to go (\(levels[n].discount.percentText) discount)"
        } else {
            nextText = "top level"
            gapText = "no higher level"
        }
    }
}

/// How a rebate outlook reads: "tier 2, 2%" or "below the first tier".
enum RebateText {
    static func reached(_ o: RebateOutlook, _ schedule: TierSchedule) -> String {
        guard let r = o.reached, schedule.tiers.indices.contains(r) else { return "below the first tier" }
        return "\(StatementFormat.tierName(r)), \(schedule.tiers[r].rate.percentText)"
    }
}

/// Quarter labels: `Q1`, `2027-01…2027-03`.
enum QuarterText {
    static func name(_ q: QuarterRebate) -> String { "Q\(q.quarter)" }

    static func lastMonth(_ q: QuarterRebate) -> Period { q.start.advanced(by: 2) }

    /// The quarter's months, `(to date)` while it runs.
    static func months(_ q: QuarterRebate, through period: Period) -> String {
        let end = lastMonth(q)
        return end > period ? "\(q.start)…\(end), through \(period)" : "\(q.start)…\(end)"
    }
}
