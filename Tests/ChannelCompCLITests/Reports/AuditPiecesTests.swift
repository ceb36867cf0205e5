import Testing
@testable import ChannelCompCLI

/// A CSV or JSON audit is written in pieces of about a MiB as it is made (a row per deal line:
/// hundreds of MB at a million rows). In pieces of a few bytes it must be byte for byte the
/// report written in one piece.
@Suite("Audit written in pieces")
struct AuditPiecesTests {
    @Test("the sample's audit in pieces of 1, 37 and 4,096 bytes is the report written whole",
          arguments: ["csv", "json"])
    func piecesMakeTheWhole(format: String) {
        let args = ["audit", "--plan", ReportCLI.path("Plans/channel-neutral.json"), "--data", ReportCLI.path("Fixtures/sample"),
                    "--period", "2027-12", "--format", format]
        let whole = ReportCLI.run(args)
        #expect(whole.exit == 0)
        #expect(whole.out.utf8.count > 4_096, "the report is not long enough to be cut")
        for size in [1, 37, 4_096] {
            let cut = AuditRenderer.$piece.withValue(size) { ReportCLI.run(args) }
            #expect(cut.exit == 0)
            #expect(cut.out == whole.out, "\(format) in pieces of \(size) bytes differs from the whole")
        }
    }
}
