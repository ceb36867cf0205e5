/// RFC 4180 output quoting of one CSV field: the one rule for every CSV the project writes.
///
///     CSVField.quoted("alice")        == "alice"
///     CSVField.quoted("o,neil")       == "\"o,neil\""
///     CSVField.quoted("say \"hi\"")   == "\"say \"\"hi\"\"\""
///     CSVField.quoted(" pad")         == "\" pad\""     (edge spaces would be trimmed on reading)
public enum CSVField {
    /// The field as written: quoted when it holds a comma, quote, CR, LF or edge spaces/tabs.
    public static func quoted(_ value: String) -> String {
        // Bytes, not characters: a space or tab at either end is a byte there (read by the
        // character, a space followed by a combining mark would not be, and would be trimmed).
        let utf8 = value.utf8
        let edges = utf8.first.map { $0 == 0x20 || $0 == 0x09 } == true || utf8.last.map { $0 == 0x20 || $0 == 0x09 } == true
        let needs = edges || utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needs else { return value }
        // Quotes doubled byte by byte: by the character, a quote followed by a combining mark
        // is one character that is not `"`, and was left single (the field then read back
        // as an error).
        var out: [UInt8] = [0x22]
        out.reserveCapacity(utf8.count + 8)
        for b in utf8 {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// One CSV line (LF-terminated) of already-unquoted values.
    public static func line(_ values: [String]) -> String {
        values.map(quoted).joined(separator: ",") + "\n"
    }
}
