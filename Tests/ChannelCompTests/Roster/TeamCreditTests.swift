import Testing
@testable import ChannelComp

/// Who `team` credit selects (SPEC 8.3): people of the role above a credited person on the
/// booking date, each once.
@Suite("Team credit: who is above the credited people (SPEC 8.3)")
struct TeamCreditTests {
    /// alice and bob report to mia (channel_manager stands in for a team role here), mia to dan
    /// (director) until 2027-06-30; carl reports to max (another channel_manager) from
    /// 2027-04-01, to mia before.
    static let people = """
        id,name,role,quota,territory,effective_from,effective_to,manager
        alice,Alice,direct_rep,500000,WEST,,,mia
        bob,Bob,direct_rep,500000,EAST,,,mia
        carl,Carl,direct_rep,500000,NORTH,,2027-03-31,mia
        carl,Carl,direct_rep,500000,NORTH,2027-04-01,,max
        mia,Mia,channel_manager,800000,,,,dan
        max,Max,channel_manager,800000,,,,dan
        dan,Dan,director,,,,2027-06-30,
        """

    static func credited(role: String, above ids: [String], on date: String) throws -> [String] {
        let plan = try rosterPlan()
        let (roster, d) = try loadRoster(people: people, plan: plan)
        #expect(!d.hasErrors, "\(d.errors.map { $0.render() })")
        var found: [PersonIndex] = [99]   // cleared by the call
        roster.teamCredited(role: plan.roleIndex(named: role)!, above: ids.map { roster.index(of: $0) },
                            onPacked: day(date).packed, into: &found)
        return found.map { roster.people[$0].id.rawValue }
    }

    @Test("mia above alice and bob is credited once; dan above mia too, in his own role")
    func specExample() throws {
        #expect(try Self.credited(role: "channel_manager", above: ["alice", "bob"], on: "2027-01-10") == ["mia"])
        #expect(try Self.credited(role: "director", above: ["alice", "bob"], on: "2027-01-10") == ["dan"])
        // Nobody of direct_rep is above them.
        #expect(try Self.credited(role: "direct_rep", above: ["alice", "bob"], on: "2027-01-10") == [])
    }

    @Test("two different managers of the role are each credited; by the booking date")
    func byDate() throws {
        // 2027-03-31: carl still reports to mia → only mia; 2027-04-01: max too.
        #expect(try Self.credited(role: "channel_manager", above: ["alice", "carl"], on: "2027-03-31") == ["mia"])
        #expect(try Self.credited(role: "channel_manager", above: ["alice", "carl"], on: "2027-04-01") == ["mia", "max"])
        // dan's row ends 2027-06-30: in the chain that day, not the next.
        #expect(try Self.credited(role: "director", above: ["carl"], on: "2027-06-30") == ["dan"])
        #expect(try Self.credited(role: "director", above: ["carl"], on: "2027-07-01") == [])
        // Nobody credited on the line: nobody above.
        #expect(try Self.credited(role: "channel_manager", above: [], on: "2027-04-01") == [])
    }
}
