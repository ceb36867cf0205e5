#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ChannelComp

/// Writes text to a file descriptor, retrying short writes.
func writeStandard(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { if errno == EINTR { continue }; return }
            offset += n
        }
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
    static func read(_ path: String) -> ReadResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        if isDirectory.boolValue { return .unreadable("is a directory, expected a file") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var result: [UInt8] = []
        var st = stat()
        if fstat(fd, &st) == 0, st.st_size > 0 { result.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return .unreadable(String(cString: strerror(errno))) }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return .bytes(result)
    }

    enum OpenResult {
        case reader(FileChunkReader)
        case missing
        case unreadable(String)
    }

    /// The file opened for reading in chunks (deals.csv, which may be large), or why not.
    static func openForChunks(_ path: String) -> OpenResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        if isDirectory.boolValue { return .unreadable("is a directory, expected a file") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        var st = stat()
        let size = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        return .reader(FileChunkReader(fd: fd, size: size))
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Replaces `path` with `bytes` atomically: write a temporary file in the same folder,
    /// fsync it, rename it over the target, fsync the folder. After a crash at any point the
    /// target holds either its old content or the new one, never a mix.
    static func replaceAtomically(_ path: String, with bytes: [UInt8], crashPoint: String? = nil) throws(CommandFailure) {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let temporary = join(directory, ".\((path as NSString).lastPathComponent).\(getpid()).tmp")
        // Keep the journal's permissions (a 0640 journal stays 0640).
        var mode: mode_t = 0o644
        var existing = stat()
        if stat(path, &existing) == 0 { mode = existing.st_mode & 0o7777 }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else {
            throw CommandFailure(.cannotWrite, "\(temporary): error: cannot create file: \(String(cString: strerror(errno)))")
        }
        fchmod(fd, mode)
        var ok = true
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                if crashPoint == "mid-write" && offset > 0 { crash() }
                let chunk = min(buffer.count - offset, crashPoint == "mid-write" ? max(1, buffer.count / 2) : buffer.count - offset)
                let n = write(fd, buffer.baseAddress! + offset, chunk)
                if n < 0 { if errno == EINTR { continue }; ok = false; return }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok else {
            unlink(temporary)
            throw CommandFailure(.cannotWrite, "\(temporary): error: cannot write file: \(String(cString: strerror(errno)))")
        }
        if crashPoint == "before-rename" { crash() }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CommandFailure(.cannotWrite, "\(path): error: cannot replace file: \(reason)")
        }
        if crashPoint == "after-rename" { crash() }
        let dfd = open(directory, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// An exclusive lock on a folder (flock on the folder itself: no lock file is left behind).
    /// A second close finds the folder locked and is refused (exit 73) rather than waiting.
    static func lockDirectory(_ path: String) throws(CommandFailure) -> Int32 {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return -1 }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EWOULDBLOCK {
                close(fd)
                throw CommandFailure(.cannotWrite, "\(path): error: another channelcomp close is running on this data folder; nothing was written\nhint: wait for it to finish, then run close again")
            }
        }
        return fd
    }

    static func unlock(_ fd: Int32) {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The file a symlink points to (so replacing it keeps the link), else the path itself.
    static func resolvingSymlink(_ path: String) -> String {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return path }
        if target.hasPrefix("/") { return target }
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? target : directory + "/" + target
    }

    /// Crash injection for tests: the process dies at once, as under `kill -9`.
    static func crash() -> Never {
        kill(getpid(), SIGKILL)
        _exit(137)
    }
}

/// An open file read front to back in chunks; closed when released.
///
/// `reader.source` hands ``ChunkSource`` chunks of up to the asked size (fewer only at the
/// end of the file, empty after it), retrying interrupted and short reads.
final class FileChunkReader: @unchecked Sendable {
    private let fd: Int32
    /// The file's size when opened (a hint for sizing, not a limit).
    let size: Int

    init(fd: Int32, size: Int) {
        self.fd = fd
        self.size = size
    }

    deinit { close(fd) }

    var source: ChunkSource {
        ChunkSource { [self] maxBytes in
            var chunk = [UInt8](repeating: 0, count: maxBytes)
            var filled = 0
            while filled < maxBytes {
                let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, maxBytes - filled) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failure(ChunkReadError(reason: String(cString: strerror(errno))))
                }
                if n == 0 { break }
                filled += n
            }
            chunk.removeSubrange(filled...)
            return .success(chunk)
        }
    }
}
