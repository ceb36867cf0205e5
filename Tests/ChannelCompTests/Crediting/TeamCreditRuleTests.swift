import Testing
@testable import ChannelComp

/// The `team` credit method through the one crediting (SPEC 8.3), each case worked by hand.
@Suite("Team credit in a run (SPEC 8.3)")
struct TeamCreditRuleTests {
    /// SPEC 2.5's roles plus `sales_manager`: team on both channels (net, registration
    /// required on partner deals), marginal 1 %.
    static func plan() throws -> Plan {
        var text = PlanText()
        text.roles = PlanText.standardRoles + """
            ,
            "sales_manager": {
              "direct_deals": { "credit": "team" },
              "partner_deals": { "credit": "team", "basis": "net", "quota_credit": true, "requires_registration": true },
              "rates": \(PlanText.tiers("marginal", [("0%", "1%")]))
            }
            """
        return try text.load()
    }

    /// alice (WEST) → mia until 2027-03-31, → max from 2027-04-01; bob (EAST) → max; cam
    /// (channel manager) → zed; mia, max, zed are sales managers.
    static let people = """
        id,name,role,quota,territory,effective_from,effective_to,manager
        alice,Alice,direct_rep,500000,WEST,,2027-03-31,mia
        alice,Alice,direct_rep,500000,WEST,2027-04-01,,max
        bob,Bob,direct_rep,500000,EAST,,,max
        cam,Cam,channel_manager,800000,,,,zed
        mia,Mia,sales_manager,1000000,,,,
        max,Max,sales_manager,1000000,,,,
        zed,Zed,sales_manager,1000000,,,,
        """

    static func run(_ deals: [DealRow], _ period: String) throws -> (Scenario, PayoutRun) {
        let s = try Scenario(plan: try plan(), people: people, partners: Scenario.standardPartners, deals: dealsCSV(deals))
        return (s, try s.run(period, details: true))
    }

    /// "person amount" of every credit line of `deal` (bookings, then clawbacks), sorted.
    static func credits(_ s: Scenario, _ run: PayoutRun, _ deal: String, clawback: Bool = false) -> [String] {
        run.creditLines.filter { s.ledger.bookings[$0.booking].deal.rawValue == deal && ($0.clawback != nil) == clawback }
            .map { "\(s.roster.people[$0.person].id.rawValue) \($0.amount.formatted)" }.sorted()
    }

    @Test("a split of 0 still puts its person's manager on the line")
    func zeroSplit() throws {
        // D1 10000.00: alice 100 %, bob 0 % → mia (above alice) and max (above bob), each 10000.00.
        let (s, run) = try Self.run([.direct("D1", "2027-01-10", "10000", reps: "alice:100;bob:0")], "2027-01")
        #expect(Self.credits(s, run, "D1") == ["alice 10000.00", "bob 0.00", "max 10000.00", "mia 10000.00"])
    }

    @Test("a team-role person named in reps is credited by their method, not by being named")
    func namedTeamRole() throws {
        // reps alice;zed: zed (sales_manager) manages nobody credited → nothing; mia above alice.
        // alice is the only direct_rep named: her share is the whole 1000.00.
        let (s, run) = try Self.run([.direct("D1", "2027-01-10", "1000", reps: "alice;zed")], "2027-01")
        #expect(Self.credits(s, run, "D1") == ["alice 1000.00", "mia 1000.00"])
    }

    @Test("only people credited under a met registration rule put their managers on the line")
    func registration() throws {
        // D2 partner, WEST, registration pending, L 1000.00: Bronze 20 % → N 800.00. alice by
        // territory (no registration needed); cam needs approval → not credited, so zed is not
        // on the line; and sales_manager itself requires approval → nobody of it at all.
        let pending = try Self.run([.partner("D2", "2027-02-10", "1000", registration: "pending")], "2027-02")
        #expect(Self.credits(pending.0, pending.1, "D2") == ["alice 800.00"])
        // Approved: 20 % + 10 % = 30 % → N 700.00; alice, cam, and above them mia and zed.
        let approved = try Self.run([.partner("D2", "2027-02-10", "1000", registration: "approved")], "2027-02")
        #expect(Self.credits(approved.0, approved.1, "D2") == ["alice 700.00", "cam 700.00", "mia 700.00", "zed 700.00"])
    }

    @Test("managers by the booking date; a clawback reverses the booking's own team credit")
    func byDateAndClawback() throws {
        // D3 on 2027-03-31 (alice → mia), D4 on 2027-04-01 (alice → max); D3 cancelled on
        // 2027-04-10 (10 days, inside 90): the clawback takes 2000.00 back from mia, not max.
        let (s, run) = try Self.run([.direct("D3", "2027-03-31", "2000", reps: "alice"),
                                     .direct("D4", "2027-04-01", "3000", reps: "alice"),
                                     .cancellation("D3", "2027-04-10")], "2027-04")
        #expect(Self.credits(s, run, "D3") == ["alice 2000.00", "mia 2000.00"])
        #expect(Self.credits(s, run, "D4") == ["alice 3000.00", "max 3000.00"])
        #expect(Self.credits(s, run, "D3", clawback: true) == ["alice -2000.00", "mia -2000.00"])
        // mia: 2000.00 − 2000.00 = 0.00 YTD; max 3000.00 × 1 % = 30.00.
        #expect(run.person("mia")?.creditYTD.formatted == "0.00")
        #expect(run.person("max")?.earnedYTD.formatted == "30.00")
        // The fast run (no details) gives the same payouts.
        let fast = try s.run("2027-04")
        #expect(fast.people.map { "\($0.id) \($0.payout.formatted)" } == run.people.map { "\($0.id) \($0.payout.formatted)" })
    }

    @Test("the plan loader accepts \"team\" on both channels; partner_deals team needs basis and the rest")
    func planLoader() throws {
        let plan = try Self.plan()
        let role = try #require(plan.role(named: "sales_manager"))
        #expect(role.directDeals.method == .team && role.partnerDeals.method == .team)
        var text = PlanText()
        text.roles = PlanText.standardRoles + """
            ,
            "sales_manager": { "direct_deals": { "credit": "team" }, "partner_deals": { "credit": "team" } }
            """
        #expect(throws: (any Error).self) { try text.load() }
    }
}
