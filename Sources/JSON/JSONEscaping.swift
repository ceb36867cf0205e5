/// The one JSON string escaping: what the writer puts between quotes and what parser
/// messages show of a key.
///
/// `a"b\c⏎` + U+0001 → `a\"b\\c\n\u0001`. The writer (``JSONOut/escape(_:)``) writes `\u001f`
/// and leaves DEL as it is; the parser's messages write `\u001F` and escape DEL (`\u007F`)
/// too, so that a key always reads on one visible line. The two ways are the two values of
/// ``HexCase`` and `escapeDelete`, asked for explicitly by each caller.
public enum JSONEscaping {
    /// Letter case of the hexadecimal digits in a `\uXXXX` escape.
    public enum HexCase: Sendable {
        /// `\u001f` (the writer).
        case lower
        /// `\u001F` (the parser's messages).
        case upper
    }

    /// The text with `"`, `\` and control characters escaped, without the surrounding quotes.
    ///
    /// `"Ann \"x\"\t"` (a quote pair and a tab) → `Ann \"x\"\t`; U+001F → `\u001f` (`.lower`) or
    /// `\u001F` (`.upper`); U+007F → itself, or `\u007F` with `escapeDelete`.
    public static func escaped(_ text: String, hex: HexCase, escapeDelete: Bool) -> String {
        var out: [UInt8] = []
        append(text, hex: hex, escapeDelete: escapeDelete, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``escaped(_:hex:escapeDelete:)`` of `text` to `out` as UTF-8, without making a
    /// string: a text with nothing to escape (nearly every one) is copied in one go.
    ///
    /// Every byte that needs an escape is ASCII (`"`, `\`, below 0x20, DEL), so the text is
    /// scanned byte by byte and the bytes of other characters are copied as they are.
    public static func append(_ text: String, hex: HexCase, escapeDelete: Bool, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            let delete: UInt8 = escapeDelete ? 0x7F : 0x5C  // without DEL: a second test for `\`
            var start = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C || b == delete {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                default: out.append(contentsOf: ("\\u" + hex4(UInt32(b), hex)).utf8)
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// At least four hexadecimal digits, zero-padded: 0x1F → `001F` (`.upper`) or `001f` (`.lower`).
    public static func hex4(_ value: UInt32, _ hex: HexCase) -> String {
        let text = String(value, radix: 16, uppercase: hex == .upper)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
