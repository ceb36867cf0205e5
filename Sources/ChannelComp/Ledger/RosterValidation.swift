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

/// Date ranges that do not overlap, sorted, each with a value: finds the ones a new range
/// overlaps in O(log n) (the rows of one id, the owners of one territory).
///
///     [until 2027-06-30 → line 2, from 2027-08-01 → line 5].overlapping(2027-07-15 to 2027-08-02) → [line 5]
struct DisjointRanges<Value> {
    private(set) var items: [(range: EffectiveRange, value: Value)] = []

    /// The items overlapping `range`, in date order.
    func overlapping(_ range: EffectiveRange) -> ArraySlice<(range: EffectiveRange, value: Value)> {
        // Disjoint and sorted by first day, so sorted by last day too: the first candidate is
        // the first item that has not ended before `range` starts.
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if items[mid].range.lastDay < range.firstDay { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < items.count && items[end].range.firstDay <= range.lastDay { end += 1 }
        return items[lo..<end]
    }

    /// Adds a range that overlaps none of the items (in date order; appending when it is last).
    mutating func insert(_ range: EffectiveRange, _ value: Value) {
        if let last = items.last, last.range.firstDay > range.firstDay {
            var lo = 0, hi = items.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if items[mid].range.firstDay <= range.firstDay { lo = mid + 1 } else { hi = mid }
            }
            items.insert((range, value), at: lo)
        } else {
            items.append((range, value))
        }
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
    private var owners: [String: DisjointRanges<Owner>] = [:]

    private static func key(_ role: Int, _ territory: String) -> String { "\(role)\u{0}\(territory)" }

    /// An owner of another id whose range overlaps `range`, if any.
    func owner(role: Int, territory: String, overlapping range: EffectiveRange, except id: String?) -> Owner? {
        owners[TerritoryTenures.key(role, territory)]?.overlapping(range).first { $0.value.id != id }?.value
    }

    /// Records an owner, unless the range overlaps one already there (an error reported elsewhere).
    mutating func add(role: Int, territory: String, id: String, range: EffectiveRange, line: Int) {
        let key = TerritoryTenures.key(role, territory)
        guard owners[key]?.overlapping(range).isEmpty ?? true else { return }
        owners[key, default: DisjointRanges()].insert(range, Owner(id: id, range: range, line: line))
    }
}
