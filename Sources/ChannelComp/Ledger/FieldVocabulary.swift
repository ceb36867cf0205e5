/// A CSV field whose accepted values are exactly the raw names of an enumeration's cases,
/// matched byte for byte (lowercase, no trimming): deals.csv's `event`, `purchase`, `channel`,
/// `registration`, `sourced_by`, journal.csv's `payee_type`.
///
/// The one home of each vocabulary: the full loader (`CSVRow.choice`, which also writes the
/// message listing ``allNames``) and the loader's fast path (`FastBookingParser`) both match
/// through ``spellings``, made from `allCases`. What an empty field means stays each caller's.
///
///     Registration(bytes: "pending") → .pending;  "Pending" → nil;  "" → nil
protocol FieldVocabulary: RawRepresentable<String>, CaseIterable, Sendable where AllCases == [Self] {
    /// The cases' spellings, made once from `allCases`.
    static var spellings: FieldSpellings<Self> { get }
}

extension FieldVocabulary {
    /// The case spelled exactly by the bytes, or nil.
    @inline(__always)
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard let value = Self.spellings.match(bytes) else { return nil }
        self = value
    }

    /// The accepted values in case order, for messages: `approved, pending, rejected, none`.
    static var allNames: [String] { allCases.map(\.rawValue) }
}

extension DealEvent: FieldVocabulary { static let spellings = FieldSpellings<DealEvent>() }
extension PurchaseKind: FieldVocabulary { static let spellings = FieldSpellings<PurchaseKind>() }
extension Channel: FieldVocabulary { static let spellings = FieldSpellings<Channel>() }
extension Registration: FieldVocabulary { static let spellings = FieldSpellings<Registration>() }
extension LeadSource: FieldVocabulary { static let spellings = FieldSpellings<LeadSource>() }
extension PayeeType: FieldVocabulary { static let spellings = FieldSpellings<PayeeType>() }

/// The raw names of an enumeration's cases packed for matching raw bytes without a `String`:
/// each name (at most 15 bytes) with its length in two words, compared as two integers. Held
/// inline (up to four values, no array), so that reading it costs no reference counting.
///
///     FieldSpellings<Channel>().match("partner") → .partner (one key packed, two compared)
struct FieldSpellings<Value: RawRepresentable<String> & CaseIterable & Sendable>: Sendable where Value.AllCases == [Value] {
    /// A spelling packed: bytes 0–7 in `low`, bytes 8–14 and the length (top byte) in `high`.
    struct Key: Equatable, Sendable {
        var low: UInt64
        var high: UInt64
        /// Matches no bytes (its length byte is above 15).
        static var unused: Key { Key(low: 0, high: .max) }
    }
    /// Most values a vocabulary may have.
    static var capacity: Int { 4 }
    private var keys = (Key.unused, Key.unused, Key.unused, Key.unused)
    private var values: (Value?, Value?, Value?, Value?) = (nil, nil, nil, nil)

    init() {
        let all = Value.allCases
        precondition(all.count <= FieldSpellings.capacity, "a field vocabulary has at most \(FieldSpellings.capacity) values")
        for (i, value) in all.enumerated() {
            var name = value.rawValue
            guard let key = name.withUTF8({ FieldSpellings.key($0) }) else {
                preconditionFailure("field value \(name) is longer than 15 bytes")
            }
            switch i {
            case 0: (keys.0, values.0) = (key, value)
            case 1: (keys.1, values.1) = (key, value)
            case 2: (keys.2, values.2) = (key, value)
            default: (keys.3, values.3) = (key, value)
            }
        }
    }

    /// The value spelled exactly by the bytes, or nil.
    @inline(__always)
    func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        guard let key = FieldSpellings.key(bytes) else { return nil }
        if key == keys.0 { return values.0 }
        if key == keys.1 { return values.1 }
        if key == keys.2 { return values.2 }
        if key == keys.3 { return values.3 }
        return nil
    }

    /// The key of one value (what ``match(_:)`` compares a field with).
    func key(of value: Value) -> Key {
        var name = value.rawValue
        return name.withUTF8 { FieldSpellings.key($0) } ?? .unused
    }

    /// The bytes packed as a ``Key``; nil above 15 bytes (no value is that long). Reads whole
    /// words, never a byte outside the buffer: `subscription` → bytes 0–7, then bytes 4–11
    /// shifted down to 8–11.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        let n = bytes.count
        guard n < 16 else { return nil }
        var key = Key(low: 0, high: UInt64(n) << 56)
        guard n > 0, let base = bytes.baseAddress else { return key }
        let p = UnsafeRawPointer(base)
        if n < 4 {
            // First, middle and last byte: together every byte of one to three.
            key.low = UInt64(base[0]) | UInt64(base[n / 2]) << (8 * UInt64(n / 2)) | UInt64(base[n - 1]) << (8 * UInt64(n - 1))
        } else if n < 8 {
            // Two overlapping 4-byte words; the overlap holds the same bytes twice.
            key.low = UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
                | UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))) << (8 * UInt64(n - 4))
        } else {
            key.low = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
            if n > 8 {
                key.high |= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) >> (8 * UInt64(16 - n))
            }
        }
        return key
    }
}
