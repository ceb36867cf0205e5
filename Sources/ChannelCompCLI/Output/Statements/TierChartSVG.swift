import ChannelComp

/// A ``TierChart`` as a small inline SVG: a bar for the value, a dashed marker and a label
/// per threshold (labels alternate above and below so that close thresholds stay readable).
///
/// Attainment 0.2833 on an axis to 1.725 (tiers at 0, 1.00, 1.50): the bar is
/// 0.2833 × 560 / 1.725 = 92.0 units wide; the 100 % marker sits at 20 + 324.6 = 344.6.
enum TierChartSVG {
    static let width = 600
    static let margin = 20
    static var length: Int { width - 2 * margin }

    static func render(_ chart: TierChart) -> String {
        let height = 104
        let barTop = 34
        let barHeight = 24
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\">\n"
        svg += "<title>\(HTML.escape(chart.caption + ": " + chart.valueLabel))</title>\n"
        svg += "<rect x=\"\(margin)\" y=\"\(barTop)\" width=\"\(length)\" height=\"\(barHeight)\" fill=\"#eef1f4\"/>\n"
        let bar = chart.position(chart.value, length: length)
        svg += "<rect x=\"\(margin)\" y=\"\(barTop)\" width=\"\(bar.formatted(fractionDigits: 1))\" height=\"\(barHeight)\" fill=\"#3b6ea5\"/>\n"
        for (i, mark) in chart.marks.enumerated() {
            let x = x(chart.position(mark.value, length: length))
            let above = i % 2 == 0
            svg += "<line x1=\"\(x)\" y1=\"\(barTop - 6)\" x2=\"\(x)\" y2=\"\(barTop + barHeight + 6)\" stroke=\"#b42318\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>\n"
            svg += "<text x=\"\(x)\" y=\"\(above ? barTop - 10 : barTop + barHeight + 18)\" font-size=\"11\" fill=\"#374151\" text-anchor=\"\(anchor(chart.position(mark.value, length: length)))\">\(HTML.escape(mark.label))</text>\n"
        }
        svg += "<text x=\"\(margin)\" y=\"\(height - 4)\" font-size=\"12\" font-weight=\"bold\" fill=\"#1d2329\">\(HTML.escape(chart.valueLabel))</text>\n"
        return svg + "</svg>\n"
    }

    /// The x coordinate of a position on the axis: margin + position.
    static func x(_ position: ExactDecimal) -> String {
        ((try? position.adding(ExactDecimal(margin))) ?? position).formatted(fractionDigits: 1)
    }

    /// Labels near the ends are anchored inward so they stay inside the picture.
    static func anchor(_ position: ExactDecimal) -> String {
        if position < ExactDecimal(60) { return "start" }
        if position > ExactDecimal(length - 60) { return "end" }
        return "middle"
    }
}
