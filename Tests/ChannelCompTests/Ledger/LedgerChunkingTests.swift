import Foundation
import Testing
@testable import ChannelComp

/// deals.csv is read in chunks (1 MiB in the CLI): a ledger read from a chunk source must equal
/// the ledger read from the whole file (the CSV reader's own chunking tests are in CSVTests).
@Suite("Ledger read in chunks")
struct LedgerChunkingTests {
    /// A ledger read from a chunk source equals the ledger read from the whole file, for the
    /// sample and for every deals.csv of Fixtures/errors (the error messages included).
    @Test("ledger from chunks equals ledger from the whole file")
    func ledgerFromChunks() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let plan = try #require(PlanLoader.load(file: "plan.json", bytes: Array(try Data(contentsOf: root.appendingPathComponent("Plans/channel-neutral.json")))).0)
        let sample = root.appendingPathComponent("Fixtures/sample")
        let (roster, _) = RosterLoader.load(
            peopleFile: "people.csv", peopleBytes: Array(try Data(contentsOf: sample.appendingPathComponent("people.csv"))),
            partnersFile: "partners.csv", partnersBytes: Array(try Data(contentsOf: sample.appendingPathComponent("partners.csv"))), plan: plan)
        var files = [sample.appendingPathComponent("deals.csv")]
        let errors = root.appendingPathComponent("Fixtures/errors")
        for name in try FileManager.default.contentsOfDirectory(atPath: errors.path).sorted() {
            let deals = errors.appendingPathComponent(name).appendingPathComponent("deals.csv")
            if FileManager.default.fileExists(atPath: deals.path) { files.append(deals) }
        }
        #expect(files.count > 10)
        for (k, url) in files.enumerated() {
            let bytes = Array(try Data(contentsOf: url))
            let (a, da) = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster)
            let size = [1, 3, 17, 100, 4096][k % 5]
            var offset = 0
            let source = ChunkSource { _ in
                let end = min(bytes.count, offset + size)
                defer { offset = end }
                return .success(Array(bytes[offset..<end]))
            }
            let (b, db) = LedgerLoader.load(file: "deals.csv", source: source, sizeHint: bytes.count, plan: plan, roster: roster)
            #expect(db.items.map { $0.render() } == da.items.map { $0.render() }, "\(url.path)")
            #expect(b.rowsRead == a.rowsRead && b.bookings.count == a.bookings.count && b.cancellations.count == a.cancellations.count)
            for i in a.bookings.indices where i < b.bookings.endIndex {
                #expect(describe(b.bookings[i]) == describe(a.bookings[i]))
            }
        }
    }

    @Test("a read failure is an error at the line reached")
    func readFailure() {
        let bytes = Array("deal_id,date\nD1,2027-01-01\nD2,2027-01-02\n".utf8)
        var calls = 0
        let source = ChunkSource { _ in
            calls += 1
            return calls == 1 ? .success(Array(bytes[0..<20])) : .failure(ChunkReadError(reason: "Input/output error"))
        }
        var table = CSVTable(file: "deals.csv", source: source, known: ["deal_id", "date"], required: ["deal_id"])
        table.forEachRow { _ in }
        let messages = table.diagnostics.items.map { $0.render() }
        #expect(messages.contains { $0.contains("deals.csv:2") && $0.contains("could not be read past this line: Input/output error") })
    }

    private func describe(_ b: Booking) -> String {
        "\(b.deal) \(b.line) \(b.date) \(b.account) \(b.territory) \(b.product) \(b.quantity) \(String(describing: b.unitListPrice)) \(String(describing: b.salePrice)) \(b.purchase) \(b.channel) \(String(describing: b.partner)) \(b.registration) \(b.sourcedBy) \(b.reps.map { "\($0.person):\(String(describing: $0.split))" }) \(b.sourceLine)"
    }

}
