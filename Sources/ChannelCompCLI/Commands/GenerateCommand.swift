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
        try write(data, to: out)
        console.print("wrote \(out): deals.csv (\(deals) rows), people.csv, partners.csv, plan.json (seed \(seed)\(data.rosterChanges ? ", roster changes" : ""))")
    }

    static func write(_ data: SyntheticData, to out: String) throws(CommandFailure) {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(.cannotWrite, "\(out): error: cannot create the folder: \(error.localizedDescription)")
        }
        try writeFile(FileSystem.join(out, "people.csv"), Array(data.peopleCSV().utf8))
        try writeFile(FileSystem.join(out, "partners.csv"), Array(data.partnersCSV().utf8))
        try writeFile(FileSystem.join(out, "plan.json"), Array(data.plan.utf8))
        let path = FileSystem.join(out, "deals.csv")
        guard let file = fopen(path, "wb") else {
            throw CommandFailure(.cannotWrite, "\(path): error: cannot create file: \(String(cString: strerror(errno)))")
        }
        var failed = false
        data.writeDeals { buffer in
            if fwrite(buffer, 1, buffer.count, file) != buffer.count { failed = true }
        }
        if fclose(file) != 0 || failed {
            throw CommandFailure(.cannotWrite, "\(path): error: cannot write file: \(String(cString: strerror(errno)))")
        }
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(CommandFailure) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CommandFailure(.cannotWrite, "\(path): error: cannot write file")
        }
    }
}
