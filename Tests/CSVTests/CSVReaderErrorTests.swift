import Testing
@testable import CSV

let csvStray = "unexpected '\"' inside an unquoted field"
let csvUnterminated = "unterminated quoted field: expected a closing '\"' before the end of the file"
let csvBareCR = "bare carriage return (CR, 0x0D) not followed by a line feed"
let csvNUL = "NUL byte (0x00) in the file: expected UTF-8 text"
func csvAfterQuote(_ found: String) -> String { "unexpected \(found) after the closing quote of a quoted field" }

/// Malformed inputs: each error with its line and character column, and the
/// records read after resynchronising.
let csvErrorVectors: [CSVVector] = [
    // `ab"`: the quote is the 3rd byte of line 2.
    .init("quote in unquoted field", "h\nab\"c,d\nok\n", [.rec(1, 1, ["h"]), .err(2, 3, csvStray), .rec(3, 3, ["ok"])]),
    .init("quote at end of unquoted field", "a,b\"\n", [.err(1, 4, csvStray)]),
    // `"a"b`: `b` is byte 4.
    .init("text after closing quote", "\"a\"b,c\nok\n", [.err(1, 4, csvAfterQuote("'b'")), .rec(2, 2, ["ok"])]),
    .init("text after closing quote and spaces", "\"a\"  x\n", [.err(1, 6, csvAfterQuote("'x'"))]),
    .init("quoted field followed by quote", "\"a\" \"b\"\n", [.err(1, 5, csvAfterQuote("'\"'"))]),
    .init("non-ASCII text after closing quote", "\"a\"é\n", [.err(1, 4, csvAfterQuote("'é'"))]),
    .init("NUL after closing quote", [0x22, 0x61, 0x22, 0x00, 0x0A], [.err(1, 4, csvAfterQuote("a NUL byte (0x00)"))]),
    // The opening quote on line 2 is never closed: everything after it is swallowed.
    .init("unterminated quote", "h\n\"abc\nmore,x\n", [.rec(1, 1, ["h"]), .err(2, 1, csvUnterminated)]),
    .init("unterminated quote in a later field", "a, \"b", [.err(1, 4, csvUnterminated)]),
    .init("unterminated after doubled quote", "\"a\"\"", [.err(1, 1, csvUnterminated)]),
    // `a\rb`: the CR is byte 2.
    .init("bare CR in unquoted field", "a\rb\nok\n", [.err(1, 2, csvBareCR), .rec(2, 2, ["ok"])]),
    .init("bare CR at end of input", "a\r", [.err(1, 2, csvBareCR)]),
    .init("bare CR as a CR-only line end", "a\rb\rc", [.err(1, 2, csvBareCR)]),
    .init("bare CR after quoted field", "\"a\"\rb\nc\n", [.err(1, 4, csvBareCR), .rec(2, 2, ["c"])]),
    .init("bare CR on a blank-looking line", "a\n \r \nb\n", [.rec(1, 1, ["a"]), .err(2, 2, csvBareCR), .rec(3, 3, ["b"])]),
    .init("CR CR LF", "a\r\r\nb\n", [.err(1, 2, csvBareCR), .rec(2, 2, ["b"])]),
    // Two bad rows (lines 2 and 4) with good rows between and after.
    .init(
        "two bad rows, good rows between", "id,v\n1,x\"\n2,ok\n3,\"a\"b\n4,fine\n",
        [
            .rec(1, 1, ["id", "v"]), .err(2, 4, csvStray), .rec(3, 3, ["2", "ok"]), .err(4, 6, csvAfterQuote("'b'")),
            .rec(5, 5, ["4", "fine"]),
        ]),
    // After a quoted newline the error's line is physical: line 2 is `b",c"d`, the quote is byte 5.
    .init("error line after a quoted newline", "\"a\nb\",c\"d\nok\n", [.err(2, 5, csvStray), .rec(3, 3, ["ok"])]),
    .init("error after blank lines", "a\n\n\nb\"\n", [.rec(1, 1, ["a"]), .err(4, 2, csvStray)]),
    // Columns count characters: `é,x` is 3 characters (4 bytes) before the quote.
    .init("column counts characters", "é,x\"\n", [.err(1, 4, csvStray)]),
    .init("BOM not counted in column", "\u{FEFF}a\"\n", [.err(1, 2, csvStray)]),
    .init("NUL in unquoted field", [0x61, 0x2C, 0x62, 0x00, 0x63, 0x0A, 0x6F, 0x6B], [.err(1, 4, csvNUL), .rec(2, 2, ["ok"])]),
    // A NUL inside a multi-line quoted field: the record is read to its end (line 2), then `ok` on line 3.
    .init("NUL in quoted multi-line field", [0x22, 0x61, 0x0A, 0x00, 0x62, 0x22, 0x2C, 0x63, 0x0A, 0x6F, 0x6B, 0x0A],
        [.err(2, 1, csvNUL), .rec(3, 3, ["ok"])]),
    // A content error and then a structural one in the same record: both are reported, in order.
    .init("invalid UTF-8 then stray quote in one record", [0xFF] + csvUTF8(",a\"b\nok\n"),
        [.err(1, 1, "invalid UTF-8"), .err(1, 4, csvStray), .rec(2, 2, ["ok"])]),
    .init("NUL then unterminated quote", [0x00] + csvUTF8(",\"abc\nx\n"), [.err(1, 1, csvNUL), .err(1, 3, csvUnterminated)]),
    .init("only the first content error of a record", [0x00, 0x2C, 0x00, 0x0A, 0x61], [.err(1, 1, csvNUL), .rec(2, 2, ["a"])]),
]

@Test("CSV reader: errors, their positions and resynchronisation", arguments: csvErrorVectors)
func csvErrors(_ vector: CSVVector) {
    let actual = csvReadAll(vector.input)
    #expect(csvItemsMatch(actual, vector.expected), "\(vector.name): got \(actual)")
}

@Test("CSV reader: full error messages say what was found and what was expected")
func csvErrorMessages() {
    // (input, column of the problem, full message)
    let cases: [(input: String, column: Int, message: String)] = [
        ("a\"", 2, "unexpected '\"' inside an unquoted field: expected the whole field to be quoted, "
            + "with inner quotes doubled (e.g. \"say \"\"hi\"\"\")"),
        ("\"a\"b", 4, "unexpected 'b' after the closing quote of a quoted field: "
            + "expected ',' or the end of the line (a '\"' inside a quoted field must be doubled as \"\")"),
        ("\"a", 1, "unterminated quoted field: expected a closing '\"' before the end of the file "
            + "(a '\"' inside a quoted field must be doubled as \"\")"),
        ("a\rb", 2, "bare carriage return (CR, 0x0D) not followed by a line feed: expected LF or CRLF line ends"),
        ("a\u{0}", 2, "NUL byte (0x00) in the file: expected UTF-8 text"),
    ]
    for (input, column, message) in cases {
        #expect(csvReadAll(csvUTF8(input)) == [.err(1, column, message)], "\(input.debugDescription)")
    }
}

@Test("CSV syntax error: description, line text, equality ignoring line text")
func csvErrorValue() {
    var reader = CSVReader(bytes: csvUTF8("id\r\nx,\"a\"b\r\n"))
    var record = CSVRecord()
    #expect(throws: Never.self) { _ = try reader.next(into: &record) }
    do {
        _ = try reader.next(into: &record)
        Issue.record("expected an error")
    } catch {
        // `x,"a"b`: the `b` is byte 6 of line 2.
        #expect(error.lineText == "x,\"a\"b")
        #expect(error == CSVSyntaxError(line: 2, column: 6, message: error.message))
        #expect(error.description.hasPrefix("line 2, column 6: unexpected 'b' after the closing quote"))
    }
    #expect(CSVSyntaxError(line: 1, column: 2, message: "m", lineText: "x") == CSVSyntaxError(line: 1, column: 2, message: "m"))
    #expect(CSVSyntaxError(line: 1, column: 2, message: "m") != CSVSyntaxError(line: 1, column: 3, message: "m"))
}
