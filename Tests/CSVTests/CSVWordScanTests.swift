import Testing
@testable import CSV

/// Small deterministic generator (SplitMix64) for the random inputs below.
struct Mix {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

/// Pieces that random inputs are glued from: plain runs of several lengths (so specials
/// land at every offset of a word), every special byte, blanks, quotes, line ends, UTF-8
/// (valid, truncated, overlong, surrogate, stray) and NUL.
private let pieces: [[UInt8]] = [
    Array("a".utf8), Array("abcdefg".utf8), Array("ACC-4711".utf8), Array("2024-01-15.50:x;y".utf8),
    Array(",".utf8), Array(",".utf8), Array(",".utf8), Array("\"".utf8), Array("\"\"".utf8),
    Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8), Array(" ".utf8), Array("\t".utf8),
    Array("  ".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), Array("Müller, GmbH".utf8),
    [0x00], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF],
    Array("!#$%&'()*+".utf8), Array("-./0123456789".utf8), Array("\"x,\ny\"".utf8), Array("\"q\"\"q\"".utf8),
]

@Test("CSV word-at-a-time scan: the byte mask flags exactly the bytes below 0x2D or from 0x80, at every position")
func csvWordMaskIsExact() {
    for b in 0...255 {
        for position in 0..<8 {
            var word: UInt64 = 0x7878_7878_7878_7878  // eight 'x'
            word &= ~(UInt64(0xFF) << (8 * position))
            word |= UInt64(b) << (8 * position)
            let expected: UInt64 = b < 0x2D || b >= 0x80 ? 0x80 << (8 * position) : 0
            #expect(CSVReader.mayBeSpecial(word) == expected, "byte \(b) at \(position)")
        }
    }
    // Every byte that ends a plain run (`,` LF CR `"` NUL, ≥ 0x80) is flagged.
    for b in [0x00, 0x0A, 0x0D, 0x22, 0x2C] + Array(0x80...0xFF) {
        #expect(CSVReader.mayBeSpecial(UInt64(b)) != 0, "byte \(b)")
    }
}

@Test("CSV word-at-a-time scan: reads tricky inputs exactly like the byte-by-byte scan")
func csvWordScanMatchesByteScan() {
    var inputs: [[UInt8]] = [
        Array("id,amount\n1,\"2,5\"\n\n3,x\"y\n4,7\n".utf8),
        Array("\u{FEFF}deal_id , account ,reps\r\n D00000001 ,\"Müller, GmbH\",\"alice:60;bob:40\"\r\n".utf8),
        Array("abcdefghijklmnop,\"abcdefgh\"\"ijklmnop\",  abcdefghijkl  \t,\n".utf8),
        Array("abcdefghij\rklmnop\nqrstuvwxyzabcdefg\"h\nabcdefgh\"ijk\"  x\nlast line no newline".utf8),
        Array("\"unterminated abcdefghijklmnopqrstuvwxyz".utf8),
        Array("abcdefgh".utf8) + [0x00] + Array("ijklmnop,abcdefgh".utf8) + [0xC3, 0x41] + Array("xxxxxxxxx\n".utf8),
        Array("\"abcdefgh".utf8) + [0x00, 0xE2, 0x82] + Array("\nabcdefgh\",\"ijkl\"\"\"\"mnop\"x\n1,2\n".utf8),
        Array("        ,\t\t\t\t\t\t\t\t,,,,,,,,,,\n \t \t \t \t \n\n\r\n,".utf8),
        // The common shapes next to their near misses: padded, a doubled quote, a quote run into
        // text, a line end straight after, NUL and UTF-8 inside, at the end of the input.
        Array(",,91,direct,,\"USD\",\"rep:60;x:40\", A0022466 ,SEAT,\r\n\"a\"\"b\",\"c\"x,d ,\"e\" ,f\n\"g\"".utf8),
        Array("abcdefghij,\"abcdefghij\",é,\"é\",x".utf8) + [0x00] + Array(",\"y".utf8) + [0x00] + Array("\",\"z\n\",!,(,\"\"".utf8),
    ]
    var mix = Mix(state: 2024)
    for _ in 0..<3_000 {
        var input: [UInt8] = []
        for _ in 0..<(1 + mix.next(40)) { input += pieces[mix.next(pieces.count)] }
        inputs.append(input)
    }
    var differing = 0
    for input in inputs {
        let byWord = csvTrace(input, wordAtATime: true, commonShapes: true, byBlocks: true)
        // The byte-by-byte reading also reads every field by the general paths (no short paths for
        // common shapes, no masks), so the comparison covers those too.
        let byByte = csvTrace(input, wordAtATime: false, commonShapes: false, byBlocks: false)
        if byWord != byByte {
            differing += 1
            if differing <= 3 {
                Issue.record("input \(input): word scan \(byWord) but byte scan \(byByte)")
            }
        }
    }
    #expect(differing == 0)
}

@Test("CSV reader: a record of more fields than one batch (32) keeps every field, in order")
func csvManyFields() {
    for count in [31, 32, 33, 64, 65, 100] {
        let values = (0..<count).map { $0 % 3 == 0 ? "q\"\($0)" : "v\($0)" }
        // Every third field quoted with a doubled quote (unescaped into scratch), the others padded.
        let line = (0..<count).map { $0 % 3 == 0 ? "\"q\"\"\($0)\"" : " v\($0) " }.joined(separator: ",")
        let items = csvReadAll(csvUTF8(line + "\r\n" + line))
        #expect(csvItemsMatch(items, [.rec(1, 1, values), .rec(2, 2, values)]), "\(count) fields: \(items)")
    }
}
