/// One payee's adjustments as a run sees them (SPEC 8.4): those of the fiscal year through the
/// period, split by kind, with the period's part.
///
/// alice, fiscal year 2027-01, period 2027-03: A1 credit 12500.00 (2027-02), A2 payment 750.00
/// (2027-03), A3 payment 100.00 (2027-05, after the period: not here) →
/// creditYTD 12500.00, creditPeriod 0.00, paymentYTD 750.00, paymentPeriod 750.00.
public struct AdjustmentTotals: Sendable, Equatable {
    /// Quota credit from `credit` adjustments, YTD and dated in the period.
    public var creditYTD: Money
    public var creditPeriod: Money
    /// P of SPEC 8.4: `payment` adjustments YTD, and those dated in the period.
    public var paymentYTD: Money
    public var paymentPeriod: Money
    /// The adjustments counted, in file order.
    public var items: [Adjustment]

    public static func zero(_ currency: Currency) -> AdjustmentTotals {
        let z = Money.zero(currency)
        return AdjustmentTotals(creditYTD: z, creditPeriod: z, paymentYTD: z, paymentPeriod: z, items: [])
    }

    /// Payment adjustments dated before the period (part of earned_ytd(p − 1)).
    public var paymentBefore: Money { get throws(NumericError) { try paymentYTD - paymentPeriod } }
    /// Credit adjustments dated before the period.
    public var creditBefore: Money { get throws(NumericError) { try creditYTD - creditPeriod } }

    mutating func add(_ a: Adjustment, inPeriod: Bool) throws(NumericError) {
        switch a.kind {
        case .credit:
            creditYTD = try creditYTD + a.amount
            if inPeriod { creditPeriod = try creditPeriod + a.amount }
        case .payment:
            paymentYTD = try paymentYTD + a.amount
            if inPeriod { paymentPeriod = try paymentPeriod + a.amount }
        }
        items.append(a)
    }
}

extension Adjustments {
    /// Every payee's ``AdjustmentTotals`` for a run of `period` in the fiscal year starting
    /// `yearStart`, keyed by `"person\0alice"` / `"partner\0P-ATLAS"` (see ``key(_:_:)``).
    /// Adjustments of other fiscal years and after the period are not counted.
    public func totals(yearStart: Period, through period: Period, currency: Currency) throws(NumericError) -> [PayeeKey: AdjustmentTotals] {
        var out: [PayeeKey: AdjustmentTotals] = [:]
        for a in items where a.period >= yearStart && a.period <= period {
            let k = Self.key(a.payeeType, a.payeeID)
            var t = out[k] ?? .zero(currency)
            try t.add(a, inPeriod: a.period == period)
            out[k] = t
        }
        return out
    }

    /// The key of ``totals(yearStart:through:currency:)``.
    public static func key(_ type: PayeeType, _ id: String) -> PayeeKey { PayeeKey(type, id) }
}
