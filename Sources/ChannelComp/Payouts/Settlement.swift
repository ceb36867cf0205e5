/// How `paid_to_date` was found (SPEC 3.7).
public enum Settlement: Sendable, Equatable {
    /// No journal rows for the fiscal year before the period: paid = previous period's earnings.
    case preview
    /// Paid = journal amounts of these closed periods.
    case journal(closed: [Period])
}

/// A payee as the journal names one: its type and id.
public struct PayeeKey: Sendable, Hashable {
    public var type: PayeeType
    public var id: String
    public init(_ type: PayeeType, _ id: String) {
        self.type = type
        self.id = id
    }
}

/// What each payee was paid before the run's period: the Settle stage (SPEC 3.7).
///
/// Journal mode, period 2027-03, journal rows 2027-01 ann 932.00 and 2027-02 ann 688.00
/// → paid to date 1620.00. Preview mode: the payee's earned YTD through the previous period.
public struct PaidToDate: Sendable {
    public let settlement: Settlement
    let amounts: [PayeeKey: ExactDecimal]
    let currency: Currency

    /// Sums the journal rows of the closed periods (duplicate rows of one payee and period are summed).
    public init(settlement: Settlement, journal: Journal?, currency: Currency) throws(NumericError) {
        self.settlement = settlement
        self.currency = currency
        var sums: [PayeeKey: ExactDecimal] = [:]
        if case .journal(let closed) = settlement, let journal {
            let closedSet = Set(closed)
            for e in journal.entries where closedSet.contains(e.period) {
                let key = PayeeKey(e.payeeType, e.payeeID)
                sums[key] = try (sums[key] ?? .zero).adding(e.amount.amount)
            }
        }
        amounts = sums
    }

    /// paid_to_date of a payee: the journal's sum, or in preview mode `earnedBefore`
    /// (earned YTD through the previous period, 0 in the fiscal year's first month).
    public func paid(_ key: PayeeKey, earnedBefore: Money) -> Money {
        if case .preview = settlement { return earnedBefore }
        return Money(amounts[key] ?? .zero, currency)
    }
}
