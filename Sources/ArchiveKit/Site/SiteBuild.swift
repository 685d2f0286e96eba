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
        let loaded = try timings.measure("load content") { try ArchiveLoader(root: root, includeDrafts: includeDrafts).load() }
        let theme = try timings.measure("load theme") {
            try Theme(
                folder: root.appendingPathComponent("theme"), language: loaded.archive.settings.language,
                displayRoot: root)
        }
        let builder = SiteBuilder(archive: loaded.archive, theme: theme, sources: sourceFiles(of: loaded.archive))
        return (try builder.build(timings: &timings), loaded)
    }

    /// Builds and writes the site; the output folder is left as it was if anything fails.
    @discardableResult
    public func run() throws -> Report {
        var timings = Timings()
        let (files, loaded) = try files(timings: &timings)
        try timings.measure("write") { try SiteWriter(output: output, root: root).write(files) }
        return Report(
            archive: loaded.archive, warnings: loaded.warnings, draftsLeftOut: loaded.draftsLeftOut,
            fileCount: files.count, timings: timings)
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
