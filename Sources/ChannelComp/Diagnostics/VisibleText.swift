/// Text made safe to show: control and invisible format characters spelled out as `\u{…}`.
///
/// A terminal runs an ESC sequence it is sent (it can retitle the window, hide text or fake a
/// line); a U+202E turns the rest of the line around. Output meant for a person therefore never
/// carries them raw: `VisibleText.escape("Ann\u{1B}[2J")` is `Ann\u{1b}[2J` spelled with a
/// backslash, and `VisibleText.escape("ann\u{200E}")` is `ann\u{200e}`. Line feeds and tabs,
/// which every output uses for its own layout, are kept.
public enum VisibleText {
    /// True for a character no reader can see or that a terminal acts on: C0 controls, DEL, C1
    /// controls (U+0080–U+009F), and the invisible format characters of SPEC 6 (Unicode
    /// category Cf such as U+200E and U+2061–U+2064, variation selectors, U+034F, Hangul fillers).
    ///
    /// Examples: `isInvisible("\u{1B}")`, `isInvisible("\u{9B}")`, `isInvisible("\u{FE0F}")` are
    /// true; `isInvisible("a")`, `isInvisible("а")` (Cyrillic) and `isInvisible(" ")` are false.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if v < 0xAD { return false }
        switch v {
        case 0x034F,                       // combining grapheme joiner
             0xFE00...0xFE0F,              // variation selectors
             0xE0100...0xE01EF,            // variation selectors supplement
             0x115F, 0x1160, 0x3164, 0xFFA0, // Hangul fillers
             0x180B...0x180F:              // Mongolian variation selectors and vowel separator
            return true
        default:
            return scalar.properties.generalCategory == .format
        }
    }

    /// `text` with every invisible character except line feed and tab written as `\u{hex}`.
    ///
    /// Example: `escape("a\u{7}b\n")` is `a\u{7}b` + line feed (the BEL spelled out, the line
    /// feed kept); plain text comes back unchanged without being copied.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if scalar != "\n" && scalar != "\t" && isInvisible(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A quick scan: false for text of printable ASCII, line feeds, tabs and ordinary letters.
    ///
    /// Byte by byte; a character beyond ASCII is decoded where it stands and checked alone (a
    /// report with an arrow or a `÷` in every row is not read again scalar by scalar).
    static func needsEscaping(_ text: String) -> Bool {
        var scan = text
        return scan.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            guard let base = bytes.baseAddress else { return false }
            let space = SIMD16<UInt8>(repeating: 0x20), delete = SIMD16<UInt8>(repeating: 0x7F)
            let lf = SIMD16<UInt8>(repeating: 10), tab = SIMD16<UInt8>(repeating: 9)
            while i < n {
                // Sixteen bytes at a time while they are printable ASCII, LF or tab (nearly all
                // of a report); a block with anything else is read byte by byte below.
                if i &+ 16 <= n {
                    let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                    let control: SIMDMask<SIMD16<Int8>> = (v .< space) .& (v .!= lf) .& (v .!= tab)
                    if !any(control .| (v .>= delete)) {
                        i &+= 16
                        continue
                    }
                }
                let b = bytes[i]
                if b < 0x80 {
                    if (b < 0x20 && b != 10 && b != 9) || b == 0x7F { return true }
                    i &+= 1
                    continue
                }
                // A String's UTF-8 is valid: a lead byte and its 1 to 3 continuation bytes.
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + length <= n else { return true }
                var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                guard let scalar = Unicode.Scalar(value) else { return true }
                if isInvisible(scalar) { return true }
                i &+= length
            }
            return false
        }
    }
}
