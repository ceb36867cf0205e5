/// A strict RFC 8259 JSON parser that keeps locations and number literals.
///
/// `JSONParser.parse(Array(#"{"days": 90, "rate": "35%"}"#.utf8))` returns an
/// object node at 1:1 whose members are `days` → `.number("90")` at 1:10 and
/// `rate` → `.string("35%")` at 1:22. Anything outside the JSON grammar is an
/// error naming what was found and what was expected: `NaN`, `Infinity`,
/// `+1`, `.5`, `01`, trailing commas, comments, single quotes, unquoted keys,
/// lone surrogates, control characters in strings, invalid UTF-8, and a key
/// given twice in one object. A UTF-8 byte order mark at the start is skipped.
/// Nesting deeper than `maximumDepth` arrays and objects is an error, never a
/// stack overflow (the parser does not recurse).
public enum JSONParser {
    /// How many arrays and objects may sit inside each other: 512.
    ///
    /// 512 nested `[` parse; a 513th is an error at its bracket.
    public static let defaultMaximumDepth = 512

    /// Parses one JSON document from UTF-8 bytes.
    ///
    /// `parse(Array("[1, 2.50]".utf8))` → an array node at 1:1 with
    /// `.number("1")` at 1:2 and `.number("2.50")` at 1:5.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        try parse(bytes, maximumDepth: defaultMaximumDepth)
    }

    /// Parses one JSON document, allowing at most `maximumDepth` nested arrays
    /// and objects.
    ///
    /// With `maximumDepth: 2`, `[[1]]` parses and `[[[1]]]` fails at 1:3.
    public static func parse(
        _ bytes: [UInt8], maximumDepth: Int
    ) throws(JSONSyntaxError) -> JSONNode {
        var scanner = JSONScanner(bytes: bytes, maximumDepth: maximumDepth)
        return try scanner.parseDocument()
    }
}

// MARK: - Scanner

/// The parser's state: a cursor over the bytes plus line/column bookkeeping.
///
/// Containers are kept on an explicit stack (`Frame`) instead of recursion,
/// so depth is bounded by `maximumDepth` and never by the thread's stack.
public struct JSONScanner {
    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    // The last computed column on the current line, so that columns are
    // computed incrementally (linear time even for one-line documents).
    private var cacheOffset = 0
    private var cacheColumn = 1
    // The innermost container still open, for "is never closed" hints.
    private var innermostOpen: (bracket: String, location: JSONLocation)?

    public init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// An array or object being filled.
    private struct Frame {
        let isObject: Bool
        let open: JSONLocation
        var elements: [JSONNode] = []
        var members: [JSONMember] = []
        var keyLocations: [String: JSONLocation] = [:]
        var key = ""
        var keyLocation = JSONLocation(line: 0, column: 0)
    }

    /// What kind of value the grammar wants next, for messages.
    private enum ValueSlot {
        case topLevel
        case firstElement
        case nextElement
        case memberValue(String)

        var expectation: String {
            switch self {
            case .topLevel: "expected a JSON value"
            case .firstElement: "expected a value or ']'"
            case .nextElement: "expected a value after ','"
            case .memberValue(let key): "expected a value for key \(JSONScanner.quotedKey(key))"
            }
        }
    }

    // MARK: Document

    public mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            pos = 3
            lineStart = 3
            cacheOffset = 3
        }
        var stack: [Frame] = []
        var slot = ValueSlot.topLevel

        parsing: while true {
            skipWhitespace()
            let start = location(at: pos)
            guard pos < bytes.count else {
                throw unexpected(slot.expectation, context: .value)
            }
            var node: JSONNode
            let byte = bytes[pos]
            if byte == Byte.openBrace || byte == Byte.openBracket {
                let isObject = byte == Byte.openBrace
                guard stack.count < maximumDepth else {
                    throw JSONSyntaxError(
                        location: start,
                        message: "nesting is too deep: more than \(maximumDepth) arrays and objects inside each other")
                }
                pos += 1
                stack.append(Frame(isObject: isObject, open: start))
                innermostOpen = (isObject ? "{" : "[", start)
                skipWhitespace()
                let closer = isObject ? Byte.closeBrace : Byte.closeBracket
                if peek(closer) {
                    pos += 1
                    stack.removeLast()
                    updateInnermostOpen(stack)
                    node = JSONNode(value: isObject ? .object([]) : .array([]), location: start)
                } else if isObject {
                    try readKey(into: &stack[stack.count - 1], expectation: "expected a string key or '}'")
                    slot = .memberValue(stack[stack.count - 1].key)
                    continue parsing
                } else {
                    slot = .firstElement
                    continue parsing
                }
            } else {
                node = try parseScalar(start: start, slot: slot)
            }

            // Attach the finished node to its container; close containers
            // whose closing bracket follows.
            while true {
                guard !stack.isEmpty else {
                    skipWhitespace()
                    if pos < bytes.count {
                        throw unexpected("expected end of input after the top-level value", context: .afterValue)
                    }
                    return node
                }
                let top = stack.count - 1
                if stack[top].isObject {
                    stack[top].members.append(
                        JSONMember(key: stack[top].key, keyLocation: stack[top].keyLocation, value: node))
                    skipWhitespace()
                    if peek(Byte.comma) {
                        let comma = location(at: pos)
                        pos += 1
                        skipWhitespace()
                        if peek(Byte.closeBrace) {
                            throw JSONSyntaxError(
                                location: comma,
                                message: "trailing comma before '}': JSON does not allow a ',' after the last member")
                        }
                        try readKey(into: &stack[top], expectation: "expected a string key after ','")
                        slot = .memberValue(stack[top].key)
                        continue parsing
                    } else if peek(Byte.closeBrace) {
                        pos += 1
                        let frame = stack.removeLast()
                        updateInnermostOpen(stack)
                        node = JSONNode(value: .object(frame.members), location: frame.open)
                    } else {
                        throw unexpected(
                            "expected ',' or '}' after the value of key \(Self.quotedKey(stack[top].key))",
                            context: .afterValue)
                    }
                } else {
                    stack[top].elements.append(node)
                    skipWhitespace()
                    if peek(Byte.comma) {
                        let comma = location(at: pos)
                        pos += 1
                        skipWhitespace()
                        if peek(Byte.closeBracket) {
                            throw JSONSyntaxError(
                                location: comma,
                                message: "trailing comma before ']': JSON does not allow a ',' after the last element")
                        }
                        slot = .nextElement
                        continue parsing
                    } else if peek(Byte.closeBracket) {
                        pos += 1
                        let frame = stack.removeLast()
                        updateInnermostOpen(stack)
                        node = JSONNode(value: .array(frame.elements), location: frame.open)
                    } else {
                        throw unexpected("expected ',' or ']' after an array element", context: .afterValue)
                    }
                }
            }
        }
    }

    private mutating func updateInnermostOpen(_ stack: [Frame]) {
        if let frame = stack.last {
            innermostOpen = (frame.isObject ? "{" : "[", frame.open)
        } else {
            innermostOpen = nil
        }
    }

    /// Reads `"key"` and `:`; rejects a key the object already has.
    private mutating func readKey(into frame: inout Frame, expectation: String) throws(JSONSyntaxError) {
        guard peek(Byte.quote) else {
            throw unexpected(expectation, context: .key)
        }
        let keyLocation = location(at: pos)
        let key = try parseString(open: keyLocation)
        if let first = frame.keyLocations[key] {
            throw JSONSyntaxError(
                location: keyLocation,
                message: "duplicate key \(Self.quotedKey(key)): this object already has it at line \(first.line), column \(first.column)")
        }
        frame.keyLocations[key] = keyLocation
        frame.key = key
        frame.keyLocation = keyLocation
        skipWhitespace()
        guard peek(Byte.colon) else {
            throw unexpected("expected ':' after key \(Self.quotedKey(key))", context: .afterValue)
        }
        pos += 1
    }

    // MARK: Scalars

    private mutating func parseScalar(start: JSONLocation, slot: ValueSlot) throws(JSONSyntaxError) -> JSONNode {
        let byte = bytes[pos]
        if byte == Byte.quote {
            return JSONNode(value: .string(try parseString(open: start)), location: start)
        }
        if byte == Byte.minus || Self.isDigit(byte) {
            return try parseNumber(start: start)
        }
        if Self.isLetter(byte) {
            let word = readWord(from: pos)
            let value: JSONValue
            switch word {
            case "true": value = .bool(true)
            case "false": value = .bool(false)
            case "null": value = .null
            default: throw unexpected(slot.expectation, context: .value)
            }
            pos += word.utf8.count
            return JSONNode(value: value, location: start)
        }
        throw unexpected(slot.expectation, context: .value)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    private mutating func parseNumber(start: JSONLocation) throws(JSONSyntaxError) -> JSONNode {
        let begin = pos
        if bytes[pos] == Byte.minus {
            pos += 1
            if pos < bytes.count, Self.isLetter(bytes[pos]), readWord(from: pos) == "Infinity" {
                throw JSONSyntaxError(location: start, message: notANumberMessage("-Infinity"))
            }
            guard pos < bytes.count, Self.isDigit(bytes[pos]) else {
                throw numberError(begin: begin, start: start, reason: "expected a digit after '-'")
            }
        }
        if bytes[pos] == Byte.zero {
            pos += 1
            if pos < bytes.count, Self.isDigit(bytes[pos]) {
                throw numberError(begin: begin, start: start, reason: "leading zeros are not allowed")
            }
        } else {
            skipDigits()
        }
        if peek(Byte.dot) {
            pos += 1
            guard pos < bytes.count, Self.isDigit(bytes[pos]) else {
                throw numberError(begin: begin, start: start, reason: "expected a digit after '.'")
            }
            skipDigits()
        }
        if peek(Byte.lowerE) || peek(Byte.upperE) {
            pos += 1
            if peek(Byte.plus) || peek(Byte.minus) { pos += 1 }
            guard pos < bytes.count, Self.isDigit(bytes[pos]) else {
                throw numberError(begin: begin, start: start, reason: "expected a digit in the exponent")
            }
            skipDigits()
        }
        if pos < bytes.count, Self.isNumberLike(bytes[pos]) {
            throw numberError(begin: begin, start: start, reason: "unexpected \(describe(at: pos))")
        }
        let text = String(decoding: bytes[begin..<pos], as: UTF8.self)
        return JSONNode(value: .number(text), location: start)
    }

    private mutating func skipDigits() {
        while pos < bytes.count, Self.isDigit(bytes[pos]) { pos += 1 }
    }

    /// `invalid number '01': leading zeros are not allowed`, showing the whole
    /// number-like run that starts at `begin`.
    private func numberError(begin: Int, start: JSONLocation, reason: String) -> JSONSyntaxError {
        var end = begin
        while end < bytes.count, Self.isNumberLike(bytes[end]) { end += 1 }
        if end == begin { end = begin + 1 }
        let text = Self.truncated(String(decoding: bytes[begin..<min(end, bytes.count)], as: UTF8.self))
        return JSONSyntaxError(location: start, message: "invalid number '\(text)': \(reason)")
    }

    /// Parses a string whose opening quote is at `pos`; returns it decoded.
    private mutating func parseString(open: JSONLocation) throws(JSONSyntaxError) -> String {
        pos += 1
        var segmentStart = pos
        var decoded: [UInt8] = []
        var hasEscapes = false
        while true {
            guard pos < bytes.count else {
                throw JSONSyntaxError(location: open, message: "unterminated string: missing closing '\"'")
            }
            let byte = bytes[pos]
            if byte == Byte.quote {
                let result: String
                if hasEscapes {
                    decoded.append(contentsOf: bytes[segmentStart..<pos])
                    result = String(decoding: decoded, as: UTF8.self)
                } else {
                    result = String(decoding: bytes[segmentStart..<pos], as: UTF8.self)
                }
                pos += 1
                return result
            }
            if byte == Byte.backslash {
                decoded.append(contentsOf: bytes[segmentStart..<pos])
                hasEscapes = true
                try readEscape(into: &decoded, open: open)
                segmentStart = pos
                continue
            }
            if byte < 0x20 {
                throw controlCharacterError(byte, open: open)
            }
            if byte < 0x80 {
                pos += 1
                continue
            }
            guard let length = utf8SequenceLength(at: pos) else {
                throw JSONSyntaxError(
                    location: location(at: pos),
                    message: "invalid UTF-8 byte \(Self.hex(bytes[pos])) in a string; the file must be UTF-8 encoded")
            }
            pos += length
        }
    }

    private mutating func controlCharacterError(_ byte: UInt8, open: JSONLocation) -> JSONSyntaxError {
        switch byte {
        case Byte.lineFeed, Byte.carriageReturn:
            return JSONSyntaxError(
                location: open,
                message: "unterminated string: line break before the closing '\"' (write \\n for a line break inside a string)")
        case Byte.tab:
            return JSONSyntaxError(
                location: location(at: pos),
                message: "tab character inside a string; write it as \\t")
        default:
            let code = Self.scalarCode(UInt32(byte))
            return JSONSyntaxError(
                location: location(at: pos),
                message: "control character \(code) inside a string; write it as \\u\(code.dropFirst(2))")
        }
    }

    /// Reads one escape sequence starting at the backslash at `pos`.
    private mutating func readEscape(into decoded: inout [UInt8], open: JSONLocation) throws(JSONSyntaxError) {
        let escapeLocation = location(at: pos)
        pos += 1
        guard pos < bytes.count else {
            throw JSONSyntaxError(location: open, message: "unterminated string: missing closing '\"'")
        }
        let byte = bytes[pos]
        let simple: UInt8?
        switch byte {
        case Byte.quote: simple = Byte.quote
        case Byte.backslash: simple = Byte.backslash
        case Byte.slash: simple = Byte.slash
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = Byte.lineFeed
        case UInt8(ascii: "r"): simple = Byte.carriageReturn
        case UInt8(ascii: "t"): simple = Byte.tab
        case UInt8(ascii: "u"): simple = nil
        default:
            let shown = Self.isPrintableASCII(byte) ? "'\\\(Character(Unicode.Scalar(byte)))'" : "'\\' followed by \(describe(at: pos))"
            throw JSONSyntaxError(
                location: escapeLocation,
                message: "invalid escape \(shown) in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
        if let simple {
            decoded.append(simple)
            pos += 1
            return
        }
        pos += 1
        guard let first = readHex4(at: pos) else {
            throw badUnicodeEscape(at: escapeLocation, digitsFrom: pos)
        }
        pos += 4
        var scalarValue = first
        if (0xD800...0xDBFF).contains(first) {
            let next = pos
            guard next + 1 < bytes.count, bytes[next] == Byte.backslash, bytes[next + 1] == UInt8(ascii: "u"),
                  let second = readHex4(at: next + 2), (0xDC00...0xDFFF).contains(second)
            else {
                throw JSONSyntaxError(
                    location: escapeLocation,
                    message: "lone surrogate '\\u\(Self.hex4(first))' in a string: a high surrogate must be followed by a low surrogate \\uDC00-\\uDFFF")
            }
            pos = next + 6
            scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw JSONSyntaxError(
                location: escapeLocation,
                message: "lone surrogate '\\u\(Self.hex4(first))' in a string: a low surrogate must follow a high surrogate \\uD800-\\uDBFF")
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            // Unreachable: surrogates are handled above and pairs stay ≤ U+10FFFF.
            throw JSONSyntaxError(location: escapeLocation, message: "invalid escape '\\u\(Self.hex4(first))' in a string")
        }
        UTF8.encode(scalar) { decoded.append($0) }
    }

    private func badUnicodeEscape(at escapeLocation: JSONLocation, digitsFrom start: Int) -> JSONSyntaxError {
        var end = start
        while end < bytes.count, end < start + 4, Self.isPrintableASCII(bytes[end]), bytes[end] != Byte.quote {
            end += 1
        }
        let shown = String(decoding: bytes[start..<end], as: UTF8.self)
        return JSONSyntaxError(
            location: escapeLocation,
            message: "invalid escape '\\u\(shown)' in a string: \\u needs four hexadecimal digits")
    }

    private func readHex4(at start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for index in start..<(start + 4) {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }

    /// The length of the well-formed UTF-8 sequence at `start` (Unicode
    /// Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF),
    /// or `nil`.
    private func utf8SequenceLength(at start: Int) -> Int? {
        let lead = bytes[start]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard start + length <= bytes.count else { return nil }
        guard (low...high).contains(bytes[start + 1]) else { return nil }
        for index in (start + 2)..<(start + length) where !(0x80...0xBF).contains(bytes[index]) {
            return nil
        }
        return length
    }

    // MARK: Messages

    private enum Context { case value, key, afterValue }

    /// An error at `pos`: "<expectation>; found <what is there>", or a
    /// specific message for common non-JSON habits.
    private mutating func unexpected(_ expectation: String, context: Context) -> JSONSyntaxError {
        let here = location(at: pos)
        guard pos < bytes.count else {
            var message = "\(expectation); found end of input"
            if let open = innermostOpen {
                message += "; the '\(open.bracket)' at line \(open.location.line), column \(open.location.column) is never closed"
            }
            return JSONSyntaxError(location: here, message: message)
        }
        let byte = bytes[pos]
        let next: UInt8? = pos + 1 < bytes.count ? bytes[pos + 1] : nil
        if byte == Byte.slash, next == Byte.slash || next == Byte.star {
            return JSONSyntaxError(location: here, message: "comments are not allowed in JSON")
        }
        if byte == Byte.apostrophe {
            return JSONSyntaxError(
                location: here, message: "single quotes are not valid JSON; use double quotes \"...\"")
        }
        if byte == 0xE2, next == 0x80, pos + 2 < bytes.count, (0x98...0x9D).contains(bytes[pos + 2]) {
            return JSONSyntaxError(
                location: here,
                message: "\(expectation); found \(describe(at: pos)), a typographic quote; JSON strings use straight double quotes \"...\"")
        }
        if Self.isLetter(byte) {
            let word = readWord(from: pos)
            if context == .value, word == "NaN" || word == "Infinity" {
                return JSONSyntaxError(location: here, message: notANumberMessage(word))
            }
            if ["true", "false", "null"].contains(word.lowercased()), word != word.lowercased() {
                return JSONSyntaxError(
                    location: here,
                    message: "\(expectation); found '\(word)' (JSON literals are lowercase: true, false, null)")
            }
            if context == .key {
                return JSONSyntaxError(
                    location: here,
                    message: "\(expectation); found '\(word)' (keys must be strings in double quotes)")
            }
            return JSONSyntaxError(location: here, message: "\(expectation); found '\(word)'")
        }
        if context == .value {
            if byte == Byte.plus {
                if pos + 1 < bytes.count, readWord(from: pos + 1) == "Infinity" {
                    return JSONSyntaxError(location: here, message: notANumberMessage("+Infinity"))
                }
                return numberError(begin: pos, start: here, reason: "a JSON number cannot start with '+'")
            }
            if byte == Byte.dot {
                return numberError(
                    begin: pos, start: here, reason: "a JSON number needs a digit before '.' (write 0.5, not .5)")
            }
        }
        return JSONSyntaxError(location: here, message: "\(expectation); found \(describe(at: pos))")
    }

    private func notANumberMessage(_ word: String) -> String {
        "\(word) is not valid JSON; write amounts and rates as strings like \"35%\""
    }

    /// What is at `index`, for "found …": `'x'`, `'é' (U+00E9)`,
    /// `control character U+0001`, `invalid UTF-8 byte 0xFF`.
    private func describe(at index: Int) -> String {
        let byte = bytes[index]
        if Self.isPrintableASCII(byte) {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        if byte < 0x80 {
            return "control character \(Self.scalarCode(UInt32(byte)))"
        }
        guard let length = utf8SequenceLength(at: index) else {
            return "invalid UTF-8 byte \(Self.hex(byte))"
        }
        let text = String(decoding: bytes[index..<(index + length)], as: UTF8.self)
        let scalar = text.unicodeScalars.first.map { Self.scalarCode($0.value) } ?? ""
        return "'\(text)' (\(scalar))"
    }

    /// The run of ASCII letters, digits, `_` and `$` at `start`, at most 40
    /// characters.
    private func readWord(from start: Int) -> String {
        var end = start
        while end < bytes.count, Self.isWordByte(bytes[end]) { end += 1 }
        return Self.truncated(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    // MARK: Cursor

    private func peek(_ byte: UInt8) -> Bool {
        pos < bytes.count && bytes[pos] == byte
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case Byte.space, Byte.tab:
                pos += 1
            case Byte.lineFeed:
                pos += 1
                newLine()
            case Byte.carriageReturn:
                pos += 1
                if peek(Byte.lineFeed) { pos += 1 }
                newLine()
            default:
                return
            }
        }
    }

    private mutating func newLine() {
        line += 1
        lineStart = pos
    }

    /// The location of byte `offset` on the current line. Columns count
    /// scalars (bytes that are not UTF-8 continuation bytes).
    private mutating func location(at offset: Int) -> JSONLocation {
        if cacheOffset < lineStart || offset < cacheOffset {
            cacheOffset = lineStart
            cacheColumn = 1
        }
        var column = cacheColumn
        var index = cacheOffset
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        cacheOffset = offset
        cacheColumn = column
        return JSONLocation(line: line, column: column)
    }
}

// MARK: - Bytes and formatting helpers

extension JSONScanner {
    fileprivate enum Byte {
        static let tab = UInt8(ascii: "\t")
        static let lineFeed = UInt8(ascii: "\n")
        static let carriageReturn = UInt8(ascii: "\r")
        static let space = UInt8(ascii: " ")
        static let quote = UInt8(ascii: "\"")
        static let apostrophe = UInt8(ascii: "'")
        static let plus = UInt8(ascii: "+")
        static let comma = UInt8(ascii: ",")
        static let minus = UInt8(ascii: "-")
        static let dot = UInt8(ascii: ".")
        static let slash = UInt8(ascii: "/")
        static let star = UInt8(ascii: "*")
        static let zero = UInt8(ascii: "0")
        static let colon = UInt8(ascii: ":")
        static let upperE = UInt8(ascii: "E")
        static let lowerE = UInt8(ascii: "e")
        static let openBracket = UInt8(ascii: "[")
        static let backslash = UInt8(ascii: "\\")
        static let closeBracket = UInt8(ascii: "]")
        static let openBrace = UInt8(ascii: "{")
        static let closeBrace = UInt8(ascii: "}")
    }

    fileprivate static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    fileprivate static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    fileprivate static func isWordByte(_ byte: UInt8) -> Bool {
        Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }

    /// Characters that glue onto a number and make it invalid (`1.5.3`, `0x1F`, `1-2`).
    fileprivate static func isNumberLike(_ byte: UInt8) -> Bool {
        Self.isWordByte(byte) || byte == Byte.dot || byte == Byte.plus || byte == Byte.minus
    }

    fileprivate static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F
    }

    fileprivate static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }

    fileprivate static func hex4(_ value: UInt32) -> String {
        JSONEscaping.hex4(value, .upper)
    }

    /// `U+00E9`: at least four hexadecimal digits.
    fileprivate static func scalarCode(_ value: UInt32) -> String {
        "U+" + Self.hex4(value)
    }

    /// Cuts text longer than 40 characters to 40 and an ellipsis.
    fileprivate static func truncated(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    /// A key in double quotes for messages, control characters escaped,
    /// at most 40 characters.
    fileprivate static func quotedKey(_ key: String) -> String {
        "\"" + Self.truncated(JSONEscaping.escaped(key, hex: .upper, escapeDelete: true)) + "\""
    }
}
