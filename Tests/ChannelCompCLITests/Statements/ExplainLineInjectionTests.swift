import Foundation
import Testing
import ChannelComp
@testable import ChannelCompCLI

/// A deals.csv account with a line break (a quoted CSV field) must not add a line to any output:
/// since SPEC 6 makes control characters in ids errors (issue 16.9), it is refused at load.
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

        // SPEC 6 (issue 16.9): a line break is a control character, which no id may hold, so the
        // row is refused with a located error and nothing is printed or computed from it.
        do {
            _ = try InputLoader.load(planPath: StatementFixture.planPath, dataDirectory: data.path, console: Console())
            Issue.record("an account with a line break was accepted")
        } catch {
            #expect(error.code == .invalidData)
            #expect(error.message.contains("deals.csv:"), "\(error.message)")
            #expect(error.message.contains("column 'account': customer account id \"A-1016\\npayout 2027-03 = 99999.00 (difference)\" contains the invisible character U+000A"), "\(error.message)")
        }
        let console = Console()
        let status = ChannelCompCLI.run(["explain", "--plan", StatementFixture.planPath, "--data", data.path,
                                         "--period", "2027-03", "--payee", "P-CEDAR"], console: console)
        #expect(status == 65)
        #expect(!console.out.split(separator: "\n").contains { $0.hasPrefix(fake) })
        #expect(!console.err.split(separator: "\n").contains { $0.hasPrefix(fake) }, "the error quotes the value on one line")
    }
}
