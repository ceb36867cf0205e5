/// Bookings grouped by customer account, equal accounts in one group — equal the way two
/// `String`s are equal — without making a `String` per row.
///
/// Accounts are kept as bytes (``TextList``); a million rows made into `String`s and hashed
/// with SipHash was most of the channel-conflict section of `audit`. Here each account's bytes
/// are interned (one probe of a byte table), and only when some account is not ASCII are the
/// distinct accounts compared as `String`s, so that canonically equivalent spellings — `K` and
/// the Kelvin sign `K` (U+212A), `é` precomposed and `e` + U+0301 — still share one group.
///
///     // accounts "A-1", "B-2", "A-1", "K-9", "\u{212A}-9"
///     AccountGroups(ledger) { _ in true }.group  // [0, 1, 0, 2, 2]
struct AccountGroups {
    /// Group of each booking (``excluded`` for bookings left out).
    var group: [UInt32]
    /// Number of groups; groups are numbered 0..<count in order of first appearance.
    var count: Int

    static let excluded = UInt32.max

    /// Groups the bookings whose offset `include` accepts.
    init(_ ledger: Ledger, include: (Int) -> Bool) {
        let store = ledger.bookings.store
        var pool = TextPool()
        var group = [UInt32](repeating: AccountGroups.excluded, count: store.count)
        var asciiOnly = true
        // Every account's bytes read through the list's buffers, taken once.
        store.accounts.withEachText { count, text in
            for i in 0..<min(count, group.count) where include(i) {
                let bytes = text(i)
                if asciiOnly, bytes.contains(where: { $0 >= 0x80 }) { asciiOnly = false }
                // The pool holds at most the ledger's own account bytes (under 4 GiB, as the
                // ledger's list does), so interning cannot fail.
                group[i] = pool.intern(bytes)!
            }
        }
        var count = pool.count
        if !asciiOnly {
            // Distinct byte strings that are equal Strings share the first one's group.
            var first: [String: UInt32] = [:]
            var renumber = [UInt32](repeating: 0, count: pool.count)
            count = 0
            for id in 0..<UInt32(pool.count) {
                let text = pool.string(id)
                if let g = first[text] {
                    renumber[Int(id)] = g
                } else {
                    first[text] = UInt32(count)
                    renumber[Int(id)] = UInt32(count)
                    count += 1
                }
            }
            for i in group.indices where group[i] != AccountGroups.excluded { group[i] = renumber[Int(group[i])] }
        }
        self.group = group
        self.count = count
    }
}
