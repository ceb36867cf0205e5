import ArgumentParsing
import ChannelComp
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `channelcomp generate`: writes a synthetic data folder (and its plan.json).
enum GenerateCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let out = args.value("out") ?? ""
        guard let deals = Int(args.value("deals") ?? ""), deals >= 1, deals <= 100_000_000 else {
            throw CommandFailure(.usage, "error: option '--deals' expects a whole number of ledger rows from 1 to 100000000, found \(quoted(args.value("deals") ?? ""))\nSee 'channelcomp generate --help'.")
        }
        guard let seed = UInt64(args.value("seed") ?? "1") else {
            throw CommandFailure(.usage, "error: option '--seed' expects a whole number ≥ 0, found \(quoted(args.value("seed") ?? ""))\nSee 'channelcomp generate --help'.")
        }
        var data = SyntheticData(deals: deals, seed: seed)
        data.rosterChanges = args.flag("roster-changes")
        try write(data, to: out, realistic: args.value("shape") == "realistic")
        console.print("wrote \(out): deals.csv (\(deals) rows), people.csv, partners.csv, plan.json (seed \(seed)\(data.rosterChanges ? ", roster changes" : ""))")
    }

    /// Writes the folder whole or not at all: into a hidden sibling first, renamed into place.
    /// An existing folder that holds anything is refused (it may be a real data folder with its
    /// journal); an empty one is replaced.
    static func write(_ data: SyntheticData, to out: String, realistic: Bool = false) throws(CommandFailure) {
        let target = URL(fileURLWithPath: out).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(.cannotWrite, "\(out): error: cannot create the folder: \(error.localizedDescription)")
        }
        if FileSystem.exists(out) {
            guard FileSystem.isDirectory(out) else {
                throw CommandFailure(.cannotWrite, "\(out): error: --out names a file, expected a folder; nothing was written")
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            if !contents.isEmpty {
                throw CommandFailure(.cannotWrite, "\(out): error: the folder is not empty (\(contents.sorted().prefix(3).joined(separator: ", "))\(contents.count > 3 ? ", …" : "")); generate writes only a new or empty folder, so that it never overwrites a real data folder; nothing was written\nhint: choose a new folder, or delete this one first")
            }
        }
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).\(FileSystem.randomHex()).partial").path
        guard mkdir(staging, 0o755) == 0 else {
            throw CommandFailure(.cannotWrite, "\(staging): error: cannot create the folder: \(String(cString: strerror(errno)))")
        }
        do throws(CommandFailure) {
            try writeFile(FileSystem.join(staging, "people.csv"), Array(data.peopleCSV().utf8))
            try writeFile(FileSystem.join(staging, "partners.csv"), Array(data.partnersCSV().utf8))
            try writeFile(FileSystem.join(staging, "plan.json"), Array(data.plan.utf8))
            let path = FileSystem.join(staging, "deals.csv")
            guard let file = fopen(path, "wbx") else {
                throw CommandFailure(.cannotWrite, "\(FileSystem.join(out, "deals.csv")): error: cannot create file: \(String(cString: strerror(errno)))")
            }
            var failed = false
            var shape = realistic ? RealisticShape(seed: data.seed) : nil
            var reshaped: [UInt8] = []
            data.writeDeals { buffer in
                if shape != nil {
                    reshaped.removeAll(keepingCapacity: true)
                    shape!.rewrite(buffer, into: &reshaped)
                    if fwrite(reshaped, 1, reshaped.count, file) != reshaped.count { failed = true }
                } else if fwrite(buffer, 1, buffer.count, file) != buffer.count { failed = true }
            }
            if fflush(file) != 0 || fsync(fileno(file)) != 0 { failed = true }
            if fclose(file) != 0 || failed {
                throw CommandFailure(.cannotWrite, "\(FileSystem.join(out, "deals.csv")): error: cannot write file: \(String(cString: strerror(errno))); nothing was written")
            }
            // rename() replaces only a missing or empty folder: one filled meanwhile makes it fail.
            guard rename(staging, out) == 0 else {
                let reason = errno == ENOTEMPTY || errno == EEXIST ? "the folder is not empty (written meanwhile?)" : String(cString: strerror(errno))
                throw CommandFailure(.cannotWrite, "\(out): error: cannot create the folder: \(reason); nothing was written")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(CommandFailure) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CommandFailure(.cannotWrite, "\(path): error: cannot write file")
        }
    }
}
