// channelcomp-bench: end-to-end benchmark of `channelcomp payout --format csv` (and `check`)
// over generated data folders of several sizes. Build and run in release mode:
//
//     swift build -c release && .build/release/channelcomp-bench --sizes 100000,1000000,5000000
//
// For each shape (`plain`: the generator's own layout; `realistic`: `generate --shape
// realistic`, laid out like CRM exports) and size it generates (or reuses) a data folder with
// `channelcomp generate`, runs the real binary in a child process for each command asked
// (`--commands payout,check,statements,audit,compare,explain` or `all`; default payout,check;
// also `audit-csv` and `audit-json`, the machine-readable audits, which `all` leaves out),
// in `--runs` rounds of every command in turn, and reports the best wall time, rows/s, the
// highest peak resident memory of the child (wait4's rusage) over the runs, the time relative
// to the plain payout of the same folder, and the per-phase times the binary prints with
// CHANNELCOMP_TIMINGS=1.
// Seconds and ratios here are measurements, never money.
#if canImport(Glibc)
import Glibc
#endif
import Foundation

struct Options {
    var sizes = [100_000, 1_000_000, 5_000_000]
    var dataRoot = "/tmp/channelcomp-bench"
    var runs = 3
    var binary: String
    var period = "2027-12"
    var shapes = ["plain", "realistic"]
    var commands = ["payout", "check"]
}

func parseOptions() -> Options {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var options = Options(binary: executable.deletingLastPathComponent().appendingPathComponent("channelcomp").path)
    var args = Array(CommandLine.arguments.dropFirst())
    while !args.isEmpty {
        let flag = args.removeFirst()
        let value = args.isEmpty ? "" : args.removeFirst()
        switch flag {
        case "--sizes": options.sizes = value.split(separator: ",").compactMap { Int($0) }
        case "--data": options.dataRoot = value
        case "--runs": options.runs = max(1, Int(value) ?? 3)
        case "--binary": options.binary = value
        case "--period": options.period = value
        case "--shapes": options.shapes = value.split(separator: ",").map(String.init)
        case "--commands":
            options.commands = value == "all" ? ["payout", "check", "statements", "audit", "compare", "explain"]
                : value.split(separator: ",").map(String.init)
        default:
            FileHandle.standardError.write("usage: channelcomp-bench [--sizes N,N,…] [--shapes plain,realistic] [--commands payout,check,statements,audit,audit-csv,audit-json,compare,explain|all] [--data DIR] [--runs K] [--binary PATH] [--period YYYY-MM]\n".data(using: .utf8)!)
            exit(64)
        }
    }
    return options
}

struct Measurement {
    var wallNanoseconds: UInt64
    var peakKilobytes: Int
    var phases: String
    var status: Int32
}

func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Runs the binary with `arguments`, stdout to /dev/null, stderr captured; wall time and peak RSS of the child.
func measure(_ binary: String, _ arguments: [String]) -> Measurement {
    let errPath = "/tmp/channelcomp-bench-\(getpid()).err"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([binary] + arguments).map { strdup($0) } + [nil]
    var environment = ProcessInfo.processInfo.environment
    environment["CHANNELCOMP_TIMINGS"] = "1"
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    var pid: pid_t = 0
    let start = now()
    let spawned = posix_spawn(&pid, binary, &actions, nil, argv, envp)
    guard spawned == 0 else {
        print("cannot run \(binary): \(String(cString: strerror(spawned)))")
        exit(1)
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let wall = now() - start
    argv.forEach { free($0) }
    envp.forEach { free($0) }
    posix_spawn_file_actions_destroy(&actions)
    let stderrText = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    unlink(errPath)
    let timing = stderrText.split(separator: "\n").last { $0.hasPrefix("timing: ") }.map { String($0.dropFirst(8)) } ?? ""
    return Measurement(wallNanoseconds: wall, peakKilobytes: Int(usage.ru_maxrss), phases: timing, status: status)
}

/// `value / divisor` printed with `places` decimals, in integer arithmetic (no floating point
/// anywhere in this project, measurements included).
func fixed(_ value: UInt64, over divisor: UInt64, places: Int) -> String {
    var scale: UInt64 = 1
    for _ in 0..<places { scale *= 10 }
    let scaled = (value * scale + divisor / 2) / max(divisor, 1)
    let whole = scaled / scale
    let fraction = String(scaled % scale)
    return places == 0 ? String(whole) : "\(whole)." + String(repeating: "0", count: places - fraction.count) + fraction
}

func seconds(_ ns: UInt64) -> String { fixed(ns, over: 1_000_000_000, places: 3) }

let options = parseOptions()
guard FileManager.default.isExecutableFile(atPath: options.binary) else {
    print("channelcomp binary not found at \(options.binary): build it first (swift build -c release)")
    exit(66)
}
var uts = utsname()
uname(&uts)
let machine = withUnsafeBytes(of: &uts.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
print("channelcomp-bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB, \(machine); best wall time of \(options.runs) rounds (each command once a round), highest peak memory; period \(options.period)")
print("")
print("| shape | rows | deals.csv MiB | command | wall s | rows/s | peak RSS MiB | RSS / deals.csv | × payout | phases (s) |")
print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |")
for shape in options.shapes {
    for size in options.sizes {
        let folder = shape == "plain" ? "\(options.dataRoot)/\(size)" : "\(options.dataRoot)/\(shape)-\(size)"
        let deals = "\(folder)/deals.csv"
        if !FileManager.default.fileExists(atPath: deals) {
            let g = measure(options.binary, ["generate", "--out", folder, "--deals", String(size), "--seed", "1", "--shape", shape])
            guard g.status == 0 else { print("generate failed for \(shape) \(size)"); exit(1) }
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: deals)[.size] as? Int) ?? 0
        let plan = "\(folder)/plan.json"
        let base = ["--plan", plan, "--data", folder, "--period", options.period]
        // Each statements run writes a folder of its own, all removed when the benchmark ends:
        // ext4 does not reuse an inode for minutes after its file is deleted, so removing one
        // run's thousands of files just before the next made that run's file creation scan past
        // them (a million-row run took 5.5 s instead of 4.5 s after such a removal).
        var statementsRun = 0
        func statementsOut() -> String {
            statementsRun += 1
            let folder = "\(options.dataRoot)/statements-\(getpid())/\(shape)-\(size)-\(statementsRun)"
            return folder
        }
        func arguments(_ command: String) -> [String] {
            switch command {
            case "payout": return ["payout"] + base + ["--format", "csv"]
            case "statements": return ["payout"] + base + ["--format", "csv", "--out", statementsOut()]
            case "check": return ["check", "--plan", plan, "--data", folder]
            case "audit": return ["audit"] + base
            case "audit-csv": return ["audit"] + base + ["--format", "csv"]
            case "audit-json": return ["audit"] + base + ["--format", "json"]
            case "compare": return ["compare", "--plan", plan, "--plan", plan, "--data", folder, "--period", options.period]
            case "explain": return ["explain"] + base + ["--payee", "rep00001"]
            default: print("unknown command \(command)"); exit(64)
            }
        }
        // Rounds of every command in turn, not each command's runs one after another: this
        // machine's speed drifts by a third within minutes, and a ratio to `payout` is only
        // fair when both were sampled across the same stretch. Wall time: the best run; peak
        // memory: the highest of all runs.
        var best: [String: Measurement] = [:]
        var peak: [String: Int] = [:]
        for _ in 0..<options.runs {
            for command in options.commands {
                let m = measure(options.binary, arguments(command))
                guard m.status == 0 else { print("\(command) failed for \(shape) \(size) (status \(m.status))"); exit(1) }
                if best[command] == nil || m.wallNanoseconds < best[command]!.wallNanoseconds { best[command] = m }
                peak[command] = max(peak[command] ?? 0, m.peakKilobytes)
            }
        }
        let payoutWall = best["payout"]?.wallNanoseconds
        for command in options.commands {
            let b = best[command]!
            let kilobytes = peak[command] ?? b.peakKilobytes
            let rowsPerSecond = fixed(UInt64(size) * 1_000_000_000, over: b.wallNanoseconds, places: 0)
            let megabytes = fixed(UInt64(bytes), over: 1_048_576, places: 1)
            let rss = fixed(UInt64(kilobytes), over: 1024, places: 0)
            let ratio = fixed(UInt64(kilobytes) * 1024, over: UInt64(max(bytes, 1)), places: 2)
            let relative = payoutWall.map { fixed(b.wallNanoseconds, over: $0, places: 2) } ?? ""
            print("| \(shape) | \(size) | \(megabytes) | \(command) | \(seconds(b.wallNanoseconds)) | \(rowsPerSecond) | \(rss) | \(ratio) | \(relative) | \(b.phases) |")
        }
    }
}
try? FileManager.default.removeItem(atPath: "\(options.dataRoot)/statements-\(getpid())")
