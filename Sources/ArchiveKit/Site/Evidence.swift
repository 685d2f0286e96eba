/// Where a statement raises a demand: the sentence, as the statement's front matter records it
/// (`evidence`) or as the demand's phrases find it in the text, and the phrase within it.
struct Evidence: Sendable, Hashable {
    /// The sentence, as plain text.
    var sentence: String
    /// The phrase that raises the demand, as it is written in the sentence, if one is found there.
    var phrase: String?

    /// The sentence as HTML, its phrase in `<mark>`.
    var html: String {
        guard let phrase, let range = Self.find(phrase, in: sentence) else { return HTMLEscaping.escape(sentence) }
        let characters = Array(sentence)
        return HTMLEscaping.escape(String(characters[..<range.lowerBound])) + "<mark>"
            + HTMLEscaping.escape(String(characters[range])) + "</mark>"
            + HTMLEscaping.escape(String(characters[range.upperBound...]))
    }

    /// The evidence of `demand` in a statement whose body reads `text`, or `nil` when neither the
    /// front matter nor the demand's phrases point to a sentence.
    init?(of demand: Demand, in statement: Statement, text: String) {
        let phrases = Self.phrases(of: demand, language: statement.language)
        if let recorded = statement.evidence[demand.id], !recorded.isEmpty {
            sentence = recorded
            phrase = phrases.lazy.compactMap { phrase in Self.find(phrase, in: recorded).map { _ in phrase } }.first
                .flatMap { Self.written(phrase: $0, in: recorded) }
            return
        }
        let folded = phrases.map { Folded($0).characters }
        for paragraph in text.split(separator: "\n") {
            for sentence in Sentences.split(String(paragraph)) {
                let key = Folded(sentence)
                for (phrase, needle) in zip(phrases, folded) where key.firstMatch(of: needle) != nil {
                    self.sentence = sentence
                    self.phrase = Self.written(phrase: phrase, in: sentence)
                    return
                }
            }
        }
        return nil
    }

    /// The demand's phrases, the statement's language first, longest first within a language.
    private static func phrases(of demand: Demand, language: String) -> [String] {
        let languages = demand.phrases.keys.sorted { ($0 == language ? 0 : 1, $0) < ($1 == language ? 0 : 1, $1) }
        return languages.flatMap { demand.phrases[$0, default: []].sorted { ($0.count, $0) > ($1.count, $1) } }
    }

    /// The phrase as the sentence writes it (its case, accents and quotes).
    private static func written(phrase: String, in sentence: String) -> String? {
        find(phrase, in: sentence).map { String(Array(sentence)[$0]) }
    }

    /// Where a phrase occurs in a text, compared as the importer compares, in characters of the text.
    static func find(_ phrase: String, in text: String) -> Range<Int>? {
        let folded = Folded(text)
        guard let match = folded.firstMatch(of: Folded(phrase).characters) else { return nil }
        return folded.origin[match.lowerBound]..<(folded.origin[match.upperBound - 1] + 1)
    }

    // MARK: - Marking the body

    /// The body's HTML with the sentence's phrase (or the whole sentence, or the phrase anywhere)
    /// wrapped in `<mark id="…">`, or with an empty anchor before it where the phrase crosses
    /// markup; `nil` when the body does not hold it.
    func mark(in html: String, id: String) -> String? {
        let text = HTMLText(html)
        let folded = Folded(text.characters)
        let within = folded.firstMatch(of: Folded(sentence).characters) ?? 0..<folded.characters.count
        let needle = phrase.map { Folded($0).characters } ?? Folded(sentence).characters
        guard let match = folded.firstMatch(of: needle, in: within) ?? folded.firstMatch(of: needle) else { return nil }
        let first = text.spans[folded.origin[match.lowerBound]]
        let last = text.spans[folded.origin[match.upperBound - 1]]
        let characters = text.html
        let attribute = "id=\"\(HTMLEscaping.escape(id))\""
        let inside = characters[first.lowerBound..<last.upperBound]
        if inside.contains("<") {
            return String(characters[..<first.lowerBound]) + "<span \(attribute)></span>" + String(characters[first.lowerBound...])
        }
        return String(characters[..<first.lowerBound]) + "<mark \(attribute)>" + String(inside) + "</mark>"
            + String(characters[last.upperBound...])
    }
}

/// Text folded for matching, character by character, remembering where each folded character came
/// from: case, accents, curly quotes and dashes are folded as the importer folds them, and runs of
/// white space become one space.
struct Folded {
    var characters: [Character] = []
    /// For each folded character, the index of the character of the text it came from.
    var origin: [Int] = []

    init(_ text: String) {
        self.init(Array(text))
    }

    init(_ text: [Character]) {
        characters.reserveCapacity(text.count)
        origin.reserveCapacity(text.count)
        for (index, character) in text.enumerated() {
            if character.isWhitespace {
                if characters.last != " " && !characters.isEmpty {
                    characters.append(" ")
                    origin.append(index)
                }
                continue
            }
            for folded in String(character).matchKey {
                characters.append(folded)
                origin.append(index)
            }
        }
        if characters.last == " " {
            characters.removeLast()
            origin.removeLast()
        }
    }

    /// The first occurrence of `needle` that starts and ends at word boundaries, within `range`.
    func firstMatch(of needle: [Character], in range: Range<Int>? = nil) -> Range<Int>? {
        let range = range ?? 0..<characters.count
        guard !needle.isEmpty, needle.count <= range.count else { return nil }
        var start = range.lowerBound
        while start + needle.count <= range.upperBound {
            if characters[start] == needle[0] && characters[start..<start + needle.count].elementsEqual(needle) {
                let end = start + needle.count
                let starts = start == 0 || !characters[start - 1].isLetterOrDigit || !needle[0].isLetterOrDigit
                let ends = end == characters.count || !characters[end].isLetterOrDigit || !needle[needle.count - 1].isLetterOrDigit
                if starts && ends { return start..<end }
            }
            start += 1
        }
        return nil
    }
}

/// The text of an HTML fragment as libcmark writes it, each character with the span of HTML it
/// was written as: tags are skipped and character references read.
struct HTMLText {
    let html: [Character]
    var characters: [Character] = []
    var spans: [Range<Int>] = []

    init(_ fragment: String) {
        html = Array(fragment)
        var index = 0
        while index < html.count {
            let character = html[index]
            if character == "<" {
                index = (html[index...].firstIndex(of: ">") ?? html.count - 1) + 1
                continue
            }
            if character == "&", let end = html[index...].prefix(12).firstIndex(of: ";"),
                let decoded = Self.reference(String(html[(index + 1)..<end]))
            {
                characters.append(decoded)
                spans.append(index..<(end + 1))
                index = end + 1
                continue
            }
            characters.append(character)
            spans.append(index..<(index + 1))
            index += 1
        }
    }

    private static func reference(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let number = name.hasPrefix("#x") || name.hasPrefix("#X")
                ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
            return number.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}
