import Testing
import _TestSupport
@testable import ChannelCompCLI

/// Text tables pad cells to their column's width in characters and drop the spaces that end a
/// line; widths are counted by bytes for ASCII cells. The result must be that of counting
/// characters everywhere.
@Suite struct TextTableTests {
    /// The table by characters only (the definition).
    static func byCharacters(_ rows: [[String]], rightAligned: Set<Int>, header: Bool) -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for (n, r) in rows.enumerated() {
            var line = ""
            for (i, c) in r.enumerated() where i < widths.count {
                let padding = String(repeating: " ", count: widths[i] - c.count)
                line += (i == 0 ? "" : "  ") + (rightAligned.contains(i) ? padding + c : c + padding)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
            if n == 0 && header { out += widths.enumerated().map { String(repeating: "-", count: $0.element) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    static let cells = ["", "a", "D2703-06", "1200.00", "-35.10", "é", "e\u{301}", "東京", "trailing ", "  ", "\u{0600} ",
                        "🇫🇷", "👍🏽 ", "tab\t", "x\r\n", String(repeating: "w", count: 30)]

    @Test("random tables render as counting characters does", arguments: [UInt64(1), 2, 3])
    func sameAsCharacters(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<200 {
            let columns = 1 + Int(rng.next() % 4), count = 1 + Int(rng.next() % 5)
            let rows = (0..<count).map { _ in (0..<columns).map { _ in Self.cells[Int(rng.next() % UInt64(Self.cells.count))] } }
            let right = Set((0..<columns).filter { _ in rng.next() % 2 == 0 })
            let header = rng.next() % 2 == 0
            #expect(TextTable.render(rows, rightAligned: right, header: header) == Self.byCharacters(rows, rightAligned: right, header: header),
                    "\(rows)")
        }
    }

    /// `東京` is 2 characters (6 bytes): padded to 4 with 2 spaces; a line's own trailing
    /// space goes, but U+0600 and the space after it are one character and stay.
    @Test("widths are characters; trailing spaces go unless joined to a character")
    func worked() {
        #expect(TextTable.render([["東京", "x"], ["abcd", "y"]], rightAligned: [], header: false) == "東京    x\nabcd  y\n")
        #expect(TextTable.render([["a", "b "]], rightAligned: [], header: false) == "a  b\n")
        #expect(TextTable.render([["a", "\u{0600} "]], rightAligned: [], header: false) == "a  \u{0600} \n")
    }
}
