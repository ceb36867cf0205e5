import ChannelComp
@testable import ChannelCompCLI
import Testing

/// SPEC 8.4: the audit's neutrality figures leave adjustments out and show them beside.
@Suite("audit: adjustments beside the neutrality figures")
struct AdjustmentAuditCLITests {
    static func audit(_ data: String) -> String {
        let console = Console()
        let code = ChannelCompCLI.run(["audit", "--plan", JournalTestSupport.path("Plans/channel-neutral.json"),
                                       "--data", JournalTestSupport.path(data), "--period", "2027-03"], console: console)
        #expect(code == 0, "\(console.err)")
        return console.out
    }

    @Test("Fixtures/adjustments audits exactly like Fixtures/sample, plus the adjustments part")
    func neutralityUnchanged() {
        let sample = Self.audit("Fixtures/sample").replacingOccurrences(of: JournalTestSupport.path("Fixtures/sample"), with: "DATA")
        let adjusted = Self.audit("Fixtures/adjustments").replacingOccurrences(of: JournalTestSupport.path("Fixtures/adjustments"), with: "DATA")
        let parts = adjusted.components(separatedBy: "\nAdjustments, ")
        #expect(parts.count == 2)
        #expect(parts[0] == sample, "everything before the adjustments part is the sample's audit")
        // ADJ-001 credit 12500.00; ADJ-002 + ADJ-003 payments 500.00 − 250.00 = 250.00; ADJ-004 (June) after the period.
        #expect(parts[1].hasPrefix("3 in the fiscal year through the period, 1 after it"))
        #expect(parts[1].contains("credit       1  12500.00"))
        #expect(parts[1].contains("payment      2    250.00"))
        #expect(parts[1].contains("February SPIFF paid twice") && parts[1].contains("Sales Ops"))
    }
}
