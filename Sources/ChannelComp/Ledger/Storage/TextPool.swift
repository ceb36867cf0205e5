#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interned text: each distinct byte string is stored once and named by a small integer id.
///
/// The ledger has a million rows but a few thousand distinct territories, products and
/// accounts; the pool keeps one copy of each in a byte arena and finds it again through an
/// open-addressing table, without making a `String` or hashing with SipHash per field.
///
/// Deal ids mostly arrive in increasing order (D00000001, D00000002, …): while they do
/// (``internAscending(_:)``), they form a sorted run at the start of the pool, found again by
/// binary search and never put in the table — a million deals cost no table at all, and a
/// cancellation's lookup touches about 20 texts instead of indexing every deal first.
///
///     var pool = TextPool()
///     pool.intern("WEST")  // 0
///     pool.intern("EAST")  // 1
///     pool.intern("WEST")  // 0 again
///     pool.string(1)       // "EAST"
///     pool.id(of: "NORTH") // nil
struct TextPool: Sendable {
    /// All texts, back to back.
    private var arena: [UInt8] = []
    /// `ends[id]` is where text `id` ends in the arena (it starts where text `id − 1` ends).
    private var ends: [UInt32] = []
    /// Open-addressing slots: the text's 32-bit hash in the high half and `id + 1` in the low
    /// half (0 = empty), so a probe touches one slot and compares bytes only on a hash match.
    /// The count is a power of two, at least twice the number of texts outside the sorted run.
    private var slots: [UInt64] = [UInt64](repeating: 0, count: 64)

    /// Slots in the lookup table (for tests: a sorted run takes none).
    var tableSize: Int { slots.count }

    /// Texts `0..<sortedCount` are in strictly increasing byte order (added by
    /// ``internAscending(_:)`` before any other text): found by binary search, not in `slots`.
    private var sortedCount = 0
    /// Texts `sortedCount..<indexed` are in `slots`; later ones were added by
    /// ``internAscending(_:)`` after the sorted run ended and are put in when a lookup needs them.
    private var indexed = 0
    /// The id of the greatest text in byte order, −1 when empty.
    private var maxID = -1
    /// This pool's random hash key (issue 16.10): without it, ids can be crafted offline so
    /// that they all land in one probe chain (60,000 such deal ids loaded 38× slower).
    let seed: UInt64 = TextPool.freshSeed()

    /// Number of distinct texts.
    var count: Int { ends.count }

    /// An empty pool.
    init() {}

    /// A copy whose buffers are its own, not shared with this pool: for another thread, which
    /// then never counts references to the buffers this thread uses.
    func unshared() -> TextPool {
        var copy = self
        copy.arena = arena.withUnsafeBufferPointer { Array($0) }
        copy.ends = ends.withUnsafeBufferPointer { Array($0) }
        copy.slots = slots.withUnsafeBufferPointer { Array($0) }
        return copy
    }

    /// Reserves room for about `texts` texts of `bytes` bytes in all, so that a large pool does
    /// not copy itself while growing (reserved memory costs nothing until it is written).
    mutating func reserve(texts: Int, bytes: Int) {
        arena.reserveCapacity(bytes)
        ends.reserveCapacity(texts)
    }

    /// ``intern(_:)`` for texts that mostly arrive in increasing byte order, like the deal ids
    /// of a ledger (D00000001, D00000002, …).
    ///
    /// A text greater than every text so far cannot be in the pool, so it is added without a
    /// probe: to the sorted run while there is nothing else, else to the texts the table takes
    /// in, in one tight loop, when a lookup next needs them.
    @inline(__always)
    mutating func internAscending(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        if maxID < 0 || order(bytes, maxID) > 0 {
            guard arena.count + bytes.count <= TextPool.maxArena, ends.count < Int(UInt32.max - 1) else { return nil }
            let id = ends.count
            arena.append(contentsOf: bytes)
            ends.append(UInt32(arena.count))
            if sortedCount == id {
                sortedCount = id + 1
                indexed = sortedCount
            }
            maxID = id
            return UInt32(id)
        }
        return intern(bytes)
    }

    /// Appends every text of `other` in one copy when both pools are one sorted run and
    /// `other`'s first text sorts after this pool's last — pieces of a ledger read in order —
    /// and returns the id `other`'s text 0 now has (text k: that + k); nil, changing nothing,
    /// otherwise (the caller then interns the texts one by one).
    ///
    ///     [D1, D2] + [D3, D4] → 2: D3 is id 2, D4 id 3
    ///     [D1, D5] + [D3, D4] → nil
    mutating func appendSortedRun(of other: TextPool) -> UInt32? {
        guard sortedCount == ends.count, other.sortedCount == other.ends.count, !other.ends.isEmpty,
              arena.count + other.arena.count <= TextPool.maxArena,
              ends.count + other.ends.count < Int(UInt32.max - 1) else { return nil }
        if maxID >= 0 {
            let greater = other.withBytes(0) { order($0, maxID) > 0 }
            guard greater else { return nil }
        }
        let base = ends.count, shift = UInt32(arena.count)
        arena.append(contentsOf: other.arena)
        ends.append(contentsOf: other.ends.lazy.map { $0 + shift })
        sortedCount = ends.count
        indexed = sortedCount
        maxID = ends.count - 1
        return UInt32(base)
    }

    /// Empties the lookup table, keeping every text and id: a loaded ledger no longer looks deal
    /// ids up (16 bytes a deal: 16 MiB at a million deals). ``intern(_:)`` puts the texts back
    /// in the table first; ``id(of:)`` then compares the texts one by one.
    mutating func dropIndex() {
        slots = [UInt64](repeating: 0, count: 64)
        indexed = sortedCount
    }

    /// Puts texts added by ``internAscending(_:)`` in the table.
    private mutating func indexPending() {
        while (ends.count - sortedCount + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        arena.withUnsafeBufferPointer { a in
            for id in indexed..<ends.count {
                let start = id == 0 ? 0 : Int(ends[id - 1])
                let h = TextPool.hash(UnsafeBufferPointer(rebasing: a[start..<Int(ends[id])]), seed: seed)
                var i = Int(h) & mask
                while slots[i] != 0 { i = (i + 1) & mask }
                slots[i] = UInt64(h) << 32 | UInt64(id + 1)
            }
        }
        indexed = ends.count
    }

    /// Negative, zero or positive as `bytes` sorts before, equal to or after text `id` (UTF-8
    /// byte order; a prefix sorts first).
    @inline(__always)
    private func order(_ bytes: UnsafeBufferPointer<UInt8>, _ id: Int) -> Int {
        let start = id == 0 ? 0 : Int(ends[id - 1])
        let length = Int(ends[id]) - start
        let common = min(length, bytes.count)
        let c: Int32 = common == 0 ? 0 : arena.withUnsafeBufferPointer { a in
            memcmp(bytes.baseAddress!, a.baseAddress! + start, common)
        }
        return c != 0 ? Int(c) : bytes.count - length
    }

    /// The id of `bytes` in the sorted run, by binary search (the run's last text first: the
    /// next line of the deal just read).
    @inline(__always)
    private func sortedID(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard sortedCount > 0 else { return nil }
        let last = order(bytes, sortedCount - 1)
        if last >= 0 { return last == 0 ? UInt32(sortedCount - 1) : nil }
        var low = 0, high = sortedCount - 1
        while low < high {
            let mid = (low + high) / 2
            let c = order(bytes, mid)
            if c == 0 { return UInt32(mid) }
            if c < 0 { high = mid } else { low = mid + 1 }
        }
        return nil
    }

    /// The arena can address at most 4 GiB of distinct text.
    static let maxArena = Int(UInt32.max)

    /// The id of `bytes`, adding them when new; nil only when the arena would pass 4 GiB.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        if let id = sortedID(bytes) { return id }
        if indexed < ends.count { indexPending() }
        let h = TextPool.hash(bytes, seed: seed)
        let tag = UInt64(h) << 32
        let mask = slots.count - 1
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if s & 0xFFFF_FFFF_0000_0000 == tag, equals(Int(s & 0xFFFF_FFFF) - 1, bytes) { return UInt32(s & 0xFFFF_FFFF) - 1 }
            i = (i + 1) & mask
        }
        guard arena.count + bytes.count <= TextPool.maxArena, ends.count < Int(UInt32.max - 1) else { return nil }
        let id = ends.count
        arena.append(contentsOf: bytes)
        ends.append(UInt32(arena.count))
        slots[i] = tag | UInt64(id + 1)
        indexed = ends.count
        if maxID < 0 || order(bytes, maxID) > 0 { maxID = id }
        if (ends.count - sortedCount) * 2 > slots.count { grow() }
        return UInt32(id)
    }

    /// The id of `text`, adding it when new (nil past 4 GiB of text).
    mutating func intern(_ text: String) -> UInt32? {
        var t = text
        return t.withUTF8 { intern($0) }
    }

    /// The id of `bytes` when the pool holds them (after ``dropIndex()``, texts outside the
    /// sorted run are found by comparing them one by one).
    @inline(__always)
    func id(of bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        if let id = sortedID(bytes) { return id }
        let h = TextPool.hash(bytes, seed: seed)
        let tag = UInt64(h) << 32
        let mask = slots.count - 1
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 {
                // Not in the table; it may be among texts not yet put in it.
                for id in indexed..<ends.count where equals(id, bytes) { return UInt32(id) }
                return nil
            }
            if s & 0xFFFF_FFFF_0000_0000 == tag, equals(Int(s & 0xFFFF_FFFF) - 1, bytes) { return UInt32(s & 0xFFFF_FFFF) - 1 }
            i = (i + 1) & mask
        }
    }

    /// The id of `text` when the pool holds it.
    func id(of text: String) -> UInt32? {
        var t = text
        return t.withUTF8 { id(of: $0) }
    }

    /// The text of `id` as a `String`.
    func string(_ id: UInt32) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of text `id` (valid only inside `body`).
    @inline(__always)
    func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let i = Int(id)
        let start = i == 0 ? 0 : Int(ends[i - 1])
        let end = Int(ends[i])
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Whether text `id` has no bytes.
    func isEmpty(_ id: UInt32) -> Bool {
        let i = Int(id)
        return (i == 0 ? 0 : ends[i - 1]) == ends[i]
    }

    @inline(__always)
    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = id == 0 ? 0 : Int(ends[id - 1])
        let end = Int(ends[id])
        let n = bytes.count
        guard end - start == n else { return false }
        if n == 0 { return true }
        return arena.withUnsafeBufferPointer { a in
            let x = UnsafeRawPointer(a.baseAddress! + start), y = UnsafeRawPointer(bytes.baseAddress!)
            if n <= 16 {
                // Ids are short: compare two (possibly overlapping) words from each end.
                if n >= 8 {
                    return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
                        && x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                }
                return TextPool.packed(x, n) == TextPool.packed(y, n)
            }
            return memcmp(x, y, n) == 0
        }
    }

    /// The last `n % 8` bytes of the `n` at `raw` (`n % 8` ≠ 0) as a little-endian number — what
    /// the hash mixes in after the whole words: the top bytes of the last word, or the whole
    /// text when it is shorter than a word. Example: `"ABCDEFGHIJ"` → 0x4A_49 (`"IJ"`).
    @inline(__always)
    static func tail(_ raw: UnsafeRawPointer, _ n: Int) -> UInt64 {
        n >= 8 ? raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> (8 * UInt64(8 - n % 8)) : packed(raw, n)
    }

    /// The `n` bytes at `p` (1 to 7) as a little-endian number, read in at most three loads:
    /// two overlapping 4-byte words for 4 to 7 bytes; the first, middle and last byte for 1 to
    /// 3 (together every byte). Example: `"abc"` → 0x63_62_61.
    @inline(__always)
    static func packed(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        if n >= 4 {
            return UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << (8 * UInt64(n - 4))
        }
        let b = p.assumingMemoryBound(to: UInt8.self)
        return UInt64(b[0]) | UInt64(b[n / 2]) << (8 * UInt64(n / 2)) | UInt64(b[n - 1]) << (8 * UInt64(n - 1))
    }

    /// A random key from the system generator, one per pool.
    static func freshSeed() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for s in slots where s != 0 {
            var i = Int(s >> 32) & mask
            while bigger[i] != 0 { i = (i + 1) & mask }
            bigger[i] = s
        }
        slots = bigger
    }

    /// A 32-bit hash of the bytes under a key, eight at a time: each word is mixed in with a
    /// multiply, and the result finished with the key and a xorshift-multiply, so ids differing
    /// only in their last digit land far apart.
    ///
    /// The key is random per pool (``freshSeed()``): the mixing steps are invertible, so with a
    /// fixed key anyone could compute ids that collide; with an unknown one they cannot. Ids
    /// get the same numbers on every run whatever the key (numbers follow insertion order), so
    /// the output never depends on it. Example: `hash("D1", seed: k) != hash("D2", seed: k)`.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt32 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ seed ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return UInt32(truncatingIfNeeded: h >> 32) }
        let raw = UnsafeRawPointer(base)
        var k = 0
        let n = bytes.count
        while k + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            k += 8
        }
        if k < n { h = (h ^ tail(raw, n)) &* 0xBF58_476D_1CE4_E5B9 }
        h ^= (seed >> 23) | (seed << 41)
        h ^= h >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }
}

/// Texts kept in order without looking for repeats: for values that are stored but never
/// looked up (customer accounts), where a hash probe per row would cost more than the bytes.
///
///     var list = TextList()
///     list.append("A1")  // 0
///     list.append("A1")  // 1 (no dedupe)
///     list.string(1)     // "A1"
struct TextList: Sendable {
    private var arena: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    /// See ``TextPool/reserve(texts:bytes:)``.
    mutating func reserve(texts: Int, bytes: Int) {
        arena.reserveCapacity(bytes)
        ends.reserveCapacity(texts)
    }

    /// Adds the bytes; nil when the arena would pass 4 GiB.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard arena.count + bytes.count <= TextPool.maxArena, ends.count < Int(UInt32.max - 1) else { return nil }
        arena.append(contentsOf: bytes)
        ends.append(UInt32(arena.count))
        return UInt32(ends.count - 1)
    }

    mutating func append(_ text: String) -> UInt32? {
        var t = text
        return t.withUTF8 { append($0) }
    }

    /// Appends all of `other`'s texts in order; false when the arena would pass 4 GiB.
    mutating func append(contentsOf other: TextList) -> Bool {
        guard arena.count + other.arena.count <= TextPool.maxArena,
              ends.count + other.ends.count < Int(UInt32.max - 1) else { return false }
        let base = UInt32(arena.count)
        arena.append(contentsOf: other.arena)
        ends.append(contentsOf: other.ends.lazy.map { $0 + base })
        return true
    }

    func string(_ id: UInt32) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the number of texts and a function giving text `k`'s bytes, valid
    /// inside `body` only: for reading many texts with the list's buffers taken once.
    ///
    ///     list ["A-1", "B-22"] → body(2, text) with text(1) = the bytes of "B-22"
    func withEachText<R>(_ body: (_ count: Int, _ text: (Int) -> UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { arena in
            ends.withUnsafeBufferPointer { ends in
                body(ends.count) { k in
                    let start = k == 0 ? 0 : Int(ends[k - 1])
                    return UnsafeBufferPointer(rebasing: arena[start..<Int(ends[k])])
                }
            }
        }
    }

    /// Calls `body` with the bytes of text `id`.
    func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let i = Int(id)
        let start = i == 0 ? 0 : Int(ends[i - 1])
        let end = Int(ends[i])
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
