#if arch(x86_64)
// SSE2 (every x86-64 processor): `_mm_movemask_epi8` gathers the 16 lanes of a comparison in one instruction.
import _Builtin_intrinsics.intel
#endif

/// Reading a whole record from 64-bit masks of its bytes, with almost no data-dependent branches.
///
/// The general reader (``CSVReader/next(into:)``) decides field by field whether a field is empty,
/// plain, quoted or padded; on ledgers that mix those shapes at random — real exports do — the
/// processor mispredicts about one of those decisions per field. This path instead looks at 64
/// bytes at once: where the separators (`,` CR LF), quotes and blanks (space, tab) are, as one bit
/// per byte. Quote parity (a running XOR of the quote bits) hides the separators inside quoted
/// fields; each remaining separator ends a field, and the field's text is what lies between its
/// first and last non-blank byte — found by counting zero bits, the same arithmetic for every
/// shape. Quotes must open and close fields (`"…"`, blanks around allowed) or be doubled inside
/// them (`""`, unescaped into the record's scratch, rare); a quoted LF starts a new line.
///
/// It reads only valid records that end in LF or CRLF within the buffer, with no field longer
/// than a block (NUL and UTF-8 are checked byte by byte when a block holds a NUL or a byte
/// ≥ 0x80). For anything else it reports nothing and the general reader reads the record from its
/// start — so every record, error and line number is exactly the general reader's (the tests
/// compare both on tricky and random inputs, whole and in chunks).
///
/// Example: for `ab , "c,d",,x⏎` the separators outside quotes are at 3, 10, 11 and 13 (the comma
/// at 7 is inside quotes); the fields are `ab` (0..<2), `c,d` (6..<9, quoted), empty (at 11)
/// and `x` (12..<13); the record ends at 13.
extension CSVReader {
    /// Where one 64-byte block's separators, quotes and blanks are (bit k: the block's byte k).
    struct BlockMasks {
        /// `,` CR LF.
        var separators: UInt64
        /// `"`.
        var quotes: UInt64
        /// Space and tab.
        var blanks: UInt64
        /// Whether the block holds a NUL or a byte ≥ 0x80 (the record is then checked byte by byte).
        var unusual: Bool

        /// The masks of the 64 bytes at `block`.
        ///
        /// Example: for `a,"b"` followed by 59 `x`s: separators `0b10`, quotes `0b10100`, no blanks.
        @inline(__always)
        init(_ block: UnsafeRawPointer) {
            typealias Bytes = SIMD16<UInt8>
            let comma = Bytes(repeating: CSVText.comma), lf = Bytes(repeating: CSVText.lf)
            let cr = Bytes(repeating: CSVText.cr), quote = Bytes(repeating: CSVText.quote)
            let space = Bytes(repeating: CSVText.space), tab = Bytes(repeating: CSVText.tab)
            let one = SIMD16<Int8>(repeating: 1)
            var separators: UInt64 = 0, quotes: UInt64 = 0, blanks: UInt64 = 0, unusual: UInt64 = 0
            for k in 0..<4 {
                let v = block.loadUnaligned(fromByteOffset: 16 &* k, as: Bytes.self)
                let shift = UInt64(16 &* k)
                let isSeparator: SIMDMask<SIMD16<Int8>> = (v .== comma) .| (v .== lf) .| (v .== cr)
                let isBlank: SIMDMask<SIMD16<Int8>> = (v .== space) .| (v .== tab)
                separators |= BlockMasks.bits(isSeparator) &<< shift
                quotes |= BlockMasks.bits(v .== quote) &<< shift
                blanks |= BlockMasks.bits(isBlank) &<< shift
                // As signed bytes, NUL and every byte ≥ 0x80 are below 1.
                unusual |= BlockMasks.bits(unsafeBitCast(v, to: SIMD16<Int8>.self) .< one)
            }
            self.separators = separators
            self.quotes = quotes
            self.blanks = blanks
            self.unusual = unusual != 0
        }

        /// Masks given bit by bit.
        init(separators: UInt64, quotes: UInt64, blanks: UInt64, unusual: Bool) {
            self.separators = separators
            self.quotes = quotes
            self.blanks = blanks
            self.unusual = unusual
        }

        /// The masks of the bytes from `offset` (0 ≤ offset < 64) on, as if the block started
        /// there: bits 64 − offset … 63 are empty (no separator, quote or blank).
        ///
        /// Example: separators `0b1010` dropping 2 → `0b10`.
        @inline(__always)
        func dropping(_ offset: Int) -> BlockMasks {
            let shift = UInt64(truncatingIfNeeded: offset)
            return BlockMasks(
                separators: separators &>> shift, quotes: quotes &>> shift, blanks: blanks &>> shift,
                unusual: unusual)
        }

        /// One bit per lane of a 16-lane comparison: bit k set when lane k is true.
        ///
        /// One instruction on x86-64 (`pmovmskb`); elsewhere ``portableBits(_:)``, which the tests
        /// hold to the same result for every pattern.
        ///
        /// Example: lanes 0 and 9 true → `0b10_0000_0001`.
        @inline(__always)
        static func bits(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt64 {
            #if arch(x86_64)
            UInt64(truncatingIfNeeded: UInt16(truncatingIfNeeded: _mm_movemask_epi8(unsafeBitCast(mask, to: __m128i.self))))
            #else
            portableBits(lanes(mask))
            #endif
        }

        /// The 16 lanes of a comparison as two words, each lane a byte 0x00 or 0xFF.
        @inline(__always)
        static func lanes(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD2<UInt64> {
            unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        }

        /// One bit per lane: bit k of the result is set when lane k (a byte 0x00 or 0xFF) is set.
        ///
        /// Low half: keeping bit k of byte k and multiplying by 0x0101…01 adds the eight bytes into
        /// the top byte without carries (the bits are distinct). High half: keeping each byte's top
        /// bit (8k + 7) and multiplying by Σ 2^(57 − 7k) puts bit 8k + 7 at 64 + k, the low byte of
        /// the 128-bit product's high word, and no other partial product lands there or carries
        /// into it. Two different multiplies, so that the compiler does not pair them into one
        /// vector multiply (emulated, and several times slower, without SSE4.1).
        ///
        /// Example: lanes 0 and 9 set → `0b10_0000_0001`.
        @inline(__always)
        static func portableBits(_ lanes: SIMD2<UInt64>) -> UInt64 {
            let low = ((lanes[0] & 0x8040_2010_0804_0201) &* 0x0101_0101_0101_0101) >> 56
            let high = (lanes[1] & 0x8080_8080_8080_8080).multipliedFullWidth(by: 0x0204_0810_2040_8100).high & 0xFF
            return low | high << 8
        }
    }

    /// Bit k set when byte k lies inside quotes: from an opening quote (included) to its closing
    /// quote (excluded), counting from a block that starts outside quotes.
    ///
    /// Example: quotes at 2 and 5 → bits 2, 3 and 4 (`0b11100`).
    @inline(__always)
    static func insideQuotes(_ quotes: UInt64) -> UInt64 {
        var x = quotes
        x ^= x << 1
        x ^= x << 2
        x ^= x << 4
        x ^= x << 8
        x ^= x << 16
        x ^= x << 32
        return x
    }

    /// The masks of the last block read, kept for the next record: the block that held a record's
    /// line end usually holds the start of the next record too.
    struct BlockCache {
        /// Offset of the block's first byte, or -1 when nothing is kept.
        var start = -1
        var masks = BlockMasks(separators: 0, quotes: 0, blanks: 0, unusual: false)
    }

    /// Whether the quotes of the bytes `consumed` (bit k: the block's byte k) are well placed, given
    /// the quotes' parity `inside` and the block's field terminators `ends`: each opening quote
    /// is its field's first non-blank byte, each closing quote is followed by blanks and the
    /// field's terminator — or the two form a doubled quote `""` inside a quoted field.
    ///
    /// A field's first non-blank byte is found for all fields at once: adding the field starts
    /// (the bits after the terminators, and bit 0) to the blank bits carries each start through
    /// the blanks that follow it; the same addition finds the first non-blank byte after each
    /// closing quote.
    ///
    /// Example: in `"a" ,b` the opening quote (0) starts its field and the closing one (2) is
    /// followed by a blank and the comma: well placed. In `x"a",` the quote at 1 is not its
    /// field's first non-blank byte: not.
    @inline(__always)
    static func quotesWellPlaced(_ masks: BlockMasks, inside: UInt64, ends: UInt64, consumed: UInt64) -> Bool {
        let opening = masks.quotes & inside
        let closing = masks.quotes & ~inside
        let blanks = masks.blanks
        let firstText = (((ends << 1) | 1) &+ blanks) & ~blanks
        let afterClosing = ((closing << 1) &+ blanks) & ~blanks
        let misplaced = (opening & ~(firstText | closing << 1)) | (afterClosing & ~(ends | opening))
        return misplaced & consumed == 0
    }

    /// Reads the record whose first byte is at `start` (a line start, not blank) into `batch`; returns
    /// the offset of its line end (the CR of a CRLF, or the LF), or -1 when the record needs the
    /// general reader (then `batch` and `record` hold partial fields the caller drops).
    ///
    /// A block starts at a field start (quote parity starts even): at the record's start, reusing
    /// the masks of the block `cache` holds when it covers that start, or at a field cut by the
    /// previous block's end, read again from its start. On success `cache` holds the last block.
    ///
    /// Example: in `1, "a" ,⏎` from 0: fields `1` (0..<1), `a` (4..<5, quoted, anchored at the
    /// quote at 3) and an empty one at 8; returns 8.
    @inline(__always)
    static func readRecordByBlocks(
        _ s: UnsafePointer<UInt8>, _ n: Int, from start: Int,
        _ batch: inout FieldBatch, _ record: inout CSVRecord, quotedLineFeeds: inout Int,
        cache: inout BlockCache
    ) -> Int {
        // The batch's slots and count in registers while the fields are written (not through `batch`).
        let slots = batch.slots
        var count = batch.count
        defer { batch.count = count }
        var p = start
        var masks: BlockMasks
        // Whether `masks` is a kept block's tail (shorter than 64 bytes: its other bits are empty).
        var isTail: Bool
        let offset = start &- cache.start
        if cache.start >= 0 && offset >= 0 && offset < 64 {
            masks = cache.masks.dropping(offset)
            isTail = true
        } else {
            guard n &- p >= 64 else { return -1 }
            masks = BlockMasks(UnsafeRawPointer(s + p))
            isTail = false
        }
        cache.start = -1
        var unusual = false
        while true {
            unusual = unusual || masks.unusual
            let inside = insideQuotes(masks.quotes)
            let terminators = masks.separators & ~inside
            var ends = terminators
            if ends == 0 {
                // A field longer than the block, or a quote left open (unterminated, or stray).
                if !isTail { return -1 }
            } else {
                // The text (neither blank nor a terminator; quoted commas are text) of the fields
                // not read yet in this block.
                var text = ~(masks.blanks | ends)
                var doubled = masks.quotes & ~inside & (masks.quotes & inside) >> 1
                var fieldStart = 0
                repeat {
                    // Every shape takes the same arithmetic (no branch on it: shapes vary at random).
                    let end = ends.trailingZeroBitCount
                    let before = ends &- 1  // below `end`: the field's bytes (and later fields' terminators)
                    let fieldText = text & before
                    text &= ~before
                    let first = fieldText.trailingZeroBitCount  // 64 when the field is blank
                    let last = 63 &- fieldText.leadingZeroBitCount  // -1 when the field is blank
                    // A blank field is empty at its terminator, anchored at its start.
                    let blankMask = 0 &- (first &>> 6)
                    // 1 when the field holds a quote, which is then its first and last non-blank byte
                    // (see `quotesWellPlaced`), else 0.
                    let fieldQuotes = fieldText & masks.quotes
                    let inner = Int(truncatingIfNeeded: (fieldQuotes | (0 &- fieldQuotes)) >> 63)
                    var field = CSVRecord.Field(
                        start: p &+ CSVReader.select(blankMask, end, first &+ inner),
                        end: p &+ CSVReader.select(blankMask, end, last &+ 1 &- inner),
                        anchor: p &+ CSVReader.select(blankMask, fieldStart, first),
                        flags: UInt8(truncatingIfNeeded: inner))
                    // A doubled quote inside (rare): the field is unescaped into scratch.
                    if doubled & before != 0 {
                        doubled &= ~before
                        let quotes = masks.quotes & fieldText & ~(UInt64(1) &<< UInt64(truncatingIfNeeded: first))
                            & ~(UInt64(1) &<< UInt64(truncatingIfNeeded: last))
                        guard inner == 1, let unescaped = unescapedField(s, p, first: first, last: last, quotes, &record)
                        else { return -1 }
                        field = unescaped
                    }
                    if count == FieldBatch.capacity {
                        batch.count = count
                        batch.flush(into: &record)
                        count = 0
                    }
                    (slots + count).initialize(to: field)
                    count &+= 1
                    let terminator = s[p &+ end]
                    if terminator != CSVText.comma {
                        // The line end: LF, or CR that must be followed by LF.
                        let at = p &+ end
                        let consumed = before ^ ends  // bits 0 … end
                        if !quotesWellPlaced(masks, inside: inside, ends: terminators, consumed: consumed) { return -1 }
                        if terminator == CSVText.cr && (at &+ 1 >= n || s[at &+ 1] != CSVText.lf) { return -1 }
                        if unusual && !plainUTF8(s, from: start, to: at) { return -1 }
                        quotedLineFeeds &+= lineFeeds(s, p, masks.separators & inside & consumed)
                        cache.start = p
                        cache.masks = masks
                        return at
                    }
                    fieldStart = end &+ 1
                    ends &= ends &- 1
                } while ends != 0
                // Bits 0 … fieldStart − 1 (fieldStart ≥ 1: at least one field was read).
                let consumed = (UInt64(2) &<< UInt64(fieldStart &- 1)) &- 1
                if !quotesWellPlaced(masks, inside: inside, ends: terminators, consumed: consumed) { return -1 }
                quotedLineFeeds &+= lineFeeds(s, p, masks.separators & inside & consumed)
                p &+= fieldStart
            }
            guard n &- p >= 64 else { return -1 }
            masks = BlockMasks(UnsafeRawPointer(s + p))
            isTail = false
        }
    }

    /// The quoted field `s[p + first … p + last]` whose quotes between the enclosing two are
    /// `innerQuotes` (bit k: `s[p + k]`), unescaped into the record's scratch; nil unless those
    /// quotes come in adjacent pairs (`""` stands for one `"`; anything else is an error the
    /// general reader reports).
    ///
    /// Example: `"a""b"` at p = 0 (first 0, last 5, inner quotes at 2 and 3) appends `a"b` to scratch.
    @inline(never)
    static func unescapedField(
        _ s: UnsafePointer<UInt8>, _ p: Int, first: Int, last: Int, _ innerQuotes: UInt64,
        _ record: inout CSVRecord
    ) -> CSVRecord.Field? {
        let scratchStart = record.scratch.count
        var segmentStart = p &+ first &+ 1
        var quotes = innerQuotes
        while quotes != 0 {
            let k = quotes.trailingZeroBitCount
            let pair = UInt64(3) &<< UInt64(k)
            guard k &+ 1 < last, quotes & pair == pair else { return nil }
            // Up to and including the pair's first quote.
            record.scratch.append(contentsOf: UnsafeBufferPointer(start: s + segmentStart, count: p &+ k &+ 1 &- segmentStart))
            segmentStart = p &+ k &+ 2
            quotes &= ~pair
        }
        record.scratch.append(contentsOf: UnsafeBufferPointer(start: s + segmentStart, count: p &+ last &- segmentStart))
        return CSVRecord.Field(
            start: scratchStart, end: record.scratch.count, anchor: p &+ first,
            flags: CSVRecord.quotedFlag | CSVRecord.scratchFlag)
    }

    /// How many of the bytes flagged in `separators` (bit k: `s[p + k]`, each `,` CR or LF) are LF.
    ///
    /// Example: over `"a,b⏎c"` from 0 with bits 2 and 4 set: 1.
    @inline(__always)
    static func lineFeeds(_ s: UnsafePointer<UInt8>, _ p: Int, _ separators: UInt64) -> Int {
        var count = 0
        var bits = separators
        while bits != 0 {
            if s[p &+ bits.trailingZeroBitCount] == CSVText.lf { count &+= 1 }
            bits &= bits &- 1
        }
        return count
    }

    /// `a` where `mask` is all ones, `b` where it is zero, without a branch.
    ///
    /// Example: `select(-1, 3, 7) == 3`, `select(0, 3, 7) == 7`.
    @inline(__always)
    static func select(_ mask: Int, _ a: Int, _ b: Int) -> Int { b ^ ((a ^ b) & mask) }

    /// Whether `s[from..<to]` holds no NUL and only well-formed UTF-8.
    ///
    /// Example: `Müller` is plain; a lone byte 0xC3 or a NUL is not.
    static func plainUTF8(_ s: UnsafePointer<UInt8>, from: Int, to: Int) -> Bool {
        var i = from
        while i < to {
            let b = s[i]
            if b == 0 { return false }
            if b < 0x80 {
                i &+= 1
                continue
            }
            let length = CSVUTF8Check.sequenceLength(s, i, to)
            if length == 0 { return false }
            i &+= length
        }
        return true
    }
}
