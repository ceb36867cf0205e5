import Testing
@testable import ChannelComp

/// `compare`: the sample under `Plans/channel-neutral.json` (A, direct reps credited N on partner
/// deals) and `Plans/fully-neutral.json` (B, credited G).
@Suite("Compare report")
struct CompareReportTests {
    static func d(_ s: String) throws -> ExactDecimal { try ExactDecimal(parsing: s) }

    static func sides(_ period: String) throws -> (a: CompareReport.Side, b: CompareReport.Side) {
        let a = try Scenario.sample(plan: "Plans/channel-neutral.json")
        let b = try Scenario.sample(plan: "Plans/fully-neutral.json")
        return (CompareReport.Side(run: try a.run(period, details: true), plan: a.plan, roster: a.roster, ledger: a.ledger),
                CompareReport.Side(run: try b.run(period, details: true), plan: b.plan, roster: b.roster, ledger: b.ledger))
    }

    static func row(_ r: CompareReport, _ id: String) throws -> PayeeComparison {
        try #require(r.rows.first { $0.id == id })
    }

    /// dave (SOUTH, quota 1000000), verified by hand in Fixtures/golden/compare-sample-2027-12/README.md:
    /// his territory's partner deals, all P-ATLAS (Gold 30 %, fixed), no sale_price (G = L):
    ///   D2702-03 SEAT 1693 = 100 × 40 + 1593 × 32 = 54976.00, d 30 %  → G − N = D = 16492.80
    ///   D2708-10 ROUTER 9 × 4999.50 = 44995.50, d 35 % → D = 15748.425 → 15748.42 (half-even)
    ///   D2712-03 ROUTER 16 × 4999.50 = 79992.00, d 40 % → D = 31996.80
    ///   Σ (G − N) = 64238.02; credit YTD A 689757.45 → B 753995.47, both below 100 % of quota, so
    ///   only the 5 % slice grows: earned 34487.87 → round(37699.7735) = 37699.77, delta 3211.90
    ///   (9.31 % of A). December alone adds 31996.80 × 5 % = 1599.84 to the payout
    ///   (2399.76 → 3999.60, +66.67 %).
    @Test func daveByHand() throws {
        let (a, b) = try Self.sides("2027-12")
        let report = try CompareReport.build(a: a, b: b)
        let dave = try Self.row(report, "dave")
        #expect(dave.earnedA.formatted == "34487.87")
        #expect(dave.earnedB.formatted == "37699.77")
        #expect(dave.earnedDelta.formatted == "3211.90")
        #expect(dave.earnedDeltaPercent?.description == "9.31")
        #expect(dave.payoutA.formatted == "2399.76")
        #expect(dave.payoutB.formatted == "3999.60")
        #expect(dave.payoutDelta.formatted == "1599.84")
        #expect(dave.payoutDeltaPercent?.description == "66.67")
        #expect(b.run.person("dave")?.creditYTD.formatted == "753995.47")
    }

    /// The comparison is the same made on one thread and on two (each side's neutrality and cost
    /// on its own core).
    @Test func oneAndTwoThreadsAgree() throws {
        let (a, b) = try Self.sides("2027-12")
        let one = try CompareReport.build(a: a, b: b, threads: 1)
        let two = try CompareReport.build(a: a, b: b, threads: 2)
        #expect(one.rows.map(\.earnedDelta) == two.rows.map(\.earnedDelta) && !one.rows.isEmpty)
        #expect(one.neutrality.map(\.id) == two.neutrality.map(\.id) && !one.neutrality.isEmpty)
        #expect(one.neutrality.map { $0.ratioB?.value } == two.neutrality.map { $0.ratioB?.value })
        for (x, y) in zip(one.cost, two.cost) {
            #expect(x.a.map(\.totalCost) == y.a.map(\.totalCost) && x.b.map(\.totalCost) == y.b.map(\.totalCost))
        }
    }

    /// For every direct rep: credit B = credit A + Σ (G − N) of the partner lines credited to them
    /// under A, and earned B is that credit through their marginal tiers (rounded, capped).
    @Test(arguments: ["2027-06", "2027-12"])
    func everyRepsDeltaIsGrossMinusNetThroughTheirTiers(_ period: String) throws {
        let (a, b) = try Self.sides(period)
        let report = try CompareReport.build(a: a, b: b)
        let role = try #require(a.plan.role(named: "direct_rep"))
        let rates = try #require(role.rates)
        for rowA in a.run.people where rowA.role == "direct_rep" {
            var difference = ExactDecimal.zero
            for line in a.run.creditLines where line.person == rowA.index && line.basisKind == .net {
                let priced = try #require(a.run.priced[line.booking])
                let gMinusN = try priced.gross.amount.subtracting(priced.net.amount)
                difference = try line.clawback == nil ? difference.adding(gMinusN) : difference.subtracting(gMinusN)
            }
            let creditB = try rowA.creditYTD.amount.adding(difference)
            #expect(b.run.person(rowA.id.rawValue)?.creditYTD.amount == creditB, "\(rowA.id)")
            let quota = try #require(rowA.quota)
            let tiered = try Tiers.apply(rates, to: creditB, scale: quota.amount).amount
            var earnedB = try Money(tiered, a.run.currency).rounded(.halfEven)
            if let cap = role.cap, earnedB > cap { earnedB = cap }
            let row = try Self.row(report, rowA.id.rawValue)
            #expect(row.earnedB == earnedB, "\(rowA.id)")
            #expect(row.earnedDelta == (try earnedB - rowA.earnedYTD), "\(rowA.id)")
        }
    }

    /// Channel managers and partners are paid the same under both plans; B makes every rep
    /// neutral (ratio exactly 1) while A's ratios are below 1.
    @Test func onlyDirectRepsChange() throws {
        let (a, b) = try Self.sides("2027-12")
        let report = try CompareReport.build(a: a, b: b)
        for r in report.rows where r.role != "direct_rep" {
            #expect(r.earnedDelta.isZero && r.payoutDelta.isZero, "\(r.id)")
        }
        #expect(report.neutrality.count == 10)
        for n in report.neutrality {
            #expect(n.ratioB?.isExactly(.one) == true, "\(n.id)")
            #expect((n.ratioA?.value ?? .one) < .one, "\(n.id)")
        }
    }

    /// Totals add the rows; winners are the 5 largest positive earned deltas, largest first;
    /// nobody loses under B. Swapping A and B swaps winners and losers.
    @Test func totalsWinnersAndLosers() throws {
        let (a, b) = try Self.sides("2027-12")
        let report = try CompareReport.build(a: a, b: b)
        var people = ExactDecimal.zero
        var all = ExactDecimal.zero
        for r in report.rows {
            all = try all.adding(r.payoutDelta.amount)
            if r.type == .person { people = try people.adding(r.payoutDelta.amount) }
        }
        #expect(report.totals.map(\.id) == ["people", "partners", "all"])
        #expect(report.totals[0].payoutDelta.amount == people)
        #expect(report.totals[2].payoutDelta.amount == all)
        #expect(report.winners.count == 5)
        #expect(report.winners.first?.id == "grace")
        #expect(zip(report.winners, report.winners.dropFirst()).allSatisfy { $0.earnedDelta >= $1.earnedDelta })
        #expect(report.losers.isEmpty)

        let swapped = try CompareReport.build(a: b, b: a)
        #expect(swapped.winners.isEmpty)
        #expect(swapped.losers.map(\.id) == report.winners.map(\.id))
    }

    /// Delta percent is of |A|, to 2 places half-even; none when A is zero.
    @Test(arguments: [("250.00", "2000.00", "12.50"), ("-30.00", "-60.00", "-50.00"), ("1.00", "3.00", "33.33"),
                      ("5.00", "0.00", nil), ("0.00", "100.00", "0.00")] as [(String, String, String?)])
    func deltaPercent(_ delta: String, _ base: String, _ expected: String?) throws {
        let p = try PayeeComparison.percent(Money(try Self.d(delta), .usd), of: Money(try Self.d(base), .usd))
        #expect(p?.description == expected)
    }

    /// Cost of sales: B pays reps more on partner deals at the same revenue, so the partner
    /// channel's share rises; net revenue does not depend on the crediting basis.
    @Test func costOfSales() throws {
        let (a, b) = try Self.sides("2027-12")
        let report = try CompareReport.build(a: a, b: b)
        let ytd = try #require(report.cost.last)
        #expect(ytd.scope.kind == .ytd)
        for (x, y) in zip(ytd.a, ytd.b) { #expect(x.netRevenue == y.netRevenue) }
        let shareA = try #require(ytd.a[1].share?.value)
        let shareB = try #require(ytd.b[1].share?.value)
        #expect(shareA < shareB)
        #expect(ytd.b[2].peoplePay == report.totals[0].earnedB)
    }
}
