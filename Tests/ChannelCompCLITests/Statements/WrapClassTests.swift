import Testing
@testable import ChannelCompCLI

/// Table cells wrap at a space and break anywhere past 40 characters; the class is read from
/// the bytes for ASCII text and must be what the character definition gives for any text.
@Suite struct WrapClassTests {
    /// The rule in characters: longer than 40 → `long`; any whitespace → `wrap`; else none.
    static func byCharacters(_ value: String) -> String {
        if value.count > 40 { return " class=\"long\"" }
        if value.contains(where: \.isWhitespace) { return " class=\"wrap\"" }
        return ""
    }

    @Test("the class of a cell is that of its characters", arguments: [
        "", "2027-03-12", "D2703-06", "Silver 25%", "a\tb", "a\nb", "a\u{0B}b", "a\u{0C}b", "a\rb",
        "no\u{00A0}break", "em\u{2003}space", "ideographic\u{3000}space", "é", "e\u{301}",
        String(repeating: "x", count: 40), String(repeating: "x", count: 41),
        String(repeating: "é", count: 40), String(repeating: "é", count: 41),
        String(repeating: "e\u{301}", count: 30), "🇫🇷🇩🇪", String(repeating: "👍🏽", count: 41),
    ])
    func sameAsCharacters(value: String) {
        #expect(StatementHTML.wrapClass(value) == Self.byCharacters(value), "\(value.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    /// 40 `é` are 80 bytes but 40 characters: not `long`; 30 × `e` + U+0301 are 60 bytes, 30
    /// characters: not `long` either.
    @Test("length counts characters, not bytes")
    func lengthInCharacters() {
        #expect(StatementHTML.wrapClass(String(repeating: "é", count: 40)) == "")
        #expect(StatementHTML.wrapClass(String(repeating: "e\u{301}", count: 30)) == "")
        #expect(StatementHTML.wrapClass(String(repeating: "é", count: 41)) == " class=\"long\"")
    }
}
