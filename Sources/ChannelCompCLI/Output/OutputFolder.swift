#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writes an output folder completely or not at all: into a temporary sibling folder first,
/// then renamed into place.
enum OutputFolder {
    static let marker = ".channelcomp-output"

    /// Refuses an `--out` that is the data folder or inside it, or a non-empty folder that
    /// channelcomp did not write.
    static func checkTarget(_ out: String, dataDirectory: String) throws(CommandFailure) {
        let outURL = realPath(out)
        let dataURL = realPath(dataDirectory)
        if outURL == dataURL || outURL.hasPrefix(dataURL + "/") {
            throw CommandFailure(.cannotWrite, "\(out): error: --out must not be the data folder or inside it: payout writes nothing into the data folder")
        }
        if FileSystem.exists(out) {
            guard FileSystem.isDirectory(out) else {
                throw CommandFailure(.cannotWrite, "\(out): error: --out names a file, expected a folder")
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            if !contents.isEmpty && !contents.contains(marker) {
                throw CommandFailure(.cannotWrite, "\(out): error: the folder is not empty and was not written by channelcomp; choose a new or empty folder")
            }
        }
    }

    /// The path with every symlink resolved, also when its last parts do not exist yet: the
    /// nearest existing ancestor is resolved and the rest appended (`link/statements` where
    /// `link` points into the data folder is seen as inside it).
    static func realPath(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            rest.insert(url.lastPathComponent, at: 0)
            url = url.deletingLastPathComponent()
        }
        var resolved = url.resolvingSymlinksInPath()
        for part in rest { resolved.appendPathComponent(part) }
        return resolved.standardizedFileURL.path
    }

    /// Writes `files` (relative name → bytes) as the folder `out`, replacing an earlier output.
    static func write(_ files: [(name: String, bytes: [UInt8])], to out: String) throws(CommandFailure) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: out).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).partial")
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).old")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in files + [(name: marker, bytes: Array("written by channelcomp\n".utf8))] {
                let url = staging.appendingPathComponent(file.name)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url)
            }
            if fm.fileExists(atPath: target.path) {
                try fm.moveItem(at: target, to: old)
            }
            try fm.moveItem(at: staging, to: target)
            try? fm.removeItem(at: old)
        } catch {
            try? fm.removeItem(at: staging)
            if !fm.fileExists(atPath: target.path), fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: target) }
            throw CommandFailure(.cannotWrite, "\(out): error: cannot write the output folder: \(error.localizedDescription); nothing was written")
        }
    }
}
