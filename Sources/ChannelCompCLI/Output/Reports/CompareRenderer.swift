import ChannelComp

/// Renders a ``CompareReport``: text (per payee, totals, winners and losers, cost of sales,
/// neutrality), CSV (payees, totals, cost per channel, neutrality) or JSON (everything; ratios
/// as fractions, version 2).
///
/// CSV:
///
///     payee_type,payee_id,period,payout_a,payout_b,payout_delta,payout_delta_pct,earned_ytd_a,earned_ytd_b,earned_ytd_delta,earned_ytd_delta_pct,currency,section,measure,value_a,value_b
///     person,alice,2027-12,2000.00,2250.00,250.00,12.50,58081.04,60000.00,1918.96,3.30,USD,payee,,,
///     total,all,2027-12,…,USD,total,,,
///     cost,direct,2027-01…2027-12,,,,,,,,,ratio,cost_ytd,cost_share,0.0527,0.0527
enum CompareRenderer {
    static func render(_ report: CompareReport, format: String, planFiles: (String, String), dataDirectory: String) -> String {
        switch format {
        case "csv": return csv(report)
        case "json": return json(report, planFiles: planFiles, dataDirectory: dataDirectory)
        default: return text(report, planFiles: planFiles, dataDirectory: dataDirectory)
        }
    }

    static func typeText(_ r: PayeeComparison) -> String { r.type == .person ? r.role : "partner" }

    // MARK: Text

    static func text(_ r: CompareReport, planFiles: (String, String), dataDirectory: String) -> String {
        var out = "Compare \(r.period) — data \(dataDirectory), fiscal year from \(r.fiscalYearStart), \(r.currency.code)\n"
        out += "A: \"\(r.planA)\" (\(planFiles.0))\n"
        out += "B: \"\(r.planB)\" (\(planFiles.1))\n"
        out += "Delta = B − A; delta % is of |A| (empty when A is 0). Payout: this period's true-up; earned YTD: the year through \(r.period).\n"

        let headers = ["payee", "type", "payout A", "payout B", "delta", "delta %", "earned YTD A", "earned YTD B", "delta YTD", "delta YTD %"]
        func cells(_ c: PayeeComparison, label: String) -> [String] {
            [label, c.type == nil ? "" : typeText(c), c.payoutA.formatted, c.payoutB.formatted, c.payoutDelta.formatted,
             c.payoutDeltaPercent?.formatted(fractionDigits: 2) ?? "", c.earnedA.formatted, c.earnedB.formatted,
             c.earnedDelta.formatted, c.earnedDeltaPercent?.formatted(fractionDigits: 2) ?? ""]
        }
        var table: [[String]] = [headers]
        for c in r.rows { table.append(cells(c, label: c.id)) }
        out += "\nPer payee\n" + TextTable.render(table, rightAligned: Set(2..<headers.count))
        var totals: [[String]] = [headers.enumerated().map { $0.offset == 0 ? "total" : $0.element }]
        for c in r.totals { totals.append(cells(c, label: c.id)) }
        out += "\nTotals\n" + TextTable.render(totals, rightAligned: Set(2..<headers.count))

        func ranking(_ title: String, _ items: [PayeeComparison]) {
            out += "\n\(title)\n"
            guard !items.isEmpty else { out += "(none)\n"; return }
            var t: [[String]] = [["#", "payee", "type", "earned YTD A", "earned YTD B", "delta YTD", "delta YTD %"]]
            for (i, c) in items.enumerated() {
                t.append(["\(i + 1)", c.id, typeText(c), c.earnedA.formatted, c.earnedB.formatted,
                          ReportFormat.signedMoney(c.earnedDelta), ReportFormat.signedPercent(c.earnedDeltaPercent) ?? ""])
            }
            out += TextTable.render(t, rightAligned: [0, 3, 4, 5, 6])
        }
        ranking("Biggest winners under B (earned YTD, top \(CompareReport.topCount))", r.winners)
        ranking("Biggest losers under B (earned YTD, top \(CompareReport.topCount))", r.losers)

        let opposite = CompareRules.oppositeMoves(r)
        // With the journal both payouts subtract the same paid-to-date, so the deltas agree; only a
        // preview (paid = last month's earnings under each plan) can move them apart.
        if r.preview && !opposite.isEmpty {
            out += "\nWhy a payout delta can move against the earned-YTD delta\n"
            out += "There is no journal for this fiscal year (preview): each payout is earned YTD through \(r.period) less earned YTD\n"
                + "through the month before, each under its own plan. So a plan can pay more this month while paying less over the\n"
                + "year (or the reverse): the earned-YTD delta is the plan's cost over the year; the payout delta is only this month's part.\n"
            for c in opposite.prefix(CompareReport.topCount) {
                out += "  \(c.id): payout \(ReportFormat.signedMoney(c.payoutDelta)), earned YTD \(ReportFormat.signedMoney(c.earnedDelta))\n"
            }
            if opposite.count > CompareReport.topCount { out += "  … and \(opposite.count - CompareReport.topCount) more\n" }
        }

        out += "\nCost of sales per channel (people pay attributable + referral fees or rebates, ÷ net revenue: S direct, N partner)\n"
        for c in r.cost {
            let title = c.scope.kind == .period ? "Period \(c.scope.description)" : "Year to date \(c.scope.description)"
            var t: [[String]] = [["channel", "net revenue A", "cost A", "share A", "net revenue B", "cost B", "share B"]]
            for (a, b) in zip(c.a, c.b) {
                t.append([a.channel?.rawValue ?? "all", a.netRevenue.formatted, a.totalCost.formatted,
                          ReportFormat.text(ReportFormat.percent(a.share)), b.netRevenue.formatted, b.totalCost.formatted,
                          ReportFormat.text(ReportFormat.percent(b.share))])
            }
            out += "\(title)\n" + TextTable.render(t, rightAligned: Set(1..<7))
        }

        out += "\nChannel neutrality YTD (partner pay per gross dollar ÷ direct; 1.0000 = neutral)\n"
        if r.neutrality.isEmpty {
            out += "(none)\n"
        } else {
            var t: [[String]] = [["person", "role", "ratio A", "ratio B"]]
            for n in r.neutrality {
                t.append([n.id, n.role, ReportFormat.text(ReportFormat.ratio(n.ratioA)), ReportFormat.text(ReportFormat.ratio(n.ratioB))])
            }
            out += TextTable.render(t, rightAligned: [2, 3])
        }
        return out
    }

    // MARK: CSV

    /// The payee columns of version 1, then `section,measure,value_a,value_b` (added with totals,
    /// cost per channel and neutrality rows; payee rows leave them empty but `section`).
    static let csvHeader = "payee_type,payee_id,period,payout_a,payout_b,payout_delta,payout_delta_pct,earned_ytd_a,earned_ytd_b,earned_ytd_delta,earned_ytd_delta_pct,currency,section,measure,value_a,value_b"

    /// Rows: every payee (`section` payee), the totals (`payee_type` total: people, partners,
    /// all), cost per channel of the period and the year to date (`payee_type` cost, one row
    /// per measure: net_revenue, total_cost, cost_share as a fraction), and each person's YTD
    /// neutrality ratio (`payee_type` neutrality, measure gross_ratio). `*_pct` columns are
    /// percent points (−10.00 = B is 10 % lower); `value_*` ratios are fractions (0.0527).
    static func csv(_ r: CompareReport) -> String {
        var out = csvHeader + "\n"
        func payeeRow(_ c: PayeeComparison, type: String, section: String) {
            out += [type, SpreadsheetCell.text(c.id), "\(r.period)", c.payoutA.formatted, c.payoutB.formatted,
                    c.payoutDelta.formatted, c.payoutDeltaPercent?.formatted(fractionDigits: 2) ?? "",
                    c.earnedA.formatted, c.earnedB.formatted, c.earnedDelta.formatted,
                    c.earnedDeltaPercent?.formatted(fractionDigits: 2) ?? "", r.currency.code, section, "", "", ""].joined(separator: ",") + "\n"
        }
        func measureRow(_ type: String, _ id: String, _ scope: String, _ section: String, _ measure: String, _ a: String?, _ b: String?, unit: String) {
            out += [type, CSVWriter.field(id), scope, "", "", "", "", "", "", "", "", unit, section, measure, a ?? "", b ?? ""]
                .joined(separator: ",") + "\n"
        }
        for c in r.rows { payeeRow(c, type: c.type?.rawValue ?? "", section: "payee") }
        for c in r.totals { payeeRow(c, type: "total", section: "total") }
        for c in r.cost {
            let section = c.scope.kind == .period ? "cost_period" : "cost_ytd"
            let scope = c.scope.description
            for (a, b) in zip(c.a, c.b) {
                let channel = a.channel?.rawValue ?? "all"
                measureRow("cost", channel, scope, section, "net_revenue", a.netRevenue.formatted, b.netRevenue.formatted, unit: r.currency.code)
                measureRow("cost", channel, scope, section, "total_cost", a.totalCost.formatted, b.totalCost.formatted, unit: r.currency.code)
                measureRow("cost", channel, scope, section, "cost_share", ReportFormat.ratio(a.share), ReportFormat.ratio(b.share), unit: "ratio")
            }
        }
        for n in r.neutrality {
            measureRow("neutrality", n.id, "\(r.fiscalYearStart)…\(r.period)", "neutrality_ytd", "gross_ratio",
                       ReportFormat.ratio(n.ratioA), ReportFormat.ratio(n.ratioB), unit: "ratio")
        }
        return out
    }

    // MARK: JSON

    static func rowJSON(_ c: PayeeComparison) -> JSONOut {
        var fields: [(String, JSONOut)] = []
        if let t = c.type {
            fields += [("payee_type", .string(t.rawValue)), ("payee_id", .string(c.id)), ("name", .string(c.name)),
                       ("role", .string(c.role))]
        } else {
            fields.append(("total", .string(c.id)))
        }
        fields += [
            ("payout_a", .string(c.payoutA.formatted)), ("payout_b", .string(c.payoutB.formatted)),
            ("payout_delta", .string(c.payoutDelta.formatted)),
            ("payout_delta_ratio", ReportFormat.json(c.payoutDeltaFraction?.formatted(fractionDigits: 4))),
            ("earned_ytd_a", .string(c.earnedA.formatted)), ("earned_ytd_b", .string(c.earnedB.formatted)),
            ("earned_ytd_delta", .string(c.earnedDelta.formatted)),
            ("earned_ytd_delta_ratio", ReportFormat.json(c.earnedDeltaFraction?.formatted(fractionDigits: 4))),
        ]
        return .object(fields)
    }

    static func costJSON(_ c: ChannelCost) -> JSONOut {
        .object([("channel", .string(c.channel?.rawValue ?? "all")), ("net_revenue", .string(c.netRevenue.formatted)),
                 ("people_pay", .string(c.peoplePay.formatted)), ("partner_pay", .string(c.partnerPay.formatted)),
                 ("total_cost", .string(c.totalCost.formatted)), ("cost_share", ReportFormat.json(ReportFormat.ratio(c.share)))])
    }

    static func json(_ r: CompareReport, planFiles: (String, String), dataDirectory: String) -> String {
        let doc = JSONOut.object([
            // Version 2: every ratio is a fraction with 4 places (cost_share, ratio_a/b and the
            // *_delta_ratio keys, which replace version 1's percent-point *_delta_pct keys).
            ("version", .int(2)), ("ratios", .string("fraction")),
            ("preview", .bool(r.preview)),
            ("plan_a", .object([("name", .string(r.planA)), ("file", .string(planFiles.0))])),
            ("plan_b", .object([("name", .string(r.planB)), ("file", .string(planFiles.1))])),
            ("data", .string(dataDirectory)), ("period", .string("\(r.period)")),
            ("fiscal_year_start", .string("\(r.fiscalYearStart)")), ("currency", .string(r.currency.code)),
            ("payees", .array(r.rows.map(rowJSON))), ("totals", .array(r.totals.map(rowJSON))),
            ("winners", .array(r.winners.map(rowJSON))), ("losers", .array(r.losers.map(rowJSON))),
            ("cost", .array(r.cost.map { c in
                .object([("scope", .string(c.scope.kind.rawValue)), ("from", .string("\(c.scope.first)")),
                         ("through", .string("\(c.scope.last)")), ("a", .array(c.a.map(costJSON))), ("b", .array(c.b.map(costJSON)))])
            })),
            ("neutrality_ytd", .array(r.neutrality.map { n in
                .object([("person", .string(n.id)), ("role", .string(n.role)),
                         ("ratio_a", ReportFormat.json(ReportFormat.ratio(n.ratioA))),
                         ("ratio_b", ReportFormat.json(ReportFormat.ratio(n.ratioB)))])
            })),
        ])
        return doc.render() + "\n"
    }
}
