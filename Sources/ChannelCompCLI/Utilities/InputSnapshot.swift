/// What a run read of its input files: each file's identity (size, times, inode) and whether
/// its last row ended with a line end; `close` checks both before it writes the journal.
///
/// Example: `deals.csv` read at 10 240 bytes ending in `…,100\n` records identity (size 10240,
/// mtime t) and `unterminated` stays empty. A writer that appends `D9,…,10` while `close` runs
/// changes the size; `changedFiles()` then names `deals.csv` and `close` writes nothing. Had the
/// read caught the half row `…,10` (no line end yet), `unterminated` names `deals.csv`.
struct InputSnapshot {
    /// Files read, in reading order, with the identity each had when read.
    private(set) var files: [(path: String, identity: FileIdentity?)] = []
    /// Non-empty files whose last byte is not a line end (a last row still being written?).
    private(set) var unterminated: [String] = []
    /// deals.csv's identity when opened (its bytes are streamed, so it is recorded at the end).
    var dealsIdentity: FileIdentity? = nil
    /// journal.csv's bytes as read: `close` appends to exactly these, the ones it checked.
    var journalBytes: [UInt8]? = nil

    mutating func record(_ path: String, identity: FileIdentity?, lastByte: UInt8?) {
        files.append((path, identity))
        if let lastByte, lastByte != 10 { unterminated.append(path) }
    }

    /// The files that are no longer what was read (changed, replaced or removed since).
    func changedFiles() -> [String] {
        files.filter { file in
            guard let before = file.identity else { return true }
            return FileIdentity.of(file.path) != before
        }.map(\.path)
    }
}
