import Testing
import _TestSupport
@testable import ChannelComp

/// Three direct reps (ann WEST, bob EAST, cal NORTH) and the channel manager cam.
let threeRepsPeople = """
    id,name,role,quota,territory
    ann,Ann,direct_rep,500000,WEST
    bob,Bob,direct_rep,500000,EAST
    cal,Cal,direct_rep,500000,NORTH
    cam,Cam,channel_manager,800000,
    """

/// The credit lines of a run for one person, in ledger order.
func creditLines(_ run: PayoutRun, _ id: String, in s: Scenario) -> [CreditLine] {
    run.creditLines.filter { s.roster.people[$0.person].id.rawValue == id }
}

/// One split vector: a direct deal of S with `reps`, and each person's credit.
struct SplitCreditVector: CustomTestStringConvertible, Sendable {
    let name: String
    let amount: String
    let reps: String
    let expected: [(String, String)]
    var testDescription: String { name }
}

@Suite("Crediting (SPEC 3.3, 6)")
struct CreditingTests {
    static let splits: [SplitCreditVector] = [
        // 100.00 / 3 = 33.333…: 33.33 × 3 = 99.99, the leftover cent to the first listed (all remainders tie).
        .init(name: "equal three-way split of 100.00", amount: "100.00", reps: "ann;bob;cal",
              expected: [("ann", "33.34"), ("bob", "33.33"), ("cal", "33.33")]),
        // Order decides the tie: the first listed (cal) gets the cent.
        .init(name: "equal split, another order", amount: "100.00", reps: "cal;ann;bob",
              expected: [("cal", "33.34"), ("ann", "33.33"), ("bob", "33.33")]),
        // 10.00 × 33.33 % = 3.333, × 33.33 % = 3.333, × 33.34 % = 3.334 → 3.33 + 3.33 + 3.33 = 9.99; the cent goes
        // to the largest truncated remainder (0.4 of a cent > 0.3): cal.
        .init(name: "33.33/33.33/33.34 of 10.00", amount: "10.00", reps: "ann:33.33;bob:33.33;cal:33.34",
              expected: [("ann", "3.33"), ("bob", "3.33"), ("cal", "3.34")]),
        // 100.00 over 33.33/33.33/33.34 is exact: 33.33 + 33.33 + 33.34.
        .init(name: "33.33/33.33/33.34 of 100.00", amount: "100.00", reps: "ann:33.33;bob:33.33;cal:33.34",
              expected: [("ann", "33.33"), ("bob", "33.33"), ("cal", "33.34")]),
        // 34996.50 (Fixtures/sample D2705-07): 11664.33345, 11664.33345, 11667.8331 → truncated 11664.33,
        // 11664.33, 11667.83 = 34996.49; remainders .345/.345/.31 of a cent → ann (tie with bob, listed first).
        .init(name: "sample D2705-07", amount: "34996.50", reps: "ann:33.33;bob:33.33;cal:33.34",
              expected: [("ann", "11664.34"), ("bob", "11664.33"), ("cal", "11667.83")]),
        // A split may be 0: bob is credited 0.00.
        .init(name: "split of zero", amount: "5937.50", reps: "ann:100;bob:0",
              expected: [("ann", "5937.50"), ("bob", "0.00")]),
        // 60/40 of 0.05: 0.03 / 0.02.
        .init(name: "60/40 of five cents", amount: "0.05", reps: "ann:60;bob:40",
              expected: [("ann", "0.03"), ("bob", "0.02")]),
    ]

    @Test("split allocation through the crediter", arguments: splits)
    func split(_ v: SplitCreditVector) throws {
        let s = try Scenario(plan: PlanText(), people: threeRepsPeople, deals: [.direct("D1", "2027-01-10", v.amount, reps: v.reps)])
        let run = try s.run("2027-01", details: true)
        var sum = ExactDecimal.zero
        for (id, credit) in v.expected {
            let lines = creditLines(run, id, in: s)
            #expect(lines.count == 1, "\(v.name): \(id)")
            #expect(lines.first?.amount.formatted == credit, "\(v.name): \(id)")
            #expect(run.person(id)?.creditPeriod.formatted == credit, "\(v.name): \(id)")
            sum = try sum.adding(exact(credit))
        }
        #expect(sum == exact(v.amount), "\(v.name): parts sum to the basis")
        #expect(run.creditLines.count == v.expected.count)
    }

    /// The same partner deal credited on net under one role and on gross under another.
    ///
    /// L = 10 × 1000 = 10000.00, sale_price 1100 → G = 11000.00; P1 Bronze 20 %, no other discount →
    /// D 2000.00, N 8000.00. ann (territory, net) gets 8000.00; cam (partner manager, gross) 11000.00.
    @Test("net under one role, gross under another")
    func netAndGross() throws {
        var text = PlanText()
        text.roles = [
            PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory", basis: "net"),
                          rates: PlanText.tiers("marginal", [("0%", "5%")])),
            PlanText.role("channel_manager", direct: "none", partner: PlanText.partnerDeals("partner_manager", basis: "gross"),
                          rates: PlanText.tiers("marginal", [("0%", "1%")])),
        ].joined(separator: ",\n")
        var row = DealRow.partner("D1", "2027-01-20", "1000", quantity: "10")
        row.salePrice = "1100"
        let s = try Scenario(plan: text, deals: [row])
        let run = try s.run("2027-01", details: true)
        let ann = try #require(creditLines(run, "ann", in: s).first)
        #expect(ann.amount.formatted == "8000.00")
        #expect(ann.basisKind == .net)
        let cam = try #require(creditLines(run, "cam", in: s).first)
        #expect(cam.amount.formatted == "11000.00")
        #expect(cam.basisKind == .gross)
        #expect(run.person("ann")?.earnedYTD.formatted == "400.00")  // 8000 × 5 %
        #expect(run.person("cam")?.earnedYTD.formatted == "110.00")  // 11000 × 1 %
    }

    /// A territory nobody of the role owns credits nobody (and `audit` can say why); so does an empty one.
    @Test("territory with no owner", arguments: ["ISLANDS", ""])
    func unownedTerritory(territory: String) throws {
        let s = try Scenario(plan: PlanText(), deals: [.partner("D1", "2027-01-20", "10000", registration: "approved", territory: territory)])
        let run = try s.run("2027-01", details: true)
        #expect(run.person("ann")?.creditYTD.formatted == "0.00")
        // cam still manages P1: 10000 − 30 % = 7000.00.
        #expect(run.person("cam")?.creditYTD.formatted == "7000.00")
        let directRep = try #require(s.plan.roleIndex(named: "direct_rep"))
        #expect(run.uncredited.contains { $0.role == directRep && $0.reason == .noTerritoryOwner })
    }

    /// requires_registration: cam (channel manager) is credited only when the registration is approved;
    /// ann (territory rep, not required) is credited either way.
    ///
    /// Approved: Bronze 20 % + 10 % = 30 % → N 7000.00. Pending: 20 % → N 8000.00.
    @Test("requires_registration", arguments: [("approved", "7000.00", "7000.00"), ("pending", "8000.00", "0.00"),
                                               ("rejected", "8000.00", "0.00"), ("none", "8000.00", "0.00")])
    func requiresRegistration(registration: String, annCredit: String, camCredit: String) throws {
        let s = try Scenario(plan: PlanText(), deals: [.partner("D1", "2027-01-20", "10000", registration: registration)])
        let run = try s.run("2027-01", details: true)
        #expect(run.person("ann")?.creditYTD.formatted == annCredit)
        #expect(run.person("cam")?.creditYTD.formatted == camCredit)
        let manager = try #require(s.plan.roleIndex(named: "channel_manager"))
        #expect(run.uncredited.contains { $0.role == manager && $0.reason == .registrationNotApproved } == (registration != "approved"))
    }

    /// quota_credit false: paid at flat_rate, not in credit_ytd or attainment.
    ///
    /// cam's role pays partner deals at a flat 1.5 %: N 8000.00 (Bronze 20 %) → 120.00. Quota credit
    /// stays 0.00, attainment 0.0000; the retroactive tiers (5 % from 0 %) make nothing of it.
    @Test("flat-rate credit is paid but not quota credit")
    func flatRate() throws {
        var text = PlanText()
        text.roles = [
            PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory"), rates: PlanText.tiers("marginal", [("0%", "5%")])),
            PlanText.role("channel_manager", direct: "none",
                          partner: PlanText.partnerDeals("partner_manager", quotaCredit: false, flatRate: "1.5%"),
                          rates: PlanText.tiers("retroactive", [("0%", "5%")])),
        ].joined(separator: ",\n")
        let s = try Scenario(plan: text, deals: [.partner("D1", "2027-01-20", "10000")])
        let run = try s.run("2027-01")
        let cam = try #require(run.person("cam"))
        #expect(cam.creditPeriod.formatted == "0.00")
        #expect(cam.creditYTD.formatted == "0.00")
        #expect(cam.attainment == exact("0.0000"))
        #expect(cam.flatCreditYTD.formatted == "8000.00")
        #expect(cam.earnedYTD.formatted == "120.00")  // 8000 × 1.5 %
        #expect(cam.payout.formatted == "120.00")
        #expect(run.person("ann")?.creditYTD.formatted == "8000.00")  // quota credit for the territory rep
    }

    /// A role without rates: its people need no quota and earn only flat-rate pay; attainment is empty.
    @Test("role without rates earns only flat pay")
    func roleWithoutRates() throws {
        var text = PlanText()
        text.roles = [
            PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory"), rates: PlanText.tiers("marginal", [("0%", "5%")])),
            PlanText.role("channel_manager", direct: "none",
                          partner: PlanText.partnerDeals("partner_manager", quotaCredit: false, flatRate: "2%"), rates: nil),
        ].joined(separator: ",\n")
        let people = "id,name,role,quota,territory\nann,Ann,direct_rep,500000,WEST\ncam,Cam,channel_manager,,\n"
        let s = try Scenario(plan: text, people: people, deals: [.partner("D1", "2027-01-20", "10000")])
        let cam = try #require(try s.run("2027-01").person("cam"))
        #expect(cam.attainment == nil)
        #expect(cam.earnedYTD.formatted == "160.00")  // N 8000 × 2 %
        #expect(cam.creditYTD.formatted == "0.00")
    }

    /// partner_manager on a direct deal: the referring partner's manager; nobody without a partner.
    ///
    /// Referral deal S = 5000.00 from P1 (manager cam): cam credited 5000.00. The same deal with
    /// sourced_by=partner but no partner: cam gets nothing.
    @Test("partner_manager on a direct deal", arguments: [("P1", "5000.00"), ("", "0.00")])
    func partnerManagerOnDirect(partner: String, credit: String) throws {
        var text = PlanText()
        text.roles = [
            PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory"), rates: PlanText.tiers("marginal", [("0%", "5%")])),
            PlanText.role("channel_manager", direct: "partner_manager", partner: PlanText.partnerDeals("none"),
                          rates: PlanText.tiers("marginal", [("0%", "1%")])),
        ].joined(separator: ",\n")
        var row = DealRow.direct("D1", "2027-01-25", "2500", quantity: "2")
        row.partner = partner
        row.sourcedBy = "partner"
        row.registration = "approved"
        let s = try Scenario(plan: text, deals: [row])
        let run = try s.run("2027-01")
        #expect(run.person("cam")?.creditYTD.formatted == credit)
        #expect(run.person("ann")?.creditYTD.formatted == "5000.00")
    }

    /// partner_manager credits the partner's manager only if the manager is of this role: P4 is
    /// managed by ann, a direct rep, so the channel-manager role credits nobody on P4's deals.
    @Test("partner_manager of another role credits nobody")
    func managerOfAnotherRole() throws {
        let s = try Scenario(plan: PlanText(), partners: "id,name,level,manager\nP1,Acme,,cam\nP4,Four,,ann\n",
                             deals: [.partner("D1", "2027-01-20", "10000", partner: "P4", registration: "approved")])
        let run = try s.run("2027-01", details: true)
        #expect(run.person("cam")?.creditYTD.formatted == "0.00")
        #expect(run.person("ann")?.creditYTD.formatted == "7000.00")  // territory WEST, N = 10000 − 30 %
        let manager = try #require(s.plan.roleIndex(named: "channel_manager"))
        #expect(run.uncredited.contains { $0.role == manager && $0.reason == .noManager })
    }

    /// named on a partner deal uses that deal's reps: `ann:25;bob:75` of N 8000.00 → 2000.00 / 6000.00.
    @Test("named credit on a partner deal")
    func namedOnPartnerDeal() throws {
        var text = PlanText()
        text.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("named"), rates: PlanText.tiers("marginal", [("0%", "5%")]))
        let people = "id,name,role,quota,territory\nann,Ann,direct_rep,500000,WEST\nbob,Bob,direct_rep,500000,EAST\n"
        var row = DealRow.partner("D1", "2027-01-20", "10000")
        row.reps = "ann:25;bob:75"
        let s = try Scenario(plan: text, people: people, partners: "id,name,level,manager\nP1,Acme,,\n", deals: [row])
        let run = try s.run("2027-01")
        #expect(run.person("ann")?.creditYTD.formatted == "2000.00")
        #expect(run.person("bob")?.creditYTD.formatted == "6000.00")
    }

    /// Direct deals credit the named reps on S, never the territory: bob (EAST) sells into WEST.
    @Test("direct deals credit the named rep, not the territory owner")
    func namedNotTerritory() throws {
        let s = try Scenario(plan: PlanText(), people: threeRepsPeople,
                             deals: [.direct("D1", "2027-01-10", "1000", reps: "bob", territory: "WEST")])
        let run = try s.run("2027-01")
        #expect(run.person("bob")?.creditYTD.formatted == "1000.00")
        #expect(run.person("ann")?.creditYTD.formatted == "0.00")
    }

    /// A direct deal's credit is S: sale_price when given (10 × 950.00 = 9500.00), not L (10000.00).
    @Test("direct credit is revenue S")
    func directRevenue() throws {
        var row = DealRow.direct("D1", "2027-01-10", "1000", quantity: "10")
        row.salePrice = "950"
        let s = try Scenario(plan: PlanText(), deals: [row])
        #expect(try s.run("2027-01").person("ann")?.creditYTD.formatted == "9500.00")
    }
}
