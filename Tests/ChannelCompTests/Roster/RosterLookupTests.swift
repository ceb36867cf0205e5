import Testing
@testable import ChannelComp

/// The date lookups of SPEC 8.1 / 8.3, each on both sides of every date boundary.
@Suite("Roster by date: who is this on day t (SPEC 8.1, 8.3)")
struct RosterLookupTests {
    /// ann owns WEST until 2027-03-31 (a month's last day); bea takes WEST on 2027-04-01 (a
    /// month's first day) and leaves on 2027-09-29; cyd moves into WEST on 2027-09-30 (the
    /// last day of September). In 2028 (leap): dee owns LEAP until 2028-02-28, eve from the
    /// leap day 2028-02-29 until 2028-02-29, fay from 2028-03-01.
    static let people = """
        id,name,role,quota,territory,effective_from,effective_to,manager
        ann,Ann,direct_rep,500000,WEST,,2027-03-31,mia
        bea,Bea,direct_rep,600000,WEST,2027-04-01,2027-09-29,mia
        cyd,Cyd,direct_rep,700000,EAST,,2027-09-29,mia
        cyd,Cyd,direct_rep,700000,WEST,2027-09-30,,mia
        mia,Mia,channel_manager,800000,,,,dan
        dan,Dan,director,,,,2027-06-30,
        dee,Dee,direct_rep,500000,LEAP,,2028-02-28,
        eve,Eve,direct_rep,500000,LEAP,2028-02-29,2028-02-29,
        fay,Fay,direct_rep,500000,LEAP,2028-03-01,,
        """

    static func roster() throws -> (Roster, Plan) {
        let plan = try rosterPlan()
        let (roster, diagnostics) = try loadRoster(people: people, plan: plan)
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors.map { $0.render() })")
        return (roster, plan)
    }

    @Test("one entry per id, in order of first appearance; a person's rows sorted by date")
    func oneEntryPerID() throws {
        let (roster, _) = try Self.roster()
        #expect(roster.people.map(\.id.rawValue) == ["ann", "bea", "cyd", "mia", "dan", "dee", "eve", "fay"])
        let cyd = roster.people[roster.index(of: "cyd")]
        #expect(cyd.timeline.rows.map(\.territory) == ["EAST", "WEST"])
        #expect(cyd.timeline.rows.map(\.sourceLine) == [4, 5])
        #expect(cyd.sourceLine == 4)
        #expect(roster.isEffectiveDated)
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        let territory: String, date: String, owner: String?
        var testDescription: String { "\(territory) on \(date) → \(owner ?? "nobody")" }
    }

    @Test("territory owner on day t", arguments: [
        Vector(territory: "WEST", date: "2026-01-01", owner: "ann"),  // no effective_from: since always
        Vector(territory: "WEST", date: "2027-03-31", owner: "ann"),  // ann's effective_to day is in
        Vector(territory: "WEST", date: "2027-04-01", owner: "bea"),  // the day after: bea, a month's first day
        Vector(territory: "WEST", date: "2027-09-29", owner: "bea"),  // bea's last day
        Vector(territory: "WEST", date: "2027-09-30", owner: "cyd"),  // cyd moves in on a month's last day
        Vector(territory: "EAST", date: "2027-09-29", owner: "cyd"),  // cyd's EAST row: last day in
        Vector(territory: "EAST", date: "2027-09-30", owner: nil),    // the day after: EAST has nobody
        Vector(territory: "LEAP", date: "2028-02-28", owner: "dee"),
        Vector(territory: "LEAP", date: "2028-02-29", owner: "eve"),  // the leap day alone
        Vector(territory: "LEAP", date: "2028-03-01", owner: "fay"),
        Vector(territory: "NORTH", date: "2027-05-05", owner: nil),
    ])
    func territoryOwner(_ v: Vector) throws {
        let (roster, plan) = try Self.roster()
        #expect(roster.owner(v.territory, role: "direct_rep", on: v.date, plan: plan) == v.owner)
        // Another role owns nothing here.
        #expect(roster.owner(v.territory, role: "channel_manager", on: v.date, plan: plan) == nil)
    }

    @Test("the person row in effect: effective_to day in, the day after out")
    func personRow() throws {
        let (roster, _) = try Self.roster()
        let ann = roster.people[roster.index(of: "ann")]
        #expect(ann.row(on: day("2027-03-31"))?.quota?.formatted == "500000.00")
        #expect(ann.row(on: day("2027-04-01")) == nil)
        let bea = roster.people[roster.index(of: "bea")]
        #expect(bea.row(on: day("2027-03-31")) == nil)          // the day before her first
        #expect(bea.row(on: day("2027-04-01"))?.sourceLine == 3)
        let eve = roster.people[roster.index(of: "eve")]
        #expect(eve.row(on: day("2028-02-28")) == nil)
        #expect(eve.row(on: day("2028-02-29")) != nil)          // a one-day row on the leap day
        #expect(eve.row(on: day("2028-03-01")) == nil)
    }

    @Test("the manager chain above a person on day t")
    func managerChain() throws {
        let (roster, _) = try Self.roster()
        // dan (director) is in effect until 2027-06-30: in the chain that day, gone the next.
        #expect(roster.chain(above: "ann", on: "2027-03-31") == ["mia", "dan"])
        #expect(roster.chain(above: "bea", on: "2027-06-30") == ["mia", "dan"])
        #expect(roster.chain(above: "bea", on: "2027-07-01") == ["mia"])
        // ann has no row after 2027-03-31: her manager is unknown then, the chain is empty.
        #expect(roster.chain(above: "ann", on: "2027-04-01") == [])
        #expect(roster.chain(above: "mia", on: "2027-01-01") == ["dan"])
        #expect(roster.chain(above: "dan", on: "2027-01-01") == [])       // empty manager ends it
        #expect(roster.chain(above: "dee", on: "2028-01-01") == [])
    }

    @Test("a partner's manager and fixed level on day t")
    func partnerByDate() throws {
        let plan = try rosterPlan()
        let (roster, diagnostics) = try loadRoster(people: Self.people, partners: """
            id,name,level,manager,effective_from,effective_to
            P1,Acme,Gold,mia,,2027-06-30
            P1,Acme,,dan,2027-07-01,
            P2,Beta,Silver,dan,,
            """, plan: plan)
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors.map { $0.render() })")
        let p1 = roster.partnerIndex["P1"]!, p2 = roster.partnerIndex["P2"]!
        let gold = plan.partnerProgram.levelIndex(named: "Gold"), silver = plan.partnerProgram.levelIndex(named: "Silver")
        func manager(_ p: PartnerIndex, _ d: String) -> String? { roster.partnerManager(p, onPacked: day(d).packed).map { roster.people[$0].id.rawValue } }
        #expect(manager(p1, "2027-06-30") == "mia")
        #expect(roster.partnerFixedLevel(p1, onPacked: day("2027-06-30").packed) == gold)
        // From 2027-07-01 P1 is managed by dan, whose own row ended 2027-06-30: no manager that
        // day (SPEC 8.1), and no fixed level (levels by trailing volume).
        #expect(manager(p1, "2027-07-01") == nil)
        #expect(roster.partnerFixedLevel(p1, onPacked: day("2027-07-01").packed) == nil)
        // P2 (no dates) is managed by dan up to his last day, by nobody after it.
        #expect(manager(p2, "2027-06-30") == "dan")
        #expect(manager(p2, "2027-07-01") == nil)
        #expect(roster.partnerFixedLevel(p2, onPacked: day("2030-01-01").packed) == silver)
        #expect(roster.partners.count == 2)
    }

    @Test("a v1 roster: one row per id, in effect every day, the plain accessors are its values")
    func v1Roster() throws {
        let (roster, diagnostics) = try loadRoster(people: Scenario.standardPeople, partners: Scenario.standardPartners)
        #expect(!diagnostics.hasErrors)
        #expect(!roster.isEffectiveDated)
        let ann = roster.people[0]
        #expect(ann.timeline.isAlways)
        #expect(ann.quota?.formatted == "500000.00" && ann.territory == "WEST" && ann.name == "Ann")
        #expect(roster.partners[0].manager == 1 && roster.partners[0].fixedLevel == nil)
        #expect(ann.row(on: day("0001-01-01")) != nil && ann.row(on: day("9999-12-31")) != nil)
    }

    @Test("EffectiveRange: containment, overlap, intersection, day counts")
    func effectiveRange() {
        let h1 = EffectiveRange(from: day("2027-01-01"), to: day("2027-06-30"))!
        let late = EffectiveRange(from: day("2027-06-30"), to: nil)!
        let july = EffectiveRange(from: day("2027-07-01"), to: nil)!
        #expect(h1.contains(day("2027-06-30")) && !h1.contains(day("2027-07-01")) && !h1.contains(day("2026-12-31")))
        #expect(h1.overlaps(late) && !h1.overlaps(july))                 // one shared day is an overlap
        #expect(h1.intersection(late)?.description == "2027-06-30 to 2027-06-30")
        #expect(EffectiveRange(from: day("2027-07-01"), to: day("2027-06-30")) == nil)
        #expect(EffectiveRange(from: day("2027-07-01"), to: day("2027-07-01")) != nil)   // one day
        // 2027-07-01 … 2027-12-31 = 31 + 31 + 30 + 31 + 30 + 31 = 184 days.
        #expect(july.days(from: day("2027-01-01"), through: day("2027-12-31")) == 184)
        // 2027-01-01 … 2027-06-30 = 31 + 28 + 31 + 30 + 31 + 30 = 181; 181 + 184 = 365.
        #expect(h1.days(from: day("2027-01-01"), through: day("2027-12-31")) == 181)
        #expect(h1.days(from: day("2028-01-01"), through: day("2028-12-31")) == 0)
        #expect(EffectiveRange.always.days(from: day("2028-01-01"), through: day("2028-12-31")) == 366)
        #expect([h1.description, july.description, EffectiveRange(from: nil, to: day("2027-06-30"))!.description, EffectiveRange.always.description]
                == ["2027-01-01 to 2027-06-30", "from 2027-07-01", "until 2027-06-30", "always"])
    }
}
