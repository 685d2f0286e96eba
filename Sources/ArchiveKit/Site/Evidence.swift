/// Where a statement raises a demand: the sentence, as the statement's front matter records it
/// (`evidence`) or as the demand's phrases find it in the text, and the phrase within it.
struct Evidence: Sendable, Hashable {
    /// The sentence, as plain text.
    var sentence: String
    /// The phrase that raises the demand, as it is written in the sentence, if one is found there.
    var phrase: String?

    /// The sentence as HTML, its phrase in `<mark>`.
    var html: String {
        let scalars = Array(sentence.unicodeScalars)
        let folded = Folded(scalars)
        guard let phrase, let range = folded.firstMatch(of: Folded(phrase).bytes).map(folded.scalars)
        else { return HTMLEscaping.escape(sentence) }
        let text = { (part: ArraySlice<Unicode.Scalar>) in HTMLEscaping.escape(String(String.UnicodeScalarView(part))) }
        return text(scalars[..<range.lowerBound]) + "<mark>" + text(scalars[range]) + "</mark>" + text(scalars[range.upperBound...])
    }

    /// The evidence of each of a statement's demands that has some, by demand id, from the text of
    /// its body; the text is folded once for all of them.
    static func all(for statement: Statement, demands: [Demand], text: String) -> [String: Evidence] {
        var found: [String: Evidence] = [:]
        var folded: Folded?
        for demand in demands {
            let phrases = Self.phrases(of: demand, language: statement.language)
            if let recorded = statement.evidence[demand.id], !recorded.isEmpty {
                let sentence = Folded(recorded)
                let phrase = phrases.first { sentence.firstMatch(of: Folded($0).bytes) != nil }
                found[demand.id] = Evidence(sentence: recorded, phrase: phrase.flatMap { written($0, in: recorded) })
                continue
            }
            if folded == nil { folded = Folded(text) }
            guard let folded, let evidence = find(phrases, in: text, folded: folded) else { continue }
            found[demand.id] = evidence
        }
        return found
    }

    /// The sentence holding the earliest occurrence of any of the phrases.
    private static func find(_ phrases: [String], in text: String, folded: Folded) -> Evidence? {
        var earliest: (range: Range<Int>, phrase: String)?
        for phrase in phrases {
            let needle = Folded(phrase).bytes
            let limit = earliest.map { $0.range.lowerBound + needle.count } ?? folded.bytes.count
            guard let match = folded.firstMatch(of: needle, in: 0..<min(limit, folded.bytes.count)) else { continue }
            if earliest == nil || match.lowerBound < earliest!.range.lowerBound { earliest = (match, phrase) }
        }
        guard let earliest else { return nil }
        // The paragraph around the match, then the sentence of the paragraph that holds it.
        let scalars = Array(text.unicodeScalars)
        let at = folded.scalars(earliest.range)
        let start = scalars[..<at.lowerBound].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let end = scalars[at.upperBound...].firstIndex(of: "\n") ?? scalars.count
        let paragraph = String(String.UnicodeScalarView(scalars[start..<end]))
        let needle = Folded(earliest.phrase).bytes
        let sentence = Sentences.split(paragraph).first { Folded($0).firstMatch(of: needle) != nil } ?? paragraph
        return Evidence(sentence: sentence, phrase: written(earliest.phrase, in: sentence))
    }

    /// The demand's phrases, the statement's language first, longest first within a language.
    private static func phrases(of demand: Demand, language: String) -> [String] {
        let languages = demand.phrases.keys.sorted { ($0 == language ? 0 : 1, $0) < ($1 == language ? 0 : 1, $1) }
        return languages.flatMap { demand.phrases[$0, default: []].sorted { ($0.count, $0) > ($1.count, $1) } }
    }

    /// The phrase as the sentence writes it (its case, accents and quotes).
    private static func written(_ phrase: String, in sentence: String) -> String? {
        let scalars = Array(sentence.unicodeScalars)
        let folded = Folded(scalars)
        return folded.firstMatch(of: Folded(phrase).bytes).map {
            String(String.UnicodeScalarView(scalars[folded.scalars($0)]))
        }
    }

    // MARK: - Marking the body

    /// The body's HTML with each evidence's phrase (or whole sentence) wrapped in
    /// `<mark id="…">`: found within its sentence, else anywhere; where the phrase crosses markup
    /// or another mark, an empty element with the id stands before it. The body is read once for
    /// all of them. Returns the HTML and the ids placed.
    static func mark(_ evidence: [(id: String, evidence: Evidence)], in html: String) -> (html: String, placed: Set<String>) {
        guard !evidence.isEmpty else { return (html, []) }
        let text = HTMLText(html)
        let folded = Folded(text.scalars)
        // Where each mark goes, in the HTML's scalars.
        var marks: [(range: Range<Int>, id: String, wraps: Bool)] = []
        for (id, found) in evidence {
            let sentence = Folded(found.sentence).bytes
            let within = folded.firstMatch(of: sentence) ?? 0..<folded.bytes.count
            let needle = found.phrase.map { Folded($0).bytes } ?? sentence
            guard let match = folded.firstMatch(of: needle, in: within) ?? folded.firstMatch(of: needle) else { continue }
            let range = folded.scalars(match)
            let html = text.spans[range.lowerBound].lowerBound..<text.spans[range.upperBound - 1].upperBound
            let crossesMarkup = text.html[html].contains("<")
            marks.append((html, id, !crossesMarkup))
        }
        marks.sort { ($0.range.lowerBound, $0.id) < ($1.range.lowerBound, $1.id) }
        var result = String.UnicodeScalarView()
        var position = 0
        for (index, mark) in marks.enumerated() {
            let attribute = "id=\"\(HTMLEscaping.escape(mark.id))\""
            let overlaps = mark.range.lowerBound < position
                || (index + 1 < marks.count && marks[index + 1].range.lowerBound < mark.range.upperBound)
            let start = max(position, mark.range.lowerBound)
            result.append(contentsOf: text.html[position..<start])
            if mark.wraps && !overlaps {
                result.append(contentsOf: "<mark \(attribute)>".unicodeScalars)
                result.append(contentsOf: text.html[start..<mark.range.upperBound])
                result.append(contentsOf: "</mark>".unicodeScalars)
                position = mark.range.upperBound
            } else {
                result.append(contentsOf: "<span \(attribute)></span>".unicodeScalars)
                position = start
            }
        }
        result.append(contentsOf: text.html[position...])
        return (String(result), Set(marks.map(\.id)))
    }
}

/// Text folded for matching, as UTF-8, remembering which Unicode scalar of the text each byte came
/// from: case, accents, curly quotes and dashes are folded as the importer folds them (`matchKey`),
/// and runs of white space become one space. ASCII is folded without leaving the byte.
struct Folded {
    private(set) var bytes: [UInt8] = []
    /// For each byte, the index of the scalar of the text it came from.
    private(set) var origin: [Int] = []

    /// The text's scalars are read as they are decoded, without an array of them.
    init(_ text: String) {
        self.init(text.unicodeScalars, capacity: text.utf8.count)
    }

    init(_ scalars: [Unicode.Scalar]) {
        self.init(scalars, capacity: scalars.count)
    }

    /// `capacity`: at least the number of scalars, to reserve room for their bytes.
    private init(_ scalars: some Sequence<Unicode.Scalar>, capacity: Int) {
        var bytes: [UInt8] = []
        var origin: [Int] = []
        bytes.reserveCapacity(capacity)
        origin.reserveCapacity(capacity)
        var others: [Unicode.Scalar: [UInt8]] = [:]
        // Runs of white space become one space; none leads.
        func append(_ byte: UInt8, from index: Int) {
            if byte == 0x20 && (bytes.last == 0x20 || bytes.isEmpty) { return }
            bytes.append(byte)
            origin.append(index)
        }
        for (index, scalar) in scalars.enumerated() {
            // ASCII, nearly all of most texts, is folded in place, without an array per character.
            if scalar.isASCII {
                let value = UInt8(scalar.value)
                switch value {
                case 0x20, 0x09...0x0D: append(0x20, from: index)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): append(value + 32, from: index)
                case UInt8(ascii: "`"): append(UInt8(ascii: "'"), from: index)
                default: append(value, from: index)
                }
                continue
            }
            let folded: [UInt8]
            if let known = others[scalar] {
                folded = known
            } else {
                let text = String(scalar)
                let key = scalar.properties.isWhitespace ? " " : text.matchKey
                folded = Array(key.utf8)
                others[scalar] = folded
            }
            for byte in folded { append(byte, from: index) }
        }
        if bytes.last == 0x20 {
            bytes.removeLast()
            origin.removeLast()
        }
        self.bytes = bytes
        self.origin = origin
    }

    /// The scalars of the text that a range of bytes came from.
    func scalars(_ range: Range<Int>) -> Range<Int> {
        origin[range.lowerBound]..<(origin[range.upperBound - 1] + 1)
    }

    /// The first occurrence of `needle` within `range` that starts and ends at word boundaries.
    func firstMatch(of needle: [UInt8], in range: Range<Int>? = nil) -> Range<Int>? {
        let range = range ?? 0..<bytes.count
        guard let head = needle.first, needle.count <= range.count else { return nil }
        let isWord = { (byte: UInt8) in
            byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
        }
        return bytes.withUnsafeBufferPointer { text in
            needle.withUnsafeBufferPointer { needle in
                var start = range.lowerBound
                let last = range.upperBound - needle.count
                while start <= last {
                    if text[start] == head {
                        var same = true
                        for offset in 1..<needle.count where text[start + offset] != needle[offset] {
                            same = false
                            break
                        }
                        let end = start + needle.count
                        if same && (start == 0 || !isWord(text[start - 1]) || !isWord(head))
                            && (end == text.count || !isWord(text[end]) || !isWord(needle[needle.count - 1]))
                        {
                            return start..<end
                        }
                    }
                    start += 1
                }
                return nil
            }
        }
    }
}

/// The text of an HTML fragment as libcmark writes it, each scalar with the span of HTML it was
/// written as: tags are skipped and character references read.
struct HTMLText {
    let html: [Unicode.Scalar]
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var spans: [Range<Int>] = []

    init(_ fragment: String) {
        html = Array(fragment.unicodeScalars)
        var index = 0
        while index < html.count {
            let scalar = html[index]
            if scalar == "<" {
                index = (html[index...].firstIndex(of: ">") ?? html.count - 1) + 1
                continue
            }
            if scalar == "&", let end = html[index...].prefix(12).firstIndex(of: ";"),
                let decoded = Self.reference(String(String.UnicodeScalarView(html[(index + 1)..<end])))
            {
                scalars.append(decoded)
                spans.append(index..<(end + 1))
                index = end + 1
                continue
            }
            scalars.append(scalar)
            spans.append(index..<(index + 1))
            index += 1
        }
    }

    private static func reference(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let number = name.hasPrefix("#x") || name.hasPrefix("#X")
                ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
            return number.flatMap(Unicode.Scalar.init)
        }
    }
}
