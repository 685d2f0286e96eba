/// The values templates see. Every path is relative to the site's root; templates put `{{root}}` before it.
/// `docs/theme.md` lists them.
extension SiteBuilder {
    typealias Context = [String: Any]

    /// How a page's values show statements: in full, to render the page, or as digests, to tell
    /// whether the page changed without building every listed statement's values.
    struct StatementValues: Sendable {
        /// A statement's own values.
        var item: @Sendable (Statement) -> Context
        /// A statement's body as HTML, with the demands whose evidence it marks.
        var body: @Sendable (Statement) -> (html: String, marked: Set<String>)
        /// The sentence in which a statement raises a demand, as HTML, its phrase marked.
        var evidence: @Sendable (Statement, Demand) -> String?
        /// A statement as a list shows it, on a page whose root is given.
        var listed: @Sendable (Statement, _ root: String) -> Context
    }

    /// The values in full, from rendered bodies and list items (see `renderItems`).
    func fullValues(bodies: [String: CommonMark.Rendering], items: [String: String]) -> StatementValues {
        StatementValues(
            item: { self.item($0) },
            body: { statement in
                // Each demand's evidence marked in the text, for the demand's link to point at.
                var html = bodies[statement.id]?.html ?? ""
                var marked: Set<String> = []
                for demand in self.demands(of: statement) {
                    guard let evidence = self.evidence(of: demand, in: statement, bodies: bodies),
                        let with = evidence.mark(in: html, id: "evidence-" + demand.id)
                    else { continue }
                    html = with
                    marked.insert(demand.id)
                }
                return (html, marked)
            },
            evidence: { statement, demand in self.evidence(of: demand, in: statement, bodies: bodies)?.html },
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
            let body = statementValues.body(statement)
            values["body"] = body.html
            values["demands"] = demands(of: statement).map { demand in
                var values: Context = ["label": demand.label, "path": Page.path(ofDemand: demand.id)]
                values["evidence"] = body.marked.contains(demand.id) ? "evidence-" + demand.id : nil
                return values
            }
            let citation = Citation(statement, archive: archive, strings: theme.strings)
            values["cite"] = ["chicago": citation.chicago, "apa": citation.apa, "bibtex": citation.bibtex]
            values["json_ld"] = LinkedData(statement, archive: archive).script
            values["address"] = archive.settings.baseURL.map { $0 + "statements/\(statement.id)/" }
            values["related"] = (related.related[statement.id] ?? []).map(listed)
            values["publisher"] = statement.organisation.flatMap { archive.organisations[$0]?.name }
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
        case .matrix:
            context["page_title"] = theme.strings["matrix"]
            context.merge(matrix) { _, new in new }
        case .timeline:
            context["page_title"] = theme.strings["timeline"]
            context.merge(timeline) { _, new in new }
        case .data:
            context["page_title"] = theme.strings["data"]
            context["count"] = archive.statements.count
            context["base_url"] = archive.settings.baseURL
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
                if !statements.isEmpty { context["feed"] = feed(list, title: organisation.name) }
                context["organisation"] = organisationValues(organisation)
                context["demands"] = archive.demands(raisedBy: id).map { entry in
                    ["label": entry.demand.label, "path": Page.path(ofDemand: entry.demand.id), "count": entry.count]
                }
                context["page_title"] = organisation.name
            case .demand(let id):
                let demand = archive.demands.first { $0.id == id }
                context["demand"] = demand.map(demandSummary)
                if !statements.isEmpty { context["feed"] = feed(list, title: demand?.label ?? id) }
                // Under each statement, the sentence that raises the demand.
                if let demand {
                    let shown = statements.dropFirst((number - 1) * pageSize).prefix(pageSize)
                    context["statements"] = shown.map { statement -> Context in
                        var values = listed(statement)
                        values["evidence_html"] = statementValues.evidence(statement, demand)
                        return values
                    }
                }
                context["organisations"] = archive.organisations(raising: id).map(organisationReference)
                context["page_title"] = demand?.label
            case .tag(let id):
                let label = archive.tags[id]?.label ?? id
                context["tag"] = ["label": label]
                if !statements.isEmpty { context["feed"] = feed(list, title: label) }
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
        case .matrix: return "matrix"
        case .timeline: return "timeline"
        case .data: return "data"
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
        case .statement(let statement):
            return (related.related[statement.id] ?? []).map(\.id)
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

    /// A list's feed, beside its first page.
    private func feed(_ list: Page.StatementList, title: String) -> Context {
        ["path": list.folder + "/feed.xml", "title": title]
    }

    // MARK: - Statements

    /// A statement's demands, in vocabulary order.
    func demands(of statement: Statement) -> [Demand] {
        statement.demands.compactMap { id in archive.demands.first { $0.id == id } }
    }

    /// Where a statement raises a demand, from its rendered body's text.
    func evidence(of demand: Demand, in statement: Statement, bodies: [String: CommonMark.Rendering]) -> Evidence? {
        Evidence(of: demand, in: statement, text: bodies[statement.id]?.plainText ?? "")
    }

    /// A statement as the matrix and the timeline list it: a link with its date and organisation.
    private func reference(_ statement: Statement) -> Context {
        var values: Context = [
            "title": statement.title, "path": Page.path(of: statement),
            "date": statement.date.map(theme.strings.format) ?? theme.strings["undated"],
        ]
        values["datetime"] = statement.date?.description
        values["organisation"] = statement.organisation.flatMap { archive.organisations[$0]?.name }
        values["month_only"] = statement.date.map { $0.day == nil }
        return values
    }

    // MARK: - Who demands what, and when

    /// The matrix page's values: `demands` (the columns), `rows` (an organisation and, per demand,
    /// a cell with its count and anchor) and `details` (per organisation, the statements behind each cell).
    private var matrix: Context {
        let columns = archive.demands.filter { !archive.statements(raising: $0.id).isEmpty }
        var rows: [Context] = []
        var details: [Context] = []
        for organisation in archive.organisationsByName {
            let statements = archive.statements(by: organisation.id)
            let raised = columns.map { demand in statements.filter { $0.demands.contains(demand.id) } }
            guard raised.contains(where: { !$0.isEmpty }) else { continue }
            let anchor = { (demand: Demand) in "o-\(organisation.id)--\(demand.id)" }
            rows.append([
                "name": organisation.name, "path": Page.path(ofOrganisation: organisation.id),
                "cells": zip(columns, raised).map { demand, statements -> Context in
                    var cell: Context = ["demand": demand.label, "count": statements.count]
                    if !statements.isEmpty { cell["anchor"] = anchor(demand) }
                    return cell
                },
            ])
            details.append([
                "name": organisation.name, "path": Page.path(ofOrganisation: organisation.id),
                "anchor": "o-\(organisation.id)",
                "demands": zip(columns, raised).filter { !$0.1.isEmpty }.map { demand, statements -> Context in
                    ["label": demand.label, "anchor": anchor(demand), "statements": statements.map(reference)]
                },
            ])
        }
        return [
            "demands": columns.map { ["label": $0.label, "path": Page.path(ofDemand: $0.id)] },
            "rows": rows, "details": details,
        ]
    }

    /// The timeline page's values: the chart, each month with statements, and the undated statements.
    private var timeline: Context {
        let timeline = Timeline(archive)
        let strings = theme.strings
        return [
            "chart": timeline.months.isEmpty ? "" : timeline.svg(strings: strings),
            "months": timeline.months.filter { !$0.statements.isEmpty }.map { month -> Context in
                [
                    "anchor": month.anchor, "label": timeline.monthName(month, strings: strings),
                    "count": Timeline.counted(month.statements.count, strings: strings),
                    "statements": month.statements.map(reference),
                ]
            },
            "undated": timeline.undated.map(reference),
        ]
    }

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
