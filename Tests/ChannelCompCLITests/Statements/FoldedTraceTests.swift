@testable import ChannelComp
@testable import ChannelCompCLI
import Foundation
import Testing

/// Statements ask for their trace with `foldAbove`: lists they fold are made with amounts only.
/// What the statement prints — the folded tree, its counts and its checks — must be exactly
/// what the trace in words gives, for every payee.
@Suite("Statement traces: amounts-only lists fold to the same tree")
struct FoldedTraceTests {
    /// label · amount · formula · note · sources · aside, children indented.
    static func describe(_ n: TraceNode, _ depth: Int = 0) -> String {
        var s = String(repeating: " ", count: depth) + "\(n.label) · \(n.amount.map { "\($0)" } ?? "-") · \(n.formula) · \(n.note) · \(n.sources.count) · \(n.aside)\n"
        for c in n.children { s += describe(c, depth + 1) }
        return s
    }

    @Test("every payee of a generated ledger with long lists")
    func sameFoldedTree() throws {
        let dir = try GenerateTests.generate(6000, seed: 3, shape: "realistic")
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = try InputLoader.load(planPath: dir.appendingPathComponent("plan.json").path, dataDirectory: dir.path, console: Console())
        let run = try PayoutCommand.compute(inputs, period: Period(parsing: "2027-12")!, details: true)
        var folded = 0, partnersFolded = 0
        for id in Explain.payeeIDs(run) {
            let words = try Explain.trace(payee: id, run: run, plan: inputs.plan, roster: inputs.roster, ledger: inputs.ledger, journal: inputs.journal)
            let amounts = try Explain.trace(payee: id, run: run, plan: inputs.plan, roster: inputs.roster, ledger: inputs.ledger,
                                            journal: inputs.journal, foldAbove: StatementTrace.foldAbove)
            #expect(words.count == amounts.count)
            for (w, a) in zip(words, amounts) {
                let x = StatementTrace(w), y = StatementTrace(a)
                #expect(x.problems.isEmpty && y.problems.isEmpty, "\(id): \(x.problems) \(y.problems)")
                #expect(x.count == y.count && x.foldedCount == y.foldedCount, "\(id)")
                #expect(Self.describe(x.root) == Self.describe(y.root), "\(id): folded trees differ")
                #expect(x.context.map { Self.describe($0) } == y.context.map { Self.describe($0) }, "\(id): context differs")
                if x.foldedCount > 0 { folded += 1 }
                if x.foldedCount > 0 && w.payeeType == .partner { partnersFolded += 1 }
            }
        }
        // Not vacuous: most payees have a list long enough to fold (people and partners).
        #expect(folded >= 10, "only \(folded) traces folded anything")
        #expect(partnersFolded >= 1, "no partner trace folded a purchase list")
    }
}
