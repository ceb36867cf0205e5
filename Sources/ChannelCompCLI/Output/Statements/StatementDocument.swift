import ChannelComp

/// What one statement says, independent of how it is printed: text and HTML are rendered
/// from the same document, so they always show the same figures.
///
/// Ann's statement for 2027-03 is a title (`Ann (ann) — statement 2027-03`), a few lines of
/// context (plan, currency, how paid-to-date was found) and sections such as "Payout" with the
/// facts `earned YTD 11332.24`, `paid to date 9450.00`, `payout 1882.24`.
struct StatementDocument {
    var title: String
    /// Short context lines under the title.
    var context: [String]
    var sections: [StatementSection]
}

/// One titled part of a statement: labelled figures, then an optional chart, table, trace
/// tree and notes.
struct StatementSection {
    var heading: String
    var facts: [StatementFact] = []
    var chart: TierChart? = nil
    var table: StatementTable? = nil
    /// The payee's `explain` trace (root, then context trees), printed as a tree.
    var trace: StatementTrace? = nil
    var notes: [String] = []
}

/// A labelled figure, with how it was found: `payout  1882.24  earned YTD − paid to date`.
struct StatementFact {
    var label: String
    var value: String
    var note: String = ""
    /// The figure the statement is about (the payout): printed in bold.
    var emphasis: Bool = false
}

/// A table of statement lines (deal lines, clawbacks, tiers, quarters).
struct StatementTable {
    struct Column {
        var title: String
        /// Right-aligned (amounts, rates).
        var numeric: Bool = false
    }
    var columns: [Column]
    var rows: [[String]]
    /// A totals line under the rows.
    var footer: [String]? = nil
    /// What to print when there are no rows.
    var emptyText: String
}

/// A bar against thresholds: a person's attainment against the tier thresholds, or a partner's
/// quarter purchases against the rebate tiers.
///
/// Attainment 0.2833 against tiers at 0, 1.00 and 1.50: a bar to 28.33 % of the way to the
/// first non-zero threshold, with a marker and label at each threshold.
struct TierChart {
    struct Mark {
        var label: String
        var value: ExactDecimal
    }
    var caption: String
    var value: ExactDecimal
    var valueLabel: String
    let marks: [Mark]
    /// The right end of the axis: 15 % beyond the larger of the bar and the last mark (1 when
    /// both are zero or less). Computed once: ``position(_:length:)`` is asked per mark, and
    /// rescanning the marks each time made 10,000 tiers quadratic (issue 16.11).
    let axisMax: ExactDecimal

    init(caption: String, value: ExactDecimal, valueLabel: String, marks: [Mark]) {
        self.caption = caption
        self.value = value
        self.valueLabel = valueLabel
        self.marks = marks
        var top = value
        for m in marks where m.value > top { top = m.value }
        if top.signum > 0, let widened = try? top.multiplied(by: ExactDecimal(significand: 115, scale: 2)) {
            axisMax = widened
        } else {
            axisMax = .one
        }
    }

    /// Where `v` falls on an axis of `length` units, clamped to 0…length, to 1 decimal place.
    ///
    /// 0.2833 on an axis to 1.725 with length 560 → 0.2833 × 560 / 1.725 = 91.97… → 92.0.
    func position(_ v: ExactDecimal, length: Int) -> ExactDecimal {
        let top = axisMax
        guard v.signum > 0 else { return .zero }
        if v >= top { return ExactDecimal(length) }
        guard let p = try? v.multiplied(by: ExactDecimal(length)).divided(by: top, scale: 1, rule: .halfEven) else {
            return .zero
        }
        return p
    }
}

/// Display forms of the run's figures (never rounded differently from the run).
enum StatementFormat {
    /// An exact amount with at least the currency's digits and no needless trailing zeros:
    /// 11332.2400 → `11332.24`, 0.325 → `0.325`, 7 → `7.00`.
    static func exact(_ value: ExactDecimal, _ currency: Currency) -> String {
        let n = value.normalized
        if n.scale <= currency.minorUnits { return value.formatted(fractionDigits: currency.minorUnits) }
        return n.description
    }

    /// A fraction as percent: 0.2833 → `28.33%`, 1.5 → `150%`.
    static func percent(_ fraction: ExactDecimal) -> String {
        Rate(fraction: fraction).percentText
    }

    /// A split already in percent: 33.3333 → `33.3333%`, 100.0000 → `100%`.
    static func share(_ percent: ExactDecimal) -> String {
        percent.normalized.description + "%"
    }

    /// Exact sum of amounts in one currency; nil only on overflow (never for a run that was
    /// computed, whose totals are larger).
    static func sum(_ amounts: [Money], _ currency: Currency) -> Money? {
        var total = Money.zero(currency)
        for a in amounts {
            guard let t = try? total + a else { return nil }
            total = t
        }
        return total
    }

    static func money(_ m: Money?) -> String { m?.forPeople ?? "(overflow)" }

    /// `roles.direct_rep.rates.tiers[1]`: for the audit trail only.
    static func tierPath(_ schedule: TierSchedule, _ index: Int) -> String {
        "\(schedule.keyPath).tiers[\(index)]"
    }

    /// `tier 2`: a tier as a reader names it (the plan key is in the audit trail).
    static func tierName(_ index: Int) -> String { "tier \(index + 1)" }
}
