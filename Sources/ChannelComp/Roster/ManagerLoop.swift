/// A loop in the manager chain (SPEC 8.3): people who, on some day, manage each other round.
///
/// A loop can only start on a day some row takes effect (rows ending only remove links), so
/// ``find(in:)`` walks the chain from every person whose row starts on each such day, plus
/// once for the rows without `effective_from`:
///
///     mia → bob (from 2027-07-01), bob → mia (always)  → loop mia → bob → mia on 2027-07-01
struct ManagerLoop: Equatable {
    /// The people of the loop, in chain order, starting with the one whose row starts that day.
    var cycle: [PersonIndex]
    /// The first day it occurs (``CivilDate/packed``); a day before every dated row when it
    /// is there from the start.
    var day: UInt32
    /// The first day as a date; nil when it is there from the start (no effective_from).
    var startsAt: CivilDate?

    /// Every loop, each reported once, on the first day it occurs.
    static func find(in people: [Person]) -> [ManagerLoop] {
        // Day → people whose row starts that day; packed 0 stands for "before any date".
        var starts: [UInt32: [PersonIndex]] = [:]
        for (i, p) in people.enumerated() {
            for r in p.timeline.rows {
                starts[r.range.firstDay, default: []].append(PersonIndex(i))
            }
        }
        var found: [ManagerLoop] = []
        var seenCycles: Set<[PersonIndex]> = []
        var chain: [PersonIndex] = []
        // Per person: the last walk (day round) that went through them. A walk that meets a
        // person walked earlier the same day stops there (what lies above was walked already),
        // so each day costs at most one step per person, however long the chains.
        var walked = [Int](repeating: -1, count: people.count)
        var inChain = [Bool](repeating: false, count: people.count)
        for (round, day) in starts.keys.sorted().enumerated() {
            // Packed 1 is before every real date (year ≥ 1), so rows without effective_from
            // are in effect on it and rows with one are not.
            let probe = max(day, 1)
            for start in starts[day]! where walked[start.offset] != round {
                chain.removeAll(keepingCapacity: true)
                var current = start
                while true {
                    chain.append(current)
                    inChain[current.offset] = true
                    walked[current.offset] = round
                    guard let m = people[current].timeline.row(onPacked: probe)?.manager,
                          people[m].timeline.index(onPacked: probe) != nil else { break }
                    if inChain[m.offset] {
                        let cycle = Array(chain[chain.firstIndex(of: m)!...])
                        if seenCycles.insert(cycle.sorted()).inserted {
                            found.append(ManagerLoop(cycle: cycle, day: probe, startsAt: day == 0 ? nil : CivilDate(packed: day)))
                        }
                        break
                    }
                    if walked[m.offset] == round { break }
                    current = m
                }
                for p in chain { inChain[p.offset] = false }
            }
        }
        return found
    }
}
