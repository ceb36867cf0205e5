import ChannelComp

/// What the audit shows beside its sections: the verdicts of each scope and the fold notes of
/// the lists the reader's `--top` shortened, in the order of ``AuditReport/sections``.
struct AuditView {
    var verdicts: [NeutralityVerdicts]
    var notes: [[AuditPart: FoldNote]]
    var selection: AuditSelection

    /// Nothing selected or folded: every section in full, verdicts at the default tolerance.
    static func plain(_ r: AuditReport) -> AuditView {
        AuditView(verdicts: r.sections.compactMap { try? NeutralityVerdicts.judge($0) },
                  notes: r.sections.map { _ in [:] }, selection: AuditSelection())
    }

    /// The year-to-date verdicts (the last scope).
    var ytd: NeutralityVerdicts? { verdicts.last }
}

/// Renders the audit's verdicts: the summary on top of the text report, `summary` rows of the
/// CSV, and the `verdicts` object of the JSON.
///
/// Text, channel-neutral sample plan, 2027-04:
///
///     channel-neutral    (same pay per net dollar …):   NEUTRAL      8 of 8 people within ±0.01
///     completely-neutral (same pay per gross dollar …): NOT NEUTRAL  0 of 8 people within ±0.01
enum AuditVerdictRenderer {
    static func word(_ v: Verdict) -> String {
        switch v {
        case .neutral: return "NEUTRAL"
        case .notNeutral: return "NOT NEUTRAL"
        case .notMeasured: return "NOT MEASURED"
        }
    }

    static func ratioText(_ d: ExactDecimal?) -> String {
        guard let d else { return "n/a" }
        return d.formatted(fractionDigits: 4)
    }

    /// `8 of 8 people within ±0.01; ratios 0.6630–0.8889; pooled 0.7049; furthest bob 0.6630`.
    static func overallDetail(_ o: OverallVerdict, tolerance: ExactDecimal) -> String {
        if o.measured == 0 { return "nobody is credited on both channels with pay on each" }
        var s = "\(o.within) of \(o.measured) \(o.measured == 1 ? "person" : "people") within ±\(tolerance)"
        s += "; ratios \(ratioText(o.lowest))–\(ratioText(o.highest)); pooled \(ratioText(o.pooled?.value))"
        if o.verdict == .notNeutral, let w = o.worst {
            s += "; furthest \(w.person.id.rawValue) \(ratioText(w.measure(o.sense).ratio?.value))"
        }
        return s
    }

    static func text(_ v: NeutralityVerdicts, note: FoldNote?, title: String) -> String {
        var out = "\(title), tolerance ±\(v.tolerance) on each ratio (partner pay per dollar ÷ direct pay per dollar; 1.0000 = neutral)\n"
        let rows = NeutralitySense.allCases.map { sense -> [String] in
            let o = v.overall(sense)
            return ["  " + sense.rawValue, "(" + sense.rule + ")", word(o.verdict), overallDetail(o, tolerance: v.tolerance)]
        }
        out += TextTable.render(rows, rightAligned: [], header: false)
        guard !v.people.isEmpty else { return out }
        var table: [[String]] = [["person", "role", "pay/$ direct", "pay/$ partner net", "net ratio", "channel-neutral",
                                  "pay/$ partner gross", "gross ratio", "completely-neutral"]]
        for p in v.people {
            table.append([p.person.id.rawValue, p.person.role,
                          ReportFormat.text(ReportFormat.ratio(p.person.direct.payPerGross)),
                          ReportFormat.text(ReportFormat.ratio(p.partnerPayPerNet)),
                          ratioText(p.channel.ratio?.value), word(p.channel.verdict),
                          ReportFormat.text(ReportFormat.ratio(p.person.partner.payPerGross)),
                          ratioText(p.complete.ratio?.value), word(p.complete.verdict)])
        }
        out += "\n" + TextTable.render(table, rightAligned: [2, 3, 4, 6, 7])
        if let note { out += foldLine(note, unit: "person", units: "people") }
        return out
    }

    /// `… 1 more row not shown (top 3 of 4 by basis; basis not shown 14387.20, of all 153387.20; --top 0 shows all)`.
    static func foldLine(_ n: FoldNote, unit: String = "row", units: String = "rows") -> String {
        let rank = n.measure == "pay attributable" ? "distance of a ratio from 1" : n.measure
        return "… \(n.hidden) more \(n.hidden == 1 ? unit : units) not shown (top \(n.shown) of \(n.shown + n.hidden) by \(rank); "
            + "\(n.measure) not shown \(n.hiddenTotal.formatted), of all \(n.total.formatted); --top 0 shows all)\n"
    }

    /// The CSV rows of one scope's verdicts (section `summary`).
    static func csvRows(_ v: NeutralityVerdicts, row: (String, String, String, String?, String, String) -> Void) {
        for sense in NeutralitySense.allCases {
            let o = v.overall(sense)
            let key = sense == .channel ? "net" : "gross"
            row("all", "", "\(key)_verdict", o.verdict.rawValue, "verdict", sense.rawValue + "; " + overallDetail(o, tolerance: v.tolerance))
            row("all", "", "\(key)_ratio_pooled", ReportFormat.ratio(o.pooled), "ratio", sense.rawValue)
        }
        for p in v.people {
            let id = p.person.id.rawValue
            row(id, p.person.role, "net_ratio", ReportFormat.ratio(p.channel.ratio), "ratio", "channel-neutral: " + p.channel.verdict.rawValue)
            row(id, p.person.role, "gross_ratio", ReportFormat.ratio(p.complete.ratio), "ratio", "completely-neutral: " + p.complete.verdict.rawValue)
        }
    }

    static func json(_ v: NeutralityVerdicts) -> JSONOut {
        func measure(_ m: NeutralityMeasure) -> JSONOut {
            .object([("ratio", ReportFormat.json(ReportFormat.ratio(m.ratio))), ("verdict", .string(m.verdict.rawValue))])
        }
        func overall(_ o: OverallVerdict) -> JSONOut {
            .object([("verdict", .string(o.verdict.rawValue)), ("measured", .int(o.measured)), ("within", .int(o.within)),
                     ("lowest", ReportFormat.json(o.lowest?.formatted(fractionDigits: 4))),
                     ("highest", ReportFormat.json(o.highest?.formatted(fractionDigits: 4))),
                     ("pooled", ReportFormat.json(ReportFormat.ratio(o.pooled))),
                     ("furthest", ReportFormat.json(o.verdict == .notNeutral ? o.worst?.person.id.rawValue : nil))])
        }
        return .object([
            ("tolerance", .string("\(v.tolerance)")),
            ("channel_neutral", overall(v.channel)), ("completely_neutral", overall(v.complete)),
            ("people", .array(v.people.map { p in
                .object([("person", .string(p.person.id.rawValue)), ("role", .string(p.person.role)),
                         ("channel_neutral", measure(p.channel)), ("completely_neutral", measure(p.complete))])
            })),
        ])
    }

    static func foldJSON(_ notes: [AuditPart: FoldNote]) -> JSONOut {
        .object(AuditPart.allCases.compactMap { part in
            notes[part].map { n in
                (part.rawValue, JSONOut.object([("shown", .int(n.shown)), ("not_shown", .int(n.hidden)), ("measure", .string(n.measure)),
                                                ("total_not_shown", .string(n.hiddenTotal.formatted)), ("total", .string(n.total.formatted))]))
            }
        })
    }
}
