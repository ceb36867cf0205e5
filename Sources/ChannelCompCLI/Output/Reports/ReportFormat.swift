import ChannelComp

/// Number formatting shared by the report renderers (audit, compare, explain).
///
/// Ratios print with 4 places (`0.6500`), shares as percent with 2 (`5.56%`), money at the
/// currency's minor units (`1234.50`); an undefined ratio prints `n/a` in text, an empty field
/// in CSV and `null` in JSON.
enum ReportFormat {
    /// `0.6500`, or nil when undefined.
    static func ratio(_ r: ExactRatio?) -> String? { r.map { $0.value.formatted(fractionDigits: 4) } }

    /// `5.56%` from a 4-place share 0.0556 (exact: ×100 moves the point), or nil.
    static func percent(_ r: ExactRatio?) -> String? {
        guard let r, let p = try? r.value.multiplied(by: .hundred) else { return nil }
        return p.formatted(fractionDigits: 2) + "%"
    }

    /// `+12.50%` / `-3.10%` for a delta percent, or nil.
    static func signedPercent(_ p: ExactDecimal?) -> String? {
        guard let p else { return nil }
        return (p.signum > 0 ? "+" : "") + p.formatted(fractionDigits: 2) + "%"
    }

    /// `+250.00` / `-12.00` / `0.00`.
    static func signedMoney(_ m: Money) -> String { (m.amount.signum > 0 ? "+" : "") + m.formatted }

    /// Money at minor units from an exact amount (half-even for display only).
    static func money(_ d: ExactDecimal, _ currency: Currency) -> String { d.formatted(fractionDigits: currency.minorUnits) }

    /// An exact amount with all its places, but at least the currency's minor units:
    /// 4999.996 → `4999.996`, 40000.0000 → `40000.00`, 12 → `12.00`.
    static func exact(_ d: ExactDecimal, _ currency: Currency) -> String {
        d.formatted(fractionDigits: max(currency.minorUnits, d.normalized.scale))
    }

    /// The text form of an optional: the value or `n/a`.
    static func text(_ s: String?) -> String { s ?? "n/a" }

    /// JSON string or null.
    static func json(_ s: String?) -> JSONOut { s.map { .string($0) } ?? .null }
}
