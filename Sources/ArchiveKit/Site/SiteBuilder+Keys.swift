/// Page keys: a digest of everything a page's bytes depend on, so that an incremental build renders
/// only the pages whose key changed.
///
/// A page is its template applied to its values, so its key is the digest of the templates it
/// reaches and of its values, with two shortcuts that keep keys cheap: a statement stands for its
/// values by their digest, and a body by the digest of its Markdown. Whatever changes a page's
/// values (a statement, a vocabulary entry, a setting, an interface word, the order of a list)
/// therefore changes its key, and nothing else does.
extension SiteBuilder {
    /// Each page's key, by path.
    ///
    /// `known` holds digests of statements' values from an earlier build, by a key that changes
    /// whenever those values may (see `SiteBuild`); `itemKeys` gives each statement's key. The
    /// digests made are returned for the next build.
    func pageKeys(
        known: [String: String] = [:], itemKeys: [String: String] = [:]
    ) -> (pages: [String: String], items: [String: String]) {
        let statements = archive.statements
        let itemDigests = statements.concurrentMap { statement -> String in
            if let key = itemKeys[statement.id], let digest = known[key] { return digest }
            return ContextDigest.digest(item(statement))
        }
        let bodyDigests = statements.concurrentMap { BuildCache.digest(Array($0.body.utf8)) }
        let items = Dictionary(uniqueKeysWithValues: zip(statements.map(\.id), itemDigests))
        let bodies = Dictionary(uniqueKeysWithValues: zip(statements.map(\.id), bodyDigests))
        let values = StatementValues(
            item: { ["digest": items[$0.id] ?? ""] },
            body: { (bodies[$0.id, default: ""] + ContextDigest.digest($0.evidence), []) },
            // Evidence is the front matter's, or found in the body by the demand's phrases.
            evidence: { statement, demand in bodies[statement.id, default: ""] + (statement.evidence[demand.id] ?? "") },
            listed: { statement, _ in ["digest": items[statement.id] ?? ""] },
            itemHTML: { statement, _ in items[statement.id] },
            full: false)
        // The values every page has, and the words, once for all pages.
        let shared = BuildCache.digest([
            ContextDigest.digest(everywhere), String(pageSize),
            // Evidence marked in bodies and shown on demand pages is found by the demands' phrases.
            archive.demands.map { "\($0.id):\($0.phrases.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })" }
                .joined(separator: "\n"),
        ])
        let itemTemplate = theme.templateKeys["statement-item"] ?? ""
        let pages = self.pages
        let keys = pages.concurrentMap { page -> String in
            let lists: Bool
            switch page {
            // A statement's page lists its related statements.
            case .home, .list, .statement: lists = true
            default: lists = false
            }
            let context = self.context(for: page, values: values)
            return BuildCache.digest([
                shared, theme.templateKeys[page.template] ?? "", lists ? itemTemplate : "",
                ContextDigest.digest(context, skipping: ["t", "site", "search"]),
            ])
        }
        let made = Dictionary(
            zip(statements, itemDigests).compactMap { statement, digest in itemKeys[statement.id].map { ($0, digest) } },
            uniquingKeysWith: { first, _ in first })
        return (Dictionary(uniqueKeysWithValues: zip(pages.map(\.path), keys)), made)
    }
}
