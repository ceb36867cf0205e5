/// Strict, streaming RFC 4180 reader over a whole file held in memory (SPEC 2.1, 6).
///
/// Rules: comma separator; LF or CRLF line ends (mixed is fine, the last line may
/// lack one); fields optionally quoted with `"`, quotes doubled inside; quoted
/// fields may hold commas, CR and LF and are kept verbatim; spaces/tabs around a
/// quoted field (outside the quotes) are dropped; unquoted fields are trimmed of
/// spaces and tabs; a blank line (empty or only spaces/tabs) is skipped; a UTF-8
/// BOM at the start is ignored. Line numbers are physical (a quoted newline,
/// LF or CRLF, counts as one line end).
///
/// Errors (`CSVSyntaxError`): a `"` inside an unquoted field, text after a closing
/// quote, an unterminated quote, a bare CR outside quotes, invalid UTF-8
/// (overlongs, surrogates, > U+10FFFF, truncated sequences, stray bytes) and a NUL
/// byte. After a throw the caller may call `next(into:)` again:
/// * a structural problem (stray quote, text after a closing quote, bare CR)
///   resynchronises to the start of the next physical line;
/// * an unterminated quote resynchronises to the end of input;
/// * a content problem (NUL, invalid UTF-8) does not disturb the structure, so
///   the record is read to its real end (quoted newlines included) first.
/// At most one content problem is reported per record (the first); if a structural
/// problem follows it in the same record, it is reported by the next call.
///
/// Error columns are character columns (see `CSVSyntaxError`). Fields are byte
/// ranges of the file (no per-field allocation); the record's storage is reused.
///
/// Each record is first read from 64-bit masks of 64-byte blocks (`CSVBlockScan.swift`), the
/// same arithmetic for every field shape, so that ledgers mixing plain, quoted, padded and
/// empty fields at random cost no more than uniform ones; a record the masks do not read (an
/// error, a field longer than a block, the file's last bytes) is read from its start by the
/// field-by-field loop below, which defines every rule, message and position.
///
/// Example: reading `id,amount⏎1,"2,5"⏎⏎3,x"y⏎4,7⏎` yields the record `[id, amount]`
/// (line 1), `[1, 2,5]` (line 2), then throws `line 4, column 4: unexpected '"' …`
/// (line 3 is blank and skipped; `3,x` is 3 characters before the quote), then
/// yields `[4, 7]` (line 5), then returns false.
public struct CSVReader: Sendable {
    private var bytes: [UInt8]
    private var position: Int
    private var line = 1
    private var textStart: Int
    /// False while more bytes may follow `bytes` (a file read in chunks, see ``refill(_:isFinal:)``).
    private var isFinal = true
    /// A structural error found in a record that also had an earlier content
    /// error; thrown by the next call.
    private var deferred: CSVSyntaxError?

    /// A reader over the whole file `bytes` (kept, not copied; a BOM is skipped).
    ///
    /// Example: `CSVReader(bytes: Array("a,b\n".utf8))` reads one record of 2 fields.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        textStart = hasBOM ? 3 : 0
        position = textStart
    }

    /// A reader over the first chunk of a file read in pieces; ``nextIfComplete(into:)``
    /// reads records and says when it needs the next chunk.
    ///
    /// Example: `CSVReader(firstChunk: Array("a,b\nc,".utf8))` yields `[a, b]`, then asks for
    /// more: `c,` might be the start of `c,d`.
    public init(firstChunk: [UInt8]) {
        self.init(bytes: firstChunk)
        isFinal = firstChunk.isEmpty
    }

    /// A reader over a piece of a file that starts at a record boundary inside it (not at the
    /// file's start: three bytes EF BB BF there are text, not a BOM); lines are counted from 1
    /// at the piece's start. Used to read the second half of a large file on another thread.
    ///
    /// Example: for `id⏎1⏎2⏎` split after `id⏎1⏎`, `CSVReader(continuingWith: Array("2⏎".utf8))`
    /// yields `[2]` on (relative) line 1.
    public init(continuingWith firstChunk: [UInt8]) {
        self.bytes = firstChunk
        textStart = 0
        position = 0
        readAny = true
        isFinal = firstChunk.isEmpty
    }

    /// Drops the bytes already read and appends `more`; `isFinal` when nothing follows it.
    ///
    /// Records never straddle chunks: the unread tail (the start of an incomplete record)
    /// moves to the front of the new buffer, which begins at a line start.
    public mutating func refill(_ more: [UInt8], isFinal: Bool) {
        // Still at the very start of the file (nothing read, no BOM seen yet): a BOM cut by the
        // chunk boundary is recognised once its three bytes are together.
        let atFileStart = position == 0 && textStart == 0 && !readAny
        var next: [UInt8] = []
        next.reserveCapacity(bytes.count - position + more.count)
        next.append(contentsOf: bytes[position...])
        next.append(contentsOf: more)
        bytes = next
        blockCache.start = -1
        textStart = atFileStart && next.count >= 3 && next[0] == 0xEF && next[1] == 0xBB && next[2] == 0xBF ? 3 : 0
        position = textStart
        self.isFinal = isFinal
    }

    /// Whether a record or error has been read (the file's start is behind us).
    private var readAny = false

    /// True once the input ended inside a quoted field (the unterminated-quote error was read).
    ///
    /// A reader over the first part of a file cut after a line feed ends inside quotes exactly
    /// when that line feed was quoted text, not a record boundary: the cut was in the wrong place.
    public private(set) var endedInsideQuotes = false

    /// Bytes not yet read in the current chunk (how big the next chunk should at least be).
    public var unreadCount: Int { bytes.count - position }

    /// Like ``next(into:)``, but returns nil instead of reading a record that might go on
    /// in the next chunk; the caller then calls ``refill(_:isFinal:)`` and asks again.
    ///
    /// A record, error or end of input counts only when reading it stopped before the end of
    /// the buffer (or the buffer is the last): anything that touched the end is read again
    /// with more bytes, so chunking never changes a record, a line number or an error.
    public mutating func nextIfComplete(into record: inout CSVRecord) throws(CSVSyntaxError) -> Bool? {
        if isFinal { return try next(into: &record) }
        let saved = (position, line, deferred)
        do {
            let got = try next(into: &record)
            if position >= bytes.count {
                (position, line, deferred) = saved
                return nil
            }
            readAny = true
            return got
        } catch {
            if position >= bytes.count {
                (position, line, deferred) = saved
                return nil
            }
            readAny = true
            throw error
        }
    }

    /// Physical line number at which the next call starts looking (1 at the start).
    ///
    /// Example: after reading `a⏎b⏎` completely, `currentLine == 3`.
    public var currentLine: Int { line }

    /// Reads the next record into `record` (reusing its storage). Returns false at
    /// end of input. On a syntax error, throws after resynchronising (see the type's
    /// documentation); `record` is then left empty (`count == 0`).
    ///
    /// Example: on `a, b ⏎⏎"c⏎d",e` the first call fills `[a, b]` (line 1), the
    /// second `["c⏎d", e]` (line 3, endLine 4), the third returns false.
    public mutating func next(into record: inout CSVRecord) throws(CSVSyntaxError) -> Bool {
        if let error = deferred {
            deferred = nil
            record.prepare(source: [], textStart: 0)
            throw error
        }
        guard position < bytes.count else { return false }
        // The buffer is moved out of `self` while `readRecord` (mutating) reads it, and back
        // after: a move, where a copy would retain and release it once per record.
        var source: [UInt8] = []
        swap(&source, &bytes)
        record.prepare(source: source, textStart: textStart)
        let table = CSVReader.classes
        let outcome = source.withUnsafeBufferPointer { buf in
            table.withUnsafeBufferPointer { classes in
                withUnsafeTemporaryAllocation(of: CSVRecord.Field.self, capacity: FieldBatch.capacity) { slots in
                    var batch = FieldBatch(slots: slots.baseAddress!)
                    return readRecord(buf, classes, &batch, &record)
                }
            }
        }
        swap(&source, &bytes)
        switch outcome {
        case .record: return true
        case .end: return false
        case .failure(let error):
            record.fieldCount = 0
            throw error
        }
    }

    // MARK: - Implementation

    private enum Outcome {
        case record
        case end
        case failure(CSVSyntaxError)
    }

    /// Bit 0: byte ends a plain run in an unquoted field (`,` LF CR `"` NUL ≥ 0x80).
    /// Bit 1: byte ends a plain run in quoted content (`"` LF NUL ≥ 0x80).
    private static let classes: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        var c: UInt8 = 0
        if b >= 0x80 || b == 0 || b == 0x22 || b == 0x0A { c |= 3 }
        if b == 0x2C || b == 0x0D { c |= 1 }
        return c
    }

    /// Whether plain runs are skipped 8 bytes at a time (``plainRunEnd(_:_:_:_:classBit:wordAtATime:)``);
    /// false only in tests, which compare both ways of reading on tricky inputs.
    var wordAtATime = true

    /// Whether a record is first tried by 64-byte masks (``readRecordByBlocks``); false
    /// only in tests, which compare both ways of reading on tricky inputs.
    var byBlocks = true

    /// The last 64-byte block read by masks, for the next record (see ``readRecordByBlocks``);
    /// forgotten when the buffer changes.
    private var blockCache = BlockCache()

    /// Whether the three common field shapes (empty, `text,`, `"text",`) are read by their short
    /// paths; false only in tests, which compare both ways of reading on tricky inputs.
    var commonShapes = true

    /// Offset of the first byte at or after `i` (or `n`) whose class in `t` has `classBit` set.
    ///
    /// Word at a time: ``mayBeSpecial(_:)`` flags, per byte of 8, every byte below 0x2D or at
    /// least 0x80, a superset of both classes (`,` LF CR `"` NUL and ≥ 0x80 are all flagged).
    /// A word with no flagged byte is skipped whole; otherwise the first flagged byte is looked
    /// up in the table: a special byte ends the run, anything else (a space, say) is stepped over.
    /// The last < 8 bytes, and every byte when `wordAtATime` is false, go through the table.
    ///
    /// Example: in `ACC-4711,x` from 0 with class bit 1 the word `ACC-4711` has no flagged
    /// byte, the next word's first byte `,` is special: returns 8.
    @inline(__always)
    static func plainRunEnd(
        _ s: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafePointer<UInt8>,
        classBit: UInt8, wordAtATime: Bool
    ) -> Int {
        var i = i
        if wordAtATime {
            while n &- i >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(s + i).loadUnaligned(as: UInt64.self))
                let flags = mayBeSpecial(word)
                if flags == 0 {
                    i &+= 8
                    continue
                }
                i &+= flags.trailingZeroBitCount &>> 3
                if t[Int(s[i])] & classBit != 0 { return i }
                i &+= 1
            }
        }
        while i < n && t[Int(s[i])] & classBit == 0 { i &+= 1 }
        return i
    }

    /// The high bit of each byte of `word` that is below 0x2D or at least 0x80; exact per byte
    /// (no carry crosses bytes: at most 0x7F + 0x53 = 0xD2).
    ///
    /// Example: the bytes of `ab,c` then four `x`s give 0x80 in byte 2 only: `0x0000_0000_0080_0000`.
    @inline(__always)
    static func mayBeSpecial(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let high: UInt64 = 0x8080_8080_8080_8080
        // Per byte b < 0x80: b + 0x53 has its high bit set exactly when b ≥ 0x2D.
        let atLeast2D = (word & low7) &+ 0x5353_5353_5353_5353
        return (word | ~atLeast2D) & high
    }

    /// Fields of the record being read, gathered in a small stack buffer and appended to
    /// `record.fields` in bulk (one uniqueness and capacity check per record, not per field).
    struct FieldBatch {
        /// Fields held before a flush: one flush for records of up to this many fields.
        static let capacity = 32
        let slots: UnsafeMutablePointer<CSVRecord.Field>
        var count = 0

        /// Adds `field` after the ones gathered so far (flushing first when full).
        @inline(__always)
        mutating func add(_ field: CSVRecord.Field, to record: inout CSVRecord) {
            if count == FieldBatch.capacity { flush(into: &record) }
            (slots + count).initialize(to: field)
            count &+= 1
        }

        /// Appends the gathered fields after the record's, in order, and empties the batch: copied
        /// into the record's reused storage, which grows only for a record longer than any before.
        @inline(__always)
        mutating func flush(into record: inout CSVRecord) {
            guard count > 0 else { return }
            let at = record.fieldCount
            if record.fields.count < at + count {
                record.fields.append(contentsOf: repeatElement(CSVRecord.Field(start: 0, end: 0, anchor: 0, flags: 0),
                                                               count: at + count - record.fields.count))
            }
            let slots = self.slots, count = self.count
            record.fields.withUnsafeMutableBufferPointer { all in
                (all.baseAddress! + at).update(from: slots, count: count)
            }
            record.fieldCount = at + count
            self.count = 0
        }
    }

    private enum Structural {
        case strayQuote
        case textAfterQuote
        case bareCR
    }

    private mutating func readRecord(
        _ buf: UnsafeBufferPointer<UInt8>,
        _ classes: UnsafeBufferPointer<UInt8>,
        _ batch: inout FieldBatch,
        _ record: inout CSVRecord
    ) -> Outcome {
        guard let s = buf.baseAddress, let t = classes.baseAddress else { return .end }
        let n = buf.count
        var i = position
        var line = self.line
        var pending: CSVSyntaxError? = nil
        let wordAtATime = self.wordAtATime
        let commonShapes = self.commonShapes

        // Skip blank lines; a bare CR is left for the field loop to report.
        var lineStart = i
        while true {
            if i >= n {
                position = n
                self.line = line
                return .end
            }
            var j = i
            while j < n && (s[j] == CSVText.space || s[j] == CSVText.tab) { j += 1 }
            if j >= n {
                i = j
                continue
            }
            if s[j] == CSVText.lf {
                i = j + 1
                line += 1
                lineStart = i
                continue
            }
            if s[j] == CSVText.cr && j + 1 < n && s[j + 1] == CSVText.lf {
                i = j + 2
                line += 1
                lineStart = i
                continue
            }
            break
        }
        record.line = line
        record.rawStart = lineStart

        if byBlocks {
            var quotedLineFeeds = 0
            let rawEnd = CSVReader.readRecordByBlocks(
                s, n, from: i, &batch, &record, quotedLineFeeds: &quotedLineFeeds, cache: &blockCache)
            if rawEnd >= 0 {
                batch.flush(into: &record)
                record.rawEnd = rawEnd
                record.endLine = line &+ quotedLineFeeds
                position = rawEnd &+ (s[rawEnd] == CSVText.cr ? 2 : 1)
                self.line = record.endLine &+ 1
                return .record
            }
            // Not a shape the masks read: the general loop reads the record from its start.
            batch.count = 0
            record.fieldCount = 0
            record.scratch.removeAll(keepingCapacity: true)
        }

        var structural: (kind: Structural, at: Int)? = nil

        fields: while true {
            let fieldStart = i
            // Three shapes that most fields have, each read exactly as the general paths below
            // would read it but with one scan and no blank trimming; anything else (blanks, a
            // line end, a doubled quote, NUL, UTF-8) falls through to them from the same place.
            if commonShapes && i < n {
                // (A range test first: a chain of equality tests on one byte is compiled into a
                // jump table, whose indirect jump the processor mispredicts as fields vary.)
                let c = s[i]
                if c > CSVText.comma {
                    // `text,`: unquoted, nothing to trim, a comma right after.
                    let e = CSVReader.plainRunEnd(s, i, n, t, classBit: 1, wordAtATime: wordAtATime)
                    if e > i && e < n && s[e] == CSVText.comma && s[e - 1] != CSVText.space && s[e - 1] != CSVText.tab {
                        batch.add(CSVRecord.Field(start: i, end: e, anchor: i, flags: 0), to: &record)
                        i = e + 1
                        continue fields
                    }
                } else if c == CSVText.comma {
                    // An empty field followed by a comma (`,,`: most optional columns of most rows).
                    batch.add(CSVRecord.Field(start: i, end: i, anchor: i, flags: 0), to: &record)
                    i += 1
                    continue fields
                } else if c == CSVText.quote {
                    // `"text",`: quoted, no doubled quote or line feed inside, a comma right after.
                    let e = CSVReader.plainRunEnd(s, i + 1, n, t, classBit: 2, wordAtATime: wordAtATime)
                    if e + 1 < n && s[e] == CSVText.quote && s[e + 1] == CSVText.comma {
                        batch.add(CSVRecord.Field(start: i + 1, end: e, anchor: i, flags: CSVRecord.quotedFlag), to: &record)
                        i = e + 2
                        continue fields
                    }
                }
            }
            while i < n && (s[i] == CSVText.space || s[i] == CSVText.tab) { i += 1 }
            if i < n && s[i] == CSVText.quote {
                // Quoted field.
                let open = i
                let openLine = line
                i += 1
                let contentStart = i
                var segmentStart = i
                var inScratch = false
                let scratchStart = record.scratch.count
                while true {
                    i = CSVReader.plainRunEnd(s, i, n, t, classBit: 2, wordAtATime: wordAtATime)
                    if i >= n {
                        // Unterminated: resynchronise to the end of input.
                        let error = makeError(
                            buf, at: open, line: openLine,
                            message: "unterminated quoted field: expected a closing '\"' before the end of the file "
                                + "(a '\"' inside a quoted field must be doubled as \"\")")
                        position = n
                        self.line = line
                        if isFinal { endedInsideQuotes = true }
                        if let first = pending {
                            deferred = error
                            return .failure(first)
                        }
                        return .failure(error)
                    }
                    let b = s[i]
                    if b == CSVText.quote {
                        if i + 1 < n && s[i + 1] == CSVText.quote {
                            // Doubled quote: copy what we have (with one quote) to scratch.
                            record.scratch.append(
                                contentsOf: UnsafeBufferPointer(rebasing: buf[segmentStart...i]))
                            inScratch = true
                            i += 2
                            segmentStart = i
                            continue
                        }
                        break
                    } else if b == CSVText.lf {
                        line += 1
                        i += 1
                    } else if b == 0 {
                        if pending == nil { pending = nulError(buf, at: i, line: line) }
                        i += 1
                    } else {
                        let length = CSVUTF8Check.sequenceLength(s, i, n)
                        if length == 0 {
                            if pending == nil { pending = utf8Error(buf, at: i, line: line) }
                            i += 1
                        } else {
                            i += length
                        }
                    }
                }
                // s[i] is the closing quote.
                if inScratch {
                    record.scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[segmentStart..<i]))
                    batch.add(
                        CSVRecord.Field(
                            start: scratchStart, end: record.scratch.count, anchor: open,
                            flags: CSVRecord.quotedFlag | CSVRecord.scratchFlag),
                        to: &record)
                } else {
                    batch.add(
                        CSVRecord.Field(start: contentStart, end: i, anchor: open, flags: CSVRecord.quotedFlag),
                        to: &record)
                }
                i += 1
                while i < n && (s[i] == CSVText.space || s[i] == CSVText.tab) { i += 1 }
            } else {
                // Unquoted field.
                let contentStart = i
                while true {
                    i = CSVReader.plainRunEnd(s, i, n, t, classBit: 1, wordAtATime: wordAtATime)
                    if i >= n { break }
                    let b = s[i]
                    if b == CSVText.comma || b == CSVText.lf || b == CSVText.cr { break }
                    if b == CSVText.quote {
                        structural = (.strayQuote, i)
                        break fields
                    }
                    if b == 0 {
                        if pending == nil { pending = nulError(buf, at: i, line: line) }
                        i += 1
                        continue
                    }
                    let length = CSVUTF8Check.sequenceLength(s, i, n)
                    if length == 0 {
                        if pending == nil { pending = utf8Error(buf, at: i, line: line) }
                        i += 1
                    } else {
                        i += length
                    }
                }
                var end = i
                while end > contentStart && (s[end - 1] == CSVText.space || s[end - 1] == CSVText.tab) {
                    end -= 1
                }
                batch.add(
                    CSVRecord.Field(
                        start: contentStart, end: end, anchor: end > contentStart ? contentStart : fieldStart,
                        flags: 0),
                    to: &record)
            }
            // After a field: a comma, the end of the line, or the end of input.
            if i >= n {
                record.rawEnd = n
                break fields
            }
            let b = s[i]
            if b == CSVText.comma {
                i += 1
                continue fields
            }
            if b == CSVText.lf {
                record.rawEnd = i
                i += 1
                break fields
            }
            if b == CSVText.cr {
                if i + 1 < n && s[i + 1] == CSVText.lf {
                    record.rawEnd = i
                    i += 2
                    break fields
                }
                structural = (.bareCR, i)
                break fields
            }
            structural = (.textAfterQuote, i)  // only reachable after a closing quote
            break fields
        }

        if let (kind, at) = structural {
            let message: String
            switch kind {
            case .strayQuote:
                message = "unexpected '\"' inside an unquoted field: expected the whole field to be quoted, "
                    + "with inner quotes doubled (e.g. \"say \"\"hi\"\"\")"
            case .textAfterQuote:
                message = "unexpected \(describe(buf, at: at)) after the closing quote of a quoted field: "
                    + "expected ',' or the end of the line (a '\"' inside a quoted field must be doubled as \"\")"
            case .bareCR:
                message = "bare carriage return (CR, 0x0D) not followed by a line feed: "
                    + "expected LF or CRLF line ends"
            }
            let error = makeError(buf, at: at, line: line, message: message)
            // Resynchronise to the start of the next physical line.
            var k = at
            while k < n && s[k] != CSVText.lf { k += 1 }
            if k < n {
                position = k + 1
                self.line = line + 1
            } else {
                position = n
                self.line = line
            }
            if let first = pending {
                deferred = error
                return .failure(first)
            }
            return .failure(error)
        }

        batch.flush(into: &record)
        record.endLine = line
        position = i
        self.line = i > record.rawEnd ? line + 1 : line
        if let first = pending { return .failure(first) }
        return .record
    }

    private func makeError(_ buf: UnsafeBufferPointer<UInt8>, at offset: Int, line: Int, message: String)
        -> CSVSyntaxError
    {
        CSVSyntaxError(
            line: line,
            column: CSVText.characterColumn(buf, of: offset, textStart: textStart),
            message: message,
            lineText: CSVText.lineText(buf, of: offset, textStart: textStart))
    }

    private func nulError(_ buf: UnsafeBufferPointer<UInt8>, at offset: Int, line: Int) -> CSVSyntaxError {
        makeError(buf, at: offset, line: line, message: "NUL byte (0x00) in the file: expected UTF-8 text")
    }

    private func utf8Error(_ buf: UnsafeBufferPointer<UInt8>, at offset: Int, line: Int) -> CSVSyntaxError {
        makeError(buf, at: offset, line: line, message: CSVUTF8Check.problem(buf, at: offset))
    }

    /// Names the character at `offset` for a message: `'x'`, `a NUL byte` or `byte 0xFF`.
    private func describe(_ buf: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        let b = buf[offset]
        if b == 0 { return "a NUL byte (0x00)" }
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b >= 0x80, let base = buf.baseAddress {
            let length = CSVUTF8Check.sequenceLength(base, offset, buf.count)
            if length > 0 {
                let text = String(decoding: UnsafeBufferPointer(rebasing: buf[offset..<offset + length]), as: UTF8.self)
                return "'\(text)'"
            }
        }
        let digits = Array("0123456789ABCDEF")
        return "byte 0x\(digits[Int(b >> 4)])\(digits[Int(b & 0xF)])"
    }
}
