/// One person's credit from one booking line under one role rule (SPEC 3.3).
///
/// D1 (direct, S 10000.00, reps `ann:60;bob:40`) → two lines: ann 6000.00, bob 4000.00, both quota
/// credit under `roles.direct_rep.direct_deals`. A clawback repeats them negated in its own period.
public struct CreditLine: Sendable {
    /// Index into ``Ledger/bookings``.
    public var booking: Int
    /// Index into ``Roster/people``.
    public var person: Int32
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
}

/// Decides who a role credits on a booking line and splits the basis exactly.
///
/// Partner deal N 3640.00 in WEST, `credit: territory`: ann owns WEST → ann 3640.00.
public struct Crediter: Sendable {
    public let plan: Plan
    public let roster: Roster
    /// Territory owner per role: roleIndex → territory → person.
    let territoryOwners: [[String: Int32]]

    public init(plan: Plan, roster: Roster) {
        self.plan = plan
        self.roster = roster
        var owners = [[String: Int32]](repeating: [:], count: plan.roles.count)
        for (i, p) in roster.people.enumerated() where !p.territory.isEmpty {
            if owners[p.role][p.territory] == nil { owners[p.role][p.territory] = Int32(i) }
        }
        territoryOwners = owners
    }

    /// Credit lines of one booking line for one role, or why there are none.
    public func credit(_ priced: PricedLine, booking b: Booking, role roleIndex: Int, period: Period) throws(NumericError)
        -> (lines: [CreditLine], missing: NoCreditReason?)
    {
        var lines: [CreditLine] = []
        let missing = try forEachCredit(priced, booking: b, role: roleIndex, period: period) { line throws(NumericError) in
            var line = line
            line.share = try line.share.multiplied(by: .hundred).divided(by: line.totalWeight, scale: 4, rule: .halfEven)
            lines.append(line)
        }
        return (lines, missing)
    }

    /// Calls `emit` for each person a role credits on a booking line (no allocation for a
    /// sole recipient); returns why nobody was credited, if so. Lines passed to `emit` carry
    /// the person's raw weight in `share` and the weights' sum in `totalWeight`.
    @inline(__always)
    public func forEachCredit(_ priced: PricedLine, booking b: Booking, role roleIndex: Int, period: Period,
                              emit: (CreditLine) throws(NumericError) -> Void) throws(NumericError) -> NoCreditReason?
    {
        let role = plan.roles[roleIndex]
        let rule = b.channel == .direct ? role.directDeals : role.partnerDeals
        if rule.method == .none { return nil }
        if b.channel == .partner && rule.requiresRegistration && b.registration != .approved {
            return .registrationNotApproved
        }
        let basisKind: BasisKind = b.channel == .direct ? .revenue : (rule.basis == .net ? .net : .gross)
        let basis = basisKind == .gross ? priced.gross : priced.net
        let quota = rule.quotaCredit || b.channel == .direct
        let flat: Rate? = b.channel == .direct ? nil : (rule.quotaCredit ? nil : rule.flatRate)
        func line(_ person: Int32, _ amount: Money, _ weight: ExactDecimal, _ total: ExactDecimal) -> CreditLine {
            CreditLine(booking: priced.booking, person: person, amount: amount, basis: basis, basisKind: basisKind,
                       share: weight, totalWeight: total, quotaCredit: quota, flatRate: flat, method: rule.method,
                       rule: rule.keyPath, period: period, clawback: nil)
        }
        switch rule.method {
        case .none:
            return nil
        case .named:
            var count = 0
            var only: RepShare? = nil
            for r in b.reps where roster.people[Int(r.person)].role == roleIndex {
                count += 1
                only = r
            }
            guard count > 0, let only else { return .nobodyNamed }
            if count == 1 {
                try emit(line(only.person, basis, .one, .one))
                return nil
            }
            var people: [Int32] = []
            var weights: [ExactDecimal] = []
            people.reserveCapacity(count)
            weights.reserveCapacity(count)
            for r in b.reps where roster.people[Int(r.person)].role == roleIndex {
                people.append(r.person)
                weights.append(r.split ?? .one)
            }
            let parts = try Allocation.split(basis, weights: weights)
            var total = ExactDecimal.zero
            for w in weights { total = try total.adding(w) }
            for i in people.indices { try emit(line(people[i], parts[i], weights[i], total)) }
            return nil
        case .territory:
            guard !b.territory.isEmpty, let owner = territoryOwners[roleIndex][b.territory] else {
                return .noTerritoryOwner
            }
            try emit(line(owner, basis, .one, .one))
            return nil
        case .partnerManager:
            guard let p = b.partner, let manager = roster.partners[Int(p)].manager,
                  roster.people[Int(manager)].role == roleIndex else { return .noManager }
            try emit(line(manager, basis, .one, .one))
            return nil
        }
    }
}
