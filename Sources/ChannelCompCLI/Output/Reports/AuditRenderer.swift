import ChannelComp

/// Renders an ``AuditReport`` as text (sections with tables), CSV (one measure per row) or JSON.
///
/// CSV columns: `scope,from,through,section,subject,role,source,measure,value,unit,detail`, e.g.
///
///     ytd,2027-01,2027-12,neutrality,alice,direct_rep,,ratio,0.6973,ratio,
///     ytd,2027-01,2027-12,uncredited,D2701-01/1,direct_rep,deals.csv:17,basis,12000.00,USD,N; no direct_rep owns territory ISLANDS
enum AuditRenderer {
    static func render(_ report: AuditReport, view: AuditView? = nil, format: String, planFile: String, dataDirectory: String,
                       adjustments: AdjustmentAudit? = nil, rosterChanges: [RosterChange] = []) -> String {
        var out = ""
        render(report, view: view, format: format, planFile: planFile, dataDirectory: dataDirectory, adjustments: adjustments,
               rosterChanges: rosterChanges) { out += $0 }
        return out
    }

    /// The report in pieces, in order (CSV and JSON: about `piece` bytes each, so that a report
    /// with a row per deal line is written as it is made, never held whole).
    static func render(_ report: AuditReport, view: AuditView? = nil, format: String, planFile: String, dataDirectory: String,
                       adjustments: AdjustmentAudit? = nil, rosterChanges: [RosterChange] = [], piece: Int = AuditRenderer.piece,
                       emit: (String) -> Void) {
        let view = view ?? .plain(report)
        let shown = adjustments.flatMap { $0.items.isEmpty && $0.afterPeriod == 0 ? nil : $0 }
        switch format {
        case "csv":
            csv(report, view: view, piece: piece, emit: emit)
            emit((shown.map { AdjustmentAuditRenderer.csvRows($0, report) } ?? "") + RosterChangesRenderer.csvRows(rosterChanges, report))
        case "json":
            // Adjustments and roster changes after the sections.
            var extra: [(String, JSONOut)] = []
            if let shown { extra.append(("adjustments", AdjustmentAuditRenderer.json(shown))) }
            if !rosterChanges.isEmpty { extra.append(("roster_changes", RosterChangesRenderer.json(rosterChanges))) }
            json(report, view: view, planFile: planFile, dataDirectory: dataDirectory, extra: extra, piece: piece, emit: emit)
        default:
            emit(text(report, view: view, planFile: planFile, dataDirectory: dataDirectory) + (shown.map(AdjustmentAuditRenderer.text) ?? "")
                + (rosterChanges.isEmpty ? "" : RosterChangesRenderer.text(rosterChanges, period: report.period)))
        }
    }

    /// About this many bytes of CSV or JSON are handed on at a time (1 MiB; tests set a few bytes
    /// to see that the pieces make the whole).
    @TaskLocal static var piece = 1 << 20

    // MARK: Text

    static func text(_ r: AuditReport, view: AuditView, planFile: String, dataDirectory: String) -> String {
        var out = "Audit \(r.period) — plan \"\(r.planName)\" (\(planFile)), data \(dataDirectory), fiscal year from \(r.fiscalYearStart), \(r.currency.code)\n"
        if let payee = view.selection.payee { out += "Only rows about \(payee).\n" }
        if view.selection.shows(.summary), let ytd = view.ytd, let last = r.sections.last {
            out += "\n" + AuditVerdictRenderer.text(ytd, note: view.notes.last?[.summary],
                                                    title: "Verdict, year to date \(last.scope.description)")
            if view.verdicts.count > 1, let p = view.verdicts.first {
                out += "Period \(p.scope.description) alone: " + NeutralitySense.allCases.map {
                    "\($0.rawValue) \(AuditVerdictRenderer.word(p.overall($0).verdict)) (\(p.overall($0).within) of \(p.overall($0).measured))"
                }.joined(separator: ", ") + "\n"
            }
            out += "\n"
        }
        out += "Pay attributable: flat-rate credit gets its flat pay; quota credit gets the person's effective rate\n"
        out += "(earned YTD − flat pay YTD) ÷ credit YTD. Gross: the person's share of S (direct) or G (partner).\n"
        out += "Ratio = partner pay per gross dollar ÷ direct pay per gross dollar (1.0000 = completely neutral).\n"
        let detailed = AuditPart.allCases.contains { $0 != .summary && view.selection.shows($0) }
        for (i, s) in r.sections.enumerated() where detailed {
            let title = s.scope.kind == .period ? "Period \(s.scope.description)" : "Year to date \(s.scope.description)"
            out += "\n== \(title) ==\n"
            out += section(s, currency: r.currency, selection: view.selection, notes: i < view.notes.count ? view.notes[i] : [:])
        }
        return out
    }

    static func section(_ s: AuditSection, currency: Currency, selection: AuditSelection = AuditSelection(),
                        notes: [AuditPart: FoldNote] = [:]) -> String {
        var out = ""
        var part = AuditPart.neutrality
        func block(_ title: String, _ rows: [[String]], right: Set<Int>) {
            guard selection.shows(part) else { return }
            out += "\n\(title)\n"
            out += rows.count <= 1 ? "(none)\n" : TextTable.render(rows, rightAligned: right)
            if let note = notes[part] { out += AuditVerdictRenderer.foldLine(note) }
        }
        var neutral: [[String]] = [["person", "role", "direct gross", "direct pay", "pay/$ direct",
                                    "partner gross", "partner pay", "pay/$ partner", "ratio"]]
        for p in s.neutrality {
            neutral.append([p.id.rawValue, p.role, p.direct.gross.formatted, ReportFormat.money(p.direct.pay, currency),
                            ReportFormat.text(ReportFormat.ratio(p.direct.payPerGross)),
                            p.partner.gross.formatted, ReportFormat.money(p.partner.pay, currency),
                            ReportFormat.text(ReportFormat.ratio(p.partner.payPerGross)),
                            ReportFormat.text(ReportFormat.ratio(p.ratio))])
        }
        block("Channel neutrality (people credited on both channels)", neutral, right: Set(2..<9))

        func dealRows(_ items: [UncreditedDeal]) -> [[String]] {
            var rows: [[String]] = [["deal", "row", "date", "partner", "territory", "role", "basis", "reason"]]
            for d in items {
                rows.append([d.ref.id, d.ref.location, "\(d.date)", d.partner ?? "", d.territory, d.role,
                             "\(d.basisKind.rawValue) \(d.basis.formatted)", d.reasonText])
            }
            return rows
        }
        part = .uncredited
        block("Deals a role credited nobody on", dealRows(s.uncredited), right: [])
        part = .registration
        block("Deals excluded for lack of an approved registration", dealRows(s.registrationExclusions), right: [])
        part = .referral

        var referrals: [[String]] = [["deal", "row", "date", "account", "partner", "S", "fee not paid", "reason"]]
        for d in s.unpaidReferrals {
            referrals.append([d.ref.id, d.ref.location, "\(d.date)", d.account, d.partner ?? "", d.revenue.formatted,
                              d.feeNotPaid?.formatted ?? "", d.reason])
        }
        block("Referral deals without approval (no fee)", referrals, right: [5, 6])
        part = .conflict

        var conflicts: [[String]] = [["account", "month", "direct deals", "partner deals", "direct S", "partner N"]]
        for c in s.channelConflicts {
            let direct = c.direct.map { "\($0.ref.id) \($0.ref.location) (\($0.reps.joined(separator: ";")))" }.joined(separator: ", ")
            let partner = c.partner.map { "\($0.ref.id) \($0.ref.location) (\($0.partner ?? ""))" }.joined(separator: ", ")
            conflicts.append([c.account, "\(c.month)", direct, partner, c.directRevenue.formatted, c.partnerNet.formatted])
        }
        block("Channel conflicts (accounts with direct and partner bookings in the same month)", conflicts, right: [4, 5])
        part = .maxDiscount

        var capped: [[String]] = [["deal", "row", "date", "partner", "stacked discount", "applied", "L", "D", "above cap"]]
        for h in s.maxDiscountHits {
            capped.append([h.ref.id, h.ref.location, "\(h.date)", h.partner, stackText(h), h.applied.percentText,
                           h.list.formatted, h.discount.formatted, h.discountAboveCap.formatted])
        }
        block("Discounts capped at max_discount", capped, right: [5, 6, 7, 8])
        part = .cost

        var cost: [[String]] = [["channel", "net revenue", "people pay", "partner pay", "total cost", "share"]]
        for c in s.cost {
            cost.append([c.channel?.rawValue ?? "all", c.netRevenue.formatted, c.peoplePay.formatted,
                         c.partnerPay.formatted, c.totalCost.formatted, ReportFormat.text(ReportFormat.percent(c.share))])
        }
        block("Compensation cost as a share of net revenue (net revenue: S direct, N partner; partner pay: referral fees on direct deals, rebates on partner deals)",
              cost, right: [1, 2, 3, 4, 5])
        return out
    }

    /// `Gold 30% + upfront 5% + registration 10% = 45%`.
    static func stackText(_ h: MaxDiscountHit) -> String {
        var parts = ["\(h.level ?? "no level") \(h.levelDiscount.percentText)"]
        if !h.upfrontDiscount.fraction.isZero { parts.append("upfront \(h.upfrontDiscount.percentText)") }
        if !h.registrationDiscount.fraction.isZero { parts.append("registration \(h.registrationDiscount.percentText)") }
        return parts.joined(separator: " + ") + " = \(h.uncapped.percentText)"
    }

    // MARK: CSV

    static let csvHeader = "scope,from,through,section,subject,role,source,measure,value,unit,detail"

    static func csv(_ r: AuditReport, view: AuditView, piece: Int, emit: (String) -> Void) {
        var out = csvHeader + "\n"
        defer { emit(out) }
        let code = r.currency.code
        for (i, s) in r.sections.enumerated() {
            // The scope's three cells, the same on every row of the section.
            let scope = [CSVWriter.field(s.scope.kind.rawValue), CSVWriter.field("\(s.scope.first)"), CSVWriter.field("\(s.scope.last)")]
                .joined(separator: ",") + ","
            func row(_ section: String, _ subject: String, _ role: String, _ source: String, _ measure: String,
                     _ value: String?, _ unit: String, _ detail: String) {
                // Text from input (ids, names) is neutralised; figures are numbers and keep their sign.
                // Appended cell by cell (a million rows: no array and no joined string per row).
                out += scope
                out += CSVWriter.field(section); out += ","
                out += SpreadsheetCell.text(subject); out += ","
                out += SpreadsheetCell.text(role); out += ","
                out += SpreadsheetCell.text(source); out += ","
                out += CSVWriter.field(measure); out += ","
                out += CSVWriter.field(value ?? ""); out += ","
                out += CSVWriter.field(unit); out += ","
                out += SpreadsheetCell.text(detail); out += "\n"
                if out.utf8.count >= piece {
                    emit(out)
                    out = ""
                }
            }
            if view.selection.shows(.summary), i < view.verdicts.count {
                AuditVerdictRenderer.csvRows(view.verdicts[i]) { row("summary", $0, $1, "", $2, $3, $4, $5) }
            }
            for (part, n) in (i < view.notes.count ? view.notes[i] : [:]).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let detail = "top \(n.shown) of \(n.shown + n.hidden) shown; \(n.measure)"
                row(part.rawValue, "(not shown)", "", "", "rows_not_shown", "\(n.hidden)", "rows", detail)
                row(part.rawValue, "(not shown)", "", "", "total_not_shown", n.hiddenTotal.formatted, code, detail)
                row(part.rawValue, "(all)", "", "", "total", n.total.formatted, code, "\(n.measure) of all \(n.shown + n.hidden) rows")
            }
            for p in s.neutrality {
                let id = p.id.rawValue
                row("neutrality", id, p.role, "", "direct_gross", p.direct.gross.formatted, code, "")
                row("neutrality", id, p.role, "", "direct_credit", p.direct.credit.formatted, code, "")
                row("neutrality", id, p.role, "", "direct_pay", ReportFormat.money(p.direct.pay, r.currency), code, "")
                row("neutrality", id, p.role, "", "direct_pay_per_gross", ReportFormat.ratio(p.direct.payPerGross), "ratio", "")
                row("neutrality", id, p.role, "", "partner_gross", p.partner.gross.formatted, code, "")
                row("neutrality", id, p.role, "", "partner_credit", p.partner.credit.formatted, code, "")
                row("neutrality", id, p.role, "", "partner_pay", ReportFormat.money(p.partner.pay, r.currency), code, "")
                row("neutrality", id, p.role, "", "partner_pay_per_gross", ReportFormat.ratio(p.partner.payPerGross), "ratio", "")
                row("neutrality", id, p.role, "", "ratio", ReportFormat.ratio(p.ratio), "ratio", "partner ÷ direct")
            }
            for (name, items) in [("uncredited", s.uncredited), ("registration", s.registrationExclusions)] {
                for d in items {
                    var detail = "basis \(d.basisKind.rawValue); \(d.reasonText)"
                    if let p = d.partner { detail = "partner \(p); " + detail }
                    row(name, d.ref.id, d.role, d.ref.location, "basis", d.basis.formatted, code, detail)
                }
            }
            for d in s.unpaidReferrals {
                let detail = (d.partner.map { "partner \($0); " } ?? "") + d.reason
                row("referral", d.ref.id, "", d.ref.location, "revenue", d.revenue.formatted, code, detail)
                row("referral", d.ref.id, "", d.ref.location, "fee_not_paid", d.feeNotPaid?.formatted, code, detail)
            }
            for c in s.channelConflicts {
                let deals = c.direct + c.partner
                let source = deals.map(\.ref.location).joined(separator: " ")
                let detail = "direct " + c.direct.map { "\($0.ref.id) (\($0.reps.joined(separator: ";")))" }.joined(separator: " ")
                    + "; partner " + c.partner.map { "\($0.ref.id) (\($0.partner ?? ""))" }.joined(separator: " ")
                row("conflict", "\(c.account) \(c.month)", "", source, "direct_revenue", c.directRevenue.formatted, code, detail)
                row("conflict", "\(c.account) \(c.month)", "", source, "partner_net", c.partnerNet.formatted, code, detail)
            }
            for h in s.maxDiscountHits {
                let detail = "\(h.partner); \(stackText(h)) → \(h.applied.percentText)"
                row("max_discount", h.ref.id, "", h.ref.location, "list", h.list.formatted, code, detail)
                row("max_discount", h.ref.id, "", h.ref.location, "discount", h.discount.formatted, code, detail)
                row("max_discount", h.ref.id, "", h.ref.location, "discount_above_cap", h.discountAboveCap.formatted, code, detail)
            }
            for c in s.cost {
                let subject = c.channel?.rawValue ?? "all"
                row("cost", subject, "", "", "net_revenue", c.netRevenue.formatted, code, "")
                row("cost", subject, "", "", "people_pay", c.peoplePay.formatted, code, "")
                row("cost", subject, "", "", "partner_pay", c.partnerPay.formatted, code,
                    c.channel == .direct ? "referral fees" : c.channel == .partner ? "rebates" : "referral fees + rebates")
                row("cost", subject, "", "", "total_cost", c.totalCost.formatted, code, "")
                row("cost", subject, "", "", "cost_share", ReportFormat.ratio(c.share), "ratio", "total cost ÷ net revenue")
            }
        }
    }

    // MARK: JSON

    static func json(_ r: AuditReport, view: AuditView, planFile: String, dataDirectory: String,
                     extra: [(String, JSONOut)] = [], piece: Int, emit: (String) -> Void) {
        let sections: [JSONOut] = r.sections.enumerated().map { i, s in
            var extra: [(String, JSONOut)] = []
            if view.selection.shows(.summary), i < view.verdicts.count { extra.append(("verdicts", AuditVerdictRenderer.json(view.verdicts[i]))) }
            if i < view.notes.count, !view.notes[i].isEmpty { extra.append(("not_shown", AuditVerdictRenderer.foldJSON(view.notes[i]))) }
            return sectionJSON(s, currency: r.currency, extra: extra)
        }
        let doc = JSONOut.object([
            ("plan", .string(r.planName)), ("plan_file", .string(planFile)), ("data", .string(dataDirectory)),
            ("period", .string("\(r.period)")), ("fiscal_year_start", .string("\(r.fiscalYearStart)")),
            ("currency", .string(r.currency.code)),
            ("sections", .array(sections)),
        ] + extra)
        doc.write(chunk: piece) { bytes in
            emit(String(decoding: bytes, as: UTF8.self))
            bytes.removeAll(keepingCapacity: true)
        }
        emit("\n")
    }

    static func ref(_ r: DealRef) -> [(String, JSONOut)] {
        [("deal_id", .string(r.deal)), ("line", .int(r.line)), ("file", .string(r.file)), ("row", .int(r.sourceLine))]
    }

    static func channelJSON(_ f: ChannelFigures, currency: Currency) -> JSONOut {
        .object([("lines", .int(f.lines)), ("gross", .string(f.gross.formatted)), ("credit", .string(f.credit.formatted)),
                 ("quota_credit", .string(f.quotaCredit.formatted)),
                 ("flat_pay", .string(ReportFormat.exact(f.flatPay, currency))),
                 ("pay", .string(ReportFormat.money(f.pay, currency))),
                 ("pay_per_gross", ReportFormat.json(ReportFormat.ratio(f.payPerGross)))])
    }

    static func sectionJSON(_ s: AuditSection, currency: Currency, extra: [(String, JSONOut)] = []) -> JSONOut {
        let neutrality: [JSONOut] = s.neutrality.map { p in
            .object([("person", .string(p.id.rawValue)), ("name", .string(p.name)), ("role", .string(p.role)),
                     ("earned_ytd", .string(p.earnedYTD.formatted)), ("credit_ytd", .string(p.creditYTD.formatted)),
                     ("effective_rate", ReportFormat.json(p.effectiveRate.map { $0.value.formatted(fractionDigits: 4) })),
                     ("direct", channelJSON(p.direct, currency: currency)),
                     ("partner", channelJSON(p.partner, currency: currency)),
                     ("ratio", ReportFormat.json(ReportFormat.ratio(p.ratio)))])
        }
        // The long lists (a row per deal line: a million at a million rows) are made row by row
        // while written, not held as trees.
        func deals(_ items: [UncreditedDeal]) -> JSONOut {
            .generated(count: items.count) { k in
                let d = items[k]
                return .object(ref(d.ref) + [
                    ("date", .string("\(d.date)")), ("channel", .string(d.channel.rawValue)),
                    ("partner", ReportFormat.json(d.partner)), ("account", .string(d.account)),
                    ("territory", .string(d.territory)), ("registration", .string(d.registration.rawValue)),
                    ("role", .string(d.role)), ("rule", .string(d.rule)),
                    ("reason", .string(reasonCode(d.reason))), ("reason_text", .string(d.reasonText)),
                    ("basis_kind", .string(d.basisKind.rawValue)), ("basis", .string(d.basis.formatted)),
                ])
            }
        }
        let unpaid = s.unpaidReferrals
        let referrals = JSONOut.generated(count: unpaid.count) { k in
            let d = unpaid[k]
            return .object(ref(d.ref) + [
                ("date", .string("\(d.date)")), ("account", .string(d.account)), ("partner", ReportFormat.json(d.partner)),
                ("registration", .string(d.registration.rawValue)), ("revenue", .string(d.revenue.formatted)),
                ("fee_not_paid", ReportFormat.json(d.feeNotPaid?.formatted)), ("reason", .string(d.reason)),
            ])
        }
        @Sendable func conflictDeal(_ d: ConflictDeal) -> JSONOut {
            .object(ref(d.ref) + [("date", .string("\(d.date)")), ("territory", .string(d.territory)),
                                  ("partner", ReportFormat.json(d.partner)), ("reps", .array(d.reps.map { .string($0) })),
                                  ("net", .string(d.net.formatted))])
        }
        let channelConflicts = s.channelConflicts
        let conflicts = JSONOut.generated(count: channelConflicts.count) { k in
            let c = channelConflicts[k]
            return .object([("account", .string(c.account)), ("month", .string("\(c.month)")),
                     ("direct", .array(c.direct.map(conflictDeal))), ("partner", .array(c.partner.map(conflictDeal))),
                     ("direct_revenue", .string(c.directRevenue.formatted)), ("partner_net", .string(c.partnerNet.formatted))])
        }
        let hits = s.maxDiscountHits
        let capped = JSONOut.generated(count: hits.count) { k in
            let h = hits[k]
            return .object(ref(h.ref) + [
                ("date", .string("\(h.date)")), ("partner", .string(h.partner)), ("level", ReportFormat.json(h.level)),
                ("level_discount", .string(h.levelDiscount.percentText)), ("upfront_discount", .string(h.upfrontDiscount.percentText)),
                ("registration_discount", .string(h.registrationDiscount.percentText)),
                ("stacked", .string(h.uncapped.percentText)), ("applied", .string(h.applied.percentText)),
                ("list", .string(h.list.formatted)), ("discount", .string(h.discount.formatted)), ("net", .string(h.net.formatted)),
                ("discount_above_cap", .string(h.discountAboveCap.formatted)),
            ])
        }
        let cost: [JSONOut] = s.cost.map { c in
            .object([("channel", .string(c.channel?.rawValue ?? "all")), ("net_revenue", .string(c.netRevenue.formatted)),
                     ("people_pay", .string(c.peoplePay.formatted)), ("partner_pay", .string(c.partnerPay.formatted)),
                     ("total_cost", .string(c.totalCost.formatted)), ("cost_share", ReportFormat.json(ReportFormat.ratio(c.share)))])
        }
        let head: [(String, JSONOut)] = [
            ("scope", .string(s.scope.kind.rawValue)), ("from", .string("\(s.scope.first)")), ("through", .string("\(s.scope.last)")),
        ]
        return .object(head + extra + [
            ("neutrality", .array(neutrality)), ("uncredited", deals(s.uncredited)),
            ("registration_exclusions", deals(s.registrationExclusions)), ("unpaid_referrals", referrals),
            ("channel_conflicts", conflicts), ("max_discount_hits", capped), ("cost", .array(cost)),
        ])
    }

    static func reasonCode(_ r: NoCreditReason) -> String {
        switch r {
        case .registrationNotApproved: return "registration_not_approved"
        case .noTerritoryOwner: return "no_territory_owner"
        case .noManager: return "no_manager"
        case .nobodyNamed: return "nobody_named"
        case .nobodyAbove: return "nobody_above"
        }
    }
}
