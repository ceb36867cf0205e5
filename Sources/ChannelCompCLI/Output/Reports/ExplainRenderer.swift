import ChannelComp

/// Renders payee traces as an indented tree (text) or JSON.
///
/// Text, one number per line:
///
///     payout 2027-01 = 932.00 (difference) — earned YTD − paid to date
///     ├── earned YTD = 932.00 (cap) — min(cap 400000.00, rounded pay): cap not reached [plan roles.direct_rep.cap]
///     │   └── rounded half-even to 2 places = 932.00 (rounding) — adjustment 0.0000 [plan rounding]
///     …
///     └── − paid to date = 0.00 — preview: first month of the fiscal year, nothing paid yet
enum ExplainRenderer {
    static func render(_ traces: [PayeeTrace], format: String, planFile: String, dataDirectory: String) -> String {
        format == "json" ? json(traces, planFile: planFile, dataDirectory: dataDirectory)
            : traces.map { text($0, planFile: planFile, dataDirectory: dataDirectory) }.joined(separator: "\n")
    }

    // MARK: Text

    static func text(_ t: PayeeTrace, planFile: String, dataDirectory: String) -> String {
        let kind = t.payeeType == .person ? "person, \(PlainText.clean(t.role))" : "partner"
        var out = "Explain \(PlainText.clean(t.id)) (\(PlainText.clean(t.name))) — \(kind) — payout \(t.period)\n"
        out += "plan \"\(t.planName)\" (\(planFile)), data \(dataDirectory), amounts in \(t.currency.code)\n"
        out += "Each line: label = amount (how it is made from the lines under it) — note [sources].\n"
        out += "(sum) adds the lines under it, (difference) takes the first less the rest (marked −), (product) multiplies,\n"
        out += "(rounding) rounds, (cap) takes the smaller of the cap and the line under it; lines marked · are context,\n"
        out += "not part of their parent's arithmetic. Amounts are exact; rounding happens only where a line says so.\n\n"
        // Input text (accounts, names, ids) is cleaned so a line break in it cannot add a line.
        out += tree(TraceText.cleaned(t.root), currency: t.currency)
        if !t.context.isEmpty {
            out += "\nContext\n"
            for c in t.context { out += tree(TraceText.cleaned(c), currency: t.currency) }
        }
        let problems = t.verify()
        let count = t.root.count + t.context.reduce(0) { $0 + $1.count }
        if problems.isEmpty {
            out += "\nChecked: \(count) numbers; every sum, difference, product, rounding and cap holds, and the payout equals the summary's \(t.summaryPayout.formatted).\n"
        } else {
            out += "\nCHECK FAILED:\n" + problems.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return out
    }

    static func tree(_ node: TraceNode, currency: Currency) -> String {
        var out = TextOutput()
        tree(node, currency: currency, into: &out)
        return out.text
    }

    /// The tree of `node`, one line per number, appended to `out`.
    static func tree(_ node: TraceNode, currency: Currency, into out: inout TextOutput) {
        line(node, currency: currency, marker: "", into: &out)
        out += "\n"
        appendChildren(of: node, prefix: "", currency: currency, into: &out)
    }

    static func appendChildren(of node: TraceNode, prefix: String, currency: Currency, into out: inout TextOutput) {
        node.forEachChild { child, role, last in
            out += prefix
            out += last ? "└── " : "├── "
            line(child, currency: currency, marker: role == .aside ? "· " : (role == .subtracted ? "− " : ""), into: &out)
            out += "\n"
            appendChildren(of: child, prefix: prefix + (last ? "    " : "│   "), currency: currency, into: &out)
        }
    }

    /// `marker label = amount (op) — note [source; source]`, each part only when there is one.
    static func line(_ n: TraceNode, currency: Currency, marker: String, into out: inout TextOutput) {
        out += marker
        out += n.label
        if let a = n.amount { out += " = "; out += amountText(a, n.unit, currency) }
        if let op = opText(n.formula) { out += " ("; out += op; out += ")" }
        if !n.note.isEmpty { out += " — "; out += n.note }
        if !n.sources.isEmpty {
            out += " ["
            for (i, source) in n.sources.enumerated() {
                if i > 0 { out += "; " }
                out += source.text
            }
            out += "]"
        }
    }

    static func amountText(_ a: ExactDecimal, _ unit: TraceNode.Unit, _ currency: Currency) -> String {
        switch unit {
        case .money: return ReportFormat.exact(a, currency)
        case .rate: return Rate(fraction: a).percentText
        case .ratio: return a.description
        }
    }

    static func opText(_ f: TraceNode.Formula) -> String? {
        switch f {
        case .given: return nil
        case .sum: return "sum"
        case .difference: return "difference"
        case .product: return "product"
        case .rounded: return "rounding"
        case .capped: return "cap"
        }
    }

    // MARK: JSON

    static func json(_ traces: [PayeeTrace], planFile: String, dataDirectory: String) -> String {
        let doc = JSONOut.object([
            ("plan", .string(traces.first?.planName ?? "")), ("plan_file", .string(planFile)),
            ("data", .string(dataDirectory)), ("period", .string(traces.first.map { "\($0.period)" } ?? "")),
            ("currency", .string(traces.first?.currency.code ?? "")),
            ("payees", .array(traces.map { t in
                let problems = t.verify()
                return .object([
                    ("payee_type", .string(t.payeeType.rawValue)), ("payee_id", .string(t.id)), ("name", .string(t.name)),
                    ("role", .string(t.role)), ("payout", .string(t.summaryPayout.formatted)),
                    ("checked", .bool(problems.isEmpty)), ("problems", .array(problems.map { .string($0) })),
                    ("trace", nodeJSON(t.root, currency: t.currency)),
                    ("context", .array(t.context.map { nodeJSON($0, currency: t.currency) })),
                ])
            })),
        ])
        return doc.render() + "\n"
    }

    static func nodeJSON(_ n: TraceNode, currency: Currency) -> JSONOut {
        var fields: [(String, JSONOut)] = [("label", .string(n.label))]
        fields.append(("amount", n.amount.map { .string(n.unit == .money ? ReportFormat.exact($0, currency) : $0.description) } ?? .null))
        fields.append(("unit", .string(n.unit == .money ? currency.code : n.unit.rawValue)))
        switch n.formula {
        case .given: fields.append(("formula", .string("given")))
        case .sum: fields.append(("formula", .string("sum")))
        case .difference: fields.append(("formula", .string("difference")))
        case .product(let factor): fields += [("formula", .string("product")), ("factor", .string(factor.description))]
        case .rounded(let places, let rule):
            fields += [("formula", .string("rounded")), ("places", .int(places)), ("rule", .string(rule.rawValue))]
        case .capped(let cap):
            fields += [("formula", .string("capped")), ("cap", .string(n.unit == .money ? ReportFormat.exact(cap, currency) : cap.description))]
        }
        if !n.note.isEmpty { fields.append(("note", .string(n.note))) }
        if !n.sources.isEmpty { fields.append(("sources", .array(n.sources.map(sourceJSON)))) }
        if n.aside { fields.append(("aside", .bool(true))) }
        if !n.children.isEmpty { fields.append(("children", .array(n.children.map { nodeJSON($0, currency: currency) }))) }
        return .object(fields)
    }

    static func sourceJSON(_ s: TraceSource) -> JSONOut {
        switch s {
        case .deal(let r), .cancellation(let r):
            let kind: String
            if case .deal = s { kind = "booking" } else { kind = "cancellation" }
            return .object([("kind", .string(kind)), ("file", .string(r.file)), ("row", .int(r.sourceLine)),
                            ("deal_id", .string(r.deal)), ("line", .int(r.line))])
        case .plan(let key): return .object([("kind", .string("plan")), ("key", .string(key))])
        case .journal(let file, let line): return .object([("kind", .string("journal")), ("file", .string(file)), ("row", .int(line))])
        case .roster(let file, let line): return .object([("kind", .string("roster")), ("file", .string(file)), ("row", .int(line))])
        case .adjustment(let file, let line): return .object([("kind", .string("adjustment")), ("file", .string(file)), ("row", .int(line))])
        }
    }
}
