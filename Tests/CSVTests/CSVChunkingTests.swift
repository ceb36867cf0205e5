import Foundation
import Testing
@testable import CSV

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
            let whole = csvReadInChunks(v.input, chunk: nil)
            let chunked = csvReadInChunks(v.input, chunk: chunk)
            #expect(chunked == whole, "\(v.name) in \(chunk)-byte chunks")
        }
    }
}
