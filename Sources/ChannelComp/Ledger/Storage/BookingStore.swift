/// The bookings of a ledger in compact form: 64 bytes a line, texts interned.
///
/// A ``Booking`` with its strings, decimals and reps array takes about 300 bytes and several
/// heap objects; a million of them dominate a payout run. The store keeps one
/// ``BookingRecord`` per line instead, with ids into text pools and decimals as 64-bit
/// significands (wider values go to a side table, so nothing is ever rounded or lost), and
/// makes a ``Booking`` on demand for reports and statements:
///
///     D2,1,booking,2027-01-20,A2,WEST,SEAT,150,,,USD,upfront,partner,P1,approved,,
///     → BookingRecord(deal: 1, line: 1, date: 2027-01-20, account: 1, territory: 0, product: 1,
///                     quantity: 150 (scale 0), unitListPrice: none, salePrice: none, partner: 0, …)
public struct BookingStore: Sendable {
    /// The arrays, behind one reference: copying a store (into a report's ``BookingView``, a
    /// pricer, a run) costs one retain instead of one per array. Copy-on-write: a store is
    /// copied before it is changed while another value shares it, so it stays a value.
    /// (No run-time exclusivity checks on its fields: they are reached only through the
    /// store's accessors, which the compiler checks statically; the checks cost 9 % of a load.)
    final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var records: [BookingRecord] = []
        @exclusivity(unchecked) var deals = TextPool()
        @exclusivity(unchecked) var texts = TextPool()
        @exclusivity(unchecked) var accounts = TextList()
        @exclusivity(unchecked) var reps: [StoredRepShare] = []
        @exclusivity(unchecked) var wide: [ExactDecimal] = []

        init() {}

        func copy() -> Storage {
            let c = Storage()
            c.records = records; c.deals = deals; c.texts = texts
            c.accounts = accounts; c.reps = reps; c.wide = wide
            return c
        }
    }

    private var storage = Storage()

    /// Frees the deal ids' lookup table once nothing looks deal ids up any more (after the
    /// ledger and the adjustments that name deals are read): ids and texts are unchanged, so
    /// every value sharing this store sees the same bookings; only a later lookup by id gets
    /// slower (``TextPool/dropIndex()``). Done in place, without copying a shared store.
    public func releaseDealLookup() {
        storage.deals.dropIndex()
    }

    @inline(__always)
    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    var records: [BookingRecord] {
        _read { yield storage.records }
        _modify { unique(); yield &storage.records }
    }
    /// Deal ids.
    var deals: TextPool {
        _read { yield storage.deals }
        _modify { unique(); yield &storage.deals }
    }
    /// Territories and products: few, in a table small enough to stay in cache.
    var texts: TextPool {
        _read { yield storage.texts }
        _modify { unique(); yield &storage.texts }
    }
    /// Customer accounts, one per booking (many distinct, never looked up: not interned).
    var accounts: TextList {
        _read { yield storage.accounts }
        _modify { unique(); yield &storage.accounts }
    }
    /// Reps of lines with more than one person or with splits, back to back.
    var reps: [StoredRepShare] {
        _read { yield storage.reps }
        _modify { unique(); yield &storage.reps }
    }
    /// Decimals that do not fit a 64-bit significand.
    var wide: [ExactDecimal] {
        _read { yield storage.wide }
        _modify { unique(); yield &storage.wide }
    }

    public init() {}

    /// Number of bookings.
    public var count: Int { records.count }

    /// Adds a booking; nil when a limit of the compact form is passed (4 GiB of distinct text,
    /// 2^32 lines).
    @discardableResult
    public mutating func append(_ b: Booking) -> Int? {
        guard let deal = deals.intern(b.deal.rawValue),
              let territory = texts.intern(b.territory), let product = texts.intern(b.product),
              let line = UInt32(exactly: b.line), let sourceLine = UInt32(exactly: b.sourceLine),
              sourceLine <= UInt32(Int32.max), records.count < Int(Int32.max)
        else { return nil }
        var r = BookingRecord(deal: deal, line: line, sourceLine: sourceLine, date: b.date.packed,
                              territory: territory, product: product, partner: b.partner?.rawValue ?? BookingRecord.noPartner)
        (r.quantity, r.quantityScale) = pack(b.quantity)
        if let x = b.unitListPrice { (r.unitListPrice, r.unitListPriceScale) = pack(x) }
        if let x = b.salePrice { (r.salePrice, r.salePriceScale) = pack(x) }
        r.kinds = BookingRecord.kinds(purchase: b.purchase, channel: b.channel, registration: b.registration, sourcedBy: b.sourcedBy)
        if b.reps.count == 1, b.reps[0].split == nil {
            r.repsStart = UInt32(bitPattern: b.reps[0].person.rawValue)
            r.repCount = 1
            r.repInline = true
        } else if !b.reps.isEmpty {
            guard let start = appendReps(b.reps), let n = UInt16(exactly: b.reps.count) else { return nil }
            r.repsStart = start
            r.repCount = n
        }
        // Last, so that accounts stay one per record (the account of record i is accounts[i]).
        guard accounts.append(b.account) != nil else { return nil }
        records.append(r)
        return records.count - 1
    }

    /// The bookings at `indices`, in that order, as a store of their own (booking k is
    /// `indices[k]`): the records and accounts copied, the texts, reps and wide decimals shared —
    /// no `Booking` made, nothing interned again.
    ///
    ///     store.subset([BookingIndex(7), BookingIndex(9)]).booking(BookingIndex(1))  // = store.booking(BookingIndex(9))
    public func subset(_ indices: [BookingIndex]) -> BookingStore {
        let sub = BookingStore()
        sub.storage.deals = storage.deals
        sub.storage.texts = storage.texts
        sub.storage.reps = storage.reps
        sub.storage.wide = storage.wide
        sub.storage.records.reserveCapacity(indices.count)
        for i in indices {
            sub.storage.records.append(storage.records[i.offset])
            storage.accounts.withBytes(UInt32(i.offset)) { _ = sub.storage.accounts.append($0) }
        }
        return sub
    }

    /// Adds a record made by the loader's fast path (texts already interned, its account
    /// already appended to ``accounts``).
    @inline(__always)
    mutating func append(_ r: BookingRecord) { records.append(r) }

    /// Appends the shares of one line to ``reps`` and returns where they start; nil past 2^32.
    mutating func appendReps(_ shares: [RepShare]) -> UInt32? {
        guard let start = UInt32(exactly: reps.count), reps.count + shares.count < Int(UInt32.max) else { return nil }
        for share in shares {
            var stored = StoredRepShare(person: share.person.rawValue, scale: BookingRecord.absent, split: 0)
            if let split = share.split { (stored.split, stored.scale) = pack(split) }
            reps.append(stored)
        }
        return start
    }

    /// The share kept at `k` of ``reps``.
    @inline(__always)
    func repShare(_ k: Int) -> RepShare {
        let s = reps[k]
        return RepShare(person: PersonIndex(rawValue: s.person), split: unpack(s.split, s.scale))
    }

    /// The decimal in 8 bytes + a scale, or an index into ``wide``.
    mutating func pack(_ x: ExactDecimal) -> (Int64, UInt8) {
        if let small = Int64(exactly: x.significand) { return (small, UInt8(x.scale)) }
        wide.append(x)
        return (Int64(wide.count - 1), BookingRecord.wideScale)
    }

    @inline(__always)
    func unpack(_ value: Int64, _ scale: UInt8) -> ExactDecimal? {
        switch scale {
        case BookingRecord.absent: return nil
        case BookingRecord.wideScale: return wide[Int(value)]
        default: return ExactDecimal(unchecked: Int128(value), scale)
        }
    }

    /// The compact record of booking `i`.
    @inline(__always)
    func record(_ i: BookingIndex) -> BookingRecord { records[i.offset] }

    /// The booking at `i`, with its texts as strings.
    public func booking(_ i: BookingIndex) -> Booking {
        let r = records[i.offset]
        var shares: [RepShare] = []
        if r.repInline {
            shares = [RepShare(person: r.soleRep, split: nil)]
        } else if r.repCount > 0 {
            shares = (Int(r.repsStart)..<Int(r.repsStart) + Int(r.repCount)).map { repShare($0) }
        }
        return Booking(deal: DealID(deals.string(r.deal)), line: Int(r.line), date: CivilDate(packed: r.date),
                       account: accounts.string(UInt32(i.offset)), territory: texts.string(r.territory),
                       product: texts.string(r.product), quantity: unpack(r.quantity, r.quantityScale) ?? .zero,
                       unitListPrice: unpack(r.unitListPrice, r.unitListPriceScale),
                       salePrice: unpack(r.salePrice, r.salePriceScale), purchase: r.purchase, channel: r.channel,
                       partner: r.partnerIndex, registration: r.registration,
                       sourcedBy: r.sourcedBy, reps: shares, sourceLine: Int(r.sourceLine))
    }

    /// Calls `body` with each rep of record `r` (no allocation).
    @inline(__always)
    func forEachRep(_ r: BookingRecord, _ body: (RepShare) throws(NumericError) -> Void) throws(NumericError) {
        if r.repInline {
            try body(RepShare(person: r.soleRep, split: nil))
            return
        }
        var k = Int(r.repsStart)
        let end = k + Int(r.repCount)
        while k < end {
            try body(repShare(k))
            k += 1
        }
    }
}

/// A rep share as the store keeps it, in 16 bytes (a ``RepShare`` with its optional decimal
/// takes 48): the person, and the split packed like a record's decimals — `scale`
/// ``BookingRecord/absent`` for none, ``BookingRecord/wideScale`` when `split` indexes
/// ``BookingStore/wide``.
///
///     ann:60 → StoredRepShare(person: 0, scale: 0, split: 60)
struct StoredRepShare: Sendable {
    var person: Int32
    var scale: UInt8
    var split: Int64
}

/// One booking line in compact form (see ``BookingStore``).
struct BookingRecord: Sendable {
    var quantity: Int64 = 0
    var unitListPrice: Int64 = 0
    var salePrice: Int64 = 0
    /// Id in ``BookingStore/deals``.
    var deal: UInt32
    var line: UInt32
    var sourceLine: UInt32
    /// ``CivilDate/packed``.
    var date: UInt32
    /// Ids in ``BookingStore/texts``.
    var territory: UInt32
    var product: UInt32
    /// Index into the roster's partners, ``noPartner`` for none (see ``partnerIndex``).
    var partner: Int32
    /// The only rep's person index when ``repInline``, else the first index into ``BookingStore/reps``.
    var repsStart: UInt32 = 0
    var repCount: UInt16 = 0
    var quantityScale: UInt8 = 0
    var unitListPriceScale: UInt8 = BookingRecord.absent
    var salePriceScale: UInt8 = BookingRecord.absent
    /// purchase (bit 0), channel (bit 1), registration (bits 2–3), sourced_by (bit 4).
    var kinds: UInt8 = 0
    var repInline = false

    /// ``partner`` of a booking without a partner.
    static let noPartner: Int32 = -1

    /// The partner (reseller, or referrer of a direct deal), nil for none.
    @inline(__always)
    var partnerIndex: PartnerIndex? { partner == BookingRecord.noPartner ? nil : PartnerIndex(rawValue: partner) }

    /// The only rep when ``repInline``.
    @inline(__always)
    var soleRep: PersonIndex { PersonIndex(rawValue: Int32(bitPattern: repsStart)) }

    /// Scale byte of an absent decimal.
    static let absent: UInt8 = 0xFE
    /// Scale byte of a decimal held in ``BookingStore/wide``.
    static let wideScale: UInt8 = 0xFF

    init(deal: UInt32, line: UInt32, sourceLine: UInt32, date: UInt32, territory: UInt32,
         product: UInt32, partner: Int32) {
        self.deal = deal
        self.line = line
        self.sourceLine = sourceLine
        self.date = date
        self.territory = territory
        self.product = product
        self.partner = partner
    }

    static func kinds(purchase: PurchaseKind, channel: Channel, registration: Registration, sourcedBy: LeadSource) -> UInt8 {
        let reg: UInt8
        switch registration {
        case .approved: reg = 0
        case .pending: reg = 1
        case .rejected: reg = 2
        case .none: reg = 3
        }
        return (purchase == .upfront ? 1 : 0) | (channel == .partner ? 2 : 0) | (reg << 2) | (sourcedBy == .partner ? 16 : 0)
    }

    var purchase: PurchaseKind { kinds & 1 != 0 ? .upfront : .subscription }
    var channel: Channel { kinds & 2 != 0 ? .partner : .direct }
    var isPartnerChannel: Bool { kinds & 2 != 0 }
    var registration: Registration {
        switch (kinds >> 2) & 3 {
        case 0: return .approved
        case 1: return .pending
        case 2: return .rejected
        default: return .none
        }
    }
    var isApproved: Bool { (kinds >> 2) & 3 == 0 }
    var sourcedBy: LeadSource { kinds & 16 != 0 ? .partner : .company }
    /// ``Period/index`` of the booking date.
    var periodIndex: Int { CivilDate.periodIndex(packed: date) }
}

/// The bookings of a ``Ledger`` as ``Booking`` values, made on access from the compact store.
public struct BookingList: RandomAccessCollection, Sendable {
    let store: BookingStore
    public var startIndex: BookingIndex { BookingIndex(0) }
    public var endIndex: BookingIndex { BookingIndex(store.records.count) }
    public subscript(i: BookingIndex) -> Booking { store.booking(i) }

    /// The physical deals.csv line of booking `i`, read from the compact record (no ``Booking`` made).
    public func sourceLine(_ i: BookingIndex) -> Int { Int(store.record(i).sourceLine) }
    /// The booking date of booking `i`, read from the compact record.
    public func date(_ i: BookingIndex) -> CivilDate { CivilDate(packed: store.record(i).date) }
}
