import Foundation
import Testing
@testable import ChannelComp

/// The roster changes `audit` lists (SPEC 8.1), on Fixtures/roster-changes:
/// bob's only row ends 2027-02-15 and cam's 2027-02-28 (leavers in February); P1 moves from
/// cam to kim (hired that day) and to a fixed Gold level on 2027-03-01; alice moves WEST → EAST and cy is hired
/// on 2027-04-01; dee is hired 2027-07-01. A month with no boundary lists nothing.
@Suite("Roster changes of a period")
struct RosterChangesTests {
    static func fixture() throws -> (Plan, Roster) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/roster-changes")
        let plan = try #require(PlanLoader.load(file: "plan.json", bytes: Array(try Data(contentsOf: root.appendingPathComponent("plan.json")))).0)
        let (roster, diagnostics) = RosterLoader.load(
            peopleFile: "people.csv", peopleBytes: Array(try Data(contentsOf: root.appendingPathComponent("people.csv"))),
            partnersFile: "partners.csv", partnersBytes: Array(try Data(contentsOf: root.appendingPathComponent("partners.csv"))), plan: plan)
        #expect(!diagnostics.hasErrors)
        return (plan, roster)
    }

    static func describe(_ c: RosterChange) -> String { "\(c.date) \(c.id) \(c.kind.rawValue) \(c.before)→\(c.after) :\(c.sourceLine)" }

    @Test("hires, leavers, moves and partner changes, each in the month it takes effect")
    func changes() throws {
        let (plan, roster) = try Self.fixture()
        func changes(_ p: String) -> [String] { RosterChanges.inPeriod(roster, period: Period(parsing: p)!, plan: plan).map(Self.describe) }
        #expect(changes("2027-02") == ["2027-02-15 bob leaver NORTH→ :4", "2027-02-28 cam leaver → :9"])
        #expect(changes("2027-03") == ["2027-03-01 kim hire → :10", "2027-03-01 P1 partner_manager_change cam→kim :3", "2027-03-01 P1 level_change →Gold :3"])
        #expect(changes("2027-04") == ["2027-04-01 alice move WEST→EAST :3", "2027-04-01 cy hire →WEST :5"])
        #expect(changes("2027-07") == ["2027-07-01 dee hire →NORTH :6"])
        #expect(changes("2027-05").isEmpty)
    }
}
