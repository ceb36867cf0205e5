/// Adjustments in `explain` traces (SPEC 8.4): each one a leaf naming its reason, approver,
/// deal and `adjustments.csv` row.
///
/// `adjustment ADJ-001 = 12500.00 — credit 2027-02: D2702-02 credited to the wrong rep in the
/// CRM; approved by VP Sales; deal D2702-02 [adjustments.csv:2]`
extension TraceKit {
    /// The file name shown in sources (adjustments always live in the data folder as this file).
    static let adjustmentsFile = "adjustments.csv"

    func adjustmentNode(_ a: Adjustment) -> TraceNode {
        var note = "\(a.kind.rawValue) \(a.period): \(a.reason); approved by \(a.approvedBy)"
        if let deal = a.deal { note += "; deal \(deal.rawValue)" }
        return TraceNode("adjustment \(a.id)", amount: a.amount.amount, note: note,
                         sources: [.adjustment(file: Self.adjustmentsFile, line: a.sourceLine)])
    }

    /// `earned` plus the payment adjustments dated through `through`, as a sum node labelled
    /// `label` (SPEC 8.4: outside tiers and cap); `earned` itself when there are none.
    func addingPayments(_ earned: TraceNode, label: String, adjustments: [Adjustment], through: Period) throws -> TraceNode {
        let payments = adjustments.filter { $0.kind == .payment && $0.period <= through }
        guard !payments.isEmpty else { return earned }
        var inner = earned
        inner.label = "earned before payment adjustments"
        var total = earned.amount ?? .zero
        for p in payments { total = try total.adding(p.amount.amount) }
        return TraceNode(label, amount: total, formula: .sum,
                         note: "earned + payment adjustments (added outside tiers and cap)",
                         children: [inner] + payments.map(adjustmentNode))
    }
}
