/// One row of people.csv: what a person is on the days of its range (SPEC 2.3, 8.1).
///
///     ann,Ann,direct_rep,1200000,WEST,2027-07-01,,mia → from 2027-07-01: quota 1200000.00, WEST, manager mia
public struct PersonRow: RosterRow {
    public var range: EffectiveRange
    public var name: String
    public var quota: Money?
    public var territory: String
    /// Index into the roster's people of the `manager` (SPEC 8.3), nil when empty.
    public var manager: PersonIndex?
    public var sourceLine: Int
}

/// A payee who is a person: rep, channel manager, anyone the plan pays.
///
/// One entry per id (the payee list is by id) with the timeline of its rows. A person with
/// one row (every v1 roster) reads as before: ``quota``, ``territory``, ``manager`` are that
/// row's values. Date-aware code asks ``row(on:)``; for several rows the plain accessors give
/// the latest row's values.
public struct Person: Sendable {
    public var id: PersonID
    /// Index into ``Plan/roles``: one role on all rows (SPEC 8.1).
    public var role: Int
    public var timeline: RosterTimeline<PersonRow>
    /// Line of the id's first row in people.csv.
    public var sourceLine: Int

    public init(id: PersonID, role: Int, rows: [PersonRow], sourceLine: Int) {
        self.id = id
        self.role = role
        self.timeline = RosterTimeline(rows)
        self.sourceLine = sourceLine
    }

    /// The row in effect on the day, or nil.
    public func row(on day: CivilDate) -> PersonRow? { timeline.row(on: day) }

    /// The name of the latest row.
    public var name: String { timeline.latest.name }
    /// The single row's quota (latest row's with several rows; see ``FiscalYearQuota``).
    public var quota: Money? { timeline.latest.quota }
    /// The single row's territory (latest row's with several rows; see ``Roster/territoryOwner(role:territory:onPacked:)``).
    public var territory: String { timeline.latest.territory }
    /// The single row's manager (latest row's with several rows; see ``Roster/managerChain(above:onPacked:)``).
    public var manager: PersonIndex? { timeline.latest.manager }
}

/// One row of partners.csv: the partner's fixed level and manager on the days of its range.
///
///     P1,Acme VAR,Gold,cam,,2027-03-31 → until 2027-03-31: fixed level Gold, managed by cam
public struct PartnerRow: RosterRow {
    public var range: EffectiveRange
    public var name: String
    /// Index into the plan's partner levels, when fixed.
    public var fixedLevel: Int?
    /// Index into the roster's people.
    public var manager: PersonIndex?
    public var sourceLine: Int
}

/// A reseller or referrer: one entry per id with the timeline of its rows.
///
/// With one row, ``fixedLevel`` and ``manager`` are that row's values; date-aware code asks
/// ``Roster/partnerRow(_:onPacked:)``.
public struct Partner: Sendable {
    public var id: PartnerID
    public var timeline: RosterTimeline<PartnerRow>
    /// Line of the id's first row in partners.csv.
    public var sourceLine: Int

    public init(id: PartnerID, rows: [PartnerRow], sourceLine: Int) {
        self.id = id
        self.timeline = RosterTimeline(rows)
        self.sourceLine = sourceLine
    }

    /// The row in effect on the day, or nil.
    public func row(on day: CivilDate) -> PartnerRow? { timeline.row(on: day) }

    public var name: String { timeline.latest.name }
    /// The single row's fixed level (latest row's with several rows).
    public var fixedLevel: Int? { timeline.latest.fixedLevel }
    /// The single row's manager (latest row's with several rows).
    public var manager: PersonIndex? { timeline.latest.manager }
}

/// The payees of a run: people and partners in order of first appearance, one entry per id,
/// with id lookups and the date lookups of SPEC 8 (who owns a territory, manages a partner,
/// manages a person on day t).
public struct Roster: Sendable {
    public var peopleFile: String
    public var partnersFile: String?
    public var people: [Person]
    public var partners: [Partner]
    public var personIndex: [String: PersonIndex]
    public var partnerIndex: [String: PartnerIndex]
    /// Ids of people.csv rows rejected for an unusable role (references to them are not errors twice).
    public var rejectedPersonIDs: Set<String> = []
    /// Per role, territory → its owners over time.
    public let territoryOwners: [[String: TerritoryTimeline]]
    /// True when some row has an effective date (a v1 roster has none).
    public let isEffectiveDated: Bool

    public init(peopleFile: String, partnersFile: String?, people: [Person], partners: [Partner]) {
        self.peopleFile = peopleFile
        self.partnersFile = partnersFile
        self.people = people
        self.partners = partners
        var pi: [String: PersonIndex] = [:]
        for (i, p) in people.enumerated() where pi[p.id.rawValue] == nil { pi[p.id.rawValue] = PersonIndex(i) }
        var ri: [String: PartnerIndex] = [:]
        for (i, p) in partners.enumerated() where ri[p.id.rawValue] == nil { ri[p.id.rawValue] = PartnerIndex(i) }
        personIndex = pi
        partnerIndex = ri
        territoryOwners = TerritoryTimeline.index(people)
        isEffectiveDated = people.contains { !$0.timeline.isAlways } || partners.contains { !$0.timeline.isAlways }
    }

    /// The person's row in effect on the day, or nil.
    @inlinable
    public func personRow(_ person: PersonIndex, onPacked day: UInt32) -> PersonRow? {
        people[person].timeline.row(onPacked: day)
    }

    /// The partner's row in effect on the day, or nil (no fixed level, no manager that day).
    @inlinable
    public func partnerRow(_ partner: PartnerIndex, onPacked day: UInt32) -> PartnerRow? {
        partners[partner].timeline.row(onPacked: day)
    }

    /// The partner's channel account manager on the day: the `manager` of its row in effect,
    /// if that person has a row in effect too (SPEC 8.1), else nil.
    @inlinable
    public func partnerManager(_ partner: PartnerIndex, onPacked day: UInt32) -> PersonIndex? {
        guard let m = partnerRow(partner, onPacked: day)?.manager,
              people[m].timeline.index(onPacked: day) != nil else { return nil }
        return m
    }

    /// The partner's fixed level on the day (nil: none, levels by trailing volume).
    @inlinable
    public func partnerFixedLevel(_ partner: PartnerIndex, onPacked day: UInt32) -> Int? {
        partnerRow(partner, onPacked: day)?.fixedLevel
    }

    /// The one person of `role` whose row in effect on the day owns `territory`, or nil.
    public func territoryOwner(role: Int, territory: String, onPacked day: UInt32) -> PersonIndex? {
        guard role < territoryOwners.count, let t = territoryOwners[role][territory] else { return nil }
        return t.owner(onPacked: day)
    }

    /// The people above `person` on the day, nearest first (SPEC 8.3).
    public func managerChain(above person: PersonIndex, onPacked day: UInt32) -> ManagerChain {
        ManagerChain(people: people, start: person, day: day)
    }
}

/// Who owned one territory in one role, over time: tenures sorted by date, never overlapping
/// (SPEC 8.1: within one role, a territory has at most one owner on any day).
///
///     WEST in direct_rep: ann 2027-01-01 to 2027-06-30, bea from 2027-07-01
///     owner(on 2027-06-30) → ann;  owner(on 2027-07-01) → bea
public struct TerritoryTimeline: Sendable {
    /// One owner's days.
    public struct Tenure: RosterRow {
        public var range: EffectiveRange
        public var person: PersonIndex
        public var sourceLine: Int
    }
    public private(set) var tenures: RosterTimeline<Tenure>

    /// The owner on the day (``CivilDate/packed``), or nil; O(log tenures).
    @inlinable
    public func owner(onPacked day: UInt32) -> PersonIndex? { tenures.row(onPacked: day)?.person }

    /// Per role, territory → timeline, from every row with a territory. Where rows overlap
    /// (an error the loader reports) the row that comes first in the file is kept.
    static func index(_ people: [Person]) -> [[String: TerritoryTimeline]] {
        let roles = (people.map(\.role).max() ?? -1) + 1
        var tenures = [[String: DisjointRanges<Tenure>]](repeating: [:], count: roles)
        var rows: [(person: PersonIndex, row: PersonRow)] = []
        for (i, p) in people.enumerated() {
            for r in p.timeline.rows where !r.territory.isEmpty { rows.append((PersonIndex(i), r)) }
        }
        rows.sort { $0.row.sourceLine < $1.row.sourceLine }
        for (person, r) in rows {
            let role = people[person].role
            if !(tenures[role][r.territory]?.overlapping(r.range).isEmpty ?? true) { continue }
            tenures[role][r.territory, default: DisjointRanges()].insert(r.range, Tenure(range: r.range, person: person, sourceLine: r.sourceLine))
        }
        return tenures.map { $0.mapValues { TerritoryTimeline(tenures: RosterTimeline($0.items.map(\.value))) } }
    }
}

/// The people above a person on one day, nearest first (SPEC 8.3): it follows `manager`
/// through the rows in effect on the day, and ends at an empty `manager` or at a manager
/// with no row in effect that day. Iterating allocates nothing.
///
///     alice → mia → dan (rows in effect on 2027-03-10)   managerChain(above: alice) = [mia, dan]
public struct ManagerChain: Sequence, IteratorProtocol, Sendable {
    let people: [Person]
    var current: PersonIndex
    let day: UInt32
    var steps = 0

    init(people: [Person], start: PersonIndex, day: UInt32) {
        self.people = people
        self.current = start
        self.day = day
    }

    public mutating func next() -> PersonIndex? {
        // The loader rejects loops; the step bound keeps a hand-built roster from spinning.
        guard steps < people.count, let m = people[current].timeline.row(onPacked: day)?.manager,
              people[m].timeline.index(onPacked: day) != nil else { return nil }
        steps += 1
        current = m
        return m
    }
}
