/// The parts of an audit a reader can ask for with `--section`, named as in the audit's CSV
/// `section` column.
///
/// `--section summary,neutrality` shows the verdicts and the neutrality table only.
public enum AuditPart: String, Sendable, CaseIterable {
    case summary, neutrality, uncredited, registration, referral, conflict
    case maxDiscount = "max_discount"
    case cost
}

/// How many rows of a long audit list were left out, and what they add up to.
///
/// 32 uncredited deals, top 20 shown: `hidden` 12, `hiddenTotal` = Σ basis of those 12,
/// `total` = Σ basis of all 32, `measure` "basis".
public struct FoldNote: Sendable {
    public var shown: Int
    public var hidden: Int
    /// What the totals add up: `basis`, `revenue`, `pay` …
    public var measure: String
    public var hiddenTotal: Money
    public var total: Money
}

/// A reader's selection of an audit: one payee, some sections, long lists folded to the top N.
///
/// `AuditSelection(payee: "alice", parts: [.summary, .neutrality], top: 20)` keeps alice's
/// neutrality rows and verdicts; lists longer than 20 keep their 20 largest rows (in their
/// usual order) and a ``FoldNote`` with the count and total of the rest.
public struct AuditSelection: Sendable {
    /// A person id: only rows about that person (neutrality, and channel conflicts naming them).
    public var payee: String?
    /// The parts shown; all when empty.
    public var parts: Set<AuditPart>
    /// Longest list shown; 0 shows every row.
    public var top: Int

    public init(payee: String? = nil, parts: Set<AuditPart> = [], top: Int = 0) {
        self.payee = payee
        self.parts = parts
        self.top = top
    }

    /// Whether `part` is shown. With `--payee`, parts that are not about a person
    /// (uncredited, registration, referral, max_discount, cost) are left out unless asked for.
    public func shows(_ part: AuditPart) -> Bool {
        if !parts.isEmpty { return parts.contains(part) }
        if payee == nil { return true }
        return [.summary, .neutrality, .conflict].contains(part)
    }

    /// The indices of the `count` largest keys, larger first, the earlier index first among
    /// equal keys — chosen in one pass keeping the best so far in order (a year's list can have
    /// 250,000 rows; sorting all of them to keep 20 was most of the folding).
    ///
    ///     largest(2, of: [5, 9, 5, 1])  // [1, 0]
    static func largest(_ count: Int, of keys: [ExactDecimal]) -> [Int] {
        func before(_ a: Int, _ b: Int) -> Bool { keys[a] != keys[b] ? keys[a] > keys[b] : a < b }
        var best: [Int] = []
        best.reserveCapacity(count + 1)
        for i in keys.indices where count > 0 {
            if best.count == count, let last = best.last, !before(i, last) { continue }
            var k = best.count
            while k > 0 && before(i, best[k - 1]) { k -= 1 }
            best.insert(i, at: k)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// Which rows of a list `top` keeps — the `top` largest `keys` (indices in list order) —
    /// and the note of the rest, counted and summed by `amounts`; every row and no note when
    /// the list is not longer than `top` (or `top` is 0). The one fold of every audit list,
    /// applied to made rows or, for the longest lists, before their rows are made.
    ///
    ///     fold(top: 2, keys: [5, 9, 1], amounts: [5, 9, 1], …) → kept [0, 1], note: 1 hidden of 15, 1
    static func fold(top: Int, keys: [ExactDecimal], amounts: [Money], measure: String, zero: Money) throws -> (kept: [Int], note: FoldNote?) {
        guard top > 0, keys.count > top else { return (Array(keys.indices), nil) }
        let kept = Set(largest(top, of: keys))
        var total = zero, hidden = zero
        for (i, a) in amounts.enumerated() {
            total = try total + a
            if !kept.contains(i) { hidden = try hidden + a }
        }
        return (keys.indices.filter(kept.contains),
                FoldNote(shown: top, hidden: keys.count - top, measure: measure, hiddenTotal: hidden, total: total))
    }

    /// The section with the selection applied, and the fold notes of the lists it shortened.
    ///
    /// Ranking for `top`: neutrality by the larger deviation of the two ratios from 1; deal
    /// lists by the magnitude of their amount (basis, S, discount above cap, S + N).
    public func apply(_ s: AuditSection, verdicts: NeutralityVerdicts, currency: Currency) throws(ReportError) -> (AuditSection, NeutralityVerdicts, [AuditPart: FoldNote]) {
        try ReportError.wrap {
            var s = s
            var v = verdicts
            var notes: [AuditPart: FoldNote] = [:]
            let zero = Money.zero(currency)
            if let payee {
                s.neutrality = s.neutrality.filter { $0.id.rawValue == payee }
                v.people = v.people.filter { $0.person.id.rawValue == payee }
                v.channel = try NeutralityVerdicts.overall(.channel, v.people)
                v.complete = try NeutralityVerdicts.overall(.complete, v.people)
                s.channelConflicts = s.channelConflicts.filter { $0.direct.contains { $0.reps.contains(payee) } }
            }
            // Lists folded when the section was built (``AuditSection/foldedTop``): their notes.
            if s.foldedTop != 0 && s.foldedTop != top {
                throw ReportError.folded(built: s.foldedTop, asked: top)
            }
            for (part, note) in s.folded where shows(part) { notes[part] = note }
            if !shows(.neutrality) { s.neutrality = [] }
            if !shows(.uncredited) { s.uncredited = [] }
            if !shows(.registration) { s.registrationExclusions = [] }
            if !shows(.referral) { s.unpaidReferrals = [] }
            if !shows(.conflict) { s.channelConflicts = [] }
            if !shows(.maxDiscount) { s.maxDiscountHits = [] }
            if !shows(.cost) { s.cost = [] }
            guard top > 0 else { return (s, v, notes) }

            func fold<T>(_ items: inout [T], _ part: AuditPart, measure: String, amount: (T) throws -> Money,
                         rank: (T) throws -> ExactDecimal) throws {
                guard items.count > top else { return }
                let (kept, note) = try AuditSelection.fold(top: top, keys: try items.map(rank), amounts: try items.map(amount),
                                                           measure: measure, zero: zero)
                notes[part] = note
                items = kept.map { items[$0] }
            }
            let deviation = Dictionary(v.people.map { ($0.person.index, $0.worstDeviation ?? .zero) }, uniquingKeysWith: { a, _ in a })
            func pay(_ p: PersonNeutrality) throws -> Money {
                try Money(p.direct.pay.adding(p.partner.pay), currency).rounded(.halfEven)
            }
            try fold(&s.neutrality, .neutrality, measure: "pay attributable", amount: pay,
                     rank: { deviation[$0.index] ?? .zero })
            try fold(&v.people, .summary, measure: "pay attributable", amount: { try pay($0.person) },
                     rank: { $0.worstDeviation ?? .zero })
            try fold(&s.uncredited, .uncredited, measure: "basis", amount: \.basis, rank: { $0.basis.amount.magnitude })
            try fold(&s.registrationExclusions, .registration, measure: "basis", amount: \.basis, rank: { $0.basis.amount.magnitude })
            try fold(&s.unpaidReferrals, .referral, measure: "S", amount: \.revenue, rank: { $0.revenue.amount.magnitude })
            try fold(&s.channelConflicts, .conflict, measure: "direct S + partner N", amount: { try $0.directRevenue + $0.partnerNet },
                     rank: { try ($0.directRevenue + $0.partnerNet).amount.magnitude })
            try fold(&s.maxDiscountHits, .maxDiscount, measure: "discount above cap", amount: \.discountAboveCap,
                     rank: { $0.discountAboveCap.amount.magnitude })
            return (s, v, notes)
        }
    }
}
