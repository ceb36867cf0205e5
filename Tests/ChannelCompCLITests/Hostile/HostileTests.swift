#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ChannelCompCLI
import Foundation
import Testing

/// Runs every case of `Fixtures/hostile/` in-process and checks what SPEC 5 and issue 7 ask of
/// hostile input: the exit code, a located message (the `expect.txt` lines), no change to the
/// data folder, no partial output folder after a failure, and safe output after a success.
///
/// A trap in any case kills the test process, so "nothing traps" fails loudly; the time limit
/// catches a hang. Example: `deals-zero-quantity` must exit 65 with stderr containing
/// `Fixtures/hostile/deals-zero-quantity/deals.csv:2:`, `quantity` and `0`, and leave the folder's
/// five files byte for byte as they were.
@Suite("Hostile inputs", .timeLimit(.minutes(1)))
struct HostileTests {
    static let cases = HostileCase.discover()

    @Test("hostile case", arguments: cases.filter { !$0.needsUnreadableFile })
    func hostileCase(_ hostile: HostileCase) {
        Self.report(hostile, Self.verify(hostile))
    }

    /// chmod 000 cases need a process that chmod stops: root reads the file anyway.
    @Test("hostile case with an unreadable file",
          .enabled(if: HostileCase.canMakeUnreadable, "running as root: chmod 000 does not stop this process from reading, so the case cannot be staged"),
          arguments: cases.filter(\.needsUnreadableFile))
    func unreadableCase(_ hostile: HostileCase) {
        Self.report(hostile, Self.verify(hostile))
    }

    /// Records the problems; a case with a `known-issue` file runs as a known issue, which
    /// fails once the bug is fixed (no issue recorded), so the file gets deleted then.
    static func report(_ hostile: HostileCase, _ problems: [String]) {
        if let reason = hostile.knownIssue {
            withKnownIssue(Comment(rawValue: reason)) {
                for p in problems { Issue.record(Comment(rawValue: p)) }
            }
        } else {
            for p in problems { Issue.record(Comment(rawValue: p)) }
        }
    }

    // MARK: The corpus itself

    /// At least 40 cases, each complete; the README lists each; every data error is located.
    @Test func corpusIsComplete() throws {
        let cases = Self.cases
        #expect(cases.count >= 40)
        let readme = try String(contentsOf: GoldenCase.packageRoot.appendingPathComponent("Fixtures/hostile/README.md"), encoding: .utf8)
        let located = try Regex(#"\.(csv|json)(:[0-9]+)?:"#)
        for c in cases {
            #expect(c.text("cmd") != nil, "\(c): no cmd")
            let exit = c.text("expected.exit").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(exit.map { [0, 64, 65, 66, 73].contains($0) } == true, "\(c): expected.exit must be 0, 64, 65, 66 or 73")
            let expect = c.lines("expect.txt")
            #expect(!expect.isEmpty, "\(c): expect.txt is empty")
            if exit == 65 {
                #expect(expect.contains { $0.contains(located) }, "\(c): an invalid-data case must check the file (FILE:LINE: or FILE:) in the message")
            }
            #expect(readme.contains("* `\(c.name)` — "), "\(c): not listed in README.md")
        }
    }

    /// The checks can fail: a wrong exit code, a missing substring and a changed data folder are
    /// each reported (here on a scratch case under the temporary folder).
    @Test func checksCanFail() throws {
        // deals-zero-quantity really exits 65; claim 0, a message it does not print, and a figure.
        let c = HostileCase(name: "deals-zero-quantity")
        let problems = Self.verify(c, overrideExit: 0, extraExpect: ["no such text anywhere", "stdout: 932.00"])
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.contains { $0.contains("exit code 65, expected 0") })
        #expect(problems.contains { $0.contains("no such text anywhere") })
    }

    // MARK: Running one case

    /// Runs the case and returns what is wrong (empty: it passes).
    static func verify(_ c: HostileCase, overrideExit: Int32? = nil, extraExpect: [String] = []) -> [String] {
        guard let cmd = c.text("cmd")?.trimmingCharacters(in: .newlines), !cmd.isEmpty else { return ["\(c): no readable cmd"] }
        guard let exitText = c.text("expected.exit"), let fileExit = Int32(exitText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return ["\(c): expected.exit must hold one exit code"]
        }
        let expectedExit = overrideExit ?? fileExit
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("channelcomp-hostile-\(c.name)-\(UUID().uuidString)")
        do { try fm.createDirectory(at: tmp, withIntermediateDirectories: true) } catch { return ["\(c): cannot create \(tmp.path): \(error)"] }
        defer { removeAll(tmp) }
        let places = HostilePlaces(tmp: tmp)

        // Setup: $WORK, generated files, chmod, pre-made --out.
        let setup = c.setup
        let usesWork = cmd.contains("$WORK") || setup.contains { ["generate", "chmod000", "link-to-work"].contains($0.first ?? "") }
        var made: Set<String> = []
        do {
            if usesWork {
                try copyFolder(c.folder, to: places.work)
                made.insert("work")
            }
            for step in setup {
                switch (step.first ?? "", step.count) {
                case ("generate", 3): try HostileGenerator.apply(step[1], to: places.work.appendingPathComponent(step[2]))
                case ("chmod000", 2): chmod(places.work.appendingPathComponent(step[1]).path, 0)
                case ("out-nonempty", 1):
                    try fm.createDirectory(at: places.out, withIntermediateDirectories: false)
                    try Data("mine\n".utf8).write(to: places.out.appendingPathComponent("keep.txt"))
                    made.insert("out")
                case ("out-is-file", 1):
                    try Data("a file, not a folder\n".utf8).write(to: places.out)
                    made.insert("out")
                case ("link-to-work", 2):
                    try fm.createSymbolicLink(at: tmp.appendingPathComponent(step[1]), withDestinationURL: places.work)
                    made.insert(step[1])
                default: throw HostileSetupError("unknown setup line: \(step.joined(separator: " "))")
                }
            }
        } catch {
            return ["\(c): setup failed: \(error)"]
        }

        let arguments = places.fill(cmd).split(separator: " ").map(String.init)
        let expect = (c.lines("expect.txt") + extraExpect).map { places.fill($0).replacingOccurrences(of: "\\n", with: "\n") }
        let outPath = arguments.firstIndex(of: "--out").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }

        let caseBefore = FileSystemSnapshot.take(c.folder)
        let workBefore = usesWork ? FileSystemSnapshot.take(places.work) : [:]
        let outBefore = made.contains("out") ? FileSystemSnapshot.take(places.out) : nil

        _ = WorkingDirectory.packageRoot
        let console = Console()
        let code = ChannelCompCLI.run(arguments, console: console)
        let out = console.out, err = console.err

        var problems: [String] = []
        let shownErr = err.utf8.count > 4000 ? String(err.prefix(4000)) + "…" : err
        if code != expectedExit {
            problems.append("\(c): exit code \(code), expected \(expectedExit); stderr:\n\(shownErr)")
        }

        // The message checks.
        var outFiles: [String: Data] = [:]
        if let outPath, code == 0 { outFiles = files(under: URL(fileURLWithPath: outPath, relativeTo: GoldenCase.packageRoot)) }
        for line in expect {
            if let text = line.dropPrefix("stdout: ") {
                if !out.contains(text) { problems.append("\(c): stdout lacks \(String(reflecting: text)); stdout:\n\(out.prefix(2000))") }
            } else if let text = line.dropPrefix("not: ") {
                if err.contains(text) { problems.append("\(c): stderr must not contain \(String(reflecting: text)); stderr:\n\(shownErr)") }
            } else if let limit = line.dropPrefix("max-stderr: ") {
                if err.utf8.count > Int(limit) ?? 0 { problems.append("\(c): stderr has \(err.utf8.count) bytes, more than \(limit)") }
            } else if let path = line.dropPrefix("out-file: ") {
                if outFiles[path] == nil { problems.append("\(c): --out lacks the file \(path); it holds \(outFiles.keys.sorted())") }
            } else if let text = line.dropPrefix("out-html: ") {
                if !outFiles.contains(where: { $0.key.hasSuffix(".html") && String(decoding: $0.value, as: UTF8.self).contains(text) }) {
                    problems.append("\(c): no HTML page contains \(String(reflecting: text))")
                }
            } else if let text = line.dropPrefix("out-csv: ") {
                if !(outFiles["payouts.csv"].map { String(decoding: $0, as: UTF8.self).contains(text) } ?? false) {
                    problems.append("\(c): payouts.csv lacks \(String(reflecting: text))")
                }
            } else if !err.contains(line) {
                problems.append("\(c): stderr lacks \(String(reflecting: line)); stderr:\n\(shownErr)")
            }
        }

        // The data folder (and its copy) untouched.
        let caseChanges = FileSystemSnapshot.differences(caseBefore, FileSystemSnapshot.take(c.folder))
        if !caseChanges.isEmpty { problems.append("\(c): the case folder changed: \(caseChanges)") }
        if usesWork {
            let workChanges = FileSystemSnapshot.differences(workBefore, FileSystemSnapshot.take(places.work))
            if !workChanges.isEmpty { problems.append("\(c): the data folder $WORK changed: \(workChanges)") }
        }

        // Outputs: nothing after a failure, only inside --out and safe after a success.
        if let outPath {
            let outURL = URL(fileURLWithPath: outPath, relativeTo: GoldenCase.packageRoot).standardizedFileURL
            var left = Set((try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [])
            if code != 0 {
                if let outBefore {
                    let changes = FileSystemSnapshot.differences(outBefore, FileSystemSnapshot.take(places.out))
                    if !changes.isEmpty { problems.append("\(c): the existing --out changed: \(changes)") }
                } else if fm.fileExists(atPath: outURL.path) {
                    problems.append("\(c): the run failed but \(outPath) exists")
                }
            } else {
                if outURL.path.hasPrefix(tmp.path + "/") { left.remove(outURL.pathComponents.dropFirst(tmp.pathComponents.count).first ?? "") }
                problems += safeOutputProblems(c, outFiles: outFiles, folder: outURL, stderr: err)
            }
            let stray = left.subtracting(made)
            if !stray.isEmpty { problems.append("\(c): left behind next to --out: \(stray.sorted())") }
        }
        return problems
    }

    /// Every file under `folder` (relative name → bytes); symlinks and other oddities are
    /// listed under the name `!symlink:<name>` so that the safety check reports them.
    static func files(under folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for (name, entry) in FileSystemSnapshot.take(folder) {
            switch entry {
            case .file(_, let bytes): result[name] = bytes ?? Data()
            case .symlink: result["!symlink:\(name)"] = Data()
            case .directory: break
            }
        }
        return result
    }

    /// A successful `--out`: as many files as it says it wrote, all inside, no symlinks, HTML
    /// escaped, payroll cells that cannot run as formulas.
    ///
    /// Example: `wrote 16 files to …/out` and 16 files + the `.channelcomp-output` marker found;
    /// a person named `=1+1` appears in payouts.csv as `'=1+1`.
    static func safeOutputProblems(_ c: HostileCase, outFiles: [String: Data], folder: URL, stderr: String) -> [String] {
        var problems: [String] = []
        let written = outFiles.keys.filter { $0 != ".channelcomp-output" }
        if let match = stderr.firstMatch(of: /wrote ([0-9]+) files to/), let n = Int(match.1) {
            if n != written.count { problems.append("\(c): says it wrote \(n) files, --out holds \(written.count): \(written.sorted())") }
        } else {
            problems.append("\(c): no 'wrote N files' line on stderr")
        }
        for name in outFiles.keys {
            if name.hasPrefix("!symlink:") { problems.append("\(c): --out holds a symlink \(name)") }
            let resolved = folder.appendingPathComponent(name).standardizedFileURL.path
            if !resolved.hasPrefix(folder.path + "/") { problems.append("\(c): \(name) resolves outside --out") }
        }
        for (name, bytes) in outFiles where name.hasSuffix(".html") {
            let page = String(decoding: bytes, as: UTF8.self).lowercased()
            for banned in ["<script", "<img", "<iframe", "javascript:"] where page.contains(banned) {
                problems.append("\(c): \(name) contains unescaped \(banned)")
            }
        }
        guard let payroll = outFiles["payouts.csv"] else { return problems + ["\(c): no payouts.csv"] }
        do {
            let rows = try StatementFixture.csvRows(String(decoding: payroll, as: UTF8.self))
            let header = rows.first ?? []
            let textColumns = ["payee_id", "name"].compactMap { header.firstIndex(of: $0) }
            if textColumns.count != 2 { problems.append("\(c): payouts.csv header \(header) lacks payee_id or name") }
            for row in rows.dropFirst() {
                for i in textColumns where i < row.count {
                    if let first = row[i].unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
                        problems.append("\(c): payouts.csv cell \(String(reflecting: row[i])) can run as a formula")
                    }
                }
            }
        } catch {
            problems.append("\(c): payouts.csv is not valid CSV: \(error)")
        }
        return problems
    }

    /// Copies a folder's files and sub-folders (contents only: not owners, which a non-root
    /// user cannot set, so `FileManager.copyItem` fails there).
    static func copyFolder(_ from: URL, to: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: to, withIntermediateDirectories: false)
        for name in try fm.contentsOfDirectory(atPath: from.path) {
            let source = from.appendingPathComponent(name)
            if FileSystemSnapshot.isDirectory(source.path) {
                try copyFolder(source, to: to.appendingPathComponent(name))
            } else {
                try Data(contentsOf: source).write(to: to.appendingPathComponent(name))
            }
        }
    }

    /// Deletes a temporary folder, first making chmod 000 files removable again.
    static func removeAll(_ url: URL) {
        for (name, entry) in FileSystemSnapshot.take(url) {
            if case .symlink = entry { continue }
            chmod(url.appendingPathComponent(name).path, 0o755)
        }
        try? FileManager.default.removeItem(at: url)
    }
}

extension String {
    /// The rest after `prefix`, or nil.
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
