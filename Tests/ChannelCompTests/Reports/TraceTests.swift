import Testing
@testable import ChannelComp

/// `explain`'s trace trees: every formula is checked, and the root is the summary's payout.
@Suite("Payee traces")
struct TraceTests {
    static func d(_ s: String) throws -> ExactDecimal { try ExactDecimal(parsing: s) }

    // MARK: The checker itself

    /// A sum of 6.00 + 3.00 claiming 10.00 is caught; so is every other kind of formula that
    /// does not hold. Each case must produce exactly one problem naming the node.
    @Test(arguments: [
        ("sum", TraceNode.Formula.sum, "10.00", ["6.00", "3.00"]),          // 6 + 3 = 9 ≠ 10
        ("difference", .difference, "4.00", ["6.00", "3.00"]),              // 6 − 3 = 3 ≠ 4
        ("product", .product(factor: ExactDecimal(significand: 5, scale: 2)), "0.31", ["6.00"]),  // 6 × 0.05 = 0.30
        ("rounded", .rounded(places: 2, rule: .halfEven), "2.35", ["2.345"]),  // half-even → 2.34
        ("capped", .capped(at: ExactDecimal(5)), "6.00", ["6.00"]),        // min(5, 6) = 5
    ])
    func wrongFormulaIsReported(_ label: String, _ formula: TraceNode.Formula, _ amount: String, _ children: [String]) throws {
        let node = TraceNode(label, amount: try Self.d(amount), formula: formula,
                             children: try children.map { TraceNode("c", amount: try Self.d($0)) })
        let problems = node.verify()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix(label + ":") == true)
    }

    /// A problem deep in the tree names the path to it: root 9.00 = inner 9.00 (claimed) whose
    /// children 6.00 + 2.00 = 8.00 → one problem, "payout › inner: 9.00 ≠ sum of children 8.00",
    /// prefixed by the path given.
    @Test func nestedProblemNamesItsPath() throws {
        let inner = TraceNode("inner", amount: try Self.d("9.00"), formula: .sum,
                              children: [TraceNode("a", amount: try Self.d("6.00")), TraceNode("b", amount: try Self.d("2.00"))])
        let root = TraceNode("payout", amount: try Self.d("9.00"), formula: .sum, children: [inner])
        #expect(root.verify() == ["payout › inner: 9.00 ≠ sum of children 8.00"])
        #expect(root.verify(path: "ann") == ["ann › payout › inner: 9.00 ≠ sum of children 8.00"])
    }

    /// Children as printed: payout = earned 10.00 − paid 4.00 − recovered 1.00, with an aside
    /// "credit" between them → earned is a term, credit an aside, paid and recovered are
    /// subtracted (the second and third terms); only the last child is last. A sum's terms are
    /// never subtracted. Also: the tree counts 5 nodes and verifies (10 − 4 − 1 = 5).
    @Test func childRolesAsPrinted() throws {
        let kids = [TraceNode("earned", amount: try Self.d("10.00")), TraceNode("credit", amount: try Self.d("7.00"), aside: true),
                    TraceNode("paid", amount: try Self.d("4.00")), TraceNode("recovered", amount: try Self.d("1.00"))]
        let root = TraceNode("payout", amount: try Self.d("5.00"), formula: .difference, children: kids)
        var seen: [String] = []
        root.forEachChild { child, role, last in seen.append("\(child.label) \(role)\(last ? " last" : "")") }
        #expect(seen == ["earned term", "credit aside", "paid subtracted", "recovered subtracted last"])
        var sum: [TraceNode.ChildRole] = []
        TraceNode("s", amount: try Self.d("14.00"), formula: .sum, children: [kids[0], kids[2]]).forEachChild { _, role, _ in sum.append(role) }
        #expect(sum == [.term, .term])
        #expect(root.count == 5)
        #expect(root.verify() == [])
    }

    /// The same formulas holding give no problem; asides are shown but not counted.
    @Test func correctFormulasPass() throws {
        let slice = TraceNode("slice", amount: try Self.d("800000.00"))
        let tier = TraceNode("tier", amount: try Self.d("40000.0000"), formula: .product(factor: try Self.d("0.05")), children: [slice])
        let context = TraceNode("credit YTD", amount: try Self.d("800000.00"), formula: .sum, children: [
            TraceNode("a", amount: try Self.d("500000.00")), TraceNode("b", amount: try Self.d("300000.00")),
        ]).asAside()
        let tiered = TraceNode("tiered", amount: try Self.d("40000.0000"), formula: .sum, children: [tier, context])
        let rounded = TraceNode("rounded", amount: try Self.d("40000.00"), formula: .rounded(places: 2, rule: .halfEven), children: [tiered])
        let capped = TraceNode("earned", amount: try Self.d("40000.00"), formula: .capped(at: try Self.d("400000")), children: [rounded])
        let paid = TraceNode("paid", amount: try Self.d("30000.00"))
        let payout = TraceNode("payout", amount: try Self.d("10000.00"), formula: .difference, children: [capped, paid])
        #expect(payout.verify().isEmpty)
        #expect(payout.count == 10)  // payout, earned, rounded, tiered, tier, slice, credit YTD, a, b, paid
        // A wrong aside is still checked (it is a sum of its own children).
        var broken = context
        broken.amount = try Self.d("1")
        let withBrokenAside = TraceNode("tiered", amount: try Self.d("40000.0000"), formula: .sum, children: [tier, broken])
        #expect(withBrokenAside.verify().count == 1)
    }

    // MARK: People

    /// SPEC 7, ann, 2027-01: 932.00 = min(400000, round(18640.00 × 5 %)) − 0.00; credit YTD
    /// 18640.00 = D1/1 10000.00 + D2/1 3640.00 + D3/1 5000.00, each naming its deals.csv row.
    @Test func specExamplePerson() throws {
        let s = try ReportFixture.spec7()
        let run = try s.run("2027-01", details: true)
        let trace = try #require(try Explain.trace(payee: "ann", run: run, plan: s.plan, roster: s.roster,
                                                   ledger: s.ledger, journal: nil).first)
        #expect(trace.verify().isEmpty, "\(trace.verify())")
        #expect(trace.root.amount == (try Self.d("932.00")))
        let earned = try #require(trace.root.children.first)
        #expect(earned.formula == .capped(at: try Self.d("400000")))
        #expect(earned.sources == [.plan("roles.direct_rep.cap")])
        let credit = try #require(trace.root.first(labeled: "credit YTD"))
        #expect(credit.amount == (try Self.d("18640.00")))
        #expect(credit.aside)
        let lines = credit.children.flatMap(\.children)
        #expect(lines.map(\.label) == ["D1/1", "D2/1", "D3/1"])
        #expect(lines.map(\.amount) == [try Self.d("10000"), try Self.d("3640"), try Self.d("5000")])
        // Header = line 1: D1 is on line 2 of deals.csv.
        #expect(lines[0].sources.first == .deal(DealRef(deal: "D1", line: 1, file: "deals.csv", sourceLine: 2)))
        #expect(lines[1].sources.last == .plan("roles.direct_rep.partner_deals"))
        let tier = try #require(trace.root.first(labeled: "tier 1 (from 0% = 0.00) × 5%"))
        #expect(tier.amount == (try Self.d("932.00")))
        #expect(tier.sources == [.plan("roles.direct_rep.rates.tiers[0]")])
        let paid = try #require(trace.root.children.last)
        #expect(paid.amount == .zero)
    }

    /// A cap that applies: quota 100000, 10 % flat tier, cap 500.00; credit 10000 → 1000.00 → 500.00.
    @Test func appliedCap() throws {
        var plan = PlanText()
        plan.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory"),
                                   rates: PlanText.tiers("marginal", [("0%", "10%")]), cap: "500")
        let s = try Scenario(plan: plan, people: "id,name,role,quota,territory\nann,Ann,direct_rep,100000,WEST\n",
                             partners: nil, deals: [.direct("D1", "2027-01-10", "10000")])
        let run = try s.run("2027-01", details: true)
        let trace = try #require(try Explain.trace(payee: "ann", run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, journal: nil).first)
        #expect(trace.verify().isEmpty, "\(trace.verify())")
        let earned = try #require(trace.root.children.first)
        #expect(earned.amount == (try Self.d("500")))
        #expect(earned.children.first?.amount == (try Self.d("1000.00")))
        #expect(earned.note.hasPrefix("cap 500.00 applied"))
    }

    /// Flat-rate credit: 8000.00 × 2 % = 160 next to the tiers; earned 500 + 160 = 660.00.
    @Test func flatRatePay() throws {
        var plan = PlanText()
        plan.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory", quotaCredit: false, flatRate: "2%"),
                                   rates: PlanText.tiers("marginal", [("0%", "5%")]))
        let s = try Scenario(plan: plan, people: "id,name,role,quota,territory\nann,Ann,direct_rep,500000,WEST\n",
                             partners: "id,name,level,manager\nP1,Acme,,\n",
                             deals: [.direct("D1", "2027-01-10", "10000"), .partner("D2", "2027-01-20", "10000")])
        let run = try s.run("2027-01", details: true)
        let trace = try #require(try Explain.trace(payee: "ann", run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, journal: nil).first)
        #expect(trace.verify().isEmpty, "\(trace.verify())")
        #expect(trace.root.amount == (try Self.d("660")))
        let flat = try #require(trace.root.first(labeled: "flat-rate pay (exact)"))
        #expect(flat.amount == (try Self.d("160")))
        #expect(flat.children.first?.formula == .product(factor: try Self.d("0.02")))
        #expect(flat.children.first?.sources == [.plan("roles.direct_rep.partner_deals.flat_rate")])
    }

    /// A role without rates pays only flat-rate credit; its quota credit (credit_ytd) is still
    /// shown, as context. ann: quota credit D1 10000.00 (direct, no rates → 0), flat 2 % of
    /// N 8000.00 = 160 → earned 160.00.
    @Test func roleWithoutRates() throws {
        var plan = PlanText()
        plan.roles = PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory", quotaCredit: false, flatRate: "2%"),
                                   rates: nil)
        let s = try Scenario(plan: plan, people: "id,name,role,quota,territory\nann,Ann,direct_rep,,WEST\n",
                             partners: "id,name,level,manager\nP1,Acme,,\n",
                             deals: [.direct("D1", "2027-01-10", "10000"), .partner("D2", "2027-01-20", "10000")])
        let run = try s.run("2027-01", details: true)
        let trace = try #require(try Explain.trace(payee: "ann", run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, journal: nil).first)
        #expect(trace.verify().isEmpty, "\(trace.verify())")
        #expect(trace.root.amount == (try Self.d("160")))
        let credit = try #require(trace.root.first(labeled: "credit YTD"))
        #expect(credit.aside)
        #expect(credit.amount == run.person("ann")?.creditYTD.amount)
        #expect(credit.amount == (try Self.d("10000")))
    }

    /// With a journal, paid to date is the sum of this payee's journal rows, each naming its
    /// journal.csv line. SPEC 7 + journal closing 2027-01 (ann 932.00) + D4 800.00 in 2027-02:
    /// earned 19440.00 × 5 % = 972.00 − 932.00 = 40.00.
    @Test func paidToDateFromJournal() throws {
        let deals = ReportFixture.spec7Deals + [.direct("D4", "2027-02-03", "800")]
        let journal = journalCSV(["2027-01,person,ann,932.00,USD,2027-02-01T00:00:00Z",
                                  "2027-01,person,cam,0.00,USD,2027-02-01T00:00:00Z",
                                  "2027-01,partner,P1,500.00,USD,2027-02-01T00:00:00Z"])
        let s = try Scenario(plan: PlanText(), deals: deals, journal: journal)
        let run = try s.run("2027-02", details: true)
        let ann = try #require(try Explain.trace(payee: "ann", run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, journal: s.journal).first)
        #expect(ann.verify().isEmpty, "\(ann.verify())")
        #expect(ann.root.amount == (try Self.d("40.00")))
        let paid = try #require(ann.root.children.last)
        #expect(paid.amount == (try Self.d("932.00")))
        #expect(paid.children.first?.sources == [.journal(file: "journal.csv", line: 2)])
        let p1 = try #require(try Explain.trace(payee: "P1", run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, journal: s.journal).first)
        #expect(p1.verify().isEmpty, "\(p1.verify())")
        #expect(p1.root.amount == (try Self.d("0.00")))   // earned 500.00 (D3 fee) − paid 500.00
        #expect(p1.root.children.last?.children.first?.sources == [.journal(file: "journal.csv", line: 4)])
    }

    // MARK: Partners

    /// SPEC 7, P1: D3's referral fee round(10 % × 5000.00) = 500.00; D2 is a purchase of N
    /// 3640.00 = 5600.00 − round(5600.00 × 35 %) with d = Bronze 20 % + upfront 5 % + registration 10 %.
    @Test func specExamplePartner() throws {
        let s = try ReportFixture.spec7()
        let run = try s.run("2027-01", details: true)
        let trace = try #require(try Explain.trace(payee: "P1", run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, journal: nil).first)
        #expect(trace.payeeType == .partner)
        #expect(trace.verify().isEmpty, "\(trace.verify())")
        #expect(trace.root.amount == (try Self.d("500.00")))
        let fee = try #require(trace.root.first(labeled: "D3/1 referral fee"))
        #expect(fee.formula == .rounded(places: 2, rule: .halfEven))
        #expect(fee.amount == (try Self.d("500.00")))
        // The open quarter's purchases are context, each in detail.
        let purchases = try #require(trace.context.first { $0.label == "net purchases YTD" })
        #expect(purchases.amount == (try Self.d("3640.00")))
        let d2 = try #require(purchases.first(labeled: "D2/1"))
        #expect(d2.formula == .difference)
        #expect(d2.children.map(\.amount) == [try Self.d("5600.00"), try Self.d("1960.00")])
        let rate = try #require(d2.first(labeled: "discount rate d"))
        #expect(rate.amount == (try Self.d("0.35")))
        #expect(rate.children.first?.children.map(\.label) == ["level Bronze", "upfront", "registration"])
    }

    /// Sample P-ATLAS in 2027-11: D2710-05's referral fee (1800.00, earned in 2027-10) is
    /// reversed by its clawback in November: the month's payout is −1800.00.
    @Test func referralFeeClawback() throws {
        let s = try Scenario.sample()
        let (run, traces) = try s.traces("2027-11")
        let atlas = try #require(traces.first { $0.id == "P-ATLAS" })
        #expect(atlas.verify().isEmpty, "\(atlas.verify())")
        let claw = try #require(atlas.root.first(labeled: "clawback of D2710-05/1 referral fee"))
        #expect(claw.amount == (try Self.d("-1800.00")))
        #expect(claw.sources.first.map { if case .cancellation = $0 { true } else { false } } == true)
        #expect(atlas.root.amount == run.partner("P-ATLAS")?.payout.amount)
    }

    // MARK: Every payee of the sample

    /// For every payee of Fixtures/sample, under both plans and across the year (quarter ends,
    /// clawbacks, first month): every formula of the tree holds and the root is the payout of
    /// the run's summary row.
    @Test(arguments: ["Plans/channel-neutral.json", "Plans/fully-neutral.json"], ["2027-01", "2027-03", "2027-04", "2027-08", "2027-11", "2027-12"])
    func everySamplePayeeAddsUp(_ planFile: String, _ period: String) throws {
        let s = try Scenario.sample(plan: planFile)
        let (run, traces) = try s.traces(period)
        #expect(traces.count == run.people.count + run.partners.count)
        let payouts = Dictionary(uniqueKeysWithValues: run.summaryRows.map { row in
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            return (String(f[1]), String(f[8]))
        })
        for t in traces {
            #expect(t.verify().isEmpty, "\(t.id): \(t.verify())")
            #expect(t.root.amount?.formatted(fractionDigits: 2) == payouts[t.id], "\(t.id)")
            // The earned branch is the summary's earned_ytd; credit/purchases context matches too.
            #expect(t.root.children.first?.amount == (t.payeeType == .person ? run.person(t.id)?.earnedYTD.amount : run.partner(t.id)?.earnedYTD.amount))
            if t.payeeType == .person, let row = run.person(t.id) {
                #expect(t.context.first?.amount == row.creditPeriod.amount, "\(t.id) credit_period")
                if row.tiered != nil { #expect(t.root.first(labeled: "credit YTD")?.amount == row.creditYTD.amount, "\(t.id) credit_ytd") }
            } else if let row = run.partner(t.id) {
                #expect(t.context.first?.amount == row.purchasesPeriod.amount, "\(t.id) purchases period")
                #expect(t.context.first { $0.label == "net purchases YTD" }?.amount == row.purchasesYTD.amount, "\(t.id) purchases YTD")
            }
        }
    }

    /// An id that is neither a person nor a partner.
    @Test func unknownPayee() throws {
        let s = try ReportFixture.spec7()
        let run = try s.run("2027-01", details: true)
        #expect(throws: ReportError.self) {
            try Explain.trace(payee: "nobody", run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, journal: nil)
        }
    }
}
