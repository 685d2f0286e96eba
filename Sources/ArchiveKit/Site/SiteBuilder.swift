import Foundation
import Mustache

/// Turns an archive into the files of its site: a pure function of the archive, the theme and the
/// captured sources, so pages render in parallel and nothing touches the disk until every page is ready.
public struct SiteBuilder: Sendable {
    /// The archive to publish.
    public let archive: Archive
    /// The look of the site.
    public let theme: Theme
    /// Original captures to publish beside the statements, at `sources/…`.
    public let sources: [OutputFile]
    /// How many statements a list page shows before it continues on another page.
    public let pageSize: Int
    /// Where rendered pages are counted, for a progress display.
    var progress: BuildProgress?
    /// Each statement's related statements.
    let related: RelatedStatements
    /// Every page: home, statements, the indexes and each page of each list.
    private(set) var pages: [Page] = []
    /// Each page's path, in the order of `pages`: made once, since a build asks for every one of
    /// them several times.
    private(set) var pagePaths: [String] = []

    /// A builder for one archive.
    public init(archive: Archive, theme: Theme, sources: [OutputFile] = [], pageSize: Int = 100) {
        self.init(archive: archive, theme: theme, sources: sources, pageSize: pageSize, related: nil)
    }

    /// A builder that takes the relations between statements from an earlier build when they
    /// were made from the same statements (see `RelatedStatements.key(of:)`).
    init(archive: Archive, theme: Theme, sources: [OutputFile], pageSize: Int = 100, related known: RelatedStatements?) {
        self.archive = archive
        self.theme = theme
        self.sources = sources
        self.pageSize = max(1, pageSize)
        let key = RelatedStatements.key(of: archive)
        if let known, known.key == key {
            related = known
        } else {
            related = RelatedStatements(archive, key: key)
        }
        pages = allPages()
        pagePaths = pages.concurrentMap(\.path)
    }

    /// Every file of the site, sorted by path.
    ///
    /// Throws `ContentErrors` if a body cannot be rendered or a template is missing.
    public func build() throws -> [OutputFile] {
        var timings = Timings()
        return try build(timings: &timings)
    }

    /// Every file of the site, recording how long each phase took.
    public func build(timings: inout Timings) throws -> [OutputFile] {
        let site = try render(timings: &timings)
        let files = site.pages + site.archiveFiles(timings: &timings)
        return timings.measure("sort") { files.sorted { $0.path < $1.path } }
    }

    /// A site whose pages are rendered and whose files made from the whole archive are still to
    /// be made: they cannot fail, so they can be made while the pages are being written.
    public struct RenderedSite: Sendable {
        /// Pages, theme assets, published sources and `.nojekyll`, in no particular order.
        public let pages: [OutputFile]
        let archive: Archive
        let bodies: [String: CommonMark.Rendering]
        let strings: Strings
        /// The path of every page, for the sitemap.
        let pagePaths: [String]

        /// The files made from every statement at once: the search index under `search/` (unless
        /// the archive turns search off), the Atom feeds, the open data under `data/`,
        /// `robots.txt` and the sitemap.
        public func archiveFiles(timings: inout Timings) -> [OutputFile] {
            archiveFiles(keys: nil, timings: &timings).files.made
        }

        /// The files made from every statement at once; with `keys`, only those whose inputs
        /// changed since the last build, and in the data files only the records of statements
        /// that changed (the others are copied from `data`, the data files the last build wrote).
        /// With `staging`, each kind of file is written into it as soon as it is made, and let go:
        /// the outputs then hold only their paths (`KeyedFiles.written`).
        func archiveFiles(
            keys: OutputKeys?, earlier: EarlierOutputs = EarlierOutputs(), staging: SiteWriter.Staging? = nil,
            timings: inout Timings
        ) -> ArchiveOutputs {
            var outputs = ArchiveOutputs()
            func settle(_ made: [OutputFile]) -> [OutputFile] {
                guard let staging else { return made }
                staging.settle(made)
                outputs.files.written += made.map(\.path)
                return []
            }
            // Search and the data read plain text alone, rendering the bodies the pages did not;
            // feeds render what HTML they lack.
            let texts = BodyTexts(rendered: bodies)
            if archive.settings.search {
                let index = SearchIndex(archive: archive, texts: texts, strings: strings)
                (outputs.files, outputs.search) = index.files(
                    keys: keys, earlier: earlier.search, staging: staging, timings: &timings)
                outputs.files.made = settle(outputs.files.made)
            }
            // One after another, each written (with `staging`) before the next is made: the index's
            // terms, the feeds and the data files are the largest things a build holds, and are
            // never held at once. The pages are rendered on the other cores meanwhile.
            var feeds = timings.measure("feeds") {
                Feeds(archive: archive, bodies: bodies, strings: strings).files(keys: keys, staging: staging)
            }
            feeds.made = settle(feeds.made)
            outputs.files = outputs.files + feeds
            let (files, records, streamed) = timings.measure("open data") {
                OpenData(archive: archive, texts: texts).files(keys: keys, earlier: earlier.data, staging: staging)
            }
            outputs.files.written += streamed
            let data = settle(files + Sitemap(settings: archive.settings, pages: pagePaths).files())
            outputs.files.made += data
            outputs.records = records
            return outputs
        }
    }

    /// What the files made from the whole archive can take from the last build's.
    struct EarlierOutputs: Sendable {
        var search: SearchIndex.Earlier?
        var data: OpenData.Earlier?
    }

    /// The files made from the whole archive, and what the next build needs to take from them.
    struct ArchiveOutputs: Sendable {
        var files = KeyedFiles()
        /// Where each statement's record lies in the data files.
        var records: OpenData.Records?
        /// What the search index was made from.
        var search: SearchIndex.State?
    }

    /// Renders every page, finding every error in the content and the theme.
    ///
    /// Throws `ContentErrors` if a body cannot be rendered or a template is missing.
    public func render(timings: inout Timings) throws -> RenderedSite {
        let bodies = try timings.measure("render bodies") { try renderBodies() }
        let pages = self.pages
        let items = timings.measure("render list items") { renderItems() }
        let rendered = try timings.measure("render pages") { try render(pages, bodies: bodies, items: items) }
        let files = rendered + theme.assets + sources + [Self.noJekyll]
        return RenderedSite(
            pages: files, archive: archive, bodies: bodies, strings: theme.strings, pagePaths: pagePaths)
    }

    /// Tells GitHub Pages to publish the folder as it is.
    static let noJekyll = OutputFile(path: ".nojekyll", text: "")

    /// Renders `pages` in parallel, from the bodies and list items they show.
    func render(_ pages: [Page], bodies: [String: CommonMark.Rendering], items: [String: String]) throws -> [OutputFile] {
        let renderer = self.renderer(for: pages, bodies: bodies, items: items)
        return try Self.rendered(pages.concurrentMap(renderer.render))
    }

    /// The files rendered, or every error found rendering them, together.
    static func rendered<Rendered>(_ results: [Result<Rendered, ContentError>]) throws -> [Rendered] {
        let errors = results.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        guard errors.isEmpty else { throw ContentErrors(Array(Set(errors))) }
        return results.compactMap { try? $0.get() }
    }

    /// What renders `pages` one at a time, in any order and on any core: what the pages share is
    /// made once, here, so that each page can be written as soon as it is rendered.
    func renderer(
        for pages: [Page], bodies: [String: CommonMark.Rendering], items: [String: String],
        evidence: [String: [String: Evidence]] = [:], references: [String: String] = [:],
        entries: [String: String] = [:]
    ) -> PageRenderer {
        progress?.begin(.render, total: pages.count)
        // Many pages are rendered with templates whose `{{root}}` and site values are already in
        // place, one set for each depth; a few are not worth parsing the templates again for.
        // They are parsed on another core while the values are made, one depth after another.
        let roots = pages.count < 200 ? [] : Set(pages.map(\.root)).sorted()
        let (site, theme) = (siteTexts, theme)
        let libraries = roots.isEmpty ? nil : Background {
            Dictionary(uniqueKeysWithValues: roots.compactMap { root in theme.templates(root: root, site: site).map { (root, $0) } })
        }
        let values = fullValues(
            bodies: bodies, items: items, pages: pages, evidence: evidence, references: references, entries: entries)
        return PageRenderer(builder: self, values: values, libraries: libraries?.value ?? [:])
    }

    /// Renders pages one at a time, with the values and templates they share.
    struct PageRenderer: Sendable {
        let builder: SiteBuilder
        let values: StatementValues
        /// The theme's templates with a page depth's root in place, by root.
        let libraries: [String: MustacheLibrary]

        /// The page's file, or the error that kept it from being rendered.
        func render(_ page: Page) -> Result<OutputFile, ContentError> {
            defer { builder.progress?.advance(.render) }
            let context = builder.context(for: page, values: values)
            let library = libraries[page.root] ?? builder.theme.templates
            guard let html = library.render(context, withTemplate: page.template) else {
                return .failure(ContentError(file: "theme/templates", reason: .missingTemplate(page.template)))
            }
            return .success(OutputFile(path: page.path, text: html))
        }
    }

    /// Every statement as a list shows it, rendered once by the theme's `statement-item` template,
    /// by statement id, with `rootMarker` where the page's `root` goes; empty when the theme has no
    /// such template. A list page puts its own root in place of the marker instead of rendering the
    /// same item on every page that lists the statement.
    func renderItems() -> [String: String] {
        renderItems(of: archive.statements)
    }

    /// The list items of some statements.
    func renderItems(of statements: [Statement]) -> [String: String] {
        guard has("statement-item") else { return [:] }
        return renderedApart("statement-item", of: statements, values: item, droppingFinalLineBreak: true)
    }

    /// Some statements' references as the theme's `reference` partial renders them, by statement
    /// id, with `rootMarker` where the page's `root` goes; empty when the theme has no organisation
    /// matrix pages, the only pages that insert them. A statement raising several demands is
    /// listed under each on its organisations' matrix pages, and rendered once.
    func renderReferences(of statements: [Statement]) -> [String: String] {
        guard has("reference") && has("matrix-organisation") else { return [:] }
        return renderedApart("reference", of: statements, values: reference)
    }

    /// Some statements' entries on their years' timeline pages as the theme's `timeline-entry`
    /// partial renders them, without its final line break, by statement id, with `rootMarker`
    /// where the page's `root` goes; empty when the theme has no year pages.
    func renderEntries(of statements: [Statement]) -> [String: String] {
        guard has("timeline-entry") && has("timeline-year") else { return [:] }
        return renderedApart("timeline-entry", of: statements, values: reference, droppingFinalLineBreak: true)
    }

    /// `html` without its final line break, if it ends in one: a list item or a timeline entry is
    /// inserted in a line of its page.
    static func withoutFinalLineBreak(_ html: String) -> String {
        html.hasSuffix("\n") ? String(html.dropLast()) : html
    }

    /// The partial `template` rendered for each of some statements, from the values `values`
    /// gives, on all cores, by statement id, with `rootMarker` where a page's `root` goes.
    private func renderedApart(
        _ template: String, of statements: [Statement], values: @Sendable (Statement) -> Context,
        droppingFinalLineBreak: Bool = false
    ) -> [String: String] {
        let rendered = statements.concurrentMap { statement -> String in
            let html = renderedPartial(template, values: values(statement), root: Self.rootMarker) ?? ""
            return droppingFinalLineBreak ? Self.withoutFinalLineBreak(html) : html
        }
        return Dictionary(uniqueKeysWithValues: zip(statements.map(\.id), rendered))
    }

    /// Stands for `root` in a rendered list item: control characters that no value can hold, since
    /// front matter and vocabularies are text.
    static let rootMarker = "\u{1}root\u{1}"

    /// Every statement body as HTML, by statement id.
    func renderBodies() throws -> [String: CommonMark.Rendering] {
        try renderBodies(of: archive.statements)
    }

    /// Some statements' bodies as HTML, by statement id; as plain text alone (an empty `html`)
    /// when `html` is false.
    func renderBodies(of statements: [Statement], html: Bool = true) throws -> [String: CommonMark.Rendering] {
        let results = statements.concurrentMap { statement -> Result<CommonMark.Rendering, ContentError> in
            do {
                return .success(try CommonMark.render(statement.passingBody, html: html))
            } catch {
                return .failure(ContentError(file: statement.file, reason: .markdown("\(error)")))
            }
        }
        var bodies: [String: CommonMark.Rendering] = [:]
        var errors: [ContentError] = []
        for (statement, result) in zip(statements, results) {
            switch result {
            case .success(let rendering): bodies[statement.id] = rendering
            case .failure(let error): errors.append(error)
            }
        }
        guard errors.isEmpty else { throw ContentErrors(errors) }
        return bodies
    }

    /// Every page: home, statements, the browse indexes and each paginated list.
    private func allPages() -> [Page] {
        var pages: [Page] = [.home, .organisations, .demands, .tags]
        // Pages a theme may leave out, by leaving out their templates.
        for page in [Page.matrix, .timeline, .data] where theme.templates.getTemplate(named: page.template) != nil {
            pages.append(page)
        }
        if has("matrix") && has("matrix-organisation") {
            pages += matrixOrganisations.map { Page.matrixOrganisation($0.id) }
        }
        if has("timeline") && has("timeline-year") {
            pages += Set(archive.statements.compactMap { $0.date?.year }).sorted().map(Page.timelineYear)
        }
        if archive.settings.search { pages.append(.search) }
        if theme.templates.getTemplate(named: "404") != nil { pages.append(.notFound) }
        pages += archive.statements.map(Page.statement)
        pages += paginated(.all, count: archive.statements.count)
        for organisation in archive.organisationsByName {
            pages += paginated(.organisation(organisation.id), count: archive.statements(by: organisation.id).count)
        }
        for demand in archive.demands {
            pages += paginated(.demand(demand.id), count: archive.statements(raising: demand.id).count)
        }
        for tag in archive.tagsByLabel {
            pages += paginated(.tag(tag.id), count: archive.statements(tagged: tag.id).count)
        }
        return pages
    }

    /// Whether the theme has a template.
    func has(_ template: String) -> Bool {
        theme.templates.getTemplate(named: template) != nil
    }

    private func paginated(_ list: Page.StatementList, count: Int) -> [Page] {
        let total = max(1, (count + pageSize - 1) / pageSize)
        return (1...total).map { Page.list(list, number: $0, of: total) }
    }
}
