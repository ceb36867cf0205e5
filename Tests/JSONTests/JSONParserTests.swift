import Testing
@testable import JSON

// MARK: - Helpers

private func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
    try JSONParser.parse(Array(text.utf8))
}

/// Compact JSON of a node: members in document order, numbers verbatim,
/// strings with `"`, `\` and control characters escaped.
private func canonical(_ node: JSONNode) -> String {
    switch node.value {
    case .object(let members):
        return "{" + members.map { quoted($0.key) + ":" + canonical($0.value) }.joined(separator: ",") + "}"
    case .array(let elements):
        return "[" + elements.map(canonical).joined(separator: ",") + "]"
    case .string(let text): return quoted(text)
    case .number(let text): return text
    case .bool(let flag): return flag ? "true" : "false"
    case .null: return "null"
    }
}

private func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        default:
            if scalar.value < 0x20 {
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Every node and key in document order as `kind@line:column`
/// (keys as `key name@line:column`).
private func locations(_ node: JSONNode) -> [String] {
    var out = ["\(node.kindName)@\(node.location)"]
    switch node.value {
    case .object(let members):
        for member in members {
            out.append("key \(member.key)@\(member.keyLocation)")
            out += locations(member.value)
        }
    case .array(let elements):
        for element in elements { out += locations(element) }
    default:
        break
    }
    return out
}

// MARK: - Valid documents

struct JSONValidDocumentTests {
    static let documents: [(document: String, canonical: String)] = [
        ("{}", "{}"),
        (" [ ] ", "[]"),
        ("\r\n\t {}\n", "{}"),
        ("0", "0"),
        ("true", "true"),
        ("false", "false"),
        ("null", "null"),
        (#""plain""#, #""plain""#),
        // Numbers are kept exactly as written, never converted.
        ("[0, -0, 12, -1e3, 0.35, 1E+2, 1e-07, 2.50, 123456789012345678901234567890]",
         "[0,-0,12,-1e3,0.35,1E+2,1e-07,2.50,123456789012345678901234567890]"),
        // Members keep document order, not sorted order.
        (#"{"b": 1, "a": 2}"#, #"{"b":1,"a":2}"#),
        (#"{"a": [1, {"b": null}], "c": "x"}"#, #"{"a":[1,{"b":null}],"c":"x"}"#),
        // The same key in two different objects is fine.
        (#"[{"a": 1}, {"a": 2}]"#, #"[{"a":1},{"a":2}]"#),
        // A byte order mark at the start is skipped.
        ("\u{FEFF}{\"a\": 1}", #"{"a":1}"#),
        // Keys are decoded like strings: "\u0061" is "a".
        (#"{"\u0061b": true}"#, #"{"ab":true}"#),
        (#"[[], {}, [[]], "", 0]"#, #"[[],{},[[]],"",0]"#),
    ]

    @Test(arguments: documents)
    func parsesToCanonicalForm(document: String, canonical expected: String) throws {
        let node = try parse(document)
        #expect(canonical(node) == expected, "document: \(document)")
    }

    static let strings: [(json: String, decoded: String)] = [
        (#""""#, ""),
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u00e9\u00C9""#, "éÉ"),
        (#""\u20AC 5""#, "€ 5"),
        // Surrogate pair D83D DE00 = 0x10000 + (0x3D << 10) + 0x200 = U+1F600.
        (#""\uD83D\uDE00""#, "😀"),
        // Highest pair DBFF DFFF = 0x10000 + (0x3FF << 10) + 0x3FF = U+10FFFF.
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
        (#""\u0000""#, "\u{0}"),
        ("\"😀 é ✓\"", "😀 é ✓"),
        (#""a\/b""#, "a/b"),
        ("\"\u{7F}\"", "\u{7F}"),  // DEL is not a control character in JSON
    ]

    @Test(arguments: strings)
    func decodesStrings(json: String, decoded: String) throws {
        let node = try parse(json)
        #expect(node.stringValue == decoded, "json: \(json)")
        // Compare scalars too: Swift's == would equate canonically equivalent text.
        #expect(node.stringValue.map { Array($0.unicodeScalars) } == Array(decoded.unicodeScalars), "json: \(json)")
    }

    static let located: [(document: String, expected: [String])] = [
        // Line 3 is `  "tiers": [ 1, true ]`: '"' at 3, '[' at 12, '1' at 14, 't' at 17.
        ("{\n  \"name\": \"x\",\n  \"tiers\": [ 1, true ]\n}",
         ["object@1:1", "key name@2:3", "string@2:11", "key tiers@3:3", "array@3:12", "number@3:14",
          "true/false@3:17"]),
        // Columns count scalars: { " é " : ␠ " ü " , ␠ " k " : ␠ 1 → the 1 is column 17 (byte 19).
        (#"{"é": "ü", "k": 1}"#,
         ["object@1:1", "key é@1:2", "string@1:7", "key k@1:12", "number@1:17"]),
        // CRLF is one line break.
        ("{\r\n\"a\": 1\r\n}", ["object@1:1", "key a@2:1", "number@2:6"]),
        // A lone CR is a line break too.
        ("[\r1]", ["array@1:1", "number@2:1"]),
        // The BOM takes no column.
        ("\u{FEFF}[1]", ["array@1:1", "number@1:2"]),
        // A tab is one column.
        ("[\t-5]", ["array@1:1", "number@1:3"]),
        // Escapes count as written: "\u00e9" is 8 columns, so ',' is 10 and null 12.
        (#"["\u00e9", null]"#, ["array@1:1", "string@1:2", "null@1:12"]),
    ]

    @Test(arguments: located)
    func recordsLocations(document: String, expected: [String]) throws {
        let node = try parse(document)
        #expect(locations(node) == expected, "document: \(document.debugDescription)")
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        // 512 nested arrays are allowed by default.
        let document = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        let node = try parse(document)
        var depth = 0
        var current: JSONNode? = node
        while let elements = current?.arrayElements {
            depth += 1
            current = elements.first
        }
        #expect(depth == 512)
    }

    @Test func parsesALongSingleLineDocument() throws {
        // 20 000 elements "1," on one line: element i (0-based) starts at column 2 + 2i.
        let count = 20_000
        let document = "[" + Array(repeating: "1", count: count).joined(separator: ",") + "]"
        let node = try parse(document)
        let elements = try #require(node.arrayElements)
        #expect(elements.count == count)
        #expect(elements.last?.location == JSONLocation(line: 1, column: 2 + 2 * (count - 1)))
    }

    @Test func parsesTheSpecPlanExample() throws {
        let plan = """
            {
              "name": "FY2027 channel-neutral",
              "currency": "USD",
              "clawback_days": 90,
              "price_book": {
                "SEAT": { "mode": "graduated",
                          "tiers": [ { "up_to": "100", "unit_price": "40.00" },
                                     { "up_to": null,  "unit_price": "32.00" } ] }
              },
              "partners": {
                "trailing_months": 12,
                "levels": [
                  { "name": "Bronze", "min_trailing_list": "0",       "discount": "20%" },
                  { "name": "Silver", "min_trailing_list": "250000",  "discount": "25%" },
                  { "name": "Gold",   "min_trailing_list": "1000000", "discount": "30%" }
                ]
              },
              "roles": { "direct_rep": { "direct_deals": { "credit": "named" }, "cap": "400000" } }
            }
            """
        let root = try parse(plan)
        #expect(root.objectMembers?.map(\.key) == ["name", "currency", "clawback_days", "price_book", "partners", "roles"])
        #expect(root.member("clawback_days")?.numberText == "90")
        let levels = try #require(root.member("partners")?.member("levels")?.arrayElements)
        #expect(levels.map { $0.member("discount")?.stringValue } == ["20%", "25%", "30%"])
        // Line 15 is the Gold level; its '{' is at column 7.
        #expect(levels[2].location == JSONLocation(line: 15, column: 7))
        let tiers = try #require(root.member("price_book")?.member("SEAT")?.member("tiers")?.arrayElements)
        #expect(tiers[1].member("up_to")?.isNull == true)
        #expect(root.member("roles")?.member("direct_rep")?.member("cap")?.stringValue == "400000")
        #expect(root.member("missing") == nil)
    }
}

// MARK: - Invalid documents

struct JSONInvalidDocumentTests {
    struct Case: Sendable, CustomStringConvertible {
        let bytes: [UInt8]
        let line: Int
        let column: Int
        let message: String
        var description: String { String(decoding: bytes, as: UTF8.self).debugDescription }

        init(_ text: String, _ line: Int, _ column: Int, _ message: String) {
            self.init(bytes: Array(text.utf8), line, column, message)
        }

        init(bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
            self.bytes = bytes
            self.line = line
            self.column = column
            self.message = message
        }
    }

    static let cases: [Case] = [
        // Structure
        Case("", 1, 1, "expected a JSON value; found end of input"),
        Case("   \n  ", 2, 3, "expected a JSON value; found end of input"),
        Case("]", 1, 1, "expected a JSON value; found ']'"),
        Case(#"{"a": 1} x"#, 1, 10, "expected end of input after the top-level value; found 'x'"),
        Case("[1] [2]", 1, 5, "expected end of input after the top-level value; found '['"),
        Case(#"{"a":1}}"#, 1, 8, "expected end of input after the top-level value; found '}'"),
        Case("[1 2]", 1, 4, "expected ',' or ']' after an array element; found '2'"),
        Case(#"{"a": 1 "b": 2}"#, 1, 9, #"expected ',' or '}' after the value of key "a"; found '"'"#),
        Case(#"{"a" 1}"#, 1, 6, #"expected ':' after key "a"; found '1'"#),
        Case(#"{"a": }"#, 1, 7, #"expected a value for key "a"; found '}'"#),
        Case(#"{"é": x}"#, 1, 7, #"expected a value for key "é"; found 'x'"#),
        Case("[1,,2]", 1, 4, "expected a value after ','; found ','"),
        Case("{,}", 1, 2, "expected a string key or '}'; found ','"),
        Case(#"{"a": 1, 2}"#, 1, 10, "expected a string key after ','; found '2'"),
        Case("{a: 1}", 1, 2, "expected a string key or '}'; found 'a' (keys must be strings in double quotes)"),
        Case("[1, 2", 1, 6,
             "expected ',' or ']' after an array element; found end of input; the '[' at line 1, column 1 is never closed"),
        // EOF after `{"a": [1, {"b": ` is column 17; the innermost open '{' is column 11.
        Case(#"{"a": [1, {"b": "#, 1, 17,
             #"expected a value for key "b"; found end of input; the '{' at line 1, column 11 is never closed"#),
        Case("{\n  \"a\": [1]\n", 3, 1,
             #"expected ',' or '}' after the value of key "a"; found end of input; the '{' at line 1, column 1 is never closed"#),
        Case("[", 1, 2, "expected a value or ']'; found end of input; the '[' at line 1, column 1 is never closed"),

        // Habits from JavaScript and friends
        Case(#"{"rate": NaN}"#, 1, 10, #"NaN is not valid JSON; write amounts and rates as strings like "35%""#),
        Case("[Infinity]", 1, 2, #"Infinity is not valid JSON; write amounts and rates as strings like "35%""#),
        Case("[-Infinity]", 1, 2, #"-Infinity is not valid JSON; write amounts and rates as strings like "35%""#),
        Case("[+Infinity]", 1, 2, #"+Infinity is not valid JSON; write amounts and rates as strings like "35%""#),
        Case("[1,]", 1, 3, "trailing comma before ']': JSON does not allow a ',' after the last element"),
        Case("{\"a\": 1,\n}", 1, 8, "trailing comma before '}': JSON does not allow a ',' after the last member"),
        Case("// plan\n{}", 1, 1, "comments are not allowed in JSON"),
        Case(#"{"a": 1 /* one */}"#, 1, 9, "comments are not allowed in JSON"),
        Case("[1, /* two */ 2]", 1, 5, "comments are not allowed in JSON"),
        Case("{'a': 1}", 1, 2, #"single quotes are not valid JSON; use double quotes "...""#),
        Case(#"{"a": 'x'}"#, 1, 7, #"single quotes are not valid JSON; use double quotes "...""#),
        Case("{“a”: 1}", 1, 2,
             #"expected a string key or '}'; found '“' (U+201C), a typographic quote; JSON strings use straight double quotes "...""#),
        Case("[True]", 1, 2, "expected a value or ']'; found 'True' (JSON literals are lowercase: true, false, null)"),
        Case("[NULL]", 1, 2, "expected a value or ']'; found 'NULL' (JSON literals are lowercase: true, false, null)"),
        Case("[nul]", 1, 2, "expected a value or ']'; found 'nul'"),
        Case("[truex]", 1, 2, "expected a value or ']'; found 'truex'"),
        Case("[1, undefined]", 1, 5, "expected a value after ','; found 'undefined'"),

        // Numbers
        Case("[01]", 1, 2, "invalid number '01': leading zeros are not allowed"),
        Case("[-007]", 1, 2, "invalid number '-007': leading zeros are not allowed"),
        Case("[+1]", 1, 2, "invalid number '+1': a JSON number cannot start with '+'"),
        Case("[.5]", 1, 2, "invalid number '.5': a JSON number needs a digit before '.' (write 0.5, not .5)"),
        Case("[1.]", 1, 2, "invalid number '1.': expected a digit after '.'"),
        Case("[1.e5]", 1, 2, "invalid number '1.e5': expected a digit after '.'"),
        Case("[1e]", 1, 2, "invalid number '1e': expected a digit in the exponent"),
        Case("[1e+]", 1, 2, "invalid number '1e+': expected a digit in the exponent"),
        Case("[-]", 1, 2, "invalid number '-': expected a digit after '-'"),
        Case("[- 1]", 1, 2, "invalid number '-': expected a digit after '-'"),
        Case("[0x1F]", 1, 2, "invalid number '0x1F': unexpected 'x'"),
        Case("[1.5.3]", 1, 2, "invalid number '1.5.3': unexpected '.'"),
        Case("12abc", 1, 1, "invalid number '12abc': unexpected 'a'"),

        // Strings
        Case(#""abc"#, 1, 1, #"unterminated string: missing closing '"'"#),
        Case(#"["abc\"#, 1, 2, #"unterminated string: missing closing '"'"#),
        Case("{\"a\": \"abc\n}", 1, 7,
             #"unterminated string: line break before the closing '"' (write \n for a line break inside a string)"#),
        Case("[\"a\tb\"]", 1, 4, #"tab character inside a string; write it as \t"#),
        Case("[\"\u{1}\"]", 1, 3, #"control character U+0001 inside a string; write it as \u0001"#),
        Case(#"["\x"]"#, 1, 3, #"invalid escape '\x' in a string; JSON allows \" \\ \/ \b \f \n \r \t and \uXXXX"#),
        Case(#"["ok", "\'"]"#, 1, 9, #"invalid escape '\'' in a string; JSON allows \" \\ \/ \b \f \n \r \t and \uXXXX"#),
        Case(#"["\u12G4"]"#, 1, 3, #"invalid escape '\u12G4' in a string: \u needs four hexadecimal digits"#),
        Case(#"["\u12"]"#, 1, 3, #"invalid escape '\u12' in a string: \u needs four hexadecimal digits"#),
        Case(#"["\uD83D"]"#, 1, 3,
             #"lone surrogate '\uD83D' in a string: a high surrogate must be followed by a low surrogate \uDC00-\uDFFF"#),
        Case(#"["\uD83Dx"]"#, 1, 3,
             #"lone surrogate '\uD83D' in a string: a high surrogate must be followed by a low surrogate \uDC00-\uDFFF"#),
        Case(#"["\uD83D\u0041"]"#, 1, 3,
             #"lone surrogate '\uD83D' in a string: a high surrogate must be followed by a low surrogate \uDC00-\uDFFF"#),
        Case(#"["\uD83D\uD83D"]"#, 1, 3,
             #"lone surrogate '\uD83D' in a string: a high surrogate must be followed by a low surrogate \uDC00-\uDFFF"#),
        Case(#"["\uDE00"]"#, 1, 3,
             #"lone surrogate '\uDE00' in a string: a low surrogate must follow a high surrogate \uD800-\uDBFF"#),
        Case(#"{"a": 1, "a": 2}"#, 1, 10, #"duplicate key "a": this object already has it at line 1, column 2"#),
        Case("{\n  \"cap\": \"1\",\n  \"cap\": \"2\"\n}", 3, 3,
             #"duplicate key "cap": this object already has it at line 2, column 3"#),
        // "\u0061" decodes to "a", so it is the same key.
        Case(#"{"a": 1, "\u0061": 2}"#, 1, 10, #"duplicate key "a": this object already has it at line 1, column 2"#),
        Case(#"[{"x": {"k": 1, "k": 2}}]"#, 1, 17, #"duplicate key "k": this object already has it at line 1, column 9"#),

        // UTF-8
        Case(bytes: [0x5B, 0x22, 0xFF, 0x22, 0x5D], 1, 3,
             "invalid UTF-8 byte 0xFF in a string; the file must be UTF-8 encoded"),
        // Overlong encoding of NUL.
        Case(bytes: [0x22, 0xC0, 0x80, 0x22], 1, 2, "invalid UTF-8 byte 0xC0 in a string; the file must be UTF-8 encoded"),
        // ED A0 80 would encode the surrogate U+D800.
        Case(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], 1, 2,
             "invalid UTF-8 byte 0xED in a string; the file must be UTF-8 encoded"),
        // F4 90 80 80 would be U+110000, above the last scalar.
        Case(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1, 2,
             "invalid UTF-8 byte 0xF4 in a string; the file must be UTF-8 encoded"),
        // A truncated euro sign (E2 82 AC) followed by the closing quote.
        Case(bytes: [0x22, 0x61, 0xE2, 0x82, 0x22], 1, 3,
             "invalid UTF-8 byte 0xE2 in a string; the file must be UTF-8 encoded"),
        // A stray continuation byte.
        Case(bytes: [0x22, 0x80, 0x22], 1, 2, "invalid UTF-8 byte 0x80 in a string; the file must be UTF-8 encoded"),
        Case(bytes: [0x5B, 0xFF, 0x5D], 1, 2, "expected a value or ']'; found invalid UTF-8 byte 0xFF"),
        Case("[\u{0}]", 1, 2, "expected a value or ']'; found control character U+0000"),
        Case("[1, \u{FEFF}2]", 1, 5, "expected a value after ','; found '\u{FEFF}' (U+FEFF)"),
        Case("[é]", 1, 2, "expected a value or ']'; found 'é' (U+00E9)"),

        // Depth: the 513th '[' (column 513) is one too many.
        Case(String(repeating: "[", count: 513) + String(repeating: "]", count: 513), 1, 513,
             "nesting is too deep: more than 512 arrays and objects inside each other"),
        Case(String(repeating: "{\"a\":", count: 600), 1, 5 * 512 + 1,
             "nesting is too deep: more than 512 arrays and objects inside each other"),
    ]

    @Test(arguments: cases)
    func reportsLocationAndMessage(_ example: Case) {
        #expect(throws: JSONSyntaxError(
            location: JSONLocation(line: example.line, column: example.column), message: example.message)
        ) {
            try JSONParser.parse(example.bytes)
        }
    }

    @Test func veryDeepNestingIsAnErrorNotACrash() {
        let document = Array(repeating: UInt8(ascii: "["), count: 200_000)
        #expect(throws: JSONSyntaxError(
            location: JSONLocation(line: 1, column: 513),
            message: "nesting is too deep: more than 512 arrays and objects inside each other")
        ) {
            try JSONParser.parse(document)
        }
    }

    @Test func maximumDepthIsConfigurable() throws {
        // Depth 2 allows [[1]] (two arrays) but not [[[1]]] (third '[' at column 3).
        _ = try JSONParser.parse(Array("[[1]]".utf8), maximumDepth: 2)
        #expect(throws: JSONSyntaxError(
            location: JSONLocation(line: 1, column: 3),
            message: "nesting is too deep: more than 2 arrays and objects inside each other")
        ) {
            try JSONParser.parse(Array("[[[1]]]".utf8), maximumDepth: 2)
        }
    }

    @Test func descriptionIsLineColonColumnAndMessage() {
        let error = JSONSyntaxError(location: JSONLocation(line: 3, column: 14), message: "expected ':'")
        #expect(error.description == "3:14: expected ':'")
    }
}

// MARK: - Node accessors

struct JSONNodeAccessorTests {
    static let kinds: [(document: String, kind: String)] = [
        ("{}", "object"), ("[]", "array"), (#""s""#, "string"), ("1.5", "number"),
        ("true", "true/false"), ("false", "true/false"), ("null", "null"),
    ]

    @Test(arguments: kinds)
    func kindNames(document: String, kind: String) throws {
        #expect(try parse(document).kindName == kind)
    }

    @Test func accessorsReturnNilForOtherKinds() throws {
        let string = try parse(#""false""#)
        #expect(string.boolValue == nil)
        #expect(string.numberText == nil)
        #expect(string.objectMembers == nil)
        #expect(string.arrayElements == nil)
        #expect(string.isNull == false)
        #expect(string.member("a") == nil)
        let flag = try parse("false")
        #expect(flag.boolValue == false)
        #expect(flag.stringValue == nil)
    }
}
