/// One person's credit from one booking line under one role rule (SPEC 3.3).
///
/// D1 (direct, S 10000.00, reps `ann:60;bob:40`) → two lines: ann 6000.00, bob 4000.00, both quota
/// credit under `roles.direct_rep.direct_deals`. A clawback repeats them negated in its own period.
public struct CreditLine: Sendable {
    public var booking: BookingIndex
    public var person: PersonIndex
    /// The credited amount: the person's share of the basis (negative on a clawback).
    public var amount: Money
    /// The whole basis of the line the share was taken from (S, N or G).
    public var basis: Money
    public var basisKind: BasisKind
    /// The person's split in percent of the basis (100 for a sole owner).
    public var share: ExactDecimal
    /// Sum of the weights the basis was split by (100 for percentages, n for equal shares).
    public var totalWeight: ExactDecimal
    /// Quota credit (counts toward attainment) or flat-rate credit.
    public var quotaCredit: Bool
    public var flatRate: Rate?
    public var method: CreditRule.Method
    /// The plan rule that made it: `roles.direct_rep.partner_deals`.
    public var rule: String
    /// Month the credit lands in: the booking's, or the clawback's.
    public var period: Period
    /// Index into ``Ledger/cancellations`` when this line reverses a booking.
    public var clawback: Int?
}

/// Which amount of a priced line is credited.
public enum BasisKind: String, Sendable {
    case revenue = "S"
    case net = "N"
    case gross = "G"
}

/// Why a role credited nobody on a booking line — what `audit` reports.
public enum NoCreditReason: Sendable, Equatable {
    case registrationNotApproved
    case noTerritoryOwner
    case noManager
    case nobodyNamed
    /// `team` credit: nobody of the role is above the people credited on the line (SPEC 8.3).
    case nobodyAbove
}

/// One person's share of a booking line's basis under one role rule, in minor units — what
/// ``Crediter/forEachCredit(_:amounts:role:emit:)`` hands to its sink.
public struct CreditShare: Sendable {
    public var person: PersonIndex
    /// The share of the basis in minor units (positive as booked; a clawback negates it).
    public var amount: Int128
    /// The whole basis in minor units.
    public var basis: Int128
    /// The person's weight (split percentage, or 1 for an equal share or a sole recipient).
    public var weight: ExactDecimal
    /// Sum of the weights the basis was split by.
    public var totalWeight: ExactDecimal
}

/// One role's rule for one channel, with what crediting asks of it precomputed.
struct CreditRuleFacts: Sendable {
    var method: CreditRule.Method
    var requiresRegistration: Bool
    var basisKind: BasisKind
    var quota: Bool
    var flatRate: Rate?
}

/// Decides who a role credits on a booking line and splits the basis exactly (SPEC 3.3): the one
/// crediting implementation of every run, report and trace.
///
/// Partner deal N 3640.00 in WEST, `credit: territory`: ann owns WEST → ann 3640.00.
public struct Crediter: Sendable {
    public let plan: Plan
    public let roster: Roster
    let store: BookingStore
    /// [role * 2 + (partner channel ? 1 : 0)]: plain values only (no reference counting in the loop).
    let rules: [CreditRuleFacts]
    /// The plan key of each rule, same order: `roles.direct_rep.partner_deals`.
    let ruleKeyPaths: [String]
    /// Per person (``PersonIndex/offset``): the role.
    let personRole: [Int32]
    /// Per role and territory text id of the store: with a dated roster, index into
    /// ``territoryTimelines`` (the owner on a booking's date is looked up there); without dates,
    /// the owner itself (``PersonIndex/rawValue``: one row per id, nothing to look up).
    /// ``nobody``: nobody of the role owns it.
    let territoryOwner: [[Int32]]
    let territoryTimelines: [TerritoryTimeline]
    /// Whether some roster row has effective dates; without, each partner's manager is fixed.
    let dated: Bool
    /// Per partner without dates: its manager's ``PersonIndex/rawValue``, or ``nobody``.
    let fixedPartnerManager: [Int32]
    /// Whether some role credits `team` on direct / partner deals (the line's other credits are
    /// then collected first).
    let teamOnDirect: Bool, teamOnPartner: Bool
    /// No person, in the raw tables above.
    static let nobody: Int32 = -1

    public init(plan: Plan, roster: Roster, ledger: Ledger) {
        self.plan = plan
        self.roster = roster
        store = ledger.store
        var rules: [CreditRuleFacts] = []
        var keyPaths: [String] = []
        for role in plan.roles {
            for partner in [false, true] {
                let rule = partner ? role.partnerDeals : role.directDeals
                rules.append(CreditRuleFacts(
                    method: rule.method, requiresRegistration: partner && rule.requiresRegistration,
                    basisKind: partner ? (rule.basis == .net ? .net : .gross) : .revenue,
                    quota: rule.quotaCredit || !partner,
                    flatRate: partner && !rule.quotaCredit ? (rule.flatRate ?? .zero) : nil))
                keyPaths.append(rule.keyPath)
            }
        }
        self.rules = rules
        ruleKeyPaths = keyPaths
        personRole = roster.people.map { Int32($0.role) }
        // Who owns a territory on a day is the roster's (SPEC 8.1); here each territory text
        // of the ledger is resolved to its timeline once, so a line's lookup is one binary search.
        let texts = ledger.store.texts
        var owners: [[Int32]] = []
        var timelines: [TerritoryTimeline] = []
        for role in 0..<plan.roles.count {
            var column = [Int32](repeating: Crediter.nobody, count: texts.count)
            if role < roster.territoryOwners.count, !roster.territoryOwners[role].isEmpty {
                for t in 0..<texts.count {
                    let name = texts.string(UInt32(t))
                    if !name.isEmpty, let timeline = roster.territoryOwners[role][name] {
                        if roster.isEffectiveDated {
                            column[t] = Int32(timelines.count)
                            timelines.append(timeline)
                        } else if let owner = timeline.owner(onPacked: 0) {
                            column[t] = owner.rawValue
                        }
                    }
                }
            }
            owners.append(column)
        }
        territoryOwner = owners
        territoryTimelines = timelines
        dated = roster.isEffectiveDated
        fixedPartnerManager = roster.partners.indices.map { roster.partnerManager(PartnerIndex($0), onPacked: 0)?.rawValue ?? Crediter.nobody }
        teamOnDirect = plan.roles.contains { $0.directDeals.method == .team }
        teamOnPartner = plan.roles.contains { $0.partnerDeals.method == .team }
    }

    /// The rule of `role` for a booking's channel.
    @inline(__always)
    func facts(role: Int, partnerChannel: Bool) -> CreditRuleFacts { rules[role * 2 + (partnerChannel ? 1 : 0)] }

    /// Calls `emit` with each person `role` credits on booking `index` priced as `a` (no
    /// allocation for a sole recipient); returns why nobody was credited, if so.
    ///
    /// D1 direct, S 10000.00, reps `ann:60;bob:40`, role direct_rep (`named`) → ann 600000,
    /// bob 400000 minor units, weights 60 and 40 of 100.
    @inline(__always)
    func forEachCredit(_ index: BookingIndex, amounts a: PricedAmounts, role: Int,
                       emit: (CreditShare) throws(NumericError) -> Void) throws(NumericError) -> NoCreditReason? {
        let r = store.record(index)
        let isPartner = r.isPartnerChannel
        let facts = rules[role * 2 + (isPartner ? 1 : 0)]
        if facts.method == .none { return nil }
        if facts.requiresRegistration && !r.isApproved { return .registrationNotApproved }
        let basis = facts.basisKind == .gross ? a.gross : a.net
        switch facts.method {
        case .none:
            return nil
        case .named:
            var count = 0
            var only = PersonIndex(rawValue: Crediter.nobody)
            try store.forEachRep(r) { s throws(NumericError) in
                if personRole[s.person.offset] == Int32(role) { count += 1; only = s.person }
            }
            if count == 0 { return .nobodyNamed }
            if count == 1 {
                try emit(CreditShare(person: only, amount: basis, basis: basis, weight: .one, totalWeight: .one))
                return nil
            }
            var people: [PersonIndex] = []
            var weights: [ExactDecimal] = []
            people.reserveCapacity(count)
            weights.reserveCapacity(count)
            try store.forEachRep(r) { s throws(NumericError) in
                if personRole[s.person.offset] == Int32(role) { people.append(s.person); weights.append(s.split ?? .one) }
            }
            let minorUnits = plan.currency.minorUnits
            let parts = try Allocation.split(Money(ExactDecimal(unchecked: basis, UInt8(minorUnits)), plan.currency), weights: weights)
            var total = ExactDecimal.zero
            for w in weights { total = try total.adding(w) }
            for k in people.indices {
                let part = try parts[k].amount.rounded(scale: minorUnits, rule: .towardZero).significand
                try emit(CreditShare(person: people[k], amount: part, basis: basis, weight: weights[k], totalWeight: total))
            }
            return nil
        case .territory:
            guard let owner = territoryOwner(role: role, r) else { return .noTerritoryOwner }
            try emit(CreditShare(person: owner, amount: basis, basis: basis, weight: .one, totalWeight: .one))
            return nil
        case .partnerManager:
            guard let manager = partnerManager(of: index), personRole[manager.offset] == Int32(role) else { return .noManager }
            try emit(CreditShare(person: manager, amount: basis, basis: basis, weight: .one, totalWeight: .one))
            return nil
        case .team:
            // SPEC 8.3: everyone of this role above someone credited on the line by another
            // method (any role whose registration rule the line meets, a split of 0 included),
            // on the booking date, once, with the whole basis.
            var credited: [PersonIndex] = []
            for other in 0..<plan.roles.count {
                let o = rules[other * 2 + (isPartner ? 1 : 0)]
                if o.method == .team || o.method == .none || (o.requiresRegistration && !r.isApproved) { continue }
                try selected(index, r, role: other, method: o.method) { credited.append($0) }
            }
            var above: [PersonIndex] = []
            roster.teamCredited(role: role, above: credited, onPacked: r.date, into: &above)
            if above.isEmpty { return .nobodyAbove }
            for person in above {
                try emit(CreditShare(person: person, amount: basis, basis: basis, weight: .one, totalWeight: .one))
            }
            return nil
        }
    }

    /// The people `role` selects on a line by a method other than `team`, without amounts.
    @inline(__always)
    private func selected(_ index: BookingIndex, _ r: BookingRecord, role: Int, method: CreditRule.Method,
                          _ found: (PersonIndex) -> Void) throws(NumericError) {
        switch method {
        case .named:
            try store.forEachRep(r) { s throws(NumericError) in if personRole[s.person.offset] == Int32(role) { found(s.person) } }
        case .territory:
            if let owner = territoryOwner(role: role, r) { found(owner) }
        case .partnerManager:
            if let manager = partnerManager(of: index), personRole[manager.offset] == Int32(role) { found(manager) }
        case .team, .none:
            break
        }
    }

    /// The one person of `role` who owns the line's territory on its booking date (SPEC 8.1).
    @inline(__always)
    func territoryOwner(role: Int, _ r: BookingRecord) -> PersonIndex? {
        let t = territoryOwner[role][Int(r.territory)]
        if t == Crediter.nobody { return nil }
        return dated ? territoryTimelines[Int(t)].owner(onPacked: r.date) : PersonIndex(rawValue: t)
    }

    /// The channel account manager of booking `index` on its booking date: the manager of its
    /// partner's row in effect (the reseller, or on a direct deal the referrer), if that person
    /// has a row in effect too (SPEC 8.1).
    @inline(__always)
    public func partnerManager(of index: BookingIndex) -> PersonIndex? {
        let r = store.record(index)
        guard let partner = r.partnerIndex else { return nil }
        if !dated {
            let m = fixedPartnerManager[partner.offset]
            return m == Crediter.nobody ? nil : PersonIndex(rawValue: m)
        }
        return roster.partnerManager(partner, onPacked: r.date)
    }

    /// The credit lines of booking `index` for one role as the detailed run keeps them (shares
    /// in percent of the basis), or why there are none.
    public func creditLines(_ index: BookingIndex, pricer: Pricer, role: Int, period: Period, clawback: Int? = nil)
        throws(NumericError) -> (lines: [CreditLine], missing: NoCreditReason?)
    {
        var lines: [CreditLine] = []
        let missing = try forEachCreditLine(index, amounts: pricer.amounts(index), pricer: pricer, role: role,
                                            period: period, clawback: clawback) { line throws(NumericError) in
            lines.append(line)
        }
        return (lines, missing)
    }

    /// ``forEachCredit(_:amounts:role:emit:)`` as ``CreditLine`` values (negated on a clawback).
    func forEachCreditLine(_ index: BookingIndex, amounts a: PricedAmounts, pricer: Pricer, role: Int, period: Period,
                           clawback: Int?, emit: (CreditLine) throws(NumericError) -> Void) throws(NumericError) -> NoCreditReason? {
        let slot = role * 2 + (store.record(index).isPartnerChannel ? 1 : 0)
        let facts = rules[slot]
        let keyPath = ruleKeyPaths[slot]
        return try forEachCredit(index, amounts: a, role: role) { s throws(NumericError) in
            var amount = pricer.money(s.amount)
            if clawback != nil { amount = try amount.negated() }
            let share = try s.weight.multiplied(by: .hundred).divided(by: s.totalWeight, scale: 4, rule: .halfEven)
            try emit(CreditLine(booking: index, person: s.person, amount: amount, basis: pricer.money(s.basis),
                                basisKind: facts.basisKind, share: share, totalWeight: s.totalWeight,
                                quotaCredit: facts.quota, flatRate: facts.flatRate, method: facts.method,
                                rule: keyPath, period: period, clawback: clawback))
        }
    }

    /// Each person `role` credits on an event, with the parts of the line's G and N their
    /// credit stands for — G or N split exactly as the credit was (same rule, same weights) —
    /// all in minor units and negated on a clawback. `ordinal` is the person's place among the
    /// role's lines of the event (a ``CreditLine``'s order).
    ///
    /// Partner line L 10000.00, N 6500.00, no sale price (G 10000.00), `ann:60;bob:40` credited
    /// on N → ann: credit 3900.00, G part 6000.00, N part 3900.00; bob: 2600.00, 4000.00,
    /// 2600.00. Credited on G, the credit is the G part and N is split. A direct line (S): all
    /// three are the credit.
    func forEachCreditPart(_ index: BookingIndex, amounts a: PricedAmounts, role: Int, clawback: Bool,
                           emit: (_ ordinal: Int, _ person: PersonIndex, _ credit: Int128, _ gross: Int128,
                                  _ net: Int128) throws(NumericError) -> Void) throws(NumericError) {
        let facts = rules[role * 2 + (store.record(index).isPartnerChannel ? 1 : 0)]
        // The other amount split like the credit: G under a net rule, N under a gross rule.
        var other: [Int128] = []
        if facts.basisKind == .net || facts.basisKind == .gross {
            let total = facts.basisKind == .net ? a.gross : a.net
            let asBasis = PricedAmounts(list: 0, gross: total, net: total, discount: 0, referralFee: 0)
            _ = try forEachCredit(index, amounts: asBasis, role: role) { s throws(NumericError) in other.append(s.amount) }
        }
        var k = 0
        _ = try forEachCredit(index, amounts: a, role: role) { s throws(NumericError) in
            var credit = s.amount
            var gross = facts.basisKind == .net ? other[k] : credit
            var net = facts.basisKind == .gross ? other[k] : credit
            if clawback {
                credit = try Crediter.negated(credit)
                gross = try Crediter.negated(gross)
                net = try Crediter.negated(net)
            }
            try emit(k, s.person, credit, gross, net)
            k += 1
        }
    }

    static func negated(_ x: Int128) throws(NumericError) -> Int128 {
        let (n, overflow) = Int128(0).subtractingReportingOverflow(x)
        if overflow { throw NumericError.overflow(operation: "negate", operands: ["\(x)"]) }
        return n
    }

    /// Whose deal a `team` credit line stands on and through which chain (SPEC 8.3): each
    /// person credited on the line by another method whom the line's person is above, with the
    /// manager chain from them up to the line's person, on the booking date.
    ///
    /// alice and bob split D1 60/40; mia manages both; dan manages mia → for dan's team line:
    /// "team: above alice (alice → mia → dan), bob (bob → mia → dan)".
    public func teamPath(of line: CreditLine) throws(NumericError) -> String {
        guard line.method == .team else { return Crediter.howCredited(line, booking: store.booking(line.booking), roster: roster) }
        let r = store.record(line.booking)
        let isPartner = r.isPartnerChannel
        var credited: [PersonIndex] = []
        for other in 0..<plan.roles.count {
            let o = rules[other * 2 + (isPartner ? 1 : 0)]
            if o.method == .team || o.method == .none || (o.requiresRegistration && !r.isApproved) { continue }
            try selected(line.booking, r, role: other, method: o.method) { if !credited.contains($0) { credited.append($0) } }
        }
        var paths: [String] = []
        for person in credited {
            var chain = [roster.people[person].id.rawValue]
            for m in roster.managerChain(above: person, onPacked: r.date) {
                chain.append(roster.people[m].id.rawValue)
                if m == line.person {
                    paths.append("\(chain[0]) (\(chain.joined(separator: " → ")))")
                    break
                }
            }
        }
        return "team: above " + (paths.isEmpty ? "nobody" : paths.joined(separator: ", "))
    }

    /// How a credit line was credited, in words, for traces and statements.
    ///
    /// "named", "named, split 60%", "territory WEST", "manager of P1".
    public static func howCredited(_ l: CreditLine, booking b: Booking, roster: Roster) -> String {
        switch l.method {
        case .named: return l.share == .hundred ? "named" : "named, split \(l.share.normalized)%"
        case .territory: return "territory \(b.territory)"
        case .partnerManager: return "manager of \(b.partner.map { roster.partners[$0].id.rawValue } ?? "")"
        case .team: return "team"
        case .none: return ""
        }
    }
}
