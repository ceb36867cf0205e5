/// Header of a CSV file: maps column names to indices; duplicate names are reported.
///
/// Names are the decoded header fields (unquoted ones trimmed) and are compared
/// byte for byte (case-sensitive, no Unicode normalisation), as SPEC 6 requires.
///
/// Example: the header ` id ,role,"id"` gives `names == ["id", "role", "id"]`,
/// `index(of: "role") == 1`, `index(of: "id") == 0` (the first), `index(of: "ID") == nil`
/// and `duplicates == ["id"]`.
public struct CSVHeader: Sendable, Equatable {
    /// Column names in file order.
    public let names: [String]
    /// Physical line number of the header record (1 unless blank lines precede it).
    public let line: Int
    private let duplicateNames: [String]

    /// A header from explicit names.
    ///
    /// Example: `CSVHeader(names: ["a", "b", "a", "a"], line: 1).duplicates == ["a"]`.
    public init(names: [String], line: Int) {
        self.names = names
        self.line = line
        var duplicates: [String] = []
        for (i, name) in names.enumerated() {
            let first = names.firstIndex { $0.utf8.elementsEqual(name.utf8) }
            if first != i && !duplicates.contains(where: { $0.utf8.elementsEqual(name.utf8) }) {
                duplicates.append(name)
            }
        }
        duplicateNames = duplicates
    }

    /// The header held by `record` (usually the first record read).
    ///
    /// Example: the record `deal_id,date` read on line 1 gives names `["deal_id", "date"]`, line 1.
    public init(_ record: CSVRecord) {
        self.init(names: record.strings(), line: record.line)
    }

    /// Index of the first column named exactly `name`, or nil.
    ///
    /// Example: for `a,b,c` `index(of: "c") == 2`, `index(of: "C") == nil`.
    public func index(of name: String) -> Int? {
        names.firstIndex { $0.utf8.elementsEqual(name.utf8) }
    }

    /// Names that occur more than once, each listed once, in order of their second occurrence.
    ///
    /// Example: `b,a,b,a,b` → `["b", "a"]`.
    public var duplicates: [String] { duplicateNames }
}
