/// The plan's clawback window (SPEC 3.5, 6): a cancellation dated within `clawback_days` days of
/// its booking claws the booking back; day N is in, day N+1 out; 0 days means no clawback.
///
/// `clawback_days` 90: booked 2027-01-10, cancelled 2027-04-10 (90 days) → clawed back;
/// cancelled 2027-04-11 (91 days) → outside the window, no effect on any payout.
public struct ClawbackWindow: Sendable, Equatable {
    public var days: Int

    public init(_ plan: Plan) { days = plan.clawbackDays }

    /// Whether a cancellation dated `cancelled` claws back a booking dated `booked`.
    @inline(__always)
    public func clawsBack(booked: CivilDate, cancelled: CivilDate) -> Bool {
        days > 0 && cancelled.dayNumber - booked.dayNumber <= days
    }

    /// The rule in words, for statements: "a booking cancelled within 90 days of its booking
    /// date is reversed in the cancellation's period with the booking's own amounts".
    public var reversalNote: String {
        days > 0
            ? "a booking cancelled within \(days) days of its booking date is reversed in the cancellation's period with the booking's own amounts"
            : "the plan has no clawback window: cancellations do not change payouts"
    }
}
