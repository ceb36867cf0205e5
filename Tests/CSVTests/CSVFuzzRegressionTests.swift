import Testing
@testable import CSV

/// Inputs the fuzzer (Tests/Fuzz) found; each once trapped.
@Suite("CSV fuzz regressions")
struct CSVFuzzRegressionTests {
    /// `\n\u{4}\rW`: a bare CR error left the record half-filled and `rawText` trapped on a
    /// reversed range. Now every accessor is safe after an error.
    @Test("rawText after a bare-CR error does not trap")
    func rawTextAfterError() {
        var reader = CSVReader(bytes: [0x0A, 0x04, 0x0D, 0x57])
        var record = CSVRecord()
        var errors = 0
        for _ in 0..<10 {
            do {
                guard try reader.next(into: &record) else { break }
            } catch {
                errors += 1
                #expect(error.line == 2)
            }
            _ = record.rawText
        }
        #expect(errors == 1)
    }
}
