/// Atom 1.0 feeds: `feed.xml` for the whole archive, and `feed.xml` in the folder of every
/// organisation, demand and tag, each with its newest dated statements in full.
///
/// Feeds are deterministic: a feed's `updated` is its newest statement's date, never the time of
/// the build. Links are relative to the feed, or absolute when the archive has a `base_url`
/// (through `xml:base`). Statements without a date are left out: a feed is read in order of time.
struct Feeds: Sendable {
    /// How many statements a feed carries at most.
    static let limit = 50

    let archive: Archive
    let bodies: [String: CommonMark.Rendering]
    let strings: Strings

    /// A feed: where it is written, its title and the page it stands for.
    struct Feed: Sendable {
        var folder: String
        var title: String
        var statements: [Statement]

        var path: String { folder.isEmpty ? "feed.xml" : folder + "/feed.xml" }
    }

    /// The feed of the whole archive, and one per organisation, demand and tag with statements.
    var feeds: [Feed] {
        let site = archive.settings.title
        var feeds = [Feed(folder: "", title: site, statements: archive.statements)]
        for organisation in archive.organisationsByName where !archive.statements(by: organisation.id).isEmpty {
            feeds.append(Feed(
                folder: "organisations/\(organisation.id)", title: "\(organisation.name) · \(site)",
                statements: archive.statements(by: organisation.id)))
        }
        for demand in archive.demands where !archive.statements(raising: demand.id).isEmpty {
            feeds.append(Feed(
                folder: "demands/\(demand.id)", title: "\(demand.label) · \(site)",
                statements: archive.statements(raising: demand.id)))
        }
        for tag in archive.tagsByLabel where !archive.statements(tagged: tag.id).isEmpty {
            feeds.append(Feed(
                folder: "tags/\(tag.id)", title: "\(tag.label) · \(site)", statements: archive.statements(tagged: tag.id)))
        }
        return feeds
    }

    /// Every feed's file.
    func files() -> [OutputFile] {
        files(keys: nil).made
    }

    /// The feeds whose statements or settings changed since the last build, with `keys`; every
    /// feed without. With `staging`, the feeds are written into it a run at a time as they are
    /// made, and only their paths are given (`KeyedFiles.written`): a statement's entry is in
    /// several feeds, so the feeds together are several times the size of their entries.
    func files(keys: OutputKeys?, staging: SiteWriter.Staging? = nil) -> KeyedFiles {
        var result = KeyedFiles()
        let making = result.select(feeds, keys: keys, path: \.path) { feed, keys in
            keys.key(["feed", feed.path, feed.title], statements: Self.shown(in: feed).map(\.id))
        }
        // Each statement's entry is made once, whatever the number of feeds it is in.
        var seen = Set<String>()
        let dated = making.flatMap(Self.shown).filter { seen.insert($0.id).inserted }
        let entries = Dictionary(uniqueKeysWithValues: zip(dated.map(\.id), dated.concurrentMap {
            SiteBuilder.split(entry($0), at: Self.rootMarker)
        }))
        // A few feeds to a run: with `staging`, no more than a few are held at once.
        result.make(making, path: \.path, runsOf: 4, staging: staging) { feeds in
            feeds.map { feed in OutputFile(path: feed.path, text: document(feed, entries: entries)) }
        }
        return result
    }

    /// The statements a feed carries: its newest dated ones.
    private static func shown(in feed: Feed) -> [Statement] {
        Array(feed.statements.lazy.filter { $0.date != nil }.prefix(limit))
    }

    private func document(_ feed: Feed, entries: [String: [String]]) -> String {
        let statements = Self.shown(in: feed)
        // Relative links resolve against the feed's own address.
        let root = String(repeating: "../", count: feed.folder.split(separator: "/").count)
        let base = archive.settings.baseURL.map { " xml:base=\"\(XMLText.escape($0))\"" } ?? ""
        let page = feed.folder.isEmpty ? "index.html" : feed.folder + "/index.html"
        let updated = statements.compactMap(\.date).max().map(Self.timestamp) ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLText.escape(archive.settings.language))"\(base)>
            <title>\(XMLText.escape(feed.title))</title>
            <subtitle>\(XMLText.escape(archive.settings.description))</subtitle>
            <id>\(Self.uuid("feed", archive.settings.title, feed.path))</id>
            <updated>\(updated)</updated>
            <link rel="self" type="application/atom+xml" href="\(link(feed.path, root: root))"/>
            <link rel="alternate" type="text/html" href="\(link(page, root: root))"/>
            <author><name>\(XMLText.escape(archive.settings.title))</name></author>
            <generator>archive</generator>

            """
        for statement in statements {
            // Entries are written with links from the root; a feed in a folder puts its way back first.
            xml += entries[statement.id, default: []].joined(separator: root)
        }
        return xml + "</feed>\n"
    }

    /// A path as a feed links to it: from the root when the feed has a base, else from the feed.
    private func link(_ path: String, root: String) -> String {
        XMLText.escape(archive.settings.baseURL == nil ? root + path : path)
    }

    /// Stands for the way from a feed back to the site's root in an entry made once for all feeds.
    private static let rootMarker = "\u{1}root\u{1}"

    private func entry(_ statement: Statement) -> String {
        let root = archive.settings.baseURL == nil ? Self.rootMarker : ""
        let date = statement.date.map(Self.timestamp) ?? ""
        let authors = statement.signatories.compactMap { archive.organisations[$0]?.name } + [statement.author].compactMap { $0 }
        var xml = """
            <entry>
            <title>\(XMLText.escape(statement.title))</title>
            <id>\(Self.uuid("statement", statement.id))</id>
            <link rel="alternate" type="text/html" href="\(root)\(XMLText.escape(Page.path(of: statement)))"/>
            <published>\(date)</published>
            <updated>\(date)</updated>

            """
        for author in authors.isEmpty ? [strings["unknown_organisation"]] : authors {
            xml += "<author><name>\(XMLText.escape(author))</name></author>\n"
        }
        for id in statement.demands {
            guard let demand = archive.demands.first(where: { $0.id == id }) else { continue }
            xml += "<category term=\"\(XMLText.escape(id))\" label=\"\(XMLText.escape(demand.label))\"/>\n"
        }
        for id in statement.tags {
            xml += "<category term=\"\(XMLText.escape(id))\" label=\"\(XMLText.escape(archive.tags[id]?.label ?? id))\"/>\n"
        }
        if let summary = statement.summary {
            xml += "<summary>\(XMLText.escape(summary))</summary>\n"
        }
        // A body not rendered for a page is rendered here; libcmark accepts any text.
        if let html = bodies[statement.id]?.html ?? (try? CommonMark.render(statement.body))?.html {
            let language = statement.language == archive.settings.language ? "" : " xml:lang=\"\(XMLText.escape(statement.language))\""
            xml += "<content type=\"html\"\(language)>\(XMLText.escape(html))</content>\n"
        }
        return xml + "</entry>\n"
    }

    /// A date as an Atom timestamp; a month stands for its first day.
    static func timestamp(_ date: StatementDate) -> String {
        let day = date.day ?? 1
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(day, 2))T00:00:00Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A name-based `urn:uuid:` (version 8, from SHA-256): the same parts always give the same id.
    static func uuid(_ parts: String...) -> String {
        var hex = Array(BuildCache.input(["archive"] + parts).hexDigest)
        hex[12] = "8"
        hex[16] = ["8", "9", "a", "b"][Int(String(hex[16]), radix: 16)! & 3]
        let text = String(hex)
        func cut(_ from: Int, _ to: Int) -> Substring {
            text.dropFirst(from).prefix(to - from)
        }
        return "urn:uuid:\(cut(0, 8))-\(cut(8, 12))-\(cut(12, 16))-\(cut(16, 20))-\(cut(20, 32))"
    }
}
