/// Sales channel of a booking.
public enum Channel: String, Sendable, CaseIterable { case direct, partner }
/// Kind of ledger row.
public enum DealEvent: String, Sendable, CaseIterable { case booking, cancellation }
/// How the customer buys.
public enum PurchaseKind: String, Sendable, CaseIterable { case subscription, upfront }
/// Deal registration status.
public enum Registration: String, Sendable, CaseIterable { case approved, pending, rejected, none }
/// Who found the lead first.
public enum LeadSource: String, Sendable, CaseIterable { case company, partner }

/// One person named in a deal's `reps`, with the split given for them (nil = share equally).
public struct RepShare: Sendable, Equatable {
    public var person: PersonIndex
    public var split: ExactDecimal?
}

/// One booking line of the ledger, validated and typed.
///
/// `D2,2027-01-20,A2,WEST,SEAT,150,,USD,partner,P1,approved,,,upfront` → a partner booking of
/// 150 price-book SEATs by partner P1, registration approved, bought upfront.
public struct Booking: Sendable {
    public var deal: DealID
    public var line: Int
    public var date: CivilDate
    public var account: String
    public var territory: String
    public var product: String
    public var quantity: ExactDecimal
    /// nil for price-book products.
    public var unitListPrice: ExactDecimal?
    public var salePrice: ExactDecimal?
    public var purchase: PurchaseKind
    public var channel: Channel
    /// Index into the roster's partners: the reseller, or on a direct deal the referrer.
    public var partner: PartnerIndex?
    public var registration: Registration
    public var sourcedBy: LeadSource
    public var reps: [RepShare]
    /// Physical line in deals.csv.
    public var sourceLine: Int
}

/// A cancellation row resolved to the booking it cancels.
public struct Cancellation: Sendable {
    /// Index into ``Ledger/bookings``.
    public var booking: BookingIndex
    public var date: CivilDate
    public var sourceLine: Int
}

/// The deal ledger: every booking and cancellation row, typed and cross-checked.
public struct Ledger: Sendable {
    public var file: String
    /// The booking lines, compact; ``bookings`` shows them as ``Booking`` values.
    public var store: BookingStore
    public var cancellations: [Cancellation]
    /// Data rows read from deals.csv (blank lines excluded).
    public var rowsRead: Int

    /// Every booking line in file order (each made from the compact store when read).
    public var bookings: BookingList { BookingList(store: store) }

    public init(file: String, store: BookingStore, cancellations: [Cancellation], rowsRead: Int) {
        self.file = file
        self.store = store
        self.cancellations = cancellations
        self.rowsRead = rowsRead
    }
}

/// What kind of payee a journal row or statement is for.
public enum PayeeType: String, Sendable, Comparable, CaseIterable {
    case person, partner
    public static func < (a: PayeeType, b: PayeeType) -> Bool { a == .person && b == .partner }
}

/// One line of `journal.csv`: what was actually paid to a payee for a closed period.
public struct JournalEntry: Sendable, Equatable {
    public var period: Period
    public var payeeType: PayeeType
    public var payeeID: String
    public var amount: Money
    public var closedAt: String
    public var sourceLine: Int
    /// The plan `close` ran with (SPEC 8.6); nil on rows of a six-column journal.
    public var plan: PlanProvenance? = nil
}

/// The payment journal written by `close`.
public struct Journal: Sendable {
    public var file: String
    public var entries: [JournalEntry]
    public static func empty(file: String) -> Journal { Journal(file: file, entries: []) }
}
