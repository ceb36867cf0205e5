import Testing
@testable import CSV

/// `CSVField.quoted`, the one output quoting rule: fields are quoted exactly when reading them
/// back unquoted would change them, and every quoted field reads back as itself.
@Suite("CSV output quoting")
struct CSVFieldTests {
    @Test("worked examples: plain text as it is; separators, quotes, line ends and edge blanks quoted")
    func examples() {
        #expect(CSVField.quoted("alice") == "alice")
        #expect(CSVField.quoted("") == "")
        #expect(CSVField.quoted("Müller") == "Müller")
        #expect(CSVField.quoted("a b") == "a b")
        #expect(CSVField.quoted("o,neil") == "\"o,neil\"")
        #expect(CSVField.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVField.quoted("two\nlines") == "\"two\nlines\"")
        #expect(CSVField.quoted("cr\r") == "\"cr\r\"")
        #expect(CSVField.quoted(" pad") == "\" pad\"")
        #expect(CSVField.quoted("pad ") == "\"pad \"")
        #expect(CSVField.quoted("\ttab") == "\"\ttab\"")
        #expect(CSVField.quoted("tab\t") == "\"tab\t\"")
        // A space followed by a combining accent is one character but starts with a space byte,
        // which a reader would trim: quoted.
        #expect(CSVField.quoted(" \u{301}x") == "\" \u{301}x\"")
        #expect(CSVField.quoted("x \u{301}") == "x \u{301}")
        // A quote followed by a combining mark is doubled too (by the character it was not).
        #expect(CSVField.quoted("\"\u{301},") == "\"\"\"\u{301},\"")
    }

    @Test("every field, quoted and read back, is itself (random fields of special and plain pieces)")
    func roundTrip() {
        let pieces = ["a", "Zz", "1.50", " ", "\t", ",", "\"", "\n", "\r\n", "é", "€", "\u{301}", "x y", "''", "\"\""]
        var mix = Mix(state: 4_181)
        for _ in 0..<2_000 {
            let fields = (0..<(1 + mix.next(4))).map { _ in (0..<mix.next(6)).map { _ in pieces[mix.next(pieces.count)] }.joined() }
            // A line of one empty field is a blank line, which the reader skips: start with a marker.
            let line = (["#"] + fields.map(CSVField.quoted)).joined(separator: ",") + "\n"
            let read = csvReadAll(csvUTF8(line))
            let expected = CSVItem.rec(1, 1 + line.utf8.filter { $0 == 10 }.count - 1, ["#"] + fields)
            #expect(read.count == 1 && read[0].matches(expected), "\(fields.debugDescription) → \(line.debugDescription) read \(read)")
            if read.count != 1 || !read[0].matches(expected) { return }
        }
    }
}
