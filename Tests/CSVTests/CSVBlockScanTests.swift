import Testing
@testable import CSV

/// The 64-byte mask reading (`CSVBlockScan.swift`): its bit tricks against their definitions,
/// and whole reads against the general reader on long, varied inputs — valid ledgers shaped
/// like real exports and broken ones — read whole and in chunks.
@Suite("CSV reading by 64-byte masks")
struct CSVBlockScanTests {
    @Test("lane bits: bit k is set exactly when lane k is, for every 16-lane pattern (portable and platform gathers)")
    func laneBits() {
        for pattern in 0..<(1 << 16) {
            var words: (UInt64, UInt64) = (0, 0)
            for lane in 0..<16 where pattern & (1 << lane) != 0 {
                if lane < 8 { words.0 |= 0xFF << UInt64(8 * lane) } else { words.1 |= 0xFF << UInt64(8 * (lane - 8)) }
            }
            let bits = CSVReader.BlockMasks.portableBits(SIMD2(words.0, words.1))
            // The platform's gather (one instruction on x86-64) from the comparison itself.
            let mask = unsafeBitCast(SIMD2(words.0, words.1), to: SIMDMask<SIMD16<Int8>>.self)
            let platform = CSVReader.BlockMasks.bits(mask)
            #expect(bits == UInt64(pattern) && platform == UInt64(pattern), "pattern \(pattern)")
            if bits != UInt64(pattern) || platform != UInt64(pattern) { return }
        }
    }

    @Test("block masks: a worked example")
    func masksExample() {
        // `a, "b,c" ,⇥x⏎` then `y` up to 64 bytes: separators at 1, 5 (inside quotes: still a
        // separator byte), 9 and 12; quotes at 3 and 7; blanks at 2, 8 and 10 (the tab).
        let block = csvUTF8("a, \"b,c\" ,\tx\n") + Array(repeating: UInt8(ascii: "y"), count: 51)
        let masks = block.withUnsafeBytes { CSVReader.BlockMasks($0.baseAddress!) }
        #expect(masks.separators == 1 << 1 | 1 << 5 | 1 << 9 | 1 << 12)
        #expect(masks.quotes == 1 << 3 | 1 << 7)
        #expect(masks.blanks == 1 << 2 | 1 << 8 | 1 << 10)
        #expect(!masks.unusual)
        // Quote parity: bytes 3 … 6 are inside (the opening quote included, the closing one not).
        #expect(CSVReader.insideQuotes(masks.quotes) == 0b0111_1000)
    }

    @Test("block masks and quote parity agree with their byte-by-byte definitions on random blocks")
    func masksMatchDefinition() {
        let alphabet: [UInt8] = [0x2C, 0x0A, 0x0D, 0x22, 0x20, 0x09, 0x00, 0x80, 0xC3, 0xFF, 0x7F, 0x01, 0x2D, 0x41, 0x61, 0x30]
        var mix = Mix(state: 64)
        for _ in 0..<2_000 {
            let block = (0..<64).map { _ in alphabet[mix.next(alphabet.count)] }
            let masks = block.withUnsafeBytes { CSVReader.BlockMasks($0.baseAddress!) }
            var separators: UInt64 = 0, quotes: UInt64 = 0, blanks: UInt64 = 0, inside: UInt64 = 0
            var unusual = false, parity = false
            for (k, b) in block.enumerated() {
                let bit = UInt64(1) << UInt64(k)
                if b == 0x2C || b == 0x0A || b == 0x0D { separators |= bit }
                if b == 0x22 { quotes |= bit; parity.toggle() }
                if b == 0x20 || b == 0x09 { blanks |= bit }
                if b == 0 || b >= 0x80 { unusual = true }
                if parity { inside |= bit }
            }
            #expect(masks.separators == separators && masks.quotes == quotes && masks.blanks == blanks)
            #expect(masks.unusual == unusual)
            #expect(CSVReader.insideQuotes(masks.quotes) == inside)
            let dropped = masks.dropping(5)
            #expect(dropped.separators == separators >> 5 && dropped.quotes == quotes >> 5 && dropped.blanks == blanks >> 5)
        }
    }

    @Test("quote placement: quotes that open and close fields, doubled quotes, and misplaced ones",
          arguments: [
              ("\"a\" ,b", true), ("  \"a,b\",\"\"", true), ("\"a\"\"b\",c", true), ("\"\"\"\",x", true),
              ("x\"a\",", false), ("\"a\"b,", false), ("\"a\" \"b\",", false), ("a\"\"b,", false),
          ])
    func quotePlacement(text: String, wellPlaced: Bool) {
        let block = csvUTF8(text) + Array(repeating: UInt8(ascii: "y"), count: 64 - text.utf8.count)
        let masks = block.withUnsafeBytes { CSVReader.BlockMasks($0.baseAddress!) }
        let inside = CSVReader.insideQuotes(masks.quotes)
        let ends = masks.separators & ~inside
        // Everything up to the last terminator was read.
        let consumed = ends == 0 ? 0 : (UInt64(2) << UInt64(63 - ends.leadingZeroBitCount)) &- 1
        #expect(CSVReader.quotesWellPlaced(masks, inside: inside, ends: ends, consumed: consumed) == wellPlaced, "\(text)")
    }

    @Test("the masks read records of every valid shape themselves (the general reader is not asked)")
    func readsTypicalRecordsItself() {
        let rows = [
            ",,91,direct,,2026-11-01,D00000001,,USD,T00562,,,,\"rep00562\",booking, A0022466 ,SEAT,\r\n",
            "\"expansion, same contact\", ,44,partner, upfront  ,2026-11-01,\"D00000004\",\"approved\",USD\n",
            "\"PO received\nsigned by procurement\",,238,\"partner\",,2026-11-01,D00000023,pending\r\n",
            "\"renewal; see \"\"Q3 plan\"\"\",,\"17\",partner,upfront,2026-11-01,D00000045,,USD,\"\"\n",
            "Müller GmbH,\"Zoë, Ltd\",  ,\t\"x\"\t,y\n",
        ]
        for row in rows {
            let bytes = csvUTF8(row) + Array(repeating: UInt8(ascii: "z"), count: 200)
            let rawEnd = bytes.withUnsafeBufferPointer { buf in
                withUnsafeTemporaryAllocation(of: CSVRecord.Field.self, capacity: CSVReader.FieldBatch.capacity) { slots in
                    var batch = CSVReader.FieldBatch(slots: slots.baseAddress!)
                    var record = CSVRecord()
                    var lineFeeds = 0
                    var cache = CSVReader.BlockCache()
                    return CSVReader.readRecordByBlocks(
                        buf.baseAddress!, buf.count, from: 0, &batch, &record, quotedLineFeeds: &lineFeeds, cache: &cache)
                }
            }
            let lineEnd = row.utf8.count - (row.hasSuffix("\r\n") ? 2 : 1)
            #expect(rawEnd == lineEnd, "\(row.debugDescription)")
        }
    }

    @Test("long varied inputs: reading by masks gives exactly what the general reader gives")
    func matchesGeneralReader() {
        var mix = Mix(state: 8_191)
        var differing = 0
        for round in 0..<1_500 {
            let input = CSVBlockScanTests.ledger(&mix, broken: round % 3 == 0)
            let byBlocks = csvTrace(input, wordAtATime: true, commonShapes: true, byBlocks: true)
            let general = csvTrace(input, wordAtATime: true, commonShapes: true, byBlocks: false)
            if byBlocks != general {
                differing += 1
                if differing <= 3 {
                    let diff = zip(byBlocks, general).first { $0 != $1 }
                    Issue.record("input \(String(decoding: input, as: UTF8.self).debugDescription): first difference \(String(describing: diff))")
                }
            }
        }
        #expect(differing == 0)
    }

    @Test("long varied inputs read in chunks give what reading them whole gives", arguments: [97, 256, 1_000])
    func chunkedMatchesWhole(chunk: Int) {
        var mix = Mix(state: UInt64(chunk))
        for round in 0..<200 {
            let input = CSVBlockScanTests.ledger(&mix, broken: round % 4 == 0)
            let chunked = csvReadInChunks(input, chunk: chunk), whole = csvReadInChunks(input, chunk: nil)
            if chunked != whole {
                let diff = zip(chunked, whole).first { $0 != $1 }
                Issue.record("round \(round): \(chunked.count) vs \(whole.count) items, first difference \(String(describing: diff))")
                return
            }
        }
    }

    /// A ledger-like file of 1–30 records of 1–40 fields: plain, padded, blank, quoted (with commas,
    /// doubled quotes, line breaks, UTF-8), longer than a block; LF or CRLF, blank lines, a BOM
    /// sometimes; when `broken`, now and then a stray quote, text after a closing quote, a bare CR,
    /// NUL, invalid UTF-8 or an unterminated quote.
    static func ledger(_ mix: inout Mix, broken: Bool) -> [UInt8] {
        let valid = [
            "D00000123", "2026-11-01", "1200.00", "rep1:60;rep2:40", "", "", "", " x ", "  A0022466", "USD\t",
            "  ", "\"USD\"", " \"T00562\" ", "\"a,b\"", "\"\"", "\"a\"\"b\"", "\"\"\"x\"\"\"", "\"line1\nline2\"",
            "\"line1\r\nline2\"", "\"é\"", "\"Müller, GmbH\"", "Zoë", "\u{1}ctl",
            String(repeating: "L", count: 70), "\"" + String(repeating: "q, ", count: 30) + "\"",
        ]
        let invalid = ["ab\"c", "\"a\"b", "\"a\" \"b\"", "a\rb", "x\u{0}y", "\"open"]
        var text: [UInt8] = mix.next(8) == 0 ? [0xEF, 0xBB, 0xBF] : []
        for _ in 0..<(1 + mix.next(30)) {
            if mix.next(10) == 0 { text += csvUTF8(mix.next(2) == 0 ? "\n" : "  \r\n") }
            let fields = (0..<(1 + mix.next(40))).map { _ -> [UInt8] in
                if broken && mix.next(60) == 0 {
                    return mix.next(5) == 0 ? [0xC3, 0x28] : csvUTF8(invalid[mix.next(invalid.count)])
                }
                return csvUTF8(valid[mix.next(valid.count)])
            }
            text += Array(fields.joined(separator: [UInt8(ascii: ",")]))
            text += csvUTF8(mix.next(2) == 0 ? "\n" : "\r\n")
        }
        if mix.next(3) == 0 { text.removeLast() }
        return text
    }
}
