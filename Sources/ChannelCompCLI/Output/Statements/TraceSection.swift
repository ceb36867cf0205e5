import ChannelComp

/// A payee's `explain` trace inside a statement: the payout as a tree of numbers down to the
/// deal rows and plan rules, whether every number of it holds, and the tree as printed, with
/// long lists folded.
///
/// alice, 2027-03: payout 1882.24 = earned YTD 11332.24 − paid to date 9450.00; earned YTD =
/// min(cap 400000.00, round(226644.80 × 5 %)); the credit YTD 226644.80 lists D2701-03/1 …
/// D2703-11/1 with their deals.csv lines; 26 numbers, all checked, none folded.
///
/// A rep with 60 deal lines in one month: that month's row keeps its total (a sum, checked
/// over all 60 lines) and its 60 lines are folded: `channelcomp explain` lists them.
struct StatementTrace {
    /// Lists longer than this are folded to their total in a statement.
    static let foldAbove = 25

    /// The whole trace, as `explain` builds it.
    var trace: PayeeTrace
    /// What ``PayeeTrace/verify()`` found over the whole trace: empty when every sum,
    /// difference, product, rounding and cap holds and the root equals the run's payout.
    var problems: [String]
    /// The payout tree and the context trees as the statement prints them: nodes with more
    /// than ``foldAbove`` children keep their amount and formula but lose their children.
    var root: TraceNode
    var context: [TraceNode]
    /// How many numbers folding left out (0 for every payee of the sample).
    var foldedCount: Int
    /// Every number of the whole tree and the context.
    var count: Int

    init(_ trace: PayeeTrace, foldAbove: Int = StatementTrace.foldAbove) {
        self.trace = trace
        problems = trace.verify()
        var hidden = 0
        var shown = 0
        root = Self.fold(trace.root, above: foldAbove, shown: &shown, hidden: &hidden)
        context = trace.context.map { Self.fold($0, above: foldAbove, shown: &shown, hidden: &hidden) }
        foldedCount = hidden
        count = shown + hidden
    }

    /// The payout the tree arrives at, formatted like the summary (`1882.24`).
    var payoutText: String {
        trace.root.amount.map { ReportFormat.exact($0, trace.currency) } ?? "—"
    }

    /// `node` with every list longer than `above` folded: the node keeps its amount, formula
    /// and sources, says how many lines were folded, and has no children. Counts the numbers
    /// kept (`shown`) and left out (`hidden`).
    static func fold(_ node: TraceNode, above: Int, shown: inout Int, hidden: inout Int) -> TraceNode {
        shown += 1
        if node.children.isEmpty { return node }
        var n = node
        if node.children.count > above {
            let lines = node.children.count
            let numbers = node.count - 1
            hidden += numbers
            n.children = []
            n.note += (n.note.isEmpty ? "" : "; ") + "\(lines) lines under it folded (\(numbers) numbers; channelcomp explain lists them)"
            return n
        }
        // Children read in place through their buffer (`map` would copy each node first).
        n.children = node.children.withUnsafeBufferPointer { kids in
            var folded: [TraceNode] = []
            folded.reserveCapacity(kids.count)
            for i in kids.indices { folded.append(fold(kids[i], above: above, shown: &shown, hidden: &hidden)) }
            return folded
        }
        return n
    }
}

/// The statement section "How this payout is made": the payee's trace from the same builder
/// as `channelcomp explain`, so a statement and `explain` cannot disagree.
///
/// bob, 2027-03: the tree shows D2702-08's clawback of −18000.00 inside credit YTD, and the
/// closing note `Checked: … the payout equals the summary's 2150.00.`
enum TraceSection {
    static let heading = "Audit trail (appendix): how this payout is made"

    static func section(_ built: Result<PayeeTrace, ReportError>, payee id: String, period: Period) -> StatementSection {
        switch built {
        case .failure(let error):
            return StatementSection(heading: heading, notes: ["The trace of this payout could not be built: \(error)."])
        case .success(let t):
            let trace = StatementTrace(t)
            var notes = ["The same tree is printed by: channelcomp explain --period \(period) --payee \(id) (with this run's --plan and --data)."]
            if trace.problems.isEmpty {
                notes.append("Checked: \(trace.count) numbers; every sum, difference, product, rounding and cap holds, and the payout equals the summary's \(t.summaryPayout.formatted).")
            } else {
                notes.append("CHECK FAILED (a bug in channelcomp; please report it): " + trace.problems.joined(separator: "; "))
            }
            if trace.foldedCount > 0 {
                notes.append("Lists of more than \(StatementTrace.foldAbove) lines are folded to their total here (\(trace.foldedCount) of the \(trace.count) numbers); the check covers them all.")
            }
            return StatementSection(heading: heading, trace: trace, notes: notes)
        }
    }

    /// The explanation printed above the tree in text statements (the `explain` legend).
    static let textLegend = [
        "Each line: label = amount (how it is made from the lines under it) — note [sources].",
        "(sum) adds the lines under it, (difference) takes the first less the rest (marked −), (product) multiplies,",
        "(rounding) rounds, (cap) takes the smaller of the cap and the line under it; lines marked · are context,",
        "not part of their parent's arithmetic. Amounts are exact; rounding happens only where a line says so.",
    ]

    /// The explanation printed above the tree in HTML statements.
    static let htmlLegend = "Each row is one number and how it is made from the rows indented under it: "
        + "sum adds them, difference takes the first less the rest (marked −), product multiplies, "
        + "rounding rounds, cap takes the smaller of the cap and the row under it. Rows marked · are context, "
        + "not part of their parent's arithmetic. Amounts are exact; rounding happens only where a row says so."
}

/// The trace as indented text: the tree lines of `channelcomp explain`, made safe for a text
/// file first (every label, note and source through ``PlainText/clean(_:)``), so input such
/// as a deal id with a line break cannot add a line to the tree.
enum TraceText {
    static func render(_ trace: StatementTrace) -> String {
        var out = TextOutput()
        write(trace, into: &out)
        return out.text
    }

    static func write(_ trace: StatementTrace, into out: inout TextOutput) {
        let currency = trace.trace.currency
        out += TraceSection.textLegend.joined(separator: "\n")
        out += "\n\n"
        ExplainRenderer.tree(cleaned(trace.root), currency: currency, into: &out)
        if !trace.context.isEmpty {
            out += "\nContext\n"
            for c in trace.context { ExplainRenderer.tree(cleaned(c), currency: currency, into: &out) }
        }
        out += "\n"
    }

    /// The node and its descendants with every text cleaned; amounts and formulas untouched.
    ///
    /// A label `"D1\npayout = 1000000"` becomes `"D1�payout = 1000000"`: one line.
    static func cleaned(_ node: TraceNode) -> TraceNode {
        // Nearly every tree is printable ASCII throughout: then it is its own cleaned copy.
        if isClean(node) { return node }
        var n = node
        n.label = PlainText.clean(node.label)
        n.note = PlainText.clean(node.note)
        n.sources = node.sources.map(cleaned)
        n.children = node.children.map(cleaned)
        return n
    }

    /// Whether cleaning would change nothing in the node and its descendants.
    static func isClean(_ node: TraceNode) -> Bool {
        guard PlainText.isClean(node.label), PlainText.isClean(node.note) else { return false }
        for s in node.sources where !isClean(s) { return false }
        return node.children.withUnsafeBufferPointer { kids in
            for i in kids.indices where !isClean(kids[i]) { return false }
            return true
        }
    }

    static func isClean(_ source: TraceSource) -> Bool {
        switch source {
        case .deal(let r), .cancellation(let r): return PlainText.isClean(r.deal) && PlainText.isClean(r.file)
        case .plan(let key): return PlainText.isClean(key)
        case .journal(let file, _), .roster(let file, _), .adjustment(let file, _): return PlainText.isClean(file)
        }
    }

    static func cleaned(_ source: TraceSource) -> TraceSource {
        func ref(_ r: DealRef) -> DealRef {
            DealRef(deal: PlainText.clean(r.deal), line: r.line, file: PlainText.clean(r.file), sourceLine: r.sourceLine)
        }
        switch source {
        case .deal(let r): return .deal(ref(r))
        case .cancellation(let r): return .cancellation(ref(r))
        case .plan(let key): return .plan(PlainText.clean(key))
        case .journal(let file, let line): return .journal(file: PlainText.clean(file), line: line)
        case .roster(let file, let line): return .roster(file: PlainText.clean(file), line: line)
        case .adjustment(let file, let line): return .adjustment(file: PlainText.clean(file), line: line)
        }
    }
}

/// The trace as an HTML table: one row per number, indented by depth, with the amount, how it
/// is made, the note and the sources (deal rows, plan keys) in columns; every text escaped.
///
///     <tr class="t"><td class="step d1"><span class="mark">−</span> paid to date</td>
///     <td class="num">9450.00</td><td class="op">cap</td><td>preview …</td><td class="src">plan roles.direct_rep.cap</td></tr>
enum TraceHTML {
    /// Indentation classes `d0` … `d\(maxDepth)`; deeper rows use the last one.
    static let maxDepth = 16
    /// `"0"` … `"16"`: the depths as text, made once.
    private static let depthText = (0...maxDepth).map { String($0) }

    /// CSS for the trace table (part of the page style).
    static var style: String {
        var css = """
            p.trace-legend { color: #4b5563; font-size: .92em; max-width: 60em; }
            table.trace { width: 100%; font-size: .88em; }
            table.trace th, table.trace td { border-bottom: 1px solid #eef0f2; padding: .2em .5em; text-align: left; vertical-align: top; }
            table.trace thead th { background: #f3f4f6; border-bottom: 2px solid #c9d1d9; }
            table.trace td.num { text-align: right; }
            table.trace td.step { white-space: nowrap; }
            table.trace td.op { color: #4b5563; white-space: nowrap; }
            table.trace td.src { color: #6b7280; font-size: .92em; }
            table.trace td.src span { display: block; white-space: nowrap; }
            table.trace tr.root td { font-weight: 700; border-top: 2px solid #c9d1d9; }
            table.trace tr.aside td { color: #6b7280; font-style: italic; }
            table.trace tr.aside td.num { color: #6b7280; }
            table.trace tbody.context th { text-align: left; padding-top: 1em; font-weight: 600; border-bottom: 1px solid #c9d1d9; }
            table.trace span.mark { display: inline-block; width: 1em; color: #6b7280; }

            """
        for d in 0...maxDepth {
            let tenths = 5 + 12 * d   // 0.5em, then 1.2em per level
            css += "table.trace td.d\(d) { padding-left: \(tenths / 10).\(tenths % 10)em; }\n"
        }
        return css
    }

    static func write(_ trace: StatementTrace, into out: inout TextOutput) {
        let t = trace.trace
        out += "<p class=\"trace-legend\">"; out.appendHTMLEscaped(TraceSection.htmlLegend); out += "</p>\n"
        out += "<table class=\"trace\">\n<thead><tr><th>number</th><th class=\"num\">amount</th><th>how</th>"
        out += "<th>details</th><th>from</th></tr></thead>\n<tbody>\n"
        rows(trace.root, depth: 0, marker: "", root: true, currency: t.currency, into: &out)
        out += "</tbody>\n"
        if !trace.context.isEmpty {
            out += "<tbody class=\"context\">\n<tr><th colspan=\"5\">Context</th></tr>\n"
            for c in trace.context { rows(c, depth: 0, marker: "", root: false, currency: t.currency, into: &out) }
            out += "</tbody>\n"
        }
        out += "</table>\n"
    }

    /// The row of `node`, then its children one level deeper (subtracted terms marked −,
    /// context rows ·), depth first as in `explain`.
    static func rows(_ node: TraceNode, depth: Int, marker: String, root: Bool, currency: Currency, into out: inout TextOutput) {
        let amount = node.amount.map { ExplainRenderer.amountText($0, node.unit, currency) } ?? ""
        out += root ? "<tr class=\"root\">" : (node.aside ? "<tr class=\"aside\">" : "<tr class=\"t\">")
        out += "<td class=\"step d"; out += depthText[min(depth, maxDepth)]; out += "\">"
        // Below the root every label has a marker cell (empty for a plain term), so labels of
        // one depth line up and − and · stand in the gutter.
        if depth > 0 { out += "<span class=\"mark\">"; out.appendHTMLEscaped(marker); out += "</span>" }
        out.appendHTMLEscaped(node.label)
        out += "</td><td class=\"num"; out += StatementHTML.negative(amount); out += "\">"
        out.appendHTMLEscaped(amount)
        out += "</td><td class=\"op\">"; out.appendHTMLEscaped(ExplainRenderer.opText(node.formula) ?? "")
        out += "</td><td>"; out.appendHTMLEscaped(node.note)
        out += "</td><td class=\"src\">"
        for source in node.sources { out += "<span>"; out.appendHTMLEscaped(source.text); out += "</span>" }
        out += "</td></tr>\n"
        node.forEachChild { child, role, _ in
            rows(child, depth: depth + 1, marker: role == .aside ? "·" : (role == .subtracted ? "−" : ""),
                 root: false, currency: currency, into: &out)
        }
    }
}
