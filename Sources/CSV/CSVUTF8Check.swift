/// Strict UTF-8 checks for the CSV reader (RFC 3629 / Unicode Table 3-7).
///
/// Well-formed sequences, by lead byte:
///
/// | lead      | 2nd byte | 3rd, 4th  | length |
/// | --------- | -------- | --------- | ------ |
/// | C2…DF     | 80…BF    |           | 2      |
/// | E0        | A0…BF    | 80…BF     | 3      |
/// | E1…EC, EE…EF | 80…BF | 80…BF     | 3      |
/// | ED        | 80…9F    | 80…BF     | 3      |
/// | F0        | 90…BF    | 80…BF ×2  | 4      |
/// | F1…F3     | 80…BF    | 80…BF ×2  | 4      |
/// | F4        | 80…8F    | 80…BF ×2  | 4      |
///
/// Example: `E2 82 AC` (€) is 3 bytes long; `C0 AF` (overlong `/`), `ED A0 80`
/// (a surrogate) and `F4 90 80 80` (above U+10FFFF) are rejected.
public enum CSVUTF8Check {
    /// Length (2…4) of the well-formed sequence whose lead byte (≥ 0x80) is at
    /// `i`, or 0 when it is not well formed.
    ///
    /// Example: for `C3 A9` (é) returns 2; for `C3 41` returns 0.
    @inline(__always)
    public static func sequenceLength(_ s: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b0 = s[i]
        if b0 < 0xC2 { return 0 }
        if b0 < 0xE0 {
            return i + 1 < n && s[i + 1] & 0xC0 == 0x80 ? 2 : 0
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return 0 }
            let b1 = s[i + 1]
            let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= low && b1 <= high && s[i + 2] & 0xC0 == 0x80 else { return 0 }
            return 3
        }
        if b0 < 0xF5 {
            guard i + 3 < n else { return 0 }
            let b1 = s[i + 1]
            let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard b1 >= low && b1 <= high && s[i + 2] & 0xC0 == 0x80 && s[i + 3] & 0xC0 == 0x80 else {
                return 0
            }
            return 4
        }
        return 0
    }

    /// Says why the bytes at `i` are not well-formed UTF-8 (slow path, errors only).
    ///
    /// Example: for `E2 82 41` → "invalid UTF-8: truncated sequence E2 82: lead byte 0xE2
    /// needs 2 continuation bytes (0x80–0xBF) but found 0x41; expected UTF-8 text (…)".
    public static func problem(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> String {
        let b0 = buf[i]
        let expected = "; expected UTF-8 text (is the file saved in another encoding, e.g. Latin-1 or Windows-1252?)"
        func hex(_ b: UInt8) -> String {
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
        }
        if b0 >= 0x80 && b0 <= 0xBF {
            return "invalid UTF-8: continuation byte 0x\(hex(b0)) without a lead byte" + expected
        }
        if b0 == 0xC0 || b0 == 0xC1 {
            return "invalid UTF-8: overlong encoding (lead byte 0x\(hex(b0)) encodes an ASCII character in two bytes)"
                + expected
        }
        if b0 >= 0xF5 {
            return "invalid UTF-8: byte 0x\(hex(b0)) never appears in UTF-8" + expected
        }
        let length = b0 < 0xE0 ? 2 : (b0 < 0xF0 ? 3 : 4)
        let needed = length - 1
        let plural = needed == 1 ? "byte" : "bytes"
        var seen = [b0]
        for k in 1..<length {
            let found: String
            if i + k >= buf.count {
                found = "the end of the file"
            } else {
                let b = buf[i + k]
                if b & 0xC0 == 0x80 {
                    if k == 1 {
                        if b0 == 0xE0 && b < 0xA0 || b0 == 0xF0 && b < 0x90 {
                            return "invalid UTF-8: overlong encoding \(hex(b0)) \(hex(b))…" + expected
                        }
                        if b0 == 0xED && b >= 0xA0 {
                            return "invalid UTF-8: \(hex(b0)) \(hex(b))… encodes a UTF-16 surrogate (U+D800–U+DFFF)"
                                + expected
                        }
                        if b0 == 0xF4 && b >= 0x90 {
                            return "invalid UTF-8: \(hex(b0)) \(hex(b))… encodes a code point above U+10FFFF" + expected
                        }
                    }
                    seen.append(b)
                    continue
                }
                found = "0x\(hex(b))"
            }
            let shown = seen.map(hex).joined(separator: " ")
            return "invalid UTF-8: truncated sequence \(shown): lead byte 0x\(hex(b0)) needs \(needed) continuation "
                + "\(plural) (0x80–0xBF) but found \(found)" + expected
        }
        return "invalid UTF-8" + expected  // not reached for ill-formed input
    }
}
