import ChannelCompCLI
import Foundation

/// One golden case: a folder under `Fixtures/golden/` or `Fixtures/errors/` holding `cmd`
/// (one line of `channelcomp` arguments) and the expected `stdout`, `stderr` and exit code.
///
/// Example: `Fixtures/golden/spec-example-2027-01/cmd` reads
/// `payout --plan Fixtures/spec-example/plan.json --data Fixtures/spec-example --period 2027-01 --format csv`;
/// running it prints the 4-line CSV of SPEC 7 (`person,ann,2027-01,18640.00,…,932.00,USD` …),
/// nothing on stderr, exit 0 — exactly the three `expected.*` files.
struct GoldenCase {
    /// The folder, relative to the package root (`Fixtures/golden/spec-example-2027-01`).
    var name: String
    var folder: URL

    static let stdoutFile = "expected.stdout"
    static let stderrFile = "expected.stderr"
    static let exitFile = "expected.exit"

    /// What one in-process run printed and returned.
    struct Outcome: Equatable {
        var stdout: String
        var stderr: String
        var exit: Int32
    }

    // MARK: Locations

    /// The package root: this file is `<root>/Tests/ChannelCompCLITests/Golden/GoldenCase.swift`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Golden
        .deletingLastPathComponent()  // ChannelCompCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // <root>

    /// The folders whose sub-folders are cases.
    static let suites = ["Fixtures/golden", "Fixtures/errors"]

    /// True when `CHANNELCOMP_RECORD=1`: the run rewrites the expected files instead of comparing.
    static var recording: Bool { ProcessInfo.processInfo.environment["CHANNELCOMP_RECORD"] == "1" }

    /// Every sub-folder of the suites, sorted, as paths relative to the package root
    /// (folders without `cmd` included, so that a forgotten `cmd` fails instead of vanishing).
    static func discover(root: URL = packageRoot) -> [String] {
        var names: [String] = []
        let fm = FileManager.default
        for suite in suites {
            let dir = root.appendingPathComponent(suite)
            guard let entries = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
            for entry in entries where !entry.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: dir.appendingPathComponent(entry).path, isDirectory: &isDirectory), isDirectory.boolValue {
                    names.append("\(suite)/\(entry)")
                }
            }
        }
        return names.sorted()
    }

    init(name: String, root: URL = packageRoot) {
        self.name = name
        self.folder = root.appendingPathComponent(name)
    }

    // MARK: Running

    /// The `cmd` line split on spaces, or why it cannot be used.
    func arguments() -> Result<[String], GoldenProblem> {
        let file = folder.appendingPathComponent("cmd")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            return .failure(GoldenProblem("\(name): no readable `cmd` file (one line of channelcomp arguments)"))
        }
        var line = Substring(text)
        if line.hasSuffix("\n") { line = line.dropLast() }
        if line.contains("\n") || line.contains("\t") || line.contains("\r") {
            return .failure(GoldenProblem("\(name)/cmd: must be one line of arguments separated by single spaces"))
        }
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if line.isEmpty || words.contains("") {
            return .failure(GoldenProblem("\(name)/cmd: must be one line of arguments separated by single spaces, found \(String(reflecting: String(line)))"))
        }
        return .success(words)
    }

    /// Runs `channelcomp <cmd>` in-process with the package root as the current directory.
    static func run(_ arguments: [String]) -> Outcome {
        _ = WorkingDirectory.packageRoot
        let console = Console()
        let code = ChannelCompCLI.run(arguments, console: console)
        // Messages naming the current folder (the package root here) are kept machine-independent.
        func portable(_ s: String) -> String { s.replacingOccurrences(of: packageRoot.path, with: "<package root>") }
        return Outcome(stdout: portable(console.out), stderr: portable(console.err), exit: code)
    }

    // MARK: Expected files

    /// The expected outcome, or the list of expected files that are missing or unreadable.
    func expected() -> Result<Outcome, GoldenProblem> {
        var missing: [String] = []
        func read(_ file: String) -> String? {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else {
                missing.append(file)
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                missing.append("\(file) (not UTF-8)")
                return nil
            }
            return text
        }
        let out = read(Self.stdoutFile)
        let err = read(Self.stderrFile)
        let exitText = read(Self.exitFile)
        guard let out, let err, let exitText, missing.isEmpty else {
            return .failure(GoldenProblem(
                "\(name): missing expected file(s): \(missing.joined(separator: ", ")); run with CHANNELCOMP_RECORD=1 to record them, then review the diff"))
        }
        guard let code = Int32(exitText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return .failure(GoldenProblem("\(name)/\(Self.exitFile): expected one line holding the exit code, found \(String(reflecting: exitText))"))
        }
        return .success(Outcome(stdout: out, stderr: err, exit: code))
    }

    /// Writes the outcome as the case's expected files.
    func record(_ outcome: Outcome) throws {
        try Data(outcome.stdout.utf8).write(to: folder.appendingPathComponent(Self.stdoutFile))
        try Data(outcome.stderr.utf8).write(to: folder.appendingPathComponent(Self.stderrFile))
        try Data("\(outcome.exit)\n".utf8).write(to: folder.appendingPathComponent(Self.exitFile))
    }

    // MARK: Verifying

    /// Runs the case and compares (or, with `record`, re-records). Returns the problems found;
    /// an empty list means the case passes.
    ///
    /// A case with `cmd` but no expected files is a problem, never a silent pass.
    func verify(record: Bool = GoldenCase.recording) -> [GoldenProblem] {
        let arguments: [String]
        switch self.arguments() {
        case .failure(let problem): return [problem]
        case .success(let a): arguments = a
        }
        let actual = Self.run(arguments)
        if record {
            do { try self.record(actual) } catch { return [GoldenProblem("\(name): cannot record: \(error)")] }
            return []
        }
        let expected: Outcome
        switch self.expected() {
        case .failure(let problem): return [problem]
        case .success(let e): expected = e
        }
        var problems: [GoldenProblem] = []
        if actual.exit != expected.exit {
            problems.append(GoldenProblem("\(name): exit code \(actual.exit), expected \(expected.exit)"))
        }
        if actual.stdout != expected.stdout {
            problems.append(GoldenProblem("\(name): stdout differs from \(Self.stdoutFile):\n" + Self.diff(expected: expected.stdout, actual: actual.stdout)))
        }
        if actual.stderr != expected.stderr {
            problems.append(GoldenProblem("\(name): stderr differs from \(Self.stderrFile):\n" + Self.diff(expected: expected.stderr, actual: actual.stderr)))
        }
        return problems
    }

    /// A short line diff: the first differing line of each side and some context.
    static func diff(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var i = 0
        while i < min(e.count, a.count) && e[i] == a[i] { i += 1 }
        var lines: [String] = ["  first difference at line \(i + 1) (expected \(e.count - 1) lines, got \(a.count - 1)); expected:"]
        for j in i..<min(i + 6, e.count) { lines.append("  - \(e[j])") }
        lines.append("  actual:")
        for j in i..<min(i + 6, a.count) { lines.append("  + \(a[j])") }
        return lines.joined(separator: "\n")
    }
}

/// Why a golden case failed.
struct GoldenProblem: Error, CustomStringConvertible, Equatable {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Moves the process into the package root once, so the relative paths of `cmd` (and the
/// messages that echo them) resolve as they do for a user in the checkout. Every golden run
/// wants the same directory, and nothing else changes it, so concurrent runs are safe.
enum WorkingDirectory {
    static let packageRoot: Bool = FileManager.default.changeCurrentDirectoryPath(GoldenCase.packageRoot.path)
}
