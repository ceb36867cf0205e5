import ChannelComp
import Foundation

extension ParallelMap {
    /// Threads to use: two where there are two cores (CHANNELCOMP_THREADS overrides; 1 runs
    /// everything on one thread, to compare).
    static var defaultThreads: Int {
        ProcessInfo.processInfo.environment["CHANNELCOMP_THREADS"].flatMap { Int($0) }
            ?? min(2, ProcessInfo.processInfo.activeProcessorCount)
    }
}
