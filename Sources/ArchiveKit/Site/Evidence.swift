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
    /// its body; the text is folded once for all of them, and only as far as they need.
    static func all(for statement: Statement, demands: [Demand], text: String) -> [String: Evidence] {
        var found: [String: Evidence] = [:]
        var folding: Folding<String.UnicodeScalarView.Iterator>?
        for demand in demands {
            let phrases = Self.phrases(of: demand, language: statement.language)
            if let recorded = statement.evidence[demand.id], !recorded.isEmpty {
                let sentence = Folded(recorded)
                let phrase = phrases.first { sentence.firstMatch(of: Folded($0).bytes) != nil }
                found[demand.id] = Evidence(sentence: recorded, phrase: phrase.flatMap { written($0, in: recorded) })
                continue
            }
            if folding == nil { folding = Folding(text.unicodeScalars.makeIterator()) }
            guard let evidence = find(phrases, in: text, folding: &folding!) else { continue }
            found[demand.id] = evidence
        }
        return found
    }

    /// The sentence holding the earliest occurrence of any of the phrases (the first of them where
    /// two start at once). The text is folded a stretch at a time, each twice the last, until an
    /// occurrence is found that no phrase could precede in what is still to fold; most statements
    /// raise a demand well before their last paragraph.
    private static func find(
        _ phrases: [String], in text: String, folding: inout Folding<String.UnicodeScalarView.Iterator>
    ) -> Evidence? {
        let needles = phrases.map { Folded($0).bytes }
        guard let longest = needles.map(\.count).max() else { return nil }
        var earliest: (range: Range<Int>, phrase: Int)?
        repeat {
            folding.fold(upTo: max(2 * folding.folded.bytes.count, 2_048))
            let folded = folding.folded
            earliest = nil
            for (index, needle) in needles.enumerated() {
                let limit = earliest.map { $0.range.lowerBound + needle.count } ?? folded.bytes.count
                guard let match = folded.firstMatch(of: needle, in: 0..<min(limit, folded.bytes.count)) else { continue }
                if earliest == nil || match.lowerBound < earliest!.range.lowerBound { earliest = (match, index) }
            }
            // A match is certain once the bytes after it are folded: any phrase starting before
            // it would then end within what is folded.
            if let earliest, earliest.range.lowerBound + longest < folded.bytes.count { break }
        } while !folding.isComplete
        guard let earliest else { return nil }
        // The paragraph around the match, then the sentence of the paragraph that holds it.
        let at = folding.folded.scalars(earliest.range)
        let scalars = text.unicodeScalars
        let first = scalars.index(scalars.startIndex, offsetBy: at.lowerBound)
        let last = scalars.index(first, offsetBy: at.count)
        let start = scalars[..<first].lastIndex(of: "\n").map(scalars.index(after:)) ?? scalars.startIndex
        let end = scalars[last...].firstIndex(of: "\n") ?? scalars.endIndex
        let paragraph = String(scalars[start..<end])
        let phrase = phrases[earliest.phrase]
        let needle = needles[earliest.phrase]
        let sentence = Sentences.split(paragraph).first { Folded($0).firstMatch(of: needle) != nil } ?? paragraph
        return Evidence(sentence: sentence, phrase: written(phrase, in: sentence))
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
        var folding = Folding(text.unicodeScalars.makeIterator(), capacity: text.utf8.count)
        folding.fold(upTo: .max)
        self = folding.folded
    }

    init(_ scalars: [Unicode.Scalar]) {
        var folding = Folding(scalars.makeIterator(), capacity: scalars.count)
        folding.fold(upTo: .max)
        self = folding.folded
    }

    fileprivate init() {}

    fileprivate mutating func reserve(_ capacity: Int) {
        bytes.reserveCapacity(capacity)
        origin.reserveCapacity(capacity)
    }

    /// Adds a byte folded from the scalar at `index`; runs of white space become one space, and
    /// none leads.
    @inline(__always)
    fileprivate mutating func append(_ byte: UInt8, from index: Int) {
        if byte == 0x20 && (bytes.last == 0x20 || bytes.isEmpty) { return }
        bytes.append(byte)
        origin.append(index)
    }

    /// Drops a space at the end, once the whole text is folded.
    fileprivate mutating func trim() {
        if bytes.last == 0x20 {
            bytes.removeLast()
            origin.removeLast()
        }
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

/// A text being folded (see `Folded`), as far as it has been read.
struct Folding<Scalars: IteratorProtocol<Unicode.Scalar>> {
    private var scalars: Scalars
    /// The index of the next scalar to read.
    private var index = 0
    /// Scalars other than ASCII folded so far: a text repeats the few it has.
    private var others: [Unicode.Scalar: [UInt8]] = [:]
    /// The text folded so far; a trailing space is dropped once the text is complete.
    private(set) var folded = Folded()
    /// Whether every scalar of the text is folded.
    private(set) var isComplete = false

    /// `capacity`: at least the number of scalars the text is expected to fold, to reserve room.
    init(_ scalars: Scalars, capacity: Int = 0) {
        self.scalars = scalars
        folded.reserve(capacity)
    }

    /// Folds until at least `count` bytes are folded or the text is complete.
    mutating func fold(upTo count: Int) {
        while !isComplete && folded.bytes.count < count {
            guard let scalar = scalars.next() else {
                folded.trim()
                isComplete = true
                return
            }
            let at = index
            index += 1
            // ASCII, nearly all of most texts, is folded in place, without an array per character.
            if scalar.isASCII {
                let value = UInt8(scalar.value)
                switch value {
                case 0x20, 0x09...0x0D: folded.append(0x20, from: at)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded.append(value + 32, from: at)
                case UInt8(ascii: "`"): folded.append(UInt8(ascii: "'"), from: at)
                default: folded.append(value, from: at)
                }
                continue
            }
            let bytes: [UInt8]
            if let known = others[scalar] {
                bytes = known
            } else {
                let text = String(scalar)
                bytes = Array((scalar.properties.isWhitespace ? " " : text.matchKey).utf8)
                others[scalar] = bytes
            }
            for byte in bytes { folded.append(byte, from: at) }
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
