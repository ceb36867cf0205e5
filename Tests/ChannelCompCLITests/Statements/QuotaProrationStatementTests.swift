import ChannelCompCLI
import Foundation
import Testing

/// Where a prorated quota comes from (SPEC 8.2), on the statement and in `explain`.
///
/// Fixtures/roster-changes: dee is hired 2027-07-01 with quota 1200000 (people.csv line 6):
/// quota_Y = 1200000 × 184 / 365 = 604931.5068… → 604931.51. ann's one row covers the year:
/// her quota reads "annual".
@Suite("Quota proration on statements and in explain")
struct QuotaProrationStatementTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("Fixtures/roster-changes").path
    static let plan = root.appendingPathComponent("Fixtures/roster-changes/plan.json").path

    @Test("a hire's statement shows the rows, the days and the result")
    func statement() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cc-proration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let console = Console()
        let status = ChannelCompCLI.run(["payout", "--plan", Self.plan, "--data", Self.folder, "--period", "2027-07",
                                         "--out", out.path], console: console)
        #expect(status == 0, "\(console.err)")
        let dee = try String(contentsOf: out.appendingPathComponent("people/dee.txt"), encoding: .utf8)
        #expect(dee.contains("1200000.00 × 184/365 days = 604931.51"), "\(dee.prefix(600))")
        #expect(!dee.contains("annual"))
    }

    @Test("explain names the people.csv row behind the prorated quota")
    func explain() {
        let console = Console()
        let status = ChannelCompCLI.run(["explain", "--plan", Self.plan, "--data", Self.folder, "--period", "2027-07",
                                         "--payee", "dee"], console: console)
        #expect(status == 0, "\(console.err)")
        #expect(console.out.contains("1200000.00 × 184/365 days (people.csv line 6) = 604931.51"))
    }

    /// SPEC 8.3's example in the fixture: alice and bob split D1 (10000.00) 60/40, mia manages
    /// both and dan manages mia; dan's team credit on D1 names both chains, once each.
    @Test("explain names whose deal a team credit stands on, through which chain")
    func teamChain() {
        let console = Console()
        let status = ChannelCompCLI.run(["explain", "--plan", Self.plan, "--data", Self.folder, "--period", "2027-01",
                                         "--payee", "dan"], console: console)
        #expect(status == 0, "\(console.err)")
        #expect(console.out.contains("D1/1 = 10000.00 — 2027-01-10 direct, account A1, team: above alice (alice → mia → dan), bob (bob → mia → dan)"))
    }
}
