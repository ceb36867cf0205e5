/// RFC 4180 output quoting of one CSV field: the one rule for every CSV the project writes.
///
///     CSVField.quoted("alice")        == "alice"
///     CSVField.quoted("o,neil")       == "\"o,neil\""
///     CSVField.quoted("say \"hi\"")   == "\"say \"\"hi\"\"\""
///     CSVField.quoted(" pad")         == "\" pad\""     (edge spaces would be trimmed on reading)
public enum CSVField {
    /// The field as written: quoted when it holds a comma, quote, CR, LF or edge spaces/tabs.
    public static func quoted(_ value: String) -> String {
        let needs = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || value.first == " " || value.last == " " || value.first == "\t" || value.last == "\t"
        guard needs else { return value }
        var out = "\""
        for c in value { if c == "\"" { out += "\"\"" } else { out.append(c) } }
        return out + "\""
    }

    /// One CSV line (LF-terminated) of already-unquoted values.
    public static func line(_ values: [String]) -> String {
        values.map(quoted).joined(separator: ",") + "\n"
    }
}
