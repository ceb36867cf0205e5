import Testing
@testable import ChannelComp

/// `VisibleText`: what is spelled out (`\u{…}`) before text reaches a terminal or a file.
/// The quick byte scan (`needsEscaping`) must agree with the scalar-by-scalar definition.
@Suite("Visible text")
struct VisibleTextTests {
    /// The definition: some scalar other than LF and tab is invisible.
    static func definition(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 != "\n" && $0 != "\t" && VisibleText.isInvisible($0) }
    }

    @Test("worked examples")
    func examples() {
        #expect(VisibleText.escape("Ann\u{1B}[2J") == "Ann\\u{1b}[2J")
        #expect(VisibleText.escape("ann\u{200E}") == "ann\\u{200e}")
        #expect(VisibleText.escape("a\u{7}b\n") == "a\\u{7}b\n")
        #expect(VisibleText.escape("partner ÷ direct → 1.0000\tMüller") == "partner ÷ direct → 1.0000\tMüller")
        #expect(VisibleText.escape("x\u{9B}y") == "x\\u{9b}y")           // a C1 control (2 bytes in UTF-8)
        #expect(VisibleText.escape("soft\u{AD}hyphen") == "soft\\u{ad}hyphen")
        #expect(VisibleText.escape("emoji\u{FE0F}") == "emoji\\u{fe0f}")   // 3 bytes
        #expect(VisibleText.escape("tag\u{E0041}") == "tag\\u{e0041}")     // 4 bytes, a format character
    }

    @Test("the byte scan agrees with the definition for every scalar up to U+3000 and the planes' format ranges, alone and among text")
    func everyScalar() {
        var scalars = Array(0..<0x3000)
        scalars += Array(0xFE00...0xFFFF) + Array(0x1_0000..<0x1_0200) + Array(0x1_BC90..<0x1_BCB0)
            + Array(0x1_D170..<0x1_D180) + Array(0xE_0000..<0xE_0200) + [0x10_FFFD]
        for v in scalars {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
            // Alone, among other characters, and at several offsets of a long ASCII line (the scan
            // reads 16 bytes at a time while they are plain).
            let plain = (0..<34).map { Character(UnicodeScalar(0x41 + $0 % 26)!) }
            let long = [0, 7, 15, 16, 17, 31].map { k in String(plain[0..<k]) + String(Character(scalar)) + String(plain) }
            for text in [String(Character(scalar)), "ab→\(scalar)÷", "\(scalar)é", "é\(scalar)"] + long {
                if VisibleText.needsEscaping(text) != Self.definition(text) {
                    Issue.record("U+\(String(v, radix: 16)) in \(text.debugDescription)")
                    return
                }
            }
        }
    }

    @Test("escape leaves nothing invisible and changes nothing visible, on random mixed text")
    func randomText() {
        let pieces = ["a", "Zz 9", "\n", "\t", "\u{1B}", "\u{7F}", "\u{85}", "\u{AD}", "é", "e\u{301}", "→", "÷", "€",
                      "\u{200E}", "\u{202E}", "\u{2061}", "\u{FE0F}", "\u{FEFF}", "😀", "\u{E0001}", "\u{115F}", "K", "\u{212A}"]
        var state: UInt64 = 77
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3_000 {
            let text = (0..<next(30)).map { _ in pieces[next(pieces.count)] }.joined()
            #expect(VisibleText.needsEscaping(text) == Self.definition(text), "\(text.debugDescription)")
            let escaped = VisibleText.escape(text)
            #expect(!Self.definition(escaped), "\(text.debugDescription) → \(escaped.debugDescription)")
            if !Self.definition(text) { #expect(escaped == text) }
        }
    }
}
