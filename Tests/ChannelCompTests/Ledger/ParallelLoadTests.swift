import Foundation
import Testing
@testable import ChannelComp

/// Large ledgers are parsed as two halves on two threads; the result must be exactly the
/// one-pass result: same bookings in the same order, same cancellations, same diagnostics.
@Suite("Ledger: two-thread parse equals one pass")
struct ParallelLoadTests {
    /// A loaded ledger reduced to comparable text (every field that matters downstream).
    static func fingerprint(_ ledger: Ledger, _ diagnostics: DiagnosticList) -> [String] {
        var lines = ledger.bookings.map { b in
            "\(b.deal)|\(b.line)|\(b.date)|\(b.account)|\(b.territory)|\(b.product)|\(b.quantity)|\(b.unitListPrice?.description ?? "-")|\(b.salePrice?.description ?? "-")|\(b.purchase)|\(b.channel)|\(b.partner ?? -1)|\(b.registration)|\(b.sourcedBy)|\(b.reps.map { "\($0.person):\($0.split?.description ?? "")" })|\(b.sourceLine)"
        }
        lines += ledger.cancellations.map { "cancel \($0.booking) \($0.date) \($0.sourceLine)" }
        lines.append("rows \(ledger.rowsRead)")
        lines += diagnostics.items.map { $0.render() }
        return lines
    }

    static func both(_ deals: String) throws -> (one: [String], two: [String]) {
        let sample = try Scenario.sample()
        let bytes = Array(deals.utf8)
        let (l1, d1) = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: sample.plan, roster: sample.roster, parallelThreshold: Int.max)
        let (l2, d2) = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: sample.plan, roster: sample.roster, parallelThreshold: 0)
        return (fingerprint(l1, d1), fingerprint(l2, d2))
    }

    static func sampleDeals() throws -> String { try Scenario.repositoryText("Fixtures/sample/deals.csv") }

    @Test("the sample ledger (quoted commas, multi-line deals, cancellations in both halves)")
    func sample() throws {
        let (one, two) = try Self.both(Self.sampleDeals())
        #expect(one.count > 150)
        #expect(one == two)
        // And the two-thread path really ran (it did not fall back to one pass).
        let sample = try Scenario.sample()
        let bytes = Array(try Self.sampleDeals().utf8)
        let table = CSVTable(file: "deals.csv", bytes: bytes, known: LedgerLoader.columns, required: ["deal_id", "date"])
        #expect(LedgerLoader.loadInTwo(table: table, bytes: bytes, plan: sample.plan, roster: sample.roster) != nil)
    }

    @Test("CRLF line ends")
    func crlf() throws {
        let (one, two) = try Self.both(Self.sampleDeals().replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(one == two)
    }

    @Test("row errors in both halves are reported once each, in line order")
    func rowErrors() throws {
        var lines = try Self.sampleDeals().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = lines[3].replacingOccurrences(of: ",USD,", with: ",EUR,")
        lines[140] = lines[140].replacingOccurrences(of: ",USD,", with: ",EUR,")
        let (one, two) = try Self.both(lines.joined(separator: "\n"))
        #expect(one.filter { $0.contains("error:") }.count == 2)
        #expect(one == two)
    }

    @Test("a duplicate key split across the halves and a syntax error fall back to one pass")
    func fallbacks() throws {
        var lines = try Self.sampleDeals().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[150] = lines[2]                                  // duplicate of an early booking, late in the file
        let (one, two) = try Self.both(lines.joined(separator: "\n"))
        #expect(one.contains { $0.contains("duplicate booking") })
        #expect(one == two)
        lines[120] = lines[120] + "\"oops"                     // a stray quote in the second half
        let (three, four) = try Self.both(lines.joined(separator: "\n"))
        #expect(three == four)
        #expect(three.contains { $0.contains("error:") && $0.contains(":121:") || $0.contains("deals.csv:121") })
    }

    @Test("the record boundary skips newlines inside quotes")
    func boundary() {
        let bytes = Array("a,\"x\ny\"\nb\n".utf8)
        let split = CSVTable.recordBoundary(in: bytes, near: 4, from: 0, firstLine: 1)
        #expect(split?.offset == 8)
        #expect(split?.line == 3)
    }
}
