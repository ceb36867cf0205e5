import Foundation
import Testing
@testable import ChannelComp

/// people.csv / partners.csv with effective dates and managers: every new error names the
/// file's line(s) and values (SPEC 8.1, 8.3), and valid histories load without a word.
@Suite("Roster loader: effective-dated rows and managers (SPEC 8.1, 8.3)")
struct RosterLoaderDateTests {
    static let header = "id,name,role,quota,territory,effective_from,effective_to,manager\n"

    /// The errors of loading `rows` under ``header`` (with a partners.csv when given).
    static func errors(_ rows: String, partners: String? = nil) throws -> [Diagnostic] {
        try loadRoster(people: header + rows, partners: partners).1.errors
    }

    @Test("a history without overlaps loads: adjacent rows (effective_to + 1 = next effective_from)")
    func adjacentRowsLoad() throws {
        let e = try Self.errors("""
            ann,Ann,direct_rep,500000,WEST,,2027-06-30,
            ann,Ann,direct_rep,600000,EAST,2027-07-01,2027-12-31,
            ann,Ann,direct_rep,700000,EAST,2028-02-01,,
            """)
        #expect(e.isEmpty, "\(e.map { $0.render() })")
    }

    @Test("overlapping rows of one id: both lines, both ranges, the shared days")
    func overlap() throws {
        // Row 2 ends 2027-07-01, row 3 starts 2027-07-01: one shared day is an overlap.
        let e = try Self.errors("""
            ann,Ann,direct_rep,500000,WEST,,2027-07-01,
            ann,Ann,direct_rep,600000,EAST,2027-07-01,,
            """)
        #expect(e.count == 1)
        #expect(e.first?.line == 3)
        #expect(e.first?.field == "column 'effective_from'")
        #expect(e.first?.message == "person \"ann\" has rows on line 2 (until 2027-07-01) and here (from 2027-07-01) that overlap on 2027-07-01 to 2027-07-01: the rows of one id must not overlap")
    }

    @Test("without effective date columns a repeated id keeps its v1 message")
    func v1Duplicate() throws {
        let (_, d) = try loadRoster(people: """
            id,name,role,quota,territory
            ann,Ann,direct_rep,500000,WEST
            ann,Ann Again,direct_rep,400000,EAST
            """)
        #expect(d.errors.map(\.message) == ["duplicate person id \"ann\": already defined on line 2"])
    }

    @Test("a role change of one id is an error naming the first line")
    func roleChange() throws {
        let e = try Self.errors("""
            ann,Ann,direct_rep,500000,WEST,,2027-06-30,
            ann,Ann,channel_manager,800000,,2027-07-01,,
            """)
        #expect(e.map(\.message) == ["person \"ann\" has role 'channel_manager' here but 'direct_rep' on line 2: a person keeps one role on all rows"])
        #expect(e.first?.line == 3 && e.first?.field == "column 'role'")
    }

    @Test("a territory with two owners of one role on overlapping dates; one after the other is fine")
    func territoryTwoOwners() throws {
        let e = try Self.errors("""
            ann,Ann,direct_rep,500000,WEST,,2027-06-30,
            bea,Bea,direct_rep,500000,WEST,2027-06-15,,
            cam,Cam,channel_manager,800000,WEST,,,
            """)
        #expect(e.count == 1)   // cam is of another role: no conflict
        #expect(e.first?.line == 3)
        #expect(e.first?.message == "territory \"WEST\" already has an owner in role 'direct_rep' on 2027-06-15 to 2027-06-30: ann on line 2 (until 2027-06-30); a territory has at most one owner per role on any day")
        let ok = try Self.errors("""
            ann,Ann,direct_rep,500000,WEST,,2027-06-30,
            bea,Bea,direct_rep,500000,WEST,2027-07-01,,
            """)
        #expect(ok.isEmpty, "\(ok.map(\.message))")
    }

    @Test("effective_from after effective_to; a malformed date")
    func badRange() throws {
        let e = try Self.errors("""
            ann,Ann,direct_rep,500000,WEST,2027-07-01,2027-06-30,
            bob,Bob,direct_rep,500000,EAST,2027-02-30,,
            """)
        #expect(e.map(\.message) == [
            "effective_to 2027-06-30 is before effective_from 2027-07-01: a row is in effect from its effective_from through its effective_to, both inclusive",
            "expected a date YYYY-MM-DD (or empty: no start), found \"2027-02-30\"",
        ])
        #expect(e.map(\.line) == [2, 3])
        // from = to: a one-day row is valid.
        #expect(try Self.errors("ann,Ann,direct_rep,500000,WEST,2027-07-01,2027-07-01,\n").isEmpty)
    }

    @Test("an unknown manager id is an error at its row; a manager named before their own row is fine")
    func unknownManager() throws {
        let e = try Self.errors("""
            ann,Ann,direct_rep,500000,WEST,,,mia
            bob,Bob,direct_rep,500000,EAST,,,zed
            mia,Mia,channel_manager,800000,,,,
            """)
        #expect(e.map(\.message) == ["expected a person id from people.csv, found \"zed\": no such person"])
        #expect(e.first?.line == 3 && e.first?.field == "column 'manager'" && e.first?.column == 34)
    }

    @Test("a manager loop: the chain and the first day it occurs")
    func managerLoop() throws {
        // mia → bob always; bob → mia only from 2027-07-01: the loop starts that day.
        let e = try Self.errors("""
            bob,Bob,direct_rep,500000,EAST,,2027-06-30,
            bob,Bob,direct_rep,500000,EAST,2027-07-01,,mia
            mia,Mia,channel_manager,800000,,,,bob
            """)
        #expect(e.map(\.message) == ["manager loop on 2027-07-01 (the first day it occurs): bob → mia → bob (lines 3, 4); the chain above a person must end"])
        #expect(e.first?.line == 3)
        // mia reports to bob until 2027-06-30, bob to mia from 2027-07-01: never on one day, no loop.
        #expect(try Self.errors("""
            bob,Bob,direct_rep,500000,EAST,,2027-06-30,
            bob,Bob,direct_rep,500000,EAST,2027-07-01,,mia
            mia,Mia,channel_manager,800000,,,2027-06-30,bob
            mia,Mia,channel_manager,800000,,2027-07-01,,
            """).isEmpty)
    }

    @Test("a loop from the start, and a person managing themself")
    func loopFromTheStart() throws {
        let e = try Self.errors("""
            ann,Ann,direct_rep,500000,WEST,,,bea
            bea,Bea,direct_rep,500000,EAST,,,ann
            cyd,Cyd,direct_rep,500000,NORTH,2027-03-01,,cyd
            """)
        #expect(e.map(\.message) == [
            "manager loop on the first days of the roster (rows without effective_from): ann → bea → ann (lines 2, 3); the chain above a person must end",
            "manager loop on 2027-03-01 (the first day it occurs): cyd → cyd (line 4); the chain above a person must end",
        ])
    }

    @Test("a manager whose row has ended is not in the chain: no loop through them")
    func endedManagerBreaksTheLoop() throws {
        // ann → bea, bea → ann, but bea's row ends before ann's starts: never a loop.
        #expect(try Self.errors("""
            ann,Ann,direct_rep,500000,WEST,2027-07-01,,bea
            bea,Bea,direct_rep,500000,EAST,,2027-06-30,ann
            """).isEmpty)
    }

    @Test("partners: overlapping rows, a manager that is no person, from after to")
    func partners() throws {
        let e = try Self.errors("ann,Ann,direct_rep,500000,WEST,,,\n", partners: """
            id,name,level,manager,effective_from,effective_to
            P1,Acme,,ann,,2027-06-30
            P1,Acme,Gold,ann,2027-06-01,
            P2,Beta,,zed,,
            P3,Gamma,,,2027-05-01,2027-04-30
            """)
        #expect(e.map(\.message) == [
            "partner \"P1\" has rows on line 2 (until 2027-06-30) and here (from 2027-06-01) that overlap on 2027-06-01 to 2027-06-30: the rows of one id must not overlap",
            "expected a person id from people.csv, found \"zed\": no such person",
            "effective_to 2027-04-30 is before effective_from 2027-05-01: a row is in effect from its effective_from through its effective_to, both inclusive",
        ])
        #expect(e.map(\.line) == [3, 4, 5])
    }

    @Test("a long history in reverse date order: one-day rows, then one overlapping row in the middle")
    func longHistory() throws {
        // 3000 one-day rows of ann (day 0 … 2999 after 2020-01-01) written newest first, then
        // a row covering day 1500 (from it to day 1500): overlaps exactly the row of that day.
        let first = day("2020-01-01").dayNumber
        var days: [String] = []
        var d = day("2020-01-01")
        for n in 0..<3000 {
            #expect(d.dayNumber == first + n)
            days.append(d.description)
            d = d.day < CivilDate.daysIn(month: d.month, year: d.year) ? CivilDate(year: d.year, month: d.month, day: d.day + 1)!
                : d.month < 12 ? CivilDate(year: d.year, month: d.month + 1, day: 1)! : CivilDate(year: d.year + 1, month: 1, day: 1)!
        }
        var rows = ""
        for n in (0..<3000).reversed() { rows += "ann,Ann,direct_rep,500000,WEST,\(days[n]),\(days[n]),\n" }
        #expect(try Self.errors(rows).isEmpty)
        let e = try Self.errors(rows + "ann,Ann,direct_rep,500000,WEST,\(days[1500]),\(days[1500]),\n")
        // Row of day n is on line 2 + (2999 − n): day 1500 → line 1501; the new row is line 3002.
        #expect(e.first?.line == 3002)
        #expect(e.first?.message.contains("on line 1501 (\(days[1500]) to \(days[1500]))") == true, "\(e.first?.message ?? "")")
        // Only the id overlap: WEST is owned by ann herself on that day, not by two people.
        #expect(e.count == 1, "\(e.map(\.message))")
    }

    @Test("a 20000-deep chain is checked in one walk per day; a loop at its top is found once")
    func deepChain() throws {
        // p1 → p2 → … → p20000 (each managed by the next), no dates: one day to check.
        var rows = ""
        for i in 1...20000 { rows += "p\(i),P,director,,,,,\(i < 20000 ? "p\(i + 1)" : "")\n" }
        #expect(try Self.errors(rows).isEmpty)
        // p20000 managed by p19999 closes a loop of two at the top, reached from every person.
        let looped = rows.replacingOccurrences(of: "p20000,P,director,,,,,\n", with: "p20000,P,director,,,,,p19999\n")
        let e = try Self.errors(looped)
        #expect(e.map(\.message) == ["manager loop on the first days of the roster (rows without effective_from): p19999 → p20000 → p19999 (lines 20000, 20001); the chain above a person must end"])
    }
}
