import Foundation
import Testing
import ChannelComp
@testable import ChannelCompCLI

/// Issue 16.11: statements stay linear in payees × closed months and in tiers.
@Suite struct StatementScaleTests {
    /// Each trace is handed only its payee's journal rows; with three closed months (2027-01…03)
    /// the tree of every payee is the same as the one built from the whole journal.
    @Test func journalRowsPerPayeeGiveTheSameTree() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02", "2027-03"])
        let inputs = try InputLoader.load(planPath: data.plan, dataDirectory: data.path, console: Console())
        let run = try StatementFixture.run(inputs, "2027-04")
        let ctx = StatementContext(run: run, inputs: inputs)
        #expect(ctx.journalByPayee.values.map(\.count).reduce(0, +) == inputs.journal?.entries.count)
        var checked = 0
        for p in run.people {
            let trimmed = try ctx.trace(p).get()
            let full = try #require(try Explain.trace(payee: p.id.rawValue, run: run, plan: inputs.plan, roster: inputs.roster,
                                                      ledger: inputs.ledger, journal: inputs.journal).first { $0.payeeType == .person })
            #expect(StatementTraceTests.render(trimmed) == StatementTraceTests.render(full), "\(p.id)")
            #expect(StatementTraceTests.render(trimmed).contains("2027-03"), "\(p.id): the closed months are in the tree")
            checked += 1
        }
        for p in run.partners {
            let trimmed = try ctx.trace(p).get()
            let full = try #require(try Explain.trace(payee: p.id.rawValue, run: run, plan: inputs.plan, roster: inputs.roster,
                                                      ledger: inputs.ledger, journal: inputs.journal).first { $0.payeeType == .partner })
            #expect(StatementTraceTests.render(trimmed) == StatementTraceTests.render(full), "\(p.id)")
            checked += 1
        }
        #expect(checked == run.people.count + run.partners.count && checked > 10)
    }

    /// The chart's axis end is computed once, not per mark: 20,000 marks (a plan with 20,000
    /// tiers) render in well under a second instead of rescanning every mark per mark (4 × 10^8
    /// comparisons). Axis: the largest mark 199.99 × 1.15 = 229.9885.
    @Test func chartWithManyMarksIsLinear() {
        let marks = (0..<20_000).map { TierChart.Mark(label: "t\($0)", value: ExactDecimal(significand: Int128($0), scale: 2)) }
        let chart = TierChart(caption: "c", value: ExactDecimal(significand: 5, scale: 1), valueLabel: "v", marks: marks)
        #expect(chart.axisMax == ExactDecimal(significand: 2299885, scale: 4))
        let start = Date()
        let svg = TierChartSVG.render(chart)
        let text = StatementText.chart(chart)
        #expect(Date().timeIntervalSince(start) < 5, "rendering 20,000 marks took \(Date().timeIntervalSince(start)) s")
        #expect(svg.contains("t19999") && text.contains("t19999"))
    }
}
