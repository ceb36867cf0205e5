#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Wall-clock time per phase of a run, printed on stderr when `CHANNELCOMP_TIMINGS=1`
/// (the benchmark reads it). Seconds here are timing only, never money.
final class PhaseTimer: @unchecked Sendable {
    static let enabled = ProcessInfo.processInfo.environment["CHANNELCOMP_TIMINGS"] == "1"
    private var current: String?
    private var started: UInt64 = 0
    private var phases: [(String, UInt64)] = []
    /// Peak resident memory (MiB) when each phase ended, to see which phase sets the peak.
    private var peaks: [(String, Int)] = []
    private let lock = NSLock()

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Ends the running phase (if any) and starts `name` ("done" only ends).
    func mark(_ name: String) {
        guard PhaseTimer.enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let t = PhaseTimer.now()
        if let current {
            phases.append((current, t - started))
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            peaks.append((current, Int(usage.ru_maxrss) / 1024))
        }
        current = name == "done" ? nil : name
        started = t
    }

    /// `timing: read=0.041 parse=0.512 …` (seconds, for machines to read).
    func report(to console: Console) {
        guard PhaseTimer.enabled else { return }
        mark("done")
        let text = phases.map { "\($0.0)=\(PhaseTimer.seconds($0.1))" }.joined(separator: " ")
        console.error("timing: \(text)")
        console.error("peak-mib: " + peaks.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }

    static func seconds(_ nanoseconds: UInt64) -> String {
        let ms = nanoseconds / 1_000_000
        let whole = ms / 1000
        let frac = ms % 1000
        return "\(whole)." + String(repeating: "0", count: 3 - String(frac).count) + String(frac)
    }
}
