/// A loop in the manager chain (SPEC 8.3): people who, on some day, manage each other round.
///
/// A loop can only start on a day some row takes effect (rows ending only remove links), so
/// ``find(in:)`` walks the chain from every person whose row starts on each such day, plus
/// once for the rows without `effective_from`:
///
///     mia → bob (from 2027-07-01), bob → mia (always)  → loop mia → bob → mia on 2027-07-01
struct ManagerLoop: Equatable {
    /// The people of the loop, in chain order, starting with the one whose row starts that day.
    var cycle: [Int32]
    /// The first day it occurs (``CivilDate/packed``); a day before every dated row when it
    /// is there from the start.
    var day: UInt32
    /// The first day as a date; nil when it is there from the start (no effective_from).
    var startsAt: CivilDate?

    /// Every loop, each reported once, on the first day it occurs.
    static func find(in people: [Person]) -> [ManagerLoop] {
        // Day → people whose row starts that day; packed 0 stands for "before any date".
        var starts: [UInt32: [Int32]] = [:]
        for (i, p) in people.enumerated() {
            for r in p.timeline.rows {
                starts[r.range.firstDay, default: []].append(Int32(i))
            }
        }
        var found: [ManagerLoop] = []
        var seenCycles: Set<[Int32]> = []
        var chain: [Int32] = []
        for day in starts.keys.sorted() {
            // Packed 1 is before every real date (year ≥ 1), so rows without effective_from
            // are in effect on it and rows with one are not.
            let probe = max(day, 1)
            for start in starts[day]! {
                chain.removeAll(keepingCapacity: true)
                chain.append(start)
                var current = start
                while chain.count <= people.count,
                      let m = people[Int(current)].timeline.row(onPacked: probe)?.manager,
                      people[Int(m)].timeline.index(onPacked: probe) != nil {
                    if let at = chain.firstIndex(of: m) {
                        let cycle = Array(chain[at...])
                        if seenCycles.insert(cycle.sorted()).inserted {
                            found.append(ManagerLoop(cycle: cycle, day: probe, startsAt: day == 0 ? nil : CivilDate(packed: day)))
                        }
                        break
                    }
                    chain.append(m)
                    current = m
                }
            }
        }
        return found
    }
}
