/// Writes imported paragraphs as Markdown that renders back to the same text.
enum MarkdownWriter {
    /// Paragraphs separated by blank lines; questions as headings, a standfirst in italics.
    static func body(of paragraphs: [StatementImporter.Paragraph]) -> String {
        paragraphs.map { paragraph in
            let text = escape(paragraph.text)
            switch paragraph.role {
            case .question: return "## " + text
            case .standfirst: return "*" + text + "*"
            case .body: return text
            }
        }.joined(separator: "\n\n") + "\n"
    }

    /// Escapes what Markdown would read as syntax: emphasis, code, links, HTML, entities, and a line
    /// that would start a heading, list, quote or rule. "$" is escaped too, for renderers with maths.
    static func escape(_ text: String) -> String {
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
        return escapeLineStart(result)
    }

    /// "# …", "- …", "+ …", "= …" and "1. …" or "1) …" at the start of a paragraph.
    private static func escapeLineStart(_ text: String) -> String {
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
