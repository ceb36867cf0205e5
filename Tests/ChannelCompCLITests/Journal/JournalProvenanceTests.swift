import ChannelComp
import Foundation
import Testing

/// Journal provenance (SPEC 8.6) and close's guards, end to end on a copy of Fixtures/sample.
@Suite("close: plan provenance and guards")
struct JournalProvenanceTests {
    static let fullyNeutral = JournalTestSupport.path("Plans/fully-neutral.json")

    @Test("every row close writes records the plan's name and the SHA-256 of the plan file's bytes")
    func provenanceOnEveryRow() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02"])
        let planBytes = try #require(FileManager.default.contents(atPath: data.plan))
        let expected = PlanProvenance(name: "FY2027 channel-neutral", planBytes: Array(planBytes))
        let rows = data.journal().rows
        #expect(rows.count == 34)
        #expect(rows.allSatisfy { $0["plan_name"] == "FY2027 channel-neutral" && $0["plan_sha256"] == expected.sha256 })
    }

    /// The third transcript: closing May with fully-neutral.json after January … April
    /// were closed with the channel-neutral plan.
    @Test("a different plan file: payout warns (exit 0), close refuses (exit 65) naming the recorded plan and month, unless --accept-plan-change")
    func planChange() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02", "2027-03", "2027-04"])
        let before = data.journalBytes()
        let args = ["--plan", Self.fullyNeutral, "--data", data.path, "--period", "2027-05"]

        let payout = JournalTestSupport.run(["payout"] + args + ["--format", "csv"])
        #expect(payout.code == 0)
        #expect(payout.err.contains("warning: column 'plan_sha256': the plan file differs from the plan recorded for this fiscal year: \"FY2027 channel-neutral\""), "\(payout.err)")
        #expect(payout.err.contains("closed 2027-04"))

        let refused = JournalTestSupport.run(["close"] + args + ["--closed-at", JournalTestSupport.closedAt])
        #expect(refused.code == 65)
        #expect(refused.err.contains("error: column 'plan_sha256': cannot close 2027-05: the plan file differs from the plan recorded for this fiscal year: \"FY2027 channel-neutral\""), "\(refused.err)")
        #expect(refused.err.contains("closed 2027-04"))
        #expect(refused.err.contains("--accept-plan-change"))
        expectSameBytes(data.journalBytes(), before, "a refused close writes nothing")

        let accepted = JournalTestSupport.run(["close"] + args + ["--closed-at", JournalTestSupport.closedAt, "--accept-plan-change"])
        #expect(accepted.code == 0, "\(accepted.err)")
        let may = data.journal().rows(of: "2027-05")
        #expect(may.count == 17)
        #expect(may.allSatisfy { $0["plan_name"] == "FY2027 fully-neutral" })
        // The month closed with the flag records the new plan: June under it needs no flag,
        // and payout no longer warns; the old plan now warns.
        let june = ["--plan", Self.fullyNeutral, "--data", data.path, "--period", "2027-06"]
        #expect(!JournalTestSupport.run(["payout"] + june).err.contains("plan_sha256"))
        #expect(JournalTestSupport.run(["close"] + june + ["--closed-at", JournalTestSupport.closedAt]).code == 0)
        #expect(data.cli("payout", period: "2027-07").err.contains("differs from the plan recorded"))
    }

    @Test("a six-column journal records no plan: no warning, no refusal; the next close upgrades it")
    func sixColumnJournalHasNoRecordedPlan() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        try data.downgradeJournalToSixColumns()
        let payout = JournalTestSupport.run(["payout", "--plan", Self.fullyNeutral, "--data", data.path, "--period", "2027-02"])
        #expect(payout.code == 0 && !payout.err.contains("plan_sha256"), "\(payout.err)")
        let r = data.close("2027-02")
        #expect(r.code == 0, "\(r.err)")
        #expect(data.journal().header == JournalTestSupport.closeHeader.split(separator: ",").map(String.init))
        #expect(data.journal().rows(of: "2027-01").allSatisfy { $0["plan_sha256"] == "" })
        #expect(data.journal().rows(of: "2027-02").allSatisfy { $0["plan_sha256"]?.count == 64 })
    }

    @Test("a plan with a warning (a rate without % above 100 %) is refused by close unless --accept-plan-warnings; payout only warns")
    func planWarnings() throws {
        let data = try DataFolder()
        // "referral_fee": "10%" → "10" = 1000 %: accepted by the SPEC, warned by the loader.
        let text = try String(contentsOfFile: data.plan, encoding: .utf8)
        let warned = text.replacingOccurrences(of: "\"referral_fee\": \"10%\"", with: "\"referral_fee\": \"10\"")
        #expect(warned != text)
        let planPath = data.root.appendingPathComponent("warned.json").path
        try Data(warned.utf8).write(to: URL(fileURLWithPath: planPath))
        data.plan = planPath
        #expect(data.cli("payout", period: "2027-01").code == 0)
        let refused = data.close("2027-01")
        #expect(refused.code == 65)
        #expect(refused.err.contains("cannot close 2027-01: the plan has 1 warning"), "\(refused.err)")
        #expect(refused.err.contains("--accept-plan-warnings"))
        expectSameBytes(data.journalBytes(), nil, "nothing written")
        let r = data.cli("close", period: "2027-01", ["--closed-at", JournalTestSupport.closedAt, "--accept-plan-warnings"])
        #expect(r.code == 0, "\(r.err)")
        #expect(data.journal().rows.count == 17)
    }
}
