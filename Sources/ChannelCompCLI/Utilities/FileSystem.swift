#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ChannelComp

/// Writes text to a file descriptor, retrying short and interrupted writes.
///
/// Returns the reason when the bytes could not all be written (a full disk, `/dev/full`, a
/// closed pipe), so that the caller can fail the run instead of exiting 0 with a cut output.
/// Example: `writeStandard(1, "a,b\n")` is `nil` on success; on a full disk
/// `"No space left on device"`.
@discardableResult
func writeStandard(_ fd: Int32, _ text: String) -> String? {
    var text = text
    // The string's own bytes (no copy: a large report is written as it is).
    return text.withUTF8 { buffer -> String? in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            if n == 0 { return "the output accepted no more bytes" }
            offset += n
        }
        return nil
    }
}

/// What `stat` says about a file when it was read: changes between two of these mean that
/// someone wrote the file meanwhile.
///
/// Example: `deals.csv` read at 10 240 bytes, then a writer appends `D9,…,10` (no line end yet):
/// the size and modification time differ, so `close` refuses instead of journalling a torn row.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var changedSeconds: Int
    var changedNanoseconds: Int

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modifiedSeconds = Int(st.st_mtim.tv_sec)
        modifiedNanoseconds = Int(st.st_mtim.tv_nsec)
        changedSeconds = Int(st.st_ctim.tv_sec)
        changedNanoseconds = Int(st.st_ctim.tv_nsec)
    }

    /// The identity of `path` now (following symlinks), or nil when it cannot be stat'ed.
    static func of(_ path: String) -> FileIdentity? {
        var st = stat()
        return stat(path, &st) == 0 ? FileIdentity(st) : nil
    }
}

/// File reading and crash-safe writing at the CLI's edge.
enum FileSystem {
    enum ReadResult {
        case bytes([UInt8])
        case missing
        case unreadable(String)
    }

    /// The whole file, or why it could not be read.
    ///
    /// Only a regular file is read, and only the bytes it had when it was opened: a FIFO would
    /// block for ever and `/dev/zero` never ends, so both are refused. A symlink whose target
    /// does not exist (a share that is not mounted) is unreadable, never "missing".
    static func read(_ path: String) -> ReadResult {
        switch openRegular(path) {
        case .missing: return .missing
        case .unreadable(let reason): return .unreadable(reason)
        case .opened(let fd, let size):
            defer { close(fd) }
            var result = [UInt8](repeating: 0, count: size)
            var filled = 0
            while filled < size {
                let n = result.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, size - filled) }
                if n < 0 { if errno == EINTR { continue }; return .unreadable(String(cString: strerror(errno))) }
                if n == 0 { break }
                filled += n
            }
            result.removeSubrange(filled...)
            return .bytes(result)
        }
    }

    enum OpenResult {
        case reader(FileChunkReader)
        case missing
        case unreadable(String)
    }

    /// The file opened for reading in chunks (deals.csv, which may be large), or why not; the
    /// same refusals as ``read(_:)``.
    static func openForChunks(_ path: String) -> OpenResult {
        switch openRegular(path) {
        case .missing: return .missing
        case .unreadable(let reason): return .unreadable(reason)
        case .opened(let fd, let size): return .reader(FileChunkReader(fd: fd, size: size))
        }
    }

    enum RegularOpen {
        case opened(fd: Int32, size: Int)
        case missing
        case unreadable(String)
    }

    /// Opens `path` for reading if it is a regular file (following symlinks), with its size.
    ///
    /// The open does not block on a FIFO (`O_NONBLOCK`), and the type is checked on the opened
    /// descriptor, so a file swapped between a check and the open cannot slip through.
    static func openRegular(_ path: String) -> RegularOpen {
        var link = stat()
        guard lstat(path, &link) == 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable(String(cString: strerror(errno)))
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if (link.st_mode & S_IFMT) == S_IFLNK, errno == ENOENT {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                return .unreadable("is a symbolic link to '\(target)', which does not exist (a share that is not mounted?); expected a file")
            }
            return .unreadable(reason)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            return .unreadable(reason)
        }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            return .unreadable(type == S_IFDIR ? "is a directory, expected a file"
                                               : "is not a regular file (a FIFO, device or socket), expected a file")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return .opened(fd: fd, size: Int(st.st_size))
    }

    /// True if something is at `path` (a dangling symlink counts: it must not read as absent).
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The name `close` gives its temporary journal: `.journal.csv.<16 random hex>.channelcomp-tmp`.
    ///
    /// Unpredictable, so that nobody can plant a symlink under it in advance; the suffix lets a
    /// later `close` (and `check`) recognise leftovers of a killed run.
    static func temporaryName(for name: String) -> String {
        ".\(name).\(randomHex())\(temporarySuffix)"
    }

    /// 16 random hex digits from the system generator (names nobody can guess in advance).
    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        let random = String(generator.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - random.count) + random
    }

    static let temporarySuffix = ".channelcomp-tmp"

    /// Leftovers of an interrupted `close` beside `name` in `directory`: `.NAME.*.channelcomp-tmp`
    /// and the older `.NAME.<pid>.tmp` names, with their sizes.
    ///
    /// Example: a close killed while writing leaves `.journal.csv.3f9a…c1.channelcomp-tmp`
    /// (up to the journal's size); `check` reports it and the next `close` removes it.
    static func leftovers(in directory: String, of name: String) -> [(path: String, size: Int64)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.sorted().compactMap { entry -> (String, Int64)? in
            let prefix = ".\(name)."
            guard entry.hasPrefix(prefix) else { return nil }
            let middle = entry.dropFirst(prefix.count)
            let ours = middle.hasSuffix(temporarySuffix)
                || (middle.hasSuffix(".tmp") && !middle.dropLast(4).isEmpty && middle.dropLast(4).allSatisfy({ $0.isASCII && $0.isNumber }))
            guard ours else { return nil }
            let path = join(directory, entry)
            var st = stat()
            guard lstat(path, &st) == 0 else { return nil }
            return (path, Int64(st.st_size))
        }
    }

    /// Writes `bytes` to a new file `path` (created, or truncated) without syncing it: for the
    /// files of a staging folder, made durable all at once by ``syncFileSystem(of:)`` before the
    /// folder is renamed into place (a fsync per file was a tenth of a 5000-statement run).
    static func writeUnsynced(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += n
            }
        }
    }

    /// Makes every file written under `folder` durable: `syncfs` of its filesystem where the C
    /// library has it (Linux: one call, which also reports a write-back error of any file);
    /// elsewhere each regular file under the folder is fsynced.
    static func syncFileSystem(of folder: String) throws {
        func failure() -> POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // Looked up at run time: the Glibc module does not declare syncfs (a _GNU_SOURCE call).
        typealias SyncFS = @convention(c) (Int32) -> Int32
        if let symbol = dlsym(nil, "syncfs") {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw failure() }
            defer { close(fd) }
            if unsafeBitCast(symbol, to: SyncFS.self)(fd) != 0 { throw failure() }
            return
        }
        let fm = FileManager.default
        for entry in (fm.enumerator(atPath: folder)?.allObjects as? [String]) ?? [] {
            let path = join(folder, entry)
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw failure() }
            defer { close(fd) }
            if fsync(fd) != 0 { throw failure() }
        }
    }

    /// Replaces `path` with `bytes` atomically: write a temporary file in the same folder,
    /// fsync it, rename it over the target, fsync the folder. After a crash at any point the
    /// target holds either its old content or the new one, never a mix.
    ///
    /// The temporary file has an unpredictable name and is created with `O_EXCL|O_NOFOLLOW`, so a
    /// planted symlink is never followed. The target keeps its mode, owner and group; a target
    /// nobody may write (mode 0444), or whose owner cannot be kept, is refused (exit 73) rather
    /// than replaced.
    static func replaceAtomically(_ path: String, with bytes: [UInt8], crashPoint: String? = nil) throws(CommandFailure) {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var mode: mode_t = 0o644
        var owner: (uid: uid_t, gid: gid_t)? = nil
        var existing = stat()
        if lstat(path, &existing) == 0 {
            guard (existing.st_mode & S_IFMT) == S_IFREG else {
                throw CommandFailure(.cannotWrite, "\(path): error: is not a regular file; nothing was written")
            }
            mode = existing.st_mode & 0o7777
            if mode & 0o222 == 0 || access(path, W_OK) != 0 {
                throw CommandFailure(.cannotWrite, "\(path): error: the file is read-only (mode \(String(mode, radix: 8))); close does not replace a file nobody may write; nothing was written\nhint: make it writable (chmod u+w) if it is meant to be extended")
            }
            owner = (existing.st_uid, existing.st_gid)
        }
        // Tests: CHANNELCOMP_INJECT_WRITE_ERROR=create|write|fsync|rename fails that step (ENOSPC).
        let injected = ProcessInfo.processInfo.environment["CHANNELCOMP_INJECT_WRITE_ERROR"]
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<8 {
            temporary = join(directory, temporaryName(for: name))
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if injected == "create" { if fd >= 0 { close(fd); unlink(temporary) }; fd = -1; errno = ENOSPC }
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw CommandFailure(.cannotWrite, "\(temporary): error: cannot create file: \(String(cString: strerror(errno))); nothing was written")
        }
        if let owner, owner.uid != geteuid() || owner.gid != getegid() {
            if fchown(fd, owner.uid, owner.gid) != 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw CommandFailure(.cannotWrite, "\(path): error: cannot keep the file's owner and group (uid \(owner.uid), gid \(owner.gid)): \(reason); nothing was written\nhint: run close as the journal's owner")
            }
        }
        var ok = fchmod(fd, mode) == 0
        var failure = ok ? "" : String(cString: strerror(errno))
        if ok {
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    if crashPoint == "mid-write" && offset > 0 { crash() }
                    let chunk = min(buffer.count - offset, crashPoint == "mid-write" ? max(1, buffer.count / 2) : buffer.count - offset)
                    var n = write(fd, buffer.baseAddress! + offset, chunk)
                    if injected == "write" { n = -1; errno = ENOSPC }
                    if n < 0 { if errno == EINTR { continue }; ok = false; failure = String(cString: strerror(errno)); return }
                    offset += n
                }
            }
        }
        if ok && (fsync(fd) != 0 || injected == "fsync") { ok = false; failure = String(cString: injected == "fsync" ? strerror(EIO) : strerror(errno)) }
        close(fd)
        guard ok else {
            unlink(temporary)
            throw CommandFailure(.cannotWrite, "\(temporary): error: cannot write file: \(failure); nothing was written")
        }
        if crashPoint == "before-rename" { crash() }
        guard injected != "rename" && rename(temporary, path) == 0 else {
            let reason = String(cString: injected == "rename" ? strerror(EXDEV) : strerror(errno))
            unlink(temporary)
            throw CommandFailure(.cannotWrite, "\(path): error: cannot replace file: \(reason); nothing was written")
        }
        if crashPoint == "after-rename" { crash() }
        let dfd = open(directory, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// An exclusive lock on a folder (flock on the folder itself: no lock file is left behind).
    ///
    /// A second close finds the folder locked and is refused (exit 73) rather than waiting. A
    /// lock that cannot be taken for any other reason (a folder this user cannot open, `ENOLCK`
    /// on a network filesystem) is refused too: close never runs unlocked.
    /// `CHANNELCOMP_INJECT_LOCK_ERROR=open:EACCES` or `flock:ENOLCK` simulates those (tests).
    ///
    /// `waitSeconds` > 0 waits that long for a lock held by another run before refusing (used
    /// for the short write of an output folder, where runs into sibling folders share a parent).
    static func lockDirectory(_ path: String, purpose: String = "close", waitSeconds: Int = 0) throws(CommandFailure) -> Int32 {
        let injected = ProcessInfo.processInfo.environment["CHANNELCOMP_INJECT_LOCK_ERROR"].map { $0.split(separator: ":").map(String.init) }
        func injectedErrno(_ step: String) -> Int32? {
            guard let injected, injected.count == 2, injected[0] == step else { return nil }
            return ["EACCES": EACCES, "ENOLCK": ENOLCK, "EIO": EIO, "EWOULDBLOCK": EWOULDBLOCK][injected[1]] ?? EIO
        }
        var fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if let e = injectedErrno("open") { if fd >= 0 { close(fd) }; fd = -1; errno = e }
        guard fd >= 0 else {
            throw CommandFailure(.cannotWrite, "\(path): error: cannot lock the folder for \(purpose): \(String(cString: strerror(errno))); nothing was written\nhint: \(purpose) needs to open the folder (read and search permission, e.g. chmod u+rx) to lock it against a second \(purpose)")
        }
        var locked = flock(fd, LOCK_EX | LOCK_NB) == 0
        var waited = 0
        while !locked && errno == EWOULDBLOCK && waited < waitSeconds * 20 {
            usleep(50_000)
            waited += 1
            locked = flock(fd, LOCK_EX | LOCK_NB) == 0
        }
        if let e = injectedErrno("flock") { locked = false; errno = e }
        if !locked {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK {
                throw CommandFailure(.cannotWrite, "\(path): error: another channelcomp \(purpose) is running on this folder; nothing was written\nhint: wait for it to finish, then run \(purpose) again")
            }
            throw CommandFailure(.cannotWrite, "\(path): error: cannot lock the folder for \(purpose): \(String(cString: strerror(code))); nothing was written\nhint: \(purpose) never runs unlocked (a second one could write the same month twice); use a local filesystem that supports flock")
        }
        return fd
    }

    static func unlock(_ fd: Int32) {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The file a chain of symlinks ends at (so replacing it keeps every link), else the path
    /// itself. A link whose final target does not exist resolves to that target's path.
    static func resolvingSymlink(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            if target.hasPrefix("/") {
                current = target
            } else {
                let directory = (current as NSString).deletingLastPathComponent
                current = directory.isEmpty ? target : directory + "/" + target
            }
        }
        return current
    }

    /// Crash injection for tests: the process dies at once, as under `kill -9`.
    static func crash() -> Never {
        kill(getpid(), SIGKILL)
        _exit(137)
    }
}

/// An open file read in chunks, from any offset; closed when released.
///
/// `reader.ranged.open(start, end)` hands ``ChunkSource`` chunks of up to the asked size (fewer
/// only at the end of the range, empty after it), retrying interrupted and short reads. It
/// stops at the size the file had when it was opened: bytes a writer appends meanwhile are not
/// read (a run sees one state of the file; `close` then notices the change through ``FileIdentity``).
final class FileChunkReader: @unchecked Sendable {
    private let fd: Int32
    /// The file's size when opened: the most that is read.
    let size: Int
    /// The file's last byte once a read reached the end (10 when the file ends with a line end), nil before.
    private(set) var lastByte: UInt8? = nil

    init(fd: Int32, size: Int) {
        self.fd = fd
        self.size = size
    }

    deinit { close(fd) }

    /// The file readable at any offset (`pread(2)`, so two threads may read it at once), for
    /// ``LedgerLoader/load(file:ranged:plan:roster:fastPath:threads:)``. A piece that reaches the
    /// file's end sets ``lastByte``.
    var ranged: RangedSource {
        RangedSource(size: size) { [self] start, end in
            var offset = min(start, size)
            let stop = min(end, size)
            return ChunkSource { [self] asked in
                let maxBytes = max(0, min(asked, stop - offset))
                var failure: ChunkReadError? = nil
                // Read straight into the array's fresh storage (no zero-filling first).
                let chunk = [UInt8](unsafeUninitializedCapacity: maxBytes) { buffer, count in
                    var filled = 0
                    while filled < maxBytes {
                        let n = Glibc.pread(fd, buffer.baseAddress! + filled, maxBytes - filled, off_t(offset + filled))
                        if n < 0 {
                            if errno == EINTR { continue }
                            failure = ChunkReadError(reason: String(cString: strerror(errno)))
                            break
                        }
                        if n == 0 { break }
                        filled += n
                    }
                    count = filled
                }
                if let failure { return .failure(failure) }
                let filled = chunk.count
                offset += filled
                if offset == size, let last = chunk.last { lastByte = last }
                return .success(chunk)
            }
        }
    }
}
