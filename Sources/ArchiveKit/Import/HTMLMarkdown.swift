import Foundation

/// Turns the statement's HTML into the importer's paragraphs, each with its plain text (for
/// detection) and its Markdown: headings, paragraphs, list items, block quotes, emphasis, code and
/// links, with relative links made absolute from the page's address.
struct HTMLMarkdown {
    /// The page's address, against which relative links are resolved.
    var base: URL?

    /// The paragraphs of an element already pruned of furniture (`PageContent.prune`), in document order. Paragraphs that are mostly links (a list of
    /// other stories, a "Read more" line) are left out.
    func paragraphs(of element: HTMLElement) -> [StatementImporter.Paragraph] {
        var builder = Builder(converter: self)
        builder.blocks(of: element, context: Context())
        builder.flush(context: Context())
        return builder.paragraphs
    }

    fileprivate struct Context {
        var quote = 0
        var listDepth = 0
        var heading: Int?
    }

    /// Inline Markdown and plain text gathered until the next block boundary.
    fileprivate struct Inline {
        var markdown = ""
        var text = ""
        var linkText = 0

        mutating func append(text piece: String) {
            let folded = piece.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
            var collapsed = ""
            for character in folded {
                if character.isWhitespace {
                    if !(collapsed.last?.isWhitespace ?? text.last?.isWhitespace ?? true) { collapsed.append(" ") }
                } else {
                    collapsed.append(character)
                }
            }
            guard !collapsed.isEmpty else { return }
            if collapsed.first == " ", text.last == " " { collapsed.removeFirst() }
            text += collapsed
            markdown += MarkdownWriter.escapeInline(collapsed)
        }

        var isEmpty: Bool { text.allSatisfy(\.isWhitespace) }
    }

    fileprivate struct Builder {
        let converter: HTMLMarkdown
        var paragraphs: [StatementImporter.Paragraph] = []
        var inline = Inline()

        static let blockElements: Set<String> = [
            "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
            "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt", "dd", "hr", "address",
            "details", "summary", "center", "hgroup", "caption",
        ]

        mutating func blocks(of element: HTMLElement, context: Context) {
            for child in element.children {
                switch child {
                case .text(let text):
                    inline.append(text: text)
                case .element(let child):
                    block(child, context: context)
                }
            }
        }

        mutating func block(_ element: HTMLElement, context: Context) {
            switch element.name {
            case "br", "hr":
                flush(context: context)
            case "h1", "h2", "h3", "h4", "h5", "h6":
                flush(context: context)
                var inner = context
                inner.heading = Int(element.name.dropFirst()) ?? 2
                inlineContent(of: element)
                flush(context: inner)
            case "ul", "ol":
                flush(context: context)
                var number = Int(element["start"] ?? "") ?? 1
                for item in element.elements where item.name == "li" {
                    listItem(item, ordered: element.name == "ol" ? number : nil, context: context)
                    number += 1
                }
            case "blockquote":
                flush(context: context)
                var inner = context
                inner.quote += 1
                blocks(of: element, context: inner)
                flush(context: inner)
            case "td", "th":
                blocks(of: element, context: context)
                inline.append(text: " ")
            case _ where Self.blockElements.contains(element.name):
                flush(context: context)
                blocks(of: element, context: context)
                flush(context: context)
            default:
                self.inline(element, context: context)
            }
        }

        /// A list item: its own text as one paragraph, then any list nested in it, one level deeper.
        mutating func listItem(_ item: HTMLElement, ordered: Int?, context: Context) {
            let isList = { (node: HTMLNode) in node.element.map { $0.name == "ul" || $0.name == "ol" } ?? false }
            var content = Inline()
            swap(&content, &inline)
            inlineContent(of: item.children.filter { !isList($0) })
            swap(&content, &inline)
            if !content.isEmpty, !Self.isMostlyLinks(content) {
                let indent = String(repeating: "   ", count: context.listDepth)
                let marker = ordered.map { "\($0). " } ?? "- "
                let text = content.text.trimmingCharacters(in: .whitespaces)
                let markdown = indent + marker + content.markdown.trimmingCharacters(in: .whitespaces)
                paragraphs.append(.init(text: text, role: .listItem, markdown: quoted(markdown, context.quote)))
            }
            var inner = context
            inner.listDepth += 1
            for list in item.children.filter(isList).compactMap(\.element) { block(list, context: inner) }
        }

        /// The inline content of an element, block children read as inline runs.
        mutating func inlineContent(of element: HTMLElement) {
            inlineContent(of: element.children)
        }

        mutating func inlineContent(of children: [HTMLNode]) {
            for child in children {
                switch child {
                case .text(let text): inline.append(text: text)
                case .element(let child) where Self.blockElements.contains(child.name):
                    inline.append(text: " ")
                    inlineContent(of: child)
                    inline.append(text: " ")
                case .element(let child): self.inline(child, context: Context())
                }
            }
        }

        mutating func inline(_ element: HTMLElement, context: Context) {
            switch element.name {
            case "img", "input", "wbr":
                return
            case "br":
                flush(context: context)
            case "em", "i", "cite", "dfn":
                wrap(element, in: "*")
            case "strong", "b":
                wrap(element, in: "**")
            case "code", "kbd", "samp":
                let text = element.normalizedText
                guard !text.isEmpty else { return }
                let fence = text.contains("`") ? "`` " : "`"
                inline.text += text
                inline.markdown += fence + text + String(fence.reversed())
            case "a":
                link(element, context: context)
            default:
                for child in element.children {
                    switch child {
                    case .text(let text): inline.append(text: text)
                    case .element(let child) where Self.blockElements.contains(child.name):
                        block(child, context: context)
                    case .element(let child): self.inline(child, context: context)
                    }
                }
            }
        }

        /// The inline content of an element, gathered apart from what came before it: its text and
        /// Markdown, and whether white space stood at either end.
        mutating func capture(_ element: HTMLElement) -> (inner: Inline, leading: Bool, trailing: Bool) {
            let saved = inline
            let prefix = saved.text.count
            inline = Inline()
            inline.text = saved.text
            inlineContent(of: element)
            var inner = inline
            inline = saved
            let added = String(inner.text.dropFirst(prefix))
            inner.text = added.trimmingCharacters(in: .whitespaces)
            inner.markdown = inner.markdown.trimmingCharacters(in: .whitespaces)
            return (inner, added.first == " ", added.last == " ")
        }

        /// Appends captured content, with the spaces that stood around it.
        mutating func append(_ captured: (inner: Inline, leading: Bool, trailing: Bool), markdown: String, isLink: Bool) {
            if captured.leading, !(inline.text.last?.isWhitespace ?? true) {
                inline.text += " "
                inline.markdown += " "
            }
            inline.text += captured.inner.text
            inline.markdown += markdown
            inline.linkText += isLink ? captured.inner.text.count { !$0.isWhitespace } : captured.inner.linkText
            if captured.trailing {
                inline.text += " "
                inline.markdown += " "
            }
        }

        mutating func wrap(_ element: HTMLElement, in marker: String) {
            let captured = capture(element)
            guard !captured.inner.text.isEmpty else {
                if captured.leading || captured.trailing { inline.append(text: " ") }
                return
            }
            append(captured, markdown: marker + captured.inner.markdown + marker, isLink: false)
        }

        mutating func link(_ element: HTMLElement, context: Context) {
            let captured = capture(element)
            guard !captured.inner.text.isEmpty else { return }
            guard let target = converter.address(element["href"]) else {
                append(captured, markdown: captured.inner.markdown, isLink: true)
                return
            }
            let unsafe = target.contains { $0 == " " || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" }
            let destination = unsafe
                ? "<" + target.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "<", with: "%3C")
                    .replacingOccurrences(of: ">", with: "%3E") + ">"
                : target
            append(captured, markdown: "[" + captured.inner.markdown + "](" + destination + ")", isLink: true)
        }

        /// Ends the current run of inline content as a paragraph.
        mutating func flush(context: Context) {
            defer { inline = Inline() }
            guard !inline.isEmpty, !Self.isMostlyLinks(inline) else { return }
            let text = inline.text.trimmingCharacters(in: .whitespaces)
            var markdown = inline.markdown.trimmingCharacters(in: .whitespaces)
            var role: StatementImporter.Paragraph.Role = context.quote > 0 ? .quote : .body
            if let level = context.heading {
                markdown = String(repeating: "#", count: max(2, level)) + " " + markdown
                role = .heading
            } else {
                markdown = MarkdownWriter.escapeLineStart(markdown)
            }
            paragraphs.append(.init(text: text, role: role, markdown: quoted(markdown, context.quote)))
        }

        private func quoted(_ markdown: String, _ depth: Int) -> String {
            guard depth > 0 else { return markdown }
            let prefix = String(repeating: "> ", count: depth)
            return markdown.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(
                separator: "\n")
        }

        /// More than half of the text is link text: navigation, not prose.
        static func isMostlyLinks(_ inline: Inline) -> Bool {
            let length = inline.text.count { !$0.isWhitespace }
            return inline.linkText * 2 > length
        }
    }

    /// An absolute address for a link, or `nil` for links that lead nowhere outside the page
    /// (fragments, scripts).
    func address(_ href: String?) -> String? {
        guard let href = href?.trimmingCharacters(in: .whitespacesAndNewlines), !href.isEmpty, !href.hasPrefix("#")
        else { return nil }
        let lower = href.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("data:") || lower.hasPrefix("vbscript:") { return nil }
        if lower.hasPrefix("mailto:") || lower.hasPrefix("tel:") { return href }
        let encoded = href.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(["%", "#"])) ?? href
        guard let url = URL(string: href, relativeTo: base) ?? URL(string: encoded, relativeTo: base),
            let scheme = url.absoluteURL.scheme?.lowercased(), ["http", "https", "ftp"].contains(scheme)
        else { return nil }
        return url.absoluteURL.absoluteString
    }
}
