extension LedgerLoader {
    /// SPEC 8.1: on a booking, every person named in `reps`, and the `partner` of a partner
    /// deal, must have a roster row in effect on the booking date. A referring partner (on a
    /// direct deal) needs none.
    ///
    ///     people.csv: ann,Ann,direct_rep,500000,WEST,,2027-06-30
    ///     deals.csv:  D9,2027-07-01,…,direct,,,,ann   → error: ann has no row in effect on 2027-07-01
    ///     deals.csv:  D8,2027-06-30,…,direct,,,,ann   → fine: the effective_to day is in
    static func checkRosterInEffect(_ row: inout CSVRow, _ c: Columns, date: CivilDate, channel: Channel?,
                                    partner: PartnerIndex?, reps: [RepShare]?, roster: Roster) {
        guard roster.isEffectiveDated else { return }
        let day = date.packed
        for share in reps ?? [] {
            let person = roster.people[share.person]
            if person.timeline.index(onPacked: day) == nil {
                row.error(c.reps, "person \(quoted(person.id.rawValue)) has no row in effect on the booking date \(date); people.csv has \(person.id.rawValue) \(person.timeline.rangesDescription)",
                          hint: notInEffectHint)
            }
        }
        if channel == .partner, let partner {
            let p = roster.partners[partner]
            if p.timeline.index(onPacked: day) == nil {
                row.error(c.partner, "partner \(quoted(p.id.rawValue)) has no row in effect on the booking date \(date); partners.csv has \(p.id.rawValue) \(p.timeline.rangesDescription)",
                          hint: notInEffectHint)
            }
        }
    }

    static let notInEffectHint = "a booking is priced and credited with the roster rows in effect on its date: extend a row's dates, add a row, or correct the deal's date"
}

/// Warnings of `check` about the roster by date (SPEC 8.1): a partner whose `manager` has no
/// row in effect on the date of one of its deals (those deals have no partner manager).
///
///     partners.csv: P1,Acme,,cam       people.csv: cam,…,,2027-03-31
///     deals.csv: D7,2027-04-02,…,partner,P1 → warning on P1's row: cam has no row in effect on 2027-04-02
public enum RosterDateWarnings {
    public static func partnerManagerGaps(roster: Roster, ledger: Ledger) -> [Diagnostic] {
        guard roster.isEffectiveDated else { return [] }
        // Per partner row (by line): the first deal without its manager in effect, and how many.
        var gaps: [Int: (partner: PartnerIndex, manager: PersonIndex, date: UInt32, dealLine: Int, count: Int)] = [:]
        for r in ledger.store.records {
            guard let partner = r.partnerIndex, let row = roster.partnerRow(partner, onPacked: r.date), let m = row.manager,
                  roster.people[m].timeline.index(onPacked: r.date) == nil else { continue }
            if let g = gaps[row.sourceLine] {
                gaps[row.sourceLine]!.count = g.count + 1
            } else {
                gaps[row.sourceLine] = (partner, m, r.date, Int(r.sourceLine), 1)
            }
        }
        return gaps.keys.sorted().map { line in
            let g = gaps[line]!
            let manager = roster.people[g.manager]
            let others = g.count == 1 ? "" : " and \(g.count - 1) other deal line\(g.count == 2 ? "" : "s")"
            return Diagnostic(.warning, file: roster.partnersFile ?? "partners.csv", line: line, field: "column 'manager'",
                message: "manager \(quoted(manager.id.rawValue)) of partner \(quoted(roster.partners[g.partner].id.rawValue)) has no row in effect on \(CivilDate(packed: g.date)) (deals.csv line \(g.dealLine))\(others): those deals have no partner manager",
                hint: "people.csv has \(manager.id.rawValue) \(manager.timeline.rangesDescription)")
        }
    }
}
