import ChannelComp

/// A statement row about one booking line, possibly as a clawback of it.
protocol DealLineRow {
    var booking: Booking { get }
    var cancellation: Cancellation? { get }
}

/// Statement order: by the row's date (the cancellation's for a clawback), then deal, then line.
///
/// D2703-11 (2027-03-23) after D2703-05 (2027-03-11); a clawback dated 2027-03-02 of a
/// February booking comes first.
func dealLineOrder(_ a: some DealLineRow, _ b: some DealLineRow) -> Bool {
    let da = a.cancellation?.date ?? a.booking.date
    let db = b.cancellation?.date ?? b.booking.date
    if da != db { return da < db }
    if a.booking.deal != b.booking.deal { return a.booking.deal < b.booking.deal }
    return a.booking.line < b.booking.line
}
