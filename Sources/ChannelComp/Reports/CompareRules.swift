/// What `compare` requires of its two plans, and what it explains about the result.
///
/// Plans in different currencies, or with different `fiscal_year_start_month`, are refused:
/// their year-to-date figures would not cover the same months (plan B starting in April
/// compares April…March with plan A's January…December), so every earned-YTD delta would
/// mix two windows.
public enum CompareRules {
    /// Why plans A and B cannot be compared, or nil.
    ///
    /// A in USD from January, B in USD from April → "plan B's fiscal year starts in month 4 …".
    public static func incompatibility(_ a: Plan, _ b: Plan, period: Period? = nil) -> String? {
        if a.currency != b.currency {
            return "plan B is in \(b.currency.code) but plan A is in \(a.currency.code); compare needs two plans in one currency"
        }
        let ma = a.fiscalCalendar.startMonth, mb = b.fiscalCalendar.startMonth
        guard ma != mb else { return nil }
        var text = "plan B's fiscal year starts in month \(mb) (fiscal_year_start_month \(mb)) but plan A's in month \(ma)"
        if let period {
            text += ": for \(period) their years to date would be \(b.fiscalCalendar.yearStart(of: period))…\(period) and \(a.fiscalCalendar.yearStart(of: period))…\(period)"
        }
        return text + "; compare needs plans with one fiscal year, so every delta covers the same months"
    }

    /// Payees whose payout delta and earned-YTD delta have opposite signs.
    ///
    /// Without a journal a payout is this month's change in earned YTD under each plan, so B can
    /// pay bob more this month (+143.87) while paying him less over the year (−1991.00).
    public static func oppositeMoves(_ r: CompareReport) -> [PayeeComparison] {
        r.rows.filter { $0.payoutDelta.amount.signum * $0.earnedDelta.amount.signum < 0 }
    }
}

extension PayeeComparison {
    /// (B − A) ÷ |A| as a fraction, half-even to 4 places (0.1250 = B pays 12.5 % more); nil when A is 0.
    ///
    /// payout A 2000.00, B 2250.00 → 0.1250.
    public var payoutDeltaFraction: ExactDecimal? { Self.fraction(payoutDelta, of: payoutA) }
    /// The same for earned YTD.
    public var earnedDeltaFraction: ExactDecimal? { Self.fraction(earnedDelta, of: earnedA) }

    static func fraction(_ delta: Money, of base: Money) -> ExactDecimal? {
        guard !base.isZero else { return nil }
        return try? delta.amount.divided(by: base.amount.magnitude, scale: 4, rule: .halfEven)
    }
}
