import Testing
@testable import ChannelCompCLI

/// `Grouped` keeps each group's items in the order given, and nothing else.
@Suite struct GroupedTests {
    /// (2, 10), (0, 11), (2, 12), (2, 13), (0, 14) over keys 0…3 → 0: [11, 14], 1: [], 2: [10, 12, 13], 3: [].
    @Test func groupsInOrder() {
        let g = Grouped(keys: 4, items: [(2, 10), (0, 11), (2, 12), (2, 13), (0, 14)])
        #expect(Array(g[0]) == [11, 14])
        #expect(Array(g[1]).isEmpty)
        #expect(Array(g[2]) == [10, 12, 13])
        #expect(Array(g[3]).isEmpty)
        #expect(Array(g[4]).isEmpty && Array(g[-1]).isEmpty)
    }

    /// Random pairs: each group equals the dictionary-of-arrays grouping it replaced.
    @Test func matchesDictionaryGrouping() {
        var rng = SystemRandomNumberGenerator()
        let pairs = (0..<5000).map { i in (key: Int.random(in: 0..<37, using: &rng), item: i) }
        let g = Grouped(keys: 37, items: pairs)
        var expected: [Int: [Int]] = [:]
        for p in pairs { expected[p.key, default: []].append(p.item) }
        for k in 0..<37 { #expect(Array(g[k]) == (expected[k] ?? []), "key \(k)") }
    }
}
