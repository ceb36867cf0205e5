#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ChannelComp
import Foundation
import Testing

/// The built `channelcomp` executable, run as a child process.
enum ChannelCompBinary {
    /// The `channelcomp` next to the test product (`.build/<triple>/debug/channelcomp`), or
    /// `$CHANNELCOMP_BIN`, or the package's `.build/debug` / `.build/release`.
    ///
    /// Example: the test runner `/repo/.build/x86_64-unknown-linux-gnu/debug/ChannelCompPackageTests.xctest`
    /// gives `/repo/.build/x86_64-unknown-linux-gnu/debug/channelcomp`.
    static let lookup: (path: String?, searched: [String]) = {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["CHANNELCOMP_BIN"] { candidates.append(explicit) }
        var starts: [URL] = []
        if let exe = Bundle.main.executableURL { starts.append(exe) }
        starts.append(Bundle.main.bundleURL)
        if let arg0 = CommandLine.arguments.first, arg0.contains("/") { starts.append(URL(fileURLWithPath: arg0)) }
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: link))
        }
        for start in starts {
            // The executable's folder and up to three parents (macOS: X.xctest/Contents/MacOS/X).
            var dir = start.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("channelcomp").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        for config in ["debug", "release"] {
            candidates.append(JournalTestSupport.path(".build/\(config)/channelcomp"))
        }
        var seen = Set<String>()
        candidates = candidates.filter { seen.insert($0).inserted }
        let found = candidates.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                && !isDirectory.boolValue && FileManager.default.isExecutableFile(atPath: path)
        }
        return (found, candidates)
    }()

    /// The binary, or an error (failing the test) saying where it was looked for.
    static func require() throws -> String {
        guard let path = lookup.path else {
            throw NotFound(description: """
                the channelcomp executable was not found, so the crash tests cannot run. Build it \
                (`swift build`) or set CHANNELCOMP_BIN. Looked in: \(lookup.searched.joined(separator: ", "))
                """)
        }
        return path
    }

    struct NotFound: Error, CustomStringConvertible {
        var description: String
    }

    /// A started child `channelcomp` with stdout/stderr discarded.
    static func start(_ binary: String, _ arguments: [String], crashPoint: String?) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["CHANNELCOMP_CRASH_POINT"] = crashPoint
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// Crash safety of `close` (SPEC 3.7: "after a crash, the journal holds either all of the
/// period's lines or none"), with a real child process killed by SIGKILL.
@Suite("close: crash safety", .serialized)
struct JournalCrashTests {
    static let points = ["mid-write", "before-rename", "after-rename"]

    /// The journal after a successful close of `period` on a copy of `data` (the reference).
    static func reference(_ data: DataFolder, closing period: String) throws -> [UInt8] {
        let copy = try data.duplicate()
        let r = copy.close(period)
        #expect(r.code == 0, "reference close failed: \(r.err)")
        return try #require(copy.journalBytes())
    }

    static func closeArguments(_ data: DataFolder, _ period: String) -> [String] {
        ["close", "--plan", data.plan, "--data", data.path, "--period", period, "--closed-at", JournalTestSupport.closedAt]
    }

    /// Closes `period` in a child process that kills itself at `point`, then checks the journal.
    /// `alreadyClosed` periods are closed first (in-process); none means there is no journal yet.
    @Test("a close killed at an injected crash point leaves the journal whole",
          arguments: points, [[], ["2027-01"]])
    func injectedCrash(point: String, alreadyClosed: [String]) throws {
        let binary = try ChannelCompBinary.require()
        let data = try DataFolder()
        data.closeAll(alreadyClosed)
        let period = alreadyClosed.isEmpty ? "2027-01" : "2027-02"
        let before = data.journalBytes()  // nil: no journal yet
        let complete = try Self.reference(data, closing: period)

        let child = try ChannelCompBinary.start(binary, Self.closeArguments(data, period), crashPoint: point)
        child.waitUntilExit()
        // The crash point was reached: the child died of SIGKILL, it did not exit normally.
        #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGKILL,
                "child ended with \(child.terminationReason == .exit ? "exit" : "signal") \(child.terminationStatus)")

        let after = data.journalBytes()
        if point == "after-rename" {
            expectSameBytes(after, complete, "after the rename the journal has all of \(period)'s rows")
        } else {
            expectSameBytes(after, before, "before the rename (\(point)) the journal is byte-identical to before")
        }
        let check = data.cli("check")
        #expect(check.code == 0, "check after a crash at \(point): \(check.err)")

        // Recovery: closing again finishes the job, or is refused because it was finished.
        let again = data.close(period)
        if point == "after-rename" {
            #expect(again.code == 65)
        } else {
            #expect(again.code == 0, "\(again.err)")
        }
        expectSameBytes(data.journalBytes(), complete, "after recovery the journal is complete")
        #expect(data.cli("check").code == 0)
    }

    @Test("stray temporary files of a crashed close do not break check, payout or close")
    func strayTemporaryFiles() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        // Half of a journal, as a crash in mid-write leaves it.
        let bytes = try #require(data.journalBytes())
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: data.path + "/.journal.csv.4242.tmp"))
        try Data("garbage\n\"unterminated".utf8).write(to: URL(fileURLWithPath: data.path + "/.journal.csv.99999.tmp"))
        let check = data.cli("check")
        #expect(check.code == 0, "\(check.err)")
        #expect(data.cli("payout", period: "2027-02").code == 0)
        data.closeAll(["2027-02"])
        #expect(data.journal().periods == ["2027-01", "2027-02"])
        #expect(data.cli("check").code == 0)
    }

    /// SPEC 8.6: `close` on a six-column journal rewrites it whole (provenance columns added).
    /// Killed at each injected point, the journal is the old six-column one or the complete
    /// upgraded one; a second close finishes the job.
    @Test("a close killed while upgrading a six-column journal leaves it untouched or complete", arguments: points)
    func injectedCrashWhileUpgrading(point: String) throws {
        let binary = try ChannelCompBinary.require()
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        try data.downgradeJournalToSixColumns()
        let before = try #require(data.journalBytes())
        let complete = try Self.reference(data, closing: "2027-02")
        #expect(String(decoding: complete, as: UTF8.self).hasPrefix(JournalTestSupport.closeHeader + "\n"))

        let child = try ChannelCompBinary.start(binary, Self.closeArguments(data, "2027-02"), crashPoint: point)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGKILL)
        expectSameBytes(data.journalBytes(), point == "after-rename" ? complete : before, "killed at \(point)")
        #expect(data.cli("check").code == 0)
        let again = data.close("2027-02")
        #expect(again.code == (point == "after-rename" ? 65 : 0), "\(again.err)")
        expectSameBytes(data.journalBytes(), complete, "after recovery the journal is the complete upgraded one")
    }

    @Test("a close killed with SIGKILL at a random moment while upgrading a six-column journal leaves it unchanged or complete")
    func randomKillWhileUpgrading() throws {
        let binary = try ChannelCompBinary.require()
        let template = try DataFolder()
        template.closeAll(["2027-01"])
        try template.downgradeJournalToSixColumns()
        let before = try #require(template.journalBytes())
        let complete = try Self.reference(template, closing: "2027-02")
        #expect(complete != before)

        let (unchanged, completed) = try Self.killRepeatedly(binary, template: template, closing: "2027-02", before: before, complete: complete)
        print("randomKillWhileUpgrading: \(Self.killIterations) kills, \(unchanged) left the six-column journal unchanged, \(completed) complete")
    }

    /// `CHANNELCOMP_KILL_ITERATIONS` (default 20) sets the number of kills; Fixtures/journal/kill-loop.sh
    /// does the same from the shell.
    static let killIterations = Int(ProcessInfo.processInfo.environment["CHANNELCOMP_KILL_ITERATIONS"] ?? "") ?? 20

    @Test("a close killed with SIGKILL at a random moment leaves the journal unchanged or complete")
    func randomKill() throws {
        let binary = try ChannelCompBinary.require()
        let template = try DataFolder()
        template.closeAll(["2027-01"])
        let before = try #require(template.journalBytes())
        let complete = try Self.reference(template, closing: "2027-02")
        #expect(complete.count > before.count)

        let (unchanged, completed) = try Self.killRepeatedly(binary, template: template, closing: "2027-02", before: before, complete: complete)
        print("randomKill: \(Self.killIterations) kills, \(unchanged) left the journal unchanged, \(completed) complete")
    }

    /// Closes `period` on fresh copies of `template` in child processes killed with SIGKILL
    /// after a random 0–50 ms, `killIterations` times; each journal must be `before` or
    /// `complete`, and `check` must pass. Returns how many of each.
    static func killRepeatedly(_ binary: String, template: DataFolder, closing period: String,
                               before: [UInt8], complete: [UInt8]) throws -> (unchanged: Int, completed: Int) {
        var unchanged = 0
        var completed = 0
        var generator = SystemRandomNumberGenerator()
        for i in 0..<killIterations {
            let data = try template.duplicate()
            let delay = UInt32.random(in: 0...50_000, using: &generator)  // microseconds
            let child = try ChannelCompBinary.start(binary, closeArguments(data, period), crashPoint: nil)
            usleep(delay)
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let after = data.journalBytes()
            if after == before {
                unchanged += 1
            } else if after == complete {
                completed += 1
            } else {
                Issue.record("kill \(i) after \(delay) µs: the journal is neither the old one nor the complete one (\(after?.count ?? -1) bytes)")
            }
            let check = data.cli("check")
            #expect(check.code == 0, "kill \(i) after \(delay) µs: check failed: \(check.err)")
        }
        #expect(unchanged + completed == killIterations)
        return (unchanged, completed)
    }
}
