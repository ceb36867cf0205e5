/// A minimal JSON writer, the counterpart of the parser: objects keep their key order, and
/// numbers a caller wants exact (money) travel as strings, never as JSON numbers.
///
///     JSONOut.object([("payout", .string("932.00")), ("rows", .int(3))]).render()
///     // {\n  "payout": "932.00",\n  "rows": 3\n}
public indirect enum JSONOut: Sendable {
    case object([(String, JSONOut)])
    case array([JSONOut])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    public func render(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { "\(pad)\(JSONOut.escape($0.0)): \($0.1.render(indent: indent + 1))" }.joined(separator: ",\n") + "\n\(close)}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n\(close)]"
        case .string(let s): return JSONOut.escape(s)
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    /// The text as a JSON string literal: `a"b` → `"a\"b"` (``JSONEscaping``, lowercase hex, DEL kept).
    public static func escape(_ s: String) -> String {
        "\"" + JSONEscaping.escaped(s, hex: .lower, escapeDelete: false) + "\""
    }
}
