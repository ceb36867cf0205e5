/// What a payee did in a fiscal year through a run's period, as the engine saw it: the inputs
/// of SPEC 8.7 besides the roster. Sets of roster indexes (``Roster/people`` and
/// ``Roster/partners``).
public struct PayeeActivity: Sendable {
    /// People with a credit line of any amount (zero included), or a clawback.
    public var peopleCredited: Set<PersonIndex> = []
    /// Partners with purchases, a clawback of them, or a paid referral fee.
    public var partnersActive: Set<PartnerIndex> = []
    /// Payees with an adjustment of the fiscal year through the period (SPEC 8.4).
    public var peopleAdjusted: Set<PersonIndex> = []
    public var partnersAdjusted: Set<PartnerIndex> = []
    /// Payees with a journal row (any amount) of an earlier month of the fiscal year.
    public var peopleInJournal: Set<PersonIndex> = []
    public var partnersInJournal: Set<PartnerIndex> = []

    public init() {}
}

/// Who a run lists, and `close` writes a row for (SPEC 8.7): a payee with a roster row in
/// effect on some day of the fiscal year, or with activity in it (``PayeeActivity``).
///
///     people.csv: old,…,,2026-12-31   new,…,2027-07-01,   stay,…(no dates)
///     run 2027-03 (fiscal year 2027) → listed: new (row later in the year counts), stay;
///     not old — unless old has a clawback or a journal row in 2027.
public struct ListedPayees: Sendable, Equatable {
    /// Roster indexes, in roster order.
    public var people: [PersonIndex]
    public var partners: [PartnerIndex]

    public init(roster: Roster, year: FiscalYear, activity: PayeeActivity) {
        let range = year.range
        people = roster.people.indices.map(PersonIndex.init).filter { i in
            roster.people[i].timeline.hasRow(overlapping: range)
                || activity.peopleCredited.contains(i) || activity.peopleAdjusted.contains(i)
                || activity.peopleInJournal.contains(i)
        }
        partners = roster.partners.indices.map(PartnerIndex.init).filter { i in
            roster.partners[i].timeline.hasRow(overlapping: range)
                || activity.partnersActive.contains(i) || activity.partnersAdjusted.contains(i)
                || activity.partnersInJournal.contains(i)
        }
    }
}
