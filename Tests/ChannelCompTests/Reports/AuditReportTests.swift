import Testing
@testable import ChannelComp

/// The eligibility findings and costs of the audit (SPEC 4.3), on Fixtures/audit-neutrality
/// (`Plans/channel-neutral.json`, period 2027-03) and on the sample.
@Suite("Audit report")
struct AuditReportTests {
    static func fixture() throws -> AuditReport {
        try ReportFixture.neutrality(plan: "Plans/channel-neutral.json").audit("2027-03")
    }

    /// D9 (ISLANDS, P1): no direct_rep owns ISLANDS. N = 1000 − 20 % = 800.00.
    @Test func partnerDealInUnownedTerritory() throws {
        let a = try Self.fixture()
        for section in a.sections {
            let d = try #require(section.uncredited.first)
            #expect(section.uncredited.count == 1)
            #expect(d.ref.id == "D9/1")
            #expect(d.ref.location == "deals.csv:12")
            #expect(d.role == "direct_rep")
            #expect(d.reason == .noTerritoryOwner)
            #expect(d.reasonText == "no direct_rep owns territory ISLANDS")
            #expect(d.basisKind == .net)
            #expect(d.basis.formatted == "800.00")
        }
    }

    /// The channel manager requires an approved registration. Not approved: D3 (none, Feb),
    /// D11 (none, Feb), D6 (pending, Mar), D9 (empty = none, Mar); D2 and D5 are approved.
    @Test func registrationExclusions() throws {
        let a = try Self.fixture()
        #expect(a.period.registrationExclusions.map(\.ref.id) == ["D6/1", "D9/1"])
        #expect(a.ytd.registrationExclusions.map(\.ref.id) == ["D3/1", "D11/1", "D6/1", "D9/1"])
        #expect(a.ytd.registrationExclusions.allSatisfy { $0.role == "channel_manager" && $0.reason == .registrationNotApproved })
        // D6: 150 SEAT = 5600.00 list, Bronze 20 % (pending: no registration discount) → N 4480.00.
        #expect(a.period.registrationExclusions.first?.basis.formatted == "4480.00")
        #expect(a.period.registrationExclusions.first?.registration == .pending)
    }

    /// D7: direct, sourced by P1, registration pending → no fee; 10 % × 5000.00 = 500.00 not paid.
    @Test func referralWithoutApproval() throws {
        let a = try Self.fixture()
        let r = try #require(a.period.unpaidReferrals.first)
        #expect(a.period.unpaidReferrals.count == 1)
        #expect(r.ref.id == "D7/1")
        #expect(r.partner == "P1")
        #expect(r.revenue.formatted == "5000.00")
        #expect(r.feeNotPaid?.formatted == "500.00")
    }

    /// A referral without any partner named is listed with no fee figure.
    @Test func referralWithoutPartner() throws {
        var d = DealRow.direct("D1", "2027-01-10", "1000")
        d.sourcedBy = "partner"
        let a = try Scenario(plan: PlanText(), deals: [d]).audit("2027-01")
        #expect(a.period.unpaidReferrals.first?.feeNotPaid == nil)
        #expect(a.period.unpaidReferrals.first?.reason.contains("no partner named") == true)
    }

    /// Account A5 has D5 (partner, P2, N 30000.00) and D8 (direct, ben, S 2000.00) in 2027-03.
    @Test func channelConflict() throws {
        let a = try Self.fixture()
        for section in a.sections {
            let c = try #require(section.channelConflicts.first)
            #expect(section.channelConflicts.count == 1)
            #expect(c.account == "A5")
            #expect(c.month.description == "2027-03")
            #expect(c.direct.map(\.ref.id) == ["D8/1"])
            #expect(c.direct.first?.reps == ["ben"])
            #expect(c.partner.map(\.ref.id) == ["D5/1"])
            #expect(c.partner.first?.partner == "P2")
            #expect(c.directRevenue.formatted == "2000.00")
            #expect(c.partnerNet.formatted == "30000.00")
        }
    }

    /// Same account, both channels, but in different months: no conflict.
    @Test func bookingsInDifferentMonthsAreNoConflict() throws {
        var p = DealRow.partner("D2", "2027-02-03", "1000")
        p.account = "A1"
        let a = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "1000"), p]).audit("2027-02")
        #expect(a.ytd.channelConflicts.isEmpty)
    }

    /// Accounts are one account when they are equal `String`s, not only equal bytes: `K-9` with
    /// the Latin K (direct) and with the Kelvin sign U+212A (partner), `Café` precomposed
    /// (direct) and with e + U+0301 (partner), all in 2027-01 → two conflicts. `A1` direct and
    /// `a1` partner differ → no conflict. The conflict shows the account as its first row wrote it.
    @Test func accountsEqualAsTextAreOneAccount() throws {
        var d1 = DealRow.direct("D1", "2027-01-10", "1000"); d1.account = "K-9"
        var p1 = DealRow.partner("D2", "2027-01-11", "1000"); p1.account = "\u{212A}-9"
        var d2 = DealRow.direct("D3", "2027-01-12", "1000"); d2.account = "Caf\u{E9}"
        var p2 = DealRow.partner("D4", "2027-01-13", "1000"); p2.account = "Cafe\u{301}"
        var d3 = DealRow.direct("D5", "2027-01-14", "1000"); d3.account = "A1"
        var p3 = DealRow.partner("D6", "2027-01-15", "1000"); p3.account = "a1"
        let a = try Scenario(plan: PlanText(), deals: [d1, p1, d2, p2, d3, p3]).audit("2027-01")
        for section in a.sections {
            #expect(section.channelConflicts.count == 2)
            let kelvin = try #require(section.channelConflicts.first { $0.direct.first?.ref.deal == "D1" })
            #expect(kelvin.account.unicodeScalars.map(\.value) == "K-9".unicodeScalars.map(\.value))
            #expect(kelvin.partner.map(\.ref.deal) == ["D2"])
            let cafe = try #require(section.channelConflicts.first { $0.direct.first?.ref.deal == "D3" })
            #expect(cafe.partner.map(\.ref.deal) == ["D4"])
            #expect(!section.channelConflicts.contains { $0.direct.contains { $0.ref.deal == "D5" } })
        }
    }

    /// D5: P2 Gold 30 % + upfront 5 % + registration 10 % = 45 % > max 40 %: L 50000.00,
    /// D 20000.00; round(50000 × 45 %) − 20000 = 22500 − 20000 = 2500.00 above the cap.
    @Test func maxDiscountHit() throws {
        let a = try Self.fixture()
        let h = try #require(a.ytd.maxDiscountHits.first)
        #expect(a.ytd.maxDiscountHits.count == 1)
        #expect(h.ref.id == "D5/1")
        #expect(h.level == "Gold")
        #expect(h.uncapped.percentText == "45%")
        #expect(h.applied.percentText == "40%")
        #expect(h.list.formatted == "50000.00")
        #expect(h.discount.formatted == "20000.00")
        #expect(h.discountAboveCap.formatted == "2500.00")
    }

    /// YTD cost, net revenue: direct S 10000 + 30000 + 4000 + 5000 + 2000 = 51000.00; partner N
    /// 13000 + 2800 + 8000 + 30000 + 4480 + 800 = 59080.00. People (all at 5 %): direct
    /// 51000 × 5 % = 2550.00; partner ann 790 + ben 1724 + cy 400 = 2914.00 (cam 0). No
    /// referral fee (D7 pending), no rebate (Q1 purchases P1 26280, P2 32800 < 100000).
    /// Shares: 2550/51000 = 0.0500; 2914/59080 = 0.04932… → 0.0493; 5464/110080 = 0.04963… → 0.0496.
    @Test func costShares() throws {
        let a = try Self.fixture()
        let direct = try #require(a.ytd.cost(.direct))
        let partner = try #require(a.ytd.cost(.partner))
        let all = try #require(a.ytd.cost(nil))
        #expect(direct.netRevenue.formatted == "51000.00")
        #expect(direct.peoplePay.formatted == "2550.00")
        #expect(direct.partnerPay.formatted == "0.00")
        #expect(direct.share?.value.description == "0.0500")
        #expect(partner.netRevenue.formatted == "59080.00")
        #expect(partner.peoplePay.formatted == "2914.00")
        #expect(partner.share?.value.description == "0.0493")
        #expect(all.totalCost.formatted == "5464.00")
        #expect(all.share?.equals(try ReportFixture.decimal("5464"), over: try ReportFixture.decimal("110080")) == true)
    }

    /// Sample 2027-03: the Q1 rebates land in the period (P-ATLAS 2056.56 + P-BEACON 2009.00 +
    /// P-CEDAR 5667.79 = 9733.35) as partner-channel cost; D2702-08's clawback reduces direct
    /// revenue by its S 18000.00 in March.
    @Test func sampleQuarterEndRebatesAndClawbacks() throws {
        let s = try Scenario.sample()
        let a = try s.audit("2027-03")
        #expect(a.period.cost(.partner)?.partnerPay.formatted == "9733.35")
        #expect(a.ytd.cost(.partner)?.partnerPay.formatted == "9733.35")
        let feb = try s.audit("2027-02")
        #expect(feb.period.cost(.partner)?.partnerPay.formatted == "0.00")
        // Direct revenue of March = Σ S of March direct bookings − 18000.00 (D2702-08 clawed back).
        let run = try s.run("2027-03", details: true)
        var march = ExactDecimal.zero
        for (i, b) in zip(s.ledger.bookings.indices, s.ledger.bookings) where b.channel == .direct && b.date.period.description == "2027-03" {
            march = try march.adding(try #require(run.priced[i]).net.amount)
        }
        #expect(a.period.cost(.direct)?.netRevenue.amount == (try march.subtracting(try ReportFixture.decimal("18000"))))
    }

    /// Sample, 2027-10: what the sample's README promises the audit lists.
    @Test func sampleFindings() throws {
        let a = try Scenario.sample().audit("2027-10")
        // ISLANDS has no direct rep; P-ECHO has no manager.
        #expect(a.ytd.uncredited.contains { $0.ref.deal == "D2703-10" && $0.reason == .noTerritoryOwner })
        #expect(a.ytd.uncredited.contains { $0.ref.deal == "D2703-10" && $0.reason == .noManager })
        #expect(a.ytd.registrationExclusions.contains { $0.ref.deal == "D2710-11" && $0.registration == .rejected })
        // D2708-02: pending referral, 10 % of S 11250.00 = 1125.00 not paid.
        #expect(a.ytd.unpaidReferrals.map(\.ref.deal) == ["D2708-02"])
        #expect(a.ytd.unpaidReferrals.first?.feeNotPaid?.formatted == "1125.00")
        #expect(a.period.channelConflicts.map(\.account) == ["A-2017"])
        #expect(a.ytd.channelConflicts.map { "\($0.account) \($0.month)" } == ["A-1026 2027-04", "A-1027 2027-09", "A-2017 2027-10"])
        // D2708-09: Gold 30 + 5 + 10 = 45 % → 40 %: L 90000.00, D 36000.00, above cap 40500 − 36000.
        let hit = try #require(a.ytd.maxDiscountHits.first { $0.ref.deal == "D2708-09" })
        #expect(hit.discount.formatted == "36000.00")
        #expect(hit.discountAboveCap.formatted == "4500.00")
        // Every direct rep is credited on both channels by October.
        #expect(a.ytd.neutrality.count == 10)
    }
}

@Test("channel cost sums in minor units: a clawback subtracts, an overflow is reported, not wrapped")
func channelCostMinorSums() throws {
    // 1000.00 + 250.00 − (a clawback of) 400.00 = 850.00, in cents: 100000 + 25000 − 40000 = 85000.
    var sum: Int128 = 0
    sum = try ChannelCost.add(sum, 100_000, negated: false)
    sum = try ChannelCost.add(sum, 25_000, negated: false)
    sum = try ChannelCost.add(sum, 40_000, negated: true)
    #expect(sum == 85_000)
    #expect(throws: NumericError.self) { try ChannelCost.add(Int128.max, 1, negated: false) }
    #expect(throws: NumericError.self) { try ChannelCost.add(Int128.min, 1, negated: true) }
}
