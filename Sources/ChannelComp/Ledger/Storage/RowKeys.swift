/// Which ledger rows have been seen, by (deal_id, line, event), for uniqueness and for
/// resolving cancellations to their bookings (SPEC 6).
///
/// Nearly every deal has one line, booked once, so (deal, line 1, booking) lives in an array
/// indexed by the interned deal id; other lines and all cancellations go to a dictionary
/// keyed by one packed integer. Values are a booking's index (≥ 0) or, for a cancellation or
/// a rejected booking, −(its physical line) (both below 2^31: the store refuses more).
///
///     keys.insert(deal: 7, line: 1, cancellation: false, value: 41)  // nil: new
///     keys.insert(deal: 7, line: 1, cancellation: false, value: -99) // 41: already there, kept
struct RowKeys: Sendable {
    private var firstLine: [Int32] = []
    private var others: [UInt64: Int32] = [:]
    private static let none = Int32.min

    init(capacity: Int) {
        firstLine.reserveCapacity(capacity)
    }

    /// Records `value` for the key unless it is already present; returns the value already there.
    @inline(__always)
    mutating func insert(deal: UInt32, line: Int, cancellation: Bool, value: Int32) -> Int32? {
        if line == 1 && !cancellation {
            let d = Int(deal)
            if d == firstLine.count {
                // The next new deal, as nearly every row is.
                firstLine.append(value)
                return nil
            }
            if d > firstLine.count {
                firstLine.append(contentsOf: repeatElement(RowKeys.none, count: d - firstLine.count + 1))
            }
            let old = firstLine[d]
            if old != RowKeys.none { return old }
            firstLine[d] = value
            return nil
        }
        let k = RowKeys.pack(deal, line, cancellation)
        if let old = others[k] { return old }
        others[k] = value
        return nil
    }

    /// Replaces the value of a key known to be present.
    mutating func update(deal: UInt32, line: Int, cancellation: Bool, value: Int32) {
        if line == 1 && !cancellation { firstLine[Int(deal)] = value } else { others[RowKeys.pack(deal, line, cancellation)] = value }
    }

    /// The value of a key, if present.
    func value(deal: UInt32, line: Int, cancellation: Bool) -> Int32? {
        if line == 1 && !cancellation {
            let d = Int(deal)
            guard d < firstLine.count, firstLine[d] != RowKeys.none else { return nil }
            return firstLine[d]
        }
        return others[RowKeys.pack(deal, line, cancellation)]
    }

    /// deal (32 bits) · line (≤ 999999999 < 2^30) · event (1 bit).
    private static func pack(_ deal: UInt32, _ line: Int, _ cancellation: Bool) -> UInt64 {
        UInt64(deal) << 31 | UInt64(line) << 1 | (cancellation ? 1 : 0)
    }
}
