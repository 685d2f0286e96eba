import Mustache

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
        var listed: @Sendable (Statement, _ root: String) -> Listed
        /// A statement's item as the theme renders it, on a page whose root is given.
        var itemHTML: @Sendable (Statement, _ root: String) -> String?
        /// A statement as the matrix and the timeline list it.
        var reference: @Sendable (Statement) -> Context
        /// A statement's reference as the theme renders it, on a page whose root is given, when
        /// rendered before the page (see `renderReferences`).
        var referenceHTML: @Sendable (Statement, _ root: String) -> String? = { _, _ in nil }
        /// A statement's entry on its year's timeline page as the theme renders it, on a page
        /// whose root is given, when rendered before the page (see `renderEntries`).
        var entryHTML: @Sendable (Statement, _ root: String) -> String? = { _, _ in nil }
        /// Whether the values are for rendering; otherwise they are for a page's key, and values
        /// made only from a statement's own values and the settings may be left out.
        var full = true
        /// The evidence the values show, found or given, by statement id and demand id.
        var evidenceFound: [String: [String: Evidence]] = [:]
    }

    /// A statement as a list shows it: its own values, made once for every list that shows it,
    /// and what this list adds to them.
    struct Listed: MustacheParent {
        /// Its own values, made when a template first asks for one: a list's template may show
        /// its rendered item alone.
        private let own: OwnValues
        /// Its item as the theme renders it, for the page's root.
        var itemHTML: String?
        /// On a demand's page, the sentence in which it raises the demand.
        var evidenceHTML: String?
        /// A partial rendered apart from the page, and the name the page inserts it by: on an
        /// organisation's matrix page its reference (`reference_html`), on its year's timeline
        /// page its entry (`entry_html`).
        var apart: (name: String, html: String)?

        init(
            values: @escaping () -> Context, itemHTML: String? = nil, evidenceHTML: String? = nil,
            apart: (name: String, html: String)? = nil
        ) {
            own = OwnValues(values)
            self.itemHTML = itemHTML
            self.evidenceHTML = evidenceHTML
            self.apart = apart
        }

        init(values: Context, itemHTML: String? = nil) {
            self.init(values: { values }, itemHTML: itemHTML)
        }

        var values: Context { own.values }

        /// Values made once, the first time they are read; a page is rendered on one thread.
        private final class OwnValues {
            private let make: () -> Context
            private(set) lazy var values: Context = make()
            init(_ make: @escaping () -> Context) { self.make = make }
        }

        func child(named name: String) -> Any? {
            if let apart, apart.name == name { return apart.html }
            switch name {
            case "item_html": return itemHTML
            case "evidence_html": return evidenceHTML
            default: return values[name]
            }
        }

        /// The names of its values: its own, and `item_html`, `evidence_html` and the partial
        /// rendered apart when it has them, in place of any of its own by those names.
        var names: [String] {
            let added = [itemHTML.map { _ in "item_html" }, evidenceHTML.map { _ in "evidence_html" }, apart?.name]
                .compactMap { $0 }
            return values.keys.filter { $0 != "item_html" && $0 != "evidence_html" && !added.contains($0) } + added
        }
    }

    /// Values made once and then read from both cores. A context holds only texts, numbers, flags
    /// and arrays and dictionaries of them: values, never changed once made.
    struct Made: @unchecked Sendable {
        let context: Context
        init(_ context: Context) { self.context = context }
    }

    /// The values in full, from rendered bodies and list items (see `renderItems`).
    ///
    /// `pages` are the pages the values are for, when known: the evidence is found only for the
    /// statements they show. `evidence` holds evidence found before, by statement id, for
    /// statements whose bodies were not rendered.
    func fullValues(
        bodies: [String: CommonMark.Rendering], items: [String: String], pages: [Page]? = nil,
        evidence known: [String: [String: Evidence]] = [:], references: [String: String] = [:],
        entries: [String: String] = [:]
    ) -> StatementValues {
        // Pages that include every statement's own page show every statement (a whole site):
        // no sets of the statements shown are made then, at 100,000 statements a tenth of a second.
        let statementPages = pages?.reduce(0) { count, page in
            if case .statement = page { count + 1 } else { count }
        }
        let pages = statementPages == archive.statements.count ? nil : pages
        // The evidence of the statements the pages show, each body's text folded once.
        let shown = pages.map { pages in
            Set(pages.flatMap { page -> [String] in
                switch page {
                case .statement(let statement): [statement.id]
                case .list(.demand, _, _): statementIDs(listedOn: page)
                default: []
                }
            })
        }
        let evidenced = archive.statements.filter {
            bodies[$0.id] != nil && !$0.demands.isEmpty && shown?.contains($0.id) != false
        }
        let found = evidenced.concurrentMap { statement in
            Evidence.all(for: statement, demands: demands(of: statement), text: bodies[statement.id]?.plainText ?? "")
        }
        let evidence = known.merging(zip(evidenced.map(\.id), found)) { _, new in new }
        // Each item cut where its root goes, and the values of each statement the pages show, once
        // for the many lists that show it.
        let parts = items.mapValues { SiteBuilder.split($0, at: SiteBuilder.rootMarker) }
        let referenceParts = references.mapValues { SiteBuilder.split($0, at: SiteBuilder.rootMarker) }
        let entryParts = entries.mapValues { SiteBuilder.split($0, at: SiteBuilder.rootMarker) }
        // Lists make a statement's values only if their templates ask for one (see `Listed`).
        let valued = pages.map { pages in
            Set(pages.compactMap { page -> String? in
                if case .statement(let statement) = page { statement.id } else { nil }
            })
        }
        let listedStatements = archive.statements.filter { valued?.contains($0.id) != false }
        let values = Dictionary(
            uniqueKeysWithValues: zip(listedStatements.map(\.id), listedStatements.concurrentMap { Made(self.item($0)) }))
        let item = { @Sendable (statement: Statement) in values[statement.id]?.context ?? self.item(statement) }
        return StatementValues(
            item: item,
            body: { statement in
                // Each demand's evidence marked in the text, for the demand's link to point at.
                let html = bodies[statement.id]?.html ?? ""
                let found = self.demands(of: statement).compactMap { demand in
                    evidence[statement.id]?[demand.id].map { (id: "evidence-" + demand.id, evidence: $0) }
                }
                let marked = Evidence.mark(found, in: html)
                return (marked.html, Set(marked.placed.map { String($0.dropFirst("evidence-".count)) }))
            },
            evidence: { statement, demand in evidence[statement.id]?[demand.id]?.html },
            listed: { statement, root in Listed(values: { item(statement) }, itemHTML: parts[statement.id]?.joined(separator: root)) },
            itemHTML: { statement, root in parts[statement.id]?.joined(separator: root) },
            reference: { self.reference($0) },
            referenceHTML: { statement, root in referenceParts[statement.id]?.joined(separator: root) },
            entryHTML: { statement, root in entryParts[statement.id]?.joined(separator: root) },
            evidenceFound: evidence)
    }

    /// The pieces of `text` between occurrences of `marker`, found byte by byte.
    static func split(_ text: String, at marker: String) -> [String] {
        let bytes = Array(text.utf8), needle = Array(marker.utf8)
        guard let head = needle.first else { return [text] }
        var pieces: [String] = []
        var start = 0, index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == head && bytes[index..<index + needle.count].elementsEqual(needle) {
                pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += needle.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }

    func context(for page: Page, bodies: [String: CommonMark.Rendering], items: [String: String] = [:]) -> Context {
        context(for: page, values: fullValues(bodies: bodies, items: items))
    }

    func context(for page: Page, values statementValues: StatementValues) -> Context {
        let root = page.root
        let listed = { (statement: Statement) in statementValues.listed(statement, root) }
        var context = everywhere
        context["root"] = root
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
            if statementValues.full {
                let citation = Citation(statement, archive: archive, strings: theme.strings)
                values["cite"] = ["chicago": citation.chicago, "apa": citation.apa, "bibtex": citation.bibtex]
                values["json_ld"] = LinkedData(statement, archive: archive).script
            } else {
                // What the citations and the linked data read besides the statement's values and the settings.
                values["cite"] = [statement.kind.rawValue, statement.evidence.isEmpty ? "" : "e"]
                    + statement.signatories.map { archive.organisations[$0]?.website ?? "" }
            }
            values["address"] = archive.settings.baseURL.map { $0 + "statements/\(statement.id)/" }
            // As lists show them: their items, and their titles and paths for themes without items.
            values["related"] = related.statements(relatedTo: statement.id, in: archive).map { related -> Context in
                var values: Context = ["title": related.title, "path": Page.path(of: related)]
                values["item_html"] = statementValues.itemHTML(related, root)
                return values
            }
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
        case .matrixOrganisation(let id):
            let organisation = archive.organisations[id] ?? Organisation(id: id, name: id)
            context["page_title"] = organisation.name
            context["organisation"] = organisationReference(organisation)
            let statements = archive.statements(by: id)
            // A statement is listed under each demand it raises: its reference is made, and
            // rendered by the theme's `reference` partial, once.
            let rendering = statementValues.full && has("reference")
            let shared = everywhere
            let references = statements.map { statement -> (values: Listed, html: String?) in
                guard !statement.demands.isEmpty else { return (Listed(values: [:]), nil) }
                return insertedApart(
                    "reference_html", kept: rendering ? statementValues.referenceHTML(statement, root) : nil,
                    values: { statementValues.reference(statement) },
                    render: rendering ? { renderedPartial("reference", values: $0, root: root, everywhere: shared) } : nil)
            }
            context["demands"] = matrixColumns.compactMap { demand -> Context? in
                let raising = statements.indices.filter { statements[$0].demands.contains(demand.id) }
                guard !raising.isEmpty else { return nil }
                var section: Context = [
                    "label": demand.label, "path": Page.path(ofDemand: demand.id), "anchor": "d-" + demand.id,
                    "statements": raising.map { references[$0].values },
                ]
                // All of them at once: inserting thousands one by one is most of a large page's time.
                if rendering { section["references_html"] = raising.compactMap { references[$0].html }.joined() }
                return section
            }
        case .timeline:
            context["page_title"] = theme.strings["timeline"]
            context.merge(timeline(reference: statementValues.reference)) { _, new in new }
        case .timelineYear(let year):
            context["page_title"] = "\(theme.strings["timeline"]): \(year)"
            context["year"] = year
            let timeline = Timeline(archive)
            // Each statement's entry is rendered once by the theme's `timeline-entry` partial, or
            // kept from the last build, and each month's are inserted at once (as on the matrix).
            let rendering = statementValues.full && has("timeline-entry")
            let shared = everywhere
            context["months"] = timeline.months.filter { $0.year == year && !$0.statements.isEmpty }.map { month -> Context in
                var values: Context = [
                    "anchor": month.anchor, "label": timeline.monthName(month, strings: theme.strings),
                    "count": Timeline.counted(month.statements.count, strings: theme.strings),
                ]
                guard rendering else {
                    values["statements"] = month.statements.map(statementValues.reference)
                    return values
                }
                let entries = month.statements.map { statement in
                    insertedApart(
                        "entry_html", kept: statementValues.entryHTML(statement, root),
                        values: { statementValues.reference(statement) },
                        render: { values in
                            renderedPartial("timeline-entry", values: values, root: root, everywhere: shared)
                                .map(SiteBuilder.withoutFinalLineBreak)
                        })
                }
                values["statements"] = entries.map(\.values)
                values["entries_html"] = entries.compactMap(\.html).joined()
                return values
            }
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
                    context["statements"] = shown.map { statement -> Listed in
                        var values = listed(statement)
                        values.evidenceHTML = statementValues.evidence(statement, demand)
                        return values
                    }
                }
                // The organisations raising it, on the first page: on every page, they would make
                // each page grow with the archive.
                context["organisations"] = number == 1 ? archive.organisations(raising: id).map(organisationReference) : []
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

    /// `values` as the partial `template` renders them on its own, on a page whose root is given,
    /// seeing them with the values every page has (`everywhere`, which a caller rendering many can
    /// make once): the `statement-item` of a list, the `reference` of the matrix.
    func renderedPartial(_ template: String, values: Context, root: String, everywhere: Context? = nil) -> String? {
        var context = values.merging(everywhere ?? self.everywhere) { own, _ in own }
        context["root"] = root
        return theme.templates.render(context, withTemplate: template)
    }

    /// The values every page and every list item sees: `site`, `t` and `search`.
    var everywhere: Context {
        ["site": site, "t": theme.strings, "search": archive.settings.search]
    }

    /// The site's values that are texts, which templates may have in place of `{{site.name}}`.
    var siteTexts: [String: String] {
        site.compactMapValues { $0 as? String }
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
        case .matrix, .matrixOrganisation: return "matrix"
        case .timeline, .timelineYear: return "timeline"
        case .data: return "data"
        case .notFound: return "not-found"
        case .statement, .list(.all, _, _): return "statements"
        case .organisations, .list(.organisation, _, _): return "organisations"
        case .demands, .list(.demand, _, _): return "demands"
        case .tags, .list(.tag, _, _): return "tags"
        }
    }

    /// The statements whose references a page shows, rendered by the theme's `reference`
    /// partial (see `renderReferences`), by id: those of an organisation's matrix page.
    func statementIDs(referencedOn page: Page) -> [String] {
        guard case .matrixOrganisation(let id) = page else { return [] }
        return archive.statements(by: id).filter { !$0.demands.isEmpty }.map(\.id)
    }

    /// A statement as a page inserts it through a partial rendered apart, by `name`
    /// (`reference_html`, `entry_html`): the HTML kept or rendered before the page, when there is
    /// one, without making the statement's values unless a template asks for one; otherwise its
    /// values, with the partial rendered from them by `render`, when the page is rendered.
    private func insertedApart(
        _ name: String, kept: String?, values: @escaping () -> Context, render: ((Context) -> String?)?
    ) -> (values: Listed, html: String?) {
        if let kept { return (Listed(values: values, apart: (name, kept)), kept) }
        var made = values()
        let html = render?(made)
        made[name] = html
        return (Listed(values: made), html)
    }

    /// The statements whose timeline entries a page shows, rendered by the theme's
    /// `timeline-entry` partial (see `renderEntries`), by id: those of a year's timeline page.
    func statementIDs(enteredOn page: Page) -> [String] {
        guard case .timelineYear(let year) = page else { return [] }
        return Timeline(archive).months.filter { $0.year == year }.flatMap { $0.statements.map(\.id) }
    }

    /// The statements a page lists, by id.
    func statementIDs(listedOn page: Page) -> [String] {
        switch page {
        case .home:
            return archive.statements.prefix(archive.settings.latestCount).map(\.id)
        case .list(let list, let number, _):
            return statements(in: list).dropFirst((number - 1) * pageSize).prefix(pageSize).map(\.id)
        case .statement(let statement):
            return related.ids(relatedTo: statement.id, in: archive)
        default:
            return []
        }
    }

    func statements(in list: Page.StatementList) -> [Statement] {
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

    /// A statement as the matrix and the timeline list it: a link with its date and organisation.
    func reference(_ statement: Statement) -> Context {
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

    /// The matrix's columns: the demands some statement raises.
    var matrixColumns: [Demand] {
        archive.demands.filter { !archive.statements(raising: $0.id).isEmpty }
    }

    /// The matrix's rows: the organisations that raise some demand.
    var matrixOrganisations: [Organisation] {
        archive.organisationsByName.filter { !archive.demands(raisedBy: $0.id).isEmpty }
    }

    /// The matrix page's values: `demands` (the columns) and `rows` (an organisation and, per
    /// demand, a cell with its count and, when not 0, the path of the organisation's statements
    /// raising it, on the organisation's matrix page).
    private var matrix: Context {
        let columns = matrixColumns
        let detailed = has("matrix-organisation")
        let rows = matrixOrganisations.map { organisation -> Context in
            let counts = Dictionary(uniqueKeysWithValues: archive.demands(raisedBy: organisation.id).map { ($0.demand.id, $0.count) })
            return [
                "name": organisation.name, "path": Page.path(ofOrganisation: organisation.id),
                "cells": columns.map { demand -> Context in
                    let count = counts[demand.id] ?? 0
                    var cell: Context = ["demand": demand.label, "count": count]
                    if count > 0 {
                        cell["target"] = detailed
                            ? Page.matrixOrganisation(organisation.id).path + "#d-" + demand.id
                            : Page.path(ofOrganisation: organisation.id)
                    }
                    return cell
                },
            ]
        }
        return ["demands": columns.map { ["label": $0.label, "path": Page.path(ofDemand: $0.id)] }, "rows": rows]
    }

    /// The timeline page's values: the chart, each month with statements (its count and the path
    /// of its list on its year's page), and the undated statements, each as `reference` gives it.
    private func timeline(reference: (Statement) -> Context) -> Context {
        let timeline = Timeline(archive)
        let strings = theme.strings
        let detailed = has("timeline-year")
        return [
            "chart": timeline.months.isEmpty ? "" : timeline.svg(strings: strings, link: { month in
                detailed ? Page.timelineYear(month.year).path + "#" + month.anchor : nil
            }),
            "years": Set(timeline.months.map(\.year)).sorted().map { year -> Context in
                [
                    "year": year, "path": Page.timelineYear(year).path,
                    "months": timeline.months.filter { $0.year == year && !$0.statements.isEmpty }.map { month -> Context in
                        var values: Context = [
                            "label": timeline.monthName(month, strings: strings),
                            "count": Timeline.counted(month.statements.count, strings: strings),
                        ]
                        values["target"] = detailed ? Page.timelineYear(month.year).path + "#" + month.anchor : nil
                        return values
                    },
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
