/// Loads `deals.csv` into a ``Ledger``, checking every rule of SPEC 2.2 and 6.
///
///     deal_id,date,account,product,quantity,unit_list_price,currency,channel,reps
///     D1,2027-01-10,A1,WIDGET,10,1000,USD,direct,ann      → one direct booking, 10 × 1000.00
///     D1,2027-02-01,,,,,,,                                → with event=cancellation: cancels D1 line 1
public enum LedgerLoader {
    static let columns = [
        "deal_id", "line", "event", "date", "account", "territory", "product", "quantity",
        "unit_list_price", "sale_price", "currency", "purchase", "channel", "partner",
        "registration", "sourced_by", "reps",
    ]
    /// Money inputs must stay below this magnitude (10^13), so that sums over any ledger fit.
    static let maxAmount = ExactDecimal(significand: 10_000_000_000_000, scale: 0)

    /// The deals.csv columns, resolved against the header once per file.
    struct Columns {
        let deal, line, event, date, account, territory, product, quantity, unitListPrice, salePrice,
            currency, purchase, channel, partner, registration, sourcedBy, reps: Column
        init(_ t: CSVTable) {
            deal = t.column("deal_id"); line = t.column("line"); event = t.column("event"); date = t.column("date")
            account = t.column("account"); territory = t.column("territory"); product = t.column("product")
            quantity = t.column("quantity"); unitListPrice = t.column("unit_list_price"); salePrice = t.column("sale_price")
            currency = t.column("currency"); purchase = t.column("purchase"); channel = t.column("channel")
            partner = t.column("partner"); registration = t.column("registration"); sourcedBy = t.column("sourced_by")
            reps = t.column("reps")
        }
    }

    /// Loads deals.csv held in memory.
    ///
    /// `fastPath: false` sends every row through the full validating path; tests load every
    /// fixture both ways and require the same ledger and the same messages.
    public static func load(file: String, bytes: [UInt8], plan: Plan, roster: Roster, fastPath: Bool = true) -> (Ledger, DiagnosticList) {
        var table = CSVTable(file: file, bytes: bytes, known: columns, required: ["deal_id", "date"])
        return load(table: &table, expectedRows: bytes.count / 64 + 16, plan: plan, roster: roster, fastPath: fastPath)
    }

    /// Loads deals.csv read chunk by chunk from `source` (the whole file is never held);
    /// `sizeHint` is the file's size in bytes, to size the ledger once.
    public static func load(file: String, source: ChunkSource, sizeHint: Int, plan: Plan, roster: Roster, fastPath: Bool = true) -> (Ledger, DiagnosticList) {
        var table = CSVTable(file: file, source: source, known: columns, required: ["deal_id", "date"])
        return load(table: &table, expectedRows: sizeHint / 64 + 16, plan: plan, roster: roster, fastPath: fastPath)
    }

    static func load(table: inout CSVTable, expectedRows: Int, plan: Plan, roster: Roster, fastPath: Bool) -> (Ledger, DiagnosticList) {
        finish(readRows(table: &table, expectedRows: expectedRows, plan: plan, roster: roster, fastPath: fastPath),
               file: table.file, plan: plan, roster: roster)
    }

    /// Reads the rows of `table` (a whole deals.csv, or one piece of it): bookings into the
    /// store, cancellations kept for ``finish(_:file:plan:roster:)``, which resolves them once
    /// every booking is known.
    ///
    /// `parser`: the fast path's parser made once for every piece of one file (its text and
    /// product caches start empty in each copy, as text ids are the piece's pool's); nil makes
    /// one. `mergedTexts`: the texts of the pieces merged so far, which this piece's pool starts
    /// with under the same ids (``LedgerPass/sharedTexts``); nil for the first piece or one pass.
    static func readRows(table: inout CSVTable, expectedRows: Int, plan: Plan, roster: Roster, fastPath: Bool,
                         parser: FastBookingParser? = nil, mergedTexts: TextPool? = nil) -> LedgerPass {
        var store = BookingStore()
        // A piece after the first starts with the territories and products merged so far.
        if let mergedTexts { store.texts = mergedTexts }
        // Sized once from the file's size (≥ 64 bytes a row): growing by doubling would copy
        // each array and briefly hold both copies, which at a million rows sets the memory peak.
        store.records.reserveCapacity(expectedRows)
        store.deals.reserve(texts: expectedRows, bytes: expectedRows * 12)
        store.accounts.reserve(texts: expectedRows, bytes: expectedRows * 12)
        var pending: [PendingCancellation] = []
        var pendingTexts: [UInt8] = []
        // (deal, line, event) → the booking's index (≥ 0), or −(physical line) for a
        // cancellation or a rejected booking: uniqueness and cancellation lookup in one map.
        var keys = RowKeys(capacity: expectedRows)
        let c = Columns(table)
        let copiedColumns = CopiedColumn.resolved(table.columns)
        var fast = parser ?? FastBookingParser(header: table.columns, plan: plan, roster: roster)
        let useFastPath = fastPath
        var cancelled = false

        table.forEachRow(fast: { record in
            guard useFastPath else { return false }
            let made: BookingRecord?? = record.withFields { f -> BookingRecord? in
                guard let (dealBytes, line, booking) = fast.key(f) else { return nil }
                guard booking else {
                    // A cancellation: its key and date here; the rest is checked against its booking
                    // in `finish`. A duplicate is left to the full path (`insert` adds nothing then).
                    guard let date = FastBookingParser.date(f[fast.date]), let dealID = store.deals.intern(dealBytes),
                          keys.insert(deal: dealID, line: line, cancellation: true, value: Int32(clamping: -record.line)) == nil
                    else { return nil }
                    pending.append(PendingCancellation(record: record, dealID: dealID, line: line, date: CivilDate(packed: date),
                                                       copiedColumns: copiedColumns, texts: &pendingTexts))
                    cancelled = true
                    return nil
                }
                guard let dealID = store.deals.internAscending(dealBytes),
                      keys.value(deal: dealID, line: line, cancellation: false) == nil else { return nil }
                guard let r = fast.record(f, deal: dealID, line: line, sourceLine: record.line, store: &store),
                      store.accounts.append(f[fast.account]) != nil else { return nil }
                return r
            }
            if cancelled { cancelled = false; return true }
            guard let r = made ?? nil else { return false }
            _ = keys.insert(deal: r.deal, line: Int(r.line), cancellation: false, value: Int32(store.count))
            store.append(r)
            return true
        }) { row in
            let deal = row.requiredIdentifier(c.deal, what: "deal id")
            let line = lineNumber(&row, c.line)
            let event = row.choice(c.event, default: DealEvent.booking)
            let date = row.date(c.date)
            var dealID: UInt32? = nil
            if let deal {
                dealID = store.deals.intern(deal)
                if dealID == nil { row.error(c.deal, tooLarge) }
            }
            var keyed = false
            if let deal, let dealID, let line, let event {
                let cancellation = event == .cancellation
                if let first = keys.insert(deal: dealID, line: line, cancellation: cancellation, value: Int32(clamping: -row.line)) {
                    let firstLine = first >= 0 ? Int(store.records[Int(first)].sourceLine) : Int(-first)
                    row.error(c.deal, "duplicate \(event.rawValue) of deal \(quoted(deal)) line \(line): already on line \(firstLine); (deal_id, line, event) must be unique",
                              hint: cancellation ? "a booking is cancelled at most once" : nil)
                } else {
                    keyed = true
                }
            }
            guard let event else { return }
            switch event {
            case .cancellation:
                guard deal != nil, let dealID, let line, let date, !row.hasError else { return }
                pending.append(PendingCancellation(record: row.record, dealID: dealID, line: line, date: date, copiedColumns: copiedColumns,
                                                   texts: &pendingTexts))
            case .booking:
                let booking = parseBooking(&row, c, deal: deal, line: line, date: date, plan: plan, roster: roster)
                if let booking, !row.hasError {
                    guard let index = store.append(booking) else {
                        row.error(c.deal, tooLarge)
                        return
                    }
                    if keyed, let dealID, let line { keys.update(deal: dealID, line: line, cancellation: false, value: Int32(index)) }
                }
            }
        }
        return LedgerPass(store: store, keys: keys, pending: pending, pendingTexts: pendingTexts, columns: table.columns, diagnostics: table.diagnostics,
                          rowsRead: table.rowsRead, endLine: table.currentLine, endedInsideQuotes: table.endedInsideQuotes,
                          sharedTexts: mergedTexts?.count ?? 0)
    }

    /// Resolves the pass's cancellations against its bookings and makes the ledger.
    ///
    /// `threads` > 1 resolves the first and second half of the cancellations on two threads
    /// (each half's messages in row order, the first half's first): the same ledger and messages.
    /// `splitAbove`: the fewest cancellations split so (tests split the smallest ledgers).
    static func finish(_ pass: LedgerPass, file: String, plan: Plan, roster: Roster, threads: Int = 1,
                       splitAbove: Int = finishSplitThreshold) -> (Ledger, DiagnosticList) {
        let count = pass.pending.count
        let half = threads > 1 && count >= max(splitAbove, 2) ? count / 2 : count
        var (cancellations, messages): ([Cancellation], [Diagnostic])
        if half < count {
            let (first, second) = ParallelMap.both(threads: threads, {
                resolve(pass, 0..<half, file: file, plan: plan, roster: roster)
            }, {
                resolve(pass, half..<count, file: file, plan: plan, roster: roster)
            })
            cancellations = first.0 + second.0
            messages = first.1 + second.1
        } else {
            (cancellations, messages) = resolve(pass, 0..<count, file: file, plan: plan, roster: roster)
        }
        var diagnostics = pass.diagnostics
        for d in messages { diagnostics.append(d) }
        let ledger = Ledger(file: file, store: pass.store, cancellations: cancellations, rowsRead: pass.rowsRead)
        return (ledger, diagnostics)
    }

    /// Below this many cancellations they are resolved on one thread.
    static let finishSplitThreshold = 4096

    /// The cancellations `range` of the pass checked against their bookings: the valid ones,
    /// and a message for each problem, in row order.
    static func resolve(_ pass: LedgerPass, _ range: Range<Int>, file: String, plan: Plan, roster: Roster) -> ([Cancellation], [Diagnostic]) {
        let store = pass.store, keys = pass.keys, texts = pass.pendingTexts
        let copiedColumns = CopiedColumn.resolved(pass.columns)
        var diagnostics: [Diagnostic] = []
        var cancellations: [Cancellation] = []
        cancellations.reserveCapacity(range.count)
        for c in pass.pending[range] {
            func fail(_ column: String, _ message: String, hint: String? = nil) {
                let (position, width) = c.located(column, header: pass.columns, texts: texts)
                diagnostics.append(Diagnostic(file: file, line: c.sourceLine, column: position,
                    field: "column '\(column)'", message: message, sourceText: c.rawText(texts), markerWidth: width, hint: hint))
            }
            func deal() -> String { store.deals.string(c.dealID) }
            guard let found = keys.value(deal: c.dealID, line: c.line, cancellation: false), found >= 0 else {
                if let rejected = keys.value(deal: c.dealID, line: c.line, cancellation: false) {
                    // The booking row is there but was rejected (−its physical line): not a missing booking.
                    fail("deal_id", "cancellation of deal \(quoted(deal())) line \(c.line): its booking on line \(-Int(rejected)) was rejected (see the error there), so it cannot be checked",
                         hint: "fix the booking's row; the cancellation is then checked against it")
                    continue
                }
                fail("deal_id", "cancellation of deal \(quoted(deal())) line \(c.line), but deals.csv has no booking with that deal_id and line",
                     hint: "a cancellation names an existing booking by deal_id and line")
                continue
            }
            let index = BookingIndex(Int(found))
            let record = store.record(index)
            let bookedOn = CivilDate(packed: record.date)
            var ok = true
            if c.date < bookedOn {
                fail("date", "cancellation dated \(c.date) is before its booking dated \(bookedOn) (line \(record.sourceLine)): a cancellation must be dated on or after its booking")
                ok = false
            }
            // The whole booking (texts, reps) is made only when the row repeats some of its columns.
            if c.copiedMask != 0 {
                let booking = store.booking(index)
                for (column, value) in c.copied(texts, columns: copiedColumns) {
                    if let expected = mismatch(column: column, value: value, booking: booking, roster: roster, currency: plan.currency.code) {
                        fail(column.name, "cancellation says \(quoted(value)) but its booking on line \(booking.sourceLine) has \(quoted(expected)): a cancellation's non-empty columns must equal its booking's",
                             hint: "leave the column empty to take the booking's value")
                        ok = false
                    }
                }
            }
            if ok {
                cancellations.append(Cancellation(booking: index, date: c.date, sourceLine: c.sourceLine))
            }
        }
        return (cancellations, diagnostics)
    }

    static let tooLarge = "the ledger is too large for one run: more than 4 GiB of distinct ids or 4294967295 lines"

    /// `line`: digits, ≥ 1, default 1 (`01` equals `1`).
    static func lineNumber(_ row: inout CSVRow, _ column: Column) -> Int? {
        guard let i = row.index(column), !row.record.isEmpty(i) else { return 1 }
        // Fast path: 1–9 plain digits.
        let fast: Int? = row.record.withBytes(i) { b in
            guard b.count <= 9, b[0] != 0x30 else { return nil }
            var v = 0
            for x in b { guard x >= 0x30 && x <= 0x39 else { return nil }; v = v * 10 + Int(x - 0x30) }
            return v
        }
        if let fast { return fast }
        let text = row.text(column)
        let digits = !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        let significant = text.drop { $0 == "0" }
        guard digits, !significant.isEmpty, significant.count <= 9, let value = Int(significant) else {
            row.error(column, "expected a line number: a whole number from 1 to 999999999 (or empty for 1), found \(quoted(text))")
            return nil
        }
        return value
    }

    static func money(_ row: inout CSVRow, _ column: Column, what: String) -> ExactDecimal? {
        guard let value = row.decimal(column, what: what, maxFractionDigits: 6, allowNegative: false) else { return nil }
        if value >= maxAmount {
            row.error(column, "\(quoted(row.text(column))) is too large: amounts must be below 10000000000000 (10^13)")
            return nil
        }
        return value
    }

    static func parseBooking(_ row: inout CSVRow, _ c: Columns, deal: String?, line: Int?, date: CivilDate?, plan: Plan, roster: Roster) -> Booking? {
        let account = row.requiredIdentifier(c.account, what: "customer account id")
        let product = row.requiredIdentifier(c.product, what: "product id")
        let schedule = product.flatMap { plan.priceBook[$0] }
        var quantity: ExactDecimal? = nil
        if row.require(c.quantity, what: "a quantity > 0"),
           let q = row.decimal(c.quantity, what: "a quantity > 0 (at most 30 decimal places)", maxFractionDigits: 30, allowNegative: true) {
            if q.signum <= 0 {
                row.error(c.quantity, "expected a quantity > 0, found \(quoted(row.text(c.quantity)))",
                          hint: q.isNegative ? "a cancellation is written as a row with event=cancellation, not as a negative quantity" : nil)
            } else if q >= maxAmount {
                row.error(c.quantity, "\(quoted(row.text(c.quantity))) is too large: quantities must be below 10000000000000 (10^13)")
            } else {
                quantity = q
                if let schedule, let last = schedule.tiers.last, let bound = last.upTo, q > bound {
                    row.error(c.quantity, "quantity \(quoted(row.text(c.quantity))) is above the last tier of \(schedule.keyPath), which ends at \(bound)",
                              hint: "the price book's last tier needs \"up_to\": null to price any quantity")
                }
            }
        }
        var unitListPrice: ExactDecimal? = nil
        if let product, schedule != nil {
            if !row.isEmpty(c.unitListPrice) {
                let listText = row.text(c.unitListPrice)
                row.error(c.unitListPrice, "product \(quoted(product)) is priced by the plan's price book, so unit_list_price must be empty; found \(quoted(listText))")
            }
        } else if product != nil {
            if row.isEmpty(c.unitListPrice) {
                row.error(c.unitListPrice, row.has(c.unitListPrice)
                    ? "expected a unit list price ≥ 0 for product \(quoted(product!)) (not in the plan's price book), found an empty value"
                    : "expected a unit list price for product \(quoted(product!)) (not in the plan's price book), but the header has no 'unit_list_price' column")
            } else {
                unitListPrice = money(&row, c.unitListPrice, what: "a unit list price ≥ 0 with at most 6 decimals")
            }
        }
        var salePrice: ExactDecimal? = nil
        if !row.isEmpty(c.salePrice) {
            salePrice = money(&row, c.salePrice, what: "a unit sale price ≥ 0 with at most 6 decimals")
        }
        if row.require(c.currency, what: "the plan's currency code \(plan.currency.code)"), !row.matches(c.currency, plan.currency.isCode) {
            let currency = row.text(c.currency)
            row.error(c.currency, "expected the plan's currency \(quoted(plan.currency.code)), found \(quoted(currency))",
                      hint: currency.uppercased() == plan.currency.code ? "currency codes are upper case" : "one run pays in one currency: convert the row or use a plan in \(currency)")
        }
        let purchase = row.choice(c.purchase, default: PurchaseKind.subscription)
        var channel: Channel? = nil
        if row.require(c.channel, what: "a channel: direct or partner") {
            channel = row.choice(c.channel, default: Channel.direct)
        }
        let registration = row.choice(c.registration, default: Registration.none)
        let sourcedBy = row.choice(c.sourcedBy, default: LeadSource.company)

        var partner: PartnerIndex? = nil
        if !row.isEmpty(c.partner) {
            let partnerText = row.text(c.partner)
            partner = roster.partnerIndex[partnerText]
            if partner == nil {
                row.error(c.partner, roster.partnersFile == nil
                    ? "deal names partner \(quoted(partnerText)) but the data folder has no partners.csv"
                    : "expected a partner id from partners.csv, found \(quoted(partnerText)): no such partner")
            } else if channel == .direct && sourcedBy == .company {
                row.error(c.partner, "a direct deal may name a partner only as its referrer (sourced_by=partner); found partner \(quoted(partnerText)) with sourced_by=\(row.text(c.sourcedBy).isEmpty ? "company (default)" : row.text(c.sourcedBy))",
                          hint: "set sourced_by=partner for a referral, or channel=partner for a resale")
            }
        } else if channel == .partner {
            row.error(c.partner, "a partner deal must name its reselling partner, found an empty value")
        }

        let reps = parseReps(&row, c, roster: roster, plan: plan)
        _ = row.identifier(c.territory, row.text(c.territory), what: "territory")
        if channel == .direct, let reps, reps.isEmpty {
            row.error(c.reps, "a direct deal must name at least one rep, found an empty value",
                      hint: "reps look like alice or alice:60;bob:40")
        }
        if let date { checkRosterInEffect(&row, c, date: date, channel: channel, partner: partner, reps: reps, roster: roster) }
        guard let deal, let line, let date, let account, let product, let quantity, let purchase, let channel,
              let registration, let sourcedBy, let reps, !row.hasError else { return nil }
        return Booking(deal: DealID(deal), line: line, date: date, account: account, territory: row.text(c.territory),
                       product: product, quantity: quantity, unitListPrice: unitListPrice, salePrice: salePrice,
                       purchase: purchase, channel: channel, partner: partner, registration: registration,
                       sourcedBy: sourcedBy, reps: reps, sourceLine: row.line)
    }

    /// `alice` or `alice:60;bob:40`: ids from people.csv; per role, splits all given and summing to 100.
    static func parseReps(_ row: inout CSVRow, _ c: Columns, roster: Roster, plan: Plan) -> [RepShare]? {
        guard let i = row.index(c.reps), !row.record.isEmpty(i) else { return [] }
        // Fast path: one person, no split (most rows).
        let simple = row.record.withBytes(i) { b in
            !b.contains(UInt8(ascii: ";")) && !b.contains(UInt8(ascii: ":")) && !b.contains(UInt8(ascii: " ")) && !b.contains(UInt8(ascii: "\t"))
        }
        if simple, let person = roster.personIndex[row.record.string(i)] {
            return [RepShare(person: person, split: nil)]
        }
        let text = row.text(c.reps)
        var shares: [RepShare] = []
        var problems: [RepsRule.Problem] = []
        row.record.withBytes(i) { bytes in
            RepsRule.parse(bytes, person: { roster.personIndex[String(decoding: $0, as: UTF8.self)] },
                           role: { roster.people[$0].role }, into: &shares, problems: &problems)
        }
        for problem in problems {
            switch problem {
            case .emptyEntry:
                row.error(c.reps, "empty entry in \(quoted(text)): expected person ids separated by ';' (alice:60;bob:40), with no empty entries")
            case .malformedEntry(let entry):
                row.error(c.reps, "expected id or id:split, found \(quoted(entry))")
            case .negativeSplit(let id, let split):
                row.error(c.reps, "split of \(quoted(id)) must be a percentage ≥ 0 like 60 or 33.33, found \(quoted(split)): it is negative")
            case .badSplit(let id, let split, let reason):
                row.error(c.reps, "split of \(quoted(id)) must be a percentage like 60 or 33.33, found \(quoted(split)): \(reason)")
            case .unknownPerson(let id):
                row.error(c.reps, roster.rejectedPersonIDs.contains(id)
                    ? "person \(quoted(id)) is in people.csv, but that row is invalid (see its error)"
                    : "expected person ids from people.csv, found \(quoted(id)): no such person")
            case .listedTwice(let id):
                row.error(c.reps, "\(quoted(id)) is listed twice in \(quoted(text)): a person is credited at most once per deal line")
            case .mixedSplits(let role):
                row.error(c.reps, "in role '\(plan.roles[role].name)' some people have a :split and some do not, in \(quoted(text)): give every person of the role a split, or none (equal shares)")
            case .splitSum(let role, let sum):
                row.error(c.reps, "splits of role '\(plan.roles[role].name)' sum to \(sum), expected exactly 100, in \(quoted(text))")
            }
        }
        return problems.isEmpty ? shares : nil
    }

    /// The booking's value of `column` when a cancellation's `value` differs from it, else nil.
    static func mismatch(column: CopiedColumn, value: String, booking b: Booking, roster: Roster, currency: String) -> String? {
        func num(_ x: ExactDecimal?) -> String? {
            guard let parsed = try? ExactDecimal(parsing: value, maxFractionDigits: nil) else { return x?.description ?? "" }
            return parsed == x ? nil : (x?.description ?? "")
        }
        func text(_ x: String) -> String? { value == x ? nil : x }
        switch column {
        case .account: return text(b.account)
        case .territory: return text(b.territory)
        case .product: return text(b.product)
        case .quantity: return num(b.quantity)
        case .unitListPrice: return num(b.unitListPrice)
        case .salePrice: return num(b.salePrice)
        case .currency: return text(currency)
        case .purchase: return text(b.purchase.rawValue)
        case .channel: return text(b.channel.rawValue)
        case .partner: return text(b.partner.map { roster.partners[$0].id.rawValue } ?? "")
        case .registration: return text(b.registration.rawValue)
        case .sourcedBy: return text(b.sourcedBy.rawValue)
        case .reps:
            // (The booking's text is written only when it is needed: for the message.)
            func written() -> String {
                b.reps.map { r in roster.people[r.person].id.rawValue + (r.split.map { ":\($0)" } ?? "") }.joined(separator: ";")
            }
            let mine = value.split(separator: ";", omittingEmptySubsequences: false).map { entry -> (String, ExactDecimal?) in
                let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
                let split = parts.count > 1 ? try? ExactDecimal(parsing: String(parts[1].trimmingSpaces)) : nil
                return (String(parts[0].trimmingSpaces), split)
            }
            let theirs = b.reps.map { (roster.people[$0.person].id.rawValue, $0.split) }
            let same = mine.count == theirs.count && zip(mine, theirs).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            return same ? nil : written()
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
