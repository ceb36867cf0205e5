/// The audit's view of adjustments (SPEC 8.4): totals per payee and per kind, and the largest
/// ones, shown beside the neutrality figures (adjustments belong to no channel, so those
/// figures leave them out).
///
/// alice credit 12500.00, bob payment −250.00, P-ATLAS payment 500.00 (fiscal year through
/// 2027-03): per kind credit 12500.00 (1), payment 250.00 (2); per payee alice 12500.00,
/// P-ATLAS 500.00, bob −250.00; largest by size: ADJ-001 12500.00, ADJ-002 500.00, ADJ-003 −250.00.
public struct AdjustmentAudit: Sendable {
    public struct PayeeTotal: Sendable, Equatable {
        public var payeeType: PayeeType
        public var payeeID: String
        public var credit: Money
        public var payment: Money
        public var count: Int
    }
    public struct KindTotal: Sendable, Equatable {
        public var kind: AdjustmentKind
        public var total: Money
        public var count: Int
    }

    /// The adjustments of the fiscal year through the period, in file order.
    public var items: [Adjustment]
    /// Per payee, people then partners, each by id (byte order).
    public var perPayee: [PayeeTotal]
    public var perKind: [KindTotal]
    /// Up to `largestCount` adjustments by absolute amount, largest first (ties: file order).
    public var largest: [Adjustment]
    /// Adjustments dated after the period (no effect on this run).
    public var afterPeriod: Int

    public static let largestCount = 5

    /// The adjustments a run counted (the fiscal year through its period), in file order.
    public init(run: PayoutRun) throws(NumericError) {
        let items = (run.people.flatMap(\.adjustments.items) + run.partners.flatMap(\.adjustments.items))
            .sorted { $0.sourceLine < $1.sourceLine }
        try self.init(items: items, afterPeriod: run.ledgerSummary.adjustmentsAfterPeriod, currency: run.currency)
    }

    public init(items: [Adjustment], afterPeriod: Int, currency: Currency) throws(NumericError) {
        self.items = items
        self.afterPeriod = afterPeriod
        let zero = Money.zero(currency)
        var byPayee: [PayeeKey: PayeeTotal] = [:]
        var kinds: [AdjustmentKind: KindTotal] = [:]
        for a in items {
            let k = Adjustments.key(a.payeeType, a.payeeID)
            var t = byPayee[k] ?? PayeeTotal(payeeType: a.payeeType, payeeID: a.payeeID, credit: zero, payment: zero, count: 0)
            switch a.kind {
            case .credit: t.credit = try t.credit + a.amount
            case .payment: t.payment = try t.payment + a.amount
            }
            t.count += 1
            byPayee[k] = t
            var kt = kinds[a.kind] ?? KindTotal(kind: a.kind, total: zero, count: 0)
            kt.total = try kt.total + a.amount
            kt.count += 1
            kinds[a.kind] = kt
        }
        perPayee = byPayee.values.sorted {
            $0.payeeType != $1.payeeType ? $0.payeeType < $1.payeeType : Array($0.payeeID.utf8).lexicographicallyPrecedes(Array($1.payeeID.utf8))
        }
        perKind = AdjustmentKind.allCases.compactMap { kinds[$0] }
        largest = Array(items.enumerated().sorted {
            let a = $0.element.amount.amount.magnitude, b = $1.element.amount.amount.magnitude
            return a != b ? a > b : $0.offset < $1.offset
        }.map(\.element).prefix(Self.largestCount))
    }
}
