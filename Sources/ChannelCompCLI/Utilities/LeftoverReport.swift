import Foundation

/// What `check` says about leftovers of an interrupted `close` beside the journal.
///
/// Example: a close killed while writing leaves `D/.journal.csv.3f9a0c…1e.channelcomp-tmp`
/// (4 096 bytes); `check` prints
/// `D/.journal.csv.3f9a0c…1e.channelcomp-tmp: warning: leftover of an interrupted close (4096 bytes); the journal itself is whole; the next close removes it`.
enum LeftoverReport {
    static func lines(dataDirectory: String, journalFile: String) -> [String] {
        let target = FileSystem.resolvingSymlink(journalFile)
        let directory = (target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent
        return FileSystem.leftovers(in: directory, of: (target as NSString).lastPathComponent).map {
            "\($0.path): warning: leftover of an interrupted close (\($0.size) bytes); the journal itself is whole; the next close removes it"
        }
    }
}
