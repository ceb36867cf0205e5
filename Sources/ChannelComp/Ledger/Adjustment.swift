/// What an adjustment changes (SPEC 8.4).
///
/// `credit`: quota credit for a person (counts toward attainment, paid through `rates`).
/// `payment`: an amount added to earnings outside tiers and cap (bonus, SPIFF, correction).
public enum AdjustmentKind: String, Sendable, CaseIterable { case credit, payment }

/// One approved manual correction from `adjustments.csv` (SPEC 8.4), validated and typed.
///
///     id,period,payee_type,payee_id,kind,amount,reason,approved_by,deal_id
///     A1,2027-02,person,alice,credit,12500.00,D2602-01 credited to bob in the CRM,VP Sales,D2602-01
///     → alice gets 12500.00 USD of quota credit in 2027-02, approved by "VP Sales", about deal D2602-01.
public struct Adjustment: Sendable, Equatable {
    public var id: String
    /// The period it counts in.
    public var period: Period
    public var payeeType: PayeeType
    /// A person of people.csv or a partner of partners.csv, by id.
    public var payeeID: String
    public var kind: AdjustmentKind
    /// Non-zero, may be negative, at most the currency's minor-unit decimals.
    public var amount: Money
    public var reason: String
    public var approvedBy: String
    /// The deal it concerns, if given (it exists in deals.csv).
    public var deal: DealID?
    /// Physical line in adjustments.csv.
    public var sourceLine: Int

    public init(id: String, period: Period, payeeType: PayeeType, payeeID: String, kind: AdjustmentKind, amount: Money,
                reason: String, approvedBy: String, deal: DealID?, sourceLine: Int) {
        self.id = id
        self.period = period
        self.payeeType = payeeType
        self.payeeID = payeeID
        self.kind = kind
        self.amount = amount
        self.reason = reason
        self.approvedBy = approvedBy
        self.deal = deal
        self.sourceLine = sourceLine
    }
}

/// The approved manual corrections of a data folder (`adjustments.csv`, optional).
///
/// `Adjustments.none` stands for a folder without the file: every question then has the
/// answer "no adjustment".
public struct Adjustments: Sendable {
    public var file: String
    public var items: [Adjustment]

    public init(file: String, items: [Adjustment]) {
        self.file = file
        self.items = items
    }

    /// No adjustments.csv.
    public static let none = Adjustments(file: "adjustments.csv", items: [])

    /// Adjustments dated in `period`.
    ///
    /// A1 in 2027-02 and A2 in 2027-05: `datedIn(2027-02)` → [A1].
    public func datedIn(_ period: Period) -> [Adjustment] { items.filter { $0.period == period } }

    /// Adjustments of `payee` in the fiscal year starting `yearStart`, through `period`
    /// (SPEC 8.4: later periods and other fiscal years have no effect on the run).
    ///
    /// A1 2026-12, A2 2027-02, A3 2027-05 for alice; fiscal year 2027-01, period 2027-03 → [A2].
    public func effective(for type: PayeeType, _ id: String, yearStart: Period, through period: Period) -> [Adjustment] {
        items.filter { $0.payeeType == type && $0.payeeID == id && $0.period >= yearStart && $0.period <= period }
    }

    /// Adjustments dated after `period`: no effect on the run, counted in its summary.
    public func countAfter(_ period: Period) -> Int { items.lazy.filter { $0.period > period }.count }

    /// The payees with an adjustment in the fiscal year starting `yearStart`, through `period`
    /// (SPEC 8.7: such a payee is listed), as `(type, id)` in file order, each once.
    public func payees(yearStart: Period, through period: Period) -> [(type: PayeeType, id: String)] {
        var seen = Set<PayeeKey>()
        var out: [(type: PayeeType, id: String)] = []
        for a in items where a.period >= yearStart && a.period <= period {
            if seen.insert(PayeeKey(a.payeeType, a.payeeID)).inserted { out.append((a.payeeType, a.payeeID)) }
        }
        return out
    }
}
