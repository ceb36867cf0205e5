import Testing
import _TestSupport
@testable import ChannelComp

/// What statements project from the run: tier standing, next partner level, rebate outlook.
@Suite("Projections")
struct ProjectionsTests {
    static func schedule(_ method: TierSchedule.Method, _ tiers: [(String, String)]) -> TierSchedule {
        TierSchedule(method: method, tiers: tiers.map { TierSchedule.Tier(from: exact($0.0), rate: Rate(fraction: exact($0.1))) },
                     keyPath: "roles.test.rates")
    }

    /// alice, 2027-03: marginal 0 % → 5 %, 100 % → 9 %, 150 % → 6 %; quota 800000; credit YTD
    /// 226644.80. Thresholds 0 / 800000 / 1200000; tier 1 holds all 226644.80 and earns
    /// 226644.80 × 0.05 = 11332.24; next is tier 2, 800000 − 226644.80 = 573355.20 away.
    @Test("tier standing: thresholds, slices, earnings, next tier and gap")
    func tierStanding() throws {
        let rates = Self.schedule(.marginal, [("0", "0.05"), ("1", "0.09"), ("1.5", "0.06")])
        let credit = exact("226644.80"), quota = exact("800000")
        let result = try Tiers.apply(rates, to: credit, scale: quota)
        let s = try TierStanding(rates, amount: credit, scale: quota, result: result)
        #expect(s.rows.map(\.threshold) == [exact("0"), exact("800000"), exact("1200000")])
        #expect(s.rows[0].slice == credit && s.rows[0].earns == exact("11332.24"))
        #expect(s.rows[1].earns.isZero && s.rows[2].earns.isZero)
        #expect(s.reached == 0 && s.next == 1 && s.gapToNext == exact("573355.20"))
        // At exactly 1200000 the highest tier is reached: no next tier, no gap.
        let top = try TierStanding(rates, amount: exact("1200000"), scale: quota,
                                   result: try Tiers.apply(rates, to: exact("1200000"), scale: quota))
        #expect(top.reached == 2 && top.next == nil && top.gapToNext == nil)
    }

    /// Bronze 0 / Silver 250000 / Gold 1000000, trailing 312000.00 → next Gold, 688000.00 to go;
    /// at 1000000 the top is reached; a fixed level has no next level whatever the volume.
    @Test("level outlook: next level and the volume missing")
    func levelOutlook() throws {
        let levels = [("Bronze", "0"), ("Silver", "250000"), ("Gold", "1000000")].map {
            PartnerLevel(name: $0.0, minTrailingList: exact($0.1), discount: Rate(fraction: exact("0.2")), keyPath: "partners.levels")
        }
        let silver = try LevelOutlook(levels: levels, trailing: exact("312000.00"), fixed: false)
        #expect(silver.next == 2 && silver.gap == exact("688000.00"))
        let top = try LevelOutlook(levels: levels, trailing: exact("1000000"), fixed: false)
        #expect(top.next == nil && top.gap == nil)
        let fixed = try LevelOutlook(levels: levels, trailing: exact("0"), fixed: true)
        #expect(fixed.next == nil && fixed.gap == nil)
    }

    /// Retroactive 0 → 0 %, 100000 → 2 %, 500000 → 3 %; purchases 83000.00: reached tier 1,
    /// rebate now 83000 × 0 = 0.00; next tier 2 at 100000, gap 17000.00; a quarter ending at
    /// each threshold earns 0.00 / 100000 × 2 % = 2000.00 / 500000 × 3 % = 15000.00.
    @Test("rebate outlook: now, next tier, gap, rebate at each threshold")
    func rebateOutlook() throws {
        let rebate = Self.schedule(.retroactive, [("0", "0"), ("100000", "0.02"), ("500000", "0.03")])
        let usd = try #require(Currency(code: "USD"))
        let o = try RebateOutlook(rebate, purchases: Money(exact("83000.00"), usd), rounding: .halfEven)
        #expect(o.reached == 0 && o.now == Money(exact("0.00"), usd))
        #expect(o.next == 1 && o.gap == Money(exact("17000.00"), usd))
        #expect(o.rebateAt.map(\.amount) == [exact("0.00"), exact("2000.00"), exact("15000.00")])
    }
}
