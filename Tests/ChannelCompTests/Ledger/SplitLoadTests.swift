import Foundation
import Testing
import _TestSupport
@testable import ChannelComp

/// Guards the two-thread load: deals.csv cut after any line feed, its halves read on two
/// threads and merged, must give exactly the ledger and the messages of one pass — or fall
/// back to one pass. (Cut after a quoted line feed, cut with a duplicate key across the
/// halves, cut with an error in the second half: each must still match one pass exactly.)
///
/// Example: the sample's deals.csv (156 lines) cut after line 80: lines 2–80 on the calling
/// thread, 81–156 on the other; booking 79's sourceLine is 81 and D2611-01 is one deal id.
@Suite("Ledger loader: two halves = one pass")
struct SplitLoadTests {
    /// A file held in memory, readable at any offset in small chunks (7 bytes, so that records
    /// straddle chunks in both halves).
    static func ranged(_ bytes: [UInt8]) -> RangedSource {
        RangedSource(size: bytes.count) { start, end in
            var at = start
            return ChunkSource { asked in
                let n = min(asked, 7, end - at)
                let chunk = Array(bytes[at..<at + n])
                at += n
                return .success(chunk)
            }
        }
    }

    /// Offsets just after each line feed (every possible cut).
    static func cuts(_ bytes: [UInt8]) -> [Int] {
        bytes.indices.filter { bytes[$0] == 0x0A && $0 + 1 < bytes.count }.map { $0 + 1 }
    }

    /// Loads `bytes` cut at `cut` and compares with `whole` (the one-pass load); the first
    /// difference, and whether the two halves were kept (not read again in one pass).
    static func compare(_ bytes: [UInt8], cut: Int, whole: (Ledger, DiagnosticList), plan: Plan, roster: Roster) -> (difference: String?, split: Bool) {
        let source = ranged(bytes)
        let kept = LedgerLoader.loadInPieces(file: "deals.csv", ranged: source, cuts: [cut], plan: plan, roster: roster, fastPath: true)
        let halves = kept ?? LedgerLoader.load(file: "deals.csv", ranged: source, cuts: [], plan: plan, roster: roster, fastPath: true)
        var difference = LoaderPathDiff.firstDifference(fast: (halves.0, halves.1), full: (whole.0, whole.1))
        if difference == nil, halves.0.store.deals.count != whole.0.store.deals.count {
            difference = "deal ids: halves \(halves.0.store.deals.count), one pass \(whole.0.store.deals.count)"
        }
        return (difference, kept != nil)
    }

    /// About `n` of `cuts`, evenly spread, always with the first and last three.
    static func spread(_ cuts: [Int], _ n: Int) -> [Int] {
        guard cuts.count > n else { return cuts }
        let step = cuts.count / n
        return cuts.enumerated().filter { $0.offset % step == 0 || $0.offset < 3 || $0.offset >= cuts.count - 3 }.map(\.element)
    }

    /// The cuts that are record boundaries: line feeds outside quotes (for well-formed CSV,
    /// quote parity from the start of the file).
    static func boundaries(_ bytes: [UInt8]) -> Set<Int> {
        var inside = false, result = Set<Int>()
        for (i, b) in bytes.enumerated() {
            if b == 0x22 { inside.toggle() } else if b == 0x0A && !inside && i + 1 < bytes.count { result.insert(i + 1) }
        }
        return result
    }

    static func setup(_ folder: String, plan planFile: String) throws -> (Plan, Roster, [UInt8]) {
        let plan = try #require(LoaderPathDiff.plan(planFile))
        let people = try #require(LoaderPathDiff.bytes(folder + "/people.csv"))
        let deals = try #require(LoaderPathDiff.bytes(folder + "/deals.csv"))
        let (roster, _) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: people, partnersFile: "partners.csv",
                                            partnersBytes: LoaderPathDiff.bytes(folder + "/partners.csv"), plan: plan)
        return (plan, roster, deals)
    }

    /// Valid ledgers in both layouts (the realistic one has a BOM, CRLF, quoted fields with line
    /// feeds and cancellations in both halves): every cut gives the one-pass ledger, and every
    /// cut keeps the pieces (a valid ledger is never read again in one pass).
    @Test("valid ledgers: every cut matches one pass without a second read", arguments: [
        ("Fixtures/sample", "Plans/channel-neutral.json"),
        ("Fixtures/realistic-shape", "Fixtures/realistic-shape/plan.json"),
        ("Fixtures/roster-changes", "Fixtures/roster-changes/plan.json"),
    ])
    func validLedgers(folder: String, planFile: String) throws {
        let (plan, roster, deals) = try Self.setup(folder, plan: planFile)
        let whole = LedgerLoader.load(file: "deals.csv", bytes: deals, plan: plan, roster: roster)
        #expect(!whole.1.hasErrors && whole.0.bookings.count >= 8, "\(folder) is not a valid ledger")
        var cuts = Self.cuts(deals)
        // About 20 cuts spread over the file, and the first and last ones (debug builds are slow).
        cuts = Self.spread(cuts, 20)
        let boundaries = Self.boundaries(deals)
        var kept = 0, quoted = 0
        for cut in cuts {
            let (difference, split) = Self.compare(deals, cut: cut, whole: whole, plan: plan, roster: roster)
            if let difference { Issue.record("\(folder) cut at byte \(cut): \(difference)"); return }
            // A valid file is never read again in one pass: a cut inside a quoted field is
            // mended by reading the two pieces again as one.
            #expect(split, "\(folder) cut at byte \(cut): read again in one pass")
            if split { kept += 1 }
            if !boundaries.contains(cut) { quoted += 1 }
        }
        #expect(kept >= 8, "\(folder): halves kept at only \(kept) of \(cuts.count) cuts")
        if folder.hasSuffix("realistic-shape") { #expect(quoted > 0, "no cut fell inside a quoted field") }
    }

    /// Many pieces at once — every few lines, so that both threads read and merge, pieces
    /// arrive out of order and some pieces hold only a cancellation or a blank line.
    @Test("many pieces at once match one pass", arguments: [
        ("Fixtures/sample", "Plans/channel-neutral.json", 3),
        ("Fixtures/realistic-shape", "Fixtures/realistic-shape/plan.json", 25),
    ])
    func manyPieces(folder: String, planFile: String, every: Int) throws {
        let (plan, roster, deals) = try Self.setup(folder, plan: planFile)
        let whole = LedgerLoader.load(file: "deals.csv", bytes: deals, plan: plan, roster: roster)
        let boundaries = Self.boundaries(deals)
        // Inside quoted fields too (the realistic layout has line feeds in a free-text column).
        let cuts = Self.cuts(deals).enumerated().filter { $0.offset % every == 0 || !boundaries.contains($0.element) }.map(\.element)
        #expect(cuts.count >= 40, "\(folder): \(cuts.count) cuts")
        for round in 0..<2 {
            let source = Self.ranged(deals)
            let pieces = LedgerLoader.loadInPieces(file: "deals.csv", ranged: source, cuts: cuts, plan: plan, roster: roster, fastPath: true)
            guard let pieces else { Issue.record("\(folder) round \(round): pieces not kept"); return }
            if let difference = LoaderPathDiff.firstDifference(fast: (pieces.0, pieces.1), full: (whole.0, whole.1)) {
                Issue.record("\(folder) round \(round), \(cuts.count + 1) pieces: \(difference)")
                return
            }
            // Later pieces start with the texts merged before them (`LedgerPass.sharedTexts`):
            // territories and products get the ids of one pass, in the order first seen.
            let merged = pieces.0.store, one = whole.0.store
            #expect(merged.texts.count == one.texts.count)
            for id in 0..<min(merged.texts.count, one.texts.count) where merged.texts.string(UInt32(id)) != one.texts.string(UInt32(id)) {
                Issue.record("\(folder) round \(round): text \(id) is \(merged.texts.string(UInt32(id))), one pass \(one.texts.string(UInt32(id)))")
                return
            }
            let sameIDs = zip(merged.records, one.records).allSatisfy { $0.territory == $1.territory && $0.product == $1.product }
            #expect(sameIDs, "\(folder) round \(round): a record's territory or product id differs from one pass")
        }
    }

    /// A line feed inside a quoted field: cutting after it must not split the record; the two
    /// pieces are read again as one.
    @Test("a cut after a quoted line feed reads the two pieces again as one")
    func quotedLineFeed() throws {
        let (plan, roster, _) = try Self.setup("Fixtures/sample", plan: "Plans/channel-neutral.json")
        let text = "deal_id,date,account,territory,product,quantity,unit_list_price,currency,channel,reps,notes\n"
            + "D1,2027-01-10,A1,WEST,WIDGET,10,1000,USD,direct,alice,\"two\nlines\"\n"
            + "D2,2027-01-11,A2,WEST,WIDGET,5,1000,USD,direct,alice,\n"
        let bytes = Array(text.utf8)
        let quoted = bytes.firstIndex(of: 0x0A).map { start in bytes[(start + 1)...].firstIndex(of: 0x0A)! + 1 }!
        let whole = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster)
        let (difference, split) = Self.compare(bytes, cut: quoted, whole: whole, plan: plan, roster: roster)
        #expect(difference == nil, "\(difference ?? "")")
        #expect(split, "read again in one pass")
        // Not vacuous: the file has two bookings.
        let (ledger, diagnostics) = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster)
        #expect(ledger.bookings.count == 2 && ledger.bookings[1].sourceLine == 4, "\(diagnostics.items.map { $0.render() })")
    }

    /// Pieces that interact: a (deal, line) booked in both halves, a cancellation in the second
    /// half of a booking in the first, a cancellation before its booking, an error in the
    /// second half. Every cut matches one pass, message for message.
    /// Splits and quantities too wide for 64 bits are kept in the store's side table; a piece's
    /// own table is appended after the first piece's, so its records and its rep shares must
    /// point past it: alice 33.3…3 % (19 decimals) and bob 66.6…7 % in both halves.
    @Test("wide splits and quantities in both pieces keep their values")
    func wideDecimalsInBothPieces() throws {
        let (plan, roster, _) = try Self.setup("Fixtures/sample", plan: "Plans/channel-neutral.json")
        let a = "33.3333333333333333333", b = "66.6666666666666666667", q = "1.0000000000000000001"
        let text = "deal_id,date,account,territory,product,quantity,unit_list_price,currency,channel,reps\n"
            + "D1,2027-01-10,A1,WEST,WIDGET,\(q),1000,USD,direct,alice:\(a);bob:\(b)\n"
            + "D2,2027-01-11,A2,WEST,WIDGET,2.0000000000000000002,1000,USD,direct,bob:\(b);alice:\(a)\n"
        let bytes = Array(text.utf8)
        let whole = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster)
        #expect(!whole.1.hasErrors, "\(whole.1.items.map(\.message))")
        let cut = bytes.indices.filter { bytes[$0] == 0x0A }[1] + 1  // after D1's line
        let (difference, split) = Self.compare(bytes, cut: cut, whole: whole, plan: plan, roster: roster)
        #expect(difference == nil, "\(difference ?? "")")
        #expect(split)
        let halves = try #require(LedgerLoader.loadInPieces(file: "deals.csv", ranged: Self.ranged(bytes), cuts: [cut], plan: plan, roster: roster, fastPath: true))
        let second = halves.0.store.booking(BookingIndex(1))
        let (wa, wb, q2) = (try ExactDecimal(parsing: a, maxFractionDigits: 30), try ExactDecimal(parsing: b, maxFractionDigits: 30), try ExactDecimal(parsing: "2.0000000000000000002", maxFractionDigits: 30))
        #expect(second.quantity == q2)
        #expect(second.reps.map(\.split) == [wb, wa])
        #expect(halves.0.store.booking(BookingIndex(0)).reps.map(\.split) == [wa, wb])
    }

    @Test("duplicates, cancellations and errors across the cut match one pass")
    func interactingHalves() throws {
        let (plan, roster, deals) = try Self.setup("Fixtures/sample", plan: "Plans/channel-neutral.json")
        let lines = String(decoding: deals, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0], rows = Array(lines[1...].filter { !$0.isEmpty })
        let variants: [(String, [String])] = [
            ("duplicate booking at both ends", rows + [rows[0]]),
            ("cancellation before its booking", [rows.last(where: { $0.contains("cancellation") })!] + rows),
            ("error in the second half", rows + [rows[3].replacingOccurrences(of: ",USD,", with: ",usd,")]),
            ("error in the first half", [rows[3].replacingOccurrences(of: ",USD,", with: ",EUR,")] + rows),
            ("empty rows (a spreadsheet's ,,,,) in both halves", Array(rows[..<20]) + [",,,,"] + Array(rows[20...]) + [",,,"]),
        ]
        for (name, body) in variants {
            let bytes = Array(([header] + body).joined(separator: "\n").appending("\n").utf8)
            let whole = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster)
            var kept = 0
            for cut in Self.spread(Self.cuts(bytes), 30) {
                let (difference, split) = Self.compare(bytes, cut: cut, whole: whole, plan: plan, roster: roster)
                if let difference { Issue.record("\(name), cut at byte \(cut): \(difference)"); break }
                if split { kept += 1 }
            }
            // Errors and duplicates in the second half force one pass at every cut that holds them;
            // an error only in the first half keeps the halves.
            if name == "error in the first half" { #expect(kept > 0, "\(name): halves never kept") }
            // A skipped empty row is a warning located on its line: shifted, not a second read.
            if name.hasPrefix("empty rows") {
                #expect(whole.1.warnings.count == 2 && !whole.1.hasErrors, "\(whole.1.items.map { $0.render() })")
                #expect(kept == Self.spread(Self.cuts(bytes), 30).count, "\(name): read again at \(Self.spread(Self.cuts(bytes), 30).count - kept) cuts")
            }
        }
    }

    /// Cancellations resolved in two halves on two threads: the same cancellations and the same
    /// messages, in the same order, as on one thread — wherever the halves meet. The ledger has
    /// valid cancellations, one whose booking is missing, one dated before its booking and one
    /// whose copied column disagrees, spread so that each half gets some of each.
    @Test("cancellations resolved on two threads match one thread")
    func cancellationsInTwoHalves() throws {
        let (plan, roster, deals) = try Self.setup("Fixtures/sample", plan: "Plans/channel-neutral.json")
        let lines = String(decoding: deals, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0], rows = Array(lines[1...].filter { !$0.isEmpty })
        let cancellations = rows.filter { $0.contains(",cancellation,") }
        #expect(cancellations.count == 7)
        // Problems (header: date,deal_id,line,event,channel,account,…): no booking D9999-99;
        // D2611-01 (booked 2026-11-12) cancelled on 2026-01-01; D2611-02 (account A-1040)
        // cancelled naming account A-0000.
        let bad = ["2027-05-01,D9999-99,,cancellation,,,,,,,,,,,,,",
                   "2026-01-01,D2611-01,,cancellation,,,,,,,,,,,,,",
                   "2027-04-21,D2611-02,,cancellation,,A-0000,,,,,,,,,,,"]
        let body = Array(rows[..<40]) + [bad[0]] + Array(rows[40...]) + [bad[1], bad[2]]
        let bytes = Array(([header] + body).joined(separator: "\n").appending("\n").utf8)
        var table = CSVTable(file: "deals.csv", bytes: bytes, known: LedgerLoader.columns, required: ["deal_id", "date"])
        let pass = LedgerLoader.readRows(table: &table, expectedRows: 200, plan: plan, roster: roster, fastPath: true)
        #expect(pass.pending.count == 10)
        let one = LedgerLoader.finish(pass, file: "deals.csv", plan: plan, roster: roster, threads: 1)
        #expect(one.0.cancellations.count == 7)
        #expect(one.1.errors.count == 3, "\(one.1.items.map { $0.render() })")
        for splitAbove in 1...11 {
            let two = LedgerLoader.finish(pass, file: "deals.csv", plan: plan, roster: roster, threads: 2, splitAbove: splitAbove)
            #expect(two.0.cancellations.map(\.booking) == one.0.cancellations.map(\.booking), "split above \(splitAbove)")
            #expect(two.0.cancellations.map(\.sourceLine) == one.0.cancellations.map(\.sourceLine), "split above \(splitAbove)")
            #expect(two.1.items.map { $0.render() } == one.1.items.map { $0.render() }, "split above \(splitAbove)")
        }
    }

    /// Cut points: increasing, inside the file, whole pieces first and eight quarter pieces at
    /// the end; small files in two.
    @Test("pieces: whole ones, then quarter ones at the end")
    func piecePoints() {
        let mib = 1 << 20
        #expect(LedgerLoader.piecePoints(size: 9 * mib) == [2 * mib, 4 * mib] + (0..<8).map { 5 * mib + $0 * mib / 2 })
        #expect(LedgerLoader.piecePoints(size: 5 * mib) == [5 * mib / 2])
        for size in [4 * mib, 6 * mib + 7, 100 * mib + 3, 5_000 * mib] {
            let points = LedgerLoader.piecePoints(size: size)
            #expect(points.first! > 0 && points.last! < size, "\(size)")
            #expect(zip(points, points.dropFirst()).allSatisfy { $0 < $1 }, "\(size)")
            #expect(points.count <= 256 + 8, "\(size)")
        }
    }
}
