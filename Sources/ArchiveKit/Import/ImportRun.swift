import Crypto
import Foundation

/// `archive import`: turns raw captures into statement files, one line of report per capture.
public struct ImportRun: Sendable {
    /// What happened to one capture.
    public struct Outcome: Sendable, Equatable {
        /// What was done.
        public enum Action: Sendable, Equatable {
            /// Written (or, in a dry run, would be written) to `path`.
            case imported(path: String)
            /// Already imported: the statement at `path` has the same source hash.
            case alreadyImported(path: String)
            /// Not imported, for the reason given.
            case failed(String)
        }

        /// The capture, as given.
        public var input: String
        /// What was done.
        public var action: Action
        /// What the importer found, when it got that far.
        public var statement: ImportedStatement?
        /// Things a person should know, such as an issuer with no record.
        public var warnings: [String] = []
        /// The Markdown file written, or that a dry run would write.
        public var file: String?

        /// One line for the terminal.
        public var line: String {
            switch action {
            case .failed(let reason):
                return "\(input): error: \(reason); skipped"
            case .alreadyImported(let path):
                return "\(input): already imported as \(path); skipped"
            case .imported(let path):
                guard let statement else { return path }
                var parts = ["\(path) ← \(input)", "“\(statement.title)”", statement.date?.description ?? "undated",
                             statement.organisation ?? "organisation unknown"]
                parts.append(statement.demands.isEmpty ? "no demands" : "demands: " + statement.demands.joined(separator: ", "))
                if !statement.review.isEmpty { parts.append("review: " + statement.review.joined(separator: ", ")) }
                return parts.joined(separator: " · ")
            }
        }
    }

    /// The archive's root.
    public var root: URL
    /// Replace existing statement files.
    public var force: Bool
    /// Report without writing.
    public var dryRun: Bool

    /// An import into the archive at `root`.
    public init(root: URL, force: Bool = false, dryRun: Bool = false) {
        self.root = root.standardizedFileURL
        self.force = force
        self.dryRun = dryRun
    }

    /// Imports every file named, every visible file inside every folder named (in name order), and
    /// every `http://` or `https://` address, fetched with `fetcher`.
    public func run(paths: [String], fetcher: PageFetcher = PageFetcher()) async throws -> [Outcome] {
        let vocabulary = try VocabularyFiles(root: root).load()
        let importer = StatementImporter(vocabulary: vocabulary, rules: try ImportRules.load(root: root))
        var known = try existingHashes()
        var outcomes: [Outcome] = []
        for input in expand(paths) {
            var outcome: Outcome
            if Self.isAddress(input) {
                outcome = await importAddress(input, importer: importer, known: known, fetcher: fetcher)
            } else {
                outcome = importOne(input, importer: importer, known: known)
            }
            if let organisation = outcome.statement?.organisation, vocabulary.organisation(named: organisation) == .unknown {
                outcome.warnings.append(
                    "organisation '\(organisation)' has no record in content/organisations.yml; "
                        + "add one (or correct the name) so that its page has a name and description")
            }
            if case .imported(let path) = outcome.action, let hash = outcome.statement?.source.sha256 {
                known[hash] = path
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    private func importOne(_ input: String, importer: StatementImporter, known: [String: String]) -> Outcome {
        let url = URL(fileURLWithPath: input, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        guard FileManager.default.fileExists(atPath: url.path) else {
            return Outcome(input: input, action: .failed("no such file"))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return Outcome(input: input, action: .failed("cannot read the file (permission denied?)"))
        }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        if let existing = known[hash] {
            return Outcome(input: input, action: .alreadyImported(path: existing))
        }
        var statement: ImportedStatement
        do {
            statement = try Self.importCapture(data, name: url.lastPathComponent, importer: importer, source: Provenance(sha256: hash))
        } catch {
            return Outcome(input: input, action: .failed(error.description))
        }
        return write(statement, input: input) { try keepCapture(url, data: data, hash: hash) }
    }

    /// A page or a text, told apart by the file's name or, failing that, its first bytes.
    static func importCapture(_ data: Data, name: String, importer: StatementImporter, source: Provenance, address: URL? = nil)
        throws(StatementImporter.Failure) -> ImportedStatement
    {
        let ext = (name as NSString).pathExtension.lowercased()
        let isPage = ["html", "htm", "xhtml", "shtml", "php", "asp", "aspx"].contains(ext)
            || (!["txt", "text", "md"].contains(ext) && StatementImporter.looksLikeHTML(data))
        guard isPage else { return try importer.importStatement(from: data, source: source) }
        guard !data.isEmpty else { throw .unreadable("the file is empty") }
        guard let html = StatementImporter.decodePage(data) else { throw .unreadable("the page is not text") }
        return try importer.importPage(html: html, address: address, source: source)
    }

    /// Fetches a page, keeps its bytes under `seeds/`, and imports it.
    private func importAddress(_ address: String, importer: StatementImporter, known: [String: String], fetcher: PageFetcher)
        async -> Outcome
    {
        let page: PageFetcher.Page
        do {
            page = try await fetcher.fetch(address)
        } catch {
            return Outcome(input: address, action: .failed(error.description))
        }
        let hash = SHA256.hash(data: page.data).map { String(format: "%02x", $0) }.joined()
        if let existing = known[hash] {
            return Outcome(input: address, action: .alreadyImported(path: existing))
        }
        var source = Provenance(sha256: hash)
        source.url = page.url.absoluteString
        source.captured = Self.timestamp(page.captured)
        var statement: ImportedStatement
        do {
            let name = Self.captureName(for: page.url, isHTML: page.isHTML)
            statement = try Self.importCapture(
                page.data, name: name, importer: importer, source: source, address: page.url)
            return write(statement, input: address) { try keepInSeeds(page.data, name: name, hash: hash) }
        } catch {
            return Outcome(input: address, action: .failed(error.description))
        }
    }

    /// `2023-01-11T09:30:00Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// A file name for a fetched page: its host and path as a slug, "example.org-news-statement.html".
    static func captureName(for url: URL, isHTML: Bool) -> String {
        var slug = ((url.host ?? "page") + "-" + url.path).slug
        if slug.count > 80 { slug = String(slug.prefix(80)) }
        return slug + (isHTML ? ".html" : ".txt")
    }

    static func isAddress(_ input: String) -> Bool {
        let lower = input.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Keeps the capture with `keep`, which returns its path, and writes the statement's file, unless
    /// one is there already and `force` is off (then nothing is kept or written).
    private func write(_ imported: ImportedStatement, input: String, keep: () throws -> String) -> Outcome {
        var statement = imported
        let path = "content/statements/\(Self.fileName(for: statement)).md"
        let target = root.appendingPathComponent(path)
        if !force, FileManager.default.fileExists(atPath: target.path) {
            return Outcome(
                input: input, action: .failed("\(path) already exists; use --force to replace it"), statement: statement)
        }
        let text: String
        do {
            statement.source.file = try keep()
            text = try statement.markdownFile()
            if !dryRun {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: target, options: .atomic)
            }
        } catch {
            return Outcome(input: input, action: .failed("cannot write: \(error.localizedDescription)"), statement: statement)
        }
        return Outcome(input: input, action: .imported(path: path), statement: statement, file: text)
    }

    /// `<date>-<title slug>`, or the title slug alone for an undated statement; at most 60 characters
    /// of title, cut at a hyphen.
    static func fileName(for statement: ImportedStatement) -> String {
        var slug = statement.title.slug
        if slug.count > 60 {
            let cut = slug.prefix(60)
            slug = String(cut.lastIndex(of: "-").map { cut[..<$0] } ?? cut)
        }
        if slug.isEmpty { slug = "statement" }
        return statement.date.map { "\($0)-\(slug)" } ?? slug
    }

    /// The capture's path relative to the root; a capture from outside the archive is first copied
    /// into `seeds/`, so that the archive keeps its own provenance.
    private func keepCapture(_ url: URL, data: Data, hash: String) throws -> String {
        let relative = url.standardizedFileURL.path(relativeTo: root)
        if !relative.hasPrefix("/") { return relative }
        return try keepInSeeds(data, name: url.lastPathComponent, hash: hash)
    }

    /// Keeps bytes under `seeds/` as `name`, or, when another capture has that name, with the hash's
    /// first twelve digits before it; returns the path. A capture already there is not written again.
    private func keepInSeeds(_ data: Data, name: String, hash: String) throws -> String {
        let seeds = root.appendingPathComponent("seeds")
        var fileName = name
        if let existing = FileManager.default.contents(atPath: seeds.appendingPathComponent(fileName).path), existing != data {
            fileName = "\(hash.prefix(12))-\(name)"
        }
        if !dryRun {
            try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
            let destination = seeds.appendingPathComponent(fileName)
            if !FileManager.default.fileExists(atPath: destination.path) { try data.write(to: destination, options: .atomic) }
        }
        return "seeds/" + fileName
    }

    private func expand(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            if Self.isAddress(path) { return [path] }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [path]
            }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            return Theme.files(in: URL(fileURLWithPath: path)).map { prefix + $0 }
        }
    }

    /// The source hashes of the statements already in the archive, read leniently.
    private func existingHashes() throws -> [String: String] {
        let folder = root.appendingPathComponent("content/statements")
        var hashes: [String: String] = [:]
        for file in Theme.files(in: folder) where file.hasSuffix(".md") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                let text = String(validating: data, as: UTF8.self),
                let front = try? FrontMatter(splitting: text, file: file),
                let yaml = try? YAMLValue.parse(front.yaml, file: file),
                case .mapping(let fields) = yaml.node,
                case .mapping(let source)? = fields["source"],
                let hash = source["sha256"]?.string
            else { continue }
            hashes[hash.lowercased()] = "content/statements/" + file
        }
        return hashes
    }
}
