import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one pass over deals.csv rows collects — the whole file, or one piece of it read on its
/// own thread: the bookings in compact form, the (deal, line, event) keys seen, the
/// cancellations still to resolve, and the pass's messages.
struct LedgerPass: Sendable {
    var store: BookingStore
    var keys: RowKeys
    var pending: [LedgerLoader.PendingCancellation]
    /// The cancellations' row texts, back to back (see ``LedgerLoader/PendingCancellation``).
    var pendingTexts: [UInt8]
    /// deals.csv's header: column name → field index (the same for every piece).
    var columns: [String: Int]
    var diagnostics: DiagnosticList
    var rowsRead: Int
    /// The physical line after the pass's last row (lines of a piece count from 1).
    var endLine: Int
    /// The input ended inside a quoted field: a piece cut there was cut in the wrong place.
    var endedInsideQuotes: Bool
    /// Texts `0..<sharedTexts` of `store.texts` are the merged pass's, under its ids: the piece
    /// started with the territories and products of the pieces merged before it (0: none).
    var sharedTexts = 0

    /// Appends the pass over the piece that follows this one, whose line 1 is this file's line
    /// `lineOffset + 1`: texts re-interned, indices and lines shifted, keys checked.
    ///
    /// Returns false — and the caller reads the file again in one pass — when the pieces
    /// interact in a way only one pass reports with the right message: a (deal, line, event)
    /// in both pieces, or a limit of the compact store. Everything else (which booking a
    /// cancellation names, whether it agrees with it) is decided after the merge, as in one pass.
    ///
    ///     piece 1: D1 line 1 booking (line 2), D2 line 1 booking (line 3)
    ///     piece 2: D3 line 1 booking (its line 1), D1 line 1 cancellation (its line 2)
    ///     absorb(piece2, lineOffset: 3) → D3 at line 4 with deal id 2; the cancellation on line 5
    mutating func absorb(_ other: LedgerPass, lineOffset: Int) -> Bool {
        let o = other.store
        var dealMap: [UInt32] = []
        dealMap.reserveCapacity(o.deals.count)
        if let base = store.deals.appendSortedRun(of: o.deals) {
            // The usual case: the piece's deal ids all follow this pass's, in order.
            dealMap.append(contentsOf: (0..<UInt32(o.deals.count)).lazy.map { base + $0 })
        } else {
            for id in 0..<o.deals.count {
                guard let mine = o.deals.withBytes(UInt32(id), { store.deals.internAscending($0) }) else { return false }
                dealMap.append(mine)
            }
        }
        // Texts the piece started with (this pass's, as they were) keep their ids; the piece's
        // own are interned here.
        let shared = other.sharedTexts
        guard shared <= store.texts.count else { return false }
        var textMap = [UInt32](0..<UInt32(shared))
        textMap.reserveCapacity(o.texts.count)
        for id in shared..<o.texts.count {
            guard let mine = o.texts.withBytes(UInt32(id), { store.texts.intern($0) }) else { return false }
            textMap.append(mine)
        }
        let base = store.records.count
        guard base + o.records.count < Int(Int32.max),
              other.endLine + lineOffset < Int(Int32.max),
              store.reps.count + o.reps.count < Int(UInt32.max) else { return false }
        for (k, r) in o.records.enumerated() {
            if keys.insert(deal: dealMap[Int(r.deal)], line: Int(r.line), cancellation: false, value: Int32(base + k)) != nil { return false }
        }
        for c in other.pending {
            if keys.insert(deal: dealMap[Int(c.dealID)], line: c.line, cancellation: true, value: Int32(-(c.sourceLine + lineOffset))) != nil { return false }
        }
        guard store.accounts.append(contentsOf: o.accounts) else { return false }
        let repsBase = UInt32(store.reps.count), wideBase = Int64(store.wide.count)
        store.reps.append(contentsOf: o.reps)
        store.wide.append(contentsOf: o.wide)
        if !o.wide.isEmpty {
            // A split too wide for 64 bits names its decimal in `wide`: shifted like the records'.
            store.reps.withUnsafeMutableBufferPointer { all in
                for k in Int(repsBase)..<all.count where all[k].scale == BookingRecord.wideScale { all[k].split += wideBase }
            }
        }
        let shift = UInt32(lineOffset)
        // The records copied in one go, then renumbered in place.
        store.records.append(contentsOf: o.records)
        dealMap.withUnsafeBufferPointer { deals in
            textMap.withUnsafeBufferPointer { texts in
                store.records.withUnsafeMutableBufferPointer { all in
                    for k in base..<all.count {
                        all[k].deal = deals[Int(all[k].deal)]
                        all[k].territory = texts[Int(all[k].territory)]
                        all[k].product = texts[Int(all[k].product)]
                        all[k].sourceLine += shift
                        if !all[k].repInline && all[k].repCount > 0 { all[k].repsStart += repsBase }
                        if all[k].quantityScale == BookingRecord.wideScale { all[k].quantity += wideBase }
                        if all[k].unitListPriceScale == BookingRecord.wideScale { all[k].unitListPrice += wideBase }
                        if all[k].salePriceScale == BookingRecord.wideScale { all[k].salePrice += wideBase }
                    }
                }
            }
        }
        // The cancellations hold no references: appended in one copy, renumbered in place.
        let firstPending = pending.count, textShift = pendingTexts.count
        pending.append(contentsOf: other.pending)
        pendingTexts.append(contentsOf: other.pendingTexts)
        dealMap.withUnsafeBufferPointer { deals in
            pending.withUnsafeMutableBufferPointer { all in
                for k in firstPending..<all.count {
                    all[k].dealID = deals[Int(all[k].dealID)]
                    all[k].sourceLine += lineOffset
                    all[k].textStart += textShift
                }
            }
        }
        rowsRead += other.rowsRead
        endLine = other.endLine + lineOffset
        endedInsideQuotes = other.endedInsideQuotes
        // Only located warnings get here (an empty row skipped): their line is shifted like the rows'.
        for var d in other.diagnostics.items {
            d.line = d.line.map { $0 + lineOffset }
            diagnostics.append(d)
        }
        return true
    }
}

extension LedgerLoader {
    /// Below this size deals.csv is read in one pass: a second thread would not pay for itself.
    static let splitThreshold = 4 << 20
    /// The size of a piece: small enough that the pieces read ahead and not yet merged cost
    /// little memory (at 4 MiB the peak of a million rows was 10 MiB higher), large enough that
    /// the per-piece set-up vanishes.
    static let pieceSize = 2 << 20

    /// Loads deals.csv from a file that can be read at any offset, on two threads when it is
    /// large: the file is cut into pieces of about 2 MiB after line feeds, both threads take the
    /// next unread piece, and the pieces are merged in file order as soon as they are ready.
    ///
    /// The result — ledger and messages — is exactly that of one pass
    /// (``load(file:source:sizeHint:plan:roster:fastPath:)``): the pieces are kept only when
    /// each piece but the last ended outside quotes (so every cut was a record boundary), no
    /// piece after the first has a message at all, and no (deal, line, event) appears in two
    /// pieces (a warning located on one line, such as a skipped empty row, is kept, its line
    /// shifted). Otherwise the file is read again in one pass, which writes every message in
    /// order: an invalid file costs a second read, never a different message. Tests compare
    /// fixtures and mutated ledgers at every cut with one pass.
    public static func load(file: String, ranged: RangedSource, plan: Plan, roster: Roster, fastPath: Bool = true,
                            threads: Int = 2) -> (Ledger, DiagnosticList) {
        let cuts = threads >= 2 && ranged.size >= splitThreshold ? recordCuts(ranged, points: piecePoints(size: ranged.size)) : []
        return load(file: file, ranged: ranged, cuts: cuts, plan: plan, roster: roster, fastPath: fastPath)
    }

    /// Loads in pieces cut at `cuts` (increasing offsets; none: in one pass); tests cut everywhere.
    static func load(file: String, ranged: RangedSource, cuts: [Int], plan: Plan, roster: Roster, fastPath: Bool) -> (Ledger, DiagnosticList) {
        if !cuts.isEmpty, let pieces = loadInPieces(file: file, ranged: ranged, cuts: cuts, plan: plan, roster: roster, fastPath: fastPath) {
            return pieces
        }
        return load(file: file, source: ranged.open(0, ranged.size), sizeHint: ranged.size, plan: plan, roster: roster, fastPath: fastPath)
    }

    /// Where to cut a file of `size` bytes: every ``pieceSize`` bytes (at most 256 pieces), the
    /// last two pieces' worth cut in eight quarter pieces, so that the thread that finishes
    /// first waits for a small piece, not a whole one (a file of less than three pieces: in two).
    ///
    /// 9 MiB → 2 and 4 MiB, then every ½ MiB from 5 to 8.5 MiB.
    static func piecePoints(size: Int) -> [Int] {
        let step = max(pieceSize, size / 256)
        let tailStart = size - 2 * step
        guard tailStart > step else { return size >= 2 * step ? [size / 2] : [] }
        var points: [Int] = []
        var p = step
        while p < tailStart { points.append(p); p += step }
        points.append(tailStart)
        for k in 1..<8 { points.append(tailStart + step * k / 4) }
        return points
    }

    /// Offsets just after the first line feed at or after each of `pieces − 1` evenly spaced
    /// points (a point with no line feed in the next 64 KiB is skipped). A quoted line feed
    /// makes a wrong guess, which ``loadInPieces`` notices.
    static func recordCuts(_ ranged: RangedSource, pieces: Int) -> [Int] {
        guard pieces >= 2 else { return [] }
        return recordCuts(ranged, points: (1..<pieces).map { ranged.size / pieces * $0 })
    }

    /// Offsets just after the first line feed at or after each of `points` (increasing; a point
    /// with no line feed in the next 64 KiB, or at or before the previous cut, is skipped).
    static func recordCuts(_ ranged: RangedSource, points: [Int]) -> [Int] {
        var cuts: [Int] = []
        for point in points {
            guard point > (cuts.last ?? 0), point < ranged.size else { continue }
            // A line is nearly always within the next 4 KiB; 64 KiB when it is not.
            var found: Int? = nil
            for window in [4 << 10, 64 << 10] {
                guard case .success(let bytes) = ranged.open(point, ranged.size).read(window) else { break }
                if let lf = bytes.firstIndex(of: 0x0A) { found = lf; break }
                if bytes.count < window { break }
            }
            guard let lf = found, point + lf + 1 < ranged.size else { continue }
            cuts.append(point + lf + 1)
        }
        return cuts
    }

    /// The pieces read on two threads and merged in order, or nil when only one pass gives the
    /// right result.
    static func loadInPieces(file: String, ranged: RangedSource, cuts: [Int], plan: Plan, roster: Roster, fastPath: Bool) -> (Ledger, DiagnosticList)? {
        let bounds = [0] + cuts + [ranged.size]
        var first = CSVTable(file: file, source: ranged.open(0, bounds[1]), known: columns, required: ["deal_id", "date"], chunkSize: bounds[1])
        guard first.usable else { return nil }
        let header = first.header
        let parser = FastBookingParser(header: first.columns, plan: plan, roster: roster)
        // Bytes bounds[a]..<bounds[b]; from the file's start with its header, sized for the whole
        // file so that the other pieces are appended without a copy.
        let read: @Sendable (Int, Int, TextPool?) -> LedgerPass = { a, b, texts in
            if a == 0 {
                var table = CSVTable(file: file, source: ranged.open(0, bounds[b]), known: columns, required: ["deal_id", "date"],
                                     chunkSize: bounds[b])
                return readRows(table: &table, expectedRows: ranged.size / 64 + 16, plan: plan, roster: roster, fastPath: fastPath, parser: parser)
            }
            var table = CSVTable(file: file, header: header, continuing: ranged.open(bounds[a], bounds[b]), chunkSize: bounds[b] - bounds[a])
            return readRows(table: &table, expectedRows: (bounds[b] - bounds[a]) / 64 + 16, plan: plan, roster: roster, fastPath: fastPath,
                            parser: parser, mergedTexts: texts)
        }
        let work = PieceWork(count: bounds.count - 1, read: read)
        // Piece 0 on this thread (its header is read already); the other thread starts on piece 1.
        let helper = DispatchGroup()
        DispatchQueue.global().async(group: helper) { work.run() }
        work.finished(0, readRows(table: &first, expectedRows: ranged.size / 64 + 16, plan: plan, roster: roster, fastPath: fastPath, parser: parser))
        work.run()
        helper.wait()
        guard let pass = work.result() else { return nil }
        return finish(pass, file: file, plan: plan, roster: roster, threads: 2)
    }

    /// The pieces of one load: which piece is next to read, the pieces read but not yet merged,
    /// and the merged pass. Both threads read pieces; whichever finishes one merges every piece
    /// that is ready, in order (one merger at a time).
    ///
    /// A piece that ends inside a quoted field was cut in the wrong place (the line feed after
    /// the cut was quoted text): the merger reads it again together with the next piece, as one
    /// piece, until the joined piece ends outside quotes; the next piece's own reading is dropped.
    ///
    /// A piece starts with the territories and products of the pieces merged when it starts
    /// (`mergedTexts`, refreshed as the merged pool grows; each thread reads from its own copy,
    /// so that the threads never count references to the same buffers): merging it renumbers
    /// only the texts new to it — with thousands of territories, not every one of them again
    /// in every piece, and a piece copies the pool only when it meets a text new to it.
    private final class PieceWork: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        private let count: Int
        private let read: @Sendable (Int, Int, TextPool?) -> LedgerPass
        private var next = 1
        private var ready: [Int: LedgerPass] = [:]
        private var merged: LedgerPass?
        /// Pieces 0..<mergedCount are in `merged` (or were read again with one that is).
        private var mergedCount = 0
        private var merging = false
        private var failed = false
        /// The merged pass's texts as they were when last taken (nil before the first merge).
        private var mergedTexts: TextPool?

        init(count: Int, read: @escaping @Sendable (Int, Int, TextPool?) -> LedgerPass) {
            self.count = count
            self.read = read
        }

        /// At most this many pieces are read ahead of the first one not yet merged: when one
        /// thread is held up (a busy machine), the other waits instead of piling up pieces.
        static let maxAhead = 3

        /// Reads pieces until none is left (or the load has failed).
        func run() {
            // This thread's own copy of `mergedTexts`.
            var texts: TextPool? = nil
            while true {
                lock.wait()
                // A piece already read again with the one before it is skipped.
                next = max(next, mergedCount)
                let k = next
                let stop = failed || k >= count
                // Piece `mergedCount` is being read by the other thread (or merged): it will move on.
                let wait = !stop && k - mergedCount > PieceWork.maxAhead
                if !stop && !wait { next += 1 }
                let merged = mergedTexts
                lock.signal()
                if stop { return }
                if wait { usleep(200); continue }
                if let merged, merged.count != texts?.count { texts = merged.unshared() }
                finished(k, read(k, k + 1, texts))
            }
        }

        /// Hands in piece `k` and merges what is ready.
        func finished(_ k: Int, _ pass: LedgerPass) {
            lock.wait()
            guard k >= mergedCount else { lock.signal(); return }
            ready[k] = pass
            guard !merging else { lock.signal(); return }
            merging = true
            while !failed, var piece = ready.removeValue(forKey: mergedCount) {
                let start = mergedCount
                lock.signal()
                var end = start + 1
                while piece.endedInsideQuotes && end < count {
                    end += 1
                    piece = read(start, end, nil)
                }
                let ok = merge(piece)
                lock.wait()
                if ok {
                    mergedCount = end
                    for skipped in start + 1..<end { ready[skipped] = nil }
                    refreshMergedTexts()
                } else {
                    failed = true
                    ready = [:]
                }
            }
            merging = false
            lock.signal()
        }

        /// Takes the merged pass's texts for the pieces that start from now on, when they have
        /// grown by an eighth since last taken (the merged pool copies itself on its next new
        /// text after each take, so not after every piece). Called with the lock held, by the
        /// one merger.
        private func refreshMergedTexts() {
            guard let texts = merged?.store.texts else { return }
            let taken = mergedTexts?.count ?? 0
            if texts.count > taken + taken / 8 { mergedTexts = texts }
        }

        /// Appends a piece to the merged pass (only one thread at a time gets here).
        private func merge(_ piece: LedgerPass) -> Bool {
            guard var whole = merged else {
                merged = piece
                return true
            }
            merged = nil
            // A piece with an error reads the file again in one pass (an error's message may name
            // other lines); a warning located on one of its lines (a skipped empty row) is kept.
            guard piece.diagnostics.items.allSatisfy({ $0.severity == .warning && $0.line != nil }),
                  whole.absorb(piece, lineOffset: whole.endLine - 1) else { return false }
            merged = whole
            return true
        }

        /// The merged pass of every piece, or nil when the load must be done in one pass.
        func result() -> LedgerPass? {
            lock.wait()
            defer { lock.signal() }
            return failed || mergedCount != count ? nil : merged
        }
    }
}
