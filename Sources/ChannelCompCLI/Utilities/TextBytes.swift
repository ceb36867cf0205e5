extension String {
    /// Whether every UTF-8 byte of the string passes `test`, read from the string's own storage
    /// in one loop (`utf8.allSatisfy` steps a view index per byte, several times slower; the
    /// statements test millions of short texts this way).
    ///
    /// Example: `"A-1030".allBytes { $0 < 0x80 }` is true; `"Müller".allBytes { $0 < 0x80 }` false.
    @inline(__always)
    func allBytes(_ test: (UInt8) -> Bool) -> Bool {
        if let all = utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            for b in bytes where !test(b) { return false }
            return true
        }) {
            return all
        }
        return utf8.allSatisfy(test)
    }
}

/// Text written straight as UTF-8 bytes: what statements and traces are rendered into.
///
/// A statement is tens of thousands of short pieces (cells, tags, padding); appending each to a
/// `String` re-checks its flags and capacity every time, and the finished text was copied
/// again into the bytes of its file. Appending here copies the piece's bytes and nothing else,
/// and ``bytes`` is what the file gets.
///
///     var out = TextOutput()
///     out += "payout "; out.appendRepeating(0x20, count: 2); out += "1882.24"
///     out.text  // "payout   1882.24"
struct TextOutput {
    private(set) var bytes: [UInt8] = []

    init() {}

    /// The bytes as a string (they are always whole UTF-8: only strings and ASCII are appended).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Bytes written so far.
    var count: Int { bytes.count }

    mutating func append(_ piece: String) {
        if piece.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: piece.utf8)
        }
    }

    static func += (out: inout TextOutput, piece: String) { out.append(piece) }

    /// `count` copies of one ASCII byte (padding, rules under headings).
    mutating func appendRepeating(_ ascii: UInt8, count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(ascii, count: count)) }
    }

    /// Drops the bytes from `start` on (to rewrite the end of a line).
    mutating func removeSuffix(from start: Int) {
        bytes.removeSubrange(start...)
    }

    /// Drops the ASCII spaces that end the text after `start`, when those bytes are all ASCII
    /// (then each space is a character of its own); returns false, changing nothing, otherwise.
    mutating func trimTrailingASCIISpaces(after start: Int) -> Bool {
        for i in start..<bytes.count where bytes[i] >= 0x80 { return false }
        var end = bytes.count
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        bytes.removeSubrange(end...)
        return true
    }

    /// `text` escaped for HTML text and attribute values (the rule of ``HTML/escape(_:)``):
    /// `& < > " '` as entities, control characters other than tab, LF and CR — C0, DEL and
    /// C1 — as U+FFFD. Read byte by byte: in UTF-8 a C1 character is `C2 80`…`C2 9F`, and no
    /// other character's bytes contain an ASCII byte.
    ///
    /// `a<b & "c"` → `a&lt;b &amp; &quot;c&quot;`; `x\u{85}y` → `x\u{FFFD}y`.
    mutating func appendHTMLEscaped(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ appendHTMLEscaped(bytes: $0) }) == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { appendHTMLEscaped(bytes: $0) }
        }
    }

    private mutating func appendHTMLEscaped(bytes text: UnsafeBufferPointer<UInt8>) {
        var i = 0
        var plain = 0   // start of the bytes not yet copied
        func flush(_ end: Int, _ out: inout [UInt8]) {
            if end > plain { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[plain..<end])) }
        }
        while i < text.count {
            let b = text[i]
            let replacement: StaticString?
            var width = 1
            switch b {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            case 0x09, 0x0A, 0x0D: replacement = nil
            case 0x00..<0x20, 0x7F: replacement = "\u{FFFD}"
            case 0xC2 where i + 1 < text.count && text[i + 1] >= 0x80 && text[i + 1] <= 0x9F:
                replacement = "\u{FFFD}"; width = 2
            default: replacement = nil
            }
            if let replacement {
                flush(i, &bytes)
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                i += width
                plain = i
            } else {
                i += 1
            }
        }
        flush(text.count, &bytes)
    }
}
