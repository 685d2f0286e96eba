/// The values templates see. Every path is relative to the site's root; templates put `{{root}}` before it.
/// `docs/theme.md` lists them.
extension SiteBuilder {
    typealias Context = [String: Any]

    /// How a page's values show statements: in full, to render the page, or as digests, to tell
    /// whether the page changed without building every listed statement's values.
    struct StatementValues: Sendable {
        /// A statement's own values.
        var item: @Sendable (Statement) -> Context
        /// A statement's body as HTML.
        var body: @Sendable (Statement) -> String
        /// A statement as a list shows it, on a page whose root is given.
        var listed: @Sendable (Statement, _ root: String) -> Context
    }

    /// The values in full, from rendered bodies and list items (see `renderItems`).
    func fullValues(bodies: [String: CommonMark.Rendering], items: [String: String]) -> StatementValues {
        StatementValues(
            item: { self.item($0) },
            body: { bodies[$0.id]?.html ?? "" },
            listed: { statement, root in
                // Its values, and its item as the theme renders it, for this page's root.
                var values = self.item(statement)
                values["item_html"] = items[statement.id].map {
                    $0.replacingOccurrences(of: SiteBuilder.rootMarker, with: root)
                }
                return values
            })
    }

    func context(for page: Page, bodies: [String: CommonMark.Rendering], items: [String: String] = [:]) -> Context {
        context(for: page, values: fullValues(bodies: bodies, items: items))
    }

    func context(for page: Page, values statementValues: StatementValues) -> Context {
        let listed = { (statement: Statement) in statementValues.listed(statement, page.root) }
        var context = everywhere
        context["root"] = page.root
        context["path"] = page.path
        context["section"] = [section(of: page): true]
        switch page {
        case .home:
            context["statements"] = archive.statements.prefix(archive.settings.latestCount).map(listed)
            context["counts"] = [
                "statements": archive.statements.count,
                "organisations": archive.organisations.values.filter { !archive.statements(by: $0.id).isEmpty }.count,
                "demands": archive.demands.filter { !archive.statements(raising: $0.id).isEmpty }.count,
                "tags": archive.tags.count,
            ]
            context["demands"] = demandSummaries
            context["under_review"] = archive.statementsUnderReview.count
        case .statement(let statement):
            var values = statementValues.item(statement)
            values["body"] = statementValues.body(statement)
            context["statement"] = values
            context["page_title"] = statement.title
        case .organisations:
            context["organisations"] = archive.organisationsByName.map { organisation in
                organisationValues(organisation).merging(
                    ["count": archive.statements(by: organisation.id).count]) { _, new in new }
            }
        case .demands:
            context["demands"] = demandSummaries
        case .search:
            context["page_title"] = theme.strings["search"]
        case .notFound:
            context["page_title"] = theme.strings["not_found"]
        case .tags:
            context["tags"] = archive.tagsByLabel.map { tag in
                ["label": tag.label, "path": Page.path(ofTag: tag.id), "count": archive.statements(tagged: tag.id).count]
            }
        case .list(let list, let number, let total):
            let statements = self.statements(in: list)
            context["count"] = statements.count
            context["statements"] = statements.dropFirst((number - 1) * pageSize).prefix(pageSize).map(listed)
            if total > 1 { context["pagination"] = pagination(list, number: number, of: total) }
            switch list {
            case .all:
                break
            case .organisation(let id):
                let organisation = archive.organisations[id] ?? Organisation(id: id, name: id)
                context["organisation"] = organisationValues(organisation)
                context["demands"] = archive.demands(raisedBy: id).map { entry in
                    ["label": entry.demand.label, "path": Page.path(ofDemand: entry.demand.id), "count": entry.count]
                }
                context["page_title"] = organisation.name
            case .demand(let id):
                let demand = archive.demands.first { $0.id == id }
                context["demand"] = demand.map(demandSummary)
                context["organisations"] = archive.organisations(raising: id).map(organisationReference)
                context["page_title"] = demand?.label
            case .tag(let id):
                let label = archive.tags[id]?.label ?? id
                context["tag"] = ["label": label]
                context["page_title"] = label
            }
        }
        return context
    }

    /// What the `statement-item` template sees: the statement's values, with the values every page
    /// has; the caller adds `root`.
    func itemContext(_ statement: Statement) -> Context {
        item(statement).merging(everywhere) { own, _ in own }
    }

    /// The values every page and every list item sees: `site`, `t` and `search`.
    var everywhere: Context {
        ["site": site, "t": theme.strings, "search": archive.settings.search]
    }

    private var site: Context {
        var values: Context = [
            "title": archive.settings.title, "description": archive.settings.description,
            "language": archive.settings.language,
        ]
        values["base_url"] = archive.settings.baseURL
        return values
    }

    private func section(of page: Page) -> String {
        switch page {
        case .home: return "home"
        case .search: return "search"
        case .notFound: return "not-found"
        case .statement, .list(.all, _, _): return "statements"
        case .organisations, .list(.organisation, _, _): return "organisations"
        case .demands, .list(.demand, _, _): return "demands"
        case .tags, .list(.tag, _, _): return "tags"
        }
    }

    /// The statements a page lists, by id.
    func statementIDs(listedOn page: Page) -> [String] {
        switch page {
        case .home:
            return archive.statements.prefix(archive.settings.latestCount).map(\.id)
        case .list(let list, let number, _):
            return statements(in: list).dropFirst((number - 1) * pageSize).prefix(pageSize).map(\.id)
        default:
            return []
        }
    }

    private func statements(in list: Page.StatementList) -> [Statement] {
        switch list {
        case .all: return archive.statements
        case .organisation(let id): return archive.statements(by: id)
        case .demand(let id): return archive.statements(raising: id)
        case .tag(let id): return archive.statements(tagged: id)
        }
    }

    private func pagination(_ list: Page.StatementList, number: Int, of total: Int) -> Context {
        var values: Context = ["current": number, "total": total]
        values["previous"] = number > 1 ? list.path(page: number - 1) : nil
        values["next"] = number < total ? list.path(page: number + 1) : nil
        return values
    }

    // MARK: - Statements

    /// What lists and the statement page show of a statement.
    func item(_ statement: Statement) -> Context {
        let strings = theme.strings
        var values: Context = [
            "path": Page.path(of: statement),
            "title": statement.title,
            "date": statement.date.map(strings.format) ?? strings["undated"],
            "kind": strings["kinds.\(statement.kind.rawValue)"],
            "language": statement.language,
            "demands": statement.demands.compactMap { id in
                archive.demands.first { $0.id == id }.map { ["label": $0.label, "path": Page.path(ofDemand: $0.id)] }
            },
            "tags": statement.tags.map { id in
                ["label": archive.tags[id]?.label ?? id, "path": Page.path(ofTag: id)]
            },
            "co_signers": statement.coSigners.compactMap { archive.organisations[$0] }.map(organisationReference),
            "review": statement.review,
        ]
        values["datetime"] = statement.date?.description
        values["organisation"] = statement.organisation.flatMap { archive.organisations[$0] }.map(organisationReference)
        values["author"] = statement.author
        values["publication"] = statement.publication
        values["summary"] = statement.summary
        values["foreign_language"] = statement.language != archive.settings.language
        values["source"] = statement.source.map(sourceValues)
        return values
    }

    private func sourceValues(_ source: Provenance) -> Context {
        var values: Context = [:]
        if let file = source.file {
            values["file"] = file
            if sources.contains(where: { $0.path == Self.publishedPath(ofSource: file) }) {
                values["file_path"] = Self.publishedPath(ofSource: file)
            }
        }
        values["url"] = source.url
        values["captured"] = source.captured
        values["sha256"] = source.sha256
        return values
    }

    /// Where an original capture is published in the site.
    static func publishedPath(ofSource file: String) -> String {
        "sources/" + file
    }

    // MARK: - Organisations and demands

    private func organisationReference(_ organisation: Organisation) -> Context {
        ["name": organisation.name, "path": Page.path(ofOrganisation: organisation.id)]
    }

    private func organisationValues(_ organisation: Organisation) -> Context {
        var values = organisationReference(organisation)
        values["short_name"] = organisation.shortName
        values["kind"] = theme.strings["organisation_kinds.\(organisation.kind.rawValue)"]
        values["country"] = organisation.country
        values["website"] = organisation.website
        values["description"] = organisation.description
        values["recorded"] = organisation.isRecorded
        values["aliases"] = organisation.aliases.isEmpty ? nil : organisation.aliases.joined(separator: ", ")
        return values
    }

    private var demandSummaries: [Context] {
        archive.demands.map(demandSummary)
    }

    private func demandSummary(_ demand: Demand) -> Context {
        var values: Context = [
            "label": demand.label, "path": Page.path(ofDemand: demand.id),
            "statement_count": archive.statements(raising: demand.id).count,
            "organisation_count": archive.organisations(raising: demand.id).count,
        ]
        values["description"] = demand.description
        return values
    }
}
