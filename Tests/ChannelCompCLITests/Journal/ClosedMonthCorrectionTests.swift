import ChannelComp
import Foundation
import Testing

/// SPEC 8.5 end to end on a copy of Fixtures/sample with 2027-01 … 2027-04 closed: a change to
/// a closed month lands in the 2027-05 payout as a prior-period adjustment, `payout --format
/// json` splits it, and alice's statement shows it as a correction to the closed month it
/// comes from. alice is on the first tier all year (marginal 5 %, attainment < 100 %), so each
/// change is 5 % of the credit changed.
@Suite("Corrections to closed months", .serialized)
struct ClosedMonthCorrectionTests {
    static let closed = ["2027-01", "2027-02", "2027-03", "2027-04"]

    /// May's JSON payees by `type/id`, checking payout = period_earned + prior_period_adjustment for everyone.
    static func may(_ data: DataFolder) throws -> [String: [String: Any]] {
        let r = data.cli("payout", period: "2027-05", ["--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let payees = try #require(json["payees"] as? [[String: Any]])
        var out: [String: [String: Any]] = [:]
        for p in payees {
            let key = "\(p["payee_type"] ?? "")/\(p["payee_id"] ?? "")"
            out[key] = p
            let sum = try exact(p["period_earned"] as? String).adding(exact(p["prior_period_adjustment"] as? String))
            #expect(sum == exact(p["payout"] as? String), "\(key): payout = period_earned + prior_period_adjustment")
        }
        return out
    }

    /// alice's 2027-05 text statement.
    static func aliceStatement(_ data: DataFolder) throws -> String {
        let out = data.root.appendingPathComponent("statements-\(UUID().uuidString)").path
        let r = data.cli("payout", period: "2027-05", ["--out", out])
        #expect(r.code == 0, "\(r.err)")
        return try String(contentsOfFile: out + "/people/alice.txt", encoding: .utf8)
    }

    static func expect(_ data: DataFolder, prior: String, month: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let alice = try #require(try may(data)["person/alice"], sourceLocation: sourceLocation)
        #expect(alice["prior_period_adjustment"] as? String == prior, sourceLocation: sourceLocation)
        // Nothing of alice's is dated in May: the whole payout is the correction.
        #expect(alice["period_earned"] as? String == "0.00", sourceLocation: sourceLocation)
        #expect(alice["payout"] as? String == prior, sourceLocation: sourceLocation)
        let statement = try aliceStatement(data)
        let line = statement.split(separator: "\n").first { $0.hasPrefix("corrections to closed months") }.map(String.init) ?? ""
        let signed = prior.hasPrefix("-") ? prior : "+" + prior
        #expect(line.contains("\(month) \(signed)"), "statement line: \(line)", sourceLocation: sourceLocation)
        #expect(statement.contains("this period"), sourceLocation: sourceLocation)
        let warning = data.cli("check").err
        #expect(warning.contains("last closed month 2027-04") && warning.contains("alice \(signed)"), "\(warning)", sourceLocation: sourceLocation)
    }

    @Test("a late row dated in closed February: +625.00 (12500.00 × 5 %) from 2027-02")
    func lateRow() throws {
        let data = try DataFolder()
        data.closeAll(Self.closed)
        try data.appendToDeals("2027-02-20,D2702-LATE,,,direct,A-9001,WEST,WIDGET,5,2500.00,,USD,,,,,alice")
        try Self.expect(data, prior: "625.00", month: "2027-02")
    }

    @Test("a row deleted from closed April: −8452.50 (147 × 1150.00 = 169050.00 × 5 %) from 2027-04")
    func deletedRow() throws {
        let data = try DataFolder()
        data.closeAll(Self.closed)
        let text = try String(contentsOfFile: data.dealsPath, encoding: .utf8)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("D2704-10") }
        #expect(kept.count < text.split(separator: "\n", omittingEmptySubsequences: false).count)
        try Data(kept.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: data.dealsPath))
        try Self.expect(data, prior: "-8452.50", month: "2027-04")
    }

    @Test("a late cancellation dated in closed March: −1620.00 (alice's 60 % of 3 × 18000.00 = 32400.00 × 5 %) from 2027-03")
    func lateCancellation() throws {
        let data = try DataFolder()
        data.closeAll(Self.closed)
        // D2702-04 (2027-02-14) cancelled 2027-03-01: 15 days, inside clawback_days 90; bob's
        // 40 % (21600.00 × 5 % = 1080.00) is clawed back the same way.
        try data.appendToDeals("2027-03-01,D2702-04,,cancellation,,,,,,,,,,,,,")
        try Self.expect(data, prior: "-1620.00", month: "2027-03")
        #expect(try Self.may(data)["person/bob"]?["prior_period_adjustment"] as? String == "-1080.00")
    }

    @Test("an adjustment dated in closed February: +300.00 from 2027-02, shown with its reason and approver")
    func adjustmentInClosedMonth() throws {
        let data = try DataFolder()
        data.closeAll(Self.closed)
        try Data("""
            id,period,payee_type,payee_id,kind,amount,reason,approved_by,deal_id
            ADJ-7,2027-02,person,alice,payment,300.00,February SPIFF approved late,VP Sales,

            """.utf8).write(to: URL(fileURLWithPath: data.path + "/adjustments.csv"))
        try Self.expect(data, prior: "300.00", month: "2027-02")
        let statement = try Self.aliceStatement(data)
        #expect(statement.contains("ADJ-7") && statement.contains("February SPIFF approved late") && statement.contains("VP Sales"))
        let explain = data.cli("explain", period: "2027-05", ["--payee", "alice"])
        #expect(explain.out.contains("adjustment ADJ-7 = 300.00 — payment 2027-02: February SPIFF approved late; approved by VP Sales"), "\(explain.out)")
    }

    @Test("a fully closed fiscal year: check re-runs its last month and warns that today's data pays it differently (+1125.00)")
    func closedYear() throws {
        let data = try DataFolder()
        data.closeAll((1...12).map { String(format: "2027-%02d", $0) })
        #expect(data.cli("check").err.isEmpty)
        try data.appendToDeals("2027-02-20,D2702-LATE,,,direct,A-9001,WEST,WIDGET,5,2500.00,,USD,,,,,alice")
        let check = data.cli("check")
        #expect(check.code == 0)
        // By December alice is above 100 % of her 800000.00 quota (earned 58081.04 > 5 % × 800000
        // = 40000.00), so the added 12500.00 is the top of her credit, in the 9 % slice:
        // 12500.00 × 9 % = 1125.00 more, in a year with no open month left.
        #expect(check.err.contains("2027-12 is closed, but today's data pays 1 payee differently than the journal: alice"), "\(check.err)")
        #expect(check.err.contains("total +1125.00"), "\(check.err)")
    }
}
