import Foundation
import Testing
@testable import ChannelComp

/// deals.csv is read in chunks (1 MiB in the CLI); these tests cut every CSV test vector into
/// chunks of 1, 2, 3, 5, 7 and 64 bytes and require exactly what reading the whole buffer
/// gives: the same records, line numbers, raw text, errors (with columns and line text) and
/// resynchronisation. A record cut anywhere — in a quoted newline, between CR and LF, inside a
/// UTF-8 sequence, in a BOM — must not change.
@Suite("CSV reader in chunks")
struct CSVChunkingTests {
    static let vectors = csvWellFormedVectors + csvErrorVectors + [
        CSVVector("BOM then data", [0xEF, 0xBB, 0xBF] + csvUTF8("a,b\r\n\"x\r\ny\",é\n"), []),
        CSVVector("no final newline, CRLF", csvUTF8("h1,h2\r\n1,2\r\n3,\"4\""), []),
        CSVVector("unterminated quote at the end", csvUTF8("a\n\"b,c\nd\n"), []),
        CSVVector("truncated UTF-8 at the end", csvUTF8("a,b\nc,") + [0xC3], []),
        CSVVector("bare CR at the end", csvUTF8("a,b\nc,d\r"), []),
        CSVVector("blank lines at the end", csvUTF8("a\n\n  \n\t\n"), []),
    ]

    @Test("chunked reading equals whole-buffer reading", arguments: [1, 2, 3, 5, 7, 64])
    func sameAsWhole(chunk: Int) {
        for v in CSVChunkingTests.vectors {
            let whole = readAll(v.input, chunk: nil)
            let chunked = readAll(v.input, chunk: chunk)
            #expect(chunked == whole, "\(v.name) in \(chunk)-byte chunks")
        }
    }

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
            for i in 0..<min(a.bookings.count, b.bookings.count) {
                #expect(describe(b.bookings[i]) == describe(a.bookings[i]))
            }
        }
    }

    @Test("a read failure is an error at the line reached")
    func readFailure() {
        let bytes = csvUTF8("deal_id,date\nD1,2027-01-01\nD2,2027-01-02\n")
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

    /// Records (line, end line, fields, raw text) and errors (line, column, message, line text).
    private func readAll(_ bytes: [UInt8], chunk: Int?) -> [String] {
        var reader: CSVReader
        var offset = 0
        func nextChunk() -> [UInt8] {
            let end = min(bytes.count, offset + (chunk ?? bytes.count))
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
        reader = chunk == nil ? CSVReader(bytes: bytes) : CSVReader(firstChunk: nextChunk())
        var record = CSVRecord()
        var items: [String] = []
        for _ in 0..<100_000 {
            do {
                let got: Bool
                if chunk == nil {
                    got = try reader.next(into: &record)
                } else if let complete = try reader.nextIfComplete(into: &record) {
                    got = complete
                } else {
                    let more = nextChunk()
                    reader.refill(more, isFinal: more.isEmpty)
                    continue
                }
                guard got else { return items }
                items.append("rec \(record.line)-\(record.endLine) \(record.strings()) raw=\(record.rawText.debugDescription) cols=\((0..<record.count).map { record.column($0) })")
            } catch {
                items.append("err \(error.line):\(error.column) \(error.message) text=\(error.lineText.debugDescription)")
            }
        }
        items.append("did not end")
        return items
    }
}
