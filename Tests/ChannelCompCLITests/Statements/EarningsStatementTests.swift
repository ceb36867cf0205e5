import Testing
import ChannelComp
@testable import ChannelCompCLI

/// Statements for the rarer parts of earnings: flat-rate credit, a cap that bites, a role
/// without tiers, and paid-to-date from the journal.
@Suite struct EarningsStatementTests {
    /// direct_rep: partner deals paid at a 2 % flat rate, capped at 400000; overlay: no tiers,
    /// partner deals of the partners they manage at 1.5 % of gross.
    static let plan = """
        {
          "name": "flat and cap",
          "currency": "USD",
          "partners": {
            "trailing_months": 0,
            "levels": [ { "name": "Registered", "min_trailing_list": "0", "discount": "10%" } ]
          },
          "roles": {
            "direct_rep": {
              "direct_deals": { "credit": "named" },
              "partner_deals": { "credit": "territory", "basis": "net", "quota_credit": false,
                                 "requires_registration": false, "flat_rate": "2%" },
              "rates": { "method": "marginal",
                         "tiers": [ { "from": "0%", "rate": "5%" }, { "from": "100%", "rate": "9%" },
                                    { "from": "150%", "rate": "6%" } ] },
              "cap": "400000"
            },
            "overlay": {
              "direct_deals": { "credit": "none" },
              "partner_deals": { "credit": "partner_manager", "basis": "gross", "quota_credit": false,
                                 "requires_registration": false, "flat_rate": "1.5%" }
            }
          }
        }
        """
    static let people = """
        id,name,role,quota,territory
        rep,Rae,direct_rep,100000,WEST
        ov,Otto,overlay,,

        """
    static let partners = """
        id,name,level,manager
        P1,Acme,,ov

        """
    /// D1: direct, S 10000000.00 to rep. D2: partner, L 50000.00, d 10 % → N 45000.00,
    /// sale price 60000 → G 60000.00.
    static let deals = """
        deal_id,date,account,territory,product,quantity,unit_list_price,sale_price,currency,channel,partner,reps
        D1,2027-01-10,A1,WEST,BIG,1,10000000,,USD,direct,,rep
        D2,2027-01-20,A2,WEST,MID,1,50000,60000,USD,partner,P1,

        """

    static func documents() throws -> (rep: StatementDocument, ov: StatementDocument, partner: StatementDocument, summary: [String: String]) {
        let inputs = try StatementFixture.inputs(plan: plan, people: people, partners: partners, deals: deals)
        let run = try StatementFixture.run(inputs, "2027-01")
        let ctx = StatementContext(run: run, inputs: inputs)
        let rep = try #require(run.people.first { $0.id == "rep" })
        let ov = try #require(run.people.first { $0.id == "ov" })
        let p1 = try #require(run.partners.first)
        return (PersonStatement.document(rep, ctx), PersonStatement.document(ov, ctx),
                PartnerStatement.document(p1, ctx), try StatementFixture.summaryPayouts(run))
    }

    /// rep: tiers 100000 × 5 % + 50000 × 9 % + 9850000 × 6 % = 5000 + 4500 + 591000 = 600500;
    /// flat 45000.00 × 2 % = 900; 601400.00 > cap 400000 → earned 400000.00 = payout.
    @Test func capAndFlatRate() throws {
        let (rep, _, _, summary) = try Self.documents()
        #expect(StatementFixture.fact(rep, "tiered earnings") == "$600,500.00")
        #expect(StatementFixture.fact(rep, "flat-rate credit YTD") == "$45,000.00")
        #expect(StatementFixture.fact(rep, "flat-rate pay") == "$900.00")
        #expect(StatementFixture.fact(rep, "earned before cap") == "$601,400.00")
        #expect(StatementFixture.fact(rep, "cap") == "$400,000.00")
        #expect(rep.sections.flatMap(\.facts).first { $0.label == "cap" }?.note.hasPrefix("applied") == true)
        #expect(StatementFixture.fact(rep, "earned YTD") == "$400,000.00")
        #expect(StatementFixture.fact(rep, "payout") == summary["rep"].map { PeopleMoney.decorate($0, code: "USD") })
        #expect(summary["rep"] == "400000.00")
        #expect(StatementFixture.fact(rep, "tier reached") == "6%")
        // Quota credit this period counts only D1; D2 is flat-rate credit.
        #expect(StatementFixture.fact(rep, "quota credit this period") == "$10,000,000.00")
        let lines = try #require(StatementFixture.section(rep, startingWith: "Credited deal lines")?.table)
        #expect(lines.rows.map { [$0[0], $0[6], $0[7], $0[9], $0[10]] } == [
            ["D1", "S", "$10,000,000.00", "$10,000,000.00", "quota"],
            ["D2", "N", "$45,000.00", "$45,000.00", "flat 2%"],
        ])
    }

    /// ov: no tiers, G 60000.00 × 1.5 % = 900.00.
    @Test func roleWithoutTiers() throws {
        let (_, ov, _, summary) = try Self.documents()
        #expect(StatementFixture.fact(ov, "quota") == "none")
        #expect(StatementFixture.fact(ov, "tier reached") == "none")
        #expect(StatementFixture.section(ov, startingWith: "Attainment") == nil)
        #expect(StatementFixture.fact(ov, "flat-rate pay") == "$900.00")
        #expect(StatementFixture.fact(ov, "cap") == "none")
        #expect(StatementFixture.fact(ov, "payout") == "$900.00")
        #expect(summary["ov"] == "900.00")
        let lines = try #require(StatementFixture.section(ov, startingWith: "Credited deal lines")?.table)
        #expect(lines.rows.map { [$0[0], $0[6], $0[7], $0[10]] } == [["D2", "G", "$60,000.00", "flat 1.5%"]])
    }

    /// One level only, trailing_months 0: P1 is Registered with no level above.
    @Test func singleLevelPartner() throws {
        let (_, _, partner, summary) = try Self.documents()
        #expect(StatementFixture.fact(partner, "level") == "Registered (10% discount)")
        #expect(StatementFixture.fact(partner, "next level") == "top level")
        #expect(StatementFixture.fact(partner, "payout") == summary["P1"].map { PeopleMoney.decorate($0, code: "USD") })
        // No rebate in the plan: said so, no chart.
        let rebate = try #require(StatementFixture.section(partner, startingWith: "Rebate"))
        #expect(rebate.chart == nil)
        #expect(rebate.notes == ["the plan has no volume rebate"])
    }

    /// SPEC 7 data with January closed in the journal: paid to date comes from it.
    /// ann: earned 1172.00 − paid 932.00 = 240.00.
    @Test func paidToDateFromTheJournal() throws {
        let folder = "Fixtures/golden/spec-example-journal-trueup-2027-02/data"
        let inputs = try StatementFixture.folderInputs(plan: folder + "/plan.json", data: folder)
        let run = try StatementFixture.run(inputs, "2027-02")
        let summary = try StatementFixture.summaryPayouts(run)
        let ctx = StatementContext(run: run, inputs: inputs)
        let ann = try #require(run.people.first { $0.id == "ann" })
        let doc = PersonStatement.document(ann, ctx)
        #expect(StatementFixture.fact(doc, "paid to date") == "$932.00")
        #expect(StatementFixture.fact(doc, "payout") == "$240.00")
        #expect(summary["ann"] == "240.00")
        #expect(doc.sections[0].facts.first { $0.label == "paid to date" }?.note == "paid in closed period 2027-01 (payout journal)")
        let files = StatementFixture.files(run, inputs)
        #expect(try #require(files["index.html"]).contains("paid to date: paid in closed period 2027-01 (payout journal)"))
    }
}
