import Foundation

/// Does an archivist's first pass over a saved web page: strips the site's furniture, finds the
/// title, date, issuer, kind, language, demands and tags, and writes the statement as Markdown.
///
/// Nothing is guessed: what cannot be told from the text is left out and listed for review.
public struct StatementImporter: Sendable {
    /// Why a capture could not be imported.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Empty, binary or in an unknown encoding.
        case unreadable(String)
        /// Nothing was left once the furniture was removed.
        case noStatement

        public var description: String {
            switch self {
            case .unreadable(let reason): return reason
            case .noStatement: return "no statement found: the file holds only site furniture"
            }
        }
    }

    /// One paragraph of the capture and what it is.
    struct Paragraph: Equatable {
        enum Role { case body, question, standfirst, heading, listItem, quote }
        var text: String
        var role: Role = .body
        /// The paragraph as Markdown, when it came from a page's markup; plain text is escaped instead.
        var markdown: String?
    }

    let vocabulary: Vocabulary
    let rules: ImportRules
    let organisations: OrganisationMatcher
    /// Reads dates with the built-in month names and the rules' own.
    let dates: DateParser

    /// An importer that matches against `vocabulary` and strips furniture by `rules`.
    public init(vocabulary: Vocabulary, rules: ImportRules = .builtIn) {
        self.vocabulary = vocabulary
        self.rules = rules
        self.organisations = OrganisationMatcher(vocabulary.organisations)
        self.dates = DateParser(extra: rules.months)
    }

    /// Imports raw bytes.
    public func importStatement(from data: Data, source: Provenance = Provenance()) throws(Failure) -> ImportedStatement {
        let text: String
        do {
            text = try RawText.decode(data)
        } catch {
            throw .unreadable(error.description)
        }
        var statement = try importStatement(text: text, source: source)
        // Text that was not UTF-8 was read as Windows-1252, a guess that a person should check.
        if !data.starts(with: [0xFF, 0xFE]), !data.starts(with: [0xFE, 0xFF]), String(validating: data, as: UTF8.self) == nil {
            statement.review.append("text")
        }
        return statement
    }

    /// Imports text that is already decoded.
    public func importStatement(text: String, source: Provenance = Provenance()) throws(Failure) -> ImportedStatement {
        var paragraphs = Self.paragraphs(of: text, dates: dates)
        return try analyse(&paragraphs, statement: ImportedStatement(title: "", source: source), page: PageHints())
    }

    /// What a page's markup said before its text was read.
    struct PageHints {
        /// The site or publisher's name.
        var site: String?
        /// The language the page declares, as a code.
        var language: String?
        /// The language as the page declares it, with its region ("en-GB").
        var languageTag: String?
        /// The page's own summary.
        var description: String?
        /// The page calls itself a news article.
        var isNews = false
        /// The paragraphs come from markup, whose menus were removed by their elements.
        var fromMarkup = false
    }

    /// The steps shared by text and pages: furniture, header, issuer, kind, demands, tags, summary.
    /// Fields already set on `statement` (from a page's metadata) are kept.
    func analyse(_ paragraphs: inout [Paragraph], statement start: ImportedStatement, page: PageHints) throws(Failure)
        -> ImportedStatement
    {
        var statement = start
        // A masthead that names an organisation on record, even when it went with the menu under it.
        let masthead = paragraphs.first.flatMap { first -> String? in
            guard case .organisation = vocabulary.organisation(named: first.text) else { return nil }
            return first.text
        }
        let furniture = stripFurniture(&paragraphs, fromMarkup: page.fromMarkup)
        let header = readHeader(&paragraphs, into: &statement)
        readFooterDate(paragraphs, into: &statement)
        guard !paragraphs.isEmpty else { throw .noStatement }

        if let declared = page.language {
            // A declared language the rules know gives way only when the text's words clearly say another.
            var uncertain: [String] = []
            let detected = detectLanguage(of: paragraphs, review: &uncertain)
            statement.language = uncertain.isEmpty && rules.stopwords[declared] != nil ? detected : declared
        } else {
            statement.language = detectLanguage(of: paragraphs, review: &statement.review)
        }
        resolveDateOrder(&statement, header: header, languageTag: page.languageTag, paragraphs: paragraphs)
        let site = page.site ?? header.site ?? masthead ?? Self.copyrightHolder(in: furniture)
        findIssuer(paragraphs: paragraphs, furniture: furniture, site: site, into: &statement)
        // A byline in the text marks an article (even one naming a desk, "Por Redacción"); an author
        // in a page's metadata (a blog's account) does not.
        let byline = (start.author == nil && statement.author != nil) || header.byline
        statement.kind = detectKind(of: &paragraphs, statement: statement, byline: byline, isNews: page.isNews)
        findDemands(in: paragraphs, into: &statement)
        statement.tags = findTags(in: paragraphs)
        statement.summary = summary(of: paragraphs) ?? page.description
        // Metadata may spell control characters as escapes (`&#1;`, `\u0001` in JSON-LD); the
        // build drops them and trims what is left, so the import does too, and the file reads back
        // as it was written.
        func cleaned(_ text: String) -> String {
            text.withoutControlCharacters.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // An optional field left empty by cleaning is left out.
        func cleaned(_ text: String?) -> String? {
            text.map(cleaned).flatMap { $0.isEmpty ? nil : $0 }
        }
        statement.title = cleaned(statement.title)
        statement.author = cleaned(statement.author)
        statement.publication = cleaned(statement.publication)
        statement.summary = cleaned(statement.summary)
        if statement.title.isEmpty {
            statement.title = cleaned(standInTitle(from: paragraphs))
            statement.review.insert("title", at: 0)
        }
        statement.body = MarkdownWriter.body(of: paragraphs)
        statement.review = Self.reviewOrder.filter(statement.review.contains)
        return statement
    }

    static let reviewOrder = ["title", "date", "organisation", "author", "kind", "language", "demands", "text"]

    // MARK: - Paragraphs

    /// Paragraphs are separated by blank lines; inside a block, lines are joined when the block was
    /// hard-wrapped (most lines of similar, middling length) and kept apart otherwise.
    /// A line that is a date or a byline is never the end of a wrapped line.
    static func paragraphs(of text: String, dates: DateParser = .builtIn) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        for block in text.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !lines.isEmpty else { continue }
            let wrapped = lines.count > 1 && lines.dropLast().allSatisfy { (45...100).contains($0.count) }
                && !lines.dropFirst().contains { dates.read($0) != nil || standaloneByline($0) != nil }
            if wrapped {
                paragraphs.append(Paragraph(text: lines.joined(separator: " ")))
            } else {
                paragraphs += lines.map { Paragraph(text: $0) }
            }
        }
        return paragraphs
    }

    // MARK: - Furniture

    /// Removes furniture from the top and bottom; returns what was removed, where publisher notices live.
    /// Paragraphs from markup had their menus removed by element, and a short closing line there is
    /// a signature or a place more often than furniture: only appeals are removed from their end.
    func stripFurniture(_ paragraphs: inout [Paragraph], fromMarkup: Bool = false) -> [String] {
        var removed: [String] = []
        if let cut = paragraphs.indices.dropFirst().first(where: { isCutMarker(paragraphs[$0].text) }) {
            removed += paragraphs[cut...].map(\.text)
            paragraphs.removeSubrange(cut...)
        }
        let menu = fromMarkup ? 0 : menuLength(paragraphs)
        removed += paragraphs.prefix(menu).map(\.text)
        paragraphs.removeFirst(menu)
        while let first = paragraphs.first, isFurniture(first.text) {
            removed.append(first.text)
            paragraphs.removeFirst()
        }
        while let last = paragraphs.last, isFurniture(last.text) || isClosingNoise(last.text, appealsOnly: fromMarkup) {
            removed.append(last.text)
            paragraphs.removeLast()
        }
        return removed
    }

    /// Two or more very short lines in a row at the top of a page are a navigation menu
    /// ("Inicio / Noticias / Contacto"), unless the second is a date under a short headline. When the
    /// menu runs straight into prose, its last line is taken to be the headline and kept.
    private func menuLength(_ paragraphs: [Paragraph]) -> Int {
        func isMenuItem(_ text: String) -> Bool {
            text.split(separator: " ").count <= 3 && !text.contains(where: { ".!?¡¿:,;".contains($0) })
        }
        let length = paragraphs.prefix { isMenuItem($0.text) }.count
        guard length >= 2, length < paragraphs.count, dates.parse(paragraphs[1].text) == nil else { return 0 }
        return isTitleLike(paragraphs[length].text) ? length : length - 1
    }

    private func isCutMarker(_ text: String) -> Bool {
        // "24 Responses", "Comentarios (3)": the count does not matter.
        let key = text.matchKey.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces).union(.decimalDigits))
        guard key.count <= 60 else { return false }
        return rules.cutFrom.contains(key) || rules.cutFrom.contains { key.hasSuffix(" " + $0) }
    }

    func isFurniture(_ text: String) -> Bool {
        let key = text.matchKey
        let bare = key.trimmingCharacters(in: .punctuationCharacters.union(.symbols).union(.whitespaces))
        if bare.isEmpty || rules.furniture.contains(bare) { return true }
        return rules.furniturePrefixes.contains { key.hasPrefix($0) }
    }

    /// Short closing lines that are not sentences ("28 Days remaining") or that appeal for money or
    /// members; a signature or a date line is neither.
    private func isClosingNoise(_ text: String, appealsOnly: Bool) -> Bool {
        guard text.count <= 160, !isSignature(text), dates.parse(text) == nil else { return false }
        let key = text.matchKey
        let appeal = rules.appeals.contains { key.containsPhrase($0) } && key.split(separator: " ").count <= 14
        let sentence = text.last.map { ".!?\"”’)".contains($0) } ?? false
        return appeal || (!appealsOnly && !sentence && text.split(separator: " ").count <= 6)
    }

    /// A closing line naming an organisation, or with a word like "Committee".
    func isSignature(_ text: String) -> Bool {
        guard text.count <= 200 else { return false }
        if !organisations.find(in: text.matchKey).isEmpty { return true }
        let words = Set(text.matchKey.words.map(String.init))
        return rules.signatureWords.values.contains { $0.contains(where: words.contains) }
    }
}
