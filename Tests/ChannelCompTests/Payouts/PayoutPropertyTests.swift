import Testing
import _TestSupport
@testable import ChannelComp

/// The date `days` after `date` (days ≥ 0).
func addingDays(_ date: CivilDate, _ days: Int) -> CivilDate {
    var d = date
    for _ in 0..<days {
        if let next = CivilDate(year: d.year, month: d.month, day: d.day + 1) { d = next }
        else if let next = CivilDate(year: d.year, month: d.month + 1, day: 1) { d = next }
        else { d = CivilDate(year: d.year + 1, month: 1, day: 1)! }
    }
    return d
}

/// A random but valid plan and ledger: two reps, two channel managers, three partners, 5–30 rows
/// of direct, referral and partner bookings (WIDGET or price-book SEAT) from 2026-06 to 2027-12,
/// about one in five cancelled 0–120 days later; random fiscal year start, rounding, clawback
/// window, rebate method and rep cap.
struct RandomLedger {
    static let people = """
        id,name,role,quota,territory
        ann,Ann,direct_rep,300000,WEST
        bob,Bob,direct_rep,200000,EAST
        cam,Cam,channel_manager,400000,
        dan,Dan,channel_manager,250000,
        """
    static let partners = """
        id,name,level,manager
        P1,One,,cam
        P2,Two,Gold,dan
        P3,Three,,
        """

    var plan: PlanText
    var rows: [DealRow]

    init(_ rng: inout DomainRNG) {
        var text = PlanText()
        text.fiscalYearStartMonth = rng.int(1...12)
        text.rounding = rng.pick(["half-even", "half-up"])
        text.clawbackDays = rng.pick([0, 30, 90])
        text.rebate = PlanText.tiers(rng.pick(["marginal", "retroactive"]), [("0", "0%"), ("20000", "2%"), ("60000", "3%")])
        text.levels = """
            { "name": "Bronze", "min_trailing_list": "0", "discount": "20%" },
            { "name": "Silver", "min_trailing_list": "50000", "discount": "25%" },
            { "name": "Gold", "min_trailing_list": "150000", "discount": "30%" }
            """
        let cap: String? = rng.pick([nil, "2500", "400000"])
        text.roles = [
            PlanText.role("direct_rep", partner: PlanText.partnerDeals("territory"),
                          rates: PlanText.tiers("marginal", [("0%", "5%"), ("100%", "9%"), ("150%", "6%")]), cap: cap),
            PlanText.role("channel_manager", direct: "none", partner: PlanText.partnerDeals("partner_manager", requiresRegistration: true),
                          rates: PlanText.tiers("retroactive", [("0%", "0%"), ("10%", "2%"), ("50%", "3%")])),
        ].joined(separator: ",\n")
        plan = text

        var rows: [DealRow] = []
        let start = CivilDate(year: 2026, month: 6, day: 1)!
        for i in 0..<rng.int(5...30) {
            let date = addingDays(start, rng.int(0...575))  // up to 2027-12-28
            let id = "D\(i)"
            var row: DealRow
            switch rng.int(0...9) {
            case 0...3:
                row = .direct(id, date.description, DomainRNG.decimalText(rng.int(100...3_000_000), places: 2),
                              quantity: String(rng.int(1...5)), reps: rng.pick(["ann", "bob", "ann:60;bob:40", "ann;bob", "bob:0;ann:100"]))
                if rng.int(0...3) == 0 {
                    row.sourcedBy = "partner"
                    row.partner = rng.pick(["P1", "P2", "P3", ""])
                    row.registration = rng.pick(["approved", "pending", ""])
                }
                if rng.bool() { row.salePrice = DomainRNG.decimalText(rng.int(100...3_000_000), places: 2) }
            default:
                row = .partner(id, date.description, DomainRNG.decimalText(rng.int(100...3_000_000), places: 2),
                               quantity: String(rng.int(1...5)), partner: rng.pick(["P1", "P2", "P3"]),
                               registration: rng.pick(["approved", "pending", "rejected", ""]), purchase: rng.pick(["", "upfront"]),
                               territory: rng.pick(["WEST", "EAST", "ISLANDS"]))
                if rng.int(0...3) == 0 {
                    row.product = "SEAT"
                    row.unitListPrice = ""
                    row.quantity = DomainRNG.decimalText(rng.int(1...3000), places: 1)
                }
            }
            rows.append(row)
            if rng.int(0...4) == 0 {
                rows.append(.cancellation(id, addingDays(date, rng.int(0...120)).description))
            }
        }
        self.rows = rows
    }
}

@Suite("Payouts: determinism and journal property (SPEC 3.7)")
struct PayoutPropertyTests {
    /// For random ledgers and a random period p of FY2027:
    /// * running p twice (with and without details) gives the same figures;
    /// * closing every earlier month of p's fiscal year with its preview payouts, then running p with
    ///   that journal, gives the preview's payout for every payee (paid to date = Σ preview payouts =
    ///   earned_ytd(p − 1), the sum telescoping: (e1 − 0) + (e2 − e1) + … = e(p−1)).
    @Test("re-runs are deterministic; journal of preview payouts reproduces the preview", arguments: [UInt64(3), 31, 314])
    func journalMatchesPreview(seed: UInt64) throws {
        var rng = DomainRNG(seed: seed)
        for index in 0..<70 {
            let random = RandomLedger(&rng)
            let label = "seed \(seed) case \(index)"
            let s = try Scenario(plan: random.plan.load(), people: RandomLedger.people, partners: RandomLedger.partners,
                                 deals: dealsCSV(random.rows))
            let period = Period(year: 2027, month: rng.int(1...12))!
            let yearStart = s.plan.fiscalCalendar.yearStart(of: period)

            let preview = try s.run(period.description)
            let again = try s.run(period.description)
            let detailed = try s.run(period.description, details: true)
            #expect(preview.summaryRows == again.summaryRows, "\(label)")
            #expect(preview.summaryRows == detailed.summaryRows, "\(label)")
            #expect(preview.ledgerSummary.accountedFor == preview.ledgerSummary.rowsRead, "\(label)")

            var lines: [String] = []
            var month = yearStart
            while month < period {
                lines += try s.run(month.description).journalLines
                month = month.advanced(by: 1)
            }
            let withJournal = try s.with(journal: journalCSV(lines)).run(period.description)
            if period == yearStart {
                #expect(withJournal.settlement == .preview, "\(label)")
            } else {
                #expect(withJournal.settlement != .preview, "\(label)")
            }
            #expect(withJournal.summaryRows == preview.summaryRows,
                    "\(label), period \(period): \(zip(withJournal.summaryRows, preview.summaryRows).filter { $0 != $1 })\n\(dealsCSV(random.rows))")
        }
    }
}
