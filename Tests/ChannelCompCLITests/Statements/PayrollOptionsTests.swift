import Foundation
import Testing
@testable import ChannelCompCLI

/// `payout --out` with the payroll options: the default payouts.csv is unchanged; zero lines can
/// be left out and recoveries marked.
@Suite struct PayrollOptionsTests {
    static func payouts(_ extra: [String]) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cc-payroll-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = ReportCLI.run(["payout", "--plan", ReportCLI.neutralPlan] + ReportCLI.sampleArgs + ["--period", "2027-09", "--out", out] + extra)
        #expect(r.exit == 0, "\(r.err)")
        return try String(contentsOfFile: out + "/payouts.csv", encoding: .utf8)
    }

    /// Sample 2027-09: 17 payees, 6 of them at 0.00 (bob, carol, kim, leo, P-BEACON, P-DELTA);
    /// ivy's true-up is −212.49, a recovery.
    @Test func skipZeroAndMarkRecoveries() throws {
        let plain = try Self.payouts([]).split(separator: "\n")
        #expect(plain.first == "payee_type,payee_id,name,amount,currency,period")
        #expect(plain.count == 1 + 17)
        let marked = try Self.payouts(["--payroll-skip-zero", "--payroll-mark-recoveries"]).split(separator: "\n")
        #expect(marked.first == "payee_type,payee_id,name,amount,currency,period,kind")
        #expect(marked.count == 1 + 17 - 6)
        #expect(!marked.contains { $0.contains(",0.00,") })
        #expect(marked.contains("person,ivy,Ivy Romero,-212.49,USD,2027-09,recovery"))
        #expect(marked.contains("person,alice,Alice Martin,14925.79,USD,2027-09,payment"))
        // Every kept line is the default file's line plus its kind.
        for line in marked.dropFirst() {
            let base = line.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",")
            #expect(plain.contains(Substring(base)), "\(line)")
        }
    }
}
