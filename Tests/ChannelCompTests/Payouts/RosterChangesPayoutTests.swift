import Testing
@testable import ChannelComp

/// SPEC 8 end to end on `Fixtures/roster-changes` (its README works every figure by hand): a
/// territory move, a leaver, two hires, a manager with a team and a director above her, a
/// partner whose manager and fixed level change, a leaver of last year with a clawback.
@Suite("A year in which people change (SPEC 8): Fixtures/roster-changes")
struct RosterChangesPayoutTests {
    static func scenario() throws -> Scenario {
        let folder = "Fixtures/roster-changes/"
        let (plan, d) = PlanLoader.load(file: "plan.json", bytes: Array(try Scenario.repositoryText(folder + "plan.json").utf8))
        let loaded = try #require(plan, "\(d.items.map { $0.render() })")
        return try Scenario(plan: loaded, people: try Scenario.repositoryText(folder + "people.csv"),
                            partners: try Scenario.repositoryText(folder + "partners.csv"),
                            deals: try Scenario.repositoryText(folder + "deals.csv"))
    }

    /// Credit lines of one deal in a detailed run: "person amount" sorted.
    static func credits(_ run: PayoutRun, _ s: Scenario, deal: String) -> [String] {
        run.creditLines.filter { s.ledger.bookings[$0.booking].deal.rawValue == deal && $0.clawback == nil }
            .map { "\(s.roster.people[$0.person].id.rawValue) \($0.amount.formatted)" }.sorted()
    }

    @Test("mia manages alice and bob, who split D1 (10000.00) 60/40: mia is credited 10000.00 once; dan above her too")
    func teamCredit() throws {
        let s = try Self.scenario()
        let run = try s.run("2027-01", details: true)
        #expect(Self.credits(run, s, deal: "D1") == ["alice 6000.00", "bob 4000.00", "dan 10000.00", "mia 10000.00"])
        // D2 (partner, N 3640.00): alice by territory, cam as P1's manager, mia above alice
        // (dan's role has no team credit on partner deals).
        let march = try s.run("2027-03", details: true)
        #expect(Self.credits(march, s, deal: "D2") == ["alice 3640.00", "cam 3640.00", "mia 3640.00"])
    }

    @Test("territory owner, partner manager and fixed level by the booking date")
    func byDate() throws {
        let s = try Self.scenario()
        let run = try s.run("2027-07", details: true)
        // D3 (2027-03-15): P1 is Gold and managed by kim from 2027-03-01; 45 % → max 40 %: N 3360.00.
        #expect(try s.priced("D3").net.formatted == "3360.00")
        #expect(Self.credits(run, s, deal: "D3") == ["alice 3360.00", "kim 3360.00", "mia 3360.00"])
        // D2 (2027-02-20): no fixed level yet → Bronze 20 % + 5 % + 10 % = 35 %: N 3640.00.
        #expect(try s.priced("D2").net.formatted == "3640.00")
        // D5 (2027-04-12): WEST is cy's since 2027-04-01 (alice moved to EAST): cy, not alice.
        #expect(Self.credits(run, s, deal: "D5") == ["cy 2400.00", "kim 2400.00", "mia 2400.00"])
        #expect(try s.priced("D5").net.formatted == "2400.00")
    }

    @Test("quota_Y, attainment and earnings year to date at 2027-07 (the README's table)")
    func yearToDate() throws {
        let run = try Self.scenario().run("2027-07")
        func row(_ id: String) -> [String] {
            guard let p = run.person(id) else { return ["not listed"] }
            return [p.creditYTD.formatted, p.quota?.amount.description ?? "", p.attainment?.description ?? "", p.earnedYTD.formatted]
        }
        #expect(row("alice") == ["13000.00", "1200000.00", "0.0108", "650.00"])
        #expect(row("bob") == ["4000.00", "75616.44", "0.0529", "200.00"])
        #expect(row("cy") == ["7400.00", "904109.59", "0.0082", "370.00"])
        #expect(row("dee") == ["3000.00", "604931.51", "0.0050", "150.00"])
        #expect(row("mia") == ["27400.00", "2000000", "0.0137", "274.00"])
        #expect(row("dan") == ["18000.00", "4000000", "0.0045", "90.00"])
        #expect(row("cam") == ["3640.00", "129315.07", "0.0281", "0.00"])
        #expect(row("kim") == ["5760.00", "670684.93", "0.0086", "0.00"])
        // old: quota_Y 0 (no row in 2027): the clawback earns the first tier's rate, 5 % of
        // −2000.00 = −100.00; attainment empty.
        #expect(row("old") == ["-2000.00", "0.00", "", "-100.00"])
        #expect(run.partner("P1")?.purchasesYTD.formatted == "9400.00")
    }

    @Test("who is listed: old for his clawback, gone (nothing in 2027) not; hires listed from the year's start")
    func listed() throws {
        let run = try Self.scenario().run("2027-01")
        #expect(run.people.map(\.id.rawValue) == ["alice", "bob", "cam", "cy", "dan", "dee", "kim", "mia", "old"])
        #expect(run.person("old")?.payout.formatted == "-100.00")
        #expect(run.partners.map(\.id.rawValue) == ["P1"])
    }
}
