/// The credit lines of a detailed run, kept as 12-byte references and made again when read.
///
/// A ``CreditLine`` holds five exact decimals and its rule's name: about 300 bytes, and a
/// detailed run of a million rows has one or two per row. The run keeps, per line, only which
/// event (booking or clawback), role and person it came from, and which of that role's
/// lines it was; reading the line credits that event for that role again with the run's own
/// ``Crediter`` and ``Pricer`` — the same function on the same inputs, so the same line.
///
///     run.creditLines.count          // 3 (references)
///     run.creditLines[1]             // the second line, credited again: bob 4000.00 of N 10000.00
///     for line in run.creditLines {} // each event and role credited once, in the run's order
public struct CreditLines: RandomAccessCollection, Sendable {
    /// One line: its event, role, and position among the lines the role gave the event (12
    /// bytes — a million-row year keeps a million of them; the month is the event's: its
    /// booking's, or its cancellation's for a clawback).
    ///
    ///     booking 41, role 0, second line → event 41;  clawback by cancellation 3 → event −4
    struct Reference: Sendable {
        /// The booking's index (≥ 0), or −(cancellation index + 1) for a clawback line (whose
        /// booking is the cancelled one: ``Source/booking(of:)``).
        private var event: Int32
        /// Who is credited (so that grouping lines by person makes none).
        var person: Int32
        var role: UInt16
        var ordinal: UInt16

        /// A booking's line (`clawback` −1) or a clawback's (`clawback` ≥ 0: index into
        /// ``Ledger/cancellations``).
        init(booking: Int32, clawback: Int32, person: Int32, role: UInt16, ordinal: UInt16) {
            event = clawback >= 0 ? -(clawback + 1) : booking
            self.person = person
            self.role = role
            self.ordinal = ordinal
        }

        /// Index into ``Ledger/cancellations`` for a clawback line, else −1.
        var clawback: Int32 { event < 0 ? -(event + 1) : -1 }

        func sameEvent(_ other: Reference) -> Bool {
            event == other.event && role == other.role
        }

        /// The booking of a booking's line (nil for a clawback's).
        fileprivate var bookingOfLine: Int32? { event >= 0 ? event : nil }
    }

    /// What credits an event again (a class: the crediter and pricer are large values, and
    /// reading a line must not copy them).
    final class Source: Sendable {
        let crediter: Crediter
        let pricer: Pricer

        /// The ledger's records and each cancellation's month and booking, for ``month(of:)``
        /// and ``booking(of:)``.
        let store: BookingStore
        let cancellationMonths: [Int32]
        let cancellationBookings: [Int32]

        init(crediter: Crediter, pricer: Pricer) {
            self.crediter = crediter
            self.pricer = pricer
            store = pricer.ledger.store
            cancellationMonths = pricer.ledger.cancellations.map { Int32($0.date.period.index) }
            cancellationBookings = pricer.ledger.cancellations.map { Int32($0.booking.offset) }
        }

        /// The booking a line credits: its own, or the one a clawback cancels.
        func booking(of ref: Reference) -> BookingIndex {
            BookingIndex(Int(ref.bookingOfLine ?? cancellationBookings[Int(ref.clawback)]))
        }

        /// The month a line lands in: its booking's, or its cancellation's for a clawback (the
        /// placement ``Ledger/forEachEvent(in:plan:summary:_:)`` gave the event).
        func month(of ref: Reference) -> Period {
            if ref.clawback >= 0 { return Period(index: Int(cancellationMonths[Int(ref.clawback)])) }
            return Period(index: store.records[booking(of: ref).offset].periodIndex)
        }

        /// Every line `ref`'s role gives its event, in order.
        func lines(of ref: Reference) -> [CreditLine] {
            var lines: [CreditLine] = []
            self.lines(of: ref, into: &lines)
            return lines
        }

        /// Every line `ref`'s role gives its event, in order, in place of what `lines` held (its
        /// room kept: a reader of many events allocates once).
        func lines(of ref: Reference, into lines: inout [CreditLine]) {
            lines.removeAll(keepingCapacity: true)
            let booking = booking(of: ref)
            // The run credited this event for this role without an error; crediting it again
            // is the same computation, so it cannot fail here either.
            _ = try? crediter.forEachCreditLine(booking, amounts: pricer.amounts(booking), pricer: pricer, role: Int(ref.role),
                                                period: month(of: ref),
                                                clawback: ref.clawback < 0 ? nil : Int(ref.clawback)) { line throws(NumericError) in
                lines.append(line)
            }
        }
    }

    private enum Storage: Sendable {
        /// No lines (a run without details).
        case empty
        case references(Source, [Reference])
    }

    private var storage: Storage

    /// No lines.
    public init() { storage = .empty }

    init(source: Source, references: [Reference]) { storage = .references(source, references) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .empty: return 0
        case .references(_, let refs): return refs.count
        }
    }

    public subscript(i: Int) -> CreditLine {
        switch storage {
        case .empty: preconditionFailure("index \(i) of no credit lines")
        case .references(let source, let refs):
            let lines = source.lines(of: refs[i])
            return lines[Int(refs[i].ordinal)]
        }
    }

    /// The crediting the lines are made with (nil for no lines).
    var crediter: Crediter? {
        if case .references(let source, _) = storage { return source.crediter }
        return nil
    }

    /// The lines at `indices`, in that order (a payee's own lines), without making any.
    public func subset(_ indices: [Int]) -> CreditLines {
        switch storage {
        case .empty: precondition(indices.isEmpty, "a subset of no credit lines"); return self
        case .references(let source, let refs): return CreditLines(source: source, references: indices.map { refs[$0] })
        }
    }

    /// The lines whose person and month pass `include`, in order, without making any.
    ///
    /// `run.creditLines.selecting { _, month in month == run.period }` → the period's lines only;
    /// filtering the collection itself would credit every event again just to read its month.
    public func selecting(_ include: (_ person: PersonIndex, _ period: Period) -> Bool) -> CreditLines {
        var kept: [Int] = []
        forEachPerson { i, person, period in if include(person, period) { kept.append(i) } }
        return subset(kept)
    }

    /// Calls `body` with each line's index and person, without making the lines (for grouping).
    public func forEachPerson(_ body: (_ index: Int, _ person: PersonIndex, _ period: Period) -> Void) {
        switch storage {
        case .empty: break
        case .references(let source, let refs):
            for (i, ref) in refs.enumerated() { body(i, PersonIndex(rawValue: ref.person), source.month(of: ref)) }
        }
    }

    /// Calls `body` once per event and role that gave lines in a month `include` accepts —
    /// the booking, clawback, month and role, and which of the role's lines are here (their
    /// ordinals) — without making any line: for sums over many lines (channel neutrality).
    ///
    ///     // D1 split ann:60;bob:40, role 0, 2027-01 → body(D1, nil, 2027-01, 0, [0, 1])
    func forEachEvent(months include: (Period) -> Bool,
                      _ body: (_ booking: BookingIndex, _ clawback: Int?, _ period: Period, _ role: Int,
                               _ ordinals: ArraySlice<UInt16>) throws -> Void) rethrows {
        guard case .references(let source, let refs) = storage else { return }
        var ordinals: [UInt16] = []
        var start = 0
        while start < refs.count {
            let first = refs[start]
            var end = start + 1
            while end < refs.count && refs[end].sameEvent(first) { end += 1 }
            let period = source.month(of: first)
            if include(period) {
                ordinals.removeAll(keepingCapacity: true)
                for k in start..<end { ordinals.append(refs[k].ordinal) }
                try body(source.booking(of: first), first.clawback < 0 ? nil : Int(first.clawback), period,
                         Int(first.role), ordinals[...])
            }
            start = end
        }
    }

    public func makeIterator() -> Iterator { Iterator(self) }

    /// Reads the lines in order, crediting each event and role once.
    public struct Iterator: IteratorProtocol {
        private let lines: CreditLines
        private var i = 0
        private var cached: [CreditLine] = []
        private var cachedRef: Reference?

        init(_ lines: CreditLines) { self.lines = lines }

        public mutating func next() -> CreditLine? {
            guard i < lines.endIndex else { return nil }
            defer { i += 1 }
            switch lines.storage {
            case .empty: return nil
            case .references(let source, let refs):
                let ref = refs[i]
                if cachedRef == nil || !cachedRef!.sameEvent(ref) {
                    source.lines(of: ref, into: &cached)
                    cachedRef = ref
                }
                return cached[Int(ref.ordinal)]
            }
        }
    }
}

/// The priced lines of a detailed run by booking index, priced again when read.
///
/// A ``PricedLine`` with its discount parts is about 500 bytes; the run keeps one bit per
/// booking (priced in the run or not) and asks its ``Pricer`` again — the same pricing.
///
///     run.priced[12]  // the PricedLine of booking 12, if the run priced it; else nil
public struct PricedLines: Sendable {
    private enum Storage: Sendable {
        case lines([BookingIndex: PricedLine])
        /// `inRun` holds one bit per booking; `renumbered` maps a sub-ledger's bookings to the
        /// run's (a partner's trace reads a ledger of that partner's rows only).
        case pricer(PricerBox, inRun: [UInt64], renumbered: [BookingIndex]?)
    }

    /// The run's pricer by reference: reading a line must not copy the large value.
    final class PricerBox: Sendable {
        let pricer: Pricer
        init(_ pricer: Pricer) { self.pricer = pricer }

        // Methods here, not on a copy of `pricer`: copying the large value retains each of its
        // references (a tenth of a million-row audit).

        /// Priced without an error in the run: the same pricing again cannot fail.
        func price(_ b: BookingIndex) -> PricedLine? { try? pricer.price(b) }

        func amounts(_ b: BookingIndex) -> (list: Money, gross: Money, net: Money, discount: Money, referralFee: Money)? {
            guard let a = try? pricer.amounts(b) else { return nil }
            return (pricer.money(a.list), pricer.money(a.gross), pricer.money(a.net), pricer.money(a.discount), pricer.money(a.referralFee))
        }

        func discountCapped(_ b: BookingIndex) -> Bool { pricer.discountCapped(b) }

        func minorAmounts(_ b: BookingIndex) -> PricedAmounts? { try? pricer.amounts(b) }
    }

    private var storage: Storage

    /// Lines given whole (tests, runs made by hand).
    public init(_ lines: [BookingIndex: PricedLine] = [:]) { storage = .lines(lines) }

    init(pricer: Pricer, inRun: [UInt64]) { storage = .pricer(PricerBox(pricer), inRun: inRun, renumbered: nil) }

    /// The priced line of booking `booking`, nil when the run did not price it.
    public subscript(booking: BookingIndex) -> PricedLine? {
        switch storage {
        case .lines(let lines): return lines[booking]
        case .pricer:
            return reader().line(booking)
        }
    }

    /// Booking `booking`'s amounts without its discount parts (what sums over many bookings
    /// need); nil when the run did not price it. The same figures as the priced line's.
    ///
    ///     run.priced.amounts(3)  // (list 5600.00, gross 5600.00, net 3640.00, discount 1960.00, referralFee 0.00)
    public func amounts(_ booking: BookingIndex) -> (list: Money, gross: Money, net: Money, discount: Money, referralFee: Money)? {
        reader().amounts(booking)
    }

    /// The same amounts in minor units, as the pricer keeps them.
    func minorAmounts(_ booking: BookingIndex) -> PricedAmounts? { reader().minorAmounts(booking) }

    /// A reader of many bookings' amounts: the storage is looked at once, not per booking.
    ///
    /// Reports on two threads read the same run; taking the run's pricer and bit set out of it
    /// per booking retained and released them on both cores at once (the counts' cache line
    /// went back and forth between the cores, and two threads were no faster than one).
    func reader() -> Reader { Reader(self) }

    struct Reader {
        private let lines: [BookingIndex: PricedLine]?
        private let box: PricerBox?
        private let inRun: [UInt64]
        private let renumbered: [BookingIndex]?

        fileprivate init(_ priced: PricedLines) {
            switch priced.storage {
            case .lines(let l): (lines, box, inRun, renumbered) = (l, nil, [], nil)
            case .pricer(let b, let bits, let r): (lines, box, inRun, renumbered) = (nil, b, bits, r)
            }
        }

        /// See ``PricedLines/minorAmounts(_:)``.
        func minorAmounts(_ booking: BookingIndex) -> PricedAmounts? {
            if let lines {
                guard let l = lines[booking] else { return nil }
                func minor(_ m: Money) -> Int128 { (try? m.amount.rounded(scale: m.currency.minorUnits, rule: .towardZero).significand) ?? 0 }
                return PricedAmounts(list: minor(l.list), gross: minor(l.gross), net: minor(l.net), discount: minor(l.discount),
                                     referralFee: minor(l.referralFee))
            }
            guard let box, let b = PricedLines.runIndex(booking, inRun, renumbered) else { return nil }
            return box.minorAmounts(b)
        }

        /// The priced line of booking `booking` (``PricedLines/subscript(booking:)``).
        func line(_ booking: BookingIndex) -> PricedLine? {
            if let lines { return lines[booking] }
            guard let box, let b = PricedLines.runIndex(booking, inRun, renumbered) else { return nil }
            return box.price(b)
        }

        /// See ``PricedLines/discountCapped(_:)``.
        func discountCapped(_ booking: BookingIndex) -> Bool? {
            if let lines { return lines[booking].map { $0.discountParts?.capped ?? false } }
            guard let box, let b = PricedLines.runIndex(booking, inRun, renumbered) else { return nil }
            return box.discountCapped(b)
        }

        /// See ``PricedLines/amounts(_:)``.
        func amounts(_ booking: BookingIndex) -> (list: Money, gross: Money, net: Money, discount: Money, referralFee: Money)? {
            if let lines { return lines[booking].map { ($0.list, $0.gross, $0.net, $0.discount, $0.referralFee) } }
            guard let box, let b = PricedLines.runIndex(booking, inRun, renumbered) else { return nil }
            return box.amounts(b)
        }
    }

    /// The run's index of `booking` when the run priced it (through `renumbered` for a sub-ledger).
    fileprivate static func runIndex(_ booking: BookingIndex, _ inRun: [UInt64], _ renumbered: [BookingIndex]?) -> BookingIndex? {
        var b = booking
        if let renumbered {
            guard renumbered.indices.contains(b.offset) else { return nil }
            b = renumbered[b.offset]
        }
        return PricedLines.contains(inRun, b) ? b : nil
    }

    /// Whether booking `booking`'s stacked discount was capped at `max_discount`, without making
    /// its priced line; nil when the run did not price it.
    ///
    /// Gold 30 % + upfront 5 % + registration 10 % under a 40 % cap → true; a direct line → false.
    public func discountCapped(_ booking: BookingIndex) -> Bool? { reader().discountCapped(booking) }

    /// True when no booking was priced (a run without details, or with no event).
    public var isEmpty: Bool {
        switch storage {
        case .lines(let lines): return lines.isEmpty
        case .pricer(_, let inRun, let renumbered):
            if let renumbered { return !renumbered.contains { PricedLines.contains(inRun, $0) } }
            return inRun.allSatisfy { $0 == 0 }
        }
    }

    /// Marks booking `b` priced in a run's bit set (one bit per booking).
    static func mark(_ inRun: inout [UInt64], _ b: BookingIndex) {
        inRun[b.offset / 64] |= 1 << UInt64(b.offset % 64)
    }

    static func contains(_ inRun: [UInt64], _ b: BookingIndex) -> Bool {
        b.offset >= 0 && b.offset / 64 < inRun.count && inRun[b.offset / 64] & (1 << UInt64(b.offset % 64)) != 0
    }

    /// The same lines for a ledger made of the run's bookings `old` (new booking k is old[k]).
    public func renumbered(_ old: [BookingIndex]) -> PricedLines {
        var copy = self
        switch storage {
        case .lines(let lines):
            var map: [BookingIndex: PricedLine] = [:]
            for (k, b) in old.enumerated() { map[BookingIndex(k)] = lines[b] }
            copy.storage = .lines(map)
        case .pricer(let pricer, let inRun, let previous):
            copy.storage = .pricer(pricer, inRun: inRun, renumbered: previous.map { p in old.map { p[$0.offset] } } ?? old)
        }
        return copy
    }
}
