/// The priced amounts of one booking line (SPEC 3.2).
///
/// SPEC 7, D2: 150 SEAT (graduated: 100 × 40 + 50 × 32), Bronze 20 % + upfront 5 % +
/// registration 10 % = 35 % → L 5600.00, D 1960.00, N 3640.00, G 5600.00.
public struct PricedLine: Sendable {
    public var booking: BookingIndex
    /// List amount L.
    public var list: Money
    /// Direct deals: revenue S (net = gross = S). Partner deals: the gross G.
    public var gross: Money
    /// What the company books: S on direct deals, N on partner deals.
    public var net: Money
    /// Partner deals: the discount D = round(L × d); zero on direct deals.
    public var discount: Money
    /// Partner deals: how the discount rate was made.
    public var discountParts: DiscountParts?
    /// Direct referral deals: the fee owed to the referring partner (zero otherwise).
    public var referralFee: Money
}

/// The components of a partner discount rate and the cap applied to them.
///
/// Gold 30 % + upfront 5 % + registration 10 % = 45 %, capped at 40 % → `rate` 40 %, `capped` true.
public struct DiscountParts: Sendable {
    /// Index into the plan's levels, nil when no level qualifies (discount 0).
    public var level: Int?
    /// True when the level is fixed in partners.csv.
    public var levelFixed: Bool
    /// The trailing list volume the level was chosen on (zero for fixed levels).
    public var trailingVolume: ExactDecimal
    public var levelDiscount: Rate
    public var upfrontDiscount: Rate
    public var registrationDiscount: Rate
    /// The stacked rate before the cap.
    public var uncapped: Rate
    /// The applied rate d = min(max_discount, uncapped).
    public var rate: Rate
    public var capped: Bool
}

/// List amounts from a price book (SPEC 3.2 step 1, SPEC 6 "Pricing and levels").
///
/// SEAT (≤ 100 at 40.00, then 32.00): graduated 100.5 units → 100 × 40 + 0.5 × 32 = 4016.00;
/// volume 101 units → 101 × 32 = 3232.00; volume 100 units → 100 × 40 = 4000.00.
public enum PriceBook {
    /// The price book's schedules in product order, and each product's number in that list
    /// (what the compact ledger's lookups by product id store).
    ///
    /// `{"WIDGET": w, "SEAT": s}` → `([s, w], ["SEAT": 0, "WIDGET": 1])`.
    static func numbered(_ book: [String: PriceSchedule]) -> (schedules: [PriceSchedule], index: [String: Int32]) {
        let names = book.keys.sorted()
        var index: [String: Int32] = [:]
        for (i, n) in names.enumerated() { index[n] = Int32(i) }
        return (names.map { book[$0]! }, index)
    }

    /// The exact (unrounded) list amount of `quantity` units.
    public static func exactList(_ schedule: PriceSchedule, quantity: ExactDecimal) throws(PricingError) -> ExactDecimal {
        try schedule.tiers.withUnsafeBufferPointer { tiers throws(PricingError) in
            try exactList(mode: schedule.mode, tiers: tiers, quantity: quantity)
        }
    }

    /// The same, from a schedule's mode and tiers held in place (the list-amount loop reads
    /// every schedule's tiers from one buffer, so that two threads pricing at once never touch
    /// a shared array's reference count).
    static func exactList(mode: PriceSchedule.Mode, tiers: UnsafeBufferPointer<PriceSchedule.Tier>,
                          quantity: ExactDecimal) throws(PricingError) -> ExactDecimal {
        do {
            switch mode {
            case .volume:
                guard let tier = tiers.first(where: { $0.upTo == nil || quantity <= $0.upTo! }) else {
                    throw PricingError.quantityAboveLastTier
                }
                return try quantity.multiplied(by: tier.unitPrice)
            case .graduated:
                var total = ExactDecimal.zero
                var lower = ExactDecimal.zero
                for tier in tiers {
                    guard quantity > lower else { break }
                    let upper = tier.upTo.map { min($0, quantity) } ?? quantity
                    let units = try upper.subtracting(lower)
                    total = try total.adding(units.multiplied(by: tier.unitPrice))
                    guard let bound = tier.upTo else { lower = quantity; break }
                    lower = bound
                }
                if quantity > lower { throw PricingError.quantityAboveLastTier }
                return total
            }
        } catch let e as PricingError {
            throw e
        } catch let e as NumericError {
            throw PricingError.arithmetic(e)
        } catch {
            throw PricingError.quantityAboveLastTier
        }
    }
}

/// Why a booking line could not be priced.
public enum PricingError: Error, Sendable, CustomStringConvertible {
    case quantityAboveLastTier
    case arithmetic(NumericError)
    public var description: String {
        switch self {
        case .quantityAboveLastTier: return "quantity is above the price book's last tier"
        case .arithmetic(let e): return "\(e)"
        }
    }
}

/// The amounts of one priced booking line in minor units (cents for USD), as the hot path keeps them.
///
/// SPEC 7, D2: list 560000, gross 560000, net 364000, discount 196000, referral fee 0.
struct PricedAmounts {
    /// L.
    var list: Int128
    /// Direct: S; partner: G.
    var gross: Int128
    /// Direct: S; partner: N = L − D.
    var net: Int128
    /// D (partner deals).
    var discount: Int128
    /// The referral fee owed on a direct referral deal.
    var referralFee: Int128
}

/// Prices booking lines: list, revenue, partner level and discount stack, net, gross, referral fee.
///
/// All pricing of a run goes through ``amounts(_:)`` over the ledger's compact records; the
/// detailed ``price(_:)`` used by statements and reports wraps the same numbers.
public struct Pricer: Sendable {
    public let plan: Plan
    public let roster: Roster
    public let ledger: Ledger
    /// Partner list volume per month index (bookings minus clawed-back cancellations).
    let volumes: PartnerVolumes
    /// L per booking in minor units (exact list amount, rounded once).
    let lists: MinorUnitColumn
    /// A text id whose price-book schedule has not been looked up yet (only while initialising).
    static let notLookedUp: Int32 = -2
    /// A product priced by its row's unit_list_price, not by the price book.
    static let notInPriceBook: Int32 = -1
    let scheduleList: [PriceSchedule]
    let minorUnits: Int
    /// The discount rate per (level + 1, upfront, approved): level 0 is "no level".
    let rates: [ExactDecimal]
    /// `min_trailing_list` of each partner level, in the plan's order.
    let levelMinimums: [ExactDecimal]

    /// Computes list amounts and the partner volume history; throws located diagnostics.
    ///
    /// `threads` > 1 prices a large ledger's two halves on two threads (the amounts and the
    /// messages are those of one pass, in the same order).
    public init(plan: Plan, roster: Roster, ledger: Ledger, threads: Int = 1) throws(InputError) {
        try self.init(plan: plan, roster: roster, ledger: ledger, threads: threads, splitAbove: Pricer.splitThreshold)
    }

    /// The same, splitting from `splitAbove` bookings (tests split the smallest ledgers).
    init(plan: Plan, roster: Roster, ledger: Ledger, threads: Int, splitAbove: Int) throws(InputError) {
        self.plan = plan
        self.roster = roster
        self.ledger = ledger
        minorUnits = plan.currency.minorUnits
        let store = ledger.store
        // Price-book schedules, looked up by product name as the list amounts are computed.
        let (list, byName) = PriceBook.numbered(plan.priceBook)
        scheduleList = list
        let program = plan.partnerProgram
        var rates: [ExactDecimal] = []
        for level in -1..<program.levels.count {
            for upfront in [false, true] {
                for approved in [false, true] {
                    let parts = Pricer.stack(program, level: level < 0 ? nil : level, upfront: upfront, approved: approved)
                    rates.append(parts?.rate.fraction ?? .zero)
                }
            }
        }
        self.rates = rates
        levelMinimums = program.levels.map(\.minTrailingList)
        let scheduleList = list, minor = minorUnits
        let half = threads > 1 && store.count >= max(splitAbove, 2) ? store.count / 2 : store.count
        var (lists, problems): (MinorUnitColumn, [Diagnostic])
        if half < store.count {
            let ((first, firstProblems), (second, secondProblems)) = ParallelMap.both(threads: threads, {
                Pricer.listColumn(plan: plan, ledger: ledger, byName: byName, scheduleList: scheduleList, minor: minor,
                                  records: 0..<half, reserve: store.count)
            }, {
                Pricer.listColumn(plan: plan, ledger: ledger, byName: byName, scheduleList: scheduleList, minor: minor,
                                  records: half..<store.count, reserve: store.count - half)
            })
            lists = first
            lists.append(contentsOf: second)
            problems = firstProblems + secondProblems
        } else {
            (lists, problems) = Pricer.listColumn(plan: plan, ledger: ledger, byName: byName, scheduleList: scheduleList,
                                                  minor: minor, records: 0..<store.count, reserve: store.count)
        }
        if !problems.isEmpty { throw InputError(.invalidData, problems) }
        self.lists = lists
        self.volumes = PartnerVolumes(plan: plan, ledger: ledger, lists: lists, threads: threads, splitAbove: splitAbove)
        if volumes.overflowed {
            throw InputError(.invalidData, [Diagnostic(file: ledger.file, message: "a partner's trailing list volume is too large to compute exactly",
                                                       hint: "check the ledger for a mistyped quantity or price")])
        }
    }

    /// Below this many bookings the list amounts are computed on one thread.
    static let splitThreshold = 200_000

    /// The rounded list amounts (SPEC 3.1) of `records`, and a message for each that cannot
    /// be priced, in record order.
    ///
    /// `byName`: the price book's schedule numbers by product; each product text id is looked up
    /// once (−2 not yet, −1 not in the price book).
    private static func listColumn(plan: Plan, ledger: Ledger, byName: [String: Int32], scheduleList: [PriceSchedule], minor: Int,
                                   records: Range<Int>, reserve: Int) -> (MinorUnitColumn, [Diagnostic]) {
        let store = ledger.store
        var schedules = [Int32](repeating: Pricer.notLookedUp, count: store.texts.count)
        // Every schedule's tiers back to back, in arrays of this call's own (schedule k's at
        // starts[k]..<starts[k + 1]).
        let flatTiers = scheduleList.flatMap(\.tiers), modes = scheduleList.map(\.mode)
        var starts = [0]
        for schedule in scheduleList { starts.append(starts.last! + schedule.tiers.count) }
        let rounding = plan.rounding
        var lists = MinorUnitColumn()
        lists.reserveCapacity(reserve)
        var problems: [Diagnostic] = []
        store.records.withUnsafeBufferPointer { all in
          flatTiers.withUnsafeBufferPointer { tiers in modes.withUnsafeBufferPointer { modes in starts.withUnsafeBufferPointer { starts in
            let table = ScheduleTable(tiers: tiers, modes: modes, starts: starts)
            for r in all[records] {
                do throws(PricingError) {
                    var schedule = schedules[Int(r.product)]
                    if schedule == Pricer.notLookedUp {
                        schedule = byName[store.texts.string(r.product)] ?? Pricer.notInPriceBook
                        schedules[Int(r.product)] = schedule
                    }
                    let exact = try Pricer.exactList(r, store: store, schedule: schedule, table: table)
                    do throws(NumericError) {
                        lists.append(try exact.rounded(scale: minor, rule: rounding).significand)
                    } catch {
                        throw PricingError.arithmetic(error)
                    }
                } catch {
                    problems.append(Diagnostic(file: ledger.file, line: Int(r.sourceLine), field: "column 'quantity'",
                                               message: "cannot price deal \(quoted(store.deals.string(r.deal))) line \(r.line): \(error)"))
                    lists.append(0)
                }
            }
          } } }
        }
        return (lists, problems)
    }

    /// The price book's schedules as the list-amount loop reads them: every schedule's tiers back
    /// to back in one buffer, in place — so that two threads pricing at once never retain and
    /// release a shared array (each atomic count change would pull the same cache line back and
    /// forth between the cores).
    struct ScheduleTable {
        let tiers: UnsafeBufferPointer<PriceSchedule.Tier>
        let modes: UnsafeBufferPointer<PriceSchedule.Mode>
        /// Schedule k's tiers are `tiers[starts[k]..<starts[k + 1]]`.
        let starts: UnsafeBufferPointer<Int>

        /// The exact list amount of `quantity` units by schedule `k` (``PriceBook/exactList(_:quantity:)``).
        @inline(__always)
        func exactList(_ k: Int, quantity: ExactDecimal) throws(PricingError) -> ExactDecimal {
            try PriceBook.exactList(mode: modes[k], tiers: UnsafeBufferPointer(rebasing: tiers[starts[k]..<starts[k + 1]]), quantity: quantity)
        }
    }

    /// The exact (unrounded) list amount of a record: quantity × unit list price, or the price book's.
    @inline(__always)
    static func exactList(_ r: BookingRecord, store: BookingStore, schedule: Int32, table: ScheduleTable) throws(PricingError) -> ExactDecimal {
        let quantity = store.unpack(r.quantity, r.quantityScale) ?? .zero
        if schedule != Pricer.notInPriceBook {
            return try table.exactList(Int(schedule), quantity: quantity)
        }
        do {
            return try quantity.multiplied(by: store.unpack(r.unitListPrice, r.unitListPriceScale) ?? .zero)
        } catch {
            throw PricingError.arithmetic(error)
        }
    }

    /// Whether a cancellation claws its booking back (SPEC 6: day N in, day N+1 out).
    public static func isClawedBack(_ c: Cancellation, ledger: Ledger, plan: Plan) -> Bool {
        ClawbackWindow(plan).clawsBack(booked: CivilDate(packed: ledger.store.record(c.booking).date), cancelled: c.date)
    }

    /// The list amount L of booking `index`.
    public func list(_ index: BookingIndex) -> Money { money(lists[index.offset]) }

    @inline(__always)
    func money(_ minor: Int128) -> Money {
        Money(ExactDecimal(unchecked: minor, UInt8(minorUnits)), plan.currency)
    }

    /// Rounds an exact amount to minor units with the plan's rule.
    @inline(__always)
    func minor(_ x: ExactDecimal) throws(NumericError) -> Int128 {
        try x.rounded(scale: minorUnits, rule: plan.rounding).significand
    }

    /// The priced amounts of booking `index` in minor units (the one pricing of every run).
    @inline(__always)
    func amounts(_ index: BookingIndex) throws(NumericError) -> PricedAmounts {
        let store = ledger.store
        let r = store.record(index)
        let list = lists[index.offset]
        var customer = list
        if r.salePriceScale != BookingRecord.absent {
            let q = store.unpack(r.quantity, r.quantityScale) ?? .zero
            customer = try minor(q.multiplied(by: store.unpack(r.salePrice, r.salePriceScale) ?? .zero))
        }
        if !r.isPartnerChannel {
            var fee: Int128 = 0
            if r.sourcedBy == .partner, r.partnerIndex != nil, r.isApproved {
                fee = try minor(ExactDecimal(unchecked: customer, UInt8(minorUnits)).multiplied(by: plan.partnerProgram.referralFee.fraction))
            }
            return PricedAmounts(list: list, gross: customer, net: customer, discount: 0, referralFee: fee)
        }
        let rate = rates[try rateIndex(r)]
        let discount = rate.isZero ? 0 : try minor(ExactDecimal(unchecked: list, UInt8(minorUnits)).multiplied(by: rate))
        let (net, overflow) = list.subtractingReportingOverflow(discount)
        if overflow { throw NumericError.overflow(operation: "subtract", operands: ["\(list)", "\(discount)"]) }
        return PricedAmounts(list: list, gross: customer, net: net, discount: discount, referralFee: 0)
    }

    /// Index into ``rates`` of a partner record: its level, upfront and approved flags.
    @inline(__always)
    func rateIndex(_ r: BookingRecord) throws(NumericError) -> Int {
        let level = try levelOf(r).level
        return ((level ?? -1) + 1) * 4 + (r.purchase == .upfront ? 2 : 0) + (r.isApproved ? 1 : 0)
    }

    /// The level of a partner record: fixed by its partners.csv row in effect on the booking date
    /// (SPEC 8.1), or by trailing volume.
    @inline(__always)
    func levelOf(_ r: BookingRecord) throws(NumericError) -> (level: Int?, fixed: Bool, trailing: ExactDecimal) {
        guard let partner = r.partnerIndex else { return (nil, false, .zero) }
        if let f = roster.partnerFixedLevel(partner, onPacked: r.date) { return (f, true, .zero) }
        let trailing = try volumes.trailing(partner: partner, beforeIndex: r.periodIndex,
                                            months: plan.partnerProgram.trailingMonths, minorUnits: minorUnits)
        return (Pricer.level(for: trailing, minimums: levelMinimums), false, trailing)
    }

    /// Prices one booking line.
    public func price(_ index: BookingIndex) throws(InputError) -> PricedLine {
        do {
            return try priceUnchecked(index)
        } catch {
            let r = ledger.store.record(index)
            throw InputError(.invalidData, [Diagnostic(file: ledger.file, line: Int(r.sourceLine),
                message: "cannot price deal \(quoted(ledger.store.deals.string(r.deal))) line \(r.line): \(error)")])
        }
    }

    /// Prices every booking line (what `check` does); throws the first line that cannot be priced.
    public func priceAll() throws(InputError) {
        for i in ledger.bookings.indices {
            do {
                _ = try amounts(i)
            } catch {
                _ = try price(i)
            }
        }
    }

    func priceUnchecked(_ index: BookingIndex) throws(NumericError) -> PricedLine {
        let r = ledger.store.record(index)
        let a = try amounts(index)
        var parts: DiscountParts? = nil
        if r.isPartnerChannel {
            let (level, fixed, trailing) = try levelOf(r)
            parts = Pricer.stack(plan.partnerProgram, level: level, upfront: r.purchase == .upfront, approved: r.isApproved)
            parts?.levelFixed = fixed
            parts?.trailingVolume = trailing
        }
        return PricedLine(booking: index, list: money(a.list), gross: money(a.gross), net: money(a.net),
                          discount: money(a.discount), discountParts: parts, referralFee: money(a.referralFee))
    }

    /// True when booking `index` is a partner line whose stacked discount is capped at
    /// `max_discount` (the same stack ``priceUnchecked(_:)`` puts in its discount parts).
    func discountCapped(_ index: BookingIndex) -> Bool {
        let r = ledger.store.record(index)
        guard r.isPartnerChannel, plan.partnerProgram.maxDiscount != nil else { return false }
        let level: Int?
        do {
            level = try levelOf(r).level
        } catch {
            // Not levelled without an error: full pricing says what happened.
            return (try? priceUnchecked(index))?.discountParts?.capped ?? false
        }
        return Pricer.stack(plan.partnerProgram, level: level, upfront: r.purchase == .upfront, approved: r.isApproved)?.capped ?? false
    }

    /// d = min(max_discount, level + upfront·[upfront] + registration·[approved]).
    ///
    /// Gold 30 % + upfront 5 % + registration 10 % = 45 % → capped at 40 %.
    static func stack(_ program: PartnerProgram, level: Int?, upfront: Bool, approved: Bool) -> DiscountParts? {
        let levelRate = level.map { program.levels[$0].discount } ?? .zero
        let upfrontRate = upfront ? program.upfrontDiscount : .zero
        let registration = approved ? program.registrationDiscount : .zero
        // Rates are percentages of at most 100 % each (plan loader): the sum cannot overflow.
        guard let uncapped = try? levelRate + upfrontRate + registration else { return nil }
        var rate = uncapped
        var capped = false
        if let cap = program.maxDiscount, uncapped > cap {
            rate = cap
            capped = true
        }
        return DiscountParts(level: level, levelFixed: false, trailingVolume: .zero, levelDiscount: levelRate,
                             upfrontDiscount: upfrontRate, registrationDiscount: registration,
                             uncapped: uncapped, rate: rate, capped: capped)
    }

    /// The qualifying level with the largest minimum ≤ volume; nil when none (SPEC 6).
    ///
    /// Bronze 0 / Silver 250000 / Gold 1000000, volume 312000.00 → Silver (index 1).
    public static func level(for volume: ExactDecimal, levels: [PartnerLevel]) -> Int? {
        level(for: volume, minimums: levels.map(\.minTrailingList))
    }

    /// ``level(for:levels:)`` over the levels' minimums alone (the per-deal lookup: no level
    /// names copied, so nothing is reference counted).
    @inline(__always)
    static func level(for volume: ExactDecimal, minimums: [ExactDecimal]) -> Int? {
        var best: Int? = nil
        for i in minimums.indices where minimums[i] <= volume {
            if best == nil || minimums[i] > minimums[best!] { best = i }
        }
        return best
    }

    /// The trailing list volume of a partner for a deal in `period` (months m−T … m−1).
    public func trailingVolume(partner: PartnerIndex, period: Period) throws(NumericError) -> ExactDecimal {
        try volumes.trailing(partner: partner, beforeIndex: period.index, months: plan.partnerProgram.trailingMonths, minorUnits: minorUnits)
    }
}

/// Partner-channel list volume per partner and month: bookings minus clawed-back cancellations.
///
/// P1 books L 100000.00 in 2026-12 and a clawed-back cancellation of 40000.00 lands in
/// 2027-01: trailing volume for a deal in 2027-02 (T = 12) is 100000 − 40000 = 60000.
///
/// Kept as running totals in minor units over each partner's months from its first to its
/// last, so a trailing sum is two lookups; a partner whose months span more than
/// ``maxDenseMonths`` (dates centuries apart) keeps a sorted sparse list instead.
struct PartnerVolumes: Sendable {
    /// Per partner: first month index and cumulative volume through each month since.
    var running: [(firstMonth: Int, cumulative: [Int128])]
    static let maxDenseMonths = 1200

    /// `threads` > 1 with at least `splitAbove` bookings: both passes over the bookings (each
    /// partner's months, then the monthly sums) in two halves on two threads, the halves' results
    /// combined (list amounts are never negative, so a half's sum overflows only if the whole does).
    init(plan: Plan, ledger: Ledger, lists: MinorUnitColumn, threads: Int = 1, splitAbove: Int = Pricer.splitThreshold) {
        let store = ledger.store
        var clawed: [(partner: Int, month: Int, amount: Int128)] = []
        for c in ledger.cancellations where Pricer.isClawedBack(c, ledger: ledger, plan: plan) {
            let r = store.record(c.booking)
            guard r.isPartnerChannel, let partner = r.partnerIndex else { continue }
            clawed.append((partner.offset, c.date.period.index, lists[c.booking.offset]))
        }
        let n = store.count
        let middle = threads > 1 && n >= max(splitAbove, 2) ? n / 2 : n
        // Each partner's first and last month (one pass over the records).
        var spans: MonthSpans
        if middle < n {
            let (a, b) = ParallelMap.both(threads: threads, { PartnerVolumes.months(store, 0..<middle) },
                                          { PartnerVolumes.months(store, middle..<n) })
            spans = a
            spans.include(b)
        } else {
            spans = PartnerVolumes.months(store, 0..<n)
        }
        for c in clawed { spans.include(partner: c.partner, month: c.month) }
        let low = spans.low, high = spans.high
        let partnerCount = low.count
        // Monthly volumes: the dense partners' months back to back in one array (partner p's
        // month m at start[p] + m − low[p]); sparse partners (months centuries apart) in a
        // dictionary, made dense over the months used below.
        var layout = Layout(start: [Int](repeating: 0, count: partnerCount), isSparse: [Bool](repeating: false, count: partnerCount), count: 0)
        for p in 0..<partnerCount {
            let span = low[p] <= high[p] ? high[p] - low[p] + 1 : 0
            if span > PartnerVolumes.maxDenseMonths {
                layout.isSparse[p] = true
            } else {
                layout.start[p] = layout.count - (span > 0 ? low[p] : 0)
                layout.count += span
            }
        }
        var overflow = false
        func sum(_ a: Int128, _ b: Int128) -> Int128 {
            let (s, o) = a.addingReportingOverflow(b)
            if o { overflow = true }
            return s
        }
        var totals: Sums
        if middle < n {
            let shape = layout
            let (a, b) = ParallelMap.both(threads: threads, { PartnerVolumes.sums(store, lists, 0..<middle, shape) },
                                          { PartnerVolumes.sums(store, lists, middle..<n, shape) })
            totals = a
            overflow = a.overflow || b.overflow
            for i in totals.flat.indices { totals.flat[i] = sum(totals.flat[i], b.flat[i]) }
            for (p, months) in b.sparse {
                for (m, v) in months { totals.sparse[p, default: [:]][m] = sum(totals.sparse[p]?[m] ?? 0, v) }
            }
        } else {
            totals = PartnerVolumes.sums(store, lists, 0..<n, layout)
            overflow = totals.overflow
        }
        var flat = totals.flat
        var sparse = totals.sparse
        let start = layout.start, isSparse = layout.isSparse
        for p in 0..<partnerCount where isSparse[p] && sparse[p] == nil { sparse[p] = [:] }
        for c in clawed {
            if isSparse[c.partner] {
                sparse[c.partner]![c.month] = sum(sparse[c.partner]![c.month] ?? 0, 0 &- c.amount)
            } else {
                flat[start[c.partner] + c.month] = sum(flat[start[c.partner] + c.month], 0 &- c.amount)
            }
        }
        var monthly: [ArraySlice<Int128>] = []
        monthly.reserveCapacity(partnerCount)
        for p in 0..<partnerCount {
            let span = low[p] <= high[p] && !isSparse[p] ? high[p] - low[p] + 1 : 0
            let first = span > 0 ? start[p] + low[p] : 0
            monthly.append(flat[first..<first + span])
        }
        running = []
        running.reserveCapacity(partnerCount)
        for p in 0..<partnerCount {
            var cumulative: [Int128] = []
            var total: Int128 = 0
            if let months = sparse[p] {
                // Months far apart: every month from first to last would be too many; the
                // sorted months used are enough, with lookups by binary search.
                let sorted = months.keys.sorted()
                for m in sorted { total = sum(total, months[m]!); cumulative.append(total) }
                running.append((Int.min, cumulative))
                sparseMonths[p] = sorted
                continue
            }
            cumulative.reserveCapacity(monthly[p].count)
            for v in monthly[p] { total = sum(total, v); cumulative.append(total) }
            running.append((low[p] == Int.max ? 0 : low[p], cumulative))
        }
        overflowed = overflow
    }

    /// True when a partner's volume passed the 128-bit range (the run is refused).
    var overflowed = false

    /// Where each partner's months are in the flat array of monthly sums (see the initialiser).
    struct Layout: Sendable {
        var start: [Int]
        var isSparse: [Bool]
        var count: Int
    }

    /// Monthly sums of some bookings: dense partners' in `flat`, sparse partners' by month.
    struct Sums: Sendable {
        var flat: [Int128]
        var sparse: [Int: [Int: Int128]]
        var overflow: Bool
    }

    /// Each partner's first and last month: `Int.max` / `Int.min` for a partner without one, up
    /// to the last partner seen.
    struct MonthSpans: Sendable {
        var low: [Int] = []
        var high: [Int] = []

        /// Widens partner `p`'s span to month `m`.
        @inline(__always)
        mutating func include(partner p: Int, month m: Int) {
            if p >= low.count {
                low.append(contentsOf: repeatElement(Int.max, count: p - low.count + 1))
                high.append(contentsOf: repeatElement(Int.min, count: p - high.count + 1))
            }
            if m < low[p] { low[p] = m }
            if m > high[p] { high[p] = m }
        }

        /// Widens every span to cover `other`'s too.
        mutating func include(_ other: MonthSpans) {
            for p in other.low.indices where other.low[p] <= other.high[p] {
                include(partner: p, month: other.low[p])
                include(partner: p, month: other.high[p])
            }
        }
    }

    /// The spans of the partners' resale bookings among `range`.
    static func months(_ store: BookingStore, _ range: Range<Int>) -> MonthSpans {
        var spans = MonthSpans()
        store.records.withUnsafeBufferPointer { records in
            for r in records[range] where r.isPartnerChannel && r.partner != BookingRecord.noPartner {
                spans.include(partner: Int(r.partner), month: r.periodIndex)
            }
        }
        return spans
    }

    /// The list amounts of the resale bookings among `range`, summed per partner and month.
    static func sums(_ store: BookingStore, _ lists: MinorUnitColumn, _ range: Range<Int>, _ layout: Layout) -> Sums {
        var flat = [Int128](repeating: 0, count: layout.count)
        var sparse: [Int: [Int: Int128]] = [:]
        var overflow = false
        func sum(_ a: Int128, _ b: Int128) -> Int128 {
            let (s, o) = a.addingReportingOverflow(b)
            if o { overflow = true }
            return s
        }
        let start = layout.start, isSparse = layout.isSparse
        store.records.withUnsafeBufferPointer { records in
            flat.withUnsafeMutableBufferPointer { flat in
                for i in range where records[i].isPartnerChannel && records[i].partner != BookingRecord.noPartner {
                    let p = Int(records[i].partner), m = records[i].periodIndex
                    if !isSparse[p] {
                        flat[start[p] + m] = sum(flat[start[p] + m], lists[i])
                    } else {
                        sparse[p, default: [:]][m] = sum(sparse[p]?[m] ?? 0, lists[i])
                    }
                }
            }
        }
        return Sums(flat: flat, sparse: sparse, overflow: overflow)
    }

    /// Partners with sparse months: the sorted months their cumulative totals belong to.
    var sparseMonths: [Int: [Int]] = [:]

    /// Volume of months `m − months … m − 1`: two running totals subtracted.
    func trailing(partner: PartnerIndex, beforeIndex m: Int, months: Int, minorUnits: Int) throws(NumericError) -> ExactDecimal {
        let p = partner.offset
        guard months > 0, p < running.count else { return .zero }
        let r = running[p]
        if r.cumulative.isEmpty { return .zero }
        func total(through month: Int) -> Int128 {
            if let sorted = sparseMonths[p] {
                // Last month ≤ `month`.
                var lo = 0, hi = sorted.count
                while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] <= month { lo = mid + 1 } else { hi = mid } }
                return lo == 0 ? 0 : r.cumulative[lo - 1]
            }
            let k = month - r.firstMonth
            if k < 0 { return 0 }
            return r.cumulative[min(k, r.cumulative.count - 1)]
        }
        return ExactDecimal(unchecked: total(through: m - 1) &- total(through: m - months - 1), UInt8(minorUnits))
    }
}

/// One amount in minor units per booking: 8 bytes each, with the rare amount beyond 64 bits
/// (quantities and prices near their 10^13 limits) kept exactly in a side table.
///
///     var c = MinorUnitColumn(); c.append(560000); c.append(Int128(1) << 70)
///     c[0] == 560000; c[1] == 1 << 70
struct MinorUnitColumn: Sendable {
    private var small: [Int64] = []
    private var wide: [Int: Int128] = [:]
    /// Marks an entry held in `wide`.
    private static let marker = Int64.min

    mutating func reserveCapacity(_ n: Int) { small.reserveCapacity(n) }

    /// Appends every entry of `other` after this column's.
    mutating func append(contentsOf other: MinorUnitColumn) {
        let base = small.count
        small.append(contentsOf: other.small)
        for (i, v) in other.wide { wide[base + i] = v }
    }

    mutating func append(_ v: Int128) {
        if let x = Int64(exactly: v), x != MinorUnitColumn.marker {
            small.append(x)
        } else {
            wide[small.count] = v
            small.append(MinorUnitColumn.marker)
        }
    }

    @inline(__always)
    subscript(i: Int) -> Int128 {
        let x = small[i]
        return x == MinorUnitColumn.marker ? wide[i]! : Int128(x)
    }
}
