import ChannelComp

/// A statement file pair and who it is for: `people/ann.html` and `people/ann.txt`.
struct StatementLink {
    var payeeType: PayeeType
    var id: String
    var name: String
    /// `direct_rep`, or the partner's level.
    var detail: String
    var earnedYTD: Money
    var paidToDate: Money
    var payout: Money
    var html: String
    var text: String
}

/// `index.html`: every statement with its payout, and the totals.
///
/// Sample 2027-03: 12 people (total 25670.20) and 5 partners (total 9733.35), together 35403.55.
enum StatementIndex {
    static func render(_ links: [StatementLink], _ ctx: StatementContext) -> String {
        let people = links.filter { $0.payeeType == .person }
        let partners = links.filter { $0.payeeType == .partner }
        let peopleTotal = StatementFormat.sum(people.map(\.payout), ctx.currency)
        let partnerTotal = StatementFormat.sum(partners.map(\.payout), ctx.currency)
        let total = peopleTotal.flatMap { a in partnerTotal.flatMap { b in try? a + b } }
        let title = "Payout statements \(ctx.period)"
        var body = "<header>\n<h1>\(HTML.escape(title))</h1>\n"
        body += "<p class=\"context\">\(HTML.escape(ctx.planLine))</p>\n"
        body += "<p class=\"context\">paid to date: \(HTML.escape(ctx.settlementNote))</p>\n"
        body += "</header>\n"
        body += "<section>\n<h2>Totals</h2>\n<table class=\"facts\">\n"
        body += totalRow("people (\(people.count))", peopleTotal)
        body += totalRow("partners (\(partners.count))", partnerTotal)
        body += totalRow("total payout", total, emphasis: true)
        body += "</table>\n<p>For payroll and payables import: <a href=\"payouts.csv\">payouts.csv</a>.</p>\n</section>\n"
        body += table("People", people, detailTitle: "role", total: peopleTotal)
        body += table("Partners", partners, detailTitle: "level", total: partnerTotal)
        return HTMLPage.render(title: title, body: body)
    }

    static func totalRow(_ label: String, _ amount: Money?, emphasis: Bool = false) -> String {
        let value = StatementFormat.money(amount)
        return "<tr\(emphasis ? " class=\"emphasis\"" : "")><th scope=\"row\">\(HTML.escape(label))</th>"
            + "<td class=\"num\(StatementHTML.negative(value))\">\(HTML.escape(value))</td></tr>\n"
    }

    static func table(_ heading: String, _ links: [StatementLink], detailTitle: String, total: Money?) -> String {
        var out = "<section>\n<h2>\(HTML.escape(heading))</h2>\n"
        guard !links.isEmpty else { return out + "<p class=\"empty\">None.</p>\n</section>\n" }
        out += "<table class=\"lines\">\n<thead><tr><th>id</th><th>name</th><th>\(detailTitle)</th>"
            + "<th class=\"num\">earned YTD</th><th class=\"num\">paid to date</th><th class=\"num\">payout</th><th>text</th></tr></thead>\n<tbody>\n"
        for l in links {
            out += "<tr><td><a href=\"\(HTML.escape(l.html))\">\(HTML.escape(l.id))</a></td>"
                + "<td>\(HTML.escape(l.name))</td><td>\(HTML.escape(l.detail))</td>"
                + money(l.earnedYTD) + money(l.paidToDate) + money(l.payout)
                + "<td><a href=\"\(HTML.escape(l.text))\">text</a></td></tr>\n"
        }
        out += "</tbody>\n<tfoot><tr><td>total</td><td></td><td></td><td></td><td></td>"
            + "<td class=\"num\">\(HTML.escape(StatementFormat.money(total)))</td><td></td></tr></tfoot>\n</table>\n</section>\n"
        return out
    }

    static func money(_ m: Money) -> String {
        "<td class=\"num\(StatementHTML.negative(m.forPeople))\">\(HTML.escape(m.forPeople))</td>"
    }
}
