/// The same data under two plans: per payee and in total, cost of sales per channel, the
/// biggest winners and losers, and channel neutrality under each plan.
///
/// Sample, 2027-12, `Plans/channel-neutral.json` (A) vs `Plans/fully-neutral.json` (B): B credits
/// direct reps on partner deals at G instead of N, so every rep with partner deals in their
/// territory earns more (the difference Σ (G − N) goes through their marginal tiers); channel
/// managers and partners are unchanged, and every rep's neutrality ratio becomes 1.0000.
public struct CompareReport: Sendable {
    public var planA: String
    public var planB: String
    public var currency: Currency
    public var period: Period
    public var fiscalYearStart: Period
    /// Every person, then every partner (each group by id).
    public var rows: [PayeeComparison]
    /// People, partners, everyone.
    public var totals: [PayeeComparison]
    /// Up to 5 payees whose earned YTD rises most under B (largest delta first).
    public var winners: [PayeeComparison]
    /// Up to 5 payees whose earned YTD falls most under B (most negative first).
    public var losers: [PayeeComparison]
    /// Cost of sales per channel under each plan: the period, then the year to date.
    public var cost: [CostComparison]
    /// YTD neutrality of the people credited on both channels under either plan.
    public var neutrality: [NeutralityComparison]
    /// True when either run is a preview (no journal rows for the fiscal year, SPEC 3.7).
    public var preview = false

    /// One side of the comparison: a run with details and the inputs it was made from.
    public struct Side: Sendable {
        public var run: PayoutRun
        public var plan: Plan
        public var roster: Roster
        public var ledger: Ledger
        public init(run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger) {
            self.run = run
            self.plan = plan
            self.roster = roster
            self.ledger = ledger
        }
    }

    /// How many winners and losers are listed.
    public static let topCount = 5

    /// Compares two runs of the same period and data; the plans must share a currency. Each
    /// side's neutrality and cost are made on up to `threads` threads (the same on any number).
    public static func build(a: Side, b: Side, threads: Int = 1) throws(ReportError) -> CompareReport {
        try requireDetails(a.run)
        try requireDetails(b.run)
        guard a.run.currency == b.run.currency else {
            throw .arithmetic(.currencyMismatch(a.run.currency.code, b.run.currency.code))
        }
        if let problem = CompareRules.incompatibility(a.plan, b.plan, period: a.run.period) { throw .incomparable(problem) }
        return try ReportError.wrap {
            let currency = a.run.currency
            let zero = Money.zero(currency)
            var rows: [PayeeComparison] = []
            var peopleB: [PersonID: PersonPayout] = [:]
            for p in b.run.people { peopleB[p.id] = p }
            var partnersB: [PartnerID: PartnerPayout] = [:]
            for p in b.run.partners { partnersB[p.id] = p }
            for p in a.run.people {
                let other = peopleB[p.id]
                rows.append(try PayeeComparison(type: .person, id: p.id.rawValue, name: p.name, role: p.role,
                                                payoutA: p.payout, payoutB: other?.payout ?? zero,
                                                earnedA: p.earnedYTD, earnedB: other?.earnedYTD ?? zero))
            }
            for p in a.run.partners {
                let other = partnersB[p.id]
                rows.append(try PayeeComparison(type: .partner, id: p.id.rawValue, name: p.name, role: "partner",
                                                payoutA: p.payout, payoutB: other?.payout ?? zero,
                                                earnedA: p.earnedYTD, earnedB: other?.earnedYTD ?? zero))
            }
            func total(_ label: String, _ items: [PayeeComparison]) throws -> PayeeComparison {
                try PayeeComparison(type: nil, id: label, name: label, role: "",
                                    payoutA: Money.sum(items.map(\.payoutA), currency),
                                    payoutB: Money.sum(items.map(\.payoutB), currency),
                                    earnedA: Money.sum(items.map(\.earnedA), currency),
                                    earnedB: Money.sum(items.map(\.earnedB), currency))
            }
            let totals = [try total("people", rows.filter { $0.type == .person }),
                          try total("partners", rows.filter { $0.type == .partner }),
                          try total("all", rows)]
            func before(_ x: PayeeComparison, _ y: PayeeComparison) -> Bool {
                if x.type != y.type { return x.type == .person }
                return x.id.utf8.lexicographicallyPrecedes(y.id.utf8)
            }
            let winners = rows.filter { $0.earnedDelta.amount.signum > 0 }
                .sorted { $0.earnedDelta.amount != $1.earnedDelta.amount ? $0.earnedDelta.amount > $1.earnedDelta.amount : before($0, $1) }
            let losers = rows.filter { $0.earnedDelta.amount.signum < 0 }
                .sorted { $0.earnedDelta.amount != $1.earnedDelta.amount ? $0.earnedDelta.amount < $1.earnedDelta.amount : before($0, $1) }

            var cost: [CostComparison] = []
            var ytdPeople: (a: [PersonNeutrality], b: [PersonNeutrality]) = ([], [])
            for (scopeA, scopeB) in zip(ReportScope.both(a.run), ReportScope.both(b.run)) {
                // What people were paid per channel, and the cost it makes, under one plan.
                @Sendable func paid(_ side: Side, _ scope: ReportScope) -> Result<([PersonNeutrality], [ChannelCost]), ReportError> {
                    Result { () throws(ReportError) in
                        try ReportError.wrap {
                            let people = try ChannelNeutrality.build(run: side.run, plan: side.plan, roster: side.roster,
                                                                     ledger: side.ledger, scope: scope)
                            let cost = try ChannelCost.build(scope: scope, run: side.run, people: people,
                                                             events: scopeEvents(scope, ledger: side.ledger, plan: side.plan),
                                                             ledger: side.ledger, plan: side.plan)
                            return (people, cost)
                        }
                    }
                }
                let (sideA, sideB) = ParallelMap.both(threads: threads, { paid(a, scopeA) }, { paid(b, scopeB) })
                let (pa, ca) = try sideA.get()
                let (pb, cb) = try sideB.get()
                cost.append(CostComparison(scope: scopeA, a: ca, b: cb))
                if scopeA.kind == .ytd { ytdPeople = (pa, pb) }
            }
            var neutrality: [NeutralityComparison] = []
            var byIDA: [PersonID: PersonNeutrality] = [:]
            for n in ytdPeople.a { byIDA[n.id] = n }
            var byIDB: [PersonID: PersonNeutrality] = [:]
            for n in ytdPeople.b { byIDB[n.id] = n }
            for row in a.run.people {
                let na = byIDA[row.id]
                let nb = byIDB[row.id]
                guard na?.onBothChannels == true || nb?.onBothChannels == true else { continue }
                neutrality.append(NeutralityComparison(id: row.id.rawValue, name: row.name, role: row.role,
                                                       ratioA: na?.ratio, ratioB: nb?.ratio))
            }
            return CompareReport(planA: a.run.planName, planB: b.run.planName, currency: currency,
                                 period: a.run.period, fiscalYearStart: a.run.fiscalYearStart, rows: rows,
                                 totals: totals, winners: Array(winners.prefix(topCount)),
                                 losers: Array(losers.prefix(topCount)), cost: cost, neutrality: neutrality,
                                 preview: a.run.settlement == .preview || b.run.settlement == .preview)
        }
    }
}

/// One payee (or a total) under plans A and B.
///
/// alice: payout A 2000.00, B 2250.00 → delta 250.00, delta % 12.50 (of |A|); a payee with
/// payout A 0.00 has no delta %.
public struct PayeeComparison: Sendable {
    /// nil for a total row.
    public var type: PayeeType?
    public var id: String
    public var name: String
    public var role: String
    public var payoutA: Money
    public var payoutB: Money
    /// B − A.
    public var payoutDelta: Money
    /// (B − A) × 100 ÷ |A|, half-even to 2 places; nil when A is zero.
    public var payoutDeltaPercent: ExactDecimal?
    public var earnedA: Money
    public var earnedB: Money
    public var earnedDelta: Money
    public var earnedDeltaPercent: ExactDecimal?

    init(type: PayeeType?, id: String, name: String, role: String, payoutA: Money, payoutB: Money,
         earnedA: Money, earnedB: Money) throws {
        self.type = type
        self.id = id
        self.name = name
        self.role = role
        self.payoutA = payoutA
        self.payoutB = payoutB
        self.payoutDelta = try payoutB - payoutA
        self.payoutDeltaPercent = try PayeeComparison.percent(payoutDelta, of: payoutA)
        self.earnedA = earnedA
        self.earnedB = earnedB
        self.earnedDelta = try earnedB - earnedA
        self.earnedDeltaPercent = try PayeeComparison.percent(earnedDelta, of: earnedA)
    }

    /// delta × 100 ÷ |base| to 2 places (so a positive percent always means B pays more).
    static func percent(_ delta: Money, of base: Money) throws -> ExactDecimal? {
        guard !base.isZero else { return nil }
        return try delta.amount.multiplied(by: .hundred).divided(by: base.amount.magnitude, scale: 2, rule: .halfEven)
    }
}

/// Cost of sales per channel under each plan, for one scope.
public struct CostComparison: Sendable {
    public var scope: ReportScope
    public var a: [ChannelCost]
    public var b: [ChannelCost]
}

/// One person's YTD neutrality ratio under each plan (nil where undefined or not credited on
/// both channels).
public struct NeutralityComparison: Sendable {
    public var id: String
    public var name: String
    public var role: String
    public var ratioA: ExactRatio?
    public var ratioB: ExactRatio?
}
