#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writes an output folder completely or not at all, and never replaces what it must not.
///
/// The rule for `--out DIR` (one home, used by `payout`; see README "Safety"):
/// * DIR must not be the data folder, lie inside it, or contain it; nor contain the plan file.
/// * A new or empty DIR is written. A DIR holding anything is refused, unless it is a folder
///   channelcomp wrote (its `.channelcomp-output` marker lists every file written) **and**
///   `--force` is given **and** it holds nothing but those files. So `--out stmts-2027-03` for
///   April is refused; with `--force` it replaces the March statements, but never a data folder,
///   a plan or a file someone added.
/// * The files go into a fresh hidden sibling `.DIR.<random>.partial`, which is renamed into
///   place; an earlier DIR is first renamed `.DIR.<random>.old`, then removed. Everything happens
///   under a lock on DIR's parent folder (a run waits up to a minute for it), and the target is
///   checked again under that lock, so of two concurrent runs into one new DIR the second is
///   refused (it finds the first one's statements).
/// * Leftovers of a killed run are handled under that lock by the next run: a `.partial` is
///   removed; an `.old` is restored if DIR is missing (a kill between the two renames), else
///   removed.
///
/// Example: `payout --period 2027-04 --out stmts-2027-03` where `stmts-2027-03` holds March's
/// statements → exit 73, "holds the statements channelcomp wrote for 2027-03 … --force".
enum OutputFolder {
    static let marker = ".channelcomp-output"

    /// The marker's first line; the names of the files written follow, one per line.
    static func markerText(period: String, files: [String]) -> String {
        "written by channelcomp payout --period \(period)\n" + files.map { $0 + "\n" }.joined()
    }

    /// Refuses an `--out` that overlaps the data folder or holds the plan, or a folder that the
    /// rule above does not allow to be replaced.
    static func checkTarget(_ out: String, dataDirectory: String, planFile: String?, force: Bool) throws(CommandFailure) {
        let outPath = realPath(out)
        let dataPath = realPath(dataDirectory)
        if outPath == dataPath || outPath.hasPrefix(dataPath + "/") {
            throw CommandFailure(.cannotWrite, "\(out): error: --out must not be the data folder or inside it: payout writes nothing into the data folder")
        }
        if dataPath.hasPrefix(outPath + "/") || outPath == "/" {
            throw CommandFailure(.cannotWrite, "\(out): error: --out contains the data folder \(dataDirectory): writing it would replace the data (and its journal); nothing was written\nhint: choose a folder outside the data folder")
        }
        if let planFile {
            let planPath = realPath(planFile)
            if planPath == outPath || planPath.hasPrefix(outPath + "/") {
                throw CommandFailure(.cannotWrite, "\(out): error: --out contains the plan file \(planFile): writing it would replace the plan; nothing was written\nhint: choose a folder that holds no input")
            }
        }
        var st = stat()
        guard lstat(out, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFLNK, !FileSystem.isDirectory(out) {
            throw CommandFailure(.cannotWrite, "\(out): error: --out is a symbolic link that does not lead to a folder; nothing was written")
        }
        guard FileSystem.isDirectory(out) else {
            throw CommandFailure(.cannotWrite, "\(out): error: --out names a file, expected a folder")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        if contents.isEmpty { return }
        guard contents.contains(marker), let markerBytes = FileManager.default.contents(atPath: FileSystem.join(out, marker)) else {
            throw CommandFailure(.cannotWrite, "\(out): error: the folder is not empty and was not written by channelcomp; choose a new or empty folder; nothing was written")
        }
        let lines = String(decoding: markerBytes, as: UTF8.self).split(separator: "\n").map(String.init)
        let what = lines.first.map { $0.hasPrefix("written by channelcomp payout --period ") ? "the statements channelcomp wrote for \($0.dropFirst("written by channelcomp payout --period ".count))" : "output channelcomp wrote" } ?? "output channelcomp wrote"
        guard force else {
            throw CommandFailure(.cannotWrite, "\(out): error: the folder holds \(what); payout does not replace it without --force; nothing was written\nhint: choose a new folder (e.g. one named after the period), or add --force to replace it")
        }
        let listed = Set(lines.dropFirst()).union([marker])
        let foreign = filesBelow(out).filter { !listed.contains($0) }
        if !foreign.isEmpty {
            let shown = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? " and \(foreign.count - 3) more" : "")
            throw CommandFailure(.cannotWrite, "\(out): error: the folder holds \(what), but also \(foreign.count) file\(foreign.count == 1 ? "" : "s") channelcomp did not write (\(shown)); --force replaces only channelcomp's own output; nothing was written\nhint: move those files out, or choose a new folder")
        }
    }

    /// Every file (not folder) below `folder`, as paths relative to it, sorted; symlinks count as files.
    static func filesBelow(_ folder: String) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            let path = relative.isEmpty ? folder : FileSystem.join(folder, relative)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                let child = relative.isEmpty ? entry : relative + "/" + entry
                var st = stat()
                if lstat(FileSystem.join(folder, child), &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
                    walk(child)
                } else {
                    result.append(child)
                }
            }
        }
        walk("")
        return result.sorted()
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

    /// Writes the folder `out` that `produce` makes, under the parent's lock, checking the target
    /// again there (another run may have written it meanwhile). `produce` hands each file
    /// (relative name, bytes) to the sink as it is made — from any thread; it goes straight into
    /// a staging folder — and returns every name in order, which the marker lists. Only then is
    /// the staging folder renamed into place: a failed or killed run leaves the old folder.
    static func write(to out: String, period: String, dataDirectory: String, planFile: String?, force: Bool,
                      console: Console, produce: (FileSink) throws -> [String]) throws(CommandFailure) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: out).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(.cannotWrite, "\(out): error: cannot create the folder's parent: \(error.localizedDescription); nothing was written")
        }
        let lock = try FileSystem.lockDirectory(parent.path, purpose: "payout --out", waitSeconds: 60)
        defer { FileSystem.unlock(lock) }
        recoverLeftovers(of: target, console: console)
        try checkTarget(out, dataDirectory: dataDirectory, planFile: planFile, force: force)
        let crashPoint = ProcessInfo.processInfo.environment["CHANNELCOMP_CRASH_POINT"]
        let name = target.lastPathComponent
        var staging = parent.appendingPathComponent(".\(name).\(FileSystem.randomHex()).partial")
        while mkdir(staging.path, 0o700) != 0 {
            guard errno == EEXIST else {
                throw CommandFailure(.cannotWrite, "\(staging.path): error: cannot create the staging folder: \(String(cString: strerror(errno))); nothing was written")
            }
            staging = parent.appendingPathComponent(".\(name).\(FileSystem.randomHex()).partial")
        }
        let old = parent.appendingPathComponent(".\(name).\(FileSystem.randomHex()).old")
        do {
            let folder = staging
            let written = Counter()
            let sink = FileSink { name, bytes in
                // Crash injection for tests: killed with some files staged, not all.
                if crashPoint == "out-mid-staging" && written.next() == 3 { FileSystem.crash() }
                let url = folder.appendingPathComponent(name)
                let parent = url.deletingLastPathComponent()
                try written.makingFolder(parent.path) { try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) }
                try FileSystem.writeUnsynced(url.path, bytes)
            }
            let names = try produce(sink)
            try sink.put(marker, Array(markerText(period: period, files: names).utf8))
            // Every staged file durable before the folder is renamed into place.
            try FileSystem.syncFileSystem(of: staging.path)
            let mask = umask(0); umask(mask)
            chmod(staging.path, 0o777 & ~mask)
            if fm.fileExists(atPath: target.path) {
                try fm.moveItem(at: target, to: old)
            }
            if crashPoint == "out-between-renames" { FileSystem.crash() }
            try fm.moveItem(at: staging, to: target)
            try? fm.removeItem(at: old)
        } catch {
            try? fm.removeItem(at: staging)
            if !fm.fileExists(atPath: target.path), fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: target) }
            throw CommandFailure(.cannotWrite, "\(out): error: cannot write the output folder: \(error.localizedDescription); nothing was written")
        }
    }

    /// Cleans up after a killed run into `target` (called under the parent's lock, so no
    /// other run is using them): removes `.NAME.*.partial`; restores `.NAME.*.old` when NAME is
    /// missing, else removes it. Says what it did on stderr.
    static func recoverLeftovers(of target: URL, console: Console) {
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let entries = ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        for entry in entries where entry.hasPrefix(".\(name).") {
            let url = parent.appendingPathComponent(entry)
            if entry.hasSuffix(".partial") {
                try? fm.removeItem(at: url)
                console.error("\(url.path): note: removed the staging folder of an interrupted payout --out")
            } else if entry.hasSuffix(".old") {
                if !fm.fileExists(atPath: target.path), (try? fm.moveItem(at: url, to: target)) != nil {
                    console.error("\(target.path): note: restored the earlier output folder that an interrupted payout --out had set aside")
                } else {
                    try? fm.removeItem(at: url)
                    console.error("\(url.path): note: removed the earlier output folder an interrupted payout --out had set aside")
                }
            }
        }
    }
}

/// What the threads staging one folder share: how many files are staged, and one lock for
/// making subfolders (two threads making `people/` at once must not fail).
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private let folders = NSLock()
    private var value = 0

    /// Adds one and returns the new count.
    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }

    /// Folders already made: each is made once, not once per file written into it.
    private var made: Set<String> = []

    /// Runs `make` for `folder` the first time it is asked for (one thread at a time).
    func makingFolder(_ folder: String, _ make: () throws -> Void) throws {
        folders.lock(); defer { folders.unlock() }
        if made.contains(folder) { return }
        try make()
        made.insert(folder)
    }
}
