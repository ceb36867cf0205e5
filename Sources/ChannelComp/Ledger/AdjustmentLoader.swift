import TextSuggestions

/// Loads `adjustments.csv`, the approved manual corrections (SPEC 8.4), against the plan,
/// the roster and the deal ledger; every problem is a located error.
///
///     id,period,payee_type,payee_id,kind,amount,reason,approved_by,deal_id
///     A1,2027-02,partner,P-ATLAS,credit,100.00,goodwill,CFO,
///     → adjustments.csv:2: error: column 'kind': a credit adjustment is quota credit for a
///       person; partner "P-ATLAS" cannot have one (use kind payment)
public enum AdjustmentLoader {
    public static let columns = ["id", "period", "payee_type", "payee_id", "kind", "amount", "reason", "approved_by", "deal_id"]
    /// Every column but `deal_id` is required in the header and non-empty in every row.
    public static let required = Array(columns.dropLast())

    public static func load(file: String, bytes: [UInt8], plan: Plan, roster: Roster, ledger: Ledger) -> (Adjustments, DiagnosticList) {
        var table = CSVTable(file: file, bytes: bytes, known: columns, required: required)
        var items: [Adjustment] = []
        var seen: [String: Int] = [:]
        let minor = plan.currency.minorUnits
        table.forEachRow { row in
            // SPEC 6: ids are text a person can read and type (the one id rule, IdentifierRules).
            let id = row.requiredText("id", what: "an adjustment id").flatMap { row.identifier("id", $0, what: "adjustment id") }
            if let text = id {
                if let first = seen[text] {
                    row.error("id", "duplicate adjustment id \(quoted(text)): already used on line \(first); each adjustment needs its own id")
                } else {
                    seen[text] = row.line
                }
            }
            var period: Period? = nil
            if let text = row.requiredText("period", what: "the period it counts in, YYYY-MM") {
                period = Period(parsing: text)
                if period == nil { row.error("period", "expected a real month YYYY-MM, found \(quoted(text))") }
            }
            let payeeType: PayeeType? = enumeration("payee_type", row: &row)
            let kind: AdjustmentKind? = enumeration("kind", row: &row)
            let payee = row.requiredText("payee_id", what: "a person id (people.csv) or partner id (partners.csv)")
            if let payee, let payeeType {
                checkPayee(payee, type: payeeType, kind: kind, plan: plan, roster: roster, row: &row)
            }
            var amount: ExactDecimal? = nil
            if row.require("amount", what: "a non-zero amount") {
                amount = row.decimal("amount", what: "an amount with at most \(minor) decimal\(minor == 1 ? "" : "s") (\(plan.currency.code))",
                                     maxFractionDigits: minor, allowNegative: true)
                if let a = amount, a.isZero {
                    row.error("amount", "expected a non-zero amount, found \(quoted(row.text("amount"))): an adjustment of 0 changes nothing",
                              hint: "delete the row, or give the amount to add (negative to take back)")
                    amount = nil
                } else if let a = amount, a.magnitude >= LedgerLoader.maxAmount {
                    row.error("amount", "expected an amount below 10^13, found \(quoted(row.text("amount")))")
                    amount = nil
                }
            }
            let reason = row.requiredText("reason", what: "why the adjustment is made")
            let approvedBy = row.requiredText("approved_by", what: "who approved it")
            var deal: DealID? = nil
            let dealText = row.text("deal_id")
            if !dealText.isEmpty {
                if ledger.store.deals.id(of: dealText) == nil {
                    row.error("deal_id", "expected empty or a deal_id of deals.csv, found \(quoted(dealText)): no such deal",
                              hint: "deal ids are compared exactly, as written in deals.csv")
                } else {
                    deal = DealID(dealText)
                }
            }
            if let id, let period, let payeeType, let payee, let kind, let amount, let reason, let approvedBy, !row.hasError {
                items.append(Adjustment(id: id, period: period, payeeType: payeeType, payeeID: payee, kind: kind,
                                        amount: Money(amount, plan.currency), reason: reason, approvedBy: approvedBy,
                                        deal: deal, sourceLine: row.line))
            }
        }
        return (Adjustments(file: file, items: items), table.diagnostics)
    }

    /// A required lowercase enumeration value (no default: an empty value is an error).
    private static func enumeration<E: RawRepresentable & CaseIterable>(_ column: String, row: inout CSVRow) -> E? where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        guard let text = row.requiredText(Column(stringLiteral: column), what: names.joined(separator: " or ")) else { return nil }
        if let value = E(rawValue: text) { return value }
        let hint = names.first { $0 == text.lowercased() }.map { "values are lowercase: '\($0)'" }
            ?? names.first { editDistance($0, text) <= 2 }.map { "did you mean '\($0)'?" }
        row.error(Column(stringLiteral: column), "expected one of \(names.joined(separator: ", ")), found \(quoted(text))", hint: hint)
        return nil
    }

    /// The payee exists, and a `credit` goes to a person whose role has `rates`.
    private static func checkPayee(_ payee: String, type: PayeeType, kind: AdjustmentKind?, plan: Plan, roster: Roster, row: inout CSVRow) {
        switch type {
        case .person:
            guard let index = roster.personIndex[payee] else {
                row.error("payee_id", roster.rejectedPersonIDs.contains(payee)
                    ? "person \(quoted(payee)) is in people.csv, but that row is invalid (see its error)"
                    : "expected a person id from people.csv, found \(quoted(payee)): no such person",
                    hint: roster.partnerIndex[payee] != nil ? "\(quoted(payee)) is a partner: set payee_type to partner" : nil)
                return
            }
            let role = plan.roles[roster.people[index].role]
            if kind == .credit, role.rates == nil {
                row.error("kind", "a credit adjustment is quota credit paid through the role's rates, but role '\(role.name)' of \(quoted(payee)) has no rates",
                          hint: "use kind payment for an amount paid as it is")
            }
        case .partner:
            if roster.partnerIndex[payee] == nil {
                row.error("payee_id", roster.partnersFile == nil
                    ? "expected a partner id, found \(quoted(payee)), but the data folder has no partners.csv"
                    : "expected a partner id from partners.csv, found \(quoted(payee)): no such partner",
                    hint: roster.personIndex[payee] != nil ? "\(quoted(payee)) is a person: set payee_type to person" : nil)
            }
            if kind == .credit {
                row.error("kind", "a credit adjustment is quota credit for a person; partner \(quoted(payee)) cannot have one",
                          hint: "use kind payment for an amount paid to a partner")
            }
        }
    }
}
