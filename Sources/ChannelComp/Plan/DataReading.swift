extension Plan {
    /// Whether a data folder loads the same under this plan and `other`: the same roster, the
    /// same ledger, journal and adjustments, row for row and message for message — so a second
    /// plan run over the same folder (`compare`) can take the first plan's loaded data.
    ///
    /// What the loaders read of a plan, and so what must be equal:
    /// - the currency (code and minor units): every money column and the ledger's `currency`;
    /// - the roles' names, in order, and which roles have rates: people's roles, role indexes
    ///   in the ledger and the roster, the quota a role with rates requires, credit adjustments;
    /// - the partner levels' names, in order: partners' `level` column;
    /// - the price book, whole: which products take no `unit_list_price`, and the last tier's
    ///   bound on quantities.
    ///
    /// Rates, tiers, credit rules, the calendar, clawback days and discounts are read only by the
    /// run. Example: `Plans/channel-neutral.json` and `Plans/fully-neutral.json` read the sample
    /// alike (they differ in partner-deal credit rules only); a plan in EUR does not.
    public func readsDataAlike(_ other: Plan) -> Bool {
        currency == other.currency
            && roles.map(\.name) == other.roles.map(\.name)
            && roles.map { $0.rates != nil } == other.roles.map { $0.rates != nil }
            && partnerProgram.levels.map(\.name) == other.partnerProgram.levels.map(\.name)
            && priceBook == other.priceBook
    }
}
