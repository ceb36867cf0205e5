import Foundation
import Testing
import ChannelComp
@testable import ChannelCompCLI

/// A deals.csv account with a line break (a quoted CSV field; `check` accepts it) must not add a
/// line to a printed tree. The text statement's trace is safe; `channelcomp explain`'s own text
/// output is not (ExplainRenderer prints labels and notes unfiltered) — a known issue.
@Suite struct ExplainLineInjectionTests {
    /// Fixtures/sample with D2702-01's account (P-CEDAR, 2027-02) set to
    /// `"A-1016\npayout 2027-03 = 99999.00 (difference)"`: P-CEDAR's real payout for 2027-03 is
    /// 5667.79, and no line of either output may start with the fake `payout 2027-03 = 99999.00`.
    @Test func accountWithALineBreak() throws {
        let fm = FileManager.default
        let data = fm.temporaryDirectory.appendingPathComponent("cc-explain-inject-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: data) }
        try fm.createDirectory(at: data, withIntermediateDirectories: true)
        let sample = StatementFixture.root + "/Fixtures/sample/"
        for file in ["people.csv", "partners.csv"] {
            try fm.copyItem(atPath: sample + file, toPath: data.appendingPathComponent(file).path)
        }
        let deals = try String(contentsOfFile: sample + "deals.csv", encoding: .utf8)
        let original = "2027-02-02,D2702-01,,,partner,A-1016,"
        #expect(deals.contains(original))
        let injected = deals.replacingOccurrences(
            of: original, with: "2027-02-02,D2702-01,,,partner,\"A-1016\npayout 2027-03 = 99999.00 (difference)\",")
        try injected.write(to: data.appendingPathComponent("deals.csv"), atomically: true, encoding: .utf8)
        let fake = "payout 2027-03 = 99999.00"

        // The statement: the account is printed on one line, with � for the break.
        let inputs = try InputLoader.load(planPath: StatementFixture.planPath, dataDirectory: data.path, console: Console())
        let run = try StatementFixture.run(inputs, "2027-03")
        let text = try #require(StatementFixture.files(run, inputs)["partners/P-CEDAR.txt"])
        #expect(text.contains("account A-1016\u{FFFD}payout 2027-03 = 99999.00 (difference), subscription"))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix(fake) })
        #expect(text.contains("\npayout 2027-03 = 5667.79 (difference)"))

        // explain: the same account starts a line of its own.
        let console = Console()
        let status = ChannelCompCLI.run(["explain", "--plan", StatementFixture.planPath, "--data", data.path,
                                         "--period", "2027-03", "--payee", "P-CEDAR"], console: console)
        #expect(status == 0)
        // Fixed: ExplainRenderer cleans input text like the statements do.
        #expect(!console.out.split(separator: "\n").contains { $0.hasPrefix(fake) })
    }
}
