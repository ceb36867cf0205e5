import ChannelComp

/// The audit's roster part (SPEC 8.1): the hires, leavers, moves, quota and manager changes
/// that take effect in the period. Rendered only when there are any (a roster without
/// effective dates has none), so a v1 audit reads as before.
///
///     Roster changes in 2027-07
///     date        payee  type    change  before  after  row
///     2027-07-01  dee    person  hire            NORTH  people.csv:6
enum RosterChangesRenderer {
    static func text(_ changes: [RosterChange], period: Period) -> String {
        var out = "\nRoster changes in \(period)\n"
        out += TextTable.render([["date", "payee", "type", "change", "before", "after", "row"]] + changes.map {
            ["\($0.date)", $0.id, $0.payeeType.rawValue, $0.kind.rawValue, $0.before, $0.after, row($0)].map(PlainText.clean)
        }, rightAligned: [])
        return out
    }

    /// One CSV row per change, in the audit's columns:
    /// `period,2027-07,2027-07,roster_changes,dee,person,people.csv:6,hire,,,2027-07-01: → NORTH`.
    static func csvRows(_ changes: [RosterChange], _ r: AuditReport) -> String {
        changes.map { c in
            ["period", "\(r.period)", "\(r.period)", "roster_changes"].map(CSVWriter.field)
                + [SpreadsheetCell.text(c.id), CSVWriter.field(c.payeeType.rawValue), CSVWriter.field(row(c)),
                   CSVWriter.field(c.kind.rawValue), "", "", SpreadsheetCell.text("\(c.date): \(c.before) → \(c.after)")]
        }.map { $0.joined(separator: ",") + "\n" }.joined()
    }

    static func json(_ changes: [RosterChange]) -> JSONOut {
        .array(changes.map { c in
            .object([("date", .string("\(c.date)")), ("payee_type", .string(c.payeeType.rawValue)), ("payee_id", .string(c.id)),
                     ("change", .string(c.kind.rawValue)), ("before", .string(c.before)), ("after", .string(c.after)),
                     ("row", .int(c.sourceLine))])
        })
    }

    static func row(_ c: RosterChange) -> String { "\(c.payeeType == .person ? "people" : "partners").csv:\(c.sourceLine)" }
}
