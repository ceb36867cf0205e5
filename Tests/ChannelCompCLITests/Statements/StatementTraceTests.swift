import Testing
import ChannelComp
@testable import ChannelCompCLI

/// "How this payout is made": every statement carries the payee's `explain` trace, built by the
/// same builder as `channelcomp explain`, so a statement and `explain` cannot disagree.
@Suite struct StatementTraceTests {
    /// The payout as four outputs show it, for every payee of Fixtures/sample: the statement's
    /// payout line, the trace inside the statement, `Explain.trace` over the whole run (what
    /// `explain` prints), and the SPEC 4.1 CSV summary. All four are the same text, and the trace
    /// checks itself (every sum, difference, product, rounding and cap holds).
    ///
    /// E.g. alice 2027-03: 11332.24 − 9450.00 = 1882.24 in all four; P-BEACON 2027-03:
    /// 5609.00 − 3600.00 = 2009.00.
    @Test(arguments: ["2027-03", "2027-12"])
    func payoutIsTheSameInStatementExplainAndSummary(period: String) throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, period)
        let summary = try StatementFixture.summaryPayouts(run)
        let ctx = StatementContext(run: run, inputs: inputs)
        var checked = 0
        for (type, id, doc) in Self.documents(run, ctx) {
            let csv = try #require(summary[id], "\(id) in the CSV summary")
            let statement = try #require(StatementFixture.fact(doc, "payout"), "\(id) statement payout")
            let section = try #require(StatementFixture.section(doc, startingWith: TraceSection.heading), "\(id)")
            let embedded = try #require(section.trace, "\(id): \(section.notes)")
            #expect(embedded.problems.isEmpty, "\(id): \(embedded.problems)")
            #expect(embedded.foldedCount == 0, "\(id): the sample's lists are all short")
            #expect(section.notes.contains("Checked: \(embedded.count) numbers; every sum, difference, product, rounding and cap holds, and the payout equals the summary's \(csv)."), "\(id)")
            #expect(!section.notes.contains { $0.contains("CHECK FAILED") || $0.contains("folded") }, "\(id): \(section.notes)")
            let explained = try Explain.trace(payee: id, run: run, plan: inputs.plan, roster: inputs.roster,
                                              ledger: inputs.ledger, journal: inputs.journal)
            let full = try #require(explained.first { $0.payeeType == type })
            let explainPayout = try #require(full.root.amount.map { ReportFormat.exact($0, run.currency) })
            #expect(statement == PeopleMoney.decorate(csv, code: "USD"), "\(id) \(period): statement \(statement), CSV \(csv)")
            #expect(embedded.payoutText == csv, "\(id) \(period): statement trace \(embedded.payoutText), CSV \(csv)")
            #expect(explainPayout == csv, "\(id) \(period): explain \(explainPayout), CSV \(csv)")
            checked += 1
        }
        #expect(checked == 17)   // 12 people + 5 partners
    }

    /// The text statement holds the tree exactly as `channelcomp explain` prints it (run through
    /// the CLI), and the HTML statement shows the trace's root row with the summary's payout.
    @Test(arguments: ["2027-03", "2027-12"])
    func statementsPrintExplainsTree(period: String) throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, period)
        let summary = try StatementFixture.summaryPayouts(run)
        let files = StatementFixture.files(run, inputs)
        let groups: [(folder: String, ids: [String])] = [("people", run.people.map(\.id.rawValue)),
                                                          ("partners", run.partners.map(\.id.rawValue))]
        for (folder, ids) in groups {
            for (id, stem) in zip(ids, StatementFileName.uniqueStems(ids)) {
                let console = Console()
                let status = ChannelCompCLI.run(["explain", "--plan", StatementFixture.planPath,
                                                 "--data", StatementFixture.root + "/Fixtures/sample",
                                                 "--period", period, "--payee", id], console: console)
                #expect(status == 0, "explain \(id): \(console.err)")
                let tree = try #require(Self.tree(ofExplain: console.out), "explain \(id) output:\n\(console.out)")
                let text = try #require(files["\(folder)/\(stem).txt"])
                #expect(text.contains("\n" + tree), "\(id) \(period): the text statement lacks explain's tree:\n\(tree)")
                // explain's closing line (`Checked: 26 numbers; …`) is the statement's note, word for word.
                let checked = try #require(console.out.split(separator: "\n").last { $0.hasPrefix("Checked: ") })
                #expect(text.contains("\n* " + checked + "\n"), "\(id) \(period): \(checked)")
                let html = try #require(files["\(folder)/\(stem).html"])
                let payout = try #require(summary[id])
                let negative = payout.hasPrefix("-") ? " neg" : ""
                #expect(html.contains("<tr class=\"root\"><td class=\"step d0\">payout \(period)</td><td class=\"num\(negative)\">\(payout)</td>"),
                        "\(id) \(period) html trace root")
            }
        }
    }

    /// Statements hand the builder a run trimmed to the payee (so writing thousands of them
    /// stays linear); the tree is the same as from the whole run, for every payee and month of
    /// the year's first four months and its end (clawbacks in 2027-03 and 2027-04).
    @Test(arguments: ["2027-01", "2027-02", "2027-03", "2027-04", "2027-12"])
    func trimmedRunGivesTheSameTree(period: String) throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, period)
        let ctx = StatementContext(run: run, inputs: inputs)
        let payees: [(PayeeType, String, Result<PayeeTrace, ReportError>)] =
            run.people.map { (.person, $0.id.rawValue, ctx.trace($0)) } + run.partners.map { (.partner, $0.id.rawValue, ctx.trace($0)) }
        for (type, id, result) in payees {
            let trimmed = try result.get()
            let full = try #require(try Explain.trace(payee: id, run: run, plan: inputs.plan, roster: inputs.roster,
                                                      ledger: inputs.ledger, journal: inputs.journal).first { $0.payeeType == type })
            #expect(Self.render(trimmed) == Self.render(full), "\(id) \(period)")
            #expect(trimmed.root.count > 3, "\(id) \(period): a tree, not a stub")
        }
    }

    /// The trace section escapes input like the rest of the page: the hostile roster's deal id
    /// `<b>D1</b>` and account `<i>acct</i>` appear in the tree only as text, and its text form
    /// cannot gain a line from a name with a line break.
    @Test func hostileInputInTheTrace() throws {
        let inputs = try StatementFixture.inputs(people: HostileRosterTests.people, partners: HostileRosterTests.partners,
                                                 deals: HostileRosterTests.deals)
        let run = try StatementFixture.run(inputs, "2027-01")
        let files = StatementFixture.files(run, inputs)
        let html = try #require(files["people/_.._.._etc_passwd.html"])
        let trace = try #require(html.components(separatedBy: "<h2>How this payout is made</h2>").last)
        #expect(trace.contains("<td class=\"step d6\"><span class=\"mark\"></span>&lt;b&gt;D1&lt;/b&gt;/1</td>"))
        #expect(trace.contains("account &lt;i&gt;acct&lt;/i&gt;"))
        #expect(!trace.contains("<b>") && !trace.contains("<i>"))
        // D1 S 10000.00 (named) + D2 N 3250.00 (territory WEST: L 5000.00 less Bronze 20 % +
        // upfront 5 % + registration 10 % = 35 %) = 13250.00 × 5 % = 662.50, the payout of
        // 2027-01 (nothing paid yet).
        #expect(trace.contains("<tr class=\"root\"><td class=\"step d0\">payout 2027-01</td><td class=\"num\">662.50</td>"))
        #expect(trace.contains("<span>deals.csv:2 &lt;b&gt;D1&lt;/b&gt;/1</span>"))
        let text = try #require(files["people/_.._.._etc_passwd.txt"])
        #expect(text.contains("<b>D1</b>/1 = 10000.00"))   // plain text: shown as written

        // A label with a line break or a bidi override stays on its line in the text form.
        var t = try #require(try Explain.trace(payee: "../../etc/passwd", run: run, plan: inputs.plan, roster: inputs.roster,
                                               ledger: inputs.ledger, journal: inputs.journal).first)
        t.root.children[0].label = "earned\npayout 2027-01 = 1000000.00 \u{202E}x"
        let rendered = TraceText.render(StatementTrace(t))
        #expect(rendered.contains("├── earned\u{FFFD}payout 2027-01 = 1000000.00 \u{FFFD}x = 662.50 (cap)"))
        #expect(!rendered.split(separator: "\n").contains { $0.hasPrefix("payout 2027-01 = 1000000.00") })
    }

    /// A list of more than 25 lines is folded to its total: ann has 30 direct deals of
    /// 1000.00 in 2027-01, so credit YTD 30000.00 × 5 % = 1500.00; the month's row (and the
    /// context's credit_period row) keep their sum but not their 30 lines each, 60 numbers in
    /// all; the check still runs over the whole tree.
    @Test func longListsAreFolded() throws {
        var deals = "deal_id,date,event,account,territory,product,quantity,unit_list_price,currency,channel,partner,registration,sourced_by,reps,purchase\n"
        for i in 1...30 { deals += "D\(i),2027-01-05,,A\(i),WEST,WIDGET,1,1000,USD,direct,,,,ann,\n" }
        let inputs = try StatementFixture.inputs(people: "id,name,role,quota,territory\nann,Ann,direct_rep,100000,WEST\n",
                                                 partners: "id,name,level,manager\n", deals: deals)
        let run = try StatementFixture.run(inputs, "2027-01")
        let ann = try #require(run.people.first)
        let doc = PersonStatement.document(ann, StatementContext(run: run, inputs: inputs))
        let section = try #require(StatementFixture.section(doc, startingWith: TraceSection.heading))
        let trace = try #require(section.trace)
        #expect(trace.problems.isEmpty)
        #expect(!section.notes.contains { $0.contains("CHECK FAILED") })
        #expect(trace.payoutText == "1500.00")
        #expect(trace.foldedCount == 60)
        #expect(section.notes.contains { $0.hasPrefix("Lists of more than 25 lines are folded to their total here (60 of the ") })
        let text = StatementText.render(doc)
        #expect(text.contains("2027-01 = 30000.00 (sum) — 30 lines; 30 lines under it folded (30 numbers; channelcomp explain lists them)"))
        #expect(!text.contains("D7/1 ="))
        let html = StatementHTML.render(doc, indexHref: nil)
        #expect(!html.contains(">D7/1<"))
        // A list of exactly the limit is shown (limit 30, 30 lines).
        let small = StatementTrace(try #require(try ctxTrace(run, inputs, ann)), foldAbove: 30)
        #expect(small.foldedCount == 0)
        #expect(small.root.count == trace.trace.root.count)
    }

    func ctxTrace(_ run: PayoutRun, _ inputs: Inputs, _ p: PersonPayout) throws -> PayeeTrace? {
        try StatementContext(run: run, inputs: inputs).trace(p).get()
    }

    /// A statement whose trace cannot be built (a run made without details) says so instead of
    /// printing a tree; the rest of the statement is unchanged.
    @Test func runWithoutDetails() throws {
        let inputs = try StatementFixture.sampleInputs()
        let period = try #require(Period(parsing: "2027-03"))
        let run = try PayoutEngine(plan: inputs.plan, roster: inputs.roster, ledger: inputs.ledger, journal: inputs.journal)
            .run(period: period, details: false)
        let ctx = StatementContext(run: run, inputs: inputs)
        let alice = try #require(run.people.first { $0.id == "alice" })
        let doc = PersonStatement.document(alice, ctx)
        let section = try #require(StatementFixture.section(doc, startingWith: TraceSection.heading))
        #expect(section.trace == nil)
        #expect(section.notes.first?.hasPrefix("The trace of this payout could not be built: the payout run was made without details") == true)
        #expect(StatementFixture.fact(doc, "payout") == "$1,882.24")
    }

    /// A trace that does not add up is printed with a visible warning, never silently: alice's
    /// 2027-03 tree with its payout changed from 1882.24 to 1882.25 fails the difference
    /// 11332.24 − 9450.00 = 1882.24 and the summary check.
    @Test func brokenTraceIsFlagged() throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, "2027-03")
        var trace = try #require(try Explain.trace(payee: "alice", run: run, plan: inputs.plan, roster: inputs.roster,
                                                   ledger: inputs.ledger, journal: inputs.journal).first)
        trace.root.amount = try ExactDecimal(parsing: "1882.25")
        let section = TraceSection.section(.success(trace), payee: "alice", period: run.period)
        let warning = try #require(section.notes.first { $0.hasPrefix("CHECK FAILED") })
        #expect(warning.contains("payout 2027-03: 1882.25 ≠ difference of children 1882.24"))
        #expect(warning.contains("the trace gives 1882.25, the summary 1882.24"))
        #expect(!section.notes.contains { $0.hasPrefix("Checked:") })
        #expect(StatementHTML.section(section).contains("<li>CHECK FAILED"))
        #expect(StatementText.render(StatementDocument(title: "t", context: [], sections: [section])).contains("\n* CHECK FAILED"))
    }

    // MARK: Helpers

    static func documents(_ run: PayoutRun, _ ctx: StatementContext) -> [(PayeeType, String, StatementDocument)] {
        run.people.map { (.person, $0.id.rawValue, PersonStatement.document($0, ctx)) }
            + run.partners.map { (.partner, $0.id.rawValue, PartnerStatement.document($0, ctx)) }
    }

    /// The tree (and context) of `explain`'s text output: from the first `payout ` line up to
    /// the blank line before `Checked:`.
    static func tree(ofExplain out: String) -> String? {
        guard let start = out.range(of: "\npayout "), let end = out.range(of: "\n\nChecked:") else { return nil }
        return String(out[out.index(after: start.lowerBound)..<end.lowerBound]) + "\n"
    }

    static func render(_ t: PayeeTrace) -> String {
        ([t.root] + t.context).map { ExplainRenderer.tree($0, currency: t.currency) }.joined(separator: "--\n")
            + t.summaryPayout.formatted
    }
}
