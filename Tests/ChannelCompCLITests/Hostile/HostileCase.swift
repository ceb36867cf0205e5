#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ChannelCompCLI
import Foundation

/// One hostile case: a folder under `Fixtures/hostile/` (format in its README.md).
///
/// Example: `Fixtures/hostile/deals-zero-quantity` holds the SPEC 7 data with D1's quantity 0,
/// `cmd` = `check --plan Fixtures/hostile/deals-zero-quantity/plan.json --data Fixtures/hostile/deals-zero-quantity`,
/// `expected.exit` = 65 and `expect.txt` lines `…/deals.csv:2:`, `quantity`, `0`: the run must
/// exit 65 with a message naming deals.csv line 2, the column and the value.
struct HostileCase: CustomStringConvertible, Sendable {
    static let suite = "Fixtures/hostile"

    /// The folder name (`deals-zero-quantity`).
    var name: String
    var description: String { name }

    /// `Fixtures/hostile/<name>`, relative to the package root.
    var relativePath: String { "\(Self.suite)/\(name)" }
    var folder: URL { GoldenCase.packageRoot.appendingPathComponent(relativePath) }

    /// Every case folder, sorted (folders without `cmd` included, so that they fail).
    static func discover() -> [HostileCase] {
        let dir = GoldenCase.packageRoot.appendingPathComponent(suite)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return entries.filter { !$0.hasPrefix(".") && FileSystemSnapshot.isDirectory(dir.appendingPathComponent($0).path) }
            .sorted().map { HostileCase(name: $0) }
    }

    func text(_ file: String) -> String? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// The lines of an optional file, without blank lines and `#` comments.
    func lines(_ file: String) -> [String] {
        (text(file) ?? "").split(separator: "\n", omittingEmptySubsequences: true)
            .map(String.init).filter { !$0.hasPrefix("#") }
    }

    var setup: [[String]] { lines("setup").map { $0.split(separator: " ").map(String.init) } }

    /// The case needs a file the process cannot read (`chmod000` in `setup`).
    var needsUnreadableFile: Bool { setup.contains { $0.first == "chmod000" } }

    /// The reason of a known bug (`known-issue`), if any.
    var knownIssue: String? {
        text("known-issue")?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True when chmod 000 really stops this process from reading a file (false as root).
    static let canMakeUnreadable: Bool = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("channelcomp-hostile-probe-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: Data("x".utf8)) else { return false }
        defer { unlink(path) }
        chmod(path, 0)
        let fd = open(path, O_RDONLY)
        if fd >= 0 { close(fd); return false }
        return true
    }()
}

/// Paths made for one run: `$TMP`, `$OUT` = `$TMP/out`, `$WORK` = `$TMP/work`.
struct HostilePlaces {
    var tmp: URL
    var out: URL { tmp.appendingPathComponent("out") }
    var work: URL { tmp.appendingPathComponent("work") }

    func fill(_ text: String) -> String {
        text.replacingOccurrences(of: "$OUT", with: out.path)
            .replacingOccurrences(of: "$WORK", with: work.path)
            .replacingOccurrences(of: "$TMP", with: tmp.path)
    }
}

/// Big inputs, made by the test rather than committed.
enum HostileGenerator {
    static let megabyte = 1 << 20

    /// Rewrites `file` (a copy of the SPEC 7 file) as `kind` asks.
    ///
    /// Example: `deals-1mb-field` turns `D1,2027-01-10,A1,…` into `D1,2027-01-10,AAAA…A,…`
    /// with 1,048,576 `A`s as D1's account.
    static func apply(_ kind: String, to file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let result: String
        switch kind {
        case "deals-1mb-field":
            result = try replaceOnce(text, ",A1,", "," + String(repeating: "A", count: megabyte) + ",")
        case "deals-1mb-number":
            result = try replaceOnce(text, "WIDGET,10,1000", "WIDGET," + String(repeating: "1", count: megabyte) + ",1000")
        case "deals-1mb-commas":
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines.insert(String(repeating: ",", count: megabyte), at: 2)  // becomes line 3
            result = lines.joined(separator: "\n")
        case "plan-nested-10000":
            result = try replaceOnce(text, "\"FY2027 channel-neutral\"",
                                     String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
        default:
            throw HostileSetupError("unknown generator \(kind)")
        }
        try Data(result.utf8).write(to: file)
    }

    static func replaceOnce(_ text: String, _ old: String, _ new: String) throws -> String {
        guard let range = text.range(of: old) else { throw HostileSetupError("generator: \(old) not found") }
        return text.replacingCharacters(in: range, with: new)
    }
}

struct HostileSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Every file and folder under a path: relative name → kind, permission bits and bytes.
///
/// Example: a data folder with `deals.csv` (375 bytes) gives
/// `["deals.csv": .file(mode: 0o644, bytes: 375 bytes)]`; the same folder after a run that wrote
/// `statements/` compares unequal.
enum FileSystemSnapshot {
    enum Entry: Equatable {
        case file(mode: UInt32, bytes: Data?)
        case directory(mode: UInt32)
        case symlink(target: String)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    static func take(_ root: URL) -> [String: Entry] {
        var result: [String: Entry] = [:]
        func visit(_ url: URL, _ relative: String) {
            var st = stat()
            guard lstat(url.path, &st) == 0 else { return }
            let mode = UInt32(st.st_mode) & 0o7777
            switch st.st_mode & S_IFMT {
            case S_IFLNK:
                result[relative] = .symlink(target: (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?")
            case S_IFDIR:
                result[relative] = .directory(mode: mode)
                for child in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
                    visit(url.appendingPathComponent(child), relative.isEmpty ? child : relative + "/" + child)
                }
            default:
                result[relative] = .file(mode: mode, bytes: FileManager.default.contents(atPath: url.path))
            }
        }
        visit(root, "")
        return result
    }

    /// The names that differ between two snapshots (added, removed or changed).
    static func differences(_ before: [String: Entry], _ after: [String: Entry]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted().map { name in
            switch (before[name], after[name]) {
            case (nil, _): return "+\(name)"
            case (_, nil): return "-\(name)"
            default: return "~\(name)"
            }
        }
    }
}
