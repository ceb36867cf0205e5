import Dispatch
import Foundation

/// `(0..<count).map(body)` on up to `threads` threads, results in order: for independent
/// pieces of output such as one statement per payee.
///
///     ParallelMap.map(count: 3, threads: 2) { $0 * 10 }  // [0, 10, 20]
///
/// Each thread takes the next index as it finishes one, so a few slow items do not leave a
/// core idle. `threads` ≤ 1 (or one item) runs on the calling thread.
public enum ParallelMap {
    public static func map<T: Sendable>(count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard threads > 1, count > 1 else { return (0..<count).map(body) }
        let work = Work<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while let i = work.take() { work.put(i, body(i)) }
        }
        return work.results()
    }

    /// `(a(), b())`, the two on two threads when `threads` > 1: for two independent parts of a
    /// report, such as plan A's run and plan B's.
    ///
    ///     let (x, y) = ParallelMap.both(threads: 2, { 6 * 7 }, { "b" })  // (42, "b")
    public static func both<A: Sendable, B: Sendable>(threads: Int, _ a: @escaping @Sendable () -> A,
                                                      _ b: @escaping @Sendable () -> B) -> (A, B) {
        guard threads > 1 else { return (a(), b()) }
        let results = map(count: 2, threads: 2) { i -> Either<A, B> in i == 0 ? .first(a()) : .second(b()) }
        guard case .first(let x) = results[0], case .second(let y) = results[1] else { preconditionFailure("results out of order") }
        return (x, y)
    }

    private enum Either<A: Sendable, B: Sendable>: Sendable { case first(A), second(B) }

    /// `count` chunks of work on up to `threads` threads, each thread folding the chunks it
    /// takes into one value of its own (`combine(&mine, chunk(k))`): the threads' values, at
    /// most one per thread, for sums whose order does not matter. Each thread takes the next
    /// chunk as it finishes one, so chunks of uneven cost still keep both cores busy to the end,
    /// and at most one value per thread is held however many chunks there are.
    ///
    ///     ParallelMap.fold(chunks: 4, threads: 2, { $0 + 1 }, { $0 += $1 })  // e.g. [6, 4]: 10 in all
    public static func fold<T: Sendable>(chunks count: Int, threads: Int, _ chunk: @escaping @Sendable (Int) -> T,
                                         _ combine: @escaping @Sendable (inout T, T) -> Void) -> [T] {
        guard count > 0 else { return [] }
        let work = Work<T>(count: 0)
        return map(count: max(1, min(threads, count)), threads: threads) { _ -> T? in
            var mine: T? = nil
            while let k = work.take(below: count) {
                let value = chunk(k)
                if mine == nil { mine = value } else { combine(&mine!, value) }
            }
            return mine
        }.compactMap { $0 }
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

        /// The next index below `count` (for ``fold(chunks:threads:_:_:)``, whose slots are unused).
        func take(below count: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < count else { return nil }
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
}
