import Testing
import _TestSupport
@testable import ChannelComp

/// The pricer's list amounts computed in two halves on two threads are those of one pass:
/// every booking's rounded list amount (a wide one too) and every partner's volume history.
@Suite("Pricer: two halves = one pass")
struct PricerSplitTests {
    /// 2 × 60 random ledgers (varied prices, quantities, sub-cent and wide decimals) and the
    /// sample, each priced in one pass and in two halves however small.
    @Test("random ledgers and the sample price the same in two halves", arguments: [UInt64(5), 55])
    func halvesEqualOnePass(seed: UInt64) throws {
        var rng = DomainRNG(seed: seed)
        var scenarios: [Scenario] = [try Scenario.sample()]
        for _ in 0..<60 {
            let random = VariedLedger(&rng)
            guard let s = try? Scenario(plan: random.plan.load(), people: RandomLedger.people, partners: RandomLedger.partners,
                                        deals: dealsCSV(random.rows)) else { continue }
            scenarios.append(s)
        }
        #expect(scenarios.count > 50)
        var compared = 0
        for s in scenarios {
            let one = try Pricer(plan: s.plan, roster: s.roster, ledger: s.ledger, threads: 1, splitAbove: 0)
            let two = try Pricer(plan: s.plan, roster: s.roster, ledger: s.ledger, threads: 2, splitAbove: 0)
            for i in 0..<s.ledger.store.count {
                #expect(one.lists[i] == two.lists[i], "booking \(i)")
                compared += 1
            }
            #expect(one.volumes.running.count == two.volumes.running.count)
            for (a, b) in zip(one.volumes.running, two.volumes.running) {
                #expect(a.firstMonth == b.firstMonth && a.cumulative == b.cumulative)
            }
        }
        #expect(compared > 1000)
    }

    /// Trailing partner volume against a direct sum: for every partner, month of 2026–2028 and
    /// window of 1, 3 and 12 months, the list amounts of its resale bookings dated in the window
    /// less those of its clawed-back cancellations dated in it (SPEC 4.2's T).
    @Test("trailing volumes equal a direct sum over the ledger", arguments: [UInt64(9), 99])
    func trailingEqualsDirectSum(seed: UInt64) throws {
        var rng = DomainRNG(seed: seed)
        var checked = 0, nonZero = 0
        for _ in 0..<40 {
            let random = VariedLedger(&rng)
            guard let s = try? Scenario(plan: random.plan.load(), people: RandomLedger.people, partners: RandomLedger.partners,
                                        deals: dealsCSV(random.rows)) else { continue }
            let pricer = try Pricer(plan: s.plan, roster: s.roster, ledger: s.ledger, threads: 2, splitAbove: 0)
            let store = s.ledger.store
            var events: [(partner: Int, month: Int, amount: Int128)] = []
            for i in 0..<store.count where store.records[i].isPartnerChannel {
                guard let p = store.records[i].partnerIndex else { continue }
                events.append((p.offset, store.records[i].periodIndex, pricer.lists[i]))
            }
            for c in s.ledger.cancellations where Pricer.isClawedBack(c, ledger: s.ledger, plan: s.plan) {
                let r = store.record(c.booking)
                guard r.isPartnerChannel, let p = r.partnerIndex else { continue }
                events.append((p.offset, c.date.period.index, 0 - pricer.lists[c.booking.offset]))
            }
            let minor = s.plan.currency.minorUnits
            for p in 0..<s.roster.partners.count {
                for month in 2026 * 12..<2029 * 12 {
                    for window in [1, 3, 12] {
                        let direct = events.filter { $0.partner == p && $0.month >= month - window && $0.month < month }.reduce(Int128(0)) { $0 + $1.amount }
                        let got = try pricer.volumes.trailing(partner: PartnerIndex(p), beforeIndex: month, months: window, minorUnits: minor)
                        #expect(got == ExactDecimal(unchecked: direct, UInt8(minor)), "partner \(p), month \(month), T \(window)")
                        checked += 1
                        if direct != 0 { nonZero += 1 }
                    }
                }
            }
        }
        #expect(checked > 1000 && nonZero > 100, "\(checked) checked, \(nonZero) non-zero")
    }

    /// Joining columns keeps a wide entry (beyond Int64) at its new index:
    /// [5, 2^70] + [7, 2^80, 9] → [5, 2^70, 7, 2^80, 9].
    @Test("a column appended after another keeps its wide entries")
    func appendKeepsWideEntries() {
        var first = MinorUnitColumn(), second = MinorUnitColumn()
        first.append(5); first.append(Int128(1) << 70)
        second.append(7); second.append(Int128(1) << 80); second.append(9)
        first.append(contentsOf: second)
        #expect([0, 1, 2, 3, 4].map { first[$0] } == [5, Int128(1) << 70, 7, Int128(1) << 80, 9])
    }
}
