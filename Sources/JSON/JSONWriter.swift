/// A minimal JSON writer, the counterpart of the parser: objects keep their key order, and
/// numbers a caller wants exact (money) travel as strings, never as JSON numbers.
///
///     JSONOut.object([("payout", .string("932.00")), ("rows", .int(3))]).render()
///     // {\n  "payout": "932.00",\n  "rows": 3\n}
public indirect enum JSONOut: Sendable {
    case object([(String, JSONOut)])
    case array([JSONOut])
    /// An array whose `count` items are made one at a time while it is written (`item(k)`), so
    /// that a list of a million rows is never held as a million trees. Written exactly as
    /// `.array((0..<count).map(item))`.
    case generated(count: Int, item: @Sendable (Int) -> JSONOut)
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    public func render(indent: Int = 0) -> String {
        var out: [UInt8] = []
        write(into: &out, indent: indent)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``render(indent:)`` to `out` as UTF-8: one buffer for the whole document, so a
    /// large one (an audit's million rows) costs its size once, not once per level of nesting.
    public func write(into out: inout [UInt8], indent: Int = 0) {
        emitting(into: &out, indent: indent, chunk: .max) { _ in }
    }

    /// Writes ``render()`` in pieces: `emit` is handed the buffer whenever it holds `chunk`
    /// bytes or more after an array item, and once at the end, and empties it. Every piece ends
    /// after a whole item, so it is whole UTF-8 — a million-row document is never held at once.
    ///
    ///     .generated(count: 3) { .int($0) }  chunk 4 → "[\n  0,\n  1" "," … then the rest
    public func write(chunk: Int, emit: (inout [UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(min(chunk, 1 << 24) + 4096)
        emitting(into: &out, indent: 0, chunk: chunk, emit: emit)
        emit(&out)
    }

    /// The writer itself (one layout for ``render(indent:)``, ``write(into:indent:)`` and
    /// ``write(chunk:emit:)``).
    private func emitting(into out: inout [UInt8], indent: Int, chunk: Int, emit: (inout [UInt8]) -> Void) {
        switch self {
        case .object(let fields):
            if fields.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (k, (key, value)) in fields.enumerated() {
                out.append(contentsOf: k == 0 ? [0x0A] : [0x2C, 0x0A])
                JSONOut.pad(&out, indent + 1)
                JSONOut.appendString(key, to: &out)
                out.append(contentsOf: [0x3A, 0x20])
                value.emitting(into: &out, indent: indent + 1, chunk: chunk, emit: emit)
            }
            out.append(0x0A)
            JSONOut.pad(&out, indent)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            JSONOut.writeArray(count: items.count, { items[$0] }, into: &out, indent: indent, chunk: chunk, emit: emit)
        case .generated(let count, let item):
            JSONOut.writeArray(count: count, item, into: &out, indent: indent, chunk: chunk, emit: emit)
        case .string(let s): JSONOut.appendString(s, to: &out)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    /// `[`, the items one per line, `]` (`[]` when empty).
    private static func writeArray(count: Int, _ item: (Int) -> JSONOut, into out: inout [UInt8], indent: Int,
                                   chunk: Int, emit: (inout [UInt8]) -> Void) {
        if count == 0 { out.append(contentsOf: "[]".utf8); return }
        out.append(UInt8(ascii: "["))
        for k in 0..<count {
            out.append(contentsOf: k == 0 ? [0x0A] : [0x2C, 0x0A])
            JSONOut.pad(&out, indent + 1)
            item(k).emitting(into: &out, indent: indent + 1, chunk: chunk, emit: emit)
            if out.count >= chunk { emit(&out) }
        }
        out.append(0x0A)
        JSONOut.pad(&out, indent)
        out.append(UInt8(ascii: "]"))
    }

    /// Two spaces per level.
    private static func pad(_ out: inout [UInt8], _ levels: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * levels))
    }

    /// ``escape(_:)`` appended to `out`.
    private static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        JSONEscaping.append(s, hex: .lower, escapeDelete: false, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The text as a JSON string literal: `a"b` → `"a\"b"` (``JSONEscaping``, lowercase hex, DEL kept).
    public static func escape(_ s: String) -> String {
        "\"" + JSONEscaping.escaped(s, hex: .lower, escapeDelete: false) + "\""
    }
}
