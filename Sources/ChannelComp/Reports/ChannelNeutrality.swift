/// One person's credited gross, credit and attributable pay on one channel within a scope.
///
/// ann, direct: two lines S 10000.00 and 5000.00 → gross 15000.00, credit 15000.00; with an
/// effective rate of 5 % the pay attributable is 750.000000 and the pay per gross dollar 0.0500.
public struct ChannelFigures: Sendable {
    /// Credit lines counted (clawback lines included).
    public var lines: Int = 0
    /// The person's share of the lines' gross: S on direct deals, G on partner deals
    /// (split like the credit; negative on clawbacks).
    public var gross: Money
    /// Everything credited to the person on these lines (quota and flat-rate credit).
    public var credit: Money
    /// The quota part of ``credit``.
    public var quotaCredit: Money
    /// The person's share of the lines' net: S on direct deals, N on partner deals (split like
    /// the credit; negative on clawbacks). See ``NeutralityVerdict``.
    public var net: Money
    /// Flat-rate pay of the flat-rate credit, exact.
    public var flatPay: ExactDecimal = .zero
    /// Pay attributable to these lines, to 6 decimal places (see ``PersonNeutrality``).
    public var pay: ExactDecimal = .zero
    /// pay ÷ gross, exact, shown to 4 places; nil when gross is zero.
    public var payPerGross: ExactRatio?

    init(zero: Money) {
        gross = zero
        net = zero
        credit = zero
        quotaCredit = zero
    }
}

/// Channel neutrality of one person: what they are paid per gross dollar of direct deals and of
/// partner deals, and the ratio of the two (1.00 = channel-neutral).
///
/// **Pay attributable.** A person's earnings cannot be split by deal directly (tiers, rounding
/// and the cap act on the year's total), so pay is attributed in proportion to credit:
/// flat-rate credit is attributed its own flat pay (credit × flat_rate, exact); quota credit
/// is attributed the rest of `earned_ytd` at the person's **effective rate**
/// `r = (earned_ytd − flat_pay_ytd) ÷ credit_ytd`. So for the lines of one channel
///
///     pay = r × quota credit + flat pay
///     pay per gross dollar = pay ÷ gross      (gross = the person's share of S or G)
///     ratio = (partner pay ÷ partner gross) ÷ (direct pay ÷ direct gross)
///
/// Over the year to date the attributed pay of all lines adds up to `earned_ytd`. For the
/// period scope the same YTD rate is applied to the period's lines (it shows the period's
/// channel mix, not the period's payout, which is a true-up).
///
/// With quota credit only, r cancels out: ratio = (credit_p ÷ gross_p) ÷ (credit_d ÷ gross_d),
/// and direct credit equals direct gross (S), so the ratio is `Σ credit ÷ Σ G` of the partner
/// lines. Under a `gross` basis it is exactly 1.00; under `net` it is `Σ N ÷ Σ G` = 1 − the
/// average partner discount when no `sale_price` is given (G = L).
///
/// Worked example (SPEC 7 plan, ann, 2027-01): direct S 10000.00 + 5000.00, partner N 3640.00
/// of G 5600.00; credit_ytd 18640.00, earned 932.00 → r = 0.05; direct pay 750.00 per
/// 15000.00 gross = 0.0500; partner pay 182.00 per 5600.00 gross = 0.0325; ratio
/// 0.0325 ÷ 0.0500 = 0.6500 = 3640 ÷ 5600 = 1 − 35 %.
///
/// Every figure is exact decimal arithmetic; each ratio is one `ExactDecimal.divided` of exact
/// products (no floating point): ratio = (P_p × G_d) ÷ (P_d × G_p) with
/// P = (earned_ytd − flat_pay_ytd) × quota credit + flat pay × credit_ytd.
public struct PersonNeutrality: Sendable {
    public var index: PersonIndex
    public var id: PersonID
    public var name: String
    public var role: String
    public var earnedYTD: Money
    /// Quota credit YTD (credit_ytd).
    public var creditYTD: Money
    public var flatPayYTD: ExactDecimal
    /// (earned_ytd − flat_pay_ytd) ÷ credit_ytd (shown to 4 places); nil when credit_ytd is 0.
    public var effectiveRate: ExactRatio?
    public var direct: ChannelFigures
    public var partner: ChannelFigures
    /// Partner pay per gross dollar ÷ direct pay per gross dollar; nil when either is undefined
    /// or the direct figure is zero.
    public var ratio: ExactRatio?

    /// Credited on direct and on partner deals within the scope.
    public var onBothChannels: Bool { direct.lines > 0 && partner.lines > 0 }
}

/// Attributes people's pay to channels (the rule is documented on ``PersonNeutrality``).
public enum ChannelNeutrality {
    /// Every person with at least one credit line in the scope, sorted by id.
    ///
    /// The run must be made with `details: true`.
    public static func people(run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger,
                              scope: ReportScope) throws(ReportError) -> [PersonNeutrality] {
        try requireDetails(run)
        return try ReportError.wrap { try build(run: run, plan: plan, roster: roster, ledger: ledger, scope: scope) }
    }

    static func build(run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger, scope: ReportScope) throws -> [PersonNeutrality] {
        let minorUnits = run.currency.minorUnits
        var sums = [(direct: ChannelSums, partner: ChannelSums)?](repeating: nil, count: roster.people.count)
        let crediter = run.creditLines.crediter ?? Crediter(plan: plan, roster: roster, ledger: ledger)
        // Event by event (a booking or clawback, one role): its credits with their parts of G
        // and N, in minor units — no credit line is made.
        // Read through a reader and the records array taken once: on two threads, a retain of
        // the run's shared objects per event made both threads slower than one.
        let priced = run.priced.reader()
        let records = ledger.store.records
        // An event's roles come one after another: the booking is priced once for all of them.
        var last: (booking: BookingIndex, amounts: PricedAmounts)? = nil
        try run.creditLines.forEachEvent(months: { scope.contains($0) }) { booking, clawback, _, role, ordinals in
            let amounts: PricedAmounts
            if let last, last.booking == booking {
                amounts = last.amounts
            } else {
                guard let priced = priced.minorAmounts(booking) else { throw ReportError.detailsMissing }
                amounts = priced
                last = (booking, priced)
            }
            let isPartner = records[booking.offset].isPartnerChannel
            let facts = crediter.facts(role: role, partnerChannel: isPartner)
            try crediter.forEachCreditPart(booking, amounts: amounts, role: role, clawback: clawback != nil) {
                k, person, credit, gross, net throws(NumericError) in
                guard ordinals.contains(UInt16(k)) else { return }
                let p = person.offset
                if sums[p] == nil { sums[p] = (ChannelSums(), ChannelSums()) }
                if isPartner {
                    try sums[p]!.partner.add(credit: credit, gross: gross, net: net, facts: facts, minorUnits: minorUnits)
                } else {
                    try sums[p]!.direct.add(credit: credit, gross: gross, net: net, facts: facts, minorUnits: minorUnits)
                }
            }
        }
        var figures = [(direct: ChannelFigures, partner: ChannelFigures)?](repeating: nil, count: roster.people.count)
        for (p, pair) in sums.enumerated() {
            guard let pair else { continue }
            figures[p] = (pair.direct.figures(run.currency), pair.partner.figures(run.currency))
        }
        var out: [PersonNeutrality] = []
        for row in run.people {
            guard figures.indices.contains(row.index.offset), var pair = figures[row.index.offset] else { continue }
            let c = row.creditYTD.amount
            // Adjustments belong to no channel (SPEC 8.4): payments are left out of the pay, and
            // credit adjustments carry their share of the rate but are in neither channel's credit.
            let e = try row.earnedYTD.amount.subtracting(row.adjustments.paymentYTD.amount).subtracting(row.flatPayYTD)
            // P = e × quota credit + flat pay × c  (pay × c); with c = 0, P = flat pay (pay × 1).
            func scaled(_ f: ChannelFigures) throws -> ExactDecimal {
                if c.isZero { return f.flatPay }
                return try e.multiplied(by: f.quotaCredit.amount).adding(f.flatPay.multiplied(by: c))
            }
            let denominator = c.isZero ? ExactDecimal.one : c
            let pd = try scaled(pair.direct)
            let pp = try scaled(pair.partner)
            pair.direct.pay = try pd.divided(by: denominator, scale: 6, rule: .halfEven)
            pair.partner.pay = try pp.divided(by: denominator, scale: 6, rule: .halfEven)
            pair.direct.payPerGross = try ExactRatio(pd, try denominator.multiplied(by: pair.direct.gross.amount))
            pair.partner.payPerGross = try ExactRatio(pp, try denominator.multiplied(by: pair.partner.gross.amount))
            var ratio: ExactRatio? = nil
            if !pair.direct.gross.isZero, !pair.partner.gross.isZero, !pd.isZero {
                ratio = try ExactRatio(try pp.multiplied(by: pair.direct.gross.amount),
                                       try pd.multiplied(by: pair.partner.gross.amount))
            }
            out.append(PersonNeutrality(
                index: row.index, id: row.id, name: row.name, role: row.role, earnedYTD: row.earnedYTD,
                creditYTD: row.creditYTD, flatPayYTD: row.flatPayYTD,
                effectiveRate: c.isZero ? nil : try ExactRatio(e, c),
                direct: pair.direct, partner: pair.partner, ratio: ratio))
        }
        return out
    }
}

/// One person's sums on one channel while the lines are read (minor units; see
/// ``ChannelFigures`` for what each is).
struct ChannelSums {
    var lines = 0
    var gross: Int128 = 0
    var net: Int128 = 0
    var credit: Int128 = 0
    var quotaCredit: Int128 = 0
    var flatPay: ExactDecimal = .zero

    /// Adds one credit line: its credit, its parts of G and N, and — on a flat-rate rule —
    /// its flat pay (credit × flat_rate, exact).
    mutating func add(credit c: Int128, gross g: Int128, net n: Int128, facts: CreditRuleFacts, minorUnits: Int) throws(NumericError) {
        func sum(_ a: Int128, _ b: Int128) throws(NumericError) -> Int128 {
            let (s, overflow) = a.addingReportingOverflow(b)
            if overflow { throw NumericError.overflow(operation: "+", operands: ["\(a)", "\(b)"]) }
            return s
        }
        lines += 1
        gross = try sum(gross, g)
        net = try sum(net, n)
        credit = try sum(credit, c)
        if facts.quota {
            quotaCredit = try sum(quotaCredit, c)
        } else {
            let amount = ExactDecimal(unchecked: c, UInt8(minorUnits))
            flatPay = try flatPay.adding(amount.multiplied(by: (facts.flatRate ?? .zero).fraction))
        }
    }

    func figures(_ currency: Currency) -> ChannelFigures {
        func money(_ x: Int128) -> Money { Money(ExactDecimal(unchecked: x, UInt8(currency.minorUnits)), currency) }
        var f = ChannelFigures(zero: .zero(currency))
        f.lines = lines
        f.gross = money(gross)
        f.net = money(net)
        f.credit = money(credit)
        f.quotaCredit = money(quotaCredit)
        f.flatPay = flatPay
        return f
    }
}
