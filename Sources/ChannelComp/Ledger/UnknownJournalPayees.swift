/// Journal rows whose payee is in no row of `people.csv` / `partners.csv` (SPEC 6 ignores them),
/// found so that a respelled id cannot silently have its year to date paid again.
///
/// Example: January and February were closed for `ann` (932.00 + 972.00); a re-export spells the
/// person `Ann`. SPEC 6 ignores the `ann` rows, so `Ann` is paid her whole year to date again.
/// `find` returns one group: person `ann`, periods 2027-01 and 2027-02, total 1904.00, look-alike
/// `Ann`; `check`, `payout` and `close` print it as a warning.
public enum UnknownJournalPayees {
    /// The ignored rows of one payee id.
    public struct Group: Sendable, Equatable {
        public var payeeType: PayeeType
        public var id: String
        public var periods: [Period]
        /// The sum of the rows' amounts, or nil if it overflows.
        public var total: Money?
        public var firstLine: Int
        /// A roster id that differs only by case or look-alike letters, if any.
        public var lookalike: String?
    }

    /// The groups, in journal order, among rows accepted by `include` (all rows by default).
    public static func find(_ journal: Journal, roster: Roster, include: (JournalEntry) -> Bool = { _ in true }) -> [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        var rosterKeys: [PayeeType: [String: String]] = [.person: [:], .partner: [:]]
        for p in roster.people { rosterKeys[.person]![IdentifierRules.lookalikeKey(p.id.rawValue)] = p.id.rawValue }
        for p in roster.partners { rosterKeys[.partner]![IdentifierRules.lookalikeKey(p.id.rawValue)] = p.id.rawValue }
        for e in journal.entries where include(e) {
            let known = e.payeeType == .person ? roster.personIndex[e.payeeID] != nil : roster.partnerIndex[e.payeeID] != nil
            if known { continue }
            let key = "\(e.payeeType.rawValue)\u{0}\(e.payeeID)"
            if let i = index[key] {
                if !groups[i].periods.contains(e.period) { groups[i].periods.append(e.period) }
                groups[i].total = groups[i].total.flatMap { try? $0 + e.amount }
            } else {
                index[key] = groups.count
                groups.append(Group(payeeType: e.payeeType, id: e.payeeID, periods: [e.period], total: e.amount,
                                    firstLine: e.sourceLine, lookalike: rosterKeys[e.payeeType]![IdentifierRules.lookalikeKey(e.payeeID)]))
            }
        }
        return groups
    }

    /// One warning per group, on the group's first journal line.
    ///
    /// Example: `journal.csv:2: warning: journal rows for person "ann" (2027-01, 2027-02; total
    /// 1904.00 USD) match no row of people.csv and are ignored: nothing counts as paid to "ann".
    /// people.csv has "Ann", which differs only by letter case or look-alike letters: if it is the
    /// same person, their year to date is paid again`.
    public static func warnings(_ groups: [Group], journalFile: String) -> [Diagnostic] {
        groups.map { g in
            let file = g.payeeType == .person ? "people.csv" : "partners.csv"
            let total = g.total.map { "\($0.formatted) \($0.currency.code)" } ?? "too large to sum"
            var message = "journal rows for \(g.payeeType.rawValue) \(quoted(g.id)) (\(g.periods.sorted().map(\.description).joined(separator: ", ")); total \(total)) match no row of \(file) and are ignored: nothing counts as paid to \(quoted(g.id))"
            if let twin = g.lookalike {
                message += ". \(file) has \(quoted(twin)), which differs only by letter case or look-alike letters: if it is the same \(g.payeeType.rawValue), their year to date is paid again"
            }
            return Diagnostic(.warning, file: journalFile, line: g.firstLine, field: "column 'payee_id'", message: message,
                              hint: "if the id was respelled, spell it as in the journal again (or correct the journal with an adjustment)")
        }
    }
}
