/// One booking read straight from the compact store: each property decodes only its own field,
/// so a report that looks at a booking's channel and date makes no `String` and no array.
///
/// ``BookingList``'s subscript makes a whole ``Booking`` (texts, decimals, reps) — right for a
/// statement line that prints all of it, wasteful in a loop over a million rows that asks one
/// field. Reports loop over views and make the whole booking only for what they print.
///
///     let v = ledger.bookings.view(7)
///     v.channel        // .partner (one bit of the record)
///     v.date.period    // 2027-03
///     v.account        // "A-1030" (made on access)
public struct BookingView: Sendable {
    let store: BookingStore
    /// Index into ``Ledger/bookings``.
    public let index: BookingIndex

    @inline(__always) var record: BookingRecord { store.records[index.offset] }

    public var date: CivilDate { CivilDate(packed: record.date) }
    public var channel: Channel { record.channel }
    public var purchase: PurchaseKind { record.purchase }
    public var registration: Registration { record.registration }
    public var sourcedBy: LeadSource { record.sourcedBy }
    /// Index into ``Roster/partners``, nil for none.
    public var partner: PartnerIndex? { record.partnerIndex }
    public var line: Int { Int(record.line) }
    /// The physical deals.csv line.
    public var sourceLine: Int { Int(record.sourceLine) }
    public var deal: DealID { DealID(store.deals.string(record.deal)) }
    public var account: String { store.accounts.string(UInt32(index.offset)) }
    public var territory: String { store.texts.string(record.territory) }
    public var product: String { store.texts.string(record.product) }
    /// The reps as written (one array made on access).
    public var reps: [RepShare] {
        var shares: [RepShare] = []
        try? store.forEachRep(record) { (r: RepShare) throws(NumericError) in shares.append(r) }
        return shares
    }
    /// The whole booking, every field made.
    public var booking: Booking { store.booking(index) }
}

extension BookingList {
    /// Booking `i` as a view of the compact record (see ``BookingView``).
    public func view(_ i: BookingIndex) -> BookingView { BookingView(store: store, index: i) }

    /// Every booking as a view, in ledger order.
    public var views: LazyMapSequence<Range<Int>, BookingView> {
        (0..<store.records.count).lazy.map { BookingView(store: store, index: BookingIndex($0)) }
    }
}
