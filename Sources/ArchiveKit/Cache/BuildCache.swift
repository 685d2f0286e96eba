import Crypto
import Cxxhash
import Foundation

/// What the previous build read and wrote, so that the next one redoes only what changed.
///
/// Kept in `<root>/.archive-cache/`, beside a `.gitignore` that keeps the folder out of git:
/// `statements.cache` holds parsed statements, `renderings.cache` what the last build rendered and may be reused, and
/// `site-<digest of the output path>.cache` what was written to each output folder (see `save`). Everything is keyed by content digests. A statement
/// file whose size, modification time and inode are as they were when the last build read it, more
/// than 2 s after it was modified, is taken to hold what it held then without being read (see
/// `Stamp`), as Git takes its index. So a stale or missing cache can only cost time: deleting the
/// folder, or `archive build --clean`, gives the same site, and reads every file. A cache written
/// by another build of the tool, or one that cannot be read, is ignored.
public struct BuildCache: Sendable {
    /// The folder inside the archive.
    public static let folderName = ".archive-cache"

    /// The archive's root folder.
    let root: URL
    /// Parsed statements, by file relative to the root.
    var statements: [String: CachedStatement] = [:]
    /// The site as last written to the output folder, if a build finished.
    var site: WrittenSite?

    /// A statement as the reader gave it, without its body, which is cut from the file again.
    struct CachedStatement: Sendable {
        /// The digest of the file's bytes.
        var digest: String
        /// The digest of what reading depends on besides the file: vocabularies and settings.
        var readerKey: String
        /// The statement, with an empty body.
        var statement: Statement
        /// Where the body starts in the file, in UTF-8 bytes.
        var bodyOffset: Int
        /// Organisations named without a record, by id.
        var unrecorded: [String: String]
        /// The file as it was when read: while its size, modification time and inode stay the
        /// same, it is not read again (see `Stamp`).
        var stamp: Stamp?
        /// The cache's record this entry was read from, written again as it is.
        var record: Data?

        init(
            digest: String, readerKey: String, statement: Statement, bodyOffset: Int, unrecorded: [String: String],
            stamp: Stamp? = nil
        ) {
            self.digest = digest
            self.readerKey = readerKey
            self.statement = statement
            self.bodyOffset = bodyOffset
            self.unrecorded = unrecorded
            self.stamp = stamp
        }

        /// Reads what `write(to:)` wrote.
        init(reading reader: inout CacheRecord.Reader) throws {
            digest = try reader.string()
            readerKey = try reader.string()
            statement = try Statement(reading: &reader)
            bodyOffset = try reader.int()
            unrecorded = try reader.map()
            if try reader.bool() {
                let size = try reader.int()
                let modified = try reader.int()
                let inode = try reader.int()
                let racy = try reader.bool()
                stamp = Stamp(
                    size: size, modified: Int64(modified), inode: UInt64(bitPattern: Int64(inode)), digest: digest,
                    racy: racy)
            }
        }

        /// Writes the entry, without its file.
        func write(to writer: inout CacheRecord.Writer) {
            writer.append(digest)
            writer.append(readerKey)
            statement.write(to: &writer)
            writer.append(bodyOffset)
            writer.append(unrecorded)
            writer.append(stamp != nil)
            if let stamp {
                writer.append(stamp.size)
                writer.append(Int(stamp.modified))
                writer.append(Int(Int64(bitPattern: stamp.inode)))
                writer.append(stamp.racy)
            }
        }

        /// The digest of the file at `path` when it is unchanged since this entry was made from
        /// it, as its stamp tells; `nil` when it may have changed or there is no stamp to tell.
        func digest(ifUnchanged now: Stamp?) -> String? {
            guard let stamp, let now, stamp.sameFile(as: now) else { return nil }
            return digest
        }
    }

    /// The output folder as the last build left it.
    struct WrittenSite: Codable, Sendable {
        /// The digest of every input together; equal digests mean nothing needs doing.
        var inputs: String
        /// The digest of what every page reads besides statements: settings, vocabularies, words,
        /// templates and published sources (see `SiteBuild`).
        var common: String?
        /// The original captures published, relative to the root.
        var sources: [String]
        /// What the build reported.
        var summary: SiteBuild.Summary
        /// Every file written, by path inside the output folder.
        var files: [String: WrittenFile] = [:]
        /// Each page's key (template and values), and the key of each file made from the whole
        /// archive that has one (see `OutputKeys`), by path; equal keys give equal bytes.
        var pages: [String: String] = [:]
        /// The key of the inputs of the files made from the whole archive (search index, feeds,
        /// data, sitemap), and their paths.
        var whole: String?
        var wholeFiles: [String] = []
        /// Where each statement's record lies in the data files, to copy unchanged ones from.
        var records: OpenData.Records?
        /// What the search index was made from, to bring it up to date from.
        var search: SearchIndex.State?
        /// What each page was made from (see `SiteBuilder.pageInputs`), by path.
        var pageInputs: [String: String] = [:]
        /// Digests of statements' values, by a key of everything they are made from.
        var items: [String: String] = [:]
        /// The relations between statements, found again only when what they are made from changed.
        var related: RelatedStatements?

        /// What grows with the site is written as lines of its own, not in the site's JSON.
        enum CodingKeys: String, CodingKey {
            case inputs, common, sources, summary, whole
        }
    }

    /// One written file: its digest, and its size and modification time when written, to notice
    /// files changed or removed by hand.
    struct WrittenFile: Codable, Sendable, Equatable {
        var digest: String
        var size: Int
        var modified: Int64

        init(digest: String, size: Int, modified: Int64) {
            self.digest = digest
            self.size = size
            self.modified = modified
        }

        init(digest: String, info: stat) {
            self.digest = digest
            size = Int(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        }
    }

    /// A source file as last read: its size, modification time and inode, and its digest.
    struct Stamp: Sendable, Equatable {
        var size: Int
        var modified: Int64
        var inode: UInt64
        var digest: String
        /// Whether the file was modified so shortly before this stamp was taken that a change of the
        /// same size could still follow within the file system's clock tick; such a stamp is not trusted.
        var racy = false

        /// The file at `path` as it is now, with no digest yet; `nil` when there is none.
        static func of(_ path: String) -> Stamp? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            let taken = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
            return Stamp(
                size: Int(info.st_size), modified: modified, inode: UInt64(info.st_ino), digest: "",
                racy: taken - modified < 2_000_000_000)
        }

        /// Whether `other` is the same file, unchanged, ignoring digests; never when this stamp is racy.
        func sameFile(as other: Stamp) -> Bool {
            !racy && size == other.size && modified == other.modified && inode == other.inode
        }
    }

    /// What a long-running process (`archive serve`) keeps between builds, so that a rebuild
    /// neither decodes the cache files nor reads sources whose size, modification time and inode
    /// are as they were when last read.
    public final class Memory: @unchecked Sendable {
        private let lock = NSLock()
        private var statements: [String: CachedStatement] = [:]
        private var sites: [String: WrittenSite] = [:]
        private var stamps: [String: Stamp] = [:]
        private var bodies: [String: String] = [:]
        private var items: [String: String] = [:]
        private var inputs: [String: [String: String]] = [:]
        private var relations: RelatedStatements?
        private var rendered: Renderings?

        /// Nothing remembered yet.
        public init() {}

        /// What the last build wrote to `output`.
        func site(output: URL) -> WrittenSite? {
            lock.withLock { sites[output.standardizedFileURL.path] }
        }

        /// Forgets what was written to `output`, whose files a failed write may have left other
        /// than remembered: the next build checks every file there.
        func forgetSite(output: URL) {
            lock.withLock { _ = sites.removeValue(forKey: output.standardizedFileURL.path) }
        }

        /// The parsed statements, by file; `nil` before the first build.
        var cachedStatements: [String: CachedStatement]? {
            lock.withLock { statements.isEmpty ? nil : statements }
        }

        /// The digest of a file that has not changed since it was last read, if it was.
        func digest(of file: String, now: Stamp?) -> String? {
            guard let now else { return nil }
            return lock.withLock { stamps[file].flatMap { $0.sameFile(as: now) ? $0.digest : nil } }
        }

        /// The body of a statement file that has not changed since it was last read.
        func body(of file: String, now: Stamp?) -> String? {
            guard let now else { return nil }
            return lock.withLock {
                guard let stamp = stamps[file], stamp.sameFile(as: now) else { return nil }
                return bodies[file]
            }
        }

        /// The relations between statements the last build found.
        var related: RelatedStatements? {
            lock.withLock { relations }
        }

        /// What the pages written to `output` were made from, by path (see `SiteBuilder.pageInputs`).
        func pageInputs(output: URL) -> [String: String]? {
            lock.withLock { inputs[output.standardizedFileURL.path] }
        }

        /// Digests of statements' values, by a key of everything they are made from.
        var itemDigests: [String: String] {
            lock.withLock { items }
        }

        /// What the last build rendered or kept.
        var renderings: Renderings? {
            lock.withLock { rendered }
        }

        /// Remembers a finished build.
        func remember(
            statements: [String: CachedStatement], site: WrittenSite, output: URL, stamps: [String: Stamp],
            bodies: [String: String], items: [String: String], inputs: [String: String], related: RelatedStatements,
            renderings: Renderings
        ) {
            lock.withLock {
                relations = related
                rendered = renderings
                self.items = items
                self.inputs[output.standardizedFileURL.path] = inputs
                self.statements = statements
                sites[output.standardizedFileURL.path] = site
                self.stamps = stamps
                self.bodies = bodies
            }
        }
    }

    /// An empty cache for the archive at `root`.
    init(root: URL) {
        self.root = root
    }

    /// What the last build wrote to `output`, if the cache holds it.
    static func site(root: URL, output: URL) -> WrittenSite? {
        guard let lines = lines(of: siteFile(root: root, output: output), root: root), lines.count >= 2,
            var site = try? JSONDecoder().decode(WrittenSite.self, from: lines[1])
        else { return nil }
        // Eight sections of tab-separated fields follow, each ended by a line `-`.
        var sections: [ArraySlice<Data>] = []
        var start = 2
        for (index, line) in lines.enumerated().dropFirst(2) where line == divider {
            sections.append(lines[start..<index])
            start = index + 1
        }
        guard sections.count == 8 else { return nil }
        // The files, the largest section, are read on another core.
        let filesSection = sections[0]
        let readFiles = Background { () -> [String: WrittenFile]? in
            var files: [String: WrittenFile] = [:]
            files.reserveCapacity(filesSection.count)
            for line in filesSection {
                let fields = Self.fields(of: line)
                guard fields.count == 4, let size = Int(fields[2]), let modified = Int64(fields[3]) else { return nil }
                files[fields[0]] = WrittenFile(digest: fields[1], size: size, modified: modified)
            }
            return files
        }
        // And the pages' keys and inputs on others: each section is a dictionary of its own.
        let (pagesSection, inputsSection) = (sections[1], sections[2])
        let readPages = Background { pairs(pagesSection) }
        let readInputs = Background { pairs(inputsSection) }
        guard let items = pairs(sections[3]), let pages = readPages.value, let inputs = readInputs.value,
            let files = readFiles.value
        else { return nil }
        site.files = files
        site.pages = pages
        site.pageInputs = inputs
        site.items = items
        site.wholeFiles = sections[4].map { fields(of: $0).first ?? "" }
        if !sections[5].isEmpty {
            var records = OpenData.Records()
            for line in sections[5] {
                let fields = fields(of: line)
                let at = fields.dropFirst().compactMap { Int($0) }
                guard fields.count == 5, at.count == 4, 0 <= at[0], at[0] <= at[1], 0 <= at[2], at[2] <= at[3] else { return nil }
                records.spans.append(OpenData.Records.Span(key: fields[0], json: at[0]..<at[1], csv: at[2]..<at[3]))
            }
            site.records = records
        }
        if let first = sections[6].first {
            let steps = fields(of: first).compactMap { Int($0) }
            var documents: [SearchIndex.State.Document] = []
            documents.reserveCapacity(sections[6].count - 1)
            for line in sections[6].dropFirst() {
                let fields = fields(of: line)
                let lengths = fields.dropFirst().compactMap { Int($0) }
                guard fields.count == steps.count + 1, lengths.count == steps.count else { return nil }
                documents.append(SearchIndex.State.Document(key: fields[0], lengths: lengths))
            }
            site.search = SearchIndex.State(documents: documents, steps: steps)
        }
        if let key = sections[7].first {
            var positions: [String: [Int]] = [:]
            positions.reserveCapacity(sections[7].count - 1)
            for line in sections[7].dropFirst() {
                let fields = fields(of: line)
                let related = fields.dropFirst().compactMap { Int($0) }
                guard let id = fields.first, related.count == fields.count - 1 else { return nil }
                positions[id] = related
            }
            site.related = RelatedStatements(positions: positions, key: String(decoding: key, as: UTF8.self))
        }
        return site
    }

    /// What rendering found that the next build may take rather than find again: list items and
    /// references as the theme rendered them (see `SiteBuilder.renderItems`), and the evidence
    /// found in bodies.
    struct Renderings: Sendable, Equatable {
        /// A partial rendered for statements apart from the pages that insert it.
        struct Partial: Sendable, Equatable {
            /// What it reads besides a statement's values: the templates it reaches, the settings,
            /// the vocabularies and the words (see `SiteBuild`).
            var key = ""
            /// Its HTML for each statement, by the digest of the statement's values.
            var html: [String: String] = [:]
        }

        /// List items, by the theme's `statement-item` partial.
        var items = Partial()
        /// The references on organisations' matrix pages, by the theme's `reference` partial.
        var references = Partial()
        /// The entries on the years' timeline pages, by the theme's `timeline-entry` partial.
        var entries = Partial()
        /// The evidence of each statement's demands, by demand id, by the statement's key, which
        /// stands for its file and the vocabularies (see `SiteBuild`).
        var evidence: [String: [String: Evidence]] = [:]
    }

    /// What the last build rendered, if the cache holds it.
    static func renderings(root: URL) -> Renderings? {
        let url = root.appendingPathComponent(folderName).appendingPathComponent(renderingsFile)
        let head = toolLine + Data([0x0A])
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped), data.starts(with: head) else { return nil }
        return data.withUnsafeBytes { buffer -> Renderings? in
            var reader = CacheRecord.Reader(UnsafeRawBufferPointer(rebasing: buffer[head.count...]))
            do {
                var renderings = Renderings()
                for part in [\Renderings.items, \Renderings.references, \Renderings.entries] {
                    renderings[keyPath: part].key = try reader.string()
                    let count = try reader.count()
                    renderings[keyPath: part].html.reserveCapacity(count)
                    for _ in 0..<count {
                        let digest = try reader.string()
                        renderings[keyPath: part].html[digest] = try reader.string()
                    }
                }
                let statements = try reader.count()
                renderings.evidence.reserveCapacity(statements)
                for _ in 0..<statements {
                    let key = try reader.string()
                    var found: [String: Evidence] = [:]
                    for _ in 0..<(try reader.count()) {
                        let demand = try reader.string()
                        found[demand] = Evidence(sentence: try reader.string(), phrase: try reader.optionalString())
                    }
                    renderings.evidence[key] = found
                }
                return reader.isAtEnd ? renderings : nil
            } catch {
                return nil
            }
        }
    }

    /// Writes what was rendered atomically: the tool's line, then a record (see `CacheRecord`) of
    /// the items, the references and the timeline entries (each the key of what they were
    /// rendered from, then each statement's digest and HTML) and of each statement's evidence (its
    /// key, then each demand's id, sentence and phrase). Like every cache file, one that cannot be written is only a
    /// slower next build.
    static func save(_ renderings: Renderings, root: URL) {
        var writer = CacheRecord.Writer()
        writer.append(bytes: toolLine + [0x0A])
        for part in [renderings.items, renderings.references, renderings.entries] {
            writer.append(part.key)
            writer.append(part.html.count)
            for (digest, html) in part.html {
                writer.append(digest)
                writer.append(html)
            }
        }
        writer.append(renderings.evidence.count)
        for (key, found) in renderings.evidence {
            writer.append(key)
            writer.append(found.count)
            for (demand, evidence) in found {
                writer.append(demand)
                writer.append(evidence.sentence)
                writer.append(evidence.phrase)
            }
        }
        // Written from the buffer itself: at 100,000 statements it holds tens of megabytes.
        write([writer.bytes], to: renderingsFile, root: root)
    }

    /// The file of what was rendered.
    private static let renderingsFile = "renderings.cache"

    /// The parsed statements the cache holds, each with the record it was read from.
    static func statements(root: URL) -> [String: CachedStatement] {
        let url = root.appendingPathComponent(folderName).appendingPathComponent(statementsFile)
        guard let data = FileManager.default.contents(atPath: url.path) else { return [:] }
        let head = toolLine + Data([0x0A])
        guard data.starts(with: head) else { return [:] }
        // The records' bounds are found first, then the records are read on all cores.
        var bounds: [Range<Int>] = []
        let found: Bool = data.withUnsafeBytes { buffer in
            var reader = CacheRecord.Reader(UnsafeRawBufferPointer(rebasing: buffer[head.count...]))
            while !reader.isAtEnd {
                guard let record = try? reader.bytes() else { return false }
                bounds.append(head.count + reader.offset - record.count..<head.count + reader.offset)
            }
            return true
        }
        guard found else { return [:] }
        let runs = stride(from: 0, to: bounds.count, by: 512).map { bounds[$0..<min($0 + 512, bounds.count)] }
        let decoded = runs.concurrentMap { run -> [(String, CachedStatement)]? in
            data.withUnsafeBytes { buffer in
                var result: [(String, CachedStatement)] = []
                result.reserveCapacity(run.count)
                for bounds in run {
                    let bytes = UnsafeRawBufferPointer(rebasing: buffer[bounds])
                    var reader = CacheRecord.Reader(bytes)
                    guard let key = try? reader.string(), var entry = try? CachedStatement(reading: &reader),
                        reader.isAtEnd
                    else { return nil }
                    entry.record = Data(bytes)
                    result.append((key, entry))
                }
                return result
            }
        }
        var statements: [String: CachedStatement] = [:]
        statements.reserveCapacity(bounds.count)
        for run in decoded {
            guard let run else { return [:] }
            for (key, value) in run { statements[key] = value }
        }
        return statements
    }

    /// Writes the cache atomically; a cache that cannot be written is only a slower next build.
    ///
    /// `statements.cache` holds the line of the tool that wrote it, then a record for each
    /// statement (see `CacheRecord`), each preceded by its length: its file, then the
    /// `CachedStatement`. Records are made and read on all cores, and a statement read from the
    /// cache is written again as it was read. A site's file has the tool's line, the site's summary
    /// in JSON, then eight sections of tab-separated fields, each ended by a line `-`: the files written (path, digest,
    /// size, modification time), the keys of pages and files, the pages' inputs, the digests of
    /// statements' values, the files made from the whole archive, where each statement's record
    /// lies in the data files (its key and four offsets), and what the search index was made
    /// from (the steps of the average lengths, then each document's key and field lengths), and
    /// the relations between statements (their key, then each statement's id and the positions of
    /// its related statements). Records and lines are in no particular order: they are read back
    /// into tables, and sorting tens of thousands of paths on every build would only cost time.
    func save(output: URL, statements saveStatements: Bool = true) {
        if saveStatements {
            var file = Self.toolLine + Data([0x0A])
            for record in Self.records(statements) {
                var length = CacheRecord.Writer()
                length.append(record.count)
                file.append(contentsOf: length.bytes)
                file.append(record)
            }
            Self.write([file], to: Self.statementsFile, root: root)
        }
        if let site {
            guard let header = try? JSONEncoder().encode(site) else { return }
            // Each section is made on its own core.
            let sections: [@Sendable () -> Lines] = [
                {
                    Lines(site.files) { path, file in [path, file.digest, String(file.size), String(file.modified)] }
                },
                { Lines(site.pages) { [$0.key, $0.value] } },
                { Lines(site.pageInputs) { [$0.key, $0.value] } },
                { Lines(site.items) { [$0.key, $0.value] } },
                { Lines(site.wholeFiles) { [$0] } },
                {
                    Lines(site.records?.spans ?? []) { span in
                        [span.key] + [span.json.lowerBound, span.json.upperBound, span.csv.lowerBound, span.csv.upperBound].map(String.init)
                    }
                },
                {
                    guard let search = site.search else { return Lines() }
                    var lines = Lines()
                    lines.append(search.steps.map(String.init))
                    for document in search.documents { lines.append([document.key] + document.lengths.map(String.init)) }
                    return lines
                },
                {
                    guard let related = site.related else { return Lines() }
                    var lines = Lines()
                    lines.append([related.key])
                    for (id, positions) in related.positions {
                        lines.append([id] + positions.map(String.init))
                    }
                    return lines
                },
            ]
            // Written a section at a time: at 100,000 statements the file is 68 MB, and making
            // it one buffer first cost more than making its sections.
            var pieces = [Array(Self.toolLine + Data([0x0A]) + header + Data([0x0A]))]
            for section in sections.concurrentMap({ $0() }) {
                pieces.append(section.bytes)
                pieces.append(Array(Self.divider) + [0x0A])
            }
            Self.write(pieces, to: Self.siteFile(root: root, output: output), root: root)
        }
    }

    /// Ends a section of a site's file.
    private static let divider = Data("-".utf8)

    /// Lines of tab-separated fields, one after another in one buffer; a backslash, tab or line
    /// break in a field is escaped.
    private struct Lines {
        private(set) var bytes: [UInt8] = []

        init() {}

        /// A line for each of `items`, of the fields `fields` gives.
        init<Item>(_ items: some Collection<Item>, fields: (Item) -> [String]) {
            bytes.reserveCapacity(items.count * 64)
            for item in items { append(fields(item)) }
        }

        mutating func append(_ fields: [String]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(0x09) }
                var field = field
                field.withUTF8 { text in
                    guard text.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                        bytes.append(contentsOf: text)
                        return
                    }
                    for byte in text {
                        switch byte {
                        case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
                        case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
                        case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
                        case 0x5C: bytes += [0x5C, 0x5C]
                        default: bytes.append(byte)
                        }
                    }
                }
            }
            bytes.append(0x0A)
        }
    }

    /// The fields of a line written by `Lines`.
    private static func fields(of line: Data) -> [String] {
        line.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> [String] in
            var fields: [String] = []
            var start = 0
            var escaped = false
            for index in 0...buffer.count {
                if index < buffer.count {
                    if buffer[index] == 0x5C { escaped = true }
                    guard buffer[index] == 0x09 else { continue }
                }
                let field = UnsafeRawBufferPointer(rebasing: buffer[start..<index])
                fields.append(escaped ? unescaped(field) : String(decoding: field, as: UTF8.self))
                start = index + 1
                escaped = false
            }
            return fields
        }
    }

    /// A field's text, its escapes undone.
    private static func unescaped(_ field: UnsafeRawBufferPointer) -> String {
        var bytes: [UInt8] = []
        var escaped = false
        for byte in field {
            if escaped {
                switch byte {
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                default: bytes.append(byte)
                }
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A map from lines of two fields; `nil` if a line has another number of fields.
    private static func pairs(_ lines: ArraySlice<Data>) -> [String: String]? {
        var map: [String: String] = [:]
        map.reserveCapacity(lines.count)
        for line in lines {
            let fields = fields(of: line)
            guard fields.count == 2 else { return nil }
            map[fields[0]] = fields[1]
        }
        return map
    }

    /// The cache folder of the archive at `root`, made with the `.gitignore` that keeps it out of
    /// git when they are missing.
    static func folder(root: URL) -> URL {
        let folder = root.appendingPathComponent(folderName)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ignore = folder.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try? Data("# Made by archive build; safe to delete.\n*\n".utf8).write(to: ignore, options: .atomic)
        }
        return folder
    }

    /// Writes a cache file into the cache folder from pieces, one after another, into a new file
    /// that then takes the file's name: the file is whole or as it was, and the pieces are never
    /// copied into one buffer first.
    private static func write(_ pieces: [some ContiguousBytes], to name: String, root: URL) {
        let path = folder(root: root).appendingPathComponent(name).path
        var template = Array((path + ".new-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { return }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failed = false
        for piece in pieces where !failed {
            failed = piece.withUnsafeBytes { SiteWriter.write($0, to: descriptor) } != nil
        }
        if fchmod(descriptor, 0o644) != 0 || close(descriptor) != 0 { failed = true }
        if failed || rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// A cache file's lines, if the running tool wrote it.
    private static func lines(of name: String, root: URL) -> [Data]? {
        let url = root.appendingPathComponent(folderName).appendingPathComponent(name)
        // Mapped, not read: the file is replaced whole, never changed in place, so the mapping
        // stays as it was read.
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        // Line ends found with `memchr`: `Data`'s own `split` reads a byte at a time, and a site's
        // file holds a line for every file of the site. Each line is a slice of the file's bytes.
        var lines: [Data] = []
        let first = data.startIndex
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let end = memchr(base + start, 0x0A, buffer.count - start) {
                let offset = UnsafeRawPointer(end) - base
                lines.append(data[(first + start)..<(first + offset)])
                start = offset + 1
            }
            if start < buffer.count { lines.append(data[(first + start)..<(first + buffer.count)]) }
        }
        guard lines.first == toolLine else { return nil }
        return lines
    }

    private static var toolLine: Data {
        (try? JSONEncoder().encode(["tool": toolIdentity])) ?? Data()
    }

    /// The file of parsed statements.
    private static let statementsFile = "statements.cache"

    /// A record for each statement: the record read when there is one, else made in parallel runs.
    private static func records(_ entries: [String: CachedStatement]) -> [Data] {
        let all = Array(entries)
        let runs = stride(from: 0, to: all.count, by: 512).map { all[$0..<min($0 + 512, all.count)] }
        return runs.concurrentMap { run -> [Data] in
            run.map { key, entry in
                if let record = entry.record { return record }
                var writer = CacheRecord.Writer()
                writer.append(key)
                entry.write(to: &writer)
                return Data(writer.bytes)
            }
        }.flatMap { $0 }
    }

    private static func siteFile(root: URL, output: URL) -> String {
        "site-" + hexDigest(Array(output.standardizedFileURL.path.utf8)) + ".cache"
    }

    /// Removes the cache folder.
    static func remove(root: URL) {
        try? FileManager.default.removeItem(at: root.appendingPathComponent(folderName))
    }

    /// The running executable's size and modification time.
    static let toolIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 else { return "unknown" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    // MARK: - Digests

    /// The digest of some bytes: XXH3's 128-bit hash (libxxhash) cut to 90 bits, ample for telling
    /// versions apart, written as 15 characters of base64url (`A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`).
    /// A build digests every file it writes and every input of every page; XXH3 reads them about ten
    /// times as fast as SHA-256 would. Nothing a digest tells apart is chosen by an adversary: the
    /// cache compares an archive's own versions with each other.
    ///
    /// Fifteen bytes is the most a Swift string holds inline: a digest is then a value of two
    /// words, made without allocating and copied, hashed and compared without touching the heap.
    /// Builds make, store and look up digests by the hundred thousand.
    static func digest(_ bytes: some DataProtocol) -> String {
        if let hash = bytes.withContiguousStorageIfAvailable({ XXH3_128bits($0.baseAddress, $0.count) }) {
            return digest(hash)
        }
        return digest(Array(bytes))
    }

    /// The digest of bytes whose hash is `hash`, for bytes hashed a piece at a time.
    static func digest(_ hash: XXH128_hash_t) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 15) { text in
            // 90 bits: the first 96 bits as two 48-bit halves, six bits at a time, less the last.
            let (first, second) = (hash.high64 >> 16, (hash.high64 & 0xFFFF) << 32 | hash.low64 >> 32)
            var index = 0
            for bits in [first, second] {
                for shift in stride(from: 42, through: 0, by: -6) where index < 15 {
                    text[index] = base64URL[Int((bits >> UInt64(shift)) & 63)]
                    index += 1
                }
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    /// A digest made a piece at a time, as the bytes of a file come; used from one thread at a time.
    final class Digesting {
        private let state: OpaquePointer

        init() {
            guard let state = XXH3_createState() else { fatalError("out of memory for a digest") }
            XXH3_128bits_reset(state)
            self.state = state
        }

        deinit { XXH3_freeState(state) }

        /// Adds bytes after those added before.
        func update(_ bytes: UnsafeRawBufferPointer) {
            XXH3_128bits_update(state, bytes.baseAddress, bytes.count)
        }

        /// The digest of every byte added, as `BuildCache.digest(_:)` gives for all of them at once.
        var digest: String { BuildCache.digest(XXH3_128bits_digest(state)) }
    }

    /// The digest of some bytes in hex: SHA-256 cut to 128 bits; for names that must not differ
    /// by case alone, and for name-based ids.
    static func hexDigest(_ bytes: some DataProtocol) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(32)
        for byte in SHA256.hash(data: bytes).prefix(16) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let base64URL = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The digest of several parts, each length-prefixed so that no two lists of parts run together.
    static func digest(_ parts: [String]) -> String {
        input(parts).digest
    }

    /// The parts laid out for a digest.
    static func input(_ parts: [String]) -> DigestInput {
        var input = DigestInput(capacity: parts.reduce(0) { $0 + $1.utf8.count + 8 })
        for part in parts { input.append(part) }
        return input
    }

    /// Parts of a digest, each length-prefixed, laid one after another in one buffer as they come:
    /// keys are made by the thousand, and a list of texts made first for each would cost more
    /// than digesting it.
    struct DigestInput {
        private var bytes: [UInt8] = []
        private var digits: [UInt8] = []

        init(capacity: Int = 256) {
            bytes.reserveCapacity(capacity)
        }

        /// Adds a part: its length in UTF-8 bytes, written in digits, a colon, then its bytes.
        mutating func append(_ part: String) {
            var part = part
            part.withUTF8 { utf8 in
                var count = utf8.count
                digits.removeAll(keepingCapacity: true)
                repeat {
                    digits.append(UInt8(ascii: "0") + UInt8(count % 10))
                    count /= 10
                } while count > 0
                bytes.append(contentsOf: digits.reversed())
                bytes.append(0x3A)
                bytes.append(contentsOf: utf8)
            }
        }

        /// Adds the parts of another input after these.
        mutating func append(contentsOf other: DigestInput) {
            bytes.append(contentsOf: other.bytes)
        }

        /// The digest of the parts so far, as `BuildCache.digest([String])` gives for the same parts.
        var digest: String { BuildCache.digest(bytes) }

        /// The same, in hex (see `BuildCache.hexDigest`).
        var hexDigest: String { BuildCache.hexDigest(bytes) }
    }

    /// Which of the files written before are still there as written: same size and modification
    /// time. A file changed, replaced or removed since is written again.
    static func intact(_ files: [String: WrittenFile], in output: URL) -> Set<String> {
        // Each path is looked up from the output folder, opened once, rather than from the root.
        let folder = open(output.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return [] }
        defer { close(folder) }
        let entries = Array(files)
        let present = entries.concurrentMap { path, file -> Bool in
            var info = stat()
            guard fstatat(folder, path, &info, 0) == 0 else { return false }
            return WrittenFile(digest: file.digest, info: info) == file
        }
        return Set(zip(entries, present).filter(\.1).map(\.0.key))
    }
}
