import Testing
@testable import ChannelComp

/// SPEC 8.7: who a run lists.
@Suite("Who is listed (SPEC 8.7)")
struct ListedPayeesTests {
    /// old left 2026-12-31; new joins 2027-07-01; stay has no dates; gone left 2025-12-31.
    static let people = """
        id,name,role,quota,territory,effective_from,effective_to
        old,Old,direct_rep,500000,WEST,,2026-12-31
        new,New,direct_rep,500000,EAST,2027-07-01,
        stay,Stay,channel_manager,800000,,,
        gone,Gone,direct_rep,500000,NORTH,,2025-12-31
        """
    static let partners = """
        id,name,level,manager,effective_from,effective_to
        P1,Acme,,stay,,2026-12-31
        P2,Beta,,stay,2027-12-31,
        """

    static func listed(_ period: String, _ activity: PayeeActivity = PayeeActivity(), startMonth: Int? = nil) throws -> (people: [String], partners: [String]) {
        let plan = try rosterPlan(fiscalYearStartMonth: startMonth)
        let (roster, d) = try loadRoster(people: people, partners: partners, plan: plan)
        #expect(!d.hasErrors, "\(d.errors.map { $0.render() })")
        let listed = ListedPayees(roster: roster, year: FiscalYear(containing: Period(parsing: period)!, calendar: plan.fiscalCalendar), activity: activity)
        return (listed.people.map { roster.people[$0].id.rawValue }, listed.partners.map { roster.partners[$0].id.rawValue })
    }

    @Test("a row in effect on some day of the fiscal year, including days after the period")
    func byRows() throws {
        // 2027-03: new's row starts in July and still counts; P2's on the year's last day.
        let l = try Self.listed("2027-03")
        #expect(l.people == ["new", "stay"])
        #expect(l.partners == ["P2"])
        // 2026: old and gone? gone left 2025-12-31: out. P1 in, P2 (from 2027-12-31) out.
        let y2026 = try Self.listed("2026-05")
        #expect(y2026.people == ["old", "stay"])
        #expect(y2026.partners == ["P1"])
    }

    @Test("activity in the fiscal year lists someone without a row in it")
    func byActivity() throws {
        var a = PayeeActivity()
        a.peopleCredited = [0]           // old: a clawback in 2027 of a 2026 booking
        a.partnersInJournal = [0]        // P1: a journal row of an earlier month of 2027
        var l = try Self.listed("2027-03", a)
        #expect(l.people == ["old", "new", "stay"])
        #expect(l.partners == ["P1", "P2"])
        a = PayeeActivity()
        a.peopleAdjusted = [3]           // gone: an adjustment in 2027
        a.partnersActive = [0]           // P1: a referral fee
        l = try Self.listed("2027-03", a)
        #expect(l.people == ["new", "stay", "gone"])
        #expect(l.partners == ["P1", "P2"])
        a = PayeeActivity()
        a.peopleInJournal = [0]
        a.partnersAdjusted = [0]
        l = try Self.listed("2027-03", a)
        #expect(l.people == ["old", "new", "stay"] && l.partners == ["P1", "P2"])
    }

    @Test("the fiscal year's bounds: a fiscal year starting in July")
    func fiscalYearBounds() throws {
        // FY 2026-07 … 2027-06 holds old's last day (2026-12-31) but not new's first (2027-07-01).
        let l = try Self.listed("2027-06", startMonth: 7)
        #expect(l.people == ["old", "stay"])
        #expect(l.partners == ["P1"])
        // FY 2027-07 … 2028-06: new in, old out; P2 in (from 2027-12-31).
        let next = try Self.listed("2027-07", startMonth: 7)
        #expect(next.people == ["new", "stay"])
        #expect(next.partners == ["P2"])
    }
}
