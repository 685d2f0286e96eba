import Foundation

/// Finds the statement in a page by its structure: the page's furniture (navigation, headers,
/// footers, sidebars, cookie banners, share buttons, comments, related posts) is pruned, then the
/// text is looked for in the page's `articleBody`, `<article>` or `<main>`, and failing those in the
/// smallest element that holds most of the page's prose.
struct PageContent {
    /// The element holding the statement, pruned of furniture.
    let container: HTMLElement
    /// The first `<h1>` of the pruned page, a headline when the page's metadata has none.
    let heading: String?
    /// The pruned page's body, where lines above the text (a date, a byline) may stand.
    let body: HTMLElement
    /// The site's name, from an `<h1>` that links to the home page (a blog's masthead).
    let siteTitle: String?

    /// A heading whose text is a link to the site's home page: the site's name, not a headline.
    static func linksHome(_ element: HTMLElement) -> Bool {
        let links = element.descendants { $0.name == "a" }
        guard links.count == 1, let href = links[0]["href"], links[0].normalizedText == element.normalizedText else {
            return false
        }
        if href == "/" || href == "./" || href.isEmpty { return true }
        guard let url = URL(string: href), url.host != nil else { return false }
        return url.path.isEmpty || url.path == "/"
    }

    init(_ document: HTMLDocument) {
        let body = document.body.flatMap(Self.prune) ?? HTMLElement(name: "body", attributes: [:], children: [])
        var measure = TextMeasure()
        let start: HTMLElement
        let threshold: Double
        if let marked = body.descendants(where: {
            ($0["itemprop"] ?? "").lowercased().split(separator: " ").contains("articlebody")
        }).max(by: {
            measure.prose($0) < measure.prose($1)
        }), measure.prose(marked) >= 200 {
            (start, threshold) = (marked, 1.1)
        } else if let article = body.descendants(where: { $0.name == "article" || $0["role"] == "article" }).max(by: {
            measure.prose($0) < measure.prose($1)
        }), measure.prose(article) >= max(200, measure.prose(body) / 3) {
            (start, threshold) = (article, 0.95)
        } else if let main = body.descendants(where: { $0.name == "main" || $0["role"] == "main" }).first,
            measure.prose(main) >= measure.prose(body) / 3
        {
            (start, threshold) = (main, 0.85)
        } else {
            (start, threshold) = (body, 0.8)
        }
        var container = start
        while true {
            let total = measure.prose(container)
            guard total > 0,
                let child = container.elements.max(by: { measure.prose($0) < measure.prose($1) }),
                Double(measure.prose(child)) >= Double(total) * threshold
            else { break }
            container = child
        }
        self.container = container
        self.body = body
        let siteTitles = (document.body ?? body).descendants { $0.name == "h1" && Self.linksHome($0) }
        siteTitle = siteTitles.first?.normalizedText
        let headings = body.descendants { $0.name == "h1" && !Self.linksHome($0) }.map(\.normalizedText)
            .filter { !$0.isEmpty }
        let inside = container.descendants { $0.name == "h1" }.map(\.normalizedText).filter { !$0.isEmpty }
        heading = inside.first ?? (headings.count == 1 ? headings[0] : nil)
    }

    // MARK: - Pruning

    /// Elements that are never part of a statement.
    static let furnitureElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form", "button",
        "input", "select", "textarea", "nav", "aside", "footer", "menu", "dialog", "figure", "figcaption", "picture",
        "video", "audio", "map", "link", "meta",
    ]

    /// ARIA roles of page furniture.
    static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar",
        "toolbar",
    ]

    /// Parts of class names and ids that mark furniture ("share-buttons", "cookie_notice", "related-posts").
    static let furnitureWords: Set<String> = [
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "share",
        "sharing", "sharedaddy", "social", "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe",
        "subscription", "signup", "related", "recommended", "recommendations", "comment", "comments", "respond",
        "disqus", "footer", "masthead", "promo", "advert", "advertisement", "ad", "ads", "adsbygoogle", "sponsor",
        "sponsored", "header", "popup", "modal", "pagination", "pager", "skip", "toolbar", "banner", "byline-social",
        "author-bio", "bio", "tags", "tagcloud", "categories", "jp-relatedposts", "donate", "donation", "paywall",
        "print", "rss", "follow", "outbrain", "taboola", "more-stories", "read-next", "readmore", "trending", "discussion", "responses", "replies", "comentarios",
    ]

    /// Parts that mark the content, which a furniture word beside them does not outweigh
    /// ("site-content has-sidebar").
    static let contentWords: Set<String> = ["content", "article", "main", "body", "entry", "story", "text", "post-body"]

    /// A copy of the element without its furniture, or `nil` when the element is furniture itself.
    static func prune(_ element: HTMLElement) -> HTMLElement? {
        if isFurniture(element) { return nil }
        var children: [HTMLNode] = []
        for child in element.children {
            switch child {
            case .text: children.append(child)
            case .element(let element):
                if let kept = prune(element) { children.append(.element(kept)) }
            }
        }
        return HTMLElement(name: element.name, attributes: element.attributes, children: children)
    }

    static func isFurniture(_ element: HTMLElement) -> Bool {
        if furnitureElements.contains(element.name) { return true }
        // A header with the headline is the article's own (headline, byline, date); others are the site's.
        if element.name == "header", element.first("h1") == nil { return true }
        if element["hidden"] != nil || element["aria-hidden"] == "true" { return true }
        if let style = element["style"]?.lowercased().replacingOccurrences(of: " ", with: ""),
            style.contains("display:none") || style.contains("visibility:hidden")
        {
            return true
        }
        if let role = element["role"]?.lowercased(), furnitureRoles.contains(role) { return true }
        if ["html", "body", "main", "article"].contains(element.name) { return false }
        let names = element.classes.map { $0.lowercased() } + [element["id"]?.lowercased()].compactMap { $0 }
        var furniture = false
        for name in names {
            let parts = name.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
            if parts.contains(where: contentWords.contains) || contentWords.contains(name) { return false }
            if furnitureWords.contains(name) || parts.contains(where: furnitureWords.contains) { furniture = true }
        }
        return furniture
    }
}

/// Lengths of prose in elements: text outside links, counted once per element.
struct TextMeasure {
    private var cache: [ObjectIdentifier: Int] = [:]

    /// Characters of text in the element that are not inside links.
    mutating func prose(_ element: HTMLElement) -> Int {
        let key = ObjectIdentifier(element)
        if let known = cache[key] { return known }
        var count = 0
        for child in element.children {
            switch child {
            case .text(let text): count += text.count { !$0.isWhitespace }
            case .element(let element) where element.name == "a": break
            case .element(let element): count += prose(element)
            }
        }
        cache[key] = count
        return count
    }
}
