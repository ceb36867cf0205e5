import Dispatch
import Foundation

/// `(0..<count).map(body)` on up to `threads` threads, results in order: for independent
/// pieces of output such as one statement per payee.
///
///     ParallelMap.map(count: 3, threads: 2) { $0 * 10 }  // [0, 10, 20]
///
/// Each thread takes the next index as it finishes one, so a few slow items do not leave a
/// core idle. `threads` ≤ 1 (or one item) runs on the calling thread.
enum ParallelMap {
    static func map<T: Sendable>(count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard threads > 1, count > 1 else { return (0..<count).map(body) }
        let work = Work<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while let i = work.take() { work.put(i, body(i)) }
        }
        return work.results()
    }

    /// The next index and the results, behind one lock.
    private final class Work<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [T?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func take() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < slots.count else { return nil }
            next += 1
            return next - 1
        }

        func put(_ i: Int, _ value: T) {
            lock.lock(); defer { lock.unlock() }
            slots[i] = value
        }

        func results() -> [T] {
            lock.lock(); defer { lock.unlock() }
            return slots.map { $0! }
        }
    }

    /// Threads to use: two where there are two cores (CHANNELCOMP_THREADS overrides).
    static var defaultThreads: Int {
        ProcessInfo.processInfo.environment["CHANNELCOMP_THREADS"].flatMap { Int($0) }
            ?? min(2, ProcessInfo.processInfo.activeProcessorCount)
    }
}
