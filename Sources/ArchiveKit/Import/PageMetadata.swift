import Foundation

/// What a page says about itself, from the most deliberate source to the least: JSON-LD, then Open
/// Graph and `article:` properties, then `<meta name=…>` and Dublin Core, then `<time datetime>`,
/// `<html lang>` and `<link rel=canonical>`.
struct PageMetadata: Equatable {
    var title: String?
    var date: StatementDate?
    var author: String?
    /// The publisher or site, by name.
    var site: String?
    var description: String?
    var language: String?
    /// The language as declared, with its region ("en-GB").
    var languageTag: String?
    var canonical: String?
    /// The `<title>` element, which often adds the site's name to the headline.
    var documentTitle: String?
    /// The page calls itself a news article (JSON-LD `NewsArticle`, or `og:type` article on a news site).
    var isNews = false

    /// Reads the metadata of a parsed page; an author is named only when `isAuthor` takes the name
    /// for a person's, not a publishing account's.
    init(_ document: HTMLDocument, isAuthor: (String) -> Bool = { _ in true }) {
        let head = document.head
        let meta = Self.metaTags(document.root)
        let linked = JSONLD(document.root, isAuthor: isAuthor)

        title = linked.headline ?? meta.first(["og:title", "twitter:title", "dcterms.title", "dc.title", "citation_title"])
        date =
            linked.datePublished.flatMap(Self.isoDate)
            ?? meta.first([
                "article:published_time", "datepublished", "dcterms.date", "dcterms.issued", "dc.date",
                "dc.date.issued", "citation_publication_date", "citation_date", "date", "pubdate",
                "publish-date", "sailthru.date", "parsely-pub-date",
            ]).flatMap(Self.isoDate)
            ?? Self.timeElementDate(document.body)
        author =
            linked.author
            ?? meta.first(["author", "dcterms.creator", "dc.creator", "citation_author", "article:author", "byl"])
                .flatMap(Self.personName).flatMap { isAuthor($0) ? $0 : nil }
        site =
            linked.publisher ?? meta.first(["og:site_name", "application-name", "dcterms.publisher", "dc.publisher"])
            ?? linked.websiteName
        description = linked.description ?? meta.first(["description", "og:description", "dcterms.description"])
        languageTag =
            document.root["lang"] ?? document.root["xml:lang"] ?? linked.language
            ?? meta.first(["og:locale", "dcterms.language", "dc.language", "content-language", "language"])
        language = languageTag.flatMap(Self.languageCode)
        canonical =
            head?.descendants { $0.name == "link" && ($0["rel"] ?? "").lowercased().split(separator: " ").contains("canonical") }
            .first?["href"] ?? meta.first(["og:url"])
        documentTitle = head?.first("title")?.normalizedText.nonEmpty
        isNews = linked.isNews
    }

    // MARK: - Reading values

    /// `<meta>` values by lower-case `property`, `name` or `itemprop`, in document order.
    private static func metaTags(_ root: HTMLElement) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for element in root.descendants(where: { $0.name == "meta" }) {
            guard let content = element["content"]?.collapsingWhitespace, !content.isEmpty else { continue }
            for key in [element["property"], element["name"], element["itemprop"], element["http-equiv"]].compactMap({ $0 }) {
                values[key.lowercased(), default: []].append(content)
            }
        }
        for element in root.descendants(where: { $0["itemprop"] != nil && $0.name != "meta" }) {
            guard let key = element["itemprop"]?.lowercased(), key == "datepublished" else { continue }
            if let value = element["datetime"] ?? element["content"] { values[key, default: []].append(value) }
        }
        return values
    }

    /// The date of a `<time datetime>` in the page, preferring one marked as the publication date.
    private static func timeElementDate(_ body: HTMLElement?) -> StatementDate? {
        guard let times = body?.descendants(where: { $0.name == "time" && $0["datetime"] != nil }), !times.isEmpty else {
            return nil
        }
        let marked = times.first { time in
            time["itemprop"] == "datePublished" || time["pubdate"] != nil
                || time.classes.contains { $0.contains("published") || $0.contains("entry-date") }
        }
        return (marked ?? times[0])["datetime"].flatMap(isoDate)
    }

    /// The calendar date at the start of an ISO 8601 text: "2023-01-11T09:30:00+01:00" is 2023-01-11,
    /// the date the page's writers saw.
    static func isoDate(_ text: String) -> StatementDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let prefix = trimmed.prefix(10)
        if prefix.count == 10, let date = StatementDate(iso: String(prefix)), date.day != nil { return date }
        if let date = StatementDate(iso: String(trimmed.prefix(7))), trimmed.count == 7 { return date }
        return DateParser.parse(trimmed)
    }

    /// "en-GB", "es_PE", "English" → "en", "es"; other text → nil.
    static func languageCode(_ text: String) -> String? {
        let code = text.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        if code.count == 2 || code.count == 3, code.allSatisfy(\.isLetter) { return code }
        return ["english": "en", "spanish": "es", "español": "es", "french": "fr", "português": "pt"][code]
    }

    /// A name, not an address ("https://…/author/jane") or a handle ("@jane").
    static func personName(_ text: String) -> String? {
        let name = text.collapsingWhitespace
        guard !name.isEmpty, !name.contains("://"), !name.hasPrefix("@"), name.count <= 80 else { return nil }
        return name
    }
}

extension [String: [String]] {
    /// The first value under any of `keys`, in the order of `keys`.
    fileprivate func first(_ keys: [String]) -> String? {
        for key in keys {
            if let value = self[key]?.first { return value }
        }
        return nil
    }
}

extension String {
    /// `nil` for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// The article that a page's JSON-LD describes: the first `Article`-like item, in a list, a
/// `@graph` or alone, with its publisher resolved through `@id` references.
struct JSONLD {
    var headline: String?
    var datePublished: String?
    var author: String?
    var publisher: String?
    var websiteName: String?
    var description: String?
    var language: String?
    var isNews = false

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "opinionnewsarticle", "analysisnewsarticle",
        "report", "scholarlyarticle", "socialmediaposting", "liveblogposting", "backgroundnewsarticle", "posting",
    ]

    init(_ root: HTMLElement, isAuthor: (String) -> Bool) {
        var items: [[String: Any]] = []
        let scripts = root.descendants { $0.name == "script" && ($0["type"] ?? "").lowercased().contains("ld+json") }
        for script in scripts {
            let source = script.children.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
            guard let data = source.data(using: .utf8),
                let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            Self.flatten(value, into: &items)
        }
        let byID = Dictionary(
            items.compactMap { item in (item["@id"] as? String).map { ($0, item) } }, uniquingKeysWith: { first, _ in first })
        let article = items.first { Self.types(of: $0).contains(where: Self.articleTypes.contains) }
            ?? items.first { Self.types(of: $0).contains("webpage") && $0["headline"] != nil }
        websiteName = items.first { Self.types(of: $0).contains("website") }.flatMap { Self.name(of: $0["name"], byID: byID) }
        guard let article else { return }
        isNews = Self.types(of: article).contains { $0.hasSuffix("newsarticle") }
        headline = (article["headline"] as? String ?? article["name"] as? String)?.decodingEntities.collapsingWhitespace.nonEmpty
        datePublished = article["datePublished"] as? String ?? article["dateCreated"] as? String
        author = Self.names(of: article["author"] ?? article["creator"], byID: byID, isAuthor: isAuthor)
        publisher = Self.name(of: article["publisher"] ?? article["sourceOrganization"], byID: byID)
        description = (article["description"] as? String)?.decodingEntities.collapsingWhitespace.nonEmpty
        language = article["inLanguage"] as? String
    }

    private static func flatten(_ value: Any, into items: inout [[String: Any]]) {
        if let list = value as? [Any] {
            for element in list { flatten(element, into: &items) }
        } else if let object = value as? [String: Any] {
            items.append(object)
            if let graph = object["@graph"] { flatten(graph, into: &items) }
        }
    }

    private static func types(of item: [String: Any]) -> [String] {
        if let type = item["@type"] as? String { return [type.lowercased()] }
        return (item["@type"] as? [Any] ?? []).compactMap { ($0 as? String)?.lowercased() }
    }

    /// The name of a person or organisation given as text, an object, or an `@id` reference.
    private static func name(of value: Any?, byID: [String: [String: Any]]) -> String? {
        if let text = value as? String { return PageMetadata.personName(text.decodingEntities) }
        if let list = value as? [Any] { return list.lazy.compactMap { name(of: $0, byID: byID) }.first }
        guard var object = value as? [String: Any] else { return nil }
        if object["name"] == nil, let id = object["@id"] as? String, let resolved = byID[id] { object = resolved }
        return (object["name"] as? String).flatMap { PageMetadata.personName($0.decodingEntities) }
    }

    /// Several authors joined with "and", as a byline would name them.
    private static func names(of value: Any?, byID: [String: [String: Any]], isAuthor: (String) -> Bool) -> String? {
        let list = (value as? [Any]) ?? (value.map { [$0] } ?? [])
        let names = list.compactMap { name(of: $0, byID: byID) }.filter(isAuthor)
        var seen: Set<String> = []
        let unique = names.filter { seen.insert($0).inserted }
        switch unique.count {
        case 0: return nil
        case 1: return unique[0]
        default: return unique.dropLast().joined(separator: ", ") + " and " + unique.last!
        }
    }
}

extension String {
    /// Text with the common HTML entities that JSON-LD writers sometimes leave in ("&amp;", "&#8217;").
    var decodingEntities: String {
        guard contains("&") else { return self }
        var result = self
        for (entity, character) in [("&amp;", "&"), ("&quot;", "\""), ("&#039;", "'"), ("&#39;", "'"), ("&apos;", "'"),
                                    ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&#8217;", "’"), ("&#8216;", "‘"),
                                    ("&#8220;", "“"), ("&#8221;", "”"), ("&#8211;", "–"), ("&#8212;", "—")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }
}
