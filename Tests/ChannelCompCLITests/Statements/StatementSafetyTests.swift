import Testing
import ChannelComp
@testable import ChannelCompCLI

/// File names from ids: safe characters only, no leading dot, no Windows device name, unique.
@Suite struct StatementFileNameTests {
    @Test(arguments: [
        ("ann", "ann"),
        ("P-ATLAS", "P-ATLAS"),
        ("v1.2_x", "v1.2_x"),
        ("../../etc/passwd", "_.._.._etc_passwd"),   // 2 × "../" → ".._", leading dot → "_"
        ("..", "_.."),
        (".hidden", "_.hidden"),
        ("a/b", "a_b"),
        ("a\\b", "a_b"),
        ("C:\\x", "C__x"),
        ("CON", "_CON"),
        ("con", "_con"),
        ("nul.txt", "_nul.txt"),                     // a device name with an extension is still the device
        ("COM1", "_COM1"),
        ("lpt9", "_lpt9"),
        ("CONSOLE", "CONSOLE"),                      // not a device name
        ("Zoë", "Zo_"),                               // one non-ASCII scalar → one "_"
        ("a b", "a_b"),
        ("-minus", "_-minus"),                       // a leading '-' would read as an option
        ("a-b", "a-b"),
        ("", "_"),
    ])
    func stem(id: String, expected: String) {
        #expect(StatementFileName.stem(id) == expected, "\(id)")
    }

    /// Ids that need no change keep their name; collisions (also case-insensitive ones, as on
    /// macOS and Windows) get -2, -3 in the given order.
    @Test func uniqueStems() {
        #expect(StatementFileName.uniqueStems(["a/b", "a:b", "a_b"]) == ["a_b-2", "a_b-3", "a_b"])
        #expect(StatementFileName.uniqueStems(["ANN", "ann"]) == ["ANN", "ann-2"])
        #expect(StatementFileName.uniqueStems(["x/1", "x_1-2", "x:1"]) == ["x_1", "x_1-2", "x_1-3"])
        #expect(StatementFileName.uniqueStems(["CON", "_CON"]) == ["_CON-2", "_CON"])
    }

    @Test func longIdsAreCut() {
        let stem = StatementFileName.stem(String(repeating: "x", count: 300))
        #expect(stem.count == StatementFileName.maxStemLength)
    }
}

/// payouts.csv cells: formula starts neutralised, RFC 4180 quoting, amounts untouched.
@Suite struct PayrollCSVTests {
    @Test(arguments: [
        ("Ann", "Ann"),
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "\\u{d}x"),                           // CR: a control character, spelled out (issue 16.9)
        ("Ann\u{1B}[2J", "Ann\\u{1b}[2J"),                // ESC never reaches a payroll file or terminal raw
        ("Line\nBreak", "\"Line\nBreak\""),              // a line feed is kept, quoted
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
        ("Echo Partners, LLC", "\"Echo Partners, LLC\""),
        ("a=b", "a=b"),                                // only a leading = is a formula
        ("'quoted", "'quoted"),
        ("=\u{301}1+2", "'=\u{301}1+2"),              // `=` and a combining mark: one character, still a formula
        ("\"\u{301}x,y", "\"\"\"\u{301}x,y\""),          // a quote and a combining mark: the quote is doubled
    ])
    func cell(value: String, expected: String) {
        #expect(SpreadsheetCell.text(value) == expected, "\(value.debugDescription)")
    }

    /// A recovery keeps its minus sign: the amount is a number, not text.
    @Test func negativeAmountKeepsItsSign() throws {
        let amount = Money(try ExactDecimal(parsing: "-12.5"), .usd)
        #expect(PayrollCSV.row("person", "=x", "-Neg", amount, "2027-03") == "person,'=x,'-Neg,-12.50,USD,2027-03\n")
    }
}

/// HTML escaping of input text.
@Suite struct HTMLEscapeTests {
    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Tom & \"Jerry\" 'x'", "Tom &amp; &quot;Jerry&quot; &#39;x&#39;"),
        ("&lt;", "&amp;lt;"),
        ("a\u{0}b\u{1B}c", "a\u{FFFD}b\u{FFFD}c"),
        ("Zoë ✓", "Zoë ✓"),
    ])
    func escape(text: String, expected: String) {
        #expect(HTML.escape(text) == expected)
    }

    /// Text statements replace control and bidi-override characters, which could fake lines.
    @Test func plainText() {
        #expect(PlainText.clean("Ann\nearned 1000000") == "Ann\u{FFFD}earned 1000000")
        #expect(PlainText.clean("abc\u{202E}cba") == "abc\u{FFFD}cba")
        #expect(PlainText.clean("Zoë Ng") == "Zoë Ng")
    }
}

/// Chart positions in exact arithmetic.
@Suite struct TierChartTests {
    /// Marks 0, 1.00, 1.50, value 0.2833: axis to 1.50 × 1.15 = 1.725;
    /// 0.2833 × 560 / 1.725 = 91.969… → 92.0; 1.00 × 560 / 1.725 = 324.63… → 324.6.
    @Test func positions() throws {
        let chart = TierChart(caption: "c", value: try ExactDecimal(parsing: "0.2833"), valueLabel: "v",
                              marks: [.init(label: "a", value: .zero), .init(label: "b", value: .one),
                                      .init(label: "c", value: try ExactDecimal(parsing: "1.5"))])
        #expect(chart.axisMax == (try ExactDecimal(parsing: "1.725")))
        #expect(chart.position(chart.value, length: 560).formatted(fractionDigits: 1) == "92.0")
        #expect(chart.position(.one, length: 560).formatted(fractionDigits: 1) == "324.6")
        #expect(chart.position(try ExactDecimal(parsing: "-3"), length: 560) == .zero)   // clamped
        #expect(chart.position(ExactDecimal(99), length: 560) == ExactDecimal(560))       // clamped
    }

    @Test func emptyAxis() {
        let chart = TierChart(caption: "c", value: .zero, valueLabel: "v", marks: [.init(label: "a", value: .zero)])
        #expect(chart.axisMax == .one)
    }
}
