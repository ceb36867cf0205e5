#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// How `close` writes the journal without losing, tearing or misdirecting it.
///
/// Before the atomic replace (``FileSystem/replaceAtomically(_:with:crashPoint:)``), under the
/// data folder's lock:
/// 1. an input CSV whose last row has no line end is refused (a writer may be half-way through
///    `…,100`, having written `…,10`), unless `--accept-unterminated` says the row is complete;
/// 2. every input file must still be what was read (size, times, inode): a file changed while
///    `close` computed is refused, nothing written;
/// 3. a symlinked journal is followed to its final target, whose folder is locked too when it
///    is not the data folder (two data folders sharing one journal);
/// 4. leftovers of an interrupted close beside the journal are removed (and said so).
///
/// Example: `deals.csv` ends `D9,2027-02-03,…,10` with no `\n` → `close` exits 65 naming
/// `deals.csv` and the journal's bytes are unchanged.
enum JournalFileSafety {
    static func write(_ bytes: [UInt8], inputs: Inputs, acceptUnterminated: Bool, crashPoint: String?,
                      console: Console) throws(CommandFailure) {
        let unterminated = inputs.snapshot.unterminated.filter { $0.hasSuffix(".csv") && !$0.hasSuffix("journal.csv") }
        if !unterminated.isEmpty && !acceptUnterminated {
            throw CommandFailure(.invalidData, unterminated.map {
                "\($0): error: the last row has no line end: a program may still be writing it (a torn row like '…,10' of '…,100' would be journalled); nothing was written"
            }.joined(separator: "\n") + "\nhint: if the file is complete, add a line end after its last row, or run close again with --accept-unterminated")
        }
        let target = FileSystem.resolvingSymlink(inputs.journalFile)
        let targetDirectory = (target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent
        var extraLock: Int32 = -1
        if OutputFolder.realPath(targetDirectory) != OutputFolder.realPath(inputs.dataDirectory) {
            extraLock = try FileSystem.lockDirectory(targetDirectory)
        }
        defer { FileSystem.unlock(extraLock) }
        let changed = inputs.snapshot.changedFiles()
        if !changed.isEmpty {
            throw CommandFailure(.invalidData, changed.map {
                "\($0): error: the file changed while close was reading and computing it; nothing was written"
            }.joined(separator: "\n") + "\nhint: wait until whatever writes the data folder has finished, then run close again")
        }
        for leftover in FileSystem.leftovers(in: targetDirectory, of: (target as NSString).lastPathComponent) {
            unlink(leftover.path)
            console.error("\(leftover.path): note: removed the leftover of an interrupted close (\(leftover.size) bytes)")
        }
        try FileSystem.replaceAtomically(target, with: bytes, crashPoint: crashPoint)
    }
}
