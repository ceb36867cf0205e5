import ChannelComp

/// Counts and totals of a data folder's adjustments, as `check` reports them.
///
/// Two credit adjustments (12500.00 and −2000.00) and one payment (750.00):
///
///     ok: adjustments: 3 rows: 2 credit (total 10500.00), 1 payment (total 750.00), periods 2027-02…2027-05
enum AdjustmentSummary {
    static func checkLine(_ adjustments: Adjustments) -> String {
        let items = adjustments.items
        guard !items.isEmpty else { return "ok: adjustments: 0 rows" }
        var parts: [String] = []
        for kind in AdjustmentKind.allCases {
            let of = items.filter { $0.kind == kind }
            guard let first = of.first else { continue }
            let total = (try? of.dropFirst().reduce(first.amount) { try $0 + $1.amount })?.formatted ?? "overflow"
            parts.append("\(of.count) \(kind.rawValue) (total \(total))")
        }
        let periods = items.map(\.period)
        let range = periods.min()! == periods.max()! ? "period \(periods.min()!)" : "periods \(periods.min()!)…\(periods.max()!)"
        return "ok: adjustments: \(items.count) row\(items.count == 1 ? "" : "s"): \(parts.joined(separator: ", ")), \(range)"
    }
}
