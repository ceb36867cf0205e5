import Testing
@testable import JSON

/// The one JSON string escaping and its two callers: the writer (lowercase hex, DEL kept) and
/// the parser's messages (uppercase hex, DEL escaped, keys cut at 40 characters).
@Suite("JSON escaping")
struct JSONEscapingTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let text: String
        let hex: JSONEscaping.HexCase
        let escapeDelete: Bool
        let expected: String
        var testDescription: String { "\(hex) delete=\(escapeDelete): \(expected)" }
    }

    static let vectors: [Vector] = [
        Vector(text: "plain é €", hex: .lower, escapeDelete: false, expected: "plain é €"),
        Vector(text: "a\"b\\c", hex: .upper, escapeDelete: true, expected: #"a\"b\\c"#),
        Vector(text: "\n\r\t", hex: .lower, escapeDelete: false, expected: #"\n\r\t"#),
        Vector(text: "\u{0}\u{1F}", hex: .lower, escapeDelete: false, expected: #"\u0000\u001f"#),
        Vector(text: "\u{0}\u{1F}", hex: .upper, escapeDelete: true, expected: #"\u0000\u001F"#),
        Vector(text: "\u{1B}", hex: .upper, escapeDelete: false, expected: #"\u001B"#),
        Vector(text: "x\u{7F}", hex: .lower, escapeDelete: false, expected: "x\u{7F}"),
        Vector(text: "x\u{7F}", hex: .upper, escapeDelete: true, expected: #"x\u007F"#),
        Vector(text: "x\u{7F}", hex: .lower, escapeDelete: true, expected: #"x\u007f"#),
        // Above DEL nothing is escaped (C1 controls included).
        Vector(text: "\u{80}\u{9F}", hex: .upper, escapeDelete: true, expected: "\u{80}\u{9F}"),
    ]

    @Test(arguments: vectors)
    func escapes(_ v: Vector) {
        #expect(JSONEscaping.escaped(v.text, hex: v.hex, escapeDelete: v.escapeDelete) == v.expected)
    }

    @Test("the writer: lowercase hex, DEL written as it is")
    func writer() {
        #expect(JSONOut.escape("k\u{1F}\u{7F}\"") == "\"k\\u001f\u{7F}\\\"\"")
        #expect(JSONOut.object([("\u{1A}", .string("\u{7F}"))]).render() == "{\n  \"\\u001a\": \"\u{7F}\"\n}")
    }

    @Test("the parser's messages: uppercase hex, DEL escaped, key cut at 40 characters")
    func parserMessages() {
        #expect(throws: JSONSyntaxError(location: JSONLocation(line: 1, column: 24),
                                        message: #"duplicate key "k\u001F\u007F\"": this object already has it at line 1, column 2"#)) {
            try JSONParser.parse(Array(#"{"k\u001f\u007f\"": 1, "k\u001f\u007f\"": 2}"#.utf8))
        }
        let long = String(repeating: "a", count: 38) + "\\u001f"
        #expect(throws: JSONSyntaxError(location: JSONLocation(line: 1, column: 53),
                                        message: "duplicate key \"" + String(repeating: "a", count: 38) + "\\u…\": this object already has it at line 1, column 2")) {
            try JSONParser.parse(Array("{\"\(long)\": 1, \"\(long)\": 2}".utf8))
        }
    }
}
