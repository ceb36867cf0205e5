import Testing
@testable import JSON

/// The JSON writer: key order kept, strings escaped, and what it writes parses back.
@Suite("JSON writer")
struct JSONWriterTests {
    @Test("escapes quotes, backslashes and control characters; keeps key order")
    func escaping() {
        #expect(JSONOut.escape("a\"b\\c\nd\u{1}") == "\"a\\\"b\\\\c\\nd\\u0001\"")
        let text = JSONOut.object([("z", .string("932.00")), ("a", .int(3)), ("list", .array([.bool(true), .null]))]).render()
        #expect(text == "{\n  \"z\": \"932.00\",\n  \"a\": 3,\n  \"list\": [\n    true,\n    null\n  ]\n}")
    }

    @Test("what it writes parses back to the same values")
    func roundTrip() throws {
        let name = "Ann \"the rep\" \u{7}"
        let text = JSONOut.object([("name", .string(name)), ("n", .int(-12))]).render()
        let node = try JSONParser.parse(Array(text.utf8))
        guard case .object(let members) = node.value else {
            Issue.record("not an object: \(text)")
            return
        }
        #expect(members.map(\.key) == ["name", "n"])
        #expect(members.first?.value.value == .string(name))
        #expect(members.last?.value.value == .number("-12"))
    }
}
