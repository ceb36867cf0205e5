import Testing
@testable import CSV

/// Well-formed inputs: what records come out, on which physical lines.
let csvWellFormedVectors: [CSVVector] = [
    .init("simple rows", "a,b,c\n1,2,3\n", [.rec(1, 1, ["a", "b", "c"]), .rec(2, 2, ["1", "2", "3"])]),
    .init("quoted comma", "a,\"b,c\",d\n", [.rec(1, 1, ["a", "b,c", "d"])]),
    .init("doubled quotes", "\"say \"\"hi\"\"\",x\n", [.rec(1, 1, ["say \"hi\"", "x"])]),
    .init("doubled quotes at both ends", "\"\"\"a\"\"\"\n", [.rec(1, 1, ["\"a\""])]),
    .init("field of only a doubled quote", "\"\"\"\",x\n", [.rec(1, 1, ["\"", "x"])]),
    .init("field of only \"\"", "\"\"\n", [.rec(1, 1, [""])]),
    .init("two empty quoted fields", "\"\",\"\"", [.rec(1, 1, ["", ""])]),
    // Quoted LF: the record spans lines 2–3, so the next record is on line 4.
    .init(
        "quoted LF shifts the following line", "h\n\"a\nb\",c\nnext\n",
        [.rec(1, 1, ["h"]), .rec(2, 3, ["a\nb", "c"]), .rec(4, 4, ["next"])]),
    // Quoted CRLF is kept verbatim and counts as ONE line end.
    .init(
        "quoted CRLF shifts the following line", "h\r\n\"a\r\nb\",c\r\nnext\r\n",
        [.rec(1, 1, ["h"]), .rec(2, 3, ["a\r\nb", "c"]), .rec(4, 4, ["next"])]),
    // Two quoted newlines: lines 1–3, then 4.
    .init("two quoted newlines", "\"1\n2\n3\",x\ny", [.rec(1, 3, ["1\n2\n3", "x"]), .rec(4, 4, ["y"])]),
    .init("newlines in two fields", "\"a\nb\",\"c\nd\"\ne\n", [.rec(1, 3, ["a\nb", "c\nd"]), .rec(4, 4, ["e"])]),
    .init("quoted CR alone is content", "\"a\rb\",c\nd\n", [.rec(1, 1, ["a\rb", "c"]), .rec(2, 2, ["d"])]),
    .init("CRLF file", "a,b\r\nc,d\r\n", [.rec(1, 1, ["a", "b"]), .rec(2, 2, ["c", "d"])]),
    .init("mixed LF and CRLF", "a\r\nb\nc\r\nd", [.rec(1, 1, ["a"]), .rec(2, 2, ["b"]), .rec(3, 3, ["c"]), .rec(4, 4, ["d"])]),
    .init("missing final newline", "a,b\nc,d", [.rec(1, 1, ["a", "b"]), .rec(2, 2, ["c", "d"])]),
    .init("missing final newline after quote", "a,\"b\"", [.rec(1, 1, ["a", "b"])]),
    .init("BOM is ignored", "\u{FEFF}id,x\n1,2\n", [.rec(1, 1, ["id", "x"]), .rec(2, 2, ["1", "2"])]),
    .init("BOM only", "\u{FEFF}", []),
    .init("empty input", "", []),
    .init("only blank lines", "\n \n\t\r\n", []),
    // Lines 2 (empty), 3 (spaces), 4 (tab) are skipped; `b` stays on line 5.
    .init("blank lines skipped, numbers physical", "a\n\n  \n\t\nb\n", [.rec(1, 1, ["a"]), .rec(5, 5, ["b"])]),
    .init("blank CRLF lines", "a\r\n\r\n \t\r\nb\r\n", [.rec(1, 1, ["a"]), .rec(4, 4, ["b"])]),
    .init("leading blank lines", "\n\nh\n", [.rec(3, 3, ["h"])]),
    .init("trailing blank line without newline", "a\n\n  ", [.rec(1, 1, ["a"])]),
    .init("blank line after a multi-line record", "\"a\nb\"\n\nc\n", [.rec(1, 2, ["a\nb"]), .rec(4, 4, ["c"])]),
    .init("trimming unquoted fields", "  a ,\tb\t, c d \n", [.rec(1, 1, ["a", "b", "c d"])]),
    .init("no-break space is not trimmed", "\u{00A0}a\n", [.rec(1, 1, ["\u{00A0}a"])]),
    .init("spaces around quoted field dropped", " \" a \" ,\t\"b\"\t\n", [.rec(1, 1, [" a ", "b"])]),
    .init("spaces after last quoted field before CRLF", "\"a\"  \r\nb", [.rec(1, 1, ["a"]), .rec(2, 2, ["b"])]),
    .init("empty middle field", "a,,b\n", [.rec(1, 1, ["a", "", "b"])]),
    .init("trailing comma", "a,b,\n", [.rec(1, 1, ["a", "b", ""])]),
    .init("trailing comma at end of input", "a,b,", [.rec(1, 1, ["a", "b", ""])]),
    .init("only a comma", ",\n", [.rec(1, 1, ["", ""])]),
    .init("blank fields", " , \t\n", [.rec(1, 1, ["", ""])]),
    .init("UTF-8 text", "é,日本,😀\n", [.rec(1, 1, ["é", "日本", "😀"])]),
    .init(
        "UTF-8 boundary scalars",
        "\u{80},\u{7FF},\u{800},\u{D7FF},\u{E000},\u{FFFF},\u{10000},\u{10FFFF}\n",
        [.rec(1, 1, ["\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"])]),
]

@Test("CSV reader: well-formed inputs", arguments: csvWellFormedVectors)
func csvWellFormed(_ vector: CSVVector) {
    let actual = csvReadAll(vector.input)
    #expect(csvItemsMatch(actual, vector.expected), "\(vector.name): got \(actual)")
}

@Test("CSV record: quoting, emptiness, columns, field lines and raw text")
func csvRecordAccessors() throws {
    // Line 1: `h`. Line 2 (CRLF): `  7 , "a,""b""" ,` and then `"x⏎y", é,z` spanning lines 3–4.
    let input = csvUTF8("h\n  7 , \"a,\"\"b\"\"\" ,\r\n\"x\ny\", é,z\n")
    var reader = CSVReader(bytes: input)
    var record = CSVRecord()
    #expect(try reader.next(into: &record))
    #expect(try reader.next(into: &record))
    #expect(record.line == 2 && record.endLine == 2)
    #expect(record.count == 3)
    #expect(record.strings() == ["7", "a,\"b\"", ""])
    #expect(record.isQuoted(0) == false && record.isQuoted(1) == true && record.isQuoted(2) == false)
    #expect(record.isEmpty(0) == false && record.isEmpty(1) == false && record.isEmpty(2) == true)
    // `  7` → the 7 is byte 3; the opening quote is byte 7; the comma is byte 17, so the empty field is at 18.
    #expect(record.column(0) == 3 && record.column(1) == 7 && record.column(2) == 18)
    #expect(record.rawText == "  7 , \"a,\"\"b\"\"\" ,")
    #expect(try reader.next(into: &record))
    #expect(record.line == 3 && record.endLine == 4)
    #expect(record.strings() == ["x\ny", "é", "z"])
    #expect(record.fieldLine(0) == 3 && record.fieldLine(1) == 4 && record.fieldLine(2) == 4)
    // Line 4 is `y", é,z`: `y",` then a space, so é is character 5; `z` is character 7 (é counts once).
    #expect(record.column(0) == 1 && record.column(1) == 5 && record.column(2) == 7)
    #expect(record.rawText == "\"x\ny\", é,z")
    #expect(try reader.next(into: &record) == false)
    #expect(try reader.next(into: &record) == false)
}

@Test("CSV record: a field of only \"\" is one empty quoted field")
func csvOnlyDoubleQuote() throws {
    var reader = CSVReader(bytes: csvUTF8("\"\"\n"))
    var record = CSVRecord()
    #expect(try reader.next(into: &record))
    #expect(record.count == 1 && record.isEmpty(0) && record.isQuoted(0) && record.string(0) == "")
}

@Test("CSV record: reusing one record does not leak fields between records")
func csvRecordReuse() throws {
    var reader = CSVReader(bytes: csvUTF8("\"a\"\"\",b,c\nd\n\"e\"\"\"\n"))
    var record = CSVRecord()
    #expect(try reader.next(into: &record))
    #expect(record.strings() == ["a\"", "b", "c"])
    #expect(try reader.next(into: &record))
    #expect(record.strings() == ["d"])
    #expect(try reader.next(into: &record))
    #expect(record.strings() == ["e\""])  // scratch restarted: not `a"e"`
}

@Test("CSV reader: a 1 MB unquoted field and a 1 MB quoted field with doubled quotes")
func csvLargeFields() throws {
    let size = 1 << 20
    // Unquoted: 1,048,576 × "x", then `,y`.
    var input = [UInt8](repeating: UInt8(ascii: "x"), count: size)
    input += csvUTF8(",y\n")
    // Quoted: `"` + 524,288 × `""` + `"` decodes to 1,048,576 / 2 = 524,288 quotes.
    input += [UInt8(ascii: "\"")] + [UInt8](repeating: UInt8(ascii: "\""), count: size) + csvUTF8("\"\nz")
    var reader = CSVReader(bytes: input)
    var record = CSVRecord()
    #expect(try reader.next(into: &record))
    #expect(record.count == 2)
    let firstLength = record.withBytes(0) { $0.count }
    let allX = record.withBytes(0) { $0.allSatisfy { $0 == UInt8(ascii: "x") } }
    #expect(firstLength == size && allX)
    #expect(record.string(1) == "y")
    #expect(try reader.next(into: &record))
    let quoteCount = record.withBytes(0) { $0.count }
    let allQuotes = record.withBytes(0) { $0.allSatisfy { $0 == UInt8(ascii: "\"") } }
    #expect(record.line == 2 && quoteCount == size / 2 && allQuotes)
    #expect(try reader.next(into: &record))
    #expect(record.line == 3 && record.strings() == ["z"])
}

@Test("CSV doc examples read as documented")
func csvDocExamples() throws {
    // CSVReader: line 3 is blank; `3,x` is 3 characters before the stray quote on line 4.
    #expect(csvItemsMatch(
        csvReadAll(csvUTF8("id,amount\n1,\"2,5\"\n\n3,x\"y\n4,7\n")),
        [.rec(1, 1, ["id", "amount"]), .rec(2, 2, ["1", "2,5"]), .err(4, 4, csvStray), .rec(5, 5, ["4", "7"])]))
    // CSVReader.next(into:): a blank line 2, then a record spanning lines 3–4.
    #expect(csvReadAll(csvUTF8("a, b \n\n\"c\nd\",e")) == [.rec(1, 1, ["a", "b"]), .rec(3, 4, ["c\nd", "e"])])
    // CSVSyntaxError: `7,ab` then the quote → column 5; `7,é` then the quote → column 4 (byte column 5).
    #expect(csvItemsMatch(csvReadAll(csvUTF8("id,name\n7,ab\"c\n")), [.rec(1, 1, ["id", "name"]), .err(2, 5, csvStray)]))
    #expect(csvItemsMatch(csvReadAll(csvUTF8("id,name\n7,é\"c\n")), [.rec(1, 1, ["id", "name"]), .err(2, 4, csvStray)]))
    // CSVRecord.column: `ab, "c",  d,` → a(1) b(2) ,(3) ␠(4) "(5) c(6) "(7) ,(8) ␠(9) ␠(10) d(11) ,(12) → 1, 5, 11, 13.
    var reader = CSVReader(bytes: csvUTF8("ab, \"c\",  d,\nx\n"))
    var record = CSVRecord()
    #expect(reader.currentLine == 1)
    #expect(try reader.next(into: &record))
    #expect((0..<record.count).map { record.column($0) } == [1, 5, 11, 13])
    #expect(reader.currentLine == 2)
    #expect(try reader.next(into: &record))
    #expect(try reader.next(into: &record) == false)
    #expect(reader.currentLine == 3)
}
