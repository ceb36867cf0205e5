import ChannelComp

/// Renders a ``PayoutRun`` summary as the SPEC 4.1 CSV, a readable table, or JSON.
///
/// SPEC 7 as CSV:
///
///     payee_type,payee_id,period,credit_period,credit_ytd,attainment_ytd,earned_ytd,paid_to_date,payout,currency
///     person,ann,2027-01,18640.00,18640.00,0.0373,932.00,0.00,932.00,USD
enum SummaryRenderer {
    static let csvHeader = "payee_type,payee_id,period,credit_period,credit_ytd,attainment_ytd,earned_ytd,paid_to_date,payout,currency"

    /// One summary row, shared by every format.
    struct Row {
        var payeeType: String
        var payeeID: String
        var name: String
        var role: String
        var creditPeriod: String
        var creditYTD: String
        var attainment: String
        var earnedYTD: String
        var paidToDate: String
        var payout: String
        /// SPEC 8.5 (JSON): the payout's two parts.
        var periodEarned = ""
        var priorPeriodAdjustment = ""
    }

    static func rows(_ run: PayoutRun) -> [Row] {
        var rows: [Row] = []
        for p in run.people {
            rows.append(Row(payeeType: "person", payeeID: p.id.rawValue, name: p.name, role: p.role,
                            creditPeriod: p.creditPeriod.formatted, creditYTD: p.creditYTD.formatted,
                            attainment: p.attainment?.formatted(fractionDigits: 4) ?? "",
                            earnedYTD: p.earnedYTD.formatted, paidToDate: p.paidToDate.formatted,
                            payout: p.payout.formatted, periodEarned: p.periodEarned.formatted,
                            priorPeriodAdjustment: p.priorPeriodAdjustment.formatted))
        }
        for p in run.partners {
            rows.append(Row(payeeType: "partner", payeeID: p.id.rawValue, name: p.name, role: "partner",
                            creditPeriod: p.purchasesPeriod.formatted, creditYTD: p.purchasesYTD.formatted,
                            attainment: "", earnedYTD: p.earnedYTD.formatted, paidToDate: p.paidToDate.formatted,
                            payout: p.payout.formatted, periodEarned: p.periodEarned.formatted,
                            priorPeriodAdjustment: p.priorPeriodAdjustment.formatted))
        }
        return rows
    }

    static func csv(_ run: PayoutRun) -> String {
        var out = csvHeader + "\n"
        for r in rows(run) {
            out += [r.payeeType, SpreadsheetCell.text(r.payeeID), run.period.description, r.creditPeriod, r.creditYTD,
                    r.attainment, r.earnedYTD, r.paidToDate, r.payout, run.currency.code].joined(separator: ",") + "\n"
        }
        return out
    }

    static func text(_ run: PayoutRun, planFile: String) -> String {
        var out = "Payout \(run.period) — plan \(quoted(run.planName)) (\(planFile)), fiscal year from \(run.fiscalYearStart), \(run.currency.code)\n"
        switch run.settlement {
        case .preview:
            out += "Paid to date: preview — no journal rows for this fiscal year before \(run.period), so paid to date is last period's earnings from this ledger.\n"
        case .journal(let closed):
            out += "Paid to date: from journal.csv, closed periods \(closed.first!)…\(closed.last!).\n"
        }
        let all = rows(run)
        let headers = ["payee", "type", "credit period", "credit YTD", "attain.", "earned YTD", "paid to date", "payout"]
        var table: [[String]] = [headers]
        for r in all {
            table.append([r.payeeID, r.payeeType == "person" ? r.role : "partner", r.creditPeriod, r.creditYTD,
                          r.attainment, r.earnedYTD, r.paidToDate, r.payout])
        }
        out += "\n" + TextTable.render(table, rightAligned: Set(2..<headers.count))
        var peopleTotal = ExactDecimal.zero
        var partnerTotal = ExactDecimal.zero
        for p in run.people { peopleTotal = (try? peopleTotal.adding(p.payout.amount)) ?? peopleTotal }
        for p in run.partners { partnerTotal = (try? partnerTotal.adding(p.payout.amount)) ?? partnerTotal }
        let digits = run.currency.minorUnits
        out += "\nTotal payout: people \(peopleTotal.formatted(fractionDigits: digits)), partners \(partnerTotal.formatted(fractionDigits: digits)) \(run.currency.code)\n"
        out += ledgerLine(run.ledgerSummary) + "\n"
        if let line = adjustmentsLine(run) { out += line + "\n" }
        return out
    }

    /// `Adjustments: 3 in 2027-01…2027-03 (1 credit, 2 payment), 1 after the period (ignored)`;
    /// nil when the run has none (SPEC 8.4: those after the period are counted).
    static func adjustmentsLine(_ run: PayoutRun) -> String? {
        let items = run.people.flatMap(\.adjustments.items) + run.partners.flatMap(\.adjustments.items)
        let after = run.ledgerSummary.adjustmentsAfterPeriod
        guard !items.isEmpty || after > 0 else { return nil }
        let credit = items.filter { $0.kind == .credit }.count
        return "Adjustments: \(items.count) in \(run.fiscalYearStart)…\(run.period) (\(credit) credit, \(items.count - credit) payment), \(after) after the period (ignored)"
    }

    /// Every deals.csv row accounted for, with the sum shown (SPEC 5).
    static func ledgerLine(_ s: LedgerSummary) -> String {
        "Ledger: \(s.rowsRead) rows read = \(s.bookingsUsed) bookings used + \(s.clawbacksUsed) clawbacks used + \(s.beforeFiscalYear) before the fiscal year (partner levels only) + \(s.afterPeriod) after the period (ignored) + \(s.outsideClawbackWindow) cancellations outside the clawback window (no effect) + \(s.rejected) rejected"
    }

    static func json(_ run: PayoutRun) -> String {
        var payees: [JSONOut] = []
        for r in rows(run) {
            var fields: [(String, JSONOut)] = [
                ("payee_type", .string(r.payeeType)), ("payee_id", .string(r.payeeID)), ("name", .string(r.name)),
            ]
            if r.payeeType == "person" { fields.append(("role", .string(r.role))) }
            fields += [
                ("period", .string(run.period.description)), ("credit_period", .string(r.creditPeriod)),
                ("credit_ytd", .string(r.creditYTD)),
                ("attainment_ytd", r.attainment.isEmpty ? .null : .string(r.attainment)),
                ("earned_ytd", .string(r.earnedYTD)), ("paid_to_date", .string(r.paidToDate)),
                ("payout", .string(r.payout)),
                ("period_earned", .string(r.periodEarned)), ("prior_period_adjustment", .string(r.priorPeriodAdjustment)),
                ("currency", .string(run.currency.code)),
            ]
            payees.append(.object(fields))
        }
        let s = run.ledgerSummary
        let settlement: JSONOut
        switch run.settlement {
        case .preview: settlement = .object([("mode", .string("preview"))])
        case .journal(let closed): settlement = .object([("mode", .string("journal")), ("closed_periods", .array(closed.map { .string($0.description) }))])
        }
        let document = JSONOut.object([
            ("plan", .string(run.planName)), ("period", .string(run.period.description)),
            ("fiscal_year_start", .string(run.fiscalYearStart.description)), ("currency", .string(run.currency.code)),
            ("paid_to_date_source", settlement),
            ("payees", .array(payees)),
            ("ledger", .object([
                ("rows_read", .int(s.rowsRead)), ("bookings_used", .int(s.bookingsUsed)),
                ("clawbacks_used", .int(s.clawbacksUsed)), ("before_fiscal_year", .int(s.beforeFiscalYear)),
                ("after_period", .int(s.afterPeriod)), ("outside_clawback_window", .int(s.outsideClawbackWindow)),
                ("rejected", .int(s.rejected)),
            ])),
            ("adjustments_after_period", .int(s.adjustmentsAfterPeriod)),
        ])
        return document.render() + "\n"
    }
}


/// CSV output: RFC 4180 quoting where needed.
enum CSVWriter {
    /// Quotes a field holding a comma, quote, CR, LF or edge spaces (the library's one rule).
    static func field(_ value: String) -> String { CSVField.quoted(value) }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

/// Plain-text tables with aligned columns.
enum TextTable {
    static func render(_ rows: [[String]], rightAligned: Set<Int>, header: Bool = true) -> String {
        var out = TextOutput()
        write(rows, rightAligned: rightAligned, header: header, into: &out)
        return out.text
    }

    /// The table appended to `out`: columns padded to their widest cell, two spaces apart, no
    /// spaces at the end of a line, a rule of `-` under the header row.
    static func write(_ rows: [[String]], rightAligned: Set<Int>, header: Bool = true, into out: inout TextOutput) {
        guard let first = rows.first else { return }
        // Widths in characters, counted once per cell (by bytes when the cell is ASCII).
        let cellWidths = rows.map { $0.map(width) }
        var widths = [Int](repeating: 0, count: first.count)
        for r in cellWidths { for (i, w) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], w) } }
        let right = widths.indices.map { rightAligned.contains($0) }
        for (n, r) in rows.enumerated() {
            let start = out.count
            for (i, c) in r.enumerated() where i < widths.count {
                let padding = widths[i] - cellWidths[n][i]
                if i > 0 { out.appendRepeating(0x20, count: 2) }
                if right[i] {
                    out.appendRepeating(0x20, count: padding)
                    out += c
                } else {
                    out += c
                    out.appendRepeating(0x20, count: padding)
                }
            }
            if !out.trimTrailingASCIISpaces(after: start) {
                var line = String(decoding: out.bytes[start...], as: UTF8.self)
                trimTrailingSpaces(&line)
                out.removeSuffix(from: start)
                out += line
            }
            out += "\n"
            if n == 0 && header {
                for (i, w) in widths.enumerated() {
                    if i > 0 { out.appendRepeating(0x20, count: 2) }
                    out.appendRepeating(UInt8(ascii: "-"), count: w)
                }
                out += "\n"
            }
        }
    }

    /// Characters in `text`: its bytes when it is ASCII without a CR (CR LF is one character).
    static func width(_ text: String) -> Int {
        let utf8 = text.utf8
        return text.allBytes { $0 < 0x80 && $0 != 0x0D } ? utf8.count : text.count
    }

    /// Drops the spaces that end `line`, a line with non-ASCII text, as characters: a space
    /// joined to a character before it, as after U+0600, is not a space of its own. (An ASCII
    /// line is trimmed byte by byte: ``TextOutput/trimTrailingASCIISpaces(after:)``.)
    static func trimTrailingSpaces(_ line: inout String) {
        while line.hasSuffix(" ") { line.removeLast() }
    }
}
