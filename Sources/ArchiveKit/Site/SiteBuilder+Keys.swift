/// Page keys: a digest of everything a page's bytes depend on, so that an incremental build renders
/// only the pages whose key changed.
///
/// A page is its template applied to its values, so its key is the digest of the templates it
/// reaches and of its values, with two shortcuts that keep keys cheap: a statement stands for its
/// values by their digest, and a body by the digest of its Markdown. Whatever changes a page's
/// values (a statement, a vocabulary entry, a setting, an interface word, the order of a list)
/// therefore changes its key, and nothing else does.
extension SiteBuilder {
    /// What keying pages needs, made once per build: each statement's digests, then any pages
    /// keyed with them.
    struct PageKeys: Sendable {
        fileprivate let builder: SiteBuilder
        fileprivate let values: StatementValues
        fileprivate let shared: String
        /// Digests of statements' values made, by the key of what they are made from, for the next build.
        let items: [String: String]

        /// The key of each of `pages`, by path. `reusing` holds keys known to be unchanged, by path
        /// (see `pageInputs`); `paths` holds the pages' paths, when known.
        func keys(of pages: [Page], paths known: [String]? = nil, reusing: [String: String] = [:]) -> [String: String] {
            let builder = self.builder, values = self.values, shared = self.shared
            let theme = builder.theme
            let itemTemplate = theme.templateKeys["statement-item"] ?? ""
            let referenceTemplate = theme.templateKeys["reference"] ?? ""
            let entryTemplate = theme.templateKeys["timeline-entry"] ?? ""
            let paths = known ?? pages.concurrentMap(\.path)
            let keys = zip(pages, paths).map { $0 }.concurrentMap { page, path -> String in
                if let key = reusing[path] { return key }
                // The partials rendered apart and inserted: list items, which a statement's page
                // shows for its related statements too, an organisation's references and a year's
                // timeline entries.
                let inserted: String
                switch page {
                case .home, .list, .statement: inserted = itemTemplate
                case .matrixOrganisation: inserted = referenceTemplate
                case .timelineYear: inserted = entryTemplate
                default: inserted = ""
                }
                let context = builder.context(for: page, values: values)
                return BuildCache.digest([
                    shared, theme.templateKeys[page.template] ?? "", inserted,
                    ContextDigest.digest(context, skipping: ["t", "site", "search"]),
                ])
            }
            return Dictionary(uniqueKeysWithValues: zip(paths, keys))
        }
    }

    /// Digests of statements' own values (see `item`), in the archive's order and by statement id,
    /// and the same by the key of what they are made from, for the next build.
    struct ItemDigests: Sendable {
        /// The digests in the archive's order.
        let byPosition: [String]
        /// How many statements had no digest from an earlier build.
        let made: Int
        /// The tables by id and by key, made on another core.
        fileprivate let tables: Background<(byID: [String: String], byKey: [String: String])>

        var byID: [String: String] { tables.value.byID }
        var byKey: [String: String] { tables.value.byKey }
    }

    /// Each statement's item digest: the one an earlier build made when `known` holds it, by a key
    /// that changes whenever the values may (see `SiteBuild`), else made now. `keys` gives each
    /// statement's key, in the archive's order.
    func itemDigests(known: [String: String], keys: [String]) -> ItemDigests {
        let statements = archive.statements
        let found = Array(statements.indices).concurrentMap { index -> (digest: String, made: Bool) in
            if let digest = known[keys[index]] { return (digest, false) }
            return (ContextDigest.digest(item(statements[index])), true)
        }
        let digests = found.map(\.digest)
        let tables = Background { () -> (byID: [String: String], byKey: [String: String]) in
            let byID = Dictionary(uniqueKeysWithValues: zip(statements.map(\.id), digests))
            let byKey = Dictionary(zip(keys, digests), uniquingKeysWith: { first, _ in first })
            return (byID, byKey)
        }
        return ItemDigests(byPosition: digests, made: found.count(where: \.made), tables: tables)
    }

    /// What keying pages needs, from the statements' item digests; `itemKeys` gives each
    /// statement's key, which also stands for its body, since the body is read from the same file.
    func pageKeys(items digests: ItemDigests, itemKeys: [String: String]) -> PageKeys {
        let items = digests.byID
        // A statement's key stands for its body; a statement without one (none, in a build) for
        // its body's digest.
        @Sendable func body(_ statement: Statement) -> String {
            itemKeys[statement.id] ?? BuildCache.digest(Array(statement.body.utf8))
        }
        let values = StatementValues(
            item: { ["digest": items[$0.id] ?? ""] },
            body: { (body($0) + ContextDigest.digest($0.evidence), []) },
            // Evidence is the front matter's, or found in the body by the demand's phrases.
            evidence: { statement, demand in body(statement) + (statement.evidence[demand.id] ?? "") },
            listed: { statement, _ in Listed(values: ["digest": items[statement.id] ?? ""]) },
            itemHTML: { statement, _ in items[statement.id] },
            // A reference shows no more than the statement's own values.
            reference: { ["digest": items[$0.id] ?? ""] },
            full: false)
        return PageKeys(builder: self, values: values, shared: sharedKey, items: digests.byKey)
    }

    /// The values every page has, the words and the page size, once for all pages.
    private var sharedKey: String {
        BuildCache.digest([
            ContextDigest.digest(everywhere), String(pageSize),
            // Evidence marked in bodies and shown on demand pages is found by the demands' phrases.
            archive.demands.map { "\($0.id):\($0.phrases.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })" }
                .joined(separator: "\n"),
        ])
    }

    /// A digest of what each page's values are made from, for the pages whose values depend on a
    /// few statements: far cheaper to make than the page's key, so that a rebuild after an edit
    /// makes keys only for the pages whose inputs changed.
    ///
    /// A statement's page is made from the statement and its related statements, in order; a
    /// page of a list from the statements it shows, the list's length and, for an organisation,
    /// how many of its statements raise each demand, for a demand, the organisations raising it
    /// (on its first page; how many, on the others);
    /// an organisation's matrix page from its statements, a year's timeline page from the
    /// statements of that year. `common` must change whenever anything else a page can show
    /// does: the settings, vocabularies, words, templates and published sources. `statementKeys`
    /// gives each statement's key, which changes with its file, by id, and `keys` the same in the
    /// archive's order; `items` the digest of each statement's own values (see `item`), in the
    /// archive's order. A page that shows of a
    /// statement no more than those values (a list's item, a reference in the matrix or the
    /// timeline, a related statement) stands for it by their digest, so that editing a
    /// statement's body changes the inputs of its own page and of the demand pages that quote its
    /// evidence, and of no other. Pages made from the whole archive (home, indexes, matrix,
    /// timeline) have no inputs and are always keyed in full.
    func pageInputs(
        common: String, statementKeys: [String: String], keys keysByPosition: [String], items itemsByPosition: [String]
    ) -> [String: String] {
        let common = BuildCache.digest([common, sharedKey])
        // Each input is laid out in one buffer as it is made: lists of texts made first and then
        // digested cost more than the digests. A statement's key or item digest stands for its id
        // as well, since both are made from its file.
        @Sendable func input(_ parts: String...) -> BuildCache.DigestInput {
            var input = BuildCache.DigestInput()
            input.append(common)
            for part in parts { input.append(part) }
            return input
        }
        // Statements stand for themselves by their keys or by their items' digests, read by their
        // positions in the archive: without touching them, hashing their ids, or counting
        // references to them from both cores at once.
        let all = archive.statements
        @Sendable func members(_ positions: [Int], by digests: [String], into input: inout BuildCache.DigestInput) {
            for position in positions { input.append(digests[position]) }
        }
        var years: [Int: [Int]] = [:]
        for index in all.indices { if let year = all[index].date?.year { years[year, default: []].append(index) } }
        let byYear = years
        let pageSize = self.pageSize
        let inputs = pages.concurrentMap { page -> String? in
            switch page {
            case .statement(let statement):
                var made = input("statement", statementKeys[statement.id] ?? "", "related")
                members(related.positions[statement.id] ?? [], by: itemsByPosition, into: &made)
                return made.digest
            case .list(let list, let number, let total):
                // The positions of the list's statements; all of them for the list of all.
                var positions: [Int]?
                // A demand's page quotes each statement's evidence, which may be found in its body.
                var shownBy = itemsByPosition
                var summary: [String] = []
                switch list {
                case .all: break
                case .organisation(let id):
                    positions = archive.positions(by: id)
                    summary = archive.demands(raisedBy: id).map { "\($0.demand.id)=\($0.count)" }
                case .demand(let id):
                    positions = archive.positions(raising: id)
                    // The first page lists the organisations raising it; the others count them.
                    let raising = archive.organisations(raising: id)
                    summary = number == 1 ? raising.map(\.id) : [String(raising.count)]
                    shownBy = keysByPosition
                case .tag(let id):
                    positions = archive.positions(tagged: id)
                }
                let count = positions?.count ?? all.count
                let shown = min(count, (number - 1) * pageSize)..<min(count, number * pageSize)
                var made = input(list.folder, String(count), String(number), String(total))
                for part in summary { made.append(part) }
                made.append("shown")
                for index in shown { made.append(shownBy[positions?[index] ?? index]) }
                return made.digest
            case .matrixOrganisation(let id):
                var made = input("matrix", id)
                members(archive.positions(by: id), by: itemsByPosition, into: &made)
                return made.digest
            case .timelineYear(let year):
                var made = input("year", String(year))
                members(byYear[year] ?? [], by: itemsByPosition, into: &made)
                return made.digest
            default:
                return nil
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(pagePaths, inputs).compactMap { path, input in input.map { (path, $0) } })
    }
}
