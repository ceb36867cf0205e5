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
/// again into the bytes of its file. Here a piece's bytes are copied into one growing buffer
/// (short pieces byte by byte, with no call), and ``bytes`` is what the file gets. It is not
/// copyable: two copies would share the buffer.
///
///     var out = TextOutput()
///     out += "payout "; out.appendRepeating(0x20, count: 2); out += "1882.24"
///     out.text  // "payout   1882.24"
struct TextOutput: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    init() {
        capacity = 256
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written, as an array (for a file).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes as a string (they are always whole UTF-8: only strings and ASCII are appended).
    var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Room for `extra` more bytes: the buffer at least doubles when it grows.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let grown = max(needed, capacity * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.initialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = grown
    }

    /// Appends `n` bytes from `source`.
    @inline(__always)
    private mutating func append(_ source: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        let end = base + count
        if n <= 16 {
            for k in 0..<n { end[k] = source[k] }
        } else {
            end.initialize(from: source, count: n)
        }
        count += n
    }

    mutating func append(_ piece: String) {
        let done: Void? = piece.utf8.withContiguousStorageIfAvailable { bytes in
            if let start = bytes.baseAddress { append(start, bytes.count) }
        }
        if done == nil {
            for b in piece.utf8 { appendByte(b) }
        }
    }

    static func += (out: inout TextOutput, piece: String) { out.append(piece) }

    @inline(__always)
    private mutating func appendByte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// `count` copies of one ASCII byte (padding, rules under headings).
    mutating func appendRepeating(_ ascii: UInt8, count n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).initialize(repeating: ascii, count: n)
        count += n
    }

    /// Drops the bytes from `start` on (to rewrite the end of a line).
    mutating func removeSuffix(from start: Int) {
        count = min(count, max(0, start))
    }

    /// Drops the ASCII spaces that end the text after `start`, when those bytes are all ASCII
    /// (then each space is a character of its own); returns false, changing nothing, otherwise.
    mutating func trimTrailingASCIISpaces(after start: Int) -> Bool {
        for i in start..<count where base[i] >= 0x80 { return false }
        var end = count
        while end > start && base[end - 1] == 0x20 { end -= 1 }
        count = end
        return true
    }

    /// `text` escaped for HTML text and attribute values (the rule of ``HTML/escape(_:)``):
    /// `& < > " '` as entities, control characters other than tab, LF and CR — C0, DEL and
    /// C1 — as U+FFFD. Read byte by byte: in UTF-8 a C1 character is `C2 80`…`C2 9F`, and no
    /// other character's bytes contain an ASCII byte.
    ///
    /// `a<b & "c"` → `a&lt;b &amp; &quot;c&quot;`; `x\u{85}y` → `x\u{FFFD}y`.
    mutating func appendHTMLEscaped(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendHTMLEscaped(bytes: $0) }
        if done == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { appendHTMLEscaped(bytes: $0) }
        }
    }

    private mutating func appendHTMLEscaped(bytes text: UnsafeBufferPointer<UInt8>) {
        guard let s = text.baseAddress else { return }
        var i = 0
        var plain = 0   // start of the bytes not yet copied
        while i < text.count {
            let b = s[i]
            let replacement: StaticString
            var width = 1
            switch b {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            case 0x09, 0x0A, 0x0D: i += 1; continue
            case 0x00..<0x20, 0x7F: replacement = "\u{FFFD}"
            case 0xC2 where i + 1 < text.count && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F:
                replacement = "\u{FFFD}"; width = 2
            default: i += 1; continue
            }
            if i > plain { append(s + plain, i - plain) }
            append(replacement.utf8Start, replacement.utf8CodeUnitCount)
            i += width
            plain = i
        }
        if text.count > plain { append(s + plain, text.count - plain) }
    }
}
