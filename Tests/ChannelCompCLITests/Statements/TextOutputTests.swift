import Testing
@testable import ChannelCompCLI

/// Statements are written as bytes (``TextOutput``); escaping and trimming there are byte by
/// byte, and must give what the definitions give character by character.
@Suite struct TextOutputTests {
    /// HTML escaping by Unicode scalars (the definition): `& < > " '` as entities; control
    /// characters other than tab, LF and CR (C0, DEL, C1) as U+FFFD; everything else kept.
    static func escapedByScalars(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = s.value
                if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (v >= 0x7F && v < 0xA0) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }

    @Test("HTML escaping byte by byte equals escaping by scalars: every scalar up to U+07FF and beyond, alone and in text")
    func escapingMatchesTheDefinition() {
        var samples = ["", "plain D2703-06", "<script>alert(\"x\") & 'y'</script>", "Zoë\u{85}Ng", "a\u{C2}b",
                       "\u{C2}\u{80}", "é\u{9F}", "tab\tline\nCR\r", "\u{7F}\u{80}\u{A0}", "東京 & 🇫🇷", "\u{202E}rtl"]
        // Every scalar up to U+07FF (all two-byte sequences, C1 among them) and some above.
        let scalars = (0...0x7FF).compactMap(Unicode.Scalar.init) + [0x2028, 0x202E, 0xFFFD, 0x1F44D].compactMap(Unicode.Scalar.init)
        for s in scalars { samples.append("x" + String(Character(s)) + "y"); samples.append(String(Character(s))) }
        // Pseudo-random mixes of the awkward ones (a fixed generator: the same strings every run).
        var state: UInt64 = 0x2545F4914F6CDD1D
        let pool: [Character] = ["a", "&", "<", "\"", "'", "\u{85}", "\u{C2}", "é", "\u{0}", "\u{1F}", "\t", "€", "👍🏽"]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<12 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(pool[Int(state >> 33) % pool.count])
            }
            samples.append(text)
        }
        for text in samples {
            var out = TextOutput()
            out.appendHTMLEscaped(text)
            #expect(out.text == Self.escapedByScalars(text), "\(Array(text.unicodeScalars.map(\.value)))")
            #expect(HTML.escape(text) == Self.escapedByScalars(text))
        }
    }

    /// `"payout  1882.24   "` trimmed after 0 → `"payout  1882.24"`; a line with `é` is left to
    /// the character rule (false, unchanged).
    @Test("trailing spaces are dropped from ASCII text only; repeated bytes and pieces append as written")
    func trimmingAndAppending() {
        var out = TextOutput()
        out += "head\n"
        let start = out.count
        out += "payout"
        out.appendRepeating(0x20, count: 2)
        out += "1882.24"
        out.appendRepeating(0x20, count: 3)
        out.appendRepeating(0x20, count: 0)
        let trimmed = out.trimTrailingASCIISpaces(after: start)
        #expect(trimmed)
        #expect(out.text == "head\npayout  1882.24")
        out += " é "
        let trimmedAgain = out.trimTrailingASCIISpaces(after: start)
        #expect(!trimmedAgain)
        #expect(out.text == "head\npayout  1882.24 é ")
        out.removeSuffix(from: start)
        #expect(out.text == "head\n")
        #expect(out.bytes == Array("head\n".utf8))
    }

    /// The characters a plain-text statement replaces (the definition, by scalar): C0, DEL, C1,
    /// and the line/paragraph separators and bidirectional marks, overrides and isolates.
    static func replacedInText(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    @Test("plain text: the byte test for 'nothing to replace' agrees with the scalar definition for every scalar to U+20FF and beyond")
    func plainTextCleanTest() {
        var samples = ["", "N = L − D: 5600.00 − 1960.00", "payout › earned", "Zoë Ng", "東京", "a\u{202E}b", "x\u{85}",
                       "\u{2028}", "\u{2067}", "\u{200F}", "\u{061C}", "\u{2030}", "\u{2065}", "\u{206A}", "\u{200D}"]
        let scalars = (0...0x20FF).compactMap(Unicode.Scalar.init) + [0x3000, 0xFEFF, 0xFFFD, 0x1F44D].compactMap(Unicode.Scalar.init)
        for s in scalars { samples.append("a" + String(Character(s))); samples.append(String(Character(s)) + "z") }
        for text in samples {
            let expected = !text.unicodeScalars.contains(where: Self.replacedInText)
            #expect(PlainText.isClean(text) == expected, "\(Array(text.unicodeScalars.map(\.value)))")
            let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { Self.replacedInText($0) ? "\u{FFFD}" : $0 }))
            #expect(PlainText.clean(text) == cleaned)
        }
    }
}
