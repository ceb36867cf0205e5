import ChannelComp

/// The files of `payout --out` (SPEC 4.2): a statement per payee as text and HTML, an index
/// page and payouts.csv, all rendered from one run so they agree with the summary to the cent.
///
/// Sample 2027-03: `payouts.csv`, `index.html`, `people/alice.txt`, `people/alice.html`, …,
/// `partners/P-ATLAS.txt`, `partners/P-ATLAS.html`, … — 2 + 2 × (12 + 5) = 36 files.
enum StatementWriter {
    static func files(_ run: PayoutRun, inputs: Inputs, payroll: PayrollCSV.Options = PayrollCSV.Options()) -> [(name: String, bytes: [UInt8])] {
        let ctx = StatementContext(run: run, inputs: inputs)
        var files: [(name: String, bytes: [UInt8])] = []
        var links: [StatementLink] = []
        let personStems = StatementFileName.uniqueStems(run.people.map(\.id.rawValue))
        for (p, stem) in zip(run.people, personStems) {
            let doc = PersonStatement.document(p, ctx)
            let base = "people/\(stem)"
            files.append((name: base + ".txt", bytes: Array(StatementText.render(doc).utf8)))
            files.append((name: base + ".html", bytes: Array(StatementHTML.render(doc, indexHref: "../index.html").utf8)))
            links.append(StatementLink(payeeType: .person, id: p.id.rawValue, name: p.name, detail: p.role,
                                       earnedYTD: p.earnedYTD, paidToDate: p.paidToDate, payout: p.payout,
                                       html: base + ".html", text: base + ".txt"))
        }
        let partnerStems = StatementFileName.uniqueStems(run.partners.map(\.id.rawValue))
        for (p, stem) in zip(run.partners, partnerStems) {
            let doc = PartnerStatement.document(p, ctx)
            let base = "partners/\(stem)"
            files.append((name: base + ".txt", bytes: Array(StatementText.render(doc).utf8)))
            files.append((name: base + ".html", bytes: Array(StatementHTML.render(doc, indexHref: "../index.html").utf8)))
            links.append(StatementLink(payeeType: .partner, id: p.id.rawValue, name: p.name,
                                       detail: LevelStanding(p, ctx).levelText,
                                       earnedYTD: p.earnedYTD, paidToDate: p.paidToDate, payout: p.payout,
                                       html: base + ".html", text: base + ".txt"))
        }
        files.insert((name: "index.html", bytes: Array(StatementIndex.render(links, ctx).utf8)), at: 0)
        files.insert((name: "payouts.csv", bytes: Array(PayrollCSV.render(run, options: payroll).utf8)), at: 0)
        return files
    }
}
