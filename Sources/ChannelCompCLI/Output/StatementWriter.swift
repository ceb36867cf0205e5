import ChannelComp
import Foundation

/// The files of `payout --out` (SPEC 4.2): a statement per payee as text and HTML, an index
/// page and payouts.csv, all rendered from one run so they agree with the summary to the cent.
///
/// Sample 2027-03: `payouts.csv`, `index.html`, `people/alice.txt`, `people/alice.html`, …,
/// `partners/P-ATLAS.txt`, `partners/P-ATLAS.html`, … — 2 + 2 × (12 + 5) = 36 files.
enum StatementWriter {
    /// Makes every file and hands each to `sink` as soon as it is made — statements on both
    /// cores, so `sink` is called from either thread — and returns every name in order:
    /// payouts.csv, index.html, then each payee's text and HTML (people, then partners).
    ///
    /// A million-row run writes ≈ 140 MB of statements: handed on one by one, they are never all
    /// in memory at once. The first error `sink` throws stops the writing and is rethrown.
    static func write(_ run: PayoutRun, inputs: Inputs, payroll: PayrollCSV.Options = PayrollCSV.Options(),
                      threads: Int = ParallelMap.defaultThreads, to sink: FileSink) throws -> [String] {
        let ctx = StatementContext(run: run, inputs: inputs)
        // The run's passes freed their working arrays; the statements' strings reuse the space.
        Memory.returnFreed()
        let personStems = StatementFileName.uniqueStems(run.people.map(\.id.rawValue))
        let partnerStems = StatementFileName.uniqueStems(run.partners.map(\.id.rawValue))
        let people = run.people.count
        // Each payee's statement is independent of the others: made on both cores.
        let made = ParallelMap.map(count: people + run.partners.count, threads: threads) { k -> Result<Made, any Error> in
            Result {
                let doc: StatementDocument
                let base: String
                let link: StatementLink
                if k < people {
                    let p = run.people[k]
                    doc = PersonStatement.document(p, ctx)
                    base = "people/\(personStems[k])"
                    link = StatementLink(payeeType: .person, id: p.id.rawValue, name: p.name, detail: p.role,
                                         earnedYTD: p.earnedYTD, paidToDate: p.paidToDate, payout: p.payout,
                                         html: base + ".html", text: base + ".txt")
                } else {
                    let p = run.partners[k - people]
                    doc = PartnerStatement.document(p, ctx)
                    base = "partners/\(partnerStems[k - people])"
                    link = StatementLink(payeeType: .partner, id: p.id.rawValue, name: p.name,
                                         detail: LevelStanding(p, ctx).levelText,
                                         earnedYTD: p.earnedYTD, paidToDate: p.paidToDate, payout: p.payout,
                                         html: base + ".html", text: base + ".txt")
                }
                try sink.put(base + ".txt", StatementText.bytes(doc).bytes)
                try sink.put(base + ".html", StatementHTML.bytes(doc, indexHref: "../index.html").bytes)
                // A payee's statement is megabytes of short-lived strings on either thread's heap:
                // handed back to the system now and then, or the peak creeps up with each large one.
                if k % 16 == 15 { Memory.returnFreed() }
                return Made(link: link)
            }
        }
        var links: [StatementLink] = []
        for m in made { links.append(try m.get().link) }
        try sink.put("payouts.csv", Array(PayrollCSV.render(run, options: payroll).utf8))
        try sink.put("index.html", Array(StatementIndex.render(links, ctx).utf8))
        return ["payouts.csv", "index.html"] + links.flatMap { [$0.text, $0.html] }
    }

    /// Every file in memory, in order (for tests and small runs).
    static func files(_ run: PayoutRun, inputs: Inputs, payroll: PayrollCSV.Options = PayrollCSV.Options(),
                      threads: Int = ParallelMap.defaultThreads) -> [(name: String, bytes: [UInt8])] {
        let collected = FileSink.Collector()
        let names = (try? write(run, inputs: inputs, payroll: payroll, threads: threads, to: FileSink(collected.put))) ?? []
        return names.map { (name: $0, bytes: collected.bytes($0)) }
    }

    /// One payee's index entry (its files are already with the sink).
    private struct Made: Sendable {
        var link: StatementLink
    }
}

/// Where made files go: a folder being staged, or memory. Called from several threads at once.
final class FileSink: Sendable {
    let put: @Sendable (_ name: String, _ bytes: [UInt8]) throws -> Void

    init(_ put: @escaping @Sendable (_ name: String, _ bytes: [UInt8]) throws -> Void) { self.put = put }

    func put(_ name: String, _ bytes: [UInt8]) throws { try put(name, bytes) }

    /// Files kept in memory by name.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [String: [UInt8]] = [:]

        func put(_ name: String, _ bytes: [UInt8]) {
            lock.lock(); defer { lock.unlock() }
            files[name] = bytes
        }

        func bytes(_ name: String) -> [UInt8] {
            lock.lock(); defer { lock.unlock() }
            return files[name] ?? []
        }
    }
}
