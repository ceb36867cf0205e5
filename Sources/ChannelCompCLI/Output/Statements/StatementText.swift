import ChannelComp

/// Renders a ``StatementDocument`` as plain UTF-8 text with aligned columns.
///
///     Payout
///     ------
///     earned YTD    11332.24
///     paid to date   9450.00  preview: earned YTD through 2027-02 from this ledger
///     payout         1882.24  earned YTD − paid to date
enum StatementText {
    static func render(_ doc: StatementDocument) -> String {
        bytes(doc).text
    }

    /// The statement as the bytes of its file.
    static func bytes(_ doc: StatementDocument) -> TextOutput {
        var out = TextOutput()
        let title = PlainText.clean(doc.title)
        out += title; out += "\n"; out.appendRepeating(UInt8(ascii: "="), count: title.count); out += "\n"
        for line in doc.context { out += PlainText.clean(line); out += "\n" }
        for section in doc.sections {
            let heading = PlainText.clean(section.heading)
            out += "\n"; out += heading; out += "\n"; out.appendRepeating(UInt8(ascii: "-"), count: heading.count); out += "\n"
            out += facts(section.facts)
            if let chart = section.chart { out += self.chart(chart) }
            if let table = section.table { self.table(table, into: &out) }
            if let trace = section.trace { TraceText.write(trace, into: &out) }
            for note in section.notes { out += "* "; out += PlainText.clean(note); out += "\n" }
        }
        return out
    }

    static func facts(_ facts: [StatementFact]) -> String {
        guard !facts.isEmpty else { return "" }
        let labels = facts.map { PlainText.clean($0.label) }
        let values = facts.map { PlainText.clean($0.value) }
        let labelWidth = labels.map(\.count).max() ?? 0
        let valueWidth = values.map(\.count).max() ?? 0
        var out = ""
        for (i, fact) in facts.enumerated() {
            var line = pad(labels[i], labelWidth) + "  " + pad(values[i], valueWidth, right: true)
            if !fact.note.isEmpty { line += "  " + PlainText.clean(fact.note) }
            if fact.emphasis { line += "  <==" }
            out += line + "\n"
        }
        return out
    }

    /// `text` padded with spaces to `width` characters; `right` aligns it to the right.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let spaces = String(repeating: " ", count: max(0, width - text.count))
        return right ? spaces + text : text + spaces
    }

    static func table(_ table: StatementTable, into out: inout TextOutput) {
        guard !table.rows.isEmpty else { out += PlainText.clean(table.emptyText); out += "\n"; return }
        var rows = [table.columns.map { PlainText.clean($0.title) }]
        rows += table.rows.map { $0.map(PlainText.clean) }
        if let footer = table.footer { rows.append(footer.map(PlainText.clean)) }
        let right = Set(table.columns.indices.filter { table.columns[$0].numeric })
        TextTable.write(rows, rightAligned: right, into: &out)
    }

    /// A 50-column bar: `#` up to the value, `|` at each mark, then the marks listed.
    ///
    ///     attainment 28.33%  [##############|.........................|............]
    static func chart(_ chart: TierChart) -> String {
        let width = 50
        var cells = [Character](repeating: ".", count: width)
        let filled = Int(chart.position(chart.value, length: width).formatted(fractionDigits: 0)) ?? 0
        for i in 0..<min(filled, width) { cells[i] = "#" }
        for mark in chart.marks {
            let at = Int(chart.position(mark.value, length: width).formatted(fractionDigits: 0)) ?? 0
            cells[min(max(at, 0), width - 1)] = "|"
        }
        var out = PlainText.clean(chart.caption) + "\n"
        out += "[" + String(cells) + "]  " + PlainText.clean(chart.valueLabel) + "\n"
        out += "| marks: " + chart.marks.map { PlainText.clean($0.label) }.joined(separator: "; ") + "\n"
        return out
    }
}

/// Input text made safe for a plain-text statement: control and bidirectional-override
/// characters, which could fake lines or reorder figures, become `�`.
///
/// `"Ann\nearned 1000000"` → `"Ann�earned 1000000"`; `"Zoë Ng"` is unchanged.
enum PlainText {
    /// Whether `text` holds none of the characters ``clean(_:)`` replaces, so that it returns
    /// `text` as it is — decided on the UTF-8 bytes, without decoding: C0 controls and DEL are
    /// single bytes; C1 controls are `C2 80`…`C2 9F`; U+061C is `D8 9C`; U+200E/F, U+2028…202E
    /// are `E2 80 8E`/`8F`, `E2 80 A8`…`AE`; U+2066…2069 are `E2 81 A6`…`A9`. (In UTF-8 a lead
    /// byte never occurs inside another character, so each match is a character of its own.)
    ///
    /// `"N = L − D"` (U+2212) is clean; `"a\u{202E}b"` (`E2 80 AE`) is not.
    static func isClean(_ text: String) -> Bool {
        if let clean = text.utf8.withContiguousStorageIfAvailable(isClean) { return clean }
        return Array(text.utf8).withUnsafeBufferPointer { isClean($0) }
    }

    private static func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F { return false }
                i += 1
                continue
            }
            let next: UInt8 = i + 1 < n ? bytes[i + 1] : 0
            switch b {
            case 0xC2 where next >= 0x80 && next <= 0x9F: return false
            case 0xD8 where next == 0x9C: return false
            case 0xE2 where i + 2 < n:
                let third = bytes[i + 2]
                if next == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE)) { return false }
                if next == 0x81 && third >= 0xA6 && third <= 0xA9 { return false }
            default: break
            }
            i += 1
        }
        return true
    }

    static func clean(_ text: String) -> String {
        // Nearly every text needs nothing (the common case): no scalar-by-scalar copy.
        if isClean(text) { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            let v = s.value
            let control = v < 0x20 || (v >= 0x7F && v < 0xA0)
            let layout = v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0x061C
            out.unicodeScalars.append(control || layout ? "\u{FFFD}" : s)
        }
        return out
    }
}

