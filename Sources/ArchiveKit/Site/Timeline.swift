/// Statements by month, from the first month with a statement to the last, months without any
/// included so that gaps show; statements dated by month only are kept apart within their month,
/// and undated statements apart from all months.
struct Timeline: Sendable {
    struct Month: Sendable {
        var year: Int
        var month: Int
        /// Dated by day, in order of time, then those dated by month only.
        var statements: [Statement]

        /// The fragment a month's section has: `month-2023-01`.
        var anchor: String { "month-" + StatementDate(year: year, month: month)!.description }
    }

    let months: [Month]
    let undated: [Statement]

    init(_ archive: Archive) {
        var byMonth: [Int: [Statement]] = [:]
        var undated: [Statement] = []
        for statement in archive.statements {
            guard let date = statement.date else {
                undated.append(statement)
                continue
            }
            byMonth[date.year * 12 + date.month - 1, default: []].append(statement)
        }
        self.undated = undated
        guard let first = byMonth.keys.min(), let last = byMonth.keys.max() else {
            months = []
            return
        }
        months = (first...last).map { key in
            // Statements are newest first; a month reads from its first day, the undated days last.
            let statements = (byMonth[key] ?? []).reversed().sorted { ($0.date?.day ?? 32) < ($1.date?.day ?? 32) }
            return Month(year: key / 12, month: key % 12 + 1, statements: statements)
        }
    }

    /// The chart: one bar per month, each linking to its month's list, drawn with the page's
    /// colours (`currentColor` and the stylesheet's classes).
    /// `link` gives the path a month's bar leads to (from the site's root, the page's `root` put
    /// before it by the template), or `nil` for none.
    func svg(strings: Strings, root: String = "../", link: (Month) -> String? = { _ in nil }) -> String {
        let barWidth = 12, gap = 4, left = 28, top = 16, height = 120
        let most = max(1, months.map(\.statements.count).max() ?? 1)
        let width = left + max(1, months.count) * (barWidth + gap) + gap
        var svg = """
            <svg class="timeline-chart" viewBox="0 0 \(width) \(top + height + 36)" width="\(width)" height="\(top + height + 36)" xmlns="http://www.w3.org/2000/svg">
            <line class="axis" x1="\(left - 4)" y1="\(top + height)" x2="\(width)" y2="\(top + height)"/>
            <text class="scale" x="\(left - 8)" y="\(top + 4)" text-anchor="end">\(most)</text>
            <text class="scale" x="\(left - 8)" y="\(top + height)" text-anchor="end">0</text>

            """
        for (index, month) in months.enumerated() {
            let x = left + gap + index * (barWidth + gap)
            let count = month.statements.count
            let name = HTMLEscaping.escape(monthName(month, strings: strings))
            if count > 0 {
                let barHeight = max(2, count * height / most)
                let counted = HTMLEscaping.escape(Self.counted(count, strings: strings))
                let bar = "<rect class=\"bar\" x=\"\(x)\" y=\"\(top + height - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\">"
                    + "<title>\(name): \(counted)</title></rect>"
                if let target = link(month) {
                    svg += "<a href=\"\(HTMLEscaping.escape(root + target))\" aria-label=\"\(name): \(counted)\">\(bar)</a>\n"
                } else {
                    svg += bar + "\n"
                }
            }
            if index == 0 || month.month == 1 {
                svg += "<text class=\"year\" x=\"\(x)\" y=\"\(top + height + 16)\">\(month.year)</text>\n"
            }
        }
        return svg + "</svg>"
    }

    func monthName(_ month: Month, strings: Strings) -> String {
        strings.format(StatementDate(year: month.year, month: month.month)!)
    }

    static func counted(_ count: Int, strings: Strings) -> String {
        count == 1 ? strings["count_one"] : strings["count_many"].replacingOccurrences(of: "{count}", with: String(count))
    }
}
