import ChannelComp

/// Renders a ``CompareReport``: text (per payee, totals, winners and losers, cost of sales,
/// neutrality), CSV (one row per payee) or JSON (everything).
///
/// CSV:
///
///     payee_type,payee_id,period,payout_a,payout_b,payout_delta,payout_delta_pct,earned_ytd_a,earned_ytd_b,earned_ytd_delta,earned_ytd_delta_pct,currency
///     person,alice,2027-12,2000.00,2250.00,250.00,12.50,58081.04,60000.00,1918.96,3.30,USD
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

    static let csvHeader = "payee_type,payee_id,period,payout_a,payout_b,payout_delta,payout_delta_pct,earned_ytd_a,earned_ytd_b,earned_ytd_delta,earned_ytd_delta_pct,currency"

    static func csv(_ r: CompareReport) -> String {
        var out = csvHeader + "\n"
        for c in r.rows {
            out += [c.type?.rawValue ?? "", SpreadsheetCell.text(c.id), "\(r.period)", c.payoutA.formatted, c.payoutB.formatted,
                    c.payoutDelta.formatted, c.payoutDeltaPercent?.formatted(fractionDigits: 2) ?? "",
                    c.earnedA.formatted, c.earnedB.formatted, c.earnedDelta.formatted,
                    c.earnedDeltaPercent?.formatted(fractionDigits: 2) ?? "", r.currency.code].joined(separator: ",") + "\n"
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
            ("payout_delta_pct", ReportFormat.json(c.payoutDeltaPercent?.formatted(fractionDigits: 2))),
            ("earned_ytd_a", .string(c.earnedA.formatted)), ("earned_ytd_b", .string(c.earnedB.formatted)),
            ("earned_ytd_delta", .string(c.earnedDelta.formatted)),
            ("earned_ytd_delta_pct", ReportFormat.json(c.earnedDeltaPercent?.formatted(fractionDigits: 2))),
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
