import Foundation

/// Loads an archive from its root folder: settings, vocabularies and every statement, all validated.
///
/// Every error in every file is collected before anything is returned, so one run reports them all.
public struct ArchiveLoader: Sendable {
    /// An archive and what was noticed while loading it.
    public struct Loaded: Sendable {
        /// The validated archive, drafts left out unless asked for.
        public var archive: Archive
        /// Warnings, sorted by file.
        public var warnings: [ContentError]
        /// How many drafts were left out.
        public var draftsLeftOut: Int
        /// The digest of every file read, by path relative to the root.
        var digests: [String: String] = [:]
        /// The statements read without any warning, for the next build's cache.
        var cached: [String: BuildCache.CachedStatement] = [:]
        /// How many statements came from the cache unread.
        var reused = 0
        /// The digest of what reading a statement depends on besides its file: the vocabularies and
        /// the default language.
        var readerKey = ""
        /// Each statement file as it was read, for a process that builds again.
        var stamps: [String: BuildCache.Stamp] = [:]
    }

    /// The archive's root folder.
    public var root: URL
    /// Whether drafts are published.
    public var includeDrafts: Bool
    /// Where files read are counted, for a progress display.
    var progress: BuildProgress?
    /// Statements parsed by a previous build, by file: reused when the file and what reading it
    /// depends on are unchanged.
    var cache: [String: BuildCache.CachedStatement] = [:]
    /// What a long-running process remembers of the files it read before.
    var memory: BuildCache.Memory?
    /// Statement files already checked (see `digests()`), by path relative to the root: not
    /// checked or read again.
    var read: [String: Checked] = [:]

    /// A statement file as `digests()` found it.
    struct Checked: Sendable {
        /// The digest of its bytes.
        var digest: String
        /// Its stamp, taken before it was read.
        var stamp: BuildCache.Stamp?
        /// Its bytes, when they were read: not when its stamp showed it unchanged.
        var contents: Data?
    }

    /// A loader for the archive at `root`.
    public init(root: URL, includeDrafts: Bool = false) {
        self.root = root.standardizedFileURL
        self.includeDrafts = includeDrafts
    }

    /// Reads and validates everything; throws `ContentErrors` listing every error found.
    public func load() throws -> Loaded {
        var diagnostics = Diagnostics()
        var digests: [String: String] = [:]
        let (settings, vocabulary) = VocabularyFiles(root: root).read(diagnostics: &diagnostics, digests: &digests)
        let reader = StatementReader(vocabulary: vocabulary, defaultLanguage: settings.language)
        // Reading a statement depends on its file, the vocabularies and the default language.
        let readerKey = BuildCache.digest(
            [settings.language] + VocabularyFiles.vocabularyPaths.map { digests[$0] ?? "" })
        let statementFiles = statementFiles(diagnostics: &diagnostics)
        let base = basePath
        let progress = self.progress
        let cache = self.cache
        progress?.begin(.read, total: statementFiles.count)
        let memory = self.memory
        let earlierRead = self.read
        let read = statementFiles.concurrentMap { file -> (StatementReader.Result, String, BuildCache.CachedStatement?, BuildCache.Stamp?) in
            defer { progress?.advance(.read) }
            let path = base + file
            let checked = earlierRead[file]
            // Taken before the file is read: a change made while it is read shows in the next stamp.
            var stamp = checked?.stamp ?? BuildCache.Stamp.of(path)
            // A file unchanged since the last build of this process is not read again.
            if let digest = memory?.digest(of: file, now: stamp), let entry = cache[file], entry.digest == digest,
                entry.readerKey == readerKey, let body = memory?.body(of: file, now: stamp)
            {
                var statement = entry.statement
                statement.body = body
                stamp?.digest = digest
                let result = StatementReader.Result(
                    statement: statement, diagnostics: [], unrecordedOrganisations: entry.unrecorded)
                return (result, digest, entry, stamp)
            }
            // Nor is one the cache knows unchanged by its stamp: its body is read if an output needs
            // it. A process that remembers its builds keeps every body, so reads them now, on all cores.
            if memory == nil, checked?.contents == nil, let entry = cache[file], entry.readerKey == readerKey,
                let digest = checked?.digest ?? entry.digest(ifUnchanged: stamp), digest == entry.digest
            {
                let statement = entry.statement.readingBody(from: path, offset: entry.bodyOffset)
                let result = StatementReader.Result(
                    statement: statement, diagnostics: [], unrecordedOrganisations: entry.unrecorded)
                return (result, digest, entry, entry.stamp)
            }
            let read: Data
            let digest: String
            if let checked, let contents = checked.contents {
                (digest, read) = (checked.digest, contents)
            } else {
                switch TextFile.contents(of: path) {
                case .success(let data): read = data
                case .failure(let failure):
                    let error = ContentError(file: file, reason: failure.reason)
                    return (.init(statement: nil, diagnostics: [error], unrecordedOrganisations: [:]), "", nil, nil)
                }
                digest = BuildCache.digest(read)
            }
            stamp?.digest = digest
            // Lines ended by a carriage return alone (old Mac editors) read as lines ended by a
            // line feed: the same number of bytes, so offsets into the file still hold.
            let bytes = Self.unifyingLineEnds(read)
            // Bytes read before were text then: only the body is cut from them again.
            if var entry = cache[file], entry.digest == digest, entry.readerKey == readerKey {
                var statement = entry.statement
                statement.body = Self.body(of: bytes, from: entry.bodyOffset)
                let result = StatementReader.Result(
                    statement: statement, diagnostics: [], unrecordedOrganisations: entry.unrecorded)
                // Its record is made again only if the file's stamp changed.
                if entry.stamp != stamp {
                    entry.stamp = stamp
                    entry.record = nil
                }
                return (result, digest, entry, stamp)
            }
            guard let text = String(validating: bytes, as: UTF8.self), !Self.holdsNUL(bytes) else {
                let error = ContentError.notText(bytes, file: file)
                return (.init(statement: nil, diagnostics: [error], unrecordedOrganisations: [:]), digest, nil, nil)
            }
            var result = reader.read(text, file: file)
            guard var statement = result.statement, result.diagnostics.isEmpty else { return (result, digest, nil, nil) }
            let bodyOffset = bytes.count - statement.body.utf8.count
            statement.body = ""
            let entry = BuildCache.CachedStatement(
                digest: digest, readerKey: readerKey, statement: statement, bodyOffset: bodyOffset,
                unrecorded: result.unrecordedOrganisations, stamp: stamp)
            // Its body is read again when it is rendered, and not kept: a build holds the bodies
            // as HTML and as text, and would otherwise hold every one as Markdown too.
            if memory == nil { result.statement = statement.readingBody(from: path, offset: bodyOffset) }
            return (result, digest, entry, stamp)
        }
        // What the next build keeps of each file, gathered on another core while the statements
        // are checked and assembled here.
        let vocabularyDigests = digests
        typealias Gathered = (
            digests: [String: String], cached: [String: BuildCache.CachedStatement], reused: Int,
            stamps: [String: BuildCache.Stamp]
        )
        let gathering = Background { [cache] () -> Gathered in
            var digests = vocabularyDigests
            var cached: [String: BuildCache.CachedStatement] = [:]
            var stamps: [String: BuildCache.Stamp] = [:]
            var reused = 0
            digests.reserveCapacity(digests.count + statementFiles.count)
            cached.reserveCapacity(statementFiles.count)
            stamps.reserveCapacity(statementFiles.count)
            for (file, (_, digest, entry, stamp)) in zip(statementFiles, read) {
                stamps[file] = stamp
                if let entry, let earlier = cache[file], earlier.digest == entry.digest,
                    earlier.readerKey == entry.readerKey, earlier.stamp == entry.stamp
                {
                    reused += 1
                }
                digests[file] = digest
                cached[file] = entry
            }
            return (digests, cached, reused, stamps)
        }
        let results = read.map(\.0)

        var statements: [Statement] = []
        var unrecorded: [String: String] = [:]
        var firstFileForID: [String: String] = [:]
        var draftsLeftOut = 0
        for result in results {
            diagnostics.record(contentsOf: result.diagnostics)
            unrecorded.merge(result.unrecordedOrganisations) { first, _ in first }
            guard let statement = result.statement else { continue }
            if let first = firstFileForID[statement.id] {
                diagnostics.error(
                    .duplicate(statement.id, field: "statement slug", first: first),
                    at: SourceLocation(file: statement.file))
                continue
            }
            firstFileForID[statement.id] = statement.file
            if let file = statement.source?.file {
                let components = file.split(separator: "/")
                if file.hasPrefix("/") || components.contains("..") || components.contains(".") {
                    diagnostics.error(
                        .expected("a path inside the archive, relative to its root, e.g. seeds/x.txt", field: "source.file"),
                        at: sourceFileLocation(in: statement.file))
                    continue
                }
                if !FileManager.default.fileExists(atPath: url(file).path) {
                    diagnostics.error(.missingCapture(file), at: sourceFileLocation(in: statement.file))
                    continue
                }
            }
            if statement.isDraft && !includeDrafts {
                draftsLeftOut += 1
            } else {
                statements.append(statement)
            }
        }
        guard diagnostics.errors.isEmpty else { throw ContentErrors(diagnostics.errors) }

        let adHoc = unrecorded.map { Organisation(id: $0.key, name: $0.value, isRecorded: false) }
        let archive = Archive(
            settings: settings, statements: statements, organisations: vocabulary.organisations + adHoc,
            demands: vocabulary.demands, tags: vocabulary.tags)
        let gathered = gathering.value
        return Loaded(
            archive: archive, warnings: diagnostics.warnings, draftsLeftOut: draftsLeftOut, digests: gathered.digests,
            cached: gathered.cached, reused: gathered.reused, readerKey: readerKey, stamps: gathered.stamps)
    }

    /// Where a statement's `source.file` is written, read again for an error message.
    private func sourceFileLocation(in file: String) -> SourceLocation {
        var ignored = Diagnostics()
        guard case .success(let bytes) = TextFile.contents(of: url(file).path),
            let text = String(validating: Self.unifyingLineEnds(bytes), as: UTF8.self),
            let split = try? FrontMatter(splitting: text, file: file),
            let root = (try? YAMLValue.parse(split.yaml, file: file, lineOffset: split.yamlLineOffset)) ?? nil,
            let source = root.mapping(field: "", diagnostics: &ignored)?["source"]
        else { return SourceLocation(file: file) }
        return source.mapping(field: "", diagnostics: &ignored)?["file"]?.location ?? source.location
    }

    /// The body of a statement file whose line ends are unified (`unifyingLineEnds`), which starts
    /// at `offset`, in bytes.
    static func body(of bytes: Data, from offset: Int) -> String {
        String(decoding: bytes.dropFirst(offset), as: UTF8.self)
    }

    /// Whether the bytes hold a NUL, which text never does.
    static func holdsNUL(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { buffer in
            buffer.count > 0 && memchr(buffer.baseAddress!, 0, buffer.count) != nil
        }
    }

    /// The bytes with every carriage return that no line feed follows made a line feed.
    static func unifyingLineEnds(_ bytes: Data) -> Data {
        // Searched with `memchr`: `Data`'s own search reads a byte at a time, and nearly every
        // file has no carriage return at all.
        let found = bytes.withUnsafeBytes { buffer -> Int? in
            guard let base = buffer.baseAddress, let hit = memchr(base, 0x0D, buffer.count) else { return nil }
            return UnsafeRawPointer(hit) - base
        }
        guard let offset = found else { return bytes }
        let first = bytes.startIndex + offset
        var result = bytes
        var index = first
        while index < result.endIndex {
            if result[index] == 0x0D && (index + 1 == result.endIndex || result[index + 1] != 0x0A) { result[index] = 0x0A }
            index += 1
        }
        return result
    }

    /// The digest of every file loading reads, by path relative to the root, without parsing any:
    /// enough to tell that nothing changed since a build. With them, the statement files checked,
    /// which `load` need not check again when something did change (see `read`). A statement file
    /// the cache knows unchanged by its stamp is not read.
    func digests() -> (digests: [String: String], checked: [String: Checked]) {
        var diagnostics = Diagnostics()
        let statements = statementFiles(diagnostics: &diagnostics)
        let files = ["archive.yml"] + VocabularyFiles.vocabularyPaths + statements
        let base = basePath
        let memory = self.memory
        let cache = self.cache
        let firstStatement = files.count - statements.count
        let found = Array(files.enumerated()).concurrentMap { index, file -> Checked? in
            let path = base + file
            var stamp = BuildCache.Stamp.of(path)
            if let digest = memory?.digest(of: file, now: stamp) ?? cache[file]?.digest(ifUnchanged: stamp) {
                stamp?.digest = digest
                return Checked(digest: digest, stamp: stamp)
            }
            if index >= firstStatement, case .success(let data) = TextFile.contents(of: path) {
                let digest = BuildCache.digest(data)
                stamp?.digest = digest
                return Checked(digest: digest, stamp: stamp, contents: data)
            }
            return FileManager.default.contents(atPath: path).map { Checked(digest: BuildCache.digest($0)) }
        }
        var digests: [String: String] = [:]
        var checked: [String: Checked] = [:]
        digests.reserveCapacity(files.count)
        checked.reserveCapacity(statements.count)
        for (index, (file, found)) in zip(files, found).enumerated() {
            guard let found else { continue }
            digests[file] = found.digest
            if index >= firstStatement { checked[file] = found }
        }
        return (digests, checked)
    }

    private func url(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    /// The root's path ending in `/`, to which a relative path is appended: making a URL for
    /// each of ten thousand files costs more than reading whether it changed.
    private var basePath: String {
        root.path.hasSuffix("/") ? root.path : root.path + "/"
    }

    /// Every `.md` file under `content/statements`, relative to the root, sorted.
    private func statementFiles(diagnostics: inout Diagnostics) -> [String] {
        let folder = url("content/statements")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            diagnostics.error(.missingFolder("content/statements"), at: SourceLocation(file: "content"))
            return []
        }
        var files: [String] = []
        Self.collectStatementFiles(in: folder.path, relative: "content/statements", into: &files)
        return files.sorted()
    }

    /// Adds the `.md` files in `folder` and every folder below it (not following symbolic links),
    /// leaving out names that begin with `.` or `_`. Read with `readdir`, which at ten
    /// thousand files takes a fraction of what `FileManager`'s enumerator does.
    private static func collectStatementFiles(in folder: String, relative: String, into files: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isFolder = entry.pointee.d_type == DT_DIR
            if entry.pointee.d_type == DT_UNKNOWN {
                var info = stat()
                isFolder = lstat(folder + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            // A folder named like a statement is listed too, for the error that reading it gives.
            if name.hasSuffix(".md"), !name.hasPrefix("."), !name.hasPrefix("_") {
                files.append(relative + "/" + name)
            }
            if isFolder {
                collectStatementFiles(in: folder + "/" + name, relative: relative + "/" + name, into: &files)
            }
        }
    }
}
