import ChannelComp

/// The files of `payout --out` (SPEC 4.2): a statement per payee as text and HTML, an index
/// page and payouts.csv, all rendered from one run so they agree with the summary to the cent.
///
/// Sample 2027-03: `payouts.csv`, `index.html`, `people/alice.txt`, `people/alice.html`, …,
/// `partners/P-ATLAS.txt`, `partners/P-ATLAS.html`, … — 2 + 2 × (12 + 5) = 36 files.
enum StatementWriter {
    static func files(_ run: PayoutRun, inputs: Inputs, payroll: PayrollCSV.Options = PayrollCSV.Options(),
                      threads: Int = ParallelMap.defaultThreads) -> [(name: String, bytes: [UInt8])] {
        let ctx = StatementContext(run: run, inputs: inputs)
        let personStems = StatementFileName.uniqueStems(run.people.map(\.id.rawValue))
        let partnerStems = StatementFileName.uniqueStems(run.partners.map(\.id.rawValue))
        let people = run.people.count
        // Each payee's statement is independent of the others: made on both cores, kept in order.
        let made = ParallelMap.map(count: people + run.partners.count, threads: threads) { k -> Made in
            if k < people {
                let p = run.people[k]
                let doc = PersonStatement.document(p, ctx)
                let base = "people/\(personStems[k])"
                return Made(text: (base + ".txt", Array(StatementText.render(doc).utf8)),
                            html: (base + ".html", Array(StatementHTML.render(doc, indexHref: "../index.html").utf8)),
                            link: StatementLink(payeeType: .person, id: p.id.rawValue, name: p.name, detail: p.role,
                                                earnedYTD: p.earnedYTD, paidToDate: p.paidToDate, payout: p.payout,
                                                html: base + ".html", text: base + ".txt"))
            }
            let p = run.partners[k - people]
            let doc = PartnerStatement.document(p, ctx)
            let base = "partners/\(partnerStems[k - people])"
            return Made(text: (base + ".txt", Array(StatementText.render(doc).utf8)),
                        html: (base + ".html", Array(StatementHTML.render(doc, indexHref: "../index.html").utf8)),
                        link: StatementLink(payeeType: .partner, id: p.id.rawValue, name: p.name,
                                            detail: LevelStanding(p, ctx).levelText,
                                            earnedYTD: p.earnedYTD, paidToDate: p.paidToDate, payout: p.payout,
                                            html: base + ".html", text: base + ".txt"))
        }
        var files: [(name: String, bytes: [UInt8])] = [
            (name: "payouts.csv", bytes: Array(PayrollCSV.render(run, options: payroll).utf8)),
            (name: "index.html", bytes: Array(StatementIndex.render(made.map(\.link), ctx).utf8)),
        ]
        for m in made {
            files.append((name: m.text.0, bytes: m.text.1))
            files.append((name: m.html.0, bytes: m.html.1))
        }
        return files
    }

    /// One payee's two files and index entry.
    private struct Made: Sendable {
        var text: (String, [UInt8])
        var html: (String, [UInt8])
        var link: StatementLink
    }
}
