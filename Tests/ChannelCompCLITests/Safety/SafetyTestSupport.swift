#if canImport(Glibc)
import Glibc
#endif
import ChannelComp
@testable import ChannelCompCLI
import Foundation
import Testing

/// Runs the built `channelcomp` binary as a child process with extra environment (fault
/// injection) and a chosen standard output, capturing stderr and the exit status.
///
/// Example: `SafetyRun.binary(["audit", …], stdout: "/dev/full")` exits 73 with
/// "cannot write standard output" on stderr.
enum SafetyRun {
    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    static func binary(_ arguments: [String], environment extra: [String: String] = [:], stdout path: String? = nil) throws -> Result {
        let binary = try ChannelCompBinary.require()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = JournalTestSupport.packageRoot
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in extra { environment[k] = v }
        process.environment = environment
        let errPipe = Pipe()
        let outPipe = Pipe()
        process.standardError = errPipe
        if let path {
            process.standardOutput = try #require(FileHandle(forWritingAtPath: path))
        } else {
            process.standardOutput = outPipe
        }
        try process.run()
        let errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        let outData = path == nil ? outPipe.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return Result(code: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `copies` children of `arguments` at once (output discarded), waits for all, and
    /// returns their exit codes sorted: the race of two runs that want the same thing.
    static func race(_ arguments: [String], copies: Int = 2) throws -> [Int32] {
        let binary = try ChannelCompBinary.require()
        let runs = (0..<copies).map { _ in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = arguments
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in runs { try p.run() }
        for p in runs { p.waitUntilExit() }
        return runs.map(\.terminationStatus).sorted()
    }

    /// Every file below `folder` with its bytes (hidden files included), to compare a folder
    /// before and after a run byte for byte.
    static func snapshot(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: folder) else { return result }
        while let relative = walker.nextObject() as? String {
            let path = folder + "/" + relative
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFLNK {
                result[relative] = Data(("-> " + ((try? fm.destinationOfSymbolicLink(atPath: path)) ?? "?")).utf8)
            } else if (st.st_mode & S_IFMT) == S_IFREG {
                result[relative] = fm.contents(atPath: path) ?? Data()
            }
        }
        return result
    }
}
