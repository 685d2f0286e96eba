import Foundation

extension StatementImporter {
    /// Imports a saved web page: its metadata first (JSON-LD, Open Graph, `<meta>`, `<time>`,
    /// `<html lang>`), then its text, found by structure and converted to Markdown. `address` is where
    /// the page was fetched from, against which relative links are resolved; without it the page's
    /// canonical address is used.
    public func importPage(html: String, address: URL? = nil, source: Provenance = Provenance()) throws(Failure)
        -> ImportedStatement
    {
        let document = HTMLDocument(parsing: html.withoutControlCharacters)
        var metadata = PageMetadata(document, isAuthor: isAuthorName)
        let content = PageContent(document)
        let canonical = metadata.canonical.flatMap { URL(string: $0, relativeTo: address)?.absoluteURL }
        var paragraphs = HTMLMarkdown(base: address ?? canonical).paragraphs(of: content.container)

        var statement = ImportedStatement(title: "", source: source)
        if statement.source.url == nil, let page = address ?? canonical, ["http", "https"].contains(page.scheme ?? "") {
            statement.source.url = page.absoluteString
        }
        if metadata.site == nil { metadata.site = content.siteTitle }
        statement.title = Self.headline(metadata, heading: content.heading) ?? ""
        statement.date = metadata.date
        statement.author = metadata.author
        var site = metadata.site ?? Self.siteName(fromDocumentTitle: metadata.documentTitle, headline: statement.title)
        if statement.title.isEmpty, let documentTitle = metadata.documentTitle {
            // A `<title>` with no site's name beside it: the headline, unless the text opens with a
            // heading of its own, when the `<title>` is more likely the site's name.
            if paragraphs.first?.role == .heading {
                if site == nil { site = documentTitle }
            } else {
                statement.title = documentTitle
            }
        }
        if statement.date == nil || statement.author == nil {
            readLinesAbove(content, paragraphs: paragraphs, base: address ?? canonical, into: &statement)
        }
        // A person named as the author, not an organisation's account, makes a page an article.
        let personal = statement.author.map { $0.split(separator: " ").count >= 2 && $0.matchKey != site?.matchKey } ?? false
        let hints = PageHints(
            site: site, language: metadata.language, languageTag: metadata.languageTag,
            description: metadata.description, isNews: metadata.isNews || personal, fromMarkup: true)
        return try analyse(&paragraphs, statement: statement, page: hints)
    }

    /// A date line or byline just above the text but outside the element that holds it, as in a
    /// theme that puts the post's date beside its headline.
    private func readLinesAbove(
        _ content: PageContent, paragraphs: [Paragraph], base: URL?, into statement: inout ImportedStatement
    ) {
        let all = HTMLMarkdown(base: base).paragraphs(of: content.body)
        guard let first = paragraphs.first, let start = all.firstIndex(where: { $0.text == first.text }) else { return }
        for paragraph in all[..<start].suffix(6).reversed() {
            let text = paragraph.text
            let meta = Self.metaLine(text, dates: dates)
            if statement.date == nil, let date = dates.parse(text) ?? meta?.date?.date {
                statement.date = date
            }
            if statement.author == nil, let author = Self.standaloneByline(text) ?? meta?.author, isAuthorName(author) {
                statement.author = author
            }
        }
    }

    /// A person's name rather than a desk, an account or a login ("Communications Team", "tgwa-admin").
    func isAuthorName(_ name: String) -> Bool {
        let words = name.matchKey.words.map(String.init)
        guard !words.isEmpty, !words.contains(where: rules.notAuthors.contains) else { return false }
        if !name.contains(" "), name == name.lowercased() { return false }
        return true
    }

    /// Decodes a saved page's bytes: UTF-8 unless the bytes are not UTF-8, then the charset the page
    /// declares, else Windows-1252.
    static func decodePage(_ data: Data) -> String? {
        if let text = String(validating: data, as: UTF8.self) { return text }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16) }
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        if head.contains("iso-8859-15") || head.contains("latin9") { return String(data: data, encoding: .isoLatin1) }
        return String(data: data, encoding: .windowsCP1252) ?? String(data: data, encoding: .isoLatin1)
    }

    /// Whether bytes look like markup rather than text: a doctype, or an `<html>`, `<head>` or `<body>`
    /// tag near the start.
    static func looksLikeHTML(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(1024), as: UTF8.self).lowercased()
        let start = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || head.contains("<head")
            || head.contains("<body") || (start.hasPrefix("<!--") && head.contains("<html"))
    }

    // MARK: - Headline

    static let titleSeparators = [" | ", " – ", " — ", " - ", " :: ", " · ", " » ", " // ", " : "]

    /// The headline, from the most deliberate source: JSON-LD or Open Graph, unless the page's own
    /// `<h1>` is the same headline without the site's name; then `<h1>`; then `<title>` without the
    /// site's name. A "headline" that is only the site's name is not one.
    static func headline(_ metadata: PageMetadata, heading: String?) -> String? {
        let site = metadata.site?.matchKey
        func clean(_ title: String?) -> String? {
            guard var title = title?.collapsingWhitespace, !title.isEmpty else { return nil }
            if let site {
                // "Site: Headline", "Headline – Site".
                let key = title.matchKey
                let marks = CharacterSet(charactersIn: ":|-–—·»/ ")
                if key.hasPrefix(site), key.count > site.count, let cut = title.index(title.startIndex, offsetBy: site.count, limitedBy: title.endIndex),
                    title[cut...].first.map({ $0.unicodeScalars.allSatisfy(marks.contains) }) == true
                {
                    title = String(title[cut...]).trimmingCharacters(in: marks)
                } else if key.hasSuffix(site), key.count > site.count,
                    let cut = title.index(title.endIndex, offsetBy: -site.count, limitedBy: title.startIndex),
                    title[..<cut].last.map({ $0.unicodeScalars.allSatisfy(marks.contains) }) == true
                {
                    title = String(title[..<cut]).trimmingCharacters(in: marks)
                }
                for separator in titleSeparators {
                    let parts = title.components(separatedBy: separator)
                    guard parts.count > 1 else { continue }
                    if parts.last!.matchKey == site || site.contains(parts.last!.matchKey) && parts.last!.count >= 3 {
                        title = parts.dropLast().joined(separator: separator)
                    } else if parts.first!.matchKey == site {
                        title = parts.dropFirst().joined(separator: separator)
                    }
                }
            }
            guard title.matchKey != site, !title.isEmpty else { return nil }
            return title
        }
        let declared = clean(metadata.title)
        let heading = clean(heading)
        if let heading, let declared, declared.matchKey.contains(heading.matchKey) || heading.matchKey.contains(declared.matchKey) {
            return declared.count <= heading.count ? declared : heading
        }
        if let declared { return declared }
        if let heading { return heading }
        guard let fromDocument = clean(metadata.documentTitle) else { return nil }
        if site == nil {
            // "Headline | Site" with no site named elsewhere: the longer side is the headline. A
            // title with no separator is as likely the site's name as a headline: the text decides.
            for separator in titleSeparators where fromDocument.contains(separator) {
                return fromDocument.components(separatedBy: separator).max { $0.count < $1.count }
            }
            return nil
        }
        return fromDocument
    }

    /// "Headline | Site name": the side of the `<title>` that is not the headline.
    static func siteName(fromDocumentTitle title: String?, headline: String) -> String? {
        guard let title, !headline.isEmpty else { return nil }
        for separator in titleSeparators where title.contains(separator) {
            let parts = title.components(separatedBy: separator)
            if parts.first!.matchKey == headline.matchKey { return parts.dropFirst().joined(separator: separator) }
            if parts.last!.matchKey == headline.matchKey { return parts.dropLast().joined(separator: separator) }
        }
        return nil
    }
}
