import Foundation

extension StatementImporter {
    /// Reads the lines above the statement: date line, byline, headline (once, however often repeated)
    /// and a standfirst that ends in a byline ("…, writes KEN LIVINGSTONE").
    func readHeader(_ paragraphs: inout [Paragraph], into statement: inout ImportedStatement) {
        var index = 0
        var looked = 0
        while index < paragraphs.count, looked < 6 {
            looked += 1
            let text = paragraphs[index].text
            if !statement.title.isEmpty, text.matchKey == statement.title.matchKey {
                paragraphs.remove(at: index)
            } else if statement.date == nil, let date = DateParser.parse(text) {
                statement.date = date
                paragraphs.remove(at: index)
            } else if statement.author == nil, let author = Self.standaloneByline(text) {
                statement.author = author
                paragraphs.remove(at: index)
            } else if statement.title.isEmpty, isTitleLike(text) {
                if case .organisation = vocabulary.organisation(named: text) {
                    // A site's name above the headline.
                    paragraphs.remove(at: index)
                    continue
                }
                statement.title = text
                paragraphs.remove(at: index)
            } else if statement.author == nil, text.count <= 400, let (lead, author) = Self.trailingByline(text) {
                statement.author = author
                paragraphs[index] = Paragraph(text: lead, role: .standfirst)
                index += 1
            } else if isFurniture(text) {
                paragraphs.remove(at: index)
            } else {
                break
            }
        }
        if statement.date == nil { statement.review.append("date") }
    }

    /// A date on a line of its own among the last paragraphs, as under a signature.
    func readFooterDate(_ paragraphs: [Paragraph], into statement: inout ImportedStatement) {
        guard statement.date == nil else { return }
        for paragraph in paragraphs.suffix(3).reversed() {
            if let date = DateParser.parse(paragraph.text) {
                statement.date = date
                statement.review.removeAll { $0 == "date" }
                return
            }
        }
    }

    /// A headline: short, not a sentence ending in a full stop, not a date.
    func isTitleLike(_ text: String) -> Bool {
        guard text.count <= 180, text.split(separator: " ").count <= 25, let last = text.last else { return false }
        return !".,;:".contains(last) && DateParser.parse(text) == nil && !isFurniture(text)
    }

    /// A stand-in title from the first sentence, cut at about twelve words.
    func standInTitle(from paragraphs: [Paragraph]) -> String {
        let first = paragraphs.first { $0.role != .question }?.text ?? paragraphs.first?.text ?? ""
        let sentence = Sentences.split(first).first ?? first
        let words = sentence.split(separator: " ")
        guard words.count > 12 else { return sentence.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        return words.prefix(12).joined(separator: " ").trimmingCharacters(in: .punctuationCharacters) + "…"
    }

    // MARK: - Bylines

    private static let standaloneBylinePattern = try! NSRegularExpression(
        pattern: #"^(?:by|por|written by|escrito por|author:|autor:|autora:)\s+(.{3,60})$"#, options: [.caseInsensitive])
    private static let trailingBylinePattern = try! NSRegularExpression(
        pattern: #"^(.+?)[,.;]?\s+(?:writes|reports|by|escribe|por)\s+(\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,4})$"#)

    /// "By Jane Doe", "Por Juan Pérez": the name, in its usual capitals.
    static func standaloneByline(_ text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = standaloneBylinePattern.firstMatch(in: text, range: range),
            let name = Range(match.range(at: 1), in: text).map({ String(text[$0]) }),
            !name.contains(where: { ".!?:".contains($0) }) || name.hasSuffix("."),
            name.split(separator: " ").count <= 6
        else { return nil }
        return personName(name.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))
    }

    /// A standfirst ending in a byline: the standfirst as a sentence, and the name.
    static func trailingByline(_ text: String) -> (String, String)? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = trailingBylinePattern.firstMatch(in: text, range: range),
            let lead = Range(match.range(at: 1), in: text).map({ String(text[$0]) }),
            let name = Range(match.range(at: 2), in: text).map({ String(text[$0]) })
        else { return nil }
        let sentence = lead.last.map { ".!?".contains($0) } == true ? lead : lead + "."
        return (sentence, personName(name))
    }

    /// "KEN LIVINGSTONE" becomes "Ken Livingstone"; mixed case is kept as written.
    static func personName(_ name: String) -> String {
        guard name == name.uppercased() else { return name }
        return name.split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
    }
}
