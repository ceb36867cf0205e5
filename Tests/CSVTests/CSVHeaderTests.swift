import Testing
@testable import CSV

@Test("CSV header: names, indices, duplicates, case-sensitive byte comparison")
func csvHeader() throws {
    var reader = CSVReader(bytes: csvUTF8("\n id ,role,\"id\",Role,role\n"))
    var record = CSVRecord()
    #expect(try reader.next(into: &record))
    let header = CSVHeader(record)
    #expect(header.names == ["id", "role", "id", "Role", "role"])
    #expect(header.line == 2)  // line 1 is blank
    #expect(header.index(of: "id") == 0)
    #expect(header.index(of: "role") == 1)
    #expect(header.index(of: "Role") == 3)
    #expect(header.index(of: "ROLE") == nil)
    #expect(header.duplicates == ["id", "role"])
}

@Test("CSV header: no Unicode normalisation (é precomposed ≠ e + combining acute)")
func csvHeaderBytes() {
    let header = CSVHeader(names: ["caf\u{E9}", "cafe\u{301}"], line: 1)
    #expect(header.duplicates.isEmpty)
    #expect(header.index(of: "cafe\u{301}") == 1)
}

@Test("CSV header: duplicates in order of their second occurrence, each once")
func csvHeaderDuplicateOrder() {
    #expect(CSVHeader(names: ["b", "a", "b", "a", "b"], line: 1).duplicates == ["b", "a"])
    #expect(CSVHeader(names: ["a", "b", "c"], line: 1).duplicates == [])
}
