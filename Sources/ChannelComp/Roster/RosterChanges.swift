/// A change to the roster that takes effect in a period (SPEC 8.1): what `audit` lists so an
/// auditor sees who was hired, who left, who moved, and whose quota or manager changed.
///
/// Fixtures/roster-changes, 2027-07: dee hired 2027-07-01 (people.csv line 6).
public struct RosterChange: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case hire, leaver, move
        case quotaChange = "quota_change"
        case managerChange = "manager_change"
        case partnerManagerChange = "partner_manager_change"
        case levelChange = "level_change"
    }
    public var kind: Kind
    public var payeeType: PayeeType
    public var id: String
    /// The first day of the new situation (a leaver: the last day in effect).
    public var date: CivilDate
    /// The value before and after (territory, quota, manager id, level name); empty when none.
    public var before: String
    public var after: String
    /// The people.csv / partners.csv row that makes the change.
    public var sourceLine: Int
}

/// The roster changes that take effect in a period, in date order (then by id).
///
/// alice: WEST until 2027-03-31, EAST from 2027-04-01 → in 2027-04, a move WEST → EAST on
/// 2027-04-01. bob: his only row ends 2027-02-15 → in 2027-02, a leaver on 2027-02-15.
public enum RosterChanges {
    public static func inPeriod(_ roster: Roster, period: Period, plan: Plan) -> [RosterChange] {
        let first = CivilDate(year: period.year, month: period.month, day: 1)!, last = period.lastDay
        func inPeriod(_ d: CivilDate?) -> Bool { d.map { $0 >= first && $0 <= last } ?? false }
        func personID(_ i: PersonIndex?) -> String { i.map { roster.people[$0].id.rawValue } ?? "" }
        func levelName(_ i: Int?) -> String { i.map { plan.partnerProgram.levels[$0].name } ?? "" }
        var out: [RosterChange] = []
        for p in roster.people {
            let rows = p.timeline.rows
            for (k, r) in rows.enumerated() {
                let previous = k > 0 ? rows[k - 1] : nil
                let continues = previous.flatMap { prev in prev.range.to.map { $0.dayNumber + 1 == r.range.from?.dayNumber } } ?? false
                if let from = r.range.from, inPeriod(from) {
                    if let prev = previous, continues {
                        func add(_ kind: RosterChange.Kind, _ before: String, _ after: String) {
                            if before != after {
                                out.append(RosterChange(kind: kind, payeeType: .person, id: p.id.rawValue, date: from,
                                                        before: before, after: after, sourceLine: r.sourceLine))
                            }
                        }
                        add(.move, prev.territory, r.territory)
                        add(.quotaChange, prev.quota?.formatted ?? "", r.quota?.formatted ?? "")
                        add(.managerChange, personID(prev.manager), personID(r.manager))
                    } else {
                        out.append(RosterChange(kind: .hire, payeeType: .person, id: p.id.rawValue, date: from,
                                                before: "", after: r.territory, sourceLine: r.sourceLine))
                    }
                }
                let next = k + 1 < rows.count ? rows[k + 1] : nil
                let continued = next.flatMap { n in r.range.to.map { $0.dayNumber + 1 == n.range.from?.dayNumber } } ?? false
                if let to = r.range.to, inPeriod(to), !continued {
                    out.append(RosterChange(kind: .leaver, payeeType: .person, id: p.id.rawValue, date: to,
                                            before: r.territory, after: "", sourceLine: r.sourceLine))
                }
            }
        }
        for p in roster.partners {
            let rows = p.timeline.rows
            for k in rows.indices.dropFirst() {
                let prev = rows[k - 1], r = rows[k]
                guard let from = r.range.from, inPeriod(from) else { continue }
                if personID(prev.manager) != personID(r.manager) {
                    out.append(RosterChange(kind: .partnerManagerChange, payeeType: .partner, id: p.id.rawValue, date: from,
                                            before: personID(prev.manager), after: personID(r.manager), sourceLine: r.sourceLine))
                }
                if prev.fixedLevel != r.fixedLevel {
                    out.append(RosterChange(kind: .levelChange, payeeType: .partner, id: p.id.rawValue, date: from,
                                            before: levelName(prev.fixedLevel), after: levelName(r.fixedLevel), sourceLine: r.sourceLine))
                }
            }
        }
        // Stable: within a day, people before partners, then by id (byte order); one id's
        // changes keep the order they were found in.
        return out.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.date != y.date { return x.date < y.date }
            if x.payeeType != y.payeeType { return x.payeeType < y.payeeType }
            if x.id != y.id { return x.id.utf8Precedes(y.id) }
            return a.offset < b.offset
        }.map(\.element)
    }
}
