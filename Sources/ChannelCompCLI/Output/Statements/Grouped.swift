/// Items grouped by a small integer key, all in one flat array (each group in the order the
/// items were given): 4 bytes an item, where a dictionary of growing arrays held 8 and up to
/// twice the room — a million-row statement run groups over a million credit lines.
///
///     let g = Grouped(keys: 3, items: [(2, 10), (0, 11), (2, 12)])
///     Array(g[2])  // [10, 12]
///     Array(g[1])  // []
struct Grouped: Sendable {
    /// Group k is `items[starts[k] ..< starts[k + 1]]`.
    private let starts: [Int32]
    private let items: [Int32]

    /// Groups `(key, item)` pairs with keys in `0..<keys`, made by `each` (called twice: once
    /// to count, once to place).
    init(keys: Int, each: ((_ key: Int, _ item: Int) -> Void) -> Void) {
        var counts = [Int32](repeating: 0, count: keys + 1)
        each { key, _ in counts[key + 1] += 1 }
        for k in 0..<keys { counts[k + 1] += counts[k] }
        starts = counts
        var next = counts
        var placed = [Int32](repeating: 0, count: Int(counts[keys]))
        each { key, item in
            placed[Int(next[key])] = Int32(item)
            next[key] += 1
        }
        items = placed
    }

    /// The pairs given.
    init(keys: Int, items pairs: [(key: Int, item: Int)]) {
        self.init(keys: keys) { put in for p in pairs { put(p.key, p.item) } }
    }

    /// The items of group `key`, in order (empty for a key outside the range).
    subscript(key: Int) -> LazyMapSequence<ArraySlice<Int32>, Int> {
        guard key >= 0, key + 1 < starts.count else { return items[0..<0].lazy.map { Int($0) } }
        return items[Int(starts[key])..<Int(starts[key + 1])].lazy.map { Int($0) }
    }
}
