/// Interned text: each distinct byte string is stored once and named by a small integer id.
///
/// The ledger has a million rows but a few thousand distinct territories, products and
/// accounts; the pool keeps one copy of each in a byte arena and finds it again through an
/// open-addressing table, without making a `String` or hashing with SipHash per field.
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
    /// Hash of each text, to skip byte comparisons on probe collisions and to grow the table.
    private var hashes: [UInt32] = []
    /// Open-addressing slots holding `id + 1` (0 = empty); the count is a power of two.
    private var slots: [UInt32] = [UInt32](repeating: 0, count: 64)

    /// Number of distinct texts.
    var count: Int { ends.count }

    /// The arena can address at most 4 GiB of distinct text.
    static let maxArena = Int(UInt32.max)

    /// The id of `bytes`, adding them when new; nil only when the arena would pass 4 GiB.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let h = TextPool.hash(bytes)
        let mask = slots.count - 1
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            let id = Int(s - 1)
            if hashes[id] == h && equals(id, bytes) { return UInt32(id) }
            i = (i + 1) & mask
        }
        guard arena.count + bytes.count <= TextPool.maxArena, ends.count < Int(UInt32.max - 1) else { return nil }
        let id = ends.count
        arena.append(contentsOf: bytes)
        ends.append(UInt32(arena.count))
        hashes.append(h)
        slots[i] = UInt32(id + 1)
        if ends.count * 2 > slots.count { grow() }
        return UInt32(id)
    }

    /// The id of `text`, adding it when new (nil past 4 GiB of text).
    mutating func intern(_ text: String) -> UInt32? {
        var t = text
        return t.withUTF8 { intern($0) }
    }

    /// The id of `bytes` when the pool holds them.
    @inline(__always)
    func id(of bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let h = TextPool.hash(bytes)
        let mask = slots.count - 1
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            let id = Int(s - 1)
            if hashes[id] == h && equals(id, bytes) { return UInt32(id) }
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
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            for k in 0..<bytes.count where a[start + k] != bytes[k] { return false }
            return true
        }
    }

    private mutating func grow() {
        var bigger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for id in 0..<ends.count {
            var i = Int(hashes[id]) & mask
            while bigger[i] != 0 { i = (i + 1) & mask }
            bigger[i] = UInt32(id + 1)
        }
        slots = bigger
    }

    /// FNV-1a over the bytes, finished with a multiply-xorshift so that ids differing only in
    /// their last digit land far apart.
    ///
    /// Example: `hash("D1") != hash("D2")`, and both are stable across runs (no random seed:
    /// the pool's contents, not its hash values, are what the program's output depends on).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }
}
