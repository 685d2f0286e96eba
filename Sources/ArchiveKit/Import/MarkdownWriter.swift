/// Writes imported paragraphs as Markdown that renders back to the same text.
enum MarkdownWriter {
    /// Paragraphs separated by blank lines; questions as headings, a standfirst in italics.
    /// Items of one list stand on consecutive lines.
    static func body(of paragraphs: [StatementImporter.Paragraph]) -> String {
        var result = ""
        var previous: StatementImporter.Paragraph.Role?
        for paragraph in paragraphs {
            let markdown: String
            if let given = paragraph.markdown {
                markdown = given
            } else {
                let text = escape(paragraph.text)
                switch paragraph.role {
                case .question, .heading: markdown = "## " + text
                case .standfirst: markdown = "*" + text + "*"
                case .listItem: markdown = "- " + escapeInline(paragraph.text)
                case .quote: markdown = "> " + text
                case .body: markdown = text
                }
            }
            if previous != nil {
                result += previous == .listItem && paragraph.role == .listItem ? "\n" : "\n\n"
            }
            result += markdown
            previous = paragraph.role
        }
        return result + "\n"
    }

    /// Escapes what Markdown would read as syntax: emphasis, code, links, HTML, entities, and a line
    /// that would start a heading, list, quote or rule. "$" is escaped too, for renderers with maths.
    static func escape(_ text: String) -> String {
        escapeLineStart(escapeInline(text))
    }

    /// Escapes what Markdown would read as inline syntax, wherever the text stands in a line.
    static func escapeInline(_ text: String) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "*", "_", "`", "[", "]", "<", ">", "$", "|", "~":
                result.append("\\")
            case "&":
                let rest = characters[(index + 1)...].prefix(32)
                if let semicolon = rest.firstIndex(of: ";"),
                    rest[rest.startIndex..<semicolon].allSatisfy({ $0.isLetterOrDigit || $0 == "#" }),
                    semicolon > rest.startIndex
                {
                    result.append("\\")
                }
            default:
                break
            }
            result.append(character)
        }
        return result
    }

    /// "# …", "- …", "+ …", "= …" and "1. …" or "1) …" at the start of a paragraph.
    static func escapeLineStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "#-+=".contains(first) {
            return "\\" + text
        }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let after = text.dropFirst(digits.count)
            if let marker = after.first, marker == "." || marker == ")" {
                return digits + "\\" + after
            }
        }
        return text
    }
}
