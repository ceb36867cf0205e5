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
        var scan = value
        let needs = scan.withUTF8 { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last else { return false }
            if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
            for b in bytes where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 { return true }
            return false
        }
        guard needs else { return value }
        let utf8 = value.utf8
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
