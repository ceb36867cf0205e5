import Testing
@testable import ChannelComp

/// What a spreadsheet export did to a value, named in the rejection's hint (``SpreadsheetHints``).
@Suite("Spreadsheet hints")
struct SpreadsheetHintsTests {
    @Test(arguments: [
        ("$349.99", "remove the currency sign '$': write 349.99 (amounts are in the plan's currency)"),
        ("-$12", "remove the currency sign '$': write -12 (amounts are in the plan's currency)"),
        ("$1,250.00", "remove the currency sign '$': write 1250.00 (amounts are in the plan's currency)"),
        ("349,99 €", "remove the currency sign '€': write the number alone"),
        ("349,99", "349,99 has a decimal comma: write 349.99 (the decimal point is '.')"),
        ("1,250", "1,250 is ambiguous: a thousands separator (write 1250) or a decimal comma (write 1.250); numbers have no separators and '.' as the decimal point"),
        ("1,250.00", "write numbers without thousands separators: 1250.00"),
        ("1.250,00", "write numbers without thousands separators: 1250.00"),
    ])
    func numbers(_ text: String, _ hint: String) {
        #expect(SpreadsheetHints.number(text) == hint, "\(text)")
    }

    /// Values that are not a spreadsheet's number get no hint (the message says enough).
    @Test(arguments: ["abc", "1e5", "12.5.3", "+5"])
    func noNumberHint(_ text: String) {
        #expect(SpreadsheetHints.number(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("03/15/2027", "03/15/2027 is a US date (month/day/year): write 2027-03-15 (YYYY-MM-DD)"),
        ("15/03/2027", "15/03/2027 is day/month/year: write 2027-03-15 (YYYY-MM-DD)"),
        ("15.3.2027", "15.3.2027 is day/month/year: write 2027-03-15 (YYYY-MM-DD)"),
        ("03/04/2027", "03/04/2027 is ambiguous: 2027-03-04 (month first, US) or 2027-04-03 (day first); write dates as YYYY-MM-DD"),
        ("2027/03/15", "write the date as 2027-03-15 (YYYY-MM-DD, with '-' and two-digit month and day)"),
        ("2027-3-5", "write the date as 2027-03-05 (YYYY-MM-DD, with '-' and two-digit month and day)"),
        ("46461", "46461 looks like a spreadsheet's day number: format the column as a date YYYY-MM-DD before saving"),
    ])
    func dates(_ text: String, _ hint: String) {
        #expect(SpreadsheetHints.date(text) == hint, "\(text)")
    }

    /// A real ISO date that failed for another reason (2027-02-30) and text get no date hint.
    @Test(arguments: ["2027-02-30", "March 15", "tomorrow"])
    func noDateHint(_ text: String) {
        #expect(SpreadsheetHints.date(text) == nil, "\(text)")
    }

    /// `;` and tab headers are recognised only when splitting on them finds the required columns.
    @Test func separators() {
        #expect(SpreadsheetHints.separator(ofHeader: "deal_id;date;account", required: ["deal_id", "date"]) == ";")
        #expect(SpreadsheetHints.separator(ofHeader: "deal_id\tdate", required: ["deal_id", "date"]) == "\t")
        #expect(SpreadsheetHints.separator(ofHeader: "\"deal_id\";\"date\"", required: ["deal_id", "date"]) == ";")
        #expect(SpreadsheetHints.separator(ofHeader: "dealid;date", required: ["deal_id", "date"]) == nil)
    }

    /// `,,,,` rows are skipped with a warning naming the line and not counted as rows read; a
    /// row of empty fields longer than the header stays a ragged-row error.
    @Test func allEmptyRowsAreSkippedWithAWarning() {
        let text = "deal_id,date,x\nD1,2027-01-01,a\n,,\n,\n,,,\n"
        var table = CSVTable(file: "deals.csv", bytes: Array(text.utf8), known: ["deal_id", "date", "x"], required: ["deal_id", "date"])
        var seen: [Int] = []
        table.forEachRow { row in seen.append(row.line) }
        #expect(seen == [2])
        #expect(table.rowsRead == 2)
        #expect(table.diagnostics.warnings.compactMap(\.line) == [3, 4])
        #expect(table.diagnostics.errors.compactMap(\.line) == [5])
    }
}

/// Long diagnostic lists: 3 of each kind in full, the rest counted (``DiagnosticDigest``).
@Suite("Diagnostic digest")
struct DiagnosticDigestTests {
    static func error(_ line: Int, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(file: "deals.csv", line: line, field: "column 'x'", message: message, hint: hint)
    }

    /// 5 errors of one kind (values differ only in quotes and numbers) and 1 of another, 2 per kind:
    /// lines 2, 3 and 7 in full, then "… 3 more errors like the above … on lines 4, 5, 6".
    @Test func groupsByKind() {
        let items = (2...6).map { Self.error($0, "found \"$\($0)00\" on deal \"D\($0)\"") } + [Self.error(7, "other")]
        let text = DiagnosticDigest(perKind: 2).render(items)
        let headlines = text.split(separator: "\n").filter { $0.hasPrefix("deals.csv:") && !$0.hasPrefix("deals.csv: …") }
        #expect(headlines.map { $0.split(separator: ":")[1] } == ["2", "3", "7"])
        #expect(text.hasSuffix("deals.csv: … 3 more errors like the above (column 'x': found \"$400\" on deal \"D4\") on lines 4, 5, 6; --max-errors 0 shows them all"))
        // 0 shows all.
        #expect(DiagnosticDigest(perKind: 0).render(items).split(separator: "\n").count == 6)
    }

    /// Different hints make different kinds: the decimal-comma row is not folded into the `$` rows.
    @Test func hintsSeparateKinds() {
        let items = [Self.error(2, "bad \"$1\"", hint: "remove the currency sign '$'"),
                     Self.error(3, "bad \"$2\"", hint: "remove the currency sign '$'"),
                     Self.error(4, "bad \"1,5\"", hint: "1,5 has a decimal comma")]
        let text = DiagnosticDigest(perKind: 1).render(items)
        #expect(text.contains("deals.csv:4:"))
        #expect(text.contains("… 1 more error like the above"))
    }
}

/// A data folder's `channelcomp.json` (``DataFolderConfig``).
@Suite("Data folder config")
struct DataFolderConfigTests {
    @Test func readsThePlan() {
        guard case .config(let c) = DataFolderConfig.parse(file: "d/channelcomp.json", bytes: Array(#"{"plan": "../Plans/x.json"}"#.utf8)) else {
            Issue.record("not parsed")
            return
        }
        #expect(c.plan == "../Plans/x.json")
    }

    @Test(arguments: [(#"{"plan": 7}"#, "key plan: expected a non-empty string"), (#"{"plna": "x"}"#, "key plna: unknown key"),
                      (#"["x"]"#, "expected an object"), (#"{"plan": "x""#, "channelcomp.json:1")])
    func rejects(_ text: String, _ expected: String) {
        guard case .problem(let d) = DataFolderConfig.parse(file: "channelcomp.json", bytes: Array(text.utf8)) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(d.render().contains(expected), "\(d.render())")
    }
}
