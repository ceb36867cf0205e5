import ChannelComp

/// The audit's adjustments part (SPEC 8.4): totals per kind and per payee and the largest
/// adjustments, each with reason and approver — shown beside the neutrality figures, which
/// leave adjustments out. Rendered only when the run has adjustments.
///
///     Adjustments (not in the neutrality figures: they belong to no channel)
///     kind     count     total
///     credit       1  12500.00
///     payment      2    250.00
enum AdjustmentAuditRenderer {
    static func text(_ a: AdjustmentAudit) -> String {
        var out = "\nAdjustments, \(a.items.count) in the fiscal year through the period, \(a.afterPeriod) after it (not in the neutrality figures: adjustments belong to no channel)\n"
        out += TextTable.render([["kind", "count", "total"]] + a.perKind.map { [$0.kind.rawValue, "\($0.count)", $0.total.formatted] },
                                rightAligned: [1, 2])
        out += "\n" + TextTable.render([["payee", "type", "count", "credit", "payment"]] + a.perPayee.map {
            [PlainText.clean($0.payeeID), $0.payeeType.rawValue, "\($0.count)", $0.credit.formatted, $0.payment.formatted]
        }, rightAligned: [2, 3, 4])
        out += "\nLargest:\n"
        out += TextTable.render([["id", "period", "payee", "kind", "amount", "reason", "approved by", "row"]] + a.largest.map {
            [$0.id, "\($0.period)", $0.payeeID, $0.kind.rawValue, $0.amount.formatted, $0.reason, $0.approvedBy, "adjustments.csv:\($0.sourceLine)"].map(PlainText.clean)
        }, rightAligned: [4])
        return out
    }

    /// One CSV row per adjustment of the year to date, in the audit's columns:
    /// `ytd,2027-01,2027-03,adjustments,bob,person,adjustments.csv:4,payment,-250.00,USD,February SPIFF paid twice; approved by Sales Ops`.
    static func csvRows(_ a: AdjustmentAudit, _ r: AuditReport) -> String {
        a.items.map { x in
            // Texts from the input go through SpreadsheetCell (no formula runs when opened).
            ["ytd", "\(r.fiscalYearStart)", "\(r.period)", "adjustments"].map(CSVWriter.field)
                + [SpreadsheetCell.text(x.payeeID), CSVWriter.field(x.payeeType.rawValue), CSVWriter.field("adjustments.csv:\(x.sourceLine)"),
                   CSVWriter.field(x.kind.rawValue), CSVWriter.field(x.amount.formatted), CSVWriter.field(r.currency.code),
                   SpreadsheetCell.text("\(x.id) \(x.period): \(x.reason); approved by \(x.approvedBy)")]
        }.map { $0.joined(separator: ",") + "\n" }.joined()
    }

    static func json(_ a: AdjustmentAudit) -> JSONOut {
        func item(_ x: Adjustment) -> JSONOut {
            .object([("id", .string(x.id)), ("period", .string("\(x.period)")), ("payee_type", .string(x.payeeType.rawValue)),
                     ("payee_id", .string(x.payeeID)), ("kind", .string(x.kind.rawValue)), ("amount", .string(x.amount.formatted)),
                     ("reason", .string(x.reason)), ("approved_by", .string(x.approvedBy)),
                     ("deal_id", x.deal.map { .string($0.rawValue) } ?? .null), ("row", .int(x.sourceLine))])
        }
        return .object([
            ("count", .int(a.items.count)), ("after_period", .int(a.afterPeriod)),
            ("per_kind", .array(a.perKind.map { .object([("kind", .string($0.kind.rawValue)), ("count", .int($0.count)), ("total", .string($0.total.formatted))]) })),
            ("per_payee", .array(a.perPayee.map {
                .object([("payee_type", .string($0.payeeType.rawValue)), ("payee_id", .string($0.payeeID)), ("count", .int($0.count)),
                         ("credit", .string($0.credit.formatted)), ("payment", .string($0.payment.formatted))])
            })),
            ("largest", .array(a.largest.map(item))),
        ])
    }
}
