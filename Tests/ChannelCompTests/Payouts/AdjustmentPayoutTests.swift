import Foundation
import Testing
@testable import ChannelComp

/// Adjustments in the numbers (SPEC 8.4) and the prior-period split (SPEC 8.5), worked by hand
/// on the SPEC 7 roster: ann, direct_rep, quota 500000.00, marginal 5 % · 9 % from 100 % ·
/// 6 % from 150 %, cap 400000.00; cam, channel_manager; P1, partner.
@Suite("Adjustments and the prior-period split")
struct AdjustmentPayoutTests {
    static let header = "id,period,payee_type,payee_id,kind,amount,reason,approved_by,deal_id"

    /// Runs `period` with `adjustments` rows, fast and detailed; both must agree to the cent.
    static func run(_ s: Scenario, _ rows: [String], _ period: String) throws -> PayoutRun {
        let text = ([header] + rows).joined(separator: "\n") + "\n"
        let (adjustments, diagnostics) = AdjustmentLoader.load(file: "adjustments.csv", bytes: Array(text.utf8),
                                                               plan: s.plan, roster: s.roster, ledger: s.ledger)
        guard !diagnostics.hasErrors else { throw ScenarioError(diagnostics.errors.map { $0.render() }.joined(separator: "\n")) }
        var engine = PayoutEngine(plan: s.plan, roster: s.roster, ledger: s.ledger, journal: s.journal)
        engine.adjustments = adjustments
        let p = Period(parsing: period)!
        let fast = try engine.run(period: p, details: false)
        let detailed = try engine.run(period: p, details: true)
        #expect(fast.people.map(\.payout) == detailed.people.map(\.payout), "fast and detailed runs agree")
        #expect(fast.people.map(\.creditYTD) == detailed.people.map(\.creditYTD))
        #expect(fast.partners.map(\.payout) == detailed.partners.map(\.payout))
        #expect(fast.people.map(\.priorPeriodAdjustment) == detailed.people.map(\.priorPeriodAdjustment))
        return detailed
    }

    static func usd(_ text: String) -> Money { Money(try! ExactDecimal(parsing: text), Currency(code: "USD")!) }

    @Test("a credit adjustment that crosses the 100 % tier boundary")
    func creditCrossesTier() throws {
        // D1: 10 × 48000.00 = 480000.00 → 96 % of quota → 480000.00 × 5 % = 24000.00.
        // + credit 40000.00 → 520000.00 = 104 %: 500000.00 × 5 % + 20000.00 × 9 % = 25000.00 + 1800.00 = 26800.00.
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "48000", quantity: "10")])
        let without = try s.run("2027-01")
        #expect(without.person("ann")?.earnedYTD == Self.usd("24000.00"))
        let run = try Self.run(s, ["A1,2027-01,person,ann,credit,40000.00,D1 line 2 missing from the CRM export,VP Sales,D1"], "2027-01")
        let ann = try #require(run.person("ann"))
        #expect(ann.creditPeriod == Self.usd("520000.00"))
        #expect(ann.creditYTD == Self.usd("520000.00"))
        #expect(ann.attainment == ExactDecimal(significand: 10400, scale: 4))
        #expect(ann.tiered?.reached == 1)
        #expect(ann.earnedYTD == Self.usd("26800.00"))
        #expect(ann.payout == Self.usd("26800.00"))
    }

    @Test("a payment adjustment on top of a binding cap")
    func paymentOverCap() throws {
        // D1: 10 × 700000.00 = 7000000.00: 500000 × 5 % + 250000 × 9 % + 6250000 × 6 %
        // = 25000 + 22500 + 375000 = 422500.00 > cap 400000.00 → 400000.00; + payment 1500.00 → 401500.00.
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "700000", quantity: "10")])
        let run = try Self.run(s, ["A1,2027-01,person,ann,payment,1500.00,President's Club SPIFF,CEO,"], "2027-01")
        let ann = try #require(run.person("ann"))
        #expect(ann.capped)
        #expect(ann.earnedUncapped == Self.usd("422500.00"))
        #expect(ann.earnedYTD == Self.usd("401500.00"))
        #expect(ann.payout == Self.usd("401500.00"))
    }

    @Test("negative adjustments: a payment taken back and a credit reversed")
    func negative() throws {
        // D1: 10 × 1000.00 = 10000.00 → 500.00. Credit −4000.00 → 6000.00 × 5 % = 300.00;
        // payment −250.00 → 300.00 − 250.00 = 50.00. P1 (partner) payment −20.00 → −20.00.
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000", quantity: "10")])
        let run = try Self.run(s, ["A1,2027-01,person,ann,credit,-4000.00,D1 split 60/40 with a rep outside the plan,VP Sales,D1",
                                   "A2,2027-01,person,ann,payment,-250.00,December SPIFF paid twice,Sales Ops,",
                                   "A3,2027-01,partner,P1,payment,-20.00,fee refund,CFO,"], "2027-01")
        #expect(run.person("ann")?.creditYTD == Self.usd("6000.00"))
        #expect(run.person("ann")?.earnedYTD == Self.usd("50.00"))
        #expect(run.partner("P1")?.earnedYTD == Self.usd("-20.00"))
        #expect(run.partner("P1")?.payout == Self.usd("-20.00"))
    }

    @Test("an adjustment dated after the period has no effect and is counted; the next month pays it")
    func afterPeriod() throws {
        // D1 10000.00 → 500.00 in January; A1 (February, 100.00) is ignored in January and
        // counted; February: 500.00 + 100.00 = 600.00 earned, preview paid 500.00 → payout 100.00.
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000", quantity: "10")])
        let rows = ["A1,2027-02,person,ann,payment,100.00,February SPIFF,VP Sales,",
                    "A0,2026-12,person,ann,payment,999.00,last fiscal year,VP Sales,"]
        let january = try Self.run(s, rows, "2027-01")
        #expect(january.person("ann")?.earnedYTD == Self.usd("500.00"))
        #expect(january.ledgerSummary.adjustmentsAfterPeriod == 1)
        let february = try Self.run(s, rows, "2027-02")
        #expect(february.person("ann")?.earnedYTD == Self.usd("600.00"))
        #expect(february.person("ann")?.payout == Self.usd("100.00"))
        #expect(february.person("ann")?.periodEarned == Self.usd("100.00"))
        #expect(february.ledgerSummary.adjustmentsAfterPeriod == 0)
    }

    // MARK: The prior-period split (SPEC 8.5): January closed paying ann 500.00.

    /// January closed with ann 500.00 (D1 10 × 1000.00 × 5 %), cam 0.00, P1 0.00.
    static let januaryClosed = journalCSV(["2027-01,person,ann,500.00,USD,t", "2027-01,person,cam,0.00,USD,t",
                                           "2027-01,partner,P1,0.00,USD,t"])
    /// February: D4 1 × 800.00 → 40.00 for ann.
    static let february = DealRow.direct("D4", "2027-02-03", "800")

    static func split(_ run: PayoutRun) -> (Money?, Money?, Money?) {
        let ann = run.person("ann")
        return (ann?.periodEarned, ann?.priorPeriodAdjustment, ann?.payout)
    }

    @Test("a late row dated in closed January: +100.00 lands as a prior-period adjustment")
    func lateRow() throws {
        // D5 (2027-01-20, 2 × 1000.00) added after the close: earned(Jan) = 12000.00 × 5 % = 600.00;
        // earned(Feb) = 12800.00 × 5 % = 640.00; paid 500.00 → period 40.00 + prior 100.00 = payout 140.00.
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000", quantity: "10"),
                                                       .direct("D5", "2027-01-20", "1000", quantity: "2"), Self.february],
                             journal: Self.januaryClosed)
        let run = try Self.run(s, [], "2027-02")
        #expect(Self.split(run) == (Self.usd("40.00"), Self.usd("100.00"), Self.usd("140.00")))
    }

    @Test("a row deleted from closed January: −200.00 recovered as a prior-period adjustment")
    func deletedRow() throws {
        // January was closed with D0 (4000.00) and D1 (10000.00): paid 700.00. D0 deleted:
        // earned(Jan) = 500.00, earned(Feb) = 540.00 → period 40.00 + prior −200.00 = payout −160.00.
        let journal = Self.januaryClosed.replacingOccurrences(of: "ann,500.00", with: "ann,700.00")
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000", quantity: "10"), Self.february],
                             journal: journal)
        let run = try Self.run(s, [], "2027-02")
        #expect(Self.split(run) == (Self.usd("40.00"), Self.usd("-200.00"), Self.usd("-160.00")))
    }

    @Test("a late cancellation dated in closed January: the whole January pay is recovered")
    func lateCancellation() throws {
        // D1 cancelled 2027-01-25 (15 days, within 90): earned(Jan) = 0.00, earned(Feb) = 40.00;
        // paid 500.00 → period 40.00 + prior −500.00 = payout −460.00.
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000", quantity: "10"),
                                                       .cancellation("D1", "2027-01-25"), Self.february],
                             journal: Self.januaryClosed)
        let run = try Self.run(s, [], "2027-02")
        #expect(Self.split(run) == (Self.usd("40.00"), Self.usd("-500.00"), Self.usd("-460.00")))
    }

    @Test("an adjustment dated in closed January: a prior-period adjustment, not this period's")
    func adjustmentInClosedMonth() throws {
        // A1 payment 75.00 dated 2027-01: earned(Jan) = 575.00, earned(Feb) = 615.00; paid 500.00
        // → period 40.00 + prior 75.00 = payout 115.00.
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000", quantity: "10"), Self.february],
                             journal: Self.januaryClosed)
        let run = try Self.run(s, ["A1,2027-01,person,ann,payment,75.00,January SPIFF approved late,VP Sales,"], "2027-02")
        #expect(Self.split(run) == (Self.usd("40.00"), Self.usd("75.00"), Self.usd("115.00")))
    }

    /// SPEC 8.7: someone who left last year is not listed — unless the year has an adjustment
    /// for them. gone's only row ended 2026-06-30; a 250.00 payment dated 2027-02 lists gone in
    /// the 2027-02 run with earned YTD 0.00 + 250.00 = 250.00 and payout 250.00 (preview: nothing
    /// earned through January). Without the adjustment gone is not listed at all.
    @Test("an adjustment lists a payee who has no row in the fiscal year (SPEC 8.7)")
    func adjustmentListsLeaver() throws {
        let people = Scenario.standardPeople.trimmingCharacters(in: .newlines)
            .split(separator: "\n").enumerated().map { $0.offset == 0 ? $0.element + ",effective_from,effective_to" : $0.element + ",," }
            .joined(separator: "\n") + "\ngone,Gone,direct_rep,500000,EAST,,2026-06-30\n"
        let s = try Scenario(plan: PlanText(), people: people, deals: [.direct("D1", "2027-01-10", "1000", quantity: "1")])
        #expect(try s.run("2027-02").person("gone") == nil, "a leaver of last year is not listed")
        let run = try Self.run(s, ["A1,2027-02,person,gone,payment,250.00,final commission settlement,CFO,"], "2027-02")
        let gone = try #require(run.person("gone"), "the adjustment lists gone")
        #expect(gone.earnedYTD == Self.usd("250.00"))
        #expect(gone.payout == Self.usd("250.00"))
    }
}
