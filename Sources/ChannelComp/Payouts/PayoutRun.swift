/// Everything a payout run computed for one period: the source of every output.
///
/// Statements, the CSV summary, JSON and `explain` are all rendered from one `PayoutRun`,
/// so they can never disagree.
public struct PayoutRun: Sendable {
    public var planName: String
    public var currency: Currency
    public var period: Period
    public var fiscalYearStart: Period
    public var people: [PersonPayout]
    public var partners: [PartnerPayout]
    public var ledgerSummary: LedgerSummary
    public var settlement: Settlement
    /// Credit lines of the fiscal year through the period (only when details were asked for).
    public var creditLines: CreditLines
    /// Priced booking lines by booking index (only when details were asked for).
    public var priced: PricedLines
    /// Where a role credited nobody on a partner deal of the fiscal year (booking, role, reason).
    public var uncredited: [UncreditedRole]
    /// Detailed runs with a prior-period adjustment: per payee (``Adjustments/key(_:_:)``), the
    /// closed months whose figures changed since their close, adding up to it (SPEC 8.5).
    public var closedMonthCorrections: [PayeeKey: [ClosedMonthCorrection]] = [:]
}

/// A booking on which a role of the plan credited nobody, and why — 12 bytes, as a year of a
/// large ledger lists hundreds of thousands.
///
///     UncreditedRole(booking: BookingIndex(41), role: 1, reason: .noTerritoryOwner)
public struct UncreditedRole: Sendable, Equatable {
    public let booking: BookingIndex
    private let roleIndex: Int32
    public let reason: NoCreditReason
    /// The role's index in the plan's roles.
    public var role: Int { Int(roleIndex) }

    public init(booking: BookingIndex, role: Int, reason: NoCreditReason) {
        self.booking = booking
        // Role indexes come from the plan's list of roles, far below 2^31.
        roleIndex = Int32(clamping: role)
        self.reason = reason
    }
}

/// One person's figures for the period (SPEC 4.1 row plus what explains it).
public struct PersonPayout: Sendable {
    public var index: PersonIndex
    public var id: PersonID
    public var name: String
    public var role: String
    public var quota: Money?
    /// Quota credit dated in the period.
    public var creditPeriod: Money
    /// Quota credit of the fiscal year through the period (clawbacks included).
    public var creditYTD: Money
    /// Flat-rate credit YTD and what it pays (exact).
    public var flatCreditYTD: Money
    public var flatPayYTD: ExactDecimal
    /// credit_ytd / quota rounded half-even to 4 places; nil without quota.
    public var attainment: ExactDecimal?
    /// What the tiers made of credit_ytd, exactly.
    public var tiered: Tiers.Result?
    /// round(tiered + flat) before the cap.
    public var earnedUncapped: Money
    public var capped: Bool
    public var earnedYTD: Money
    public var paidToDate: Money
    public var payout: Money
    /// SPEC 8.5: earned_ytd(p) − earned_ytd(p−1) and earned_ytd(p−1) − paid_to_date (0 in
    /// preview mode); they add up to `payout`.
    public var periodEarned: Money
    public var priorPeriodAdjustment: Money
    /// earned_ytd(p−1) from today's data (0 in the fiscal year's first month).
    public var earnedBefore: Money
    /// The payee's adjustments of the fiscal year through the period (SPEC 8.4): their credit
    /// is in `creditPeriod`/`creditYTD`, their payments in `earnedYTD` after the cap.
    public var adjustments: AdjustmentTotals
    /// Where credit YTD stands against the role's tiers (nil without rates or quota).
    public var standing: TierStanding? = nil
}

/// One partner's figures for the period (SPEC 3.6, 4.1).
public struct PartnerPayout: Sendable {
    public var index: PartnerIndex
    public var id: PartnerID
    public var name: String
    /// Net purchases (N) in the period and YTD, clawbacks subtracted.
    public var purchasesPeriod: Money
    public var purchasesYTD: Money
    /// Referral fees YTD (clawed-back fees subtracted).
    public var referralFeesYTD: Money
    /// Per fiscal quarter of the year (1…4): net purchases through the period and the rebate
    /// earned (nil until the quarter has ended).
    public var quarters: [QuarterRebate]
    public var earnedYTD: Money
    public var paidToDate: Money
    public var payout: Money
    /// SPEC 8.5: earned_ytd(p) − earned_ytd(p−1) and earned_ytd(p−1) − paid_to_date (0 in
    /// preview mode); they add up to `payout`.
    public var periodEarned: Money
    public var priorPeriodAdjustment: Money
    /// earned_ytd(p−1) from today's data (0 in the fiscal year's first month).
    public var earnedBefore: Money
    /// The payee's adjustments of the fiscal year through the period (SPEC 8.4): their credit
    /// is in `creditPeriod`/`creditYTD`, their payments in `earnedYTD` after the cap.
    public var adjustments: AdjustmentTotals
    /// The partner's level for a deal dated in the run's period, and the trailing volume behind it.
    public var level: Int?
    public var levelFixed: Bool
    public var trailingVolume: ExactDecimal
    /// The next level and the volume still missing.
    public var levelOutlook: LevelOutlook? = nil
    /// The latest quarter's purchases against the rebate tiers (nil without a rebate schedule).
    public var rebateOutlook: RebateOutlook? = nil
}

/// One fiscal quarter's purchases and rebate for a partner.
public struct QuarterRebate: Sendable {
    public var quarter: Int
    public var start: Period
    public var purchases: Money
    public var ended: Bool
    public var tiers: Tiers.Result?
    /// Rounded rebate; zero until the quarter ends.
    public var rebate: Money
}

/// Every deals.csv row accounted for (SPEC 5): the counts add up to the rows read.
public struct LedgerSummary: Sendable, Equatable {
    public var rowsRead: Int = 0
    /// Bookings dated in the fiscal year through the period.
    public var bookingsUsed: Int = 0
    /// Clawed-back cancellations dated in the fiscal year through the period.
    public var clawbacksUsed: Int = 0
    /// Rows dated before the fiscal year: used only for partner levels.
    public var beforeFiscalYear: Int = 0
    /// Rows dated after the period.
    public var afterPeriod: Int = 0
    /// Cancellations outside the clawback window (no effect on any payout).
    public var outsideClawbackWindow: Int = 0
    /// Rows rejected as invalid (a run with rejected rows does not produce payouts).
    public var rejected: Int = 0
    /// Adjustments dated after the period (SPEC 8.4: no effect on the run, counted). Not deal
    /// rows, so not part of ``accountedFor``.
    public var adjustmentsAfterPeriod: Int = 0

    public var accountedFor: Int {
        bookingsUsed + clawbacksUsed + beforeFiscalYear + afterPeriod + outsideClawbackWindow + rejected
    }
}
