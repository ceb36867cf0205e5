/// SPEC 6 "Reading input": which ids are errors and which get a warning — the one home of the
/// rule, called by every loader that reads an id and by the ledger's fast path.
///
/// An id (deal, person, partner, account, territory, product, adjustment) is text a person can
/// read and type:
/// * a control character (C0, DEL, C1) or an invisible format character (category Cf such as
///   U+200E, variation selectors, U+034F, Hangul fillers; also U+00A0) is an error;
/// * an id beginning with `=`, `+`, `-` or `@` is an error (a spreadsheet would run it);
/// * two people, or two partners, whose ids differ only by letter case or look-alike letters
///   get a warning (``lookalikeWarnings(_:file:what:)``).
///
/// Examples: `problem(in: "ann")` is nil; `problem(in: "ann\u{200E}")` is `.invisible(U+200E)`;
/// `problem(in: "=cmd|' /C calc'!A0")` is `.formula("=")`; `lookalikeKey("Ann")`,
/// `lookalikeKey("аnn")` (Cyrillic а) and `lookalikeKey("ann")` are all `"ann"`.
public enum IdentifierRules {
    /// Why an id is refused.
    public enum Problem: Equatable, Sendable {
        /// An invisible or control character, at its position among the id's characters.
        case invisible(Unicode.Scalar)
        /// The id begins with a character a spreadsheet reads as a formula.
        case formula(Character)
    }

    /// The first problem of `id`, or nil when it is a valid id.
    public static func problem(in id: String) -> Problem? {
        if let first = id.unicodeScalars.first, formulaStarts.contains(first) { return .formula(Character(first)) }
        for scalar in id.unicodeScalars where VisibleText.isInvisible(scalar) || scalar.value == 0xA0 {
            return .invisible(scalar)
        }
        return nil
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@"]

    /// The error message for `problem` in the id `id` of kind `what` ("person id").
    ///
    /// Example: `message(.formula("="), id: "=1+1", what: "deal id")` is
    /// `deal id "=1+1" begins with '=': a spreadsheet would run it as a formula; ids must not begin with =, +, - or @`.
    public static func message(_ problem: Problem, id: String, what: String) -> String {
        switch problem {
        case .formula(let c):
            return "\(what) \(quoted(id)) begins with '\(c)': a spreadsheet would run it as a formula; ids must not begin with =, +, - or @"
        case .invisible(let scalar):
            return "\(what) \(quoted(id)) contains the invisible character \(describe(scalar)); an id must be text a person can read and type"
        }
    }

    /// `U+200E (left-to-right mark)`: the code point and, for common ones, a name.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [
            0xFEFF: "a byte-order mark, e.g. from two files pasted together", 0x200B: "zero-width space",
            0x200C: "zero-width non-joiner", 0x200D: "zero-width joiner", 0x2060: "word joiner",
            0x00A0: "no-break space", 0x00AD: "soft hyphen", 0x200E: "left-to-right mark",
            0x200F: "right-to-left mark", 0x202E: "right-to-left override", 0x034F: "combining grapheme joiner",
            0x1B: "escape", 0x07: "bell", 0x7F: "delete", 0x00: "NUL", 0x09: "tab", 0x9B: "control sequence introducer",
            0x3164: "Hangul filler", 0x115F: "Hangul choseong filler", 0x1160: "Hangul jungseong filler",
        ]
        if let name = names[scalar.value] { return "\(code) (\(name))" }
        if (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value) { return "\(code) (variation selector)" }
        if scalar.value < 0x20 || (0x80...0x9F).contains(scalar.value) { return "\(code) (control character)" }
        return "\(code) (invisible format character)"
    }

    /// True when the bytes are an id the fast path may take without the full check: printable
    /// ASCII (spaces included) not beginning with a formula character. Anything else goes to
    /// the full path, which accepts or reports it by ``problem(in:)``.
    @inline(__always)
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        if first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 { return false }
        for b in bytes where b < 0x20 || b > 0x7E { return false }
        return true
    }

    // MARK: Look-alikes

    /// The id as a reader sees it: lower case, with Cyrillic and Greek letters that look like
    /// Latin ones (and fullwidth Latin letters) replaced by those.
    ///
    /// Example: `lookalikeKey("АNN")` (Cyrillic А) is `"ann"`; `lookalikeKey("P1")` is `"p1"`.
    public static func lookalikeKey(_ id: String) -> String {
        var key = String.UnicodeScalarView()
        for scalar in id.unicodeScalars {
            var s = scalar
            if (0xFF21...0xFF3A).contains(s.value) || (0xFF41...0xFF5A).contains(s.value) {
                s = Unicode.Scalar(s.value - 0xFF21 + 0x41)!
            }
            if let latin = confusables[s.value] { s = latin }
            for lower in s.properties.lowercaseMapping.unicodeScalars { key.append(confusables[lower.value] ?? lower) }
        }
        return String(key)
    }

    /// Cyrillic and Greek letters drawn like Latin ones (both cases), mapped to Latin lower case.
    static let confusables: [UInt32: Unicode.Scalar] = {
        let pairs: [(String, String)] = [
            // Cyrillic
            ("а", "a"), ("А", "a"), ("в", "b"), ("В", "b"), ("е", "e"), ("Е", "e"), ("ё", "e"), ("к", "k"), ("К", "k"),
            ("м", "m"), ("М", "m"), ("н", "h"), ("Н", "h"), ("о", "o"), ("О", "o"), ("р", "p"), ("Р", "p"),
            ("с", "c"), ("С", "c"), ("т", "t"), ("Т", "t"), ("у", "y"), ("У", "y"), ("х", "x"), ("Х", "x"),
            ("і", "i"), ("І", "i"), ("ј", "j"), ("Ј", "j"), ("ѕ", "s"), ("Ѕ", "s"), ("ԁ", "d"), ("һ", "h"),
            ("ԛ", "q"), ("ԝ", "w"), ("ү", "y"),
            // Greek
            ("α", "a"), ("Α", "a"), ("Β", "b"), ("ε", "e"), ("Ε", "e"), ("Ζ", "z"), ("Η", "h"), ("ι", "i"),
            ("Ι", "i"), ("κ", "k"), ("Κ", "k"), ("Μ", "m"), ("ν", "v"), ("Ν", "n"), ("ο", "o"), ("Ο", "o"),
            ("ρ", "p"), ("Ρ", "p"), ("τ", "t"), ("Τ", "t"), ("υ", "u"), ("Υ", "y"), ("χ", "x"), ("Χ", "x"),
            // Latin look-alikes
            ("ı", "i"), ("ɑ", "a"), ("ɡ", "g"),
        ]
        var map: [UInt32: Unicode.Scalar] = [:]
        for (from, to) in pairs { map[from.unicodeScalars.first!.value] = to.unicodeScalars.first! }
        return map
    }()

    /// Warnings for ids of one kind that read alike but differ: each later id names the first.
    ///
    /// Example: people `ann` (line 2) and `Ann` (line 5) → one warning on line 5:
    /// `person id "Ann" differs from "ann" (line 2) only by letter case or look-alike letters: they are two separate payees`.
    public static func lookalikeWarnings(_ ids: [(id: String, line: Int)], file: String, what: String) -> [Diagnostic] {
        var first: [String: (id: String, line: Int)] = [:]
        var warned: Set<String> = []
        var result: [Diagnostic] = []
        for entry in ids {
            let key = lookalikeKey(entry.id)
            guard let earlier = first[key] else { first[key] = entry; continue }
            guard earlier.id != entry.id, warned.insert(entry.id).inserted else { continue }
            result.append(Diagnostic(.warning, file: file, line: entry.line, field: "column 'id'",
                message: "\(what) \(quoted(entry.id)) differs from \(quoted(earlier.id)) (line \(earlier.line)) only by letter case or look-alike letters: they are two separate payees, each paid",
                hint: "if they are one payee, spell the id the same way in every file"))
        }
        return result
    }
}

extension CSVRow {
    /// The non-empty id in `column`, or nil with an error when it is empty or breaks
    /// ``IdentifierRules`` (`what`: "person id", "deal id", …).
    mutating func requiredIdentifier(_ column: Column, what: String) -> String? {
        guard let text = requiredText(column, what: "a \(what)") else { return nil }
        return identifier(column, text, what: what)
    }

    /// `text` if it is a valid id, else nil with an error on `column`. An empty text is valid
    /// (optional columns).
    mutating func identifier(_ column: Column, _ text: String, what: String) -> String? {
        guard let problem = IdentifierRules.problem(in: text) else { return text }
        error(column, IdentifierRules.message(problem, id: text, what: what),
              hint: { if case .formula = problem { return "remove the leading character, or rename the id" } else { return "delete the character; the id then reads as it looks" } }())
        return nil
    }
}
