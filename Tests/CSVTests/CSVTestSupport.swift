@testable import CSV

/// What reading a CSV file produced, in order: records and errors.
///
/// Example: `a⏎b"⏎` reads as `[.rec(1, 1, ["a"]), .err(2, 2, "unexpected '\"'")]`.
enum CSVItem: Equatable, CustomStringConvertible, Sendable {
    /// A record: line, endLine, decoded fields.
    case rec(Int, Int, [String])
    /// An error: line, column, message (an expected message is a prefix of the actual one).
    case err(Int, Int, String)

    var description: String {
        switch self {
        case let .rec(line, endLine, fields): return "rec(\(line)-\(endLine) \(fields.debugDescription))"
        case let .err(line, column, message): return "err(\(line):\(column) \(message))"
        }
    }

    /// Whether `self` (actual) matches `expected`; error messages match by prefix.
    func matches(_ expected: CSVItem) -> Bool {
        switch (self, expected) {
        case let (.rec(l1, e1, f1), .rec(l2, e2, f2)): return l1 == l2 && e1 == e2 && f1 == f2
        case let (.err(l1, c1, m1), .err(l2, c2, m2)): return l1 == l2 && c1 == c2 && m1.hasPrefix(m2)
        default: return false
        }
    }
}

/// Reads all of `bytes` with one reused record, collecting records and errors.
/// Also checks that `withBytes(i)` and `string(i)` agree for every field.
func csvReadAll(_ bytes: [UInt8]) -> [CSVItem] {
    var reader = CSVReader(bytes: bytes)
    var record = CSVRecord()
    var items: [CSVItem] = []
    for _ in 0..<10_000 {  // a reader that never ends is a failure, not a hang
        do {
            guard try reader.next(into: &record) else { return items }
            var fields: [String] = []
            for i in 0..<record.count {
                let viaString = record.string(i)
                let viaBytes = record.withBytes(i) { String(decoding: $0, as: UTF8.self) }
                fields.append(viaString == viaBytes ? viaString : "MISMATCH(\(viaString)|\(viaBytes))")
            }
            items.append(.rec(record.line, record.endLine, fields))
        } catch {
            items.append(.err(error.line, error.column, error.message))
            if record.count != 0 { items.append(.err(0, 0, "record not emptied after an error")) }
        }
    }
    items.append(.err(0, 0, "reader did not end"))
    return items
}

/// Whether `actual` matches `expected` item by item.
func csvItemsMatch(_ actual: [CSVItem], _ expected: [CSVItem]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { $0.matches($1) }
}

/// The UTF-8 bytes of `text`.
func csvUTF8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A named input and what reading it must produce.
struct CSVVector: Sendable, CustomStringConvertible {
    let name: String
    let input: [UInt8]
    let expected: [CSVItem]
    init(_ name: String, _ input: [UInt8], _ expected: [CSVItem]) {
        self.name = name
        self.input = input
        self.expected = expected
    }
    init(_ name: String, _ text: String, _ expected: [CSVItem]) {
        self.init(name, csvUTF8(text), expected)
    }
    var description: String { name }
}

/// Everything one read of `bytes` observably produces, in full detail: per call the outcome
/// (record internals: field start/end/anchor/flags, lines, raw range, scratch; or the error
/// with its line text), the reader's line afterwards, and finally `endedInsideQuotes`. The
/// flags choose the reader's ways of reading (all true in production).
func csvTrace(_ bytes: [UInt8], wordAtATime: Bool, commonShapes: Bool, byBlocks: Bool) -> [String] {
    var reader = CSVReader(bytes: bytes)
    reader.wordAtATime = wordAtATime
    reader.commonShapes = commonShapes
    reader.byBlocks = byBlocks
    var record = CSVRecord()
    var trace: [String] = []
    for _ in 0..<10_000 {
        do {
            guard try reader.next(into: &record) else { break }
            let fields = record.fields.prefix(record.count).map { "\($0.start)-\($0.end)@\($0.anchor)/\($0.flags)" }
            trace.append(
                "rec \(record.line)-\(record.endLine) raw \(record.rawStart)-\(record.rawEnd) "
                    + "\(fields) scratch \(record.scratch) next line \(reader.currentLine)")
        } catch {
            trace.append(
                "err \(error.line):\(error.column) \(error.message) | \(error.lineText.debugDescription) "
                    + "count \(record.count) next line \(reader.currentLine)")
        }
    }
    trace.append("endedInsideQuotes \(reader.endedInsideQuotes)")
    return trace
}

/// Records (line, end line, fields, raw text, columns) and errors (line, column, message, line
/// text) of reading `bytes` whole (`chunk` nil) or in chunks of `chunk` bytes, as deals.csv is read.
func csvReadInChunks(_ bytes: [UInt8], chunk: Int?) -> [String] {
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
