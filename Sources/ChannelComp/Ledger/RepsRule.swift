/// The `reps` column's rule (SPEC 2.2, 6), in one place for the full loader and the fast path:
/// `;`-separated entries `id` or `id:split` (spaces around each part trimmed), no empty entry,
/// known and distinct people, splits ≥ 0 with any number of decimals (30 kept), and within each
/// role either no splits (equal shares) or splits on everyone summing to exactly 100.
///
///     "alice:60;bob:40"  → [alice 60, bob 40]
///     "alice;;bob"       → problem .emptyEntry
///     "alice:60;bob"     → problem .mixedSplits (role direct_rep)
///     "alice:60;bob:30"  → problem .splitSum (role direct_rep, 90)
///
/// The full loader turns each ``Problem`` into its located message; the fast path takes a row
/// only when there is none (and otherwise leaves it to the full loader), so the two can never
/// disagree on what is valid.
enum RepsRule {
    enum Problem: Equatable {
        /// An empty entry (`a;;b`, a trailing `;`): reported once per row.
        case emptyEntry
        /// More than one `:` in an entry.
        case malformedEntry(String)
        case negativeSplit(id: String, split: String)
        case badSplit(id: String, split: String, reason: String)
        case unknownPerson(String)
        case listedTwice(String)
        /// Some people of the role have a split and some do not.
        case mixedSplits(role: Int)
        /// The role's splits do not sum to 100.
        case splitSum(role: Int, sum: ExactDecimal)
    }

    /// Parses `bytes` into `shares`, appending every problem to `problems` (entry problems
    /// first; the per-role checks run only when every entry is valid). `person` looks an id up.
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, person: (UnsafeBufferPointer<UInt8>) -> PersonIndex?,
                      role: (PersonIndex) -> Int, into shares: inout [RepShare], problems: inout [Problem]) {
        func trimmed(_ lo: Int, _ hi: Int) -> UnsafeBufferPointer<UInt8> {
            var a = lo, b = hi
            while a < b && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
            while b > a && (bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09) { b -= 1 }
            return UnsafeBufferPointer(rebasing: bytes[a..<b])
        }
        func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        let before = problems.count
        var reportedEmpty = false
        var start = 0
        let n = bytes.count
        while start <= n {
            var end = start
            while end < n && bytes[end] != 0x3B { end += 1 }
            defer { start = end + 1 }
            let entry = trimmed(start, end)
            if entry.isEmpty {
                if !reportedEmpty { problems.append(.emptyEntry) }
                reportedEmpty = true
                continue
            }
            // `id` or `id:split`.
            var colon = -1, colons = 0
            for k in start..<end where bytes[k] == 0x3A {
                colons += 1
                if colon < 0 { colon = k }
            }
            if colons > 1 {
                problems.append(.malformedEntry(text(entry)))
                continue
            }
            let idBytes = colon < 0 ? entry : trimmed(start, colon)
            var split: ExactDecimal? = nil
            if colon >= 0 {
                let splitBytes = trimmed(colon + 1, end)
                switch ExactDecimal.parse(splitBytes, maxFractionDigits: 30) {
                case .success(let value):
                    if value.isNegative {
                        problems.append(.negativeSplit(id: text(idBytes), split: text(splitBytes)))
                        continue
                    }
                    split = value
                case .failure(let error):
                    problems.append(.badSplit(id: text(idBytes), split: text(splitBytes), reason: error.reason))
                    continue
                }
            }
            guard let p = person(idBytes) else {
                problems.append(.unknownPerson(text(idBytes)))
                continue
            }
            if shares.contains(where: { $0.person == p }) {
                problems.append(.listedTwice(text(idBytes)))
                continue
            }
            shares.append(RepShare(person: p, split: split))
        }
        guard problems.count == before else { return }
        // Per role, in the order roles first appear: all or none split; splits sum to 100.
        for (i, s) in shares.enumerated() {
            let r = role(s.person)
            if shares[..<i].contains(where: { role($0.person) == r }) { continue }
            var inRole = 0, withSplit = 0
            var sum = ExactDecimal.zero
            for t in shares where role(t.person) == r {
                inRole += 1
                if let v = t.split {
                    withSplit += 1
                    sum = (try? sum.adding(v)) ?? sum
                }
            }
            if withSplit != 0 && withSplit != inRole {
                problems.append(.mixedSplits(role: r))
            } else if withSplit == inRole && sum != .hundred {
                problems.append(.splitSum(role: r, sum: sum))
            }
        }
    }
}
