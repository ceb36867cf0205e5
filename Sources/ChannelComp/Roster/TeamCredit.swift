extension Roster {
    /// The people of `role` credited by `team` credit on a booking line (SPEC 8.3): everyone of
    /// that role who, on the booking date, is in the manager chain above at least one person
    /// credited on the line by another method — each once, in chain order of the first person
    /// they are above.
    ///
    /// mia manages alice and bob, who split a 10000.00 deal 60/40; dan manages mia:
    ///
    ///     teamCredited(role: sales_manager, above: [alice, bob], …) → [mia]   (once, not twice)
    ///     teamCredited(role: director,      above: [alice, bob], …) → [dan]
    ///
    /// `into` is cleared and filled (the caller reuses it across lines, so a line allocates
    /// nothing once it has grown).
    public func teamCredited(role: Int, above credited: some Sequence<PersonIndex>, onPacked day: UInt32, into found: inout [PersonIndex]) {
        found.removeAll(keepingCapacity: true)
        for person in credited {
            for m in managerChain(above: person, onPacked: day) where people[m].role == role && !found.contains(m) {
                found.append(m)
            }
        }
    }
}
