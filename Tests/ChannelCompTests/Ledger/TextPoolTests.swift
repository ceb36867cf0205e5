import Testing
import _TestSupport
@testable import ChannelComp

/// The interning table under the compact ledger: every text gets one id, found again by its
/// bytes, whatever order texts arrive in and however the table grows.
@Suite("TextPool: interned texts")
struct TextPoolTests {
    @Test("same bytes, same id; different bytes, different ids")
    func internsOnce() {
        var pool = TextPool()
        let west = intern(&pool, "WEST")
        let east = intern(&pool, "EAST")
        #expect(west == 0 && east == 1)
        #expect(intern(&pool, "WEST") == 0)
        #expect(pool.string(1) == "EAST")
        #expect(pool.count == 2)
        #expect(id(pool, "NORTH") == nil)
        // Empty text, a 16-byte and a 17-byte text (word compare and memcmp), a prefix.
        let empty = intern(&pool, "")
        #expect(pool.isEmpty(empty) && intern(&pool, "") == empty)
        let a16 = intern(&pool, "ABCDEFGHIJKLMNOP"), a17 = intern(&pool, "ABCDEFGHIJKLMNOPQ")
        #expect(a16 != a17 && intern(&pool, "ABCDEFGHIJKLMNOP") == a16 && intern(&pool, "ABCDEFGHIJKLMNOPQ") == a17)
        #expect(intern(&pool, "WES") != west)
        #expect(intern(&pool, "é") != intern(&pool, "e\u{301}"))  // bytes, not Unicode equivalence
    }

    /// 20000 ids, in order, reversed and shuffled, mixing ascending appends (no probe) with
    /// ordinary interning and lookups: every id is found again, and nothing is added twice.
    @Test("ascending appends, lookups and growth agree with a dictionary", arguments: ["ascending", "descending", "mixed"])
    func agreesWithDictionary(order: String) {
        var texts = (0..<20000).map { "D" + String(1_000_000 + $0) }
        if order == "descending" { texts.reverse() }
        if order == "mixed" {
            var rng = SplitMix(seed: 7)
            for i in stride(from: texts.count - 1, to: 0, by: -1) { texts.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            // Every 50th text again, to hit existing ids through both paths.
            texts += texts.enumerated().filter { $0.offset % 50 == 0 }.map(\.element)
        }
        var pool = TextPool()
        var expected: [String: UInt32] = [:]
        for (k, t) in texts.enumerated() {
            var copy = t
            let got: UInt32? = copy.withUTF8 { k % 3 == 0 ? pool.intern($0) : pool.internAscending($0) }
            if let known = expected[t] { #expect(got == known, "\(t)") } else { expected[t] = got }
            if k % 97 == 0 {
                // A lookup in the middle sees texts not yet in the table too.
                #expect(id(pool, texts[k / 2]) == expected[texts[k / 2]])
            }
        }
        #expect(pool.count == expected.count)
        for (t, i) in expected { #expect(pool.string(i) == t); #expect(id(pool, t) == i) }
    }

    @Test("row keys: first booking of line 1 in the array, the rest in the map")
    func rowKeys() {
        var keys = RowKeys(capacity: 4)
        #expect(keys.insert(deal: 3, line: 1, cancellation: false, value: 0) == nil)
        #expect(keys.insert(deal: 3, line: 1, cancellation: false, value: -9) == 0)
        #expect(keys.insert(deal: 3, line: 1, cancellation: true, value: -12) == nil)
        #expect(keys.insert(deal: 3, line: 2, cancellation: false, value: 5) == nil)
        #expect(keys.value(deal: 3, line: 2, cancellation: false) == 5)
        #expect(keys.value(deal: 3, line: 1, cancellation: true) == -12)
        #expect(keys.value(deal: 0, line: 1, cancellation: false) == nil)
        #expect(keys.value(deal: 99, line: 1, cancellation: false) == nil)
        keys.update(deal: 3, line: 2, cancellation: false, value: 7)
        #expect(keys.value(deal: 3, line: 2, cancellation: false) == 7)
        #expect(keys.insert(deal: 4, line: 999_999_999, cancellation: true, value: -1) == nil)
        // Cancellations of 300 different deals are 300 different keys (a packing too narrow
        // for the deal id once made them collide).
        for d in UInt32(10)..<310 { #expect(keys.insert(deal: d, line: 1, cancellation: true, value: -Int32(d)) == nil) }
        for d in UInt32(10)..<310 { #expect(keys.value(deal: d, line: 1, cancellation: true) == -Int32(d)) }
        #expect(keys.value(deal: 4, line: 999_999_999, cancellation: false) == nil)
    }

    /// Dropping the lookup table keeps every id and text: D1…D500 (ids 0…499) are found again,
    /// interning D7 again gives 6, and a new text gets the next id, 500.
    @Test("a pool without its lookup table keeps its ids")
    func dropIndex() {
        var pool = TextPool()
        for i in 1...500 { _ = Array("D\(i)".utf8).withUnsafeBufferPointer { pool.internAscending($0)! } }
        _ = intern(&pool, "D1")  // indexes them all
        pool.dropIndex()
        #expect(pool.count == 500)
        for i in [1, 7, 250, 500] {
            #expect(id(pool, "D\(i)") == UInt32(i - 1))
            #expect(pool.string(UInt32(i - 1)) == "D\(i)")
        }
        #expect(id(pool, "D501") == nil)
        #expect(intern(&pool, "D7") == 6)
        #expect(intern(&pool, "X") == 500)
        #expect(id(pool, "D300") == 299)
    }

    /// 100,000 ids in increasing order are one sorted run: found again by binary search (every
    /// id, the first, the last, texts between and around them absent) with no table grown; a
    /// text out of order ends the run, and later ascending ids are found through the table.
    @Test("a sorted run of ascending ids is found without a table")
    func sortedRun() {
        var pool = TextPool()
        let ids = (0..<100_000).map { "D" + String(10_000_000 + 2 * $0) }  // even numbers only
        for (k, t) in ids.enumerated() {
            var copy = t
            #expect(copy.withUTF8 { pool.internAscending($0) } == UInt32(k))
        }
        #expect(pool.tableSize == 64)
        for k in stride(from: 0, to: ids.count, by: 997) + [ids.count - 1] {
            #expect(id(pool, ids[k]) == UInt32(k))
            #expect(intern(&pool, ids[k]) == UInt32(k))
            #expect(id(pool, "D" + String(10_000_000 + 2 * k + 1)) == nil)  // odd: between two ids
        }
        #expect(id(pool, "D0") == nil && id(pool, "E") == nil && id(pool, "") == nil && id(pool, "D1000000") == nil)
        #expect(pool.tableSize == 64)
        // Out of order: D10000001 (odd) gets the next id and the table; the run stays found.
        #expect(intern(&pool, "D10000001") == 100_000)
        var next = "D99999999"
        #expect(next.withUTF8 { pool.internAscending($0) } == 100_001)
        #expect(id(pool, "D99999999") == 100_001 && id(pool, "D10000001") == 100_000 && id(pool, ids[5]) == 5)
        #expect(intern(&pool, "D99999999") == 100_001 && pool.count == 100_002)
        pool.dropIndex()
        #expect(id(pool, ids[77_777]) == 77_777 && id(pool, "D99999999") == 100_001 && id(pool, "D10000001") == 100_000)
    }

    /// Two pieces' deal ids in order join in one copy: [D1, D2] + [D3, D4] gives D3 id 2 and D4
    /// id 3, still one sorted run; ids that interleave ([D1, D5] + [D3, D4]), or a pool whose run
    /// has ended, are refused and left unchanged.
    @Test("sorted runs in order are appended in one copy")
    func appendSortedRun() {
        func run(_ texts: [String]) -> TextPool {
            var pool = TextPool()
            for t in texts { var c = t; _ = c.withUTF8 { pool.internAscending($0) } }
            return pool
        }
        var whole = run(["D1", "D2"])
        #expect(whole.appendSortedRun(of: run(["D3", "D4"])) == 2)
        #expect(whole.count == 4 && whole.string(2) == "D3" && whole.string(3) == "D4")
        #expect(id(whole, "D4") == 3 && id(whole, "D1") == 0 && id(whole, "D25") == nil)
        #expect(whole.tableSize == 64)
        var empty = TextPool()
        #expect(empty.appendSortedRun(of: run(["A", "B"])) == 0 && id(empty, "B") == 1)
        var interleaved = run(["D1", "D5"])
        #expect(interleaved.appendSortedRun(of: run(["D3", "D4"])) == nil)
        #expect(interleaved.count == 2 && id(interleaved, "D5") == 1)
        #expect(interleaved.appendSortedRun(of: run(["D5", "D6"])) == nil)  // D5 is there already
        var ended = run(["D1", "D2"])
        _ = intern(&ended, "A")  // out of order: the run ends
        #expect(ended.appendSortedRun(of: run(["D3"])) == nil)
        #expect(whole.appendSortedRun(of: ended) == nil)  // the other pool's run has ended
    }

    /// The hash reads short texts and tails in whole words; what it mixes in after the whole
    /// words is the rest read byte by byte as a little-endian number (lengths 1 to 40 not a
    /// multiple of 8, every offset in a buffer, so that no read strays outside the text).
    @Test("hash: word reads give the byte-by-byte tail")
    func hashReadsWords() {
        var rng = SplitMix(seed: 11)
        for n in 1...40 where n % 8 != 0 {
            for offset in 0..<8 {
                let buffer = (0..<(n + offset)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                let text = Array(buffer[offset...])
                var expected: UInt64 = 0
                for (j, b) in text[(n - n % 8)...].enumerated() { expected |= UInt64(b) << (8 * UInt64(j)) }
                buffer.withUnsafeBufferPointer { all in
                    let raw = UnsafeRawPointer(all.baseAddress! + offset)
                    #expect(TextPool.tail(raw, n) == expected, "\(n) bytes at offset \(offset)")
                }
            }
        }
        // Equal-length texts differing in one byte are different texts (the packed compare).
        var pool = TextPool()
        for text in ["a", "b", "ab", "ba", "abc", "abd", "xbc", "abcd", "abce", "abcdefg", "abcdefh", "xbcdefg", "abcxefg"] {
            #expect(intern(&pool, text) == UInt32(pool.count - 1), "\(text) is new")
        }
        #expect(intern(&pool, "abcxefg") == 12 && intern(&pool, "abd") == 5)
    }

    private func intern(_ pool: inout TextPool, _ text: String) -> UInt32 { pool.intern(text)! }
    private func id(_ pool: TextPool, _ text: String) -> UInt32? { pool.id(of: text) }
}

private typealias SplitMix = SplitMix64
