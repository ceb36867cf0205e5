/// One CSV record (row), filled in place by `CSVReader.next(into:)`; its storage is reused.
///
/// Fields are not copied out of the file unless they must be decoded: an unquoted
/// field, or a quoted field without doubled quotes, is a range of the reader's
/// bytes; only a quoted field holding `""` is unescaped into a scratch buffer.
///
/// Example: the line `  7 , "a,""b""" ,` read as line 2 gives `count == 3`,
/// `string(0) == "7"` (trimmed), `string(1) == "a,\"b\""` (quoted, verbatim,
/// `""` → `"`), `isEmpty(2) == true`; `column(0) == 3` (the `7`), `column(1) == 7` (the opening
/// quote), `column(2) == 18` (the empty last field starts after the comma at byte 17).
public struct CSVRecord: Sendable {
    /// Where a field's decoded bytes are: `start..<end` of the source, or of
    /// `scratch` when `inScratch`; `anchor` is the source offset of the field's
    /// start used for its column and line.
    @usableFromInline
    package struct Field: Sendable {
        @usableFromInline package var start: Int
        @usableFromInline package var end: Int
        @usableFromInline package var anchor: Int
        @usableFromInline package var flags: UInt8
    }

    @usableFromInline package static let quotedFlag: UInt8 = 1
    @usableFromInline package static let scratchFlag: UInt8 = 2

    @usableFromInline package var source: [UInt8] = []
    @usableFromInline package var scratch: [UInt8] = []
    /// The fields' storage: the record's fields are the first `fieldCount`; entries after them
    /// are left from longer records read before (the storage is reused, never shrunk).
    @usableFromInline package var fields: [Field] = []
    @usableFromInline package var fieldCount = 0
    /// Offset of the first byte after a BOM (0 or 3); columns on line 1 count from here.
    public var textStart = 0
    /// The record's raw text is `source[rawStart..<rawEnd]` (no line terminator).
    public var rawStart = 0
    public var rawEnd = 0

    /// Physical line number of the record's first byte (header = 1).
    ///
    /// Example: after a header and a blank line, the first data record has `line == 3`.
    public internal(set) var line = 0

    /// Physical line number of the record's last byte.
    ///
    /// Example: `1,"a⏎b"` starting on line 2 ends on line 3 (`endLine == 3`).
    public internal(set) var endLine = 0

    /// An empty record, ready to be filled by `CSVReader.next(into:)`.
    ///
    /// Example: `CSVRecord().count == 0`.
    public init() {}

    /// Number of fields.
    ///
    /// Example: `a,,b` has 3 fields; `a,b,` also has 3 (the last one empty).
    @inlinable
    public var count: Int { fieldCount }

    /// Field `i` (`i < count`, checked).
    @inlinable @inline(__always)
    package func field(_ i: Int) -> Field {
        precondition(i >= 0 && i < fieldCount, "field index out of range")
        return fields[i]
    }

    /// Whether field `i` (0-based, `i < count`) decodes to no bytes.
    ///
    /// Example: in `a, ,""` fields 1 (trimmed blank) and 2 (quoted empty) are empty.
    @inlinable
    public func isEmpty(_ i: Int) -> Bool {
        let f = field(i)
        return f.start == f.end
    }

    /// Whether field `i` was enclosed in quotes.
    ///
    /// Example: in `a,"b"` `isQuoted(0) == false`, `isQuoted(1) == true`.
    @inlinable
    public func isQuoted(_ i: Int) -> Bool { field(i).flags & Self.quotedFlag != 0 }

    /// The decoded text of field `i`: quotes removed, `""` → `"`, unquoted fields
    /// trimmed of spaces and tabs; allocates a `String`.
    ///
    /// Example: ` x ` → `"x"`; `" x "` → `" x "`; `"say ""hi"""` → `say "hi"`.
    public func string(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the decoded bytes of field `i` (same content as
    /// `string(i)`, valid UTF-8, no allocation). The buffer is valid only inside `body`.
    ///
    /// Example: for `12.50` the body sees the 5 bytes `31 32 2E 35 30`.
    @inlinable
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let field = field(i)
        if field.flags & Self.scratchFlag != 0 {
            return try scratch.withUnsafeBufferPointer {
                try body(UnsafeBufferPointer(rebasing: $0[field.start..<field.end]))
            }
        }
        return try source.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[field.start..<field.end]))
        }
    }

    /// All fields decoded, in order (allocates; handy for headers and tests).
    ///
    /// Example: ` a ,"b,c",` → `["a", "b,c", ""]`.
    public func strings() -> [String] {
        (0..<count).map { string($0) }
    }

    /// 1-based character column where field `i` starts on its physical line (see
    /// `fieldLine(_:)`): the opening quote of a quoted field, the first non-blank
    /// byte of an unquoted one, or, for an empty unquoted field, the byte right
    /// after the preceding comma (column 1 for the first field). Unicode scalars are
    /// counted, so `é` counts 1.
    ///
    /// Example: in `ab, "c",  d,` the columns are 1, 5, 11 and 13.
    public func column(_ i: Int) -> Int {
        source.withUnsafeBufferPointer { buf in
            CSVText.characterColumn(buf, of: field(i).anchor, textStart: textStart)
        }
    }

    /// Physical line where field `i` starts (differs from `line` after a quoted newline).
    ///
    /// Example: `"a⏎b",c` read at line 4: `fieldLine(0) == 4`, `fieldLine(1) == 5`.
    public func fieldLine(_ i: Int) -> Int {
        source.withUnsafeBufferPointer { buf in
            var newlines = 0
            var k = rawStart
            let anchor = field(i).anchor
            while k < anchor {
                if buf[k] == CSVText.lf { newlines += 1 }
                k += 1
            }
            return line + newlines
        }
    }

    /// Calls `body` with the bytes of ``rawText`` (no allocation; valid only inside `body`).
    ///
    /// Example: the line `  a ,"b"⏎` gives the 8 bytes of `  a ,"b"`.
    public func withRawBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        source.withUnsafeBufferPointer { buf in
            let end = min(max(rawEnd, 0), buf.count)
            let start = min(max(rawStart, 0), end)
            return body(UnsafeBufferPointer(rebasing: buf[start..<end]))
        }
    }

    /// The record's physical text without its line terminator (quoted newlines
    /// kept verbatim), for quoting the offending row in an error.
    ///
    /// Example: the line `  a ,"b"⏎` (CRLF-terminated) gives `"  a ,\"b\""`.
    public var rawText: String {
        source.withUnsafeBufferPointer { buf in
            // After a syntax error the record may be half-filled: clamp, never trap.
            let end = min(max(rawEnd, 0), buf.count)
            let start = min(max(rawStart, 0), end)
            return String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
        }
    }

    /// Whether `a` and `b` are the same bytes: equal counts and the same first-byte address
    /// (two live arrays with elements never share an address; empty arrays hold the same nothing).
    ///
    /// Example: `sameBuffer(x, x)` is true; for `x = [1]`, `y = [1]` (built separately) it is false.
    @inline(__always)
    static func sameBuffer(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
    }

    /// Empties the record for reuse, keeping capacity, and points it at `source`.
    @inline(__always)
    public mutating func prepare(source: [UInt8], textStart: Int) {
        // Reading record after record of one buffer: keep it rather than retain it anew.
        if !CSVRecord.sameBuffer(self.source, source) { self.source = source }
        self.textStart = textStart
        scratch.removeAll(keepingCapacity: true)
        fieldCount = 0
        rawStart = 0
        rawEnd = 0
        line = 0
        endLine = 0
    }
}

/// Byte constants and slow-path text helpers shared by the CSV reader and record.
public enum CSVText {
    public static let lf: UInt8 = 0x0A
    public static let cr: UInt8 = 0x0D
    public static let quote: UInt8 = 0x22
    public static let comma: UInt8 = 0x2C
    public static let space: UInt8 = 0x20
    public static let tab: UInt8 = 0x09

    /// Start offset of the physical line holding `offset`.
    ///
    /// Example: in `ab⏎cd`, offset 4 (`d`) is on the line starting at offset 3.
    public static func lineStart(_ buf: UnsafeBufferPointer<UInt8>, of offset: Int, textStart: Int) -> Int {
        var k = min(offset, buf.count)
        while k > textStart && buf[k - 1] != lf { k -= 1 }
        return k
    }

    /// 1-based character column of byte `offset`: 1 + the number of Unicode
    /// scalars (non-continuation bytes) between the line start and `offset`.
    ///
    /// Example: in `é,x` (bytes C3 A9 2C 78) `x` at offset 3 is column 3.
    public static func characterColumn(_ buf: UnsafeBufferPointer<UInt8>, of offset: Int, textStart: Int) -> Int {
        let start = lineStart(buf, of: offset, textStart: textStart)
        var column = 1
        var k = start
        let end = min(offset, buf.count)
        while k < end {
            if buf[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return column
    }

    /// The physical line holding `offset`, without its LF or CRLF, decoded lossily.
    ///
    /// Example: in `a⏎b"c⏎` offset 3 gives `b"c`.
    public static func lineText(_ buf: UnsafeBufferPointer<UInt8>, of offset: Int, textStart: Int) -> String {
        let start = lineStart(buf, of: offset, textStart: textStart)
        var end = min(offset, buf.count)
        while end < buf.count && buf[end] != lf { end += 1 }
        if end < buf.count && end > start && buf[end - 1] == cr { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
    }
}
