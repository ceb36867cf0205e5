import ChannelComp
@testable import ChannelCompCLI
import Foundation
import Testing

/// `payout --out` makes each payee's statement on its own thread: the files must be the ones
/// one thread makes, byte for byte and in the same order.
@Suite("Statements on two threads")
struct ParallelStatementsTests {
    @Test("two threads write the files of one thread", arguments: ["Fixtures/realistic-shape", "Fixtures/roster-changes"])
    func sameFiles(folder: String) throws {
        let inputs = try InputLoader.load(planPath: JournalTestSupport.path(folder + "/plan.json"),
                                          dataDirectory: JournalTestSupport.path(folder), console: Console())
        for period in ["2027-03", "2027-12"] {
            let run = try PayoutCommand.compute(inputs, period: Period(parsing: period)!, details: true)
            let one = StatementWriter.files(run, inputs: inputs, threads: 1)
            let two = StatementWriter.files(run, inputs: inputs, threads: 2)
            #expect(one.map(\.name) == two.map(\.name))
            #expect(zip(one, two).allSatisfy { $0.bytes == $1.bytes }, "\(folder) \(period): contents differ")
            // Not vacuous: a statement per payee, text and HTML, plus the index and payouts.csv.
            #expect(one.count == 2 + 2 * (run.people.count + run.partners.count) && run.people.count >= 3)
        }
    }
}
