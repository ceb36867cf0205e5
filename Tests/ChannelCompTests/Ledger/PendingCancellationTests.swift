import CSV
import Testing
@testable import ChannelComp

/// A kept cancellation counts a field's column only when a message needs it, by reading the
/// row's text again: the column and width must be those of the row as first read, whatever the
/// quoting, padding, line ends or characters before the field.
@Suite("Pending cancellation: located fields")
struct PendingCancellationTests {
    static let header = "deal_id,line,event,date,account,territory,product,quantity,reps"

    /// Rows with the tricky parts before a field: quotes, doubled quotes, a quoted line break,
    /// padding, `é` (2 bytes, 1 column), a CJK character (3 bytes, 1 column), CRLF.
    static let rows = [
        "D1,,cancellation,2027-02-01,A1,WEST,WIDGET,9,ann",
        "  D1 , 1 ,cancellation, 2027-02-01 ,\"A,1\",WÉST,\"WID\"\"GET\",  9  ,ann",
        "\"D1\",,cancellation,2027-02-01,\"A\r\n1\",東,WIDGET,9.50,\"ann:60;bob:40\"",
        "D1,,\"cancellation\",\"2027-02-01\",,,,,",
        "D9,,cancellation,2027-02-01,é,é,é,é,é",
    ]

    @Test("column and width of every field equal the first reading's", arguments: [false, true])
    func locatedMatchesFirstReading(crlf: Bool) throws {
        let eol = crlf ? "\r\n" : "\n"
        let text = ([PendingCancellationTests.header] + PendingCancellationTests.rows).joined(separator: eol) + eol
        var reader = CSVReader(bytes: Array(text.utf8))
        var record = CSVRecord()
        _ = try reader.next(into: &record)
        let names = record.strings()
        var header: [String: Int] = [:]
        for (i, n) in names.enumerated() { header[n] = i }
        let copied = LedgerLoader.CopiedColumn.resolved(header)
        var seen = 0
        var texts: [UInt8] = Array("text before the row's".utf8)
        while try reader.next(into: &record) {
            seen += 1
            let pending = LedgerLoader.PendingCancellation(record: record, dealID: 0, line: 1, date: CivilDate(year: 2027, month: 2, day: 1)!,
                                                          copiedColumns: copied, texts: &texts)
            #expect(pending.rawText(texts) == record.rawText)
            for (name, i) in header {
                let located = pending.located(name, header: header, texts: texts)
                #expect(located.column == record.column(i), "row \(seen), \(name)")
                #expect(located.width == record.string(i).count, "row \(seen), \(name)")
            }
            // The copied values: the non-empty copied columns, in name order.
            let expected = copied.filter { !record.isEmpty($0.index) }.map { ($0.column.name, record.string($0.index)) }
            let values = pending.copied(texts, columns: copied)
            #expect(values.map { $0.column.name } == expected.map(\.0))
            #expect(values.map(\.value) == expected.map(\.1))
            #expect(values.map { $0.column.name } == values.map { $0.column.name }.sorted())
            #expect((pending.copiedMask != 0) == !expected.isEmpty)
        }
        #expect(seen == PendingCancellationTests.rows.count)
        // A column the header lacks: no column, width 1.
        #expect(LedgerLoader.PendingCancellation(record: record, dealID: 0, line: 1, date: CivilDate(year: 2027, month: 2, day: 1)!,
                                                 copiedColumns: copied, texts: &texts).located("partner", header: header, texts: texts) == (nil, 1))
    }

    @Test("the row of '\"A⏎1\"' keeps its text and a width of 3 characters for the quoted field")
    func quotedLineBreak() throws {
        // `"A⏎1"` opens at column 31 of its first line; its text is 3 characters (A, CR LF — one
        // character —, 1): the width counts characters, not bytes.
        let text = PendingCancellationTests.header + "\n" + PendingCancellationTests.rows[2] + "\n"
        var reader = CSVReader(bytes: Array(text.utf8))
        var record = CSVRecord()
        _ = try reader.next(into: &record)
        _ = try reader.next(into: &record)
        var texts: [UInt8] = []
        let pending = LedgerLoader.PendingCancellation(record: record, dealID: 0, line: 1, date: CivilDate(year: 2027, month: 2, day: 1)!,
                                                      copiedColumns: [], texts: &texts)
        // "D1",,cancellation,2027-02-01," → 4 + 1 + 1 + 12 + 1 + 10 + 1 = 30 characters before the quote.
        #expect(pending.located("account", header: ["account": 4], texts: texts).column == 31)
        #expect(pending.located("account", header: ["account": 4], texts: texts).width == 3)
        #expect(pending.rawText(texts).hasPrefix("\"D1\""))
    }
}
