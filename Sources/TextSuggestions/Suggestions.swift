/// "Did you mean …?" suggestions by edit distance.
///
/// `Suggestions.closest(to: "peroid", among: ["plan", "data", "period"])` is
/// `"period"`: swapping `o` and `i` is one edit, within the allowance of
/// `max(1, 6 / 3) = 2` edits for a six-letter name.
public enum Suggestions {
    /// The candidate nearest to `typed` (ignoring case), if it is close
    /// enough; otherwise the only candidate that starts with `typed` (at least
    /// two characters typed); otherwise `nil`.
    ///
    /// A candidate of n characters is close enough within `max(1, n / 3)`
    /// edits: `payuot` → `payout` (1 of 2 allowed), `xml` → none of
    /// `text`, `csv`, `json`; `gen` → `generate` (unique prefix).
    public static func closest(to typed: String, among candidates: [String]) -> String? {
        let lowered = typed.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let allowance = max(1, candidate.count / 3)
            guard abs(lowered.count - candidate.count) <= allowance else { continue }
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= allowance, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.candidate }
        guard lowered.count >= 2 else { return nil }
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(lowered) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// Optimal-string-alignment distance: insertions, deletions,
    /// substitutions and swaps of neighbours each count 1.
    ///
    /// `editDistance("peroid", "period") == 1` (one swap);
    /// `editDistance("plan", "data") == 4`.
    public static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            previousPrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}

/// Edit distance for did-you-mean hints: ``Suggestions/editDistance(_:_:)``.
///
///     editDistance("peroid", "period") == 1
public func editDistance(_ a: String, _ b: String) -> Int { Suggestions.editDistance(a, b) }
