import Foundation

/// `archive build`: load and validate everything, render every page, then write the site in one step.
public struct SiteBuild: Sendable {
    /// What a finished build did.
    public struct Report: Sendable {
        /// The archive that was published.
        public var archive: Archive
        /// Warnings found while loading, sorted by file.
        public var warnings: [ContentError]
        /// Drafts left out.
        public var draftsLeftOut: Int
        /// How many files the site has.
        public var fileCount: Int
        /// How long each phase took.
        public var timings: Timings
    }

    /// The archive's root folder.
    public var root: URL
    /// Where the site goes; `<root>/site` by default.
    public var output: URL
    /// Whether drafts are published.
    public var includeDrafts: Bool
    /// Where the build shows how far it has got, if anywhere.
    public var progress: BuildProgress?

    /// A build of the archive at `root` into `output`.
    public init(root: URL, output: URL? = nil, includeDrafts: Bool = false) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("site")).standardizedFileURL
        self.includeDrafts = includeDrafts
    }

    /// Every file of the site, without writing anything. Throws `ContentErrors` listing every problem.
    public func files() throws -> (files: [OutputFile], loaded: ArchiveLoader.Loaded) {
        var timings = Timings()
        return try files(timings: &timings)
    }

    /// Every file of the site, recording how long each phase took.
    public func files(timings: inout Timings) throws -> (files: [OutputFile], loaded: ArchiveLoader.Loaded) {
        let (builder, loaded) = try load(timings: &timings)
        return (try builder.build(timings: &timings), loaded)
    }

    /// Builds and writes the site; the output folder is left as it was if anything fails.
    ///
    /// Every page is rendered, and so every error found, before anything is written. The search
    /// index, which cannot fail, is built while the pages are written, on the cores that writing
    /// leaves idle.
    @discardableResult
    public func run() throws -> Report {
        var timings = Timings()
        let (builder, loaded) = try load(timings: &timings)
        let site = try builder.render(timings: &timings)
        let index = Background {
            var timings = Timings()
            let files = site.searchIndex(timings: &timings)
            return (files: files, timings: timings)
        }
        try timings.measure("write") {
            var writer = SiteWriter(output: output, root: root)
            writer.progress = progress
            try writer.write(site.pages, then: { index.value.files })
        }
        timings.append(index.value.timings, suffix: " (during write)")
        return Report(
            archive: loaded.archive, warnings: loaded.warnings, draftsLeftOut: loaded.draftsLeftOut,
            fileCount: site.pages.count + index.value.files.count, timings: timings)
    }

    /// Loads the content and the theme.
    private func load(timings: inout Timings) throws -> (SiteBuilder, ArchiveLoader.Loaded) {
        var loader = ArchiveLoader(root: root, includeDrafts: includeDrafts)
        loader.progress = progress
        let loaded = try timings.measure("load content") { try loader.load() }
        let theme = try timings.measure("load theme") {
            try Theme(
                folder: root.appendingPathComponent("theme"), language: loaded.archive.settings.language,
                displayRoot: root)
        }
        var builder = SiteBuilder(archive: loaded.archive, theme: theme, sources: sourceFiles(of: loaded.archive))
        builder.progress = progress
        return (builder, loaded)
    }

    /// The original captures the statements cite, published under `sources/`.
    private func sourceFiles(of archive: Archive) -> [OutputFile] {
        let paths = Set(archive.statements.compactMap(\.source?.file))
        return paths.sorted().compactMap { path in
            FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map {
                OutputFile(path: SiteBuilder.publishedPath(ofSource: path), contents: $0)
            }
        }
    }
}
