/// One problem found in an input file, located precisely enough to fix it.
///
/// Rendered in the hledger layout by ``render()``:
///
///     Fixtures/bad/deals.csv:14: error: column 'quantity': expected a number > 0, found "-3"
///        |
///     14 | D7,2027-01-10,A1,WEST,WIDGET,-3,1000,USD,direct,,,,ann,
///        |                              ^^
///     hint: a cancellation is written as event=cancellation, not as a negative quantity
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How bad a problem is: errors stop a run, warnings are printed and the run goes on.
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// The file as the user named it (`Fixtures/sample/deals.csv`).
    public var file: String
    /// Physical line (CSV: header = 1; JSON: line of the value).
    public var line: Int?
    /// 1-based column of the offending text within `line`.
    public var column: Int?
    /// What is bad, as printed before the message: `column 'quantity'` or `key partners.levels[2].discount`.
    public var field: String?
    /// What was found and what was expected.
    public var message: String
    /// The offending source line, quoted under the header line.
    public var sourceText: String?
    /// Width of the marker under the bad text (at least 1).
    public var markerWidth: Int
    /// An optional hint how to fix it.
    public var hint: String?

    public init(
        _ severity: Severity = .error, file: String, line: Int? = nil, column: Int? = nil,
        field: String? = nil, message: String, sourceText: String? = nil, markerWidth: Int = 1,
        hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.sourceText = sourceText
        self.markerWidth = max(1, markerWidth)
        self.hint = hint
    }

    /// The first line of the rendering: `file:line:col: error: field: message`.
    public var headline: String {
        var location = file
        if let line { location += ":\(line)" }
        var text = "\(location): \(severity.rawValue): "
        if let field { text += "\(field): " }
        return text + message
    }

    /// The full hledger-style rendering, with the quoted source line and marker when known.
    public func render() -> String {
        var out = headline
        if let sourceText, let line {
            let gutter = String(line)
            let pad = String(repeating: " ", count: gutter.count)
            let shown = Diagnostic.printable(sourceText)
            out += "\n\(pad) |\n\(gutter) | \(shown)"
            if let column, column >= 1, column <= shown.count + 1 {
                let markerWidth = min(self.markerWidth, max(1, shown.count - column + 1))
                out += "\n\(pad) | " + String(repeating: " ", count: column - 1)
                    + String(repeating: "^", count: markerWidth)
            }
        }
        if let hint { out += "\nhint: \(hint)" }
        return out
    }

    public var description: String { render() }

    /// Makes control characters and very long lines safe to print on a terminal.
    static func printable(_ text: String, limit: Int = 240) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { result += "…"; break }
            switch scalar.value {
            case 0x09: result += " "
            case 0x00..<0x20, 0x7F: result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }
}


/// The problems found by a load, in the order found; a load succeeds only with no errors.
public struct DiagnosticList: Sendable {
    public private(set) var items: [Diagnostic] = []
    public init() {}
    public mutating func append(_ d: Diagnostic) { items.append(d) }
    public mutating func append(contentsOf other: DiagnosticList) { items.append(contentsOf: other.items) }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }
}

/// Thrown when inputs have errors: carries every problem found.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// Sysexits-style reason: invalid data (65) or a missing input file (66).
    public enum Kind: Sendable { case invalidData, missingFile }
    public var kind: Kind
    public var diagnostics: [Diagnostic]
    public init(_ kind: Kind = .invalidData, _ diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }
    public var description: String { diagnostics.map { $0.render() }.joined(separator: "\n") }
}

extension DecimalParseError {
    /// Why a value is not an acceptable number, as a clause after "found X:" (no second "expected").
    ///
    ///     "1,000" → "not a plain decimal number (digits, an optional '-' and one '.'; no '+', spaces, exponent or thousands separators)"
    public var reason: String {
        switch self {
        case .empty: return "the value is empty"
        case .invalidSyntax: return "not a plain decimal number (digits, an optional '-' and one '.'; no '+', spaces, exponent or thousands separators)"
        case .tooManyFractionDigits(let max): return max == 0 ? "it has decimal places, but a whole number is required" : "it has more than \(max) decimal place\(max == 1 ? "" : "s")"
        case .outOfRange: return "the number is too large"
        case .negative: return "it is negative"
        @unknown default: return description
        }
    }
}

/// The last path component: `Fixtures/sample/deals.csv` → `deals.csv`.
func baseName(_ path: String) -> String {
    // By bytes: '/' is never part of a longer UTF-8 sequence, and reports name a row's file
    // once per listed row (walking Characters from the end was visible in a million-row audit).
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
    return String(path[path.utf8.index(after: slash)...])
}
