import ChannelComp

/// Renders a ``StatementDocument`` as a self-contained, printable HTML page: inline CSS, no
/// scripts, no external resources, every value from input escaped.
///
/// A name `<script>alert(1)</script>` is printed as `&lt;script&gt;alert(1)&lt;/script&gt;`.
enum StatementHTML {
    /// The page; `indexHref` links back to the index (`../index.html`).
    static func render(_ doc: StatementDocument, indexHref: String?) -> String {
        bytes(doc, indexHref: indexHref).text
    }

    /// The page as the bytes of its file.
    static func bytes(_ doc: StatementDocument, indexHref: String?) -> TextOutput {
        HTMLPage.write(title: doc.title) { out in
            if let indexHref { out += "<nav><a href=\""; out.appendHTMLEscaped(indexHref); out += "\">← all statements</a></nav>\n" }
            out += "<header>\n<h1>"; out.appendHTMLEscaped(doc.title); out += "</h1>\n"
            for line in doc.context { out += "<p class=\"context\">"; out.appendHTMLEscaped(line); out += "</p>\n" }
            out += "</header>\n"
            for section in doc.sections { self.section(section, into: &out) }
        }
    }

    static func section(_ section: StatementSection) -> String {
        var out = TextOutput()
        self.section(section, into: &out)
        return out.text
    }

    static func section(_ section: StatementSection, into out: inout TextOutput) {
        // A section with a trace may run over several printed pages; the others are kept whole.
        out += section.trace == nil ? "<section>" : "<section class=\"trace\">"
        out += "\n<h2>"; out.appendHTMLEscaped(section.heading); out += "</h2>\n"
        if !section.facts.isEmpty {
            out += "<table class=\"facts\">\n"
            for fact in section.facts {
                out += fact.emphasis ? "<tr class=\"emphasis\">" : "<tr>"
                out += "<th scope=\"row\">"; out.appendHTMLEscaped(fact.label); out += "</th>"
                out += "<td class=\"num"; out += negative(fact.value); out += "\">"; out.appendHTMLEscaped(fact.value); out += "</td>"
                out += "<td class=\"note\">"; out.appendHTMLEscaped(fact.note); out += "</td></tr>\n"
            }
            out += "</table>\n"
        }
        if let chart = section.chart { out += TierChartSVG.render(chart) }
        if let table = section.table { self.table(table, into: &out) }
        if let trace = section.trace { TraceHTML.write(trace, into: &out) }
        if !section.notes.isEmpty {
            out += "<ul class=\"notes\">\n"
            for note in section.notes { out += "<li>"; out.appendHTMLEscaped(note); out += "</li>\n" }
            out += "</ul>\n"
        }
        out += "</section>\n"
    }

    static func table(_ table: StatementTable, into out: inout TextOutput) {
        guard !table.rows.isEmpty else {
            out += "<p class=\"empty\">"; out.appendHTMLEscaped(table.emptyText); out += "</p>\n"
            return
        }
        out += "<table class=\"lines\">\n<thead><tr>"
        for c in table.columns { out += c.numeric ? "<th class=\"num\">" : "<th>"; out.appendHTMLEscaped(c.title); out += "</th>" }
        out += "</tr></thead>\n<tbody>\n"
        // Appended piece by piece: a statement's tables are most of its bytes.
        for row in table.rows {
            out += "<tr>"
            cells(row, table.columns, tag: "td", into: &out)
            out += "</tr>\n"
        }
        out += "</tbody>\n"
        if let footer = table.footer {
            out += "<tfoot><tr>"
            cells(footer, table.columns, tag: "td", into: &out)
            out += "</tr></tfoot>\n"
        }
        out += "</table>\n"
    }

    /// `<td class="num">1200.00</td><td>D2703-06</td>…` appended to `out`.
    static func cells(_ row: [String], _ columns: [StatementTable.Column], tag: String, into out: inout TextOutput) {
        for (i, value) in row.enumerated() {
            let numeric = i < columns.count && columns[i].numeric
            out += "<"
            out += tag
            if numeric {
                out += " class=\"num"
                out += negative(value)
                out += "\""
            } else {
                out += wrapClass(value)
            }
            out += ">"
            out.appendHTMLEscaped(value)
            out += "</"
            out += tag
            out += ">"
        }
    }

    /// Text cells of statement tables stay on one line (`2027-03-12` is never broken into
    /// `2027-` / `03-12`, nor `D2703-06` at its hyphen) unless they hold a space (`Silver 25%`
    /// wraps at its space: class `wrap`) or are longer than 40 characters (a hostile id of 300
    /// characters breaks anywhere: class `long`), so no input can stretch a table off the page.
    static func wrapClass(_ value: String) -> String {
        let utf8 = value.utf8
        // At most 40 bytes is at most 40 characters; only a longer text needs counting.
        if utf8.count > 40 && value.count > 40 { return " class=\"long\"" }
        // ASCII text: its whitespace is tab, line feed, vertical tab, form feed, CR and space.
        if value.allBytes({ $0 < 0x80 }) {
            return value.allBytes({ !($0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D)) }) ? "" : " class=\"wrap\""
        }
        if value.contains(where: \.isWhitespace) { return " class=\"wrap\"" }
        return ""
    }

    /// ` neg` for a figure that starts with a minus sign (recoveries, clawbacks).
    static func negative(_ value: String) -> String {
        value.hasPrefix("-") ? " neg" : ""
    }
}

/// The page shell shared by statements and the index.
enum HTMLPage {
    /// Scripts, frames, fonts, images and network access are all refused by the page's own
    /// policy: even text that slipped past escaping could not run.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    static let style: String = """
        body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d2329; margin: 2em auto; max-width: 72em; padding: 0 1.5em; }
        h1 { font-size: 1.5em; margin: 0 0 .3em; }
        h2 { font-size: 1.1em; margin: 1.6em 0 .5em; border-bottom: 1px solid #c9d1d9; padding-bottom: .2em; }
        p.context { margin: .1em 0; color: #4b5563; }
        nav { margin-bottom: 1em; }
        a { color: #1f5f99; }
        table { border-collapse: collapse; margin: .4em 0; }
        table.lines { width: 100%; font-size: .92em; }
        table.lines th, table.lines td { border-bottom: 1px solid #e5e7eb; padding: .25em .4em; text-align: left; vertical-align: top; }
        table.lines thead th { background: #f3f4f6; border-bottom: 2px solid #c9d1d9; }
        table.lines th.num, table.lines td.num { text-align: right; }
        table.lines td { white-space: nowrap; }
        table.lines td.wrap { white-space: normal; }
        table.lines td.long { white-space: normal; overflow-wrap: anywhere; }
        table.lines tfoot td { font-weight: 600; border-top: 2px solid #c9d1d9; }
        table.facts th { text-align: left; font-weight: normal; padding: .15em 1.2em .15em 0; color: #374151; }
        table.facts td { padding: .15em .6em; }
        table.facts td.note { color: #6b7280; font-size: .92em; }
        tr.emphasis th, tr.emphasis td.num { font-weight: 700; font-size: 1.1em; color: #111827; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .neg { color: #b42318; }
        p.empty { color: #6b7280; font-style: italic; }
        ul.notes { color: #374151; padding-left: 1.2em; }
        svg.chart { display: block; max-width: 100%; height: auto; margin: .6em 0; }
        \(TraceHTML.style)
        @media print {
          body { margin: 0; max-width: none; font-size: 10.5pt; }
          nav { display: none; }
          a { color: inherit; text-decoration: none; }
          section { break-inside: avoid-page; }
          section.trace { break-inside: auto; }
          section.trace h2, p.trace-legend { break-after: avoid-page; }
          table.trace tr { break-inside: avoid-page; }
          table.trace thead { display: table-header-group; }
          table.lines thead { display: table-header-group; }
        }
        @page { margin: 14mm; }
        """

    static func render(title: String, body: String) -> String {
        write(title: title) { $0 += body }.text
    }

    /// The page with the body `body` writes.
    static func write(title: String, body: (inout TextOutput) -> Void) -> TextOutput {
        var out = TextOutput()
        out += """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>

            """
        body(&out)
        out += "</body>\n</html>\n"
        return out
    }
}

/// HTML escaping for text and attribute values.
///
/// `<script>alert("x") & 'y'</script>` → `&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;`.
enum HTML {
    static func escape(_ text: String) -> String {
        // Most text (figures, dates, plain ids) needs nothing: return it without rebuilding it
        // (30,000 statements spent a tenth of their time here; issue 16.11).
        if text.allBytes({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27 }) {
            return text
        }
        var out = TextOutput()
        out.appendHTMLEscaped(text)
        return out.text
    }
}
