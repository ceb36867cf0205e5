import Testing
@testable import ChannelComp

/// The fast path's cache of short texts never answers with another text's value: a hit means
/// the very bytes that were set; anything else (never set, replaced by a text in the same slot,
/// empty, longer than 16 bytes) is a miss, and the caller looks the text up the slow way.
@Suite("Short text cache: exact or nothing")
struct ShortTextCacheTests {
    /// Texts of every length 1–16 that differ from a base in one byte at one position: each is
    /// its own key (first and last word and the length tell every byte apart).
    @Test("texts differing in any one byte, of every length up to 16, are different keys")
    func oneByteApart() {
        for length in 1...16 {
            let base = Array("ABCDEFGHIJKLMNOP".utf8.prefix(length))
            var keys: [String: [UInt8]] = [:]
            for position in 0..<length {
                for value: UInt8 in [0x00, 0x20, 0x41, 0x7A, 0xC3, 0xFF] {
                    var bytes = base
                    bytes[position] = value
                    let key = bytes.withUnsafeBufferPointer { ShortTextCache.key($0) }!
                    let name = "\(key.first)-\(key.last)-\(key.length)"
                    if let other = keys[name] { #expect(other == bytes, "\(other) and \(bytes) share a key") }
                    keys[name] = bytes
                }
            }
            // A shorter text padded with zero bytes is still another key (the length differs).
            let padded = (base + [0]).withUnsafeBufferPointer { ShortTextCache.key($0) }
            let plain = base.withUnsafeBufferPointer { ShortTextCache.key($0) }!
            if let padded { #expect(padded.length != plain.length) }
        }
        #expect([UInt8]().withUnsafeBufferPointer { ShortTextCache.key($0) } == nil)
        #expect(Array("ABCDEFGHIJKLMNOPQ".utf8).withUnsafeBufferPointer { ShortTextCache.key($0) } == nil)
    }

    /// 5,000 territory-like ids in a 64-slot cache (so nearly all collide): every hit is the
    /// value set for those bytes, and the last text set in a slot is found.
    @Test("a crowded cache: every hit is exact, the last text set is found")
    func crowded() {
        var cache = ShortTextCache(slots: 64)
        let ids = (0..<5_000).map { "T\(String(format: "%05d", $0))" } + ["X", "SEAT", "WIDGET", "0123456789ABCDEF"]
        for (k, id) in ids.enumerated() {
            cache.set(id, value: UInt32(k))
            #expect(cache.value(for: id) == UInt32(k), "\(id) just set")
        }
        var hits = 0
        for (k, id) in ids.enumerated() {
            if let v = cache.value(for: id) {
                #expect(v == UInt32(k), "\(id) answered \(v)")
                hits += 1
            }
        }
        #expect(hits > 0 && hits <= 64)
        #expect(cache.value(for: "T99999") == nil)
        #expect(cache.value(for: "") == nil)
        cache.set("0123456789ABCDEFG", value: 7)
        #expect(cache.value(for: "0123456789ABCDEFG") == nil)
    }
}
