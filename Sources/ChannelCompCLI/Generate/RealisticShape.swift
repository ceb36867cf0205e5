import ChannelComp

/// Rewrites the generator's plain deals.csv into the shape real CRM exports have, with the
/// same meaning row for row: another column order, a byte-order mark, CRLF line ends, quoted
/// and space-padded fields, `line` and `event` sometimes written out and sometimes left empty,
/// cancellations that repeat their booking's columns, and a free-text `notes` column (an
/// unknown column: reported, never used) whose quoted text holds commas and line breaks.
///
/// A plain row
///
///     D00000007,,,2026-11-02,A0000031,T00003,WIDGET,12,1200.00,,USD,,direct,,,,rep00003
///
/// may come out as
///
///     "rep00003",USD, 12 ,,"D00000007",direct,1,…,"called twice, then signed"\r\n
///
/// Every SPEC reading gives the same ledger, so `payout` pays the same on both shapes (tested).
struct RealisticShape {
    /// The plain generator's header.
    static let plainColumns = ["deal_id", "line", "event", "date", "account", "territory", "product", "quantity",
                               "unit_list_price", "sale_price", "currency", "purchase", "channel", "partner",
                               "registration", "sourced_by", "reps"]
    static let notes = ["called twice, then signed", "renewal; see \"Q3 plan\"", "multi-year, billed yearly",
                        "PO received\nsigned by procurement", "expansion, same contact"]

    var random: SyntheticData.Random
    /// Output order: indexes into `plainColumns`, and `plainColumns.count` for `notes`.
    let order: [Int]
    /// The last booking row written (a cancellation right after it may repeat its columns).
    var lastBooking: [Substring] = []
    var started = false

    init(seed: UInt64) {
        random = SyntheticData.Random(state: seed ^ 0x5EA5_0FF1CE)
        var order = Array(0...RealisticShape.plainColumns.count)
        // Fisher–Yates with the seeded generator: one column order per file.
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.below(i + 1)) }
        self.order = order
    }

    /// Rewrites complete plain lines (the header first) into `out`.
    mutating func rewrite(_ plain: [UInt8], into out: inout [UInt8]) {
        var start = 0
        for (i, byte) in plain.enumerated() where byte == 10 {
            let line = String(decoding: plain[start..<i], as: UTF8.self)
            start = i + 1
            if !started {
                started = true
                out.append(contentsOf: [0xEF, 0xBB, 0xBF])
                let names = order.map { $0 < RealisticShape.plainColumns.count ? RealisticShape.plainColumns[$0] : "notes" }
                out.append(contentsOf: names.joined(separator: ",").utf8)
                out.append(contentsOf: "\r\n".utf8)
                continue
            }
            row(line.split(separator: ",", omittingEmptySubsequences: false), into: &out)
        }
    }

    mutating func row(_ plain: [Substring], into out: inout [UInt8]) {
        var fields = plain
        let isCancellation = fields[2] == "cancellation"
        if isCancellation {
            // Half of the cancellations repeat their booking's columns, as many CRMs export them.
            if random.percent(50), lastBooking.count == fields.count, lastBooking[0] == fields[0], lastBooking[1] == fields[1] {
                for k in 4..<fields.count { fields[k] = lastBooking[k] }
            }
        } else {
            lastBooking = plain
            if random.percent(50) { fields[2] = "booking" }
        }
        if fields[1].isEmpty && random.percent(30) { fields[1] = random.percent(20) ? "01" : "1" }
        for (k, column) in order.enumerated() {
            if k > 0 { out.append(44) }
            if column == plain.count {
                let r = random.below(100)
                if r < 25 { quote(RealisticShape.notes[random.below(RealisticShape.notes.count)], into: &out) }
                continue
            }
            let value = fields[column]
            let r = random.below(100)
            if value.isEmpty {
                if r < 5 { out.append(contentsOf: "\"\"".utf8) } else if r < 10 { out.append(32) }
            } else if r < 20 {
                quote(String(value), into: &out)
            } else if r < 35 {
                out.append(32)
                out.append(contentsOf: value.utf8)
                out.append(contentsOf: r < 28 ? [32] : [32, 32])
            } else {
                out.append(contentsOf: value.utf8)
            }
        }
        out.append(contentsOf: "\r\n".utf8)
    }

    func quote(_ text: String, into out: inout [UInt8]) {
        out.append(34)
        for b in text.utf8 {
            out.append(b)
            if b == 34 { out.append(34) }
        }
        out.append(34)
    }
}
