/// Hints that name what a spreadsheet export did to a value, for the error that rejects it.
///
/// Spreadsheets write money with a currency sign (`$349.99`), decimals with a comma in many
/// locales (`349,99`), dates the way the locale shows them (`03/15/2027`) and whole files with
/// `;` between fields. The input rules stay strict (SPEC 2.1); these only explain the rejection:
///
///     number("$349.99")    → "remove the currency sign '$': write 349.99 (amounts are in the plan's currency)"
///     number("349,99")     → "349,99 has a decimal comma: write 349.99 (the decimal point is '.')"
///     date("03/15/2027")   → "03/15/2027 is a US date (month/day/year): write 2027-03-15"
enum SpreadsheetHints {
    static let currencySigns: Set<Character> = ["$", "€", "£", "¥", "₹", "₩", "₽", "₺", "¢"]

    /// Why `text` is not a plain decimal, if it looks like a spreadsheet's number; nil otherwise.
    ///
    /// `1,250.00` → thousands separators (write 1250.00); `1.250,00` → grouping dots and a
    /// decimal comma (write 1250.00); `1,250` → ambiguous (1250 or 1.250).
    static func number(_ text: String) -> String? {
        var body = text
        var sign = ""
        if body.hasPrefix("-") { sign = "-"; body.removeFirst() }
        if let first = body.first, currencySigns.contains(first) {
            body.removeFirst()
            let rest = sign + body.trimmingSpaces
            let plain = isPlain(rest) ? rest : (plainFromGrouped(rest) ?? "the number alone")
            return "remove the currency sign '\(first)': write \(plain) (amounts are in the plan's currency)"
        }
        if let last = body.last, currencySigns.contains(last) {
            body.removeLast()
            let rest = sign + body.trimmingSpaces
            return "remove the currency sign '\(last)': write \(isPlain(rest) ? rest : (plainFromGrouped(rest) ?? "the number alone"))"
        }
        let commas = body.filter { $0 == "," }.count
        let dots = body.filter { $0 == "." }.count
        guard commas > 0, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else {
            return nil
        }
        if commas == 1 && dots == 0 {
            let after = body.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            let fixed = sign + body.replacingComma(with: ".")
            if after.count == 3 {
                return "\(text) is ambiguous: a thousands separator (write \(sign + body.replacingComma(with: ""))) or a decimal comma (write \(fixed)); numbers have no separators and '.' as the decimal point"
            }
            return "\(text) has a decimal comma: write \(fixed) (the decimal point is '.')"
        }
        if let plain = plainFromGrouped(sign + body) {
            return "write numbers without thousands separators: \(plain)"
        }
        return "write numbers without thousands separators: 1234.50"
    }

    /// `1,250.00` → `1250.00`; `1.250,00` → `1250.00`; `12,50,000` → nil (not a grouping we know).
    static func plainFromGrouped(_ text: String) -> String? {
        let lastComma = text.lastIndex(of: ","), lastDot = text.lastIndex(of: ".")
        let decimalIsComma: Bool
        switch (lastComma, lastDot) {
        case let (c?, d?): decimalIsComma = c > d
        case (_?, nil): decimalIsComma = false
        default: return isPlain(text) ? text : nil
        }
        let group: Character = decimalIsComma ? "." : ","
        let point: Character = decimalIsComma ? "," : "."
        let parts = text.split(separator: point, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let groups = parts[0].split(separator: group, omittingEmptySubsequences: false)
        guard groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        let result = groups.joined() + (parts.count == 2 ? "." + parts[1] : "")
        return isPlain(result) ? result : nil
    }

    /// `-?[0-9]+(\.[0-9]+)?`.
    static func isPlain(_ text: String) -> Bool {
        var t = Substring(text)
        if t.hasPrefix("-") { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// What a date written by a spreadsheet means, if it looks like one; nil otherwise.
    ///
    /// `03/15/2027` → US month/day/year, `15/03/2027` or `15.03.2027` → day/month/year,
    /// `03/04/2027` → ambiguous (both readings named), `2027/03/15` → slashes, `46461` → a
    /// spreadsheet serial day number.
    static func date(_ text: String) -> String? {
        if text.count == 5, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "\(text) looks like a spreadsheet's day number: format the column as a date YYYY-MM-DD before saving"
        }
        let separators: Set<Character> = ["/", ".", "-"]
        guard let sep = text.first(where: { separators.contains($0) }) else { return nil }
        let parts = text.split(separator: sep, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        func two(_ s: String) -> String { s.count == 1 ? "0" + s : s }
        if parts[0].count == 4 {
            let iso = "\(parts[0])-\(two(parts[1]))-\(two(parts[2]))"
            return iso == text ? nil : "write the date as \(iso) (YYYY-MM-DD, with '-' and two-digit month and day)"
        }
        guard parts[2].count == 4, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        let year = parts[2]
        if a > 12 && b <= 12 {
            return "\(text) is day/month/year: write \(year)-\(two(parts[1]))-\(two(parts[0])) (YYYY-MM-DD)"
        }
        if b > 12 && a <= 12 {
            return "\(text) is a US date (month/day/year): write \(year)-\(two(parts[0]))-\(two(parts[1])) (YYYY-MM-DD)"
        }
        return "\(text) is ambiguous: \(year)-\(two(parts[0]))-\(two(parts[1])) (month first, US) or \(year)-\(two(parts[1]))-\(two(parts[0])) (day first); write dates as YYYY-MM-DD"
    }

    /// The separator a header uses instead of commas, when splitting on it finds the
    /// required columns: `deal_id;date;…` → `;`.
    static func separator(ofHeader raw: String, required: [String]) -> Character? {
        for sep: Character in [";", "\t", "|"] where raw.contains(sep) {
            let names = raw.split(separator: sep, omittingEmptySubsequences: false).map { $0.trimmingSpaces.trimmingQuotes }
            if required.allSatisfy(names.contains) { return sep }
        }
        return nil
    }

    /// `';'` or `a tab`.
    static func name(_ sep: Character) -> String { sep == "\t" ? "tabs" : "'\(sep)'" }
}

private extension String {
    func replacingComma(with s: String) -> String { split(separator: ",", omittingEmptySubsequences: false).joined(separator: s) }
}

private extension StringProtocol {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
    var trimmingQuotes: String {
        var s = String(self)
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
        return s
    }
}
