import Testing
@testable import CSV

let csvInvalidUTF8 = "invalid UTF-8: "

/// Ill-formed UTF-8 in various places; the column is the lead byte's character column.
let csvUTF8Vectors: [CSVVector] = [
    .init("lone continuation byte", csvUTF8("a,") + [0x80] + csvUTF8("\nok"),
        [.err(1, 3, csvInvalidUTF8 + "continuation byte 0x80 without a lead byte"), .rec(2, 2, ["ok"])]),
    .init("Latin-1 é", csvUTF8("caf") + [0xE9] + csvUTF8("\n"),
        [.err(1, 4, csvInvalidUTF8 + "truncated sequence E9: lead byte 0xE9 needs 2 continuation bytes (0x80–0xBF) but found 0x0A")]),
    .init("overlong 2-byte C0 AF", [0xC0, 0xAF], [.err(1, 1, csvInvalidUTF8 + "overlong encoding (lead byte 0xC0")]),
    .init("overlong 2-byte C1 BF", [0xC1, 0xBF], [.err(1, 1, csvInvalidUTF8 + "overlong encoding (lead byte 0xC1")]),
    .init("overlong 3-byte E0 80 AF", [0xE0, 0x80, 0xAF], [.err(1, 1, csvInvalidUTF8 + "overlong encoding E0 80")]),
    .init("overlong 3-byte E0 9F BF", [0xE0, 0x9F, 0xBF], [.err(1, 1, csvInvalidUTF8 + "overlong encoding E0 9F")]),
    .init("overlong 4-byte F0 8F BF BF", [0xF0, 0x8F, 0xBF, 0xBF], [.err(1, 1, csvInvalidUTF8 + "overlong encoding F0 8F")]),
    .init("surrogate ED A0 80", [0xED, 0xA0, 0x80], [.err(1, 1, csvInvalidUTF8 + "ED A0… encodes a UTF-16 surrogate")]),
    .init("surrogate ED BF BF", [0xED, 0xBF, 0xBF], [.err(1, 1, csvInvalidUTF8 + "ED BF… encodes a UTF-16 surrogate")]),
    .init("above U+10FFFF F4 90 80 80", [0xF4, 0x90, 0x80, 0x80],
        [.err(1, 1, csvInvalidUTF8 + "F4 90… encodes a code point above U+10FFFF")]),
    .init("lead byte F5", [0xF5, 0x80, 0x80, 0x80], [.err(1, 1, csvInvalidUTF8 + "byte 0xF5 never appears in UTF-8")]),
    .init("byte FF", csvUTF8("x,") + [0xFF], [.err(1, 3, csvInvalidUTF8 + "byte 0xFF never appears in UTF-8")]),
    .init("truncated 2-byte at end of file", csvUTF8("a,") + [0xC3],
        [.err(1, 3, csvInvalidUTF8 + "truncated sequence C3: lead byte 0xC3 needs 1 continuation byte (0x80–0xBF) but found the end of the file")]),
    .init("truncated 3-byte before ASCII", [0xE2, 0x82, 0x41, 0x0A],
        [.err(1, 1, csvInvalidUTF8 + "truncated sequence E2 82: lead byte 0xE2 needs 2 continuation bytes (0x80–0xBF) but found 0x41")]),
    .init("truncated 4-byte before comma", [0xF0, 0x9F, 0x98, 0x2C, 0x78],
        [.err(1, 1, csvInvalidUTF8 + "truncated sequence F0 9F 98: lead byte 0xF0 needs 3 continuation bytes (0x80–0xBF) but found 0x2C")]),
    .init("truncated 4-byte at end of file", [0xF0, 0x9F, 0x98],
        [.err(1, 1, csvInvalidUTF8 + "truncated sequence F0 9F 98: lead byte 0xF0 needs 3 continuation bytes (0x80–0xBF) but found the end of the file")]),
    .init("invalid inside quotes", csvUTF8("\"a") + [0xFF] + csvUTF8("\"\nb\n"), [.err(1, 3, csvInvalidUTF8 + "byte 0xFF"), .rec(2, 2, ["b"])]),
    .init("invalid in quoted field with newline", csvUTF8("\"a\nb") + [0xC3] + csvUTF8("\"\nc\n"),
        [.err(2, 2, csvInvalidUTF8 + "truncated sequence C3"), .rec(3, 3, ["c"])]),
    // `é,` is 2 characters (3 bytes), so the bad byte is in column 3.
    .init("column after a multibyte character", csvUTF8("é,") + [0xFF], [.err(1, 3, csvInvalidUTF8)]),
    .init("invalid in the header line after a BOM", [0xEF, 0xBB, 0xBF, 0x61, 0x80], [.err(1, 2, csvInvalidUTF8)]),
    .init("a half BOM is invalid UTF-8", [0xEF, 0xBB, 0x61], [.err(1, 1, csvInvalidUTF8 + "truncated sequence EF BB")]),
]

@Test("CSV reader: invalid UTF-8 variants", arguments: csvUTF8Vectors)
func csvInvalidUTF8Vector(_ vector: CSVVector) {
    let actual = csvReadAll(vector.input)
    #expect(csvItemsMatch(actual, vector.expected), "\(vector.name): got \(actual)")
}

/// Every 1-, 2-, 3- and 4-byte pattern checked against the standard library's decoder.
@Test("UTF-8 check agrees with the standard library on all 2- and 3-byte sequences and 4-byte boundaries")
func csvUTF8AgreesWithStdlib() {
    var disagreements: [[UInt8]] = []
    func check(_ bytes: [UInt8]) {
        let ours = bytes.withUnsafeBufferPointer { CSVUTF8Check.sequenceLength($0.baseAddress!, 0, $0.count) } == bytes.count
        let theirs = String(validating: bytes, as: UTF8.self) != nil
        if ours != theirs { disagreements.append(bytes) }
    }
    for b0 in 0x80...0xFF {
        for b1 in 0...0xFF { check([UInt8(b0), UInt8(b1)]) }
    }
    for b0 in 0xE0...0xEF {
        for b1 in 0x70...0xCF {
            for b2 in [0x00, 0x7F, 0x80, 0xBF, 0xC0] { check([UInt8(b0), UInt8(b1), UInt8(b2)]) }
        }
    }
    for b0 in 0xF0...0xFF {
        for b1 in 0x70...0xCF {
            for tail in [[0x80, 0x80], [0xBF, 0xBF], [0x80, 0x7F], [0xC0, 0x80]] {
                check([UInt8(b0), UInt8(b1)] + tail.map(UInt8.init))
            }
        }
    }
    #expect(disagreements.isEmpty, "first: \(disagreements.prefix(5))")
}
