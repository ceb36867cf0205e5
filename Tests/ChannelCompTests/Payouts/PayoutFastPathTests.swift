import Foundation
import Testing
import _TestSupport
@testable import ChannelComp

/// Guards the payout engine's fast path: `PayoutEngine.run(period:details: false)`, which sums
/// a run in minor units with `RunTotals` — for every other random ledger in two halves on two
/// threads — must give exactly the people, partners and ledger summary of
/// `run(period:details: true)`, the same pass in one piece keeping a reference per credit line.
///
/// Example (SPEC 7, 2027-01): both ways ann's credit is 10000.00 (D1) + 3640.00 (D2, net,
/// territory WEST) + 5000.00 (D3) = 18640.00, earned 932.00 (5 %), payout 932.00; P1's
/// purchases 3640.00; the summary counts 4 rows read, 3 used, 1 after the period.
///
/// Compared: every field of every `PersonPayout`, `PartnerPayout` (quarters and tier results
/// included) and the `LedgerSummary`, decimals with their scale (`932.00` ≠ `932.0`); when a run
/// throws, the other must throw the same message. Inputs: a few hundred seeded random ledgers
/// (`RandomLedger` with varied credit rules, splits, sub-cent prices and wide decimals) and the
/// valid data folders of `Fixtures/` (the sample under both `Plans/*.json`) for every period of
/// 2027.
@Suite("Payouts: summed run = detailed run")
struct PayoutFastPathTests {
    /// 3 × 100 random ledgers; every 8th is run for all twelve periods of 2027, the others for three.
    @Test("random ledgers pay the same with and without details", arguments: [UInt64(7), 77, 777])
    func randomLedgers(seed: UInt64) throws {
        var rng = DomainRNG(seed: seed)
        var runs = 0, failures = 0, paidSomething = 0
        for index in 0..<100 {
            let random = VariedLedger(&rng)
            let label = "seed \(seed) case \(index)"
            let s: Scenario
            do {
                s = try Scenario(plan: random.plan.load(), people: RandomLedger.people, partners: RandomLedger.partners,
                                 deals: dealsCSV(random.rows))
            } catch {
                Issue.record("\(label): the generated ledger does not load: \(error)\n\(random.plan.json)\n\(dealsCSV(random.rows))")
                continue
            }
            var months = Array(1...12)
            if index % 8 != 0 { months = (0..<3).map { _ in rng.int(1...12) } }
            for month in months {
                guard let period = Period(year: 2027, month: month) else { continue }
                runs += 1
                var engine = PayoutEngine(plan: s.plan, roster: s.roster, ledger: s.ledger, journal: nil)
                if index % 2 == 0 {
                    // The summed run in two halves on two threads, however small the ledger.
                    engine.threads = 2
                    engine.splitAbove = 0
                }
                let (difference, summed) = PayoutPathDiff.compare(engine, period)
                if let difference {
                    failures += 1
                    if failures <= 3 {
                        Issue.record("\(label), \(period): \(difference)\n--- plan\n\(random.plan.json)--- deals.csv\n\(dealsCSV(random.rows))")
                    }
                }
                if let summed, summed.people.contains(where: { !$0.earnedYTD.amount.isZero }) { paidSomething += 1 }
            }
        }
        #expect(failures == 0, "\(failures) of \(runs) runs differ")
        // Not vacuous: most runs pay someone something.
        #expect(paidSomething * 2 >= runs, "only \(paidSomething) of \(runs) runs earned anything")
    }

    /// The valid data folders for every period of 2027: the sample under both Plans/*.json; the
    /// SPEC 7 example; the neutrality audit data; the unsorted journal data; the roster by date
    /// and team credit of Fixtures/roster-changes;
    /// and the journal true-up case with its journal.csv.
    @Test("fixture folders pay the same with and without details for every period of 2027",
          arguments: [
            ("Fixtures/sample", "Plans/channel-neutral.json", nil as String?),
            ("Fixtures/sample", "Plans/fully-neutral.json", nil),
            ("Fixtures/spec-example", "Fixtures/spec-example/plan.json", nil),
            ("Fixtures/audit-neutrality", "Plans/channel-neutral.json", nil),
            ("Fixtures/journal/unsorted", "Plans/channel-neutral.json", nil),
            ("Fixtures/roster-changes", "Fixtures/roster-changes/plan.json", nil),
            ("Fixtures/golden/spec-example-journal-trueup-2027-02/data", "Fixtures/golden/spec-example-journal-trueup-2027-02/data/plan.json", "journal.csv"),
          ])
    func fixtures(folder: String, planFile: String, journal: String?) throws {
        let s = try Scenario(plan: loadPlan(Scenario.repositoryText(planFile), file: planFile),
                             people: Scenario.repositoryText(folder + "/people.csv"),
                             partners: Scenario.repositoryText(folder + "/partners.csv"),
                             deals: Scenario.repositoryText(folder + "/deals.csv"),
                             journal: try journal.map { try Scenario.repositoryText(folder + "/" + $0) })
        #expect(s.ledger.bookings.count > 0)
        var runs = 0
        for month in 1...12 {
            let period = try #require(Period(year: 2027, month: month))
            var engine = PayoutEngine(plan: s.plan, roster: s.roster, ledger: s.ledger, journal: s.journal)
            for split in [false, true] {
                // One pass, then two halves on two threads (the clawbacks all in the second).
                engine.threads = split ? 2 : 1
                engine.splitAbove = split ? 0 : RunTotals.splitThreshold
                let (difference, _) = PayoutPathDiff.compare(engine, period)
                if let difference { Issue.record("\(folder) under \(planFile), \(period), split \(split): \(difference)") }
            }
            let (_, summed) = PayoutPathDiff.compare(engine, period)
            if summed != nil { runs += 1 }
        }
        // The sample pays every period; the journal case refuses periods its journal does not cover.
        if journal == nil { #expect(runs == 12, "only \(runs) of 12 periods ran") } else { #expect(runs >= 1) }
    }

    /// The comparison notices one changed field of a person, a partner, a quarter, a tier result
    /// or the summary, and a scale-only change (a comparison that cannot fail guards nothing).
    @Test("the comparison notices any changed field")
    func comparisonNoticesDifferences() throws {
        let s = try Scenario.sample()
        let run = try s.run("2027-06", details: false)
        #expect(PayoutPathDiff.firstDifference(run, run) == nil)
        let tenth = try ExactDecimal(parsing: "0.1")
        func bump(_ m: Money) -> Money { Money((try? m.amount.adding(tenth)) ?? m.amount, m.currency) }
        func rescale(_ d: ExactDecimal) -> ExactDecimal {
            (try? ExactDecimal(parsing: d.description + (d.description.contains(".") ? "0" : ".0"))) ?? d
        }
        let personEdits: [(String, (inout PersonPayout) -> Void)] = [
            ("index", { $0.index = PersonIndex($0.index.offset + 1) }), ("id", { $0.id = PersonID($0.id.rawValue + "x") }), ("name", { $0.name += "x" }),
            ("role", { $0.role += "x" }), ("quota", { $0.quota = nil }), ("creditPeriod", { $0.creditPeriod = bump($0.creditPeriod) }),
            ("creditYTD", { $0.creditYTD = bump($0.creditYTD) }), ("flatCreditYTD", { $0.flatCreditYTD = bump($0.flatCreditYTD) }),
            ("flatPayYTD", { $0.flatPayYTD = (try? $0.flatPayYTD.adding(tenth)) ?? .one }),
            ("flatPayYTD scale", { $0.flatPayYTD = rescale($0.flatPayYTD) }),
            ("attainment", { $0.attainment = nil }), ("tiered", { $0.tiered = nil }),
            ("tiered slices", { $0.tiered?.slices.append(.one) }), ("tiered reached", { $0.tiered?.reached = 99 }),
            ("earnedUncapped", { $0.earnedUncapped = bump($0.earnedUncapped) }), ("capped", { $0.capped.toggle() }),
            ("earnedYTD", { $0.earnedYTD = bump($0.earnedYTD) }), ("earnedYTD scale", { $0.earnedYTD = Money(rescale($0.earnedYTD.amount), $0.earnedYTD.currency) }),
            ("paidToDate", { $0.paidToDate = bump($0.paidToDate) }), ("payout", { $0.payout = bump($0.payout) }),
        ]
        for (name, edit) in personEdits {
            var changed = run
            edit(&changed.people[0])
            #expect(PayoutPathDiff.firstDifference(changed, run) != nil, "person \(name)")
        }
        let partnerEdits: [(String, (inout PartnerPayout) -> Void)] = [
            ("index", { $0.index = PartnerIndex($0.index.offset + 1) }), ("id", { $0.id = PartnerID($0.id.rawValue + "x") }), ("name", { $0.name += "x" }),
            ("purchasesPeriod", { $0.purchasesPeriod = bump($0.purchasesPeriod) }), ("purchasesYTD", { $0.purchasesYTD = bump($0.purchasesYTD) }),
            ("referralFeesYTD", { $0.referralFeesYTD = bump($0.referralFeesYTD) }), ("quarters", { $0.quarters.removeLast() }),
            ("quarter purchases", { $0.quarters[0].purchases = bump($0.quarters[0].purchases) }),
            ("quarter ended", { $0.quarters[0].ended.toggle() }), ("quarter rebate", { $0.quarters[0].rebate = bump($0.quarters[0].rebate) }),
            ("quarter tiers", { $0.quarters[0].tiers = $0.quarters[0].tiers == nil ? Tiers.Result(amount: .one, reached: 0, slices: []) : nil }),
            ("quarter start", { $0.quarters[0].start = $0.quarters[0].start.advanced(by: 1) }),
            ("earnedYTD", { $0.earnedYTD = bump($0.earnedYTD) }), ("paidToDate", { $0.paidToDate = bump($0.paidToDate) }),
            ("payout", { $0.payout = bump($0.payout) }), ("level", { $0.level = ($0.level ?? 0) + 1 }),
            ("levelFixed", { $0.levelFixed.toggle() }), ("trailingVolume", { $0.trailingVolume = (try? $0.trailingVolume.adding(tenth)) ?? .one }),
        ]
        for (name, edit) in partnerEdits {
            var changed = run
            edit(&changed.partners[0])
            #expect(PayoutPathDiff.firstDifference(changed, run) != nil, "partner \(name)")
        }
        var fewer = run
        fewer.people.removeLast()
        #expect(PayoutPathDiff.firstDifference(fewer, run) != nil, "one person fewer")
        fewer = run
        fewer.partners.removeLast()
        #expect(PayoutPathDiff.firstDifference(fewer, run) != nil, "one partner fewer")
        let summaryEdits: [(String, (inout LedgerSummary) -> Void)] = [
            ("rowsRead", { $0.rowsRead += 1 }), ("bookingsUsed", { $0.bookingsUsed += 1 }), ("clawbacksUsed", { $0.clawbacksUsed += 1 }),
            ("beforeFiscalYear", { $0.beforeFiscalYear += 1 }), ("afterPeriod", { $0.afterPeriod += 1 }),
            ("outsideClawbackWindow", { $0.outsideClawbackWindow += 1 }), ("rejected", { $0.rejected += 1 }),
        ]
        for (name, edit) in summaryEdits {
            var changed = run
            edit(&changed.ledgerSummary)
            #expect(PayoutPathDiff.firstDifference(changed, run) != nil, "summary \(name)")
        }
    }
}

// MARK: - Comparison

/// Runs a period both ways and names the first difference.
enum PayoutPathDiff {
    /// nil when `run(details: false)` and `run(details: true)` agree (or both throw the same
    /// message); also the summed run, when it ran.
    static func compare(_ engine: PayoutEngine, _ period: Period) -> (String?, PayoutRun?) {
        let summed = Result { () throws(InputError) -> PayoutRun in try engine.run(period: period, details: false) }
        let detailed = Result { () throws(InputError) -> PayoutRun in try engine.run(period: period, details: true) }
        switch (summed, detailed) {
        case let (.success(a), .success(b)):
            return (firstDifference(a, b), a)
        case let (.failure(a), .failure(b)):
            return (a.description == b.description ? nil : "both throw, differently:\nsummed: \(a)\ndetailed: \(b)", nil)
        case let (.success, .failure(b)):
            return ("only the detailed run throws: \(b)", nil)
        case let (.failure(a), .success):
            return ("only the summed run throws: \(a)", nil)
        }
    }

    /// A decimal with its scale (`932.00` ≠ `932.0`); through `description`, not the `Int128`
    /// fields, which crash debug builds of test code on a misaligned load.
    static func exact(_ d: ExactDecimal?) -> String { d?.description ?? "nil" }
    static func money(_ m: Money?) -> String { m.map { "\($0.amount.description) \($0.currency.code)" } ?? "nil" }
    static func text(_ s: String) -> String { "\"" + s.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\"" }
    static func tiers(_ t: Tiers.Result?) -> String {
        guard let t else { return "nil" }
        return "(\(exact(t.amount)) reached \(t.reached.map { "\($0)" } ?? "nil") slices \(t.slices.map(exact).joined(separator: "/")))"
    }

    /// Every field of the run's people, partners and ledger summary, one line each.
    static func lines(_ run: PayoutRun) -> [String] {
        var out: [String] = []
        for p in run.people {
            let fields: [(String, String)] = [
                ("index", "\(p.index)"), ("name", text(p.name)), ("role", text(p.role)), ("quota", money(p.quota)),
                ("creditPeriod", money(p.creditPeriod)), ("creditYTD", money(p.creditYTD)), ("flatCreditYTD", money(p.flatCreditYTD)),
                ("flatPayYTD", exact(p.flatPayYTD)), ("attainment", exact(p.attainment)), ("tiered", tiers(p.tiered)),
                ("earnedUncapped", money(p.earnedUncapped)), ("capped", "\(p.capped)"), ("earnedYTD", money(p.earnedYTD)),
                ("paidToDate", money(p.paidToDate)), ("payout", money(p.payout)),
            ]
            out += fields.map { "person \(text(p.id.rawValue)) \($0.0) = \($0.1)" }
        }
        for p in run.partners {
            var fields: [(String, String)] = [
                ("index", "\(p.index)"), ("name", text(p.name)), ("purchasesPeriod", money(p.purchasesPeriod)),
                ("purchasesYTD", money(p.purchasesYTD)), ("referralFeesYTD", money(p.referralFeesYTD)),
                ("quarters", "\(p.quarters.count)"), ("earnedYTD", money(p.earnedYTD)), ("paidToDate", money(p.paidToDate)),
                ("payout", money(p.payout)), ("level", p.level.map { "\($0)" } ?? "nil"), ("levelFixed", "\(p.levelFixed)"),
                ("trailingVolume", exact(p.trailingVolume)),
            ]
            for q in p.quarters {
                fields.append(("Q\(q.quarter)", "start \(q.start) purchases \(money(q.purchases)) ended \(q.ended) tiers \(tiers(q.tiers)) rebate \(money(q.rebate))"))
            }
            out += fields.map { "partner \(text(p.id.rawValue)) \($0.0) = \($0.1)" }
        }
        let s = run.ledgerSummary
        out.append("summary rowsRead \(s.rowsRead) bookingsUsed \(s.bookingsUsed) clawbacksUsed \(s.clawbacksUsed) beforeFiscalYear \(s.beforeFiscalYear) afterPeriod \(s.afterPeriod) outsideClawbackWindow \(s.outsideClawbackWindow) rejected \(s.rejected)")
        return out
    }

    /// nil when the people, partners and summary of `summed` and `detailed` are identical.
    static func firstDifference(_ summed: PayoutRun, _ detailed: PayoutRun) -> String? {
        if summed.ledgerSummary != detailed.ledgerSummary { return "ledger summary: summed \(lines(summed).last!) ≠ detailed \(lines(detailed).last!)" }
        let a = lines(summed), b = lines(detailed)
        for (x, y) in zip(a, b) where x != y { return "summed: \(x)\ndetailed: \(y)" }
        if a.count != b.count { return "summed has \(a.count) fields, detailed \(b.count) (people \(summed.people.count)/\(detailed.people.count), partners \(summed.partners.count)/\(detailed.partners.count))" }
        return nil
    }
}

// MARK: - Random ledgers

/// `RandomLedger` with more of what the summed run handles its own way: every credit method on
/// both channels, gross basis, flat-rate (non-quota) credit, registration requirements, a role
/// without rates, uneven and sub-unit splits across both roles, reps on partner deals, sale
/// prices with 6 decimals, a 4-decimal list price (37 × 12.3456 = 456.7872), fractional
/// quantities and amounts too wide for a 64-bit significand (9999999999999.999999).
struct VariedLedger {
    var plan: PlanText
    var rows: [DealRow]

    init(_ rng: inout DomainRNG) {
        let base = RandomLedger(&rng)
        plan = base.plan
        rows = base.rows
        if rng.int(0...3) != 0 {
            let repDirect = rng.pick(["named", "named", "territory"])
            let repPartner = rng.pick([
                PlanText.partnerDeals("territory"),
                PlanText.partnerDeals("territory", basis: "gross"),
                PlanText.partnerDeals("named", basis: "gross"),
                PlanText.partnerDeals("named", quotaCredit: false, flatRate: "3%"),
                PlanText.partnerDeals("territory", basis: "gross", quotaCredit: false, requiresRegistration: true, flatRate: "2.5%"),
                PlanText.partnerDeals("none"),
            ])
            let managerDirect = rng.pick(["none", "partner_manager", "named"])
            let managerPartner = rng.pick([
                PlanText.partnerDeals("partner_manager", requiresRegistration: true),
                PlanText.partnerDeals("partner_manager", basis: "gross", quotaCredit: false, flatRate: "1.5%"),
                PlanText.partnerDeals("named", requiresRegistration: rng.bool()),
                PlanText.partnerDeals("partner_manager", quotaCredit: false, flatRate: "0.333%"),
            ])
            let managerRates: String? = rng.pick([PlanText.tiers("retroactive", [("0%", "0%"), ("10%", "2%"), ("50%", "3%")]),
                                                   PlanText.tiers("marginal", [("0%", "1.25%"), ("80%", "4.5%")]), nil])
            let cap: String? = rng.pick([nil, "2500", "400000"])
            plan.roles = [
                PlanText.role("direct_rep", direct: repDirect, partner: repPartner,
                              rates: PlanText.tiers("marginal", [("0%", "5%"), ("100%", "9%"), ("150%", "6%")]), cap: cap),
                PlanText.role("channel_manager", direct: managerDirect, partner: managerPartner, rates: managerRates),
            ].joined(separator: ",\n")
        }
        let splits = ["ann;bob", "ann:33.33;bob:66.67", "ann:1;bob:99", "ann;bob;cam;dan", "ann:50;bob:50;cam:10;dan:90",
                      "cam", "cam;dan", "ann:0.000001;bob:99.999999", "bob:0;ann:100", "ann;cam:100", "ann;bob;cam:33.3;dan:66.7"]
        for i in rows.indices where rows[i].event != "cancellation" {
            switch rng.int(0...11) {
            case 0, 1: rows[i].reps = rng.pick(splits)
            case 2: rows[i].salePrice = DomainRNG.decimalText(rng.int(1...3_000_000_000), places: 6)
            case 3:
                rows[i].product = "CABLE"
                rows[i].unitListPrice = rng.pick(["12.3456", "0.0049", "1.000001"])
                rows[i].quantity = rng.pick(["37", "3", "0.5"])
            case 4: rows[i].quantity = rng.pick(["2.5", "0.333", "1.000001"])
            case 5: if rng.int(0...3) == 0 { rows[i].salePrice = "9999999999999.999999" }
            default: break
            }
        }
    }
}
