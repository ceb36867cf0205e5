/// A JSON document that is not strict RFC 8259 JSON: where, and what was
/// expected.
///
/// Parsing `{"rate": NaN}` fails at line 1, column 10 with the message
/// `NaN is not valid JSON; write amounts and rates as strings like "35%"`;
/// `description` is `1:10: NaN is not valid JSON; …`.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public let location: JSONLocation
    /// What was found and what was expected, without the location.
    public let message: String

    /// Makes an error.
    ///
    /// `JSONSyntaxError(location: .init(line: 1, column: 10), message: "…")`.
    public init(location: JSONLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// `line:column: message`, e.g. `3:14: expected ':' after key "name"; found '='`.
    ///
    /// The CLI puts the file name in front: `plan.json:3:14: error: …`.
    public var description: String { "\(location): \(message)" }
}
