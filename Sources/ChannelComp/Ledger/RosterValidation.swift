/// Where a field of a CSV row was, kept so that a check made after the whole file is read
/// (an unknown manager, a manager loop) can still quote the line and mark the field.
///
///     SourcePoint(row, "manager") on `bob,Bob,direct_rep,1,EAST,zed` → line 3, column 29, width 3
struct SourcePoint {
    var line: Int
    var text: String
    var field: String
    var column: Int?
    var width: Int

    init(_ row: CSVRow, _ column: Column) {
        line = row.line
        text = row.record.rawText
        field = column.name
        if let i = row.index(column) {
            self.column = row.record.column(i)
            width = max(1, row.record.string(i).count)
        } else {
            self.column = nil
            width = 1
        }
    }

    func diagnostic(file: String, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, field: "column '\(field)'", message: message,
                   sourceText: text, markerWidth: width, hint: hint)
    }
}

/// The territories claimed so far while people.csv is read: per role and territory, who owns
/// it on which days, to find two owners on one day (SPEC 2.3, 8.1).
///
///     WEST/direct_rep: ann until 2027-06-30 (line 2)
///     bea from 2027-06-01 → owner(…) = ann: they overlap on 2027-06-01 to 2027-06-30
struct TerritoryTenures {
    struct Owner {
        var id: String
        var range: EffectiveRange
        var line: Int
    }
    private var owners: [String: [Owner]] = [:]

    private static func key(_ role: Int, _ territory: String) -> String { "\(role)\u{0}\(territory)" }

    /// An owner of another id whose range overlaps `range`, if any.
    func owner(role: Int, territory: String, overlapping range: EffectiveRange, except id: String?) -> Owner? {
        owners[TerritoryTenures.key(role, territory)]?.first { $0.id != id && $0.range.overlaps(range) }
    }

    mutating func add(role: Int, territory: String, id: String, range: EffectiveRange, line: Int) {
        owners[TerritoryTenures.key(role, territory), default: []].append(Owner(id: id, range: range, line: line))
    }
}
