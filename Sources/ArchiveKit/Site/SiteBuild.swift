import Foundation

/// `archive build`: load and validate everything, render every page, then write the site in one step.
public struct SiteBuild: Sendable {
    /// What a finished build did.
    public struct Report: Sendable {
        /// What was published and noticed.
        public var summary: Summary
        /// How many files the site has.
        public var fileCount: Int
        /// How many files were written, because they were new or their bytes changed.
        public var written: Int
        /// How many files were removed because they no longer belong to the site.
        public var removed: Int
        /// The paths written or removed, sorted.
        public var changed: [String] = []
        /// How many pages had their key made; the others' inputs were known unchanged.
        public var keyed = 0
        /// The files made from the whole archive (search index, feeds, data), sorted; the others
        /// were kept as the last build made them, their inputs unchanged.
        public var madeFromArchive: [String] = []
        /// How long each phase took.
        public var timings: Timings
    }

    /// What a build published and noticed, kept with the cache so that a build with nothing to do
    /// reports the same as the one before it.
    public struct Summary: Sendable, Codable {
        /// How many statements, organisations, demands and tags the site shows.
        public var statements: Int
        public var organisations: Int
        public var demands: Int
        public var tags: Int
        /// Warnings found while loading, sorted by file.
        public var warnings: [ContentError]
        /// Drafts left out.
        public var draftsLeftOut: Int
        /// Statements still under review: their files, and the fields to check, by file.
        public var underReview: [String: [String]]

        init(_ loaded: ArchiveLoader.Loaded, theme: Theme) {
            let archive = loaded.archive
            statements = archive.statements.count
            organisations = archive.organisations.count
            demands = archive.demands.count
            tags = archive.tags.count
            let demandless = archive.statements.filter(\.demands.isEmpty).map {
                ContentError(file: $0.file, reason: .noDemands, severity: .warning)
            }
            warnings = (loaded.warnings + theme.warnings + demandless).sorted()
            draftsLeftOut = loaded.draftsLeftOut
            underReview = Dictionary(uniqueKeysWithValues: archive.statementsUnderReview.map { ($0.file, $0.review) })
        }
    }

    /// The archive's root folder.
    public var root: URL
    /// Where the site goes; `<root>/site` by default.
    public var output: URL
    /// Whether drafts are published.
    public var includeDrafts: Bool
    /// Where the build shows how far it has got, if anywhere.
    public var progress: BuildProgress?
    /// Whether the previous build's cache is used; without it everything is read, rendered and written.
    public var incremental = true
    /// Whether warnings and statements under review fail the build, before anything is written.
    public var strict = false
    /// What a long-running process keeps between its builds, to skip reading the cache and unchanged files.
    public var memory: BuildCache.Memory?
    /// Told the paths of the pages written or removed as soon as they are, before the search
    /// index is built and written (which then waits for them): `archive serve` reloads pages then.
    public var pagesWritten: (@Sendable ([String]) -> Void)?
    /// Whether what the build holds is left for the process's exit to reclaim rather than freed as
    /// the build returns: for a process that exits right after the build, as `archive build` does.
    public var leavesMemoryToExit = false
    /// Whether the C allocator is told, once the statements are counted, how to treat freed
    /// memory (`FreedMemory.tune(forStatements:)`): for a process that makes one build, as
    /// `archive build` does. It is the process's setting, not the build's.
    public var tunesFreedMemory = false

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
    /// Every page that has to be rendered is rendered, and so every error found, before anything
    /// is written. With the cache of the previous build (`BuildCache`), only statements whose files
    /// changed are read again, only pages whose key changed are rendered, and only files whose
    /// bytes changed are written; otherwise the whole site is written to a staging folder that then
    /// takes the old one's place. The search index, which cannot fail, is built while the pages are
    /// written, on the cores that writing leaves idle.
    @discardableResult
    public func run() throws -> Report {
        var timings = Timings()
        let started = ContinuousClock.now
        // Nothing to do when every input is as the last build into this folder found it, and every
        // file it wrote is still there as written.
        let remembered = incremental ? memory?.site(output: output) : nil
        // The statements the last build parsed, and the stamps of their files, read on another core
        // while the site's cache is read and checked.
        let root = self.root
        let readCached = incremental && memory?.cachedStatements == nil ? Background { BuildCache.statements(root: root) } : nil
        let previous = remembered ?? (incremental ? timings.measure("read site cache") { BuildCache.site(root: root, output: output) } : nil)
        // A process that remembers its builds wrote the files it remembers itself, into a folder
        // of its own (`archive serve`'s preview), and trusts them; otherwise each is checked, on
        // another core while the sources are.
        let checking = remembered != nil ? nil : Background { [output] in
            previous.map { BuildCache.intact($0.files, in: output) } ?? []
        }
        var checked: Set<String>?
        func waitForCheck(_ timings: inout Timings) -> Set<String>? {
            if checked == nil, let checking { checked = timings.measure("check site") { checking.value } }
            return checked
        }
        // A process that remembers its builds rebuilds because a source changed, and skips the check.
        // The statement files read to find out, which loading then need not read again.
        var alreadyRead: [String: ArchiveLoader.Checked] = [:]
        // What the check found, kept in case loading finds the same files.
        var checkedInputs: (digests: [String: String], sources: [(String, String)], inputs: String)?
        // The statements the last build parsed: read for the check when there is one.
        var cachedStatements: [String: BuildCache.CachedStatement]?
        if let previous, checking != nil, memory == nil, !strict {
            let cached = timings.measure("read cache") { readCached?.value ?? [:] }
            cachedStatements = cached
            let (digests, read) = timings.measure("check sources") {
                var loader = ArchiveLoader(root: root, includeDrafts: includeDrafts)
                loader.memory = memory
                loader.cache = cached
                return loader.digests()
            }
            let sources = previous.sources.map {
                ($0, FileManager.default.contents(atPath: root.appendingPathComponent($0).path).map(BuildCache.digest) ?? "")
            }
            let inputs = inputsDigest(digests, sources: sources)
            if inputs == previous.inputs, waitForCheck(&timings)?.count == previous.files.count {
                return Report(
                    summary: previous.summary, fileCount: previous.files.count, written: 0, removed: 0, timings: timings)
            }
            alreadyRead = read
            checkedInputs = (digests, sources, inputs)
        }

        // What the last build rendered that may be reused, read on another core while loading.
        let readRenderings = incremental && memory?.renderings == nil ? Background { BuildCache.renderings(root: root) } : nil
        var cache = BuildCache(root: root)
        let cached = cachedStatements ?? timings.measure("read cache") {
            incremental ? memory?.cachedStatements ?? readCached?.value ?? [:] : [:]
        }
        let (builder, loaded) = try load(timings: &timings, cache: cached, read: alreadyRead, related: previous?.related)
        if tunesFreedMemory { FreedMemory.tune(forStatements: loaded.archive.statements.count) }
        let isIntact: @Sendable (String) -> Bool = { [checked = waitForCheck(&timings)] path in
            checked?.contains(path) ?? true
        }
        cache.statements = loaded.cached
        let archive = loaded.archive
        if strict {
            let summary = Summary(loaded, theme: builder.theme)
            let review = summary.underReview.map { ContentError(file: $0.key, reason: .underReview($0.value)) }
            let problems = summary.warnings.map { ContentError(file: $0.file, line: $0.line, column: $0.column, reason: $0.reason) }
            if !(problems + review).isEmpty { throw ContentErrors(problems + review) }
        }
        // Published at sources/<path relative to the root>.
        let sources = builder.sources.map { (String($0.path.dropFirst("sources/".count)), BuildCache.digest($0.contents)) }
        let inputs =
            checkedInputs.flatMap { checked in
                checked.digests == loaded.digests && checked.sources.elementsEqual(sources, by: ==) ? checked.inputs : nil
            } ?? inputsDigest(loaded.digests, sources: sources)

        // Pages whose key is unchanged and whose file is intact are left alone.
        let pages = builder.pages
        // A statement's values are made from its file and, besides, only from the vocabularies, the
        // language, the words, the organisations without a record and the published sources.
        let world = BuildCache.digest(
            [loaded.readerKey, ContextDigest.digest(builder.theme.strings)]
                + archive.organisations.values.filter { !$0.isRecorded }.map { "\($0.id)=\($0.name)" }.sorted()
                + builder.sources.map(\.path))
        // In the archive's order, and by id.
        let (keysByPosition, itemKeys) = timings.measure("statement keys") {
            let keys = archive.statements.concurrentMap {
                BuildCache.digest([world, $0.file, loaded.digests[$0.file] ?? ""])
            }
            return (keys, Dictionary(uniqueKeysWithValues: zip(archive.statements.map(\.id), keys)))
        }
        // The parsed statements are saved while the site is made, once their keys, which the
        // pages wait for, are made: they are kept by their files' digests, so a build that fails
        // after this leaves nothing in them that is not true.
        let statementsCache = cache
        let savingStatements = loaded.reused != loaded.cached.count
            ? Background { [output] in statementsCache.save(output: output, statements: true) } : nil
        // Keys are made only for the pages whose inputs changed since the last build.
        let common = BuildCache.digest(
            [world, String(includeDrafts)] + settingsDigests(loaded)
                + builder.theme.templateKeys.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        let updating = previous != nil && FileManager.default.fileExists(atPath: output.path)
        // Whether the files made from the whole archive are made again. Someone waiting for the
        // pages is told of them first, and this is found after.
        let wholeArchive: @Sendable () -> (key: String, kept: Bool) = { [previous, loaded, builder] in
            let key = self.wholeArchiveDigest(loaded, builder)
            return (key, previous.map { $0.whole == key && $0.wholeFiles.allSatisfy(isIntact) } ?? false)
        }
        // Found on another core, unless someone waits for the pages.
        let wholeBeside = pagesWritten == nil ? Background(wholeArchive) : nil
        var whole: (key: String, kept: Bool)?
        // `whole`, found now if it waited for the pages.
        func wholeOnce() -> (key: String, kept: Bool) {
            let made = whole ?? wholeBeside?.value ?? wholeArchive()
            whole = made
            return made
        }
        // What the files made from the whole archive read besides statements, and what of the last
        // build's they may keep: files whose keys are unchanged, records of unchanged statements.
        let outputCommon = BuildCache.digest(["outputs", world] + settingsDigests(loaded))
        let earlierKeys = (updating ? previous : nil).map { previous in
            Dictionary(uniqueKeysWithValues: previous.wholeFiles.compactMap { path in
                previous.pages[path].flatMap { isIntact(path) ? (path, $0) : nil }
            })
        } ?? [:]
        let dataPaths = [OpenData.statementPaths.json, OpenData.statementPaths.csv]
        let earlierRecords = updating ? previous?.records.flatMap { dataPaths.allSatisfy(isIntact) ? $0 : nil } : nil
        let folder = output
        let earlierSearch = updating ? previous.flatMap { previous -> SearchIndex.State? in
            let shards = previous.wholeFiles.filter(SearchIndex.Earlier.isShard)
            return shards.allSatisfy(isIntact) ? previous.search : nil
        } : nil
        let wholeFilesBefore = previous?.wholeFiles ?? []
        // With a staging folder for a whole site, each kind of file is written into it as soon as
        // it is made, and let go.
        let buildIndex: @Sendable (
            _ kept: Bool, _ bodies: [String: CommonMark.Rendering], _ staging: SiteWriter.Staging?
        ) -> (files: ArchiveFiles, timings: Timings) = { kept, bodies, staging in
            var timings = Timings()
            guard !kept else { return (ArchiveFiles(), timings) }
            let all = SiteBuilder.RenderedSite(
                pages: [], archive: archive, bodies: bodies, strings: builder.theme.strings, pagePaths: builder.pagePaths)
            let keys = OutputKeys(
                common: outputCommon, statements: itemKeys.mapValues { BuildCache.digest([outputCommon, $0]) },
                earlier: earlierKeys)
            var earlier = SiteBuilder.EarlierOutputs()
            earlier.data = earlierRecords.flatMap { records -> OpenData.Earlier? in
                let files = dataPaths.compactMap { path -> OpenData.Earlier.File? in
                    let path = folder.appendingPathComponent(path).path
                    var info = stat()
                    return stat(path, &info) == 0 ? OpenData.Earlier.File(path: path, size: Int(info.st_size)) : nil
                }
                return files.count == 2 ? OpenData.Earlier(records: records, json: files[0], csv: files[1]) : nil
            }
            earlier.search = timings.measure("read search index") {
                earlierSearch.flatMap { SearchIndex.Earlier.read(state: $0, paths: wholeFilesBefore, folder: folder) }
            }
            let outputs = all.archiveFiles(keys: keys, earlier: earlier, staging: staging, timings: &timings)
            return (ArchiveFiles(outputs), timings)
        }
        // After a small change the files made from the whole archive start now, beside the pages'
        // inputs, keys and rendering, and render the few bodies they need themselves. A change is
        // small when what every page reads is unchanged and few statements are new, changed or gone.
        let knownItems = memory?.itemDigests ?? previous?.items ?? [:]
        let itemDigests = timings.measure("item digests") {
            builder.itemDigests(known: knownItems, keys: keysByPosition)
        }
        // Statements new or changed: those whose item digest was not known.
        let changed = itemDigests.made
        let gone = max(0, (previous?.summary.statements ?? 0) - (archive.statements.count - changed))
        let small = previous?.common == common && changed + gone <= max(64, archive.statements.count / 8)
        let earlyIndex = updating && small
            ? wholeBeside.map { beside in Background { buildIndex(beside.value.kept, [:], nil) } } : nil
        let pageInputs = timings.measure("page inputs") {
            builder.pageInputs(
                common: common, statementKeys: itemKeys, keys: keysByPosition, items: itemDigests.byPosition)
        }
        var reusable: [String: String] = [:]
        if let previous {
            // Every page's input compared with the last build's, on all cores.
            let known = memory?.pageInputs(output: output) ?? previous.pageInputs
            let entries = Array(pageInputs)
            let found = entries.concurrentMap { path, input in known[path] == input ? previous.pages[path] : nil }
            reusable.reserveCapacity(found.count)
            for ((path, _), key) in zip(entries, found) { if let key { reusable[path] = key } }
        }
        // Someone waiting for the pages is told of the others first: the matrix and the timeline
        // pages, which show any number of statements, are keyed, rendered and written after. They
        // cannot fail to render, since the theme's check found their templates, so every error is
        // still found before anything is written.
        let deferring = pagesWritten != nil && updating
        let later = deferring ? pages.filter(\.showsAnyNumberOfStatements) : []
        let laterPaths = Set(later.map(\.path))
        let (keying, soonerKeys) = timings.measure("page keys") {
            let keying = builder.pageKeys(items: itemDigests, itemKeys: itemKeys)
            let keys = laterPaths.isEmpty
                ? keying.keys(of: pages, paths: builder.pagePaths, reusing: reusable)
                : keying.keys(of: pages.filter { !laterPaths.contains($0.path) }, reusing: reusable)
            return (keying, keys)
        }
        var keys = soonerKeys
        // A page is made again when its key changed or its file is not as written.
        let changedSince: @Sendable (_ path: String, _ keys: [String: String]) -> Bool = { [previous] path, keys in
            previous?.pages[path] != keys[path] || !isIntact(path)
        }
        func isStale(_ path: String) -> Bool { changedSince(path, keys) }
        // Found on all cores.
        let staleFlags = builder.pagePaths.concurrentMap { [keys] path in
            !laterPaths.contains(path) && changedSince(path, keys)
        }
        let stale = zip(pages, staleFlags).filter(\.1).map(\.0)
        let staleStatements = stale.compactMap { page -> Statement? in
            if case .statement(let statement) = page { statement } else { nil }
        }
        // The pages need their statements' bodies; the files made from the whole archive need the
        // text of every body, and render as plain text alone the bodies no page needed.
        // Demand pages show the evidence found in the bodies of the statements they list, which
        // an earlier build may have found: it stands as long as the statement's key does.
        let earlier = incremental ? (memory?.renderings ?? readRenderings?.value) : nil
        let evidenced = Set(stale.flatMap { page -> [String] in
            if case .list(.demand, _, _) = page { builder.statementIDs(listedOn: page) } else { [] }
        })
        let staleIDs = Set(staleStatements.map(\.id))
        var knownEvidence: [String: [String: Evidence]] = [:]
        var staleBodies = staleStatements
        for statement in archive.statements where evidenced.contains(statement.id) && !staleIDs.contains(statement.id) {
            if let found = itemKeys[statement.id].flatMap({ earlier?.evidence[$0] }) {
                knownEvidence[statement.id] = found
            } else {
                staleBodies.append(statement)
            }
        }
        let bodies = try timings.measure("render bodies") { try builder.renderBodies(of: staleBodies) }
        // A list item is rendered again only when its statement's values or what every page reads
        // changed; the others are as an earlier build rendered them.
        let listed = Set(stale.flatMap(builder.statementIDs(listedOn:)))
        // A partial rendered apart reads, besides its statement's values, the templates it
        // reaches, and the settings, vocabularies and words every page reads. What the last build
        // rendered of it from the same is taken; the rest of what the pages `wanted` is rendered.
        func apart(
            _ template: String, _ phase: String, _ wanted: Set<String>, earlier part: BuildCache.Renderings.Partial?,
            by render: ([Statement]) -> [String: String]
        ) -> RenderedApart {
            let key = BuildCache.digest([world] + self.settingsDigests(loaded) + [builder.theme.templateKeys[template] ?? ""])
            let earlier = part?.key == key ? part?.html ?? [:] : [:]
            let made = timings.measure(phase) {
                Self.rendering(archive.statements, wanted, reusing: earlier, digests: itemDigests.byID, by: render)
            }
            return RenderedApart(key: key, earlier: earlier, made: made)
        }
        let items = apart("statement-item", "render list items", listed, earlier: earlier?.items, by: builder.renderItems)
        // The same for the references on organisations' matrix pages and the entries on the
        // years' timeline pages, when pages are brought up to date; a whole site renders them
        // with their pages, on both cores beside the search index.
        let references = apart(
            "reference", "render references", updating ? Set(stale.flatMap(builder.statementIDs(referencedOn:))) : [],
            earlier: earlier?.references, by: builder.renderReferences)
        let entries = apart(
            "timeline-entry", "render timeline entries", updating ? Set(stale.flatMap(builder.statementIDs(enteredOn:))) : [],
            earlier: earlier?.entries, by: builder.renderEntries)
        let renderer = timings.measure("page values") {
            builder.renderer(
                for: stale, bodies: bodies, items: items.made, evidence: knownEvidence, references: references.made,
                entries: entries.made)
        }
        // What the next build may reuse: every item, reference, timeline entry and statement's
        // evidence known now, made and saved on another core while the pages are made, if anything
        // changed. Items, references and entries are kept by their digests and the key of what
        // they were rendered from, evidence by statements' keys, so a build that fails after this
        // leaves nothing in them that is not true.
        let keeping = Background { [found = renderer.values.evidenceFound] () -> BuildCache.Renderings in
            let digests = itemDigests.byID
            var next = BuildCache.Renderings(
                items: .init(key: items.key), references: .init(key: references.key), entries: .init(key: entries.key))
            next.items.html.reserveCapacity(archive.statements.count)
            next.evidence.reserveCapacity(archive.statements.count)
            for statement in archive.statements {
                if let digest = digests[statement.id] {
                    items.keep(statement.id, digest, into: &next.items)
                    references.keep(statement.id, digest, into: &next.references)
                    entries.keep(statement.id, digest, into: &next.entries)
                }
                if let key = itemKeys[statement.id], let evidence = found[statement.id] ?? earlier?.evidence[key] {
                    next.evidence[key] = evidence
                }
            }
            if next != earlier { BuildCache.save(next, root: root) }
            return next
        }
        let fixedFiles = builder.theme.assets + builder.sources + [SiteBuilder.noJekyll]
        // Pages brought up to date are rendered before any is written. A whole site is written to a
        // staging folder, each page as soon as it is rendered and the files made from the whole
        // archive as soon as they are made, and nothing is held once written.
        var writer = SiteWriter(output: output, root: root)
        writer.progress = progress
        let staging = updating ? nil : try writer.stage()
        // Built while the pages are rendered or written, unless someone waits for the pages alone: then after.
        let index = earlyIndex
            ?? wholeBeside.map { beside in Background { buildIndex(beside.value.kept, bodies, staging) } }
        // A file made again is written beside the site when its bytes differ from the file the last
        // build wrote, and let go when they do not; none moves into the site before every page is
        // rendered.
        let replace: @Sendable (OutputFile, SiteWriter.Replacements) -> Void = { [previous] file, replacements in
            let old = isIntact(file.path) ? previous?.files[file.path] : nil
            let compared = old.map { SiteWriter.holds(file, at: SiteWriter.path(file.path, in: folder), written: $0) }
            if compared?.same != true { replacements.add(file, digest: compared?.digest) }
        }
        let replacements = updating ? try writer.replacements() : nil
        var renderedPaths: [String] = []
        if let replacements {
            try timings.measure("render pages") {
                do {
                    renderedPaths = try SiteBuilder.rendered(stale.concurrentMap { page in
                        renderer.render(page).map { file in
                            replace(file, replacements)
                            return file.path
                        }
                    })
                } catch {
                    replacements.discard()
                    throw error
                }
            }
        }
        var written: SiteWriter.Written = [:]
        var files: [String: BuildCache.WrittenFile] = [:]
        var removed: [String] = []
        var indexFiles = ArchiveFiles()
        var indexTimings = Timings()
        var laterTimings = Timings()
        // A write that fails part way may leave files other than remembered.
        do {
            if let previous, let replacements {
                try timings.measure("write") {
                    let wholeFiles = Set(previous.wholeFiles)
                    // Every file the last build wrote is kept as it was, unless it is written again
                    // (new, or its bytes changed) or removed.
                    files = previous.files
                    // Moves the files written beside the site into place, and removes those of the
                    // last build `among` the ones considered that are neither `made` nor `kept`.
                    func settle(
                        _ replacements: SiteWriter.Replacements, made: [String], kept: [String], among: (String) -> Bool
                    ) throws -> [String] {
                        let current = Set(made).union(kept)
                        let gone = previous.files.keys.filter { among($0) && !current.contains($0) }.sorted()
                        for path in gone { files.removeValue(forKey: path) }
                        let done = try writer.commit(replacements, removing: gone)
                        written.merge(done) { _, new in new }
                        removed += gone
                        return Array(done.keys) + gone
                    }
                    // Compared on all cores; a file written again keeps the digest made to compare it.
                    func update(_ made: [OutputFile], kept: [String], among: (String) -> Bool) throws -> [String] {
                        let replacements = try writer.replacements()
                        _ = made.concurrentMap { replace($0, replacements) }
                        return try settle(replacements, made: made.map(\.path), kept: kept, among: among)
                    }
                    // Pages first, then the index: a preview can reload as soon as the pages are there.
                    let madePages = Set(stale.map(\.path)).union(laterPaths)
                    _ = fixedFiles.concurrentMap { replace($0, replacements) }
                    let pagesChanged = try settle(
                        replacements, made: renderedPaths + fixedFiles.map(\.path),
                        kept: builder.pagePaths.filter { !madePages.contains($0) },
                        among: { !wholeFiles.contains($0) && !laterPaths.contains($0) })
                    pagesWritten?(pagesChanged.sorted())
                    if pagesWritten != nil {
                        laterTimings.record("pages written and announced, since the build began", since: started)
                    }
                    if !later.isEmpty {
                        let laterKeys = laterTimings.measure("page keys") { keying.keys(of: later, reusing: reusable) }
                        keys.merge(laterKeys) { _, new in new }
                        let laterStale = later.filter { isStale($0.path) }
                        let renderedLater = try laterTimings.measure("render pages") {
                            try builder.render(laterStale, bodies: bodies, items: items.made)
                        }
                        let made = Set(laterStale.map(\.path))
                        let changed = try update(
                            renderedLater, kept: later.map(\.path).filter { !made.contains($0) }, among: laterPaths.contains)
                        pagesWritten?(changed.sorted())
                    }
                    let made = wholeOnce()
                    (indexFiles, indexTimings) = index?.value ?? buildIndex(made.kept, bodies, nil)
                    _ = try update(
                        indexFiles.keyed.made, kept: made.kept ? previous.wholeFiles : indexFiles.keyed.kept,
                        among: { wholeFiles.contains($0) })
                }
            } else if let staging {
                let made = SiteWriter.Made(paths: stale.map(\.path)) { renderer.render(stale[$0]) }
                try timings.measure("render and write pages") {
                    do {
                        try staging.write(made)
                        try staging.write(fixedFiles)
                        let whole = wholeOnce()
                        (indexFiles, indexTimings) = index?.value ?? buildIndex(whole.kept, bodies, staging)
                    } catch {
                        // Nothing is written into the folder once it is removed.
                        _ = index?.value
                        staging.discard()
                        throw error
                    }
                    written = try writer.commit(staging)
                }
                pagesWritten?(written.keys.sorted())
            }
        } catch {
            replacements?.discard()
            memory?.forgetSite(output: output)
            throw error
        }
        files.merge(written) { _, new in new }
        timings.append(laterTimings, suffix: " (during write)")
        timings.append(indexTimings, suffix: index == nil ? "" : " (during write)")

        let summary = Summary(loaded, theme: builder.theme)
        // The files made from the whole archive: as the last build left them when none was made again.
        let wholeKept = whole?.kept == true
        let wholeFiles = wholeKept ? previous?.wholeFiles ?? [] : indexFiles.madePaths + indexFiles.keyed.kept
        if wholeKept, let previous {
            for path in wholeFiles { keys[path] = previous.pages[path] }
        } else {
            keys.merge(indexFiles.keyed.keys) { _, new in new }
        }
        cache.site = BuildCache.WrittenSite(
            inputs: inputs, common: common, sources: sources.map(\.0), summary: summary, files: files, pages: keys,
            whole: whole?.key, wholeFiles: wholeFiles.sorted(),
            records: wholeKept ? previous?.records : indexFiles.records,
            search: wholeKept ? previous?.search : indexFiles.search, pageInputs: pageInputs, items: keying.items,
            related: builder.related)
        memory?.remember(
            statements: loaded.cached, site: cache.site!, output: output, stamps: loaded.stamps,
            bodies: Dictionary(uniqueKeysWithValues: archive.statements.map { ($0.file, $0.body) }), items: keying.items,
            inputs: pageInputs, related: builder.related, renderings: keeping.value)
        timings.measure("save cache") {
            cache.save(output: output, statements: false)
        }
        // Saved on other cores while the site was made; the wait is told apart from the work above.
        timings.measure("wait for saved statements") { _ = savingStatements?.value }
        timings.measure("wait for saved renderings") { _ = keeping.value }
        if leavesMemoryToExit {
            LeftToExit.keep((previous, checked, alreadyRead, cache, statementsCache, cached, loaded, builder))
            LeftToExit.keep((renderer, index, indexFiles, pageInputs, itemDigests, keying, keys, reusable, files))
            LeftToExit.keep((written, itemKeys, bodies, items, earlier, keeping))
        }
        return Report(
            summary: summary, fileCount: files.count, written: written.count, removed: removed.count,
            changed: (Array(written.keys) + removed).sorted(), keyed: pages.count - reusable.count,
            madeFromArchive: indexFiles.madePaths.sorted(), timings: timings)
    }

    /// A partial rendered apart from the pages that insert it: the key of what it is rendered
    /// from, what the last build rendered of it from the same, by the digests of statements'
    /// values, and what this build rendered, by statement id.
    private struct RenderedApart: Sendable {
        let key: String
        let earlier: [String: String]
        let made: [String: String]

        /// Puts a statement's rendering, made now or kept, into what the next build may reuse.
        func keep(_ id: String, _ digest: String, into kept: inout BuildCache.Renderings.Partial) {
            if let html = made[id] ?? earlier[digest] { kept.html[digest] = html }
        }
    }

    /// Renderings of the statements with the ids `wanted`, by id: each taken from `earlier`, which
    /// holds them by the digests of statements' values, when there, else made by `render`.
    private static func rendering(
        _ statements: [Statement], _ wanted: Set<String>, reusing earlier: [String: String], digests: [String: String],
        by render: ([Statement]) -> [String: String]
    ) -> [String: String] {
        var found: [String: String] = [:]
        found.reserveCapacity(wanted.count)
        var missing: [Statement] = []
        for statement in statements where wanted.contains(statement.id) {
            if let html = digests[statement.id].flatMap({ earlier[$0] }) {
                found[statement.id] = html
            } else {
                missing.append(statement)
            }
        }
        return found.merging(render(missing)) { _, new in new }
    }

    /// The files made from the whole archive, as `SiteBuilder.RenderedSite.archiveFiles` gives them.
    private struct ArchiveFiles: Sendable {
        var keyed = KeyedFiles()
        var records: OpenData.Records?
        var search: SearchIndex.State?
        /// The paths of the files made, those written as they were made among them.
        var madePaths: [String] = []

        init() {}

        init(_ outputs: SiteBuilder.ArchiveOutputs) {
            (keyed, records, search) = (outputs.files, outputs.records, outputs.search)
            madePaths = keyed.written + keyed.made.map(\.path)
        }
    }

    /// The digest of everything the site depends on: every file loading reads, every file of the
    /// theme, the published sources and the options.
    private func inputsDigest(_ digests: [String: String], sources: [(String, String)]) -> String {
        let theme = root.appendingPathComponent("theme")
        let themeFiles = Theme.files(in: theme).flatMap { path in
            ["theme/" + path, FileManager.default.contents(atPath: theme.appendingPathComponent(path).path).map(BuildCache.digest) ?? ""]
        }
        let files = digests.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }
        return BuildCache.digest(
            ["drafts", String(includeDrafts), "files"] + files + ["theme"] + themeFiles + ["sources"]
                + sources.flatMap { [$0.0, $0.1] })
    }

    /// The digest of what the files made from the whole archive read (see
    /// `SiteBuilder.RenderedSite.archiveFiles`): every published statement's file, in order, the
    /// vocabularies, the settings, the words and the pages.
    private func wholeArchiveDigest(_ loaded: ArchiveLoader.Loaded, _ builder: SiteBuilder) -> String {
        let statements = loaded.archive.statements.flatMap { [$0.file, loaded.digests[$0.file] ?? ""] }
        return BuildCache.digest(
            ["words", ContextDigest.digest(builder.theme.strings)] + settingsDigests(loaded)
                + statements + ["pages"] + builder.pagePaths)
    }

    /// The digests of the settings and the vocabularies, in a fixed order.
    private func settingsDigests(_ loaded: ArchiveLoader.Loaded) -> [String] {
        (["archive.yml"] + VocabularyFiles.vocabularyPaths).map { loaded.digests[$0] ?? "" }
    }

    /// Loads the content and the theme.
    private func load(
        timings: inout Timings, cache: [String: BuildCache.CachedStatement] = [:],
        read: [String: ArchiveLoader.Checked] = [:],
        related: RelatedStatements? = nil
    ) throws -> (SiteBuilder, ArchiveLoader.Loaded) {
        var loader = ArchiveLoader(root: root, includeDrafts: includeDrafts)
        loader.progress = progress
        loader.cache = cache
        loader.read = read
        loader.memory = memory
        // The theme is loaded beside the content, in the language of the settings. The content's
        // errors and the theme's are reported together, so that one run lists them all.
        let root = self.root
        let loadTheme = { @Sendable (language: String) -> (Result<Theme, any Error>, Timings) in
            var timings = Timings()
            let theme = timings.measure("load theme") {
                Result { try Theme(folder: root.appendingPathComponent("theme"), language: language, displayRoot: root) }
            }
            return (theme, timings)
        }
        let language = VocabularyFiles(root: root).settings().language
        let themeBeside = Background { loadTheme(language) }
        let content = timings.measure("load content") { Result { try loader.load() } }
        var (theme, themeTimings) = themeBeside.value
        // Settings changed in the meantime: the theme is loaded again in their language.
        if case .success(let loaded) = content, loaded.archive.settings.language != language {
            (theme, themeTimings) = loadTheme(loaded.archive.settings.language)
        }
        timings.append(themeTimings, suffix: " (during load)")
        guard case .success(let loaded) = content, case .success(let theme) = theme else {
            var errors: [ContentError] = []
            for result in [content.map { _ in () }, theme.map { _ in () }] {
                guard case .failure(let failure) = result else { continue }
                guard let listed = failure as? ContentErrors else { throw failure }
                errors += listed.errors
            }
            throw ContentErrors(errors)
        }
        let sources = timings.measure("read sources") { sourceFiles(of: loaded.archive) }
        var builder = timings.measure("relate statements") {
            SiteBuilder(archive: loaded.archive, theme: theme, sources: sources, related: memory?.related ?? related)
        }
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
