/// A syntax problem found while reading CSV: where it is and what was expected.
///
/// `line` is the physical 1-based line number (header = 1; a newline inside a
/// quoted field counts, so it shifts the numbers of later lines). `column` is the
/// 1-based CHARACTER column within that physical line: Unicode scalars counted
/// from the start of the line, a leading BOM not counted. For ASCII text it
/// equals the byte column.
///
/// Example: in the file `id,name\n7,ab"c\n` the stray quote is on line 2, and
/// `7,ab` holds four characters before it, so the error reads
/// `line 2, column 5: unexpected '"' inside an unquoted field; …`.
/// With `7,é"c` instead, `é` is two bytes but one character: `7,é` is 3
/// characters, so the column is 4 (the byte column would be 5).
public struct CSVSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Physical 1-based line number where the problem is.
    public let line: Int
    /// 1-based character (Unicode scalar) column within that physical line.
    public let column: Int
    /// What was found and what was expected.
    public let message: String
    /// The text of the physical line (without its line end), for quoting it in a
    /// diagnostic; invalid UTF-8 is shown as U+FFFD. Context only: it is NOT part of
    /// equality, so `CSVSyntaxError(line: 2, column: 5, message: m)` equals a thrown
    /// error with the same line, column and message whatever its `lineText`.
    public let lineText: String

    /// Creates an error; `lineText` is optional context.
    ///
    /// Example: `CSVSyntaxError(line: 3, column: 1, message: "x").description`
    /// is `"line 3, column 1: x"`.
    public init(line: Int, column: Int, message: String, lineText: String = "") {
        self.line = line
        self.column = column
        self.message = message
        self.lineText = lineText
    }

    /// `line L, column C: message`.
    ///
    /// Example: `"line 2, column 5: unexpected '\"' inside an unquoted field; …"`.
    public var description: String { "line \(line), column \(column): \(message)" }

    /// Equal when line, column and message are equal (`lineText` is ignored).
    ///
    /// Example: errors at (2, 5, "m") with line texts "a" and "b" are equal.
    public static func == (lhs: CSVSyntaxError, rhs: CSVSyntaxError) -> Bool {
        lhs.line == rhs.line && lhs.column == rhs.column && lhs.message == rhs.message
    }
}
