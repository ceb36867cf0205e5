/// A position in a JSON document: 1-based line and column.
///
/// Columns count Unicode scalars, so a tab or an `é` is one column. In
/// `{\n  "name": 5\n}` the key `"name"` is at line 2, column 3 and the number
/// `5` at line 2, column 11.
public struct JSONLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The line, counting from 1.
    public let line: Int
    /// The column, counting Unicode scalars from 1.
    public let column: Int

    /// Makes a location from a 1-based line and column.
    ///
    /// `JSONLocation(line: 2, column: 11).description` is `"2:11"`.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, e.g. `2:11`.
    ///
    /// `JSONLocation(line: 3, column: 7).description == "3:7"`.
    public var description: String { "\(line):\(column)" }
}

/// A JSON value with its children as located nodes.
///
/// `{"rate": "35%", "days": 90}` parses to
/// `.object([rate → .string("35%"), days → .number("90")])`, members in
/// document order. Numbers keep their literal text (`"0.35"`, `"-1e3"`) and are
/// never converted to binary floating point.
public indirect enum JSONValue: Sendable, Equatable {
    /// An object; members keep document order (duplicate keys are rejected).
    case object([JSONMember])
    /// An array of located elements.
    case array([JSONNode])
    /// A string with all escapes decoded.
    case string(String)
    /// A number, as the literal text written in the document (`"0.35"`).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
}

/// One `"key": value` member of a JSON object, with the key's location.
///
/// In `{"cap": "400000"}` the member has key `cap`, key location 1:2 and a
/// string value `400000` located at 1:9.
public struct JSONMember: Sendable, Equatable {
    /// The decoded key.
    public let key: String
    /// Where the key's opening quote is.
    public let keyLocation: JSONLocation
    /// The member's value.
    public let value: JSONNode

    /// Makes a member.
    ///
    /// `JSONMember(key: "cap", keyLocation: .init(line: 1, column: 2), value: node)`.
    public init(key: String, keyLocation: JSONLocation, value: JSONNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// A JSON value and where it starts in the document.
///
/// In `[true, "x"]` the second element is a node with value `.string("x")`
/// at line 1, column 8 (its opening quote).
public struct JSONNode: Sendable, Equatable {
    /// The value.
    public let value: JSONValue
    /// Where the value starts (the `{`, `[`, `"`, first digit or `-`, or the
    /// first letter of a literal).
    public let location: JSONLocation

    /// Makes a node.
    ///
    /// `JSONNode(value: .number("90"), location: .init(line: 5, column: 19))`.
    public init(value: JSONValue, location: JSONLocation) {
        self.value = value
        self.location = location
    }

    /// The kind of the value for messages: "object", "array", "string",
    /// "number", "true/false" or "null".
    ///
    /// A node holding `.bool(false)` has kind name `"true/false"`, so a message
    /// can say "expected a string; found true/false".
    public var kindName: String {
        switch value {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "true/false"
        case .null: "null"
        }
    }

    /// The members if the value is an object, else `nil`.
    ///
    /// For `{"a": 1, "b": 2}` this is the two members `a`, `b` in that order.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The elements if the value is an array, else `nil`.
    ///
    /// For `[1, 2]` this is two number nodes, at columns 2 and 5.
    public var arrayElements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// The decoded text if the value is a string, else `nil`.
    ///
    /// For `"35\u0025"` this is `35%`.
    public var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The literal text if the value is a number, else `nil`.
    ///
    /// For `1.50e2` this is `"1.50e2"`, exactly as written.
    public var numberText: String? {
        if case .number(let text) = value { return text }
        return nil
    }

    /// The value if it is `true` or `false`, else `nil`.
    ///
    /// For `false` this is `false`; for `"false"` (a string) it is `nil`.
    public var boolValue: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// Whether the value is `null`.
    ///
    /// `null` → `true`; `"null"` (a string) → `false`.
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The value of the member named `key` if this is an object that has one.
    ///
    /// For `{"currency": "USD"}`, `member("currency")?.stringValue == "USD"`
    /// and `member("name") == nil`.
    public func member(_ key: String) -> JSONNode? {
        objectMembers?.first(where: { $0.key == key })?.value
    }
}
