/// A long list of diagnostics made readable: the first few of each kind in full, the rest of
/// each kind counted on one line with their line numbers.
///
/// 127 errors "column 'unit_list_price': … found "$349.99" …" with `perKind: 3` → three full
/// errors, then
///
///     deals.csv: … 124 more errors like the above (column 'unit_list_price': expected a unit list price ≥ 0 …) on lines 5, 6, 8, … 160
///
/// Two diagnostics are of one kind when they have the same file, severity and field, and the
/// same message and hint once quoted values and numbers are set aside.
public struct DiagnosticDigest: Sendable {
    /// How many of each kind are shown in full; 0 shows every diagnostic.
    public var perKind: Int
    /// How many line numbers a count line lists before `…`.
    public var linesListed = 12

    public init(perKind: Int) { self.perKind = perKind }

    /// The default of `--max-errors`: 3 of each kind in full.
    public static let defaultPerKind = 3

    /// The diagnostics in their order, each kind cut to `perKind`, then one count line per cut kind.
    public func render(_ items: [Diagnostic]) -> String {
        guard perKind > 0 else { return items.map { $0.render() }.joined(separator: "\n") }
        var seen: [String: Int] = [:]
        var order: [String] = []
        var hidden: [String: [Diagnostic]] = [:]
        var lines: [String] = []
        for d in items {
            let k = Self.kind(d)
            let n = seen[k, default: 0]
            seen[k] = n + 1
            if n < perKind {
                lines.append(d.render())
            } else {
                if hidden[k] == nil { order.append(k) }
                hidden[k, default: []].append(d)
            }
        }
        for k in order {
            guard let rest = hidden[k], let first = rest.first else { continue }
            let what = first.severity == .error ? "error" : "warning"
            var text = "\(first.file): … \(rest.count) more \(what)\(rest.count == 1 ? "" : "s") like the above ("
            text += Self.shortened((first.field.map { $0 + ": " } ?? "") + first.message) + ")"
            let numbers = rest.compactMap(\.line)
            if !numbers.isEmpty {
                let listed = numbers.prefix(linesListed).map(String.init).joined(separator: ", ")
                text += " on line\(numbers.count == 1 ? "" : "s") \(listed)"
                if numbers.count > linesListed { text += ", … \(numbers[numbers.count - 1])" }
            }
            lines.append(text + "; --max-errors 0 shows them all")
        }
        return lines.joined(separator: "\n")
    }

    /// The kind of a diagnostic: file, severity, field and the message with quoted values and
    /// digits masked.
    ///
    /// `cancellation of deal "D2612-05" line 1` and `cancellation of deal "D2702-08" line 2`
    /// are one kind.
    static func kind(_ d: Diagnostic) -> String {
        [d.file, d.severity.rawValue, d.field ?? "", masked(d.message), masked(d.hint ?? "")].joined(separator: "\u{0}")
    }

    /// `cancellation of deal "D1" line 12` → `cancellation of deal "…" line #`.
    static func masked(_ text: String) -> String {
        var masked = ""
        var inQuote = false
        var lastWasDigit = false
        for ch in text {
            if ch == "\"" { inQuote.toggle(); if !inQuote { masked += "\"…\"" }; continue }
            if inQuote { continue }
            if ch.isASCII && ch.isNumber {
                if !lastWasDigit { masked += "#" }
                lastWasDigit = true
                continue
            }
            lastWasDigit = false
            masked.append(ch)
        }
        return masked
    }

    /// The first 80 characters of a message, cut at a word with `…`.
    static func shortened(_ text: String, limit: Int = 80) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + " …"
    }
}
