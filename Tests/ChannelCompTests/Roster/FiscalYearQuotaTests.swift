import Testing
@testable import ChannelComp

/// `quota_Y` (SPEC 8.2), with the arithmetic of each case in its comment.
@Suite("Quota of a fiscal year (SPEC 8.2)")
struct FiscalYearQuotaTests {
    /// quota_Y of the first person of `rows` (people.csv rows under the dated header).
    static func quota(_ rows: String, year: String, startMonth: Int? = nil, rounding: RoundingRule = .halfEven) throws -> String? {
        let plan = try rosterPlan(fiscalYearStartMonth: startMonth)
        let (roster, d) = try loadRoster(people: "id,name,role,quota,territory,effective_from,effective_to\n" + rows, plan: plan)
        #expect(!d.hasErrors, "\(d.errors.map { $0.render() })")
        let fy = FiscalYear(containing: Period(parsing: year)!, calendar: plan.fiscalCalendar)
        return try FiscalYearQuota.quota(of: roster.people[0], in: fy, rounding: rounding)?.amount.description
    }

    @Test("SPEC 8.2's example: hired 2027-07-01 with 1200000 → 1200000 × 184 / 365 = 604931.5068… → 604931.51")
    func midYearHire() throws {
        #expect(try Self.quota("ann,Ann,direct_rep,1200000,WEST,2027-07-01,\n", year: "2027-03") == "604931.51")
    }

    @Test("one row over the whole year gives its quota exactly, not rounded")
    func wholeYearExact() throws {
        // 500000.123456 has 6 decimals: rounding would give 500000.12.
        #expect(try Self.quota("ann,Ann,direct_rep,500000.123456,WEST,,\n", year: "2027-01") == "500000.123456")
        // A row exactly the fiscal year's days counts as "every day of Y" too.
        #expect(try Self.quota("ann,Ann,direct_rep,500000.123456,WEST,2027-01-01,2027-12-31\n", year: "2027-06") == "500000.123456")
        // One day short: prorated. 500000.123456 × 364 / 365 = 498630.260131… → 498630.26.
        #expect(try Self.quota("ann,Ann,direct_rep,500000.123456,WEST,2027-01-02,2027-12-31\n", year: "2027-06") == "498630.26")
    }

    @Test("two rows: a quota change mid-year, weighted by days")
    func quotaChange() throws {
        // 1000000 × 181 (Jan–Jun) + 1200000 × 184 (Jul–Dec) = 181000000 + 220800000 = 401800000;
        // / 365 = 1100821.9178… → 1100821.92.
        #expect(try Self.quota("""
            ann,Ann,direct_rep,1000000,WEST,,2027-06-30
            ann,Ann,direct_rep,1200000,EAST,2027-07-01,
            """, year: "2027-12") == "1100821.92")
        // The same quota on both sides of a territory move: 1200000 × (181 + 184) / 365 = 1200000.
        #expect(try Self.quota("""
            ann,Ann,direct_rep,1200000,WEST,,2027-06-30
            ann,Ann,direct_rep,1200000,EAST,2027-07-01,
            """, year: "2027-12") == "1200000.00")
    }

    @Test("a leap year has 366 days")
    func leapYear() throws {
        // Calendar 2028 (leap): 2028-07-01 … 2028-12-31 = 184 days; 1200000 × 184 / 366 =
        // 603278.6885… → 603278.69 (365 days would give 604931.51).
        #expect(try Self.quota("ann,Ann,direct_rep,1200000,WEST,2028-07-01,\n", year: "2028-08") == "603278.69")
        // A row of the leap day alone: 366000 × 1 / 366 = 1000.00.
        #expect(try Self.quota("ann,Ann,direct_rep,366000,WEST,2028-02-29,2028-02-29\n", year: "2028-01") == "1000.00")
    }

    @Test("a fiscal year starting in April")
    func aprilFiscalYear() throws {
        // FY 2027-04 … 2028-03 holds 2028-02-29: 366 days. Hired 2027-10-01: Oct–Mar =
        // 31 + 30 + 31 + 31 + 29 + 31 = 183 days; 1200000 × 183 / 366 = 600000.00 exactly.
        #expect(try Self.quota("ann,Ann,direct_rep,1200000,WEST,2027-10-01,\n", year: "2028-02", startMonth: 4) == "600000.00")
        // Period 2027-03 is in FY 2026-04 … 2027-03 (365 days), where ann has no row: 0.
        #expect(try Self.quota("ann,Ann,direct_rep,1200000,WEST,2027-10-01,\n", year: "2027-03", startMonth: 4) == "0.00")
    }

    @Test("rows taking effect after the run's period count: the quota is the whole year's")
    func laterRowsCount() throws {
        // Run period 2027-02, hire on 2027-07-01: still 604931.51, not 0 (SPEC 8.1).
        #expect(try Self.quota("ann,Ann,direct_rep,1200000,WEST,2027-07-01,\n", year: "2027-02") == "604931.51")
    }

    @Test("quota_Y is 0 without a row in the year, or when the proration rounds to 0")
    func zero() throws {
        // Left on 2026-12-31: no day of 2027.
        #expect(try Self.quota("ann,Ann,direct_rep,1200000,WEST,,2026-12-31\n", year: "2027-05") == "0.00")
        // One day of 0.01: 0.01 × 1 / 365 = 0.0000274 → 0.00.
        #expect(try Self.quota("ann,Ann,direct_rep,0.01,WEST,2027-12-31,\n", year: "2027-12") == "0.00")
    }

    @Test("rounding mode: the plan's, once")
    func roundingMode() throws {
        // From 2027-12-30: 2 days. 0.9125 × 2 / 365 = 1.825 / 365 = 0.005, a tie:
        // half-even 0.00, half-up 0.01.
        #expect(try Self.quota("ann,Ann,direct_rep,0.9125,WEST,2027-12-30,\n", year: "2027-12", rounding: .halfEven) == "0.00")
        #expect(try Self.quota("ann,Ann,direct_rep,0.9125,WEST,2027-12-30,\n", year: "2027-12", rounding: .halfUp) == "0.01")
    }

    @Test("no quota on any row: no quota_Y; an empty quota row counts as 0")
    func noQuota() throws {
        #expect(try Self.quota("dan,Dan,director,,,,\n", year: "2027-05") == nil)
        // director rows: 365000 for Jan–Jun (181 days), empty after: 365000 × 181 / 365 = 181000.00.
        #expect(try Self.quota("""
            dan,Dan,director,365000,,,2027-06-30
            dan,Dan,director,,,2027-07-01,
            """, year: "2027-05") == "181000.00")
    }
}
