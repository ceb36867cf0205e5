/// The loader's fast path: turns a plain, valid booking row into a ``BookingRecord`` straight
/// from the CSV bytes, without a `String` per field or a SipHash per lookup.
///
/// It accepts only rows the full validating path (``LedgerLoader/parseBooking``) would accept
/// with the same result, and declines everything else: cancellations, any value it is not sure
/// of (an unknown partner, a split that does not sum to 100, a non-ASCII
/// deal id, …). A declined row goes through the full path, which writes the located error
/// message, so speed never changes a diagnostic. `LedgerLoaderFastPathTests` loads every
/// fixture both ways and compares the ledgers and messages.
///
///     D1,,,2027-01-10,A1,WEST,WIDGET,10,1000,,USD,,direct,,,,ann        → accepted
///     D1,,,2027-01-10,A1,WEST,WIDGET,10,1000,,USD,,direct,,,,nobody     → declined (no such person)
struct FastBookingParser: Sendable {
    /// Column indexes into the record, −1 when the header lacks the column.
    let deal, line, event, date, account, territory, product, quantity, unitListPrice, salePrice,
        currency, purchase, channel, partner, registration, sourcedBy, reps: Int
    let planCurrency: Currency
    /// The accepted values of the enumerated columns (``FieldVocabulary``), held here so that
    /// a row reads them without a lazy-global check.
    let bookingEvent = DealEvent.spellings.key(of: .booking)
    let cancellationEvent = DealEvent.spellings.key(of: .cancellation)
    let purchases = PurchaseKind.spellings, channels = Channel.spellings, registrations = Registration.spellings,
        sources = LeadSource.spellings
    /// Partner ids → roster index (first row wins, as ``Roster/partnerIndex``).
    var partnerIDs = TextPool()
    var partnerIndex: [Int32] = []
    /// Person ids → roster index and role.
    var personIDs = TextPool()
    var personIndex: [Int32] = []
    let personRole: [Int]
    /// Roster timelines, for SPEC 8.1's "a row in effect on the booking date" (only looked at
    /// when some row has effective dates).
    let people: [Person]
    let partners: [Partner]
    let dated: Bool
    /// Price-book schedules, and per product text id: −1 not looked up yet, 0 none, k + 1 schedule k.
    let schedules: [PriceSchedule]
    let scheduleNames: [String: Int32]
    var productSchedule: [Int32] = []
    /// Territory and product ids of this piece's texts, in front of the store's pool (each copy
    /// of the parser, one per piece, starts empty: ids are the piece's own).
    var textCache = ShortTextCache(slots: 8192)
    /// Partner and person ids → roster index, filled once from the roster (a miss, a collision
    /// or an id longer than 16 bytes falls back to `partnerIDs` / `personIDs`).
    var partnerCache = ShortTextCache(slots: 16)
    var personCache = ShortTextCache(slots: 16)
    /// Scratch for split reps, kept between rows (empty between them).
    var shareScratch: [RepShare] = []
    var problemScratch: [RepsRule.Problem] = []

    init(header: [String: Int], plan: Plan, roster: Roster) {
        func col(_ name: String) -> Int { header[name] ?? -1 }
        deal = col("deal_id"); line = col("line"); event = col("event"); date = col("date")
        account = col("account"); territory = col("territory"); product = col("product")
        quantity = col("quantity"); unitListPrice = col("unit_list_price"); salePrice = col("sale_price")
        currency = col("currency"); purchase = col("purchase"); channel = col("channel")
        partner = col("partner"); registration = col("registration"); sourcedBy = col("sourced_by")
        reps = col("reps")
        planCurrency = plan.currency
        // The index is the roster's own lookup of the id, so that a byte-identical match here
        // resolves exactly as the full path's `roster.partnerIndex[text]` does.
        for p in roster.partners {
            if let id = partnerIDs.intern(p.id.rawValue), Int(id) == partnerIndex.count {
                partnerIndex.append(roster.partnerIndex[p.id.rawValue]?.rawValue ?? BookingRecord.noPartner)
            }
        }
        for p in roster.people {
            if let id = personIDs.intern(p.id.rawValue), Int(id) == personIndex.count {
                personIndex.append(roster.personIndex[p.id.rawValue]?.rawValue ?? -1)
            }
        }
        personRole = roster.people.map(\.role)
        people = roster.people
        partners = roster.partners
        dated = roster.isEffectiveDated
        (schedules, scheduleNames) = PriceBook.numbered(plan.priceBook)
        var partners = ShortTextCache(slots: 4 * partnerIndex.count)
        for id in 0..<partnerIndex.count {
            partnerIDs.withBytes(UInt32(id)) { partners.set($0, value: UInt32(bitPattern: partnerIndex[id])) }
        }
        var persons = ShortTextCache(slots: 4 * personIndex.count)
        for id in 0..<personIndex.count {
            personIDs.withBytes(UInt32(id)) { persons.set($0, value: UInt32(bitPattern: personIndex[id])) }
        }
        partnerCache = partners
        personCache = persons
    }

    /// The deal id and line of a plain row and whether it is a booking (else a cancellation),
    /// or nil to decline it.
    ///
    /// Called first so that the key can be checked before the rest of the row is parsed.
    @inline(__always)
    func key(_ f: Fields) -> (deal: UnsafeBufferPointer<UInt8>, line: Int, booking: Bool)? {
        let d = f[deal]
        guard !d.isEmpty, IdentifierRules.isPlainASCII(d) else { return nil }
        // line: empty → 1, else digits, leading zeros ignored (`01` is 1), 1–9 significant digits.
        var lineValue = 1
        let l = f[line]
        if !l.isEmpty {
            var k = 0
            while k < l.count && l[k] == 0x30 { k += 1 }
            guard k < l.count, l.count - k <= 9 else { return nil }
            lineValue = 0
            while k < l.count {
                let b = l[k]
                guard b &- 0x30 < 10 else { return nil }
                lineValue = lineValue * 10 + Int(b &- 0x30)
                k += 1
            }
        }
        let e = f[event]
        // (Only the keys of the events are read from `self`: anything more here copies the parser.)
        if e.isEmpty { return (d, lineValue, true) }
        let k = FieldSpellings<DealEvent>.key(e)
        if k == bookingEvent { return (d, lineValue, true) }
        guard k == cancellationEvent else { return nil }
        return (d, lineValue, false)
    }

    /// The rest of a plain booking row after its key, or nil to decline it.
    @inline(__always)
    mutating func record(_ f: Fields, deal dealID: UInt32, line lineValue: Int, sourceLine: Int,
                         store: inout BookingStore) -> BookingRecord? {
        guard let packedDate = FastBookingParser.date(f[date]) else { return nil }
        let accountBytes = f[account], productBytes = f[product]
        guard !accountBytes.isEmpty, !productBytes.isEmpty, IdentifierRules.isPlainASCII(accountBytes),
              IdentifierRules.isPlainASCII(productBytes), IdentifierRules.isPlainASCII(f[territory]) else { return nil }
        // Quantity: > 0, < 10^13, within the last bounded price-book tier.
        guard let productID = textID(productBytes, store: &store) else { return nil }
        let schedule = scheduleIndex(productID, productBytes)
        guard let q = FastBookingParser.decimal(f[quantity], maxFractionDigits: 30), q.significand > 0,
              q < LedgerLoader.maxAmount else { return nil }
        if schedule >= 0, let last = schedules[schedule].tiers.last, let bound = last.upTo, q > bound { return nil }
        // Prices.
        var list: ExactDecimal? = nil
        if schedule >= 0 {
            guard f[unitListPrice].isEmpty else { return nil }
        } else {
            guard unitListPrice >= 0, let value = FastBookingParser.money(f[unitListPrice]) else { return nil }
            list = value
        }
        var sale: ExactDecimal? = nil
        if !f[salePrice].isEmpty {
            guard let value = FastBookingParser.money(f[salePrice]) else { return nil }
            sale = value
        }
        // Currency and the enumerations (empty: the full loader's defaults; no channel: declined).
        guard planCurrency.isCode(f[currency]) else { return nil }
        let pu = f[purchase], ch = f[channel], re = f[registration], so = f[sourcedBy]
        guard let purchaseKind = pu.isEmpty ? PurchaseKind.subscription : purchases.match(pu),
              let channelKind = channels.match(ch),
              let registrationKind = re.isEmpty ? Registration.none : registrations.match(re),
              let source = so.isEmpty ? LeadSource.company : sources.match(so) else { return nil }
        let isPartner = channelKind == .partner, referral = source == .partner
        let kinds = BookingRecord.kinds(purchase: purchaseKind, channel: channelKind, registration: registrationKind, sourcedBy: source)
        // Partner: the reseller, or the referrer of a direct deal.
        var partnerIndexValue = BookingRecord.noPartner
        let pa = f[partner]
        if pa.isEmpty {
            if isPartner { return nil }
        } else {
            guard let row = partnerRow(pa) else { return nil }
            if !isPartner && !referral { return nil }
            partnerIndexValue = row
            if dated && isPartner && partners[Int(partnerIndexValue)].timeline.index(onPacked: packedDate) == nil { return nil }
        }
        guard let territoryID = textID(f[territory], store: &store),
              let line32 = UInt32(exactly: lineValue), let source32 = UInt32(exactly: sourceLine) else { return nil }
        // The account is added by the caller once the row is accepted (it is not interned).
        guard source32 <= UInt32(Int32.max), store.records.count < Int(Int32.max) else { return nil }
        var r = BookingRecord(deal: dealID, line: line32, sourceLine: source32, date: packedDate,
                              territory: territoryID, product: productID, partner: partnerIndexValue)
        r.kinds = kinds
        (r.quantity, r.quantityScale) = store.pack(q)
        if let list { (r.unitListPrice, r.unitListPriceScale) = store.pack(list) }
        if let sale { (r.salePrice, r.salePriceScale) = store.pack(sale) }
        // Reps.
        let rp = f[reps]
        if rp.isEmpty {
            if !isPartner { return nil }
        } else if !parseReps(rp, day: packedDate, into: &r, store: &store) {
            return nil
        }
        return r
    }

    /// `alice` or `alice:60;bob:40` with known, distinct people and, per role, splits all given
    /// and summing to exactly 100; false to decline (the full path then says what is wrong).
    @inline(__always)
    mutating func parseReps(_ bytes: UnsafeBufferPointer<UInt8>, day: UInt32, into r: inout BookingRecord, store: inout BookingStore) -> Bool {
        var simple = true
        for b in bytes where b == 0x3B || b == 0x3A || b == 0x20 || b == 0x09 { simple = false; break }
        if simple {
            guard let row = personRow(bytes) else { return false }
            if dated && people[Int(row)].timeline.index(onPacked: day) == nil { return false }
            r.repsStart = UInt32(bitPattern: row)
            r.repCount = 1
            r.repInline = true
            return true
        }
        // Several entries (or one with a split, or spaces): the one reps rule (RepsRule); any
        // problem declines the row, and the full loader reports it. The arrays are the parser's,
        // reused row after row (moved out while the rule's closures read the parser).
        var shares: [RepShare] = []
        var problems: [RepsRule.Problem] = []
        swap(&shares, &shareScratch)
        swap(&problems, &problemScratch)
        defer {
            shares.removeAll(keepingCapacity: true)
            problems.removeAll(keepingCapacity: true)
            swap(&shares, &shareScratch)
            swap(&problems, &problemScratch)
        }
        RepsRule.parse(bytes, person: { idBytes in personRow(idBytes).map { PersonIndex(rawValue: $0) } },
                       role: { personRole[$0.offset] }, into: &shares, problems: &problems)
        guard problems.isEmpty else { return false }
        // SPEC 8.1: every person named has a row in effect on the booking date.
        if dated {
            for share in shares where people[share.person].timeline.index(onPacked: day) == nil { return false }
        }
        if shares.count == 1 && shares[0].split == nil {
            r.repsStart = UInt32(bitPattern: shares[0].person.rawValue)
            r.repCount = 1
            r.repInline = true
            return true
        }
        guard let first = store.appendReps(shares) else { return false }
        r.repsStart = first
        r.repCount = UInt16(shares.count)
        return true
    }

    /// The id of a territory or product text in this piece's pool, added when new (nil when the
    /// pool is full).
    @inline(__always)
    mutating func textID(_ bytes: UnsafeBufferPointer<UInt8>, store: inout BookingStore) -> UInt32? {
        if let id = textCache.value(for: bytes) { return id }
        guard let id = store.texts.intern(bytes) else { return nil }
        textCache.set(bytes, value: id)
        return id
    }

    /// The roster index of a partner id (the first row of the id, as ``Roster/partnerIndex``),
    /// or nil when the roster has no such partner.
    @inline(__always)
    func partnerRow(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if let v = partnerCache.value(for: bytes) { return Int32(bitPattern: v) }
        return partnerIDs.id(of: bytes).map { partnerIndex[Int($0)] }
    }

    /// The roster index of a person id, or nil when the roster has no such person.
    @inline(__always)
    func personRow(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if let v = personCache.value(for: bytes) { return Int32(bitPattern: v) }
        return personIDs.id(of: bytes).map { personIndex[Int($0)] }
    }

    /// The price-book schedule index of a product text id, −1 for none.
    @inline(__always)
    mutating func scheduleIndex(_ productID: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let p = Int(productID)
        if p >= productSchedule.count {
            productSchedule.append(contentsOf: repeatElement(-1, count: p - productSchedule.count + 1))
        }
        var v = productSchedule[p]
        if v < 0 {
            v = scheduleNames[String(decoding: bytes, as: UTF8.self)].map { $0 + 1 } ?? 0
            productSchedule[p] = v
        }
        return Int(v) - 1
    }

    /// A non-negative amount with at most 6 decimals, below 10^13.
    @inline(__always)
    static func money(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        guard let v = decimal(bytes, maxFractionDigits: 6), !v.isNegative, v < LedgerLoader.maxAmount else { return nil }
        return v
    }

    @inline(__always)
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, maxFractionDigits: Int) -> ExactDecimal? {
        guard !bytes.isEmpty, case .success(let v) = ExactDecimal.parse(bytes, maxFractionDigits: maxFractionDigits) else { return nil }
        return v
    }

    /// A valid `YYYY-MM-DD` as ``CivilDate/packed``.
    @inline(__always)
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        CivilDate.parse(bytes)?.packed
    }

    /// The fields of one record as byte buffers; an absent column (−1) reads as empty. A field
    /// that had to be unescaped (a quoted `""`) is read from the record's scratch bytes.
    struct Fields {
        let source: UnsafePointer<UInt8>
        let scratch: UnsafePointer<UInt8>?
        let fields: UnsafeBufferPointer<CSVRecord.Field>
        @inline(__always)
        subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            guard i >= 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
            let f = fields[i]
            if f.flags & CSVRecord.scratchFlag != 0, let scratch {
                return UnsafeBufferPointer(start: scratch + f.start, count: f.end - f.start)
            }
            return UnsafeBufferPointer(start: source + f.start, count: f.end - f.start)
        }
    }
}

extension CSVRecord {
    /// Calls `body` with the record's fields as byte buffers (unescaped fields from scratch).
    @inline(__always)
    func withFields<R>(_ body: (FastBookingParser.Fields) -> R) -> R? {
        source.withUnsafeBufferPointer { src in
            scratch.withUnsafeBufferPointer { scr in
                fields.withUnsafeBufferPointer { fs in
                    guard let base = src.baseAddress else { return nil }
                    let mine = UnsafeBufferPointer(start: fs.baseAddress, count: Swift.min(fieldCount, fs.count))
                    return body(FastBookingParser.Fields(source: base, scratch: scr.baseAddress, fields: mine))
                }
            }
        }
    }
}
