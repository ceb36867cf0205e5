/// Computes a period's payouts: Price → Credit → Earn → Settle (SPEC 3).
///
/// SPEC 7, period 2027-01: ann is credited 10000.00 (D1) + 3640.00 (D2, net, territory WEST)
/// + 5000.00 (D3) = 18640.00; marginal 5 % below quota → earned 932.00; no journal, first month
/// of the fiscal year → paid 0.00, payout 932.00.
public struct PayoutEngine: Sendable {
    public let plan: Plan
    public let roster: Roster
    public let ledger: Ledger
    public let journal: Journal?
    /// Told the name of each phase as it starts ("price", "credit", "earn") and "done" at the
    /// end; the CLI's benchmark timing hangs off this (the engine itself reads no clock).
    public var phaseObserver: (@Sendable (String) -> Void)?
    /// Approved manual corrections (SPEC 8.4); none unless set.
    public var adjustments: Adjustments = .none
    /// Threads the list prices and the Price → Credit pass of a run without details may use
    /// (``Pricer``, ``RunTotals``); the payouts are the same on any number.
    public var threads = 1
    /// Bookings from which those are split (tests split the smallest ledgers).
    var splitAbove = RunTotals.splitThreshold
    /// Whether a run with details may split its Price → Credit pass too (two halves whose line
    /// references are joined: the second half's are held twice for a moment). False for a run
    /// whose memory is what counts, such as the statements of `payout --out`.
    public var splitDetails = true

    public init(plan: Plan, roster: Roster, ledger: Ledger, journal: Journal?) {
        self.plan = plan
        self.roster = roster
        self.ledger = ledger
        self.journal = journal
    }

    /// Runs the period. With `details`, the run keeps every credit and priced line for
    /// statements, `explain` and `audit`.
    public func run(period: Period, details: Bool = false) throws(InputError) -> PayoutRun {
        phaseObserver?("price")
        let pricer = try Pricer(plan: plan, roster: roster, ledger: ledger, threads: threads, splitAbove: splitAbove)
        let run = try run(period: period, details: details, pricer: pricer)
        phaseObserver?("done")
        return run
    }

    /// Runs the period with a pricer built once (reused across periods by `close`-style loops).
    public func run(period: Period, details: Bool, pricer: Pricer) throws(InputError) -> PayoutRun {
        do {
            var result = try compute(period: period, details: details, pricer: pricer)
            if details { result.closedMonthCorrections = try closedMonthCorrections(of: result, pricer: pricer) }
            return result
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError(.invalidData, [Diagnostic(file: ledger.file,
                message: "arithmetic overflow while computing \(period): \(error)",
                hint: "amounts this large cannot be paid exactly; check the ledger for a mistyped amount")])
        }
    }

    private func compute(period: Period, details: Bool, pricer: Pricer) throws -> PayoutRun {
        let calendar = plan.fiscalCalendar
        let yearStart = calendar.yearStart(of: period)
        let first = yearStart.index
        let last = period.index
        let currency = plan.currency
        let zero = Money.zero(currency)
        let crediter = Crediter(plan: plan, roster: roster, ledger: ledger)
        let window = EventWindow(first: yearStart, last: period)
        // Price → Credit in one pass; a detailed run also records what its lines are made from.
        phaseObserver?("credit")
        var record: RunDetailRecord? = details ? RunDetailRecord(bookings: ledger.store.count) : nil
        let totals = try RunTotals.compute(plan: plan, roster: roster, ledger: ledger, pricer: pricer,
                                           crediter: crediter, window: window, record: &record, threads: threads,
                                           splitAbove: splitAbove, splitDetails: splitDetails)
        let (people, partners) = (totals.people, totals.partners)
        var summary = totals.summary
        let months = last - first + 1

        phaseObserver?("earn")
        // Settle: what was paid before this period.
        let settlement = try settlementMode(period: period, yearStart: yearStart)
        let paidToDate = try PaidToDate(settlement: settlement, journal: journal, currency: currency)
        let isFirstMonth = period == yearStart
        // Adjustments of the fiscal year through the period (SPEC 8.4), per payee; the same
        // for the fast and the detailed run.
        let adjusted = try adjustments.totals(yearStart: yearStart, through: period, currency: currency)
        summary.adjustmentsAfterPeriod = adjustments.countAfter(period)

        // Who is listed (SPEC 8.7): a row in effect in the fiscal year, or activity in it.
        let fiscalYear = FiscalYear(start: yearStart)
        let listed = ListedPayees(roster: roster, year: fiscalYear,
                                  activity: activity(people: people, partners: partners, yearStart: yearStart, period: period))
        // Earn: people, against the quota of the fiscal year (SPEC 8.2).
        var personRows: [PersonPayout] = []
        personRows.reserveCapacity(listed.people.count)
        for index in listed.people {
            let person = roster.people[index]
            let t = people[index.offset]
            let role = plan.roles[person.role]
            // Credit adjustments join the quota credit; payment adjustments come after the cap.
            let a = adjusted[Adjustments.key(.person, person.id.rawValue)] ?? .zero(currency)
            let creditYTD = try t.quotaYTD + a.creditYTD
            let creditPeriod = try t.quotaPeriod + a.creditPeriod
            let quota = try FiscalYearQuota.quota(of: person, in: fiscalYear, rounding: plan.rounding)
            let now = try PersonEarnings.compute(role: role, quota: quota, credit: creditYTD,
                                                 flatPay: t.flatPayYTD, rounding: plan.rounding)
            let earned = try now.earned + a.paymentYTD
            var previous = zero
            if !isFirstMonth {
                previous = try PersonEarnings.compute(role: role, quota: quota, credit: creditYTD - creditPeriod,
                                                      flatPay: t.flatPayYTD.subtracting(t.flatPayPeriod),
                                                      rounding: plan.rounding).earned + a.paymentBefore
            }
            let paid = paidToDate.paid(PayeeKey(.person, person.id.rawValue), earnedBefore: previous)
            let split = try PayoutSplit(earned: earned, earnedBefore: previous, paidToDate: paid, settlement: settlement)
            var standing: TierStanding? = nil
            if let rates = role.rates, let quota, quota.amount.signum > 0, let result = now.tiered {
                standing = try TierStanding(rates, amount: creditYTD.amount, scale: quota.amount, result: result)
            }
            personRows.append(PersonPayout(
                index: index, id: person.id, name: person.name, role: role.name, quota: quota,
                creditPeriod: creditPeriod, creditYTD: creditYTD, flatCreditYTD: t.flatYTD,
                flatPayYTD: t.flatPayYTD, attainment: try PersonEarnings.attainment(credit: creditYTD, quota: quota),
                tiered: now.tiered, earnedUncapped: now.uncapped, capped: now.capped, earnedYTD: earned,
                paidToDate: paid, payout: try earned - paid, periodEarned: split.periodEarned,
                priorPeriodAdjustment: split.priorPeriodAdjustment, earnedBefore: previous, adjustments: a,
                standing: standing))
        }
        personRows.sort { $0.id < $1.id }

        // Earn: partners.
        var partnerRows: [PartnerPayout] = []
        for index in listed.partners {
            let partner = roster.partners[index]
            let t = partners[index.offset]
            let e = try PartnerEarnings.compute(purchases: t.purchases, fees: t.fees, yearStart: yearStart,
                                                rebate: plan.partnerProgram.rebate, rounding: plan.rounding,
                                                currency: currency)
            // Payment adjustments are added to fees + rebates (SPEC 8.4).
            let a = adjusted[Adjustments.key(.partner, partner.id.rawValue)] ?? .zero(currency)
            let earned = try e.earned + a.paymentYTD
            let earnedBefore = try e.earnedBefore + a.paymentBefore
            let paid = paidToDate.paid(PayeeKey(.partner, partner.id.rawValue), earnedBefore: earnedBefore)
            let split = try PayoutSplit(earned: earned, earnedBefore: earnedBefore, paidToDate: paid, settlement: settlement)
            // The level shown is the one of the period's last day (a fixed level by its row then).
            let fixedLevel = roster.partnerFixedLevel(index, onPacked: period.lastDay.packed)
            var level: Int? = fixedLevel
            var trailing = ExactDecimal.zero
            if level == nil {
                trailing = try pricer.trailingVolume(partner: index, period: period)
                level = Pricer.level(for: trailing, levels: plan.partnerProgram.levels)
            }
            partnerRows.append(PartnerPayout(
                index: index, id: partner.id, name: partner.name, purchasesPeriod: t.purchases[months - 1],
                purchasesYTD: e.purchasesYTD, referralFeesYTD: e.referralFeesYTD, quarters: e.quarters,
                earnedYTD: earned, paidToDate: paid, payout: try earned - paid,
                periodEarned: split.periodEarned, priorPeriodAdjustment: split.priorPeriodAdjustment,
                earnedBefore: earnedBefore, adjustments: a, level: level,
                levelFixed: fixedLevel != nil, trailingVolume: trailing,
                levelOutlook: try LevelOutlook(levels: plan.partnerProgram.levels, trailing: trailing, fixed: fixedLevel != nil),
                rebateOutlook: try e.quarters.last.flatMap { q throws(NumericError) -> RebateOutlook? in
                    guard let schedule = plan.partnerProgram.rebate else { return nil }
                    return try RebateOutlook(schedule, purchases: q.purchases, rounding: plan.rounding)
                }))
        }
        partnerRows.sort { $0.id < $1.id }

        return PayoutRun(planName: plan.name, currency: currency, period: period, fiscalYearStart: yearStart,
                         people: personRows, partners: partnerRows, ledgerSummary: summary,
                         settlement: settlement,
                         creditLines: record.map { CreditLines(source: CreditLines.Source(crediter: crediter, pricer: pricer), references: $0.references) } ?? CreditLines(),
                         priced: record.map { PricedLines(pricer: pricer, inRun: $0.pricedInRun) } ?? PricedLines(),
                         uncredited: record?.uncredited ?? [])
    }

    /// What each payee did in the fiscal year through the period (SPEC 8.7): credit lines,
    /// purchases and fees from the totals, and journal rows of the year's earlier months.
    func activity(people: [PersonTotals], partners: [PartnerTotals], yearStart: Period, period: Period) -> PayeeActivity {
        var a = PayeeActivity()
        for (i, t) in people.enumerated() where t.active { a.peopleCredited.insert(PersonIndex(i)) }
        for (i, t) in partners.enumerated() where t.active { a.partnersActive.insert(PartnerIndex(i)) }
        for e in journal?.entries ?? [] where e.period >= yearStart && e.period < period {
            switch e.payeeType {
            case .person: if let i = roster.personIndex[e.payeeID] { a.peopleInJournal.insert(i) }
            case .partner: if let i = roster.partnerIndex[e.payeeID] { a.partnersInJournal.insert(i) }
            }
        }
        for p in adjustments.payees(yearStart: yearStart, through: period) {
            switch p.type {
            case .person: if let i = roster.personIndex[p.id] { a.peopleAdjusted.insert(i) }
            case .partner: if let i = roster.partnerIndex[p.id] { a.partnersAdjusted.insert(i) }
            }
        }
        return a
    }

    /// Preview or journal (SPEC 3.7): the journal's rule, ``JournalRules/settlement(for:)``.
    func settlementMode(period: Period, yearStart: Period) throws(InputError) -> Settlement {
        do {
            return try JournalRules(journal: journal, calendar: plan.fiscalCalendar).settlement(for: period)
        } catch {
            throw InputError(.invalidData, [error.diagnostic(journalFile: journal?.file ?? "journal.csv")])
        }
    }
}

/// Running totals of one person's credit in a run.
struct PersonTotals {
    var quotaPeriod: Money
    var quotaYTD: Money
    var flatYTD: Money
    var flatPayYTD: ExactDecimal = .zero
    var flatPayPeriod: ExactDecimal = .zero
    /// Some credit line (any amount, a clawback included) in the fiscal year through the
    /// period: listed by SPEC 8.7 even without a roster row in the year.
    var active = false

    init(zero: Money) {
        quotaPeriod = zero
        quotaYTD = zero
        flatYTD = zero
    }
}

/// Running totals of one partner in a run: per month slot of the fiscal year.
struct PartnerTotals {
    var purchases: [Money]
    var fees: [Money]
    /// Purchases, a clawback of them, or a referral fee in the fiscal year through the period (SPEC 8.7).
    var active = false
    init(zero: Money, months: Int) {
        purchases = [Money](repeating: zero, count: months)
        fees = [Money](repeating: zero, count: months)
    }
}
