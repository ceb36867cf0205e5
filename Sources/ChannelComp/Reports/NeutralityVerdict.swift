/// The two senses in which a direct sales force can be neutral between channels.
///
/// * `channel` — **channel-neutral**: the same pay per *net* dollar (S on direct deals, N on
///   partner deals) whoever sells. A `"basis": "net"` plan aims at this.
/// * `complete` — **completely neutral**: the same pay per *gross* dollar (S on direct deals,
///   G on partner deals). A `"basis": "gross"` plan aims at this.
///
/// Partner deal L 5600.00, 35 % discount (N 3640.00), no sale price (G 5600.00), credited on
/// net at 5 %: pay 182.00 → 0.0500 per net dollar (channel-neutral against a 0.0500 direct
/// rate) but 0.0325 per gross dollar (ratio 0.6500: not completely neutral).
public enum NeutralitySense: String, Sendable, CaseIterable {
    case channel = "channel-neutral"
    case complete = "completely-neutral"

    /// `same pay per net dollar` / `same pay per gross dollar`.
    public var rule: String {
        switch self {
        case .channel: return "same pay per net dollar: S direct, N partner"
        case .complete: return "same pay per gross dollar: S direct, G partner"
        }
    }
}

/// The audit's verdict on one ratio: within the tolerance, outside it, or not measurable.
///
/// Tolerance 0.0100: ratio 0.9950 → `.neutral`; 0.6500 → `.notNeutral`; no direct pay →
/// `.notMeasured`.
public enum Verdict: String, Sendable {
    case neutral
    case notNeutral = "not-neutral"
    case notMeasured = "not-measured"
}

/// One measured ratio (partner pay per dollar ÷ direct pay per dollar) and its verdict.
///
/// ratio 0.6500, tolerance 0.0100 → deviation 0.3500 (|ratio − 1|, 4 places), `.notNeutral`.
public struct NeutralityMeasure: Sendable {
    public var sense: NeutralitySense
    /// Partner ÷ direct, exact; nil when either side has no pay or no dollars.
    public var ratio: ExactRatio?
    /// |ratio − 1| rounded half-even to 4 places, for display and ranking; nil when not measured.
    public var deviation: ExactDecimal?
    public var verdict: Verdict

    /// Judges `ratio` against `tolerance` exactly: neutral iff |num − den| ≤ tolerance × |den|.
    ///
    /// 6500/10000 with tolerance 0.01: |6500 − 10000| = 3500 > 100 → not neutral.
    init(sense: NeutralitySense, ratio: ExactRatio?, tolerance: ExactDecimal) throws {
        self.sense = sense
        self.ratio = ratio
        guard let r = ratio else {
            deviation = nil
            verdict = .notMeasured
            return
        }
        let gap = try r.numerator.subtracting(r.denominator).magnitude
        let allowed = try tolerance.multiplied(by: r.denominator.magnitude)
        verdict = gap <= allowed ? .neutral : .notNeutral
        deviation = try r.value.subtracting(.one).magnitude
    }
}

/// One person's two verdicts.
///
/// alice YTD 2027-04 under the channel-neutral sample plan: per net dollar 1.0000 (neutral),
/// per gross dollar 0.6700 (not neutral).
public struct PersonVerdict: Sendable {
    public var person: PersonNeutrality
    public var channel: NeutralityMeasure
    public var complete: NeutralityMeasure
    /// Partner pay per net dollar (pay ÷ N share), 4 places; nil when the net is zero.
    public var partnerPayPerNet: ExactRatio?

    public func measure(_ sense: NeutralitySense) -> NeutralityMeasure { sense == .channel ? channel : complete }

    /// The larger deviation of the two senses (ranking key: worst first).
    public var worstDeviation: ExactDecimal? {
        [channel.deviation, complete.deviation].compactMap { $0 }.max()
    }
}

/// The overall verdict in one sense: neutral when every measured person is within tolerance.
///
/// 8 people, all per-net ratios 1.0000 → `.neutral`, 8 of 8 within; per gross 0.6630…0.8889 →
/// `.notNeutral`, 0 of 8 within, worst bob at 0.6630. With nobody measured → `.notMeasured`.
public struct OverallVerdict: Sendable {
    public var sense: NeutralitySense
    public var verdict: Verdict
    public var measured: Int
    public var within: Int
    /// Smallest and largest measured ratio (4 places).
    public var lowest: ExactDecimal?
    public var highest: ExactDecimal?
    /// The person furthest from 1 (the earlier id on a tie).
    public var worst: PersonVerdict?
    /// Pooled ratio of everyone measured: (Σ partner pay ÷ Σ partner dollars) ÷
    /// (Σ direct pay ÷ Σ direct dollars), pay attributable at 6 places.
    public var pooled: ExactRatio?
}

/// Channel-neutrality verdicts of one audit scope, per person and overall, in both senses.
///
/// **Rule.** For each person credited on both channels, with pay attributed as documented on
/// ``PersonNeutrality``:
///
///     channel-neutral ratio    = (partner pay ÷ partner N) ÷ (direct pay ÷ direct S)
///     completely neutral ratio = (partner pay ÷ partner G) ÷ (direct pay ÷ direct S)
///
/// A ratio is neutral when |ratio − 1| ≤ tolerance (exact comparison, no rounding). Overall, a
/// sense is neutral when every measured person is; it is not measured when nobody is.
///
/// Worked example (SPEC 7, ann 2027-01): direct pay 750.00 on S 15000.00 (0.0500); partner pay
/// 182.00 on N 3640.00 (0.0500) and G 5600.00 (0.0325) → channel-neutral ratio 1.0000 (neutral),
/// completely neutral ratio 0.6500 (deviation 0.3500 > 0.01: not neutral).
public struct NeutralityVerdicts: Sendable {
    public var scope: ReportScope
    public var tolerance: ExactDecimal
    /// People credited on both channels, by id.
    public var people: [PersonVerdict]
    public var channel: OverallVerdict
    public var complete: OverallVerdict

    /// The default tolerance on a ratio: 0.01 (one cent per dollar of direct pay rate).
    public static let defaultTolerance = ExactDecimal(significand: 1, scale: 2)

    public func overall(_ sense: NeutralitySense) -> OverallVerdict { sense == .channel ? channel : complete }

    /// Judges the people of one audit section.
    ///
    /// ``AuditSection/neutrality`` holds the people credited on both channels; their verdicts
    /// keep that order.
    public static func judge(_ section: AuditSection, tolerance: ExactDecimal = defaultTolerance) throws(ReportError) -> NeutralityVerdicts {
        try ReportError.wrap {
            var people: [PersonVerdict] = []
            for p in section.neutrality {
                var netRatio: ExactRatio? = nil
                if let pd = p.direct.payPerGross?.numerator, let pp = p.partner.payPerGross?.numerator,
                   !pd.isZero, !p.direct.gross.isZero, !p.partner.net.isZero {
                    // (pp ÷ N_p) ÷ (pd ÷ S_d): the shared factor of payPerGross's denominators cancels.
                    netRatio = try ExactRatio(try pp.multiplied(by: p.direct.gross.amount),
                                              try pd.multiplied(by: p.partner.net.amount))
                }
                people.append(PersonVerdict(
                    person: p,
                    channel: try NeutralityMeasure(sense: .channel, ratio: netRatio, tolerance: tolerance),
                    complete: try NeutralityMeasure(sense: .complete, ratio: p.ratio, tolerance: tolerance),
                    partnerPayPerNet: try ExactRatio(p.partner.pay, p.partner.net.amount)))
            }
            return NeutralityVerdicts(scope: section.scope, tolerance: tolerance, people: people,
                                      channel: try overall(.channel, people),
                                      complete: try overall(.complete, people))
        }
    }

    static func overall(_ sense: NeutralitySense, _ people: [PersonVerdict]) throws -> OverallVerdict {
        let measured = people.filter { $0.measure(sense).ratio != nil }
        let within = measured.filter { $0.measure(sense).verdict == .neutral }.count
        let values = measured.compactMap { $0.measure(sense).ratio?.value }
        var worst: PersonVerdict? = nil
        for p in measured {
            guard let d = p.measure(sense).deviation else { continue }
            if let w = worst?.measure(sense).deviation, w >= d { continue }
            worst = p
        }
        var pay = [ExactDecimal.zero, ExactDecimal.zero]
        var dollars = [ExactDecimal.zero, ExactDecimal.zero]
        for p in measured {
            pay[0] = try pay[0].adding(p.person.direct.pay)
            pay[1] = try pay[1].adding(p.person.partner.pay)
            dollars[0] = try dollars[0].adding(p.person.direct.gross.amount)
            let partner = sense == .channel ? p.person.partner.net : p.person.partner.gross
            dollars[1] = try dollars[1].adding(partner.amount)
        }
        var pooled: ExactRatio? = nil
        if !measured.isEmpty, !pay[0].isZero, !dollars[1].isZero {
            pooled = try ExactRatio(try pay[1].multiplied(by: dollars[0]), try pay[0].multiplied(by: dollars[1]))
        }
        let verdict: Verdict = measured.isEmpty ? .notMeasured : (within == measured.count ? .neutral : .notNeutral)
        return OverallVerdict(sense: sense, verdict: verdict, measured: measured.count, within: within,
                              lowest: values.min(), highest: values.max(), worst: worst, pooled: pooled)
    }
}
