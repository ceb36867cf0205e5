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
        let role = plan.roles[roleIndex]
        let rule = role.rule(for: b.channel)
        if rule.method == .none { return ([], nil) }
        if b.channel == .partner && rule.requiresRegistration && b.registration != .approved {
            return ([], .registrationNotApproved)
        }
        let basisKind: BasisKind = b.channel == .direct ? .revenue : (rule.basis == .net ? .net : .gross)
        let basis = basisKind == .gross ? priced.gross : priced.net
        var people: [Int32] = []
        var weights: [ExactDecimal] = []
        switch rule.method {
        case .none:
            return ([], nil)
        case .named:
            let mine = b.reps.filter { roster.people[Int($0.person)].role == roleIndex }
            if mine.isEmpty { return ([], .nobodyNamed) }
            people = mine.map(\.person)
            weights = mine.map { $0.split ?? .one }
        case .territory:
            guard !b.territory.isEmpty, let owner = territoryOwners[roleIndex][b.territory] else {
                return ([], .noTerritoryOwner)
            }
            people = [owner]
            weights = [.one]
        case .partnerManager:
            guard let p = b.partner, let manager = roster.partners[Int(p)].manager,
                  roster.people[Int(manager)].role == roleIndex else { return ([], .noManager) }
            people = [manager]
            weights = [.one]
        }
        let parts = try Allocation.split(basis, weights: weights)
        var total = ExactDecimal.zero
        for w in weights { total = try total.adding(w) }
        var lines: [CreditLine] = []
        lines.reserveCapacity(people.count)
        for (i, person) in people.enumerated() {
            let share = try weights[i].multiplied(by: .hundred).divided(by: total, scale: 4, rule: .halfEven)
            lines.append(CreditLine(booking: priced.booking, person: person, amount: parts[i], basis: basis,
                                    basisKind: basisKind, share: share, quotaCredit: rule.quotaCredit || b.channel == .direct,
                                    flatRate: b.channel == .direct ? nil : (rule.quotaCredit ? nil : rule.flatRate),
                                    method: rule.method, rule: rule.keyPath, period: period, clawback: nil))
        }
        return (lines, nil)
    }
}
