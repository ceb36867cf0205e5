import Testing
@testable import ChannelComp

/// Pay per gross dollar on each channel and the partner ÷ direct ratio (``PersonNeutrality``).
@Suite("Channel neutrality")
struct ChannelNeutralityTests {
    /// SPEC 7, ann, 2027-01: direct S 10000 + 5000; partner N 3640 of G = L 5600 (35 % off).
    /// credit 18640, earned 932.00 → effective rate 932 ÷ 18640 = 0.05.
    /// direct pay 15000 × 0.05 = 750 per 15000 gross = 0.0500; partner pay 3640 × 0.05 = 182
    /// per 5600 gross = 0.0325; ratio 0.0325 ÷ 0.05 = 0.65 = 3640 ÷ 5600 = 1 − 35 %.
    @Test func specExampleAnn() throws {
        let s = try ReportFixture.spec7()
        let audit = try s.audit("2027-01")
        let ann = try #require(audit.ytd.person("ann"))
        #expect(ann.direct.gross.formatted == "15000.00")
        #expect(ann.direct.credit.formatted == "15000.00")
        #expect(ann.direct.pay == (try ReportFixture.decimal("750")))
        #expect(ann.direct.payPerGross?.value.description == "0.0500")
        #expect(ann.partner.gross.formatted == "5600.00")
        #expect(ann.partner.credit.formatted == "3640.00")
        #expect(ann.partner.pay == (try ReportFixture.decimal("182")))
        #expect(ann.partner.payPerGross?.value.description == "0.0325")
        #expect(ann.effectiveRate?.value.description == "0.0500")
        let ratio = try #require(ann.ratio)
        #expect(ratio.value.description == "0.6500")
        #expect(ratio.isExactly(try ReportFixture.decimal("0.65")))
        // The period scope is the same month here.
        #expect(audit.period.person("ann")?.ratio?.value.description == "0.6500")
        // cam is credited on partner deals only: not listed.
        #expect(audit.ytd.person("cam") == nil)
    }

    /// Fixtures/audit-neutrality with `Plans/fully-neutral.json`: direct reps are credited G on
    /// partner deals, so credit = gross on both channels and every ratio is exactly 1.
    @Test(arguments: ["2027-02", "2027-03"])
    func grossBasisIsExactlyNeutral(_ period: String) throws {
        let s = try ReportFixture.neutrality(plan: "Plans/fully-neutral.json")
        let audit = try s.audit(period)
        // ben's first partner deal (D5) is dated 2027-03.
        #expect(audit.ytd.neutrality.map(\.id.rawValue) == (period == "2027-03" ? ["ann", "ben", "cy"] : ["ann", "cy"]))
        for section in audit.sections {
            for p in section.neutrality {
                let ratio = try #require(p.ratio, "\(p.id) has no ratio")
                #expect(ratio.isExactly(.one), "\(p.id) \(section.scope.kind): ratio \(ratio.numerator) ÷ \(ratio.denominator)")
                #expect(ratio.value.description == "1.0000")
            }
        }
    }

    /// The same data on `Plans/channel-neutral.json` (net basis): each rep's ratio is
    /// 1 − Σ D ÷ Σ L of their partner lines (no sale_price, so G = L).
    ///
    /// ann (WEST): D2 L 20000.00, Bronze 20 + upfront 5 + registration 10 = 35 % → D 7000.00;
    ///             D3 L 4000.00 (8 × 500), P2 Gold fixed 30 % → D 1200.00.
    ///             Σ L 24000, Σ D 8200 → 1 − 8200/24000 = 15800/24000 = 0.658333… → 0.6583.
    /// ben (EAST): D5 L 50000.00, Gold 30 + 5 + 10 = 45 % capped at 40 % → D 20000.00;
    ///             D6 150 SEAT = 100 × 40 + 50 × 32 = 5600.00, P1 Bronze 20 % (pending) → D 1120.00.
    ///             Σ L 55600, Σ D 21120 → 34480/55600 = 0.620143… → 0.6201.
    @Test(arguments: [("ann", "24000", "8200", "0.6583"), ("ben", "55600", "21120", "0.6201")])
    func netBasisRatioIsOneMinusAverageDiscount(_ id: String, _ list: String, _ discount: String, _ shown: String) throws {
        let s = try ReportFixture.neutrality(plan: "Plans/channel-neutral.json")
        let run = try s.run("2027-03", details: true)
        let audit = try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger)
        let p = try #require(audit.ytd.person(id))
        let ratio = try #require(p.ratio)
        let l = try ReportFixture.decimal(list)
        let d = try ReportFixture.decimal(discount)
        // 1 − D/L = (L − D)/L, compared exactly.
        #expect(ratio.equals(try l.subtracting(d), over: l), "\(id): \(ratio.numerator) ÷ \(ratio.denominator)")
        #expect(ratio.value.description == shown)

        // The same sums straight from the priced partner lines credited to the rep.
        var sumL = ExactDecimal.zero
        var sumD = ExactDecimal.zero
        for line in run.creditLines where s.roster.people[line.person].id.rawValue == id {
            guard s.ledger.bookings[line.booking].channel == .partner, let priced = run.priced[line.booking] else { continue }
            #expect(s.ledger.bookings[line.booking].salePrice == nil)
            sumL = try sumL.adding(priced.list.amount)
            sumD = try sumD.adding(priced.discount.amount)
        }
        #expect(sumL == l)
        #expect(sumD == d)
    }

    /// cy's partner deal D11 has a sale_price: L 10000.00, Bronze 20 % → N 8000.00,
    /// G = 10 × 1100 = 11000.00. Net basis: ratio = Σ N ÷ Σ G = 8000/11000 = 0.727272… → 0.7273
    /// (not 1 − D/L = 0.8: the partner's markup counts as gross).
    @Test func netBasisWithSalePriceIsNetOverGross() throws {
        let s = try ReportFixture.neutrality(plan: "Plans/channel-neutral.json")
        let cy = try #require(try s.audit("2027-03").ytd.person("cy"))
        let ratio = try #require(cy.ratio)
        #expect(ratio.equals(try ReportFixture.decimal("8000"), over: try ReportFixture.decimal("11000")))
        #expect(ratio.value.description == "0.7273")
        #expect(cy.partner.gross.formatted == "11000.00")
        #expect(cy.partner.credit.formatted == "8000.00")
    }

    /// direct_rep credits named reps on both channels at 5 %; ann (WEST) and bob (EAST); D1
    /// direct 10000.00 for ann on 2027-01-10 and D2 partner (P1, Bronze 20 %) L 10000.00 split
    /// ann:60;bob:40 on 2027-01-20, then `more`.
    static func splitPartnerDeal(then more: [DealRow] = []) throws -> Scenario {
        var plan = PlanText()
        plan.roles = """
            "direct_rep": {
              "direct_deals": { "credit": "named" },
              "partner_deals": \(PlanText.partnerDeals("named")),
              "rates": \(PlanText.tiers("marginal", [("0%", "5%")]))
            }
            """
        let people = "id,name,role,quota,territory\nann,Ann,direct_rep,500000,WEST\nbob,Bob,direct_rep,500000,EAST\n"
        var partnerDeal = DealRow.partner("D2", "2027-01-20", "10000")
        partnerDeal.reps = "ann:60;bob:40"
        return try Scenario(plan: plan, people: people, partners: "id,name,level,manager\nP1,Acme,,\n",
                            deals: [.direct("D1", "2027-01-10", "10000"), partnerDeal] + more)
    }

    /// A named 60/40 split on a partner deal splits G like the credit.
    /// P1 Bronze 20 %, L 10000.00 → N 8000.00: ann 4800.00 of G 6000.00, bob 3200.00 of G 4000.00.
    /// ann: direct 10000 + 4800 = 14800 credit, 5 % → 740.00, r = 0.05: direct 500 / 10000 = 0.05;
    /// partner 240 / 6000 = 0.04; ratio 0.8 = 1 − 20 %.
    @Test func namedSplitOnPartnerDealSplitsGross() throws {
        let s = try Self.splitPartnerDeal()
        let ann = try #require(try s.audit("2027-01").ytd.person("ann"))
        #expect(ann.partner.gross.formatted == "6000.00")
        #expect(ann.partner.credit.formatted == "4800.00")
        #expect(ann.ratio?.isExactly(try ReportFixture.decimal("0.8")) == true)
    }

    /// A split partner deal clawed back within the window: the clawback's lines are the
    /// booking's negated, part for part. D2 (P1 Bronze 20 %, L 10000.00, N 8000.00, ann:60;bob:40)
    /// booked 2027-01-20, cancelled 2027-02-10. Year to date through 2027-02: ann has two
    /// partner lines, credit 4800.00 − 4800.00 = 0, G part 6000.00 − 6000.00 = 0; in 2027-02
    /// alone her one line is credit −4800.00, G −6000.00, N −4800.00; bob's is −3200.00, −4000.00.
    @Test func clawbackNegatesEveryPart() throws {
        let s = try Self.splitPartnerDeal(then: [.cancellation("D2", "2027-02-10")])
        let run = try s.run("2027-02", details: true)
        let ytd = try #require(try ChannelNeutrality.people(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger,
                                                             scope: ReportScope(kind: .ytd, first: run.fiscalYearStart, last: run.period))
            .first { $0.id.rawValue == "ann" })
        #expect(ytd.partner.lines == 2 && ytd.partner.credit.isZero && ytd.partner.gross.isZero && ytd.partner.net.isZero)
        let month = try ChannelNeutrality.people(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger,
                                                 scope: ReportScope(kind: .period, first: run.period, last: run.period))
        let ann = try #require(month.first { $0.id.rawValue == "ann" })
        #expect(ann.partner.lines == 1)
        #expect(ann.partner.credit.formatted == "-4800.00" && ann.partner.gross.formatted == "-6000.00" && ann.partner.net.formatted == "-4800.00")
        let bob = try #require(month.first { $0.id.rawValue == "bob" })
        #expect(bob.partner.credit.formatted == "-3200.00" && bob.partner.gross.formatted == "-4000.00")
        #expect(ann.direct.lines == 0)
    }

    /// Flat-rate credit is attributed its own flat pay; quota credit the rest of earned.
    /// ann: direct 10000 at 5 % = 500; partner N 8000 (L 10000, Bronze 20 %) flat 2 % = 160 →
    /// earned 660.00; r = (660 − 160) ÷ 10000 = 0.05. Partner pay 160 per 10000 gross = 0.016;
    /// direct 0.05; ratio 0.016 ÷ 0.05 = 0.32.
    @Test func flatRateCreditIsAttributedItsFlatPay() throws {
        var plan = PlanText()
        plan.roles = """
            "direct_rep": {
              "direct_deals": { "credit": "named" },
              "partner_deals": \(PlanText.partnerDeals("territory", quotaCredit: false, flatRate: "2%")),
              "rates": \(PlanText.tiers("marginal", [("0%", "5%")]))
            }
            """
        let s = try Scenario(plan: plan, people: "id,name,role,quota,territory\nann,Ann,direct_rep,500000,WEST\n",
                             partners: "id,name,level,manager\nP1,Acme,,\n",
                             deals: [.direct("D1", "2027-01-10", "10000"), .partner("D2", "2027-01-20", "10000")])
        let ann = try #require(try s.audit("2027-01").ytd.person("ann"))
        #expect(ann.earnedYTD.formatted == "660.00")
        #expect(ann.partner.flatPay == (try ReportFixture.decimal("160")))
        #expect(ann.partner.pay == (try ReportFixture.decimal("160")))
        #expect(ann.direct.pay == (try ReportFixture.decimal("500")))
        #expect(ann.ratio?.isExactly(try ReportFixture.decimal("0.32")) == true)
    }

    /// Over the year to date, everybody's attributed pay adds up to their earned YTD (each
    /// channel's pay is kept to 6 places, so within 2 × 0.0000005), and the cost section's
    /// people pay is Σ earned_ytd exactly.
    @Test(arguments: ["2027-03", "2027-10", "2027-12"])
    func attributedPayAddsUpToEarned(_ period: String) throws {
        let s = try Scenario.sample()
        let run = try s.run(period, details: true)
        let ytd = ReportScope(kind: .ytd, first: run.fiscalYearStart, last: run.period)
        let people = try ChannelNeutrality.people(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, scope: ytd)
        let tolerance = try ReportFixture.decimal("0.000001")
        var earned = ExactDecimal.zero
        for row in run.people { earned = try earned.adding(row.earnedYTD.amount) }
        for p in people {
            let sum = try p.direct.pay.adding(p.partner.pay)
            #expect(try sum.subtracting(p.earnedYTD.amount).magnitude <= tolerance, "\(p.id): \(sum) vs \(p.earnedYTD)")
        }
        let audit = try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger)
        #expect(audit.ytd.cost(nil)?.peoplePay.amount == earned)
        let direct = try #require(audit.ytd.cost(.direct))
        let partner = try #require(audit.ytd.cost(.partner))
        #expect(try direct.peoplePay + partner.peoplePay == audit.ytd.cost(nil)?.peoplePay)
    }

    /// A run without details cannot be audited (no credit lines to attribute).
    @Test func runWithoutDetailsIsRefused() throws {
        let s = try ReportFixture.spec7()
        let run = try s.run("2027-01", details: false)
        #expect(throws: ReportError.self) {
            try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger)
        }
    }
}
