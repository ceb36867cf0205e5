/// Where a ledger row lands in a run over months `first … last`: the one placement rule
/// (SPEC 3.1, 3.5, 5, 6). Every run, report and statement asks this instead of comparing dates.
///
/// Run 2027-03 (fiscal year from 2027-01): a booking dated 2027-04-02 is `.afterPeriod`; one
/// dated 2026-12-20 is `.beforeFiscalYear` (it still counts for partner levels); a cancellation
/// 120 days after its booking with `clawback_days` 90 is `.outsideClawbackWindow`.
public enum Placement: Sendable, Equatable {
    /// Counted in the run: a booking, or a clawback, dated in the window.
    case counted
    /// Dated after the run's period: ignored by the run (and counted).
    case afterPeriod
    /// Dated before the window: earns nothing in it.
    case beforeFiscalYear
    /// A cancellation outside the clawback window: no effect on any payout.
    case outsideClawbackWindow
}

/// A booking or a clawed-back cancellation, each placed by its own date (SPEC 6).
///
/// Booking D1 (2027-03-15) and its cancellation (2027-04-20, 36 days, clawback window 90):
/// a run through 2027-04 sees D1 in 2027-03 and its clawback (sign −1) in 2027-04.
public struct LedgerEvent: Sendable {
    public var booking: BookingIndex
    /// Index into ``Ledger/cancellations`` when the event reverses the booking.
    public var clawback: Int?
    /// Month index (``Period/index``) the event lands in.
    public var month: Int
    public var isClawback: Bool { clawback != nil }
    public var period: Period { Period(index: month) }
}

/// The months a run or report looks at: `first … last` as month indexes.
public struct EventWindow: Sendable, Equatable {
    public var first: Int
    public var last: Int

    public init(first: Period, last: Period) {
        self.first = first.index
        self.last = last.index
    }

    /// Placement of a booking dated in month `month`.
    @inline(__always)
    public func placeBooking(month: Int) -> Placement {
        if month > last { return .afterPeriod }
        if month < first { return .beforeFiscalYear }
        return .counted
    }

    /// Placement of a cancellation dated in month `month` (the window is checked first: a
    /// cancellation after the period leaves its booking standing, SPEC 6).
    @inline(__always)
    public func placeCancellation(month: Int, clawedBack: Bool) -> Placement {
        if month > last { return .afterPeriod }
        if !clawedBack { return .outsideClawbackWindow }
        if month < first { return .beforeFiscalYear }
        return .counted
    }
}

extension Ledger {
    /// Calls `body` with every event counted in `window` — bookings in file order, then
    /// clawbacks in file order — and tallies every row's placement into `summary`.
    ///
    /// The one walk over the ledger that runs, reports and statements share.
    ///
    /// `bookings` and `cancellations` restrict the walk to those rows (a run split over two
    /// threads walks the first half of the bookings, then the rest and the cancellations).
    @inline(__always)
    public func forEachEvent<E: Error>(in window: EventWindow, plan: Plan, summary: inout LedgerSummary,
                                       bookings: Range<Int>? = nil, cancellations: Range<Int>? = nil,
                                       _ body: (LedgerEvent) throws(E) -> Void) throws(E) {
        let records = store.records
        for i in bookings ?? 0..<records.count {
            let m = records[i].periodIndex
            switch window.placeBooking(month: m) {
            case .counted:
                summary.bookingsUsed += 1
                try body(LedgerEvent(booking: BookingIndex(i), clawback: nil, month: m))
            case .afterPeriod: summary.afterPeriod += 1
            case .beforeFiscalYear: summary.beforeFiscalYear += 1
            case .outsideClawbackWindow: summary.outsideClawbackWindow += 1
            }
        }
        for ci in cancellations ?? self.cancellations.indices {
            let c = self.cancellations[ci]
            let m = c.date.period.index
            switch window.placeCancellation(month: m, clawedBack: Pricer.isClawedBack(c, ledger: self, plan: plan)) {
            case .counted:
                summary.clawbacksUsed += 1
                try body(LedgerEvent(booking: c.booking, clawback: ci, month: m))
            case .afterPeriod: summary.afterPeriod += 1
            case .beforeFiscalYear: summary.beforeFiscalYear += 1
            case .outsideClawbackWindow: summary.outsideClawbackWindow += 1
            }
        }
    }

    /// The events counted in `window`, as a list (reports and statements; runs use ``forEachEvent``).
    public func events(in window: EventWindow, plan: Plan) -> [LedgerEvent] {
        var summary = LedgerSummary()
        var out: [LedgerEvent] = []
        forEachEvent(in: window, plan: plan, summary: &summary) { (e: LedgerEvent) throws(Never) in out.append(e) }
        return out
    }
}
