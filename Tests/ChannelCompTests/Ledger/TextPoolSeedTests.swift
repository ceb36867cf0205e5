import Testing
@testable import ChannelComp

/// Issue 16.10: the pool's hash is keyed per pool, so ids crafted to collide cannot be.
///
/// The crafting is the attack itself: the mixing steps are invertible, so with a known key one
/// picks the hash (low 12 bits 0) and computes the id's second word backwards. With key 0 — the
/// old, unkeyed hash — all 3,000 crafted ids share their low 12 bits (one probe chain); under a
/// pool's own random key they spread like random ids.
@Suite("TextPool: keyed hash (issue 16.10)")
struct TextPoolSeedTests {
    static let k1: UInt64 = 0xBF58_476D_1CE4_E5B9, k2: UInt64 = 0x94D0_49BB_1331_11EB

    /// The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration).
    static func inverse(_ a: UInt64) -> UInt64 {
        var x = a
        for _ in 0..<6 { x = x &* (2 &- a &* x) }
        return x
    }

    /// Undoes `h ^= h >> s`.
    static func unshift(_ y: UInt64, _ s: UInt64) -> UInt64 {
        var x = y
        for _ in 0..<(64 / Int(s) + 1) { x = y ^ (x >> s) }
        return x
    }

    /// 16-byte ids `X0000000` + 8 bytes whose key-0 hash has its low 12 bits 0 (the pool takes
    /// any bytes; /tmp-style fixtures of printable ones are made the same way, keeping 1 in ~3,500).
    static func craftedIDs(_ count: Int) -> [[UInt8]] {
        let first = Array("X0000000".utf8)
        var w1: UInt64 = 0
        for (i, b) in first.enumerated() { w1 |= UInt64(b) << (8 * UInt64(i)) }
        var s1 = (0x9E37_79B9_7F4A_7C15 ^ 16 ^ w1) &* k1
        s1 ^= s1 >> 31
        var ids: [[UInt8]] = []
        var state: UInt64 = 88_172_645_463_325_252
        while ids.count < count {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            var h = state << 12                 // the wanted hash: low 12 bits 0
            h ^= h >> 32
            h = h &* inverse(k2)
            h = unshift(h, 29)
            h = unshift(h, 31)
            let w2 = (h &* inverse(k1)) ^ s1
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: w2 >> (8 * UInt64($0))) }
            ids.append(first + bytes)
        }
        return ids
    }

    static func largestBucket(_ ids: [[UInt8]], seed: UInt64) -> Int {
        var buckets: [UInt32: Int] = [:]
        for id in ids { id.withUnsafeBufferPointer { buckets[TextPool.hash($0, seed: seed) & 0xFFF, default: 0] += 1 } }
        return buckets.values.max() ?? 0
    }

    @Test("ids crafted against the unkeyed hash all collide under it, and spread under a pool's key")
    func craftedIDsSpread() {
        let ids = Self.craftedIDs(3000)
        #expect(Self.largestBucket(ids, seed: 0) == 3000, "the crafting works against key 0 (the old hash)")
        let pool = TextPool()
        #expect(pool.seed != 0)
        // 3000 ids over 4096 buckets: a random spread has a largest bucket of about 5.
        #expect(Self.largestBucket(ids, seed: pool.seed) < 16)
    }

    @Test("two pools have different keys; ids keep insertion-order numbers whatever the key")
    func keysDifferButIdsDoNot() {
        var a = TextPool(), b = TextPool()
        #expect(a.seed != b.seed)
        for text in ["WEST", "EAST", "D1", "D2", "WEST"] {
            var t = text
            let x = t.withUTF8 { a.intern($0) }, y = t.withUTF8 { b.intern($0) }
            #expect(x == y, "\(text)")
        }
        #expect(a.count == 4 && b.count == 4)
    }
}
