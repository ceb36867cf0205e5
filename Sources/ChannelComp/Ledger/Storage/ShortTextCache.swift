/// A small direct-mapped cache from short byte strings (1 to 16 bytes) to 32-bit values, in
/// front of a slower lookup: the fast path's territory and product ids, and the roster's
/// partner and person indexes.
///
/// A text of at most 16 bytes is known exactly by its length and two words (its first eight
/// bytes and its last eight, which overlap for 9 to 15; or, up to 8, its bytes and zero), so a
/// hit compares three numbers and never the bytes. Each text has one slot: a second text
/// landing in the same slot replaces the first, which is then looked up the slow way again. A
/// miss costs one slot read before the slow lookup, however the texts collide, and a longer
/// text is never cached.
///
///     var cache = ShortTextCache(slots: 64)
///     cache.value(for: "T00562")        // nil: look it up, then
///     cache.set("T00562", value: 41)
///     cache.value(for: "T00562")        // 41
struct ShortTextCache: Sendable {
    private struct Slot {
        var first: UInt64 = 0
        var last: UInt64 = 0
        /// The text's length, 0 for an empty slot.
        var length: UInt32 = 0
        var value: UInt32 = 0
    }
    private var slots: [Slot]
    private let shift: UInt64

    /// A cache of `slots` slots, rounded up to a power of two (at least 16).
    init(slots: Int) {
        var n = 16
        while n < slots { n <<= 1 }
        self.slots = [Slot](repeating: Slot(), count: n)
        shift = UInt64(64 - n.trailingZeroBitCount)
    }

    /// The key of `bytes` (nil when empty or longer than 16 bytes): its two words and length.
    ///
    /// Example: `"SEAT"` → (0x5441_4553, 0, 4).
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> (first: UInt64, last: UInt64, length: UInt32)? {
        let n = bytes.count
        guard n > 0, n <= 16, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        if n >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), UInt32(n))
        }
        return (TextPool.packed(raw, n), 0, UInt32(n))
    }

    @inline(__always)
    private func slot(_ first: UInt64, _ last: UInt64, _ length: UInt32) -> Int {
        let h = (first &* 0x9E37_79B9_7F4A_7C15) ^ (last &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        return Int(truncatingIfNeeded: (h &* 0xBF58_476D_1CE4_E5B9) >> shift)
    }

    /// The value cached for `bytes`, or nil.
    @inline(__always)
    func value(for bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard let (first, last, length) = ShortTextCache.key(bytes) else { return nil }
        return slots.withUnsafeBufferPointer { all in
            let s = all[slot(first, last, length)]
            return s.length == length && s.first == first && s.last == last ? s.value : nil
        }
    }

    /// Caches `value` for `bytes` (nothing for a text the cache does not hold).
    @inline(__always)
    mutating func set(_ bytes: UnsafeBufferPointer<UInt8>, value: UInt32) {
        guard let (first, last, length) = ShortTextCache.key(bytes) else { return }
        let k = slot(first, last, length)
        slots[k] = Slot(first: first, last: last, length: length, value: value)
    }

    /// ``value(for:)`` of a `String`'s bytes.
    func value(for text: String) -> UInt32? {
        var t = text
        return t.withUTF8 { value(for: $0) }
    }

    /// ``set(_:value:)`` of a `String`'s bytes.
    mutating func set(_ text: String, value: UInt32) {
        var t = text
        t.withUTF8 { set($0, value: value) }
    }
}
