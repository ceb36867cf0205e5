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
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (escapeDelete && scalar.value == 0x7F) {
                    out += "\\u" + hex4(scalar.value, hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// At least four hexadecimal digits, zero-padded: 0x1F → `001F` (`.upper`) or `001f` (`.lower`).
    public static func hex4(_ value: UInt32, _ hex: HexCase) -> String {
        let text = String(value, radix: 16, uppercase: hex == .upper)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
