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

    @Test("a generated array is written exactly as the array of its items; empty ones as []")
    func generatedArray() {
        let items: [JSONOut] = [.int(1), .object([("k", .string("v\n"))]), .array([]), .null]
        for count in 0...items.count {
            let made = JSONOut.object([("list", .generated(count: count) { items[$0] }), ("after", .bool(false))]).render()
            let listed = JSONOut.object([("list", .array(Array(items[0..<count]))), ("after", .bool(false))]).render()
            #expect(made == listed, "count \(count)")
        }
        // Worked example: two items, nested one level.
        #expect(JSONOut.object([("l", .generated(count: 2) { .int($0 * 10) })]).render() == "{\n  \"l\": [\n    0,\n    10\n  ]\n}")
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
