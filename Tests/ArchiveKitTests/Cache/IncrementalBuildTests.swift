import Foundation
import Testing
@testable import ArchiveKit

@Suite("Incremental builds")
struct IncrementalBuildTests {
    @Test(
        "after every step of a random sequence of changes, the site is byte-identical to a clean build",
        arguments: [(1, false, true), (2, false, true), (3, false, false), (4, true, true), (5, true, true), (6, true, false)])
    func randomChanges(seed: UInt64, remembering: Bool, dated: Bool) throws {
        // Remembering, as `archive serve` builds: the pages are written before the search index.
        // Files dated in the past are known unchanged by their stamps and not read again; files
        // written moments ago always are.
        var archive = try ChangingArchive(seed: seed, statements: 24)
        archive.datesFiles = dated
        if remembering {
            archive.memory = BuildCache.Memory()
        }
        try archive.buildAndCompare(step: "first build")
        // Every kind of change, twice, in a random order, each on a random file or value.
        var kinds = Array(0..<ChangingArchive.kinds) + Array(0..<ChangingArchive.kinds)
        archive.random.shuffle(&kinds)
        for (step, kind) in kinds.enumerated() {
            let change = try archive.applyChange(kind)
            try archive.buildAndCompare(step: "step \(step + 1) (seed \(seed)): \(change)")
        }
    }

    @Test("a build with nothing changed writes nothing, and one edit writes only the pages it shows on")
    func writesOnlyWhatChanged() throws {
        let archive = try ChangingArchive(seed: 7, statements: 40)
        let first = try archive.build()
        #expect(first.written == first.fileCount)
        let again = try archive.build()
        #expect(again.written == 0 && again.removed == 0)
        #expect(again.fileCount == first.fileCount)

        let file = archive.statementFiles[0]
        try archive.edit(file) { $0 + "\nOne more paragraph.\n" }
        let edited = try archive.build()
        // The statement's page, and the search files that hold its text; no list shows the body.
        #expect(edited.written > 0)
        #expect(edited.written < first.fileCount / 4)
        #expect(edited.timings.phases.contains { $0.name == "render pages" })
        // Keys are made only for the pages made from the statement, found by their inputs.
        #expect(edited.keyed > 0 && edited.keyed < first.keyed / 2)
        try archive.compareWithCleanBuild(step: "one edit")
    }

    @Test("a body edit changes no list but the pages of the demands whose evidence it quotes")
    func bodyEditReachesEvidence() throws {
        let archive = try ChangingArchive(seed: 12, statements: 30)
        let file = archive.statementFiles[2]
        try archive.editFrontMatter(file, field: "demands", value: "[new-elections]")
        _ = try archive.build()
        // A sentence calling for the demand: the demand's page now quotes it under the statement.
        try archive.edit(file) { $0 + "\nWe call for early elections without delay.\n" }
        let edited = try archive.build()
        #expect(edited.changed.contains { $0.hasPrefix("demands/new-elections/") })
        // Lists, the matrix and the timeline show no body: their pages are not even keyed again.
        let lists = ["organisations/", "timeline/", "tags/", "matrix/", "statements/page"]
        #expect(!edited.changed.contains { path in path.hasSuffix(".html") && lists.contains { path.hasPrefix($0) } })
        try archive.compareWithCleanBuild(step: "a body edit that quotes a demand")
    }

    @Test("a statement file whose size, modification time and inode are unchanged is not read again; --clean reads it")
    func trustsUnchangedStamps() throws {
        let archive = try ChangingArchive(seed: 14, statements: 6)
        _ = try archive.build()
        // Bytes replaced by as many others, and the time put back: nothing tells the change.
        let file = archive.statementFiles[2]
        let url = archive.root.appendingPathComponent(file)
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
        let text = try String(contentsOf: url, encoding: .utf8)
        let unseen = text.replacingOccurrences(of: "Workers and peasants", with: "Workers and students")
        #expect(unseen != text && unseen.utf8.count == text.utf8.count)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(unseen.utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
        // Another statement edited: the file is taken as the cache knows it, and its page is kept.
        try archive.edit(archive.statementFiles[4]) { $0 + "\nLater text.\n" }
        _ = try archive.build()
        let id = String(file.dropFirst("content/statements/".count).dropLast(3))
        let page = try String(
            contentsOf: archive.output.appendingPathComponent("statements/\(id)/index.html"), encoding: .utf8)
        #expect(page.contains("Workers and peasants"), "the file was read again")
        var clean = SiteBuild(root: archive.root, output: archive.output)
        clean.incremental = false
        _ = try clean.run()
        let rebuilt = try String(
            contentsOf: archive.output.appendingPathComponent("statements/\(id)/index.html"), encoding: .utf8)
        #expect(rebuilt.contains("Workers and students") && !rebuilt.contains("Workers and peasants"))
    }

    @Test("the cache reads back what it wrote, whatever the paths and keys hold")
    func cacheRoundTrip() throws {
        let archive = try ChangingArchive(seed: 13, statements: 2)
        let summary = try archive.build().summary
        let root = archive.root
        let output = root.appendingPathComponent("elsewhere")
        let odd = ["plain/index.html", "tab\there", "line\nbreak", "back\\slash\\t", "á é/ñ", "\r", ""]
        var cache = BuildCache(root: root)
        cache.site = BuildCache.WrittenSite(
            inputs: "inputs", sources: odd, summary: summary,
            files: Dictionary(uniqueKeysWithValues: odd.enumerated().map {
                ($1, BuildCache.WrittenFile(digest: "d\($0)", size: $0 * 1000, modified: -Int64($0)))
            }),
            pages: Dictionary(uniqueKeysWithValues: odd.map { ($0, "key\t" + $0) }), whole: nil, wholeFiles: odd,
            records: OpenData.Records(spans: [
                .init(key: "a", json: 0..<1, csv: 2..<3), .init(key: "b", json: 4..<5, csv: 6..<7),
            ]),
            pageInputs: Dictionary(uniqueKeysWithValues: odd.map { ($0 + "\n", $0) }), items: ["i": "j"],
            related: RelatedStatements(positions: ["a": [3, 1, 2], "tab\there": [], "b": [0]], key: "k"))
        cache.save(output: output)
        let read = try #require(BuildCache.site(root: root, output: output))
        #expect(read.files == cache.site?.files)
        #expect(read.pages == cache.site?.pages)
        #expect(read.pageInputs == cache.site?.pageInputs)
        #expect(read.items == ["i": "j"])
        #expect(read.records == cache.site?.records)
        #expect(read.wholeFiles == odd && read.sources == odd)
        #expect(read.related?.positions == ["a": [3, 1, 2], "tab\there": [], "b": [0]] && read.related?.key == "k")

        let html = Dictionary(uniqueKeysWithValues: odd.map { ("d" + $0, "<p>\n" + $0 + "</p>\u{1}root\u{1}") })
        let renderings = BuildCache.Renderings(
            items: .init(key: "items", html: html), references: .init(key: "", html: html.mapValues { "<li>" + $0 }),
            entries: .init(key: "entries\n", html: html.mapValues { $0 + "\t" }),
            evidence: [
                "k\t": ["a": Evidence(sentence: "One\nsentence.", phrase: nil), "b": Evidence(sentence: "Two.", phrase: "")],
                "": [:],
            ])
        BuildCache.save(renderings, root: root)
        #expect(BuildCache.renderings(root: root) == renderings)
    }

    @Test("after one edit, only the feeds and the search result that show the statement are made again")
    func makesOnlyTheOutputsAnEditReaches() throws {
        let archive = try ChangingArchive(seed: 12, statements: 40)
        let first = try archive.build()
        let feeds = first.madeFromArchive.filter { $0.hasSuffix("feed.xml") }
        let documents = first.madeFromArchive.filter { $0.hasPrefix("search/d/") }
        #expect(feeds.count > 10 && documents.count > 40)

        let file = archive.statementFiles[5]
        try archive.editFrontMatter(file, field: "date", value: "2023-01-15")
        _ = try archive.build()
        try archive.edit(file) { $0 + "\nOne more paragraph.\n" }
        let edited = try archive.build()
        let id = String(file.dropFirst("content/statements/".count).dropLast(3))
        let feed = try #require(String(
            data: try Data(contentsOf: archive.output.appendingPathComponent("feed.xml")), encoding: .utf8))
        #expect(feed.contains("/\(id)/"), "the whole archive's feed carries the edited statement")
        let madeFeeds = edited.madeFromArchive.filter { $0.hasSuffix("feed.xml") }
        #expect(madeFeeds.contains("feed.xml"))
        #expect(madeFeeds.count < feeds.count, "feeds without the statement are kept")
        for path in madeFeeds {
            let text = String(decoding: try Data(contentsOf: archive.output.appendingPathComponent(path)), as: UTF8.self)
            #expect(text.contains("/\(id)/"), "\(path) does not carry the statement yet was made again")
        }
        #expect(edited.madeFromArchive.filter { $0.hasPrefix("search/d/") }.count == 1, "one search result changed")
        #expect(edited.madeFromArchive.contains("data/statements.json"))
        try archive.compareWithCleanBuild(step: "one edit")

        // A setting every feed and record shows: all of them are made again.
        try archive.edit("archive.yml") {
            $0.replacingOccurrences(of: "language: en", with: "language: en\nbase_url: https://example.org/archive/")
        }
        let rebased = try archive.build()
        #expect(rebased.madeFromArchive.filter { $0.hasSuffix("feed.xml") }.count == feeds.count)
        #expect(rebased.madeFromArchive.filter { $0.hasPrefix("search/d/") }.count == documents.count)
        try archive.compareWithCleanBuild(step: "a base address")

        // Data files changed by hand are not copied from: the records are made again.
        try Data("[]\n".utf8).write(to: archive.output.appendingPathComponent("data/statements.json"))
        try archive.edit(archive.statementFiles[9]) { $0 + "\nAnother paragraph.\n" }
        _ = try archive.build()
        try archive.compareWithCleanBuild(step: "a data file changed by hand, then an edit")
    }

    @Test("a statement that moves in the archive's order keeps its search document's file; only the names move")
    func movedDocumentsKeepTheirFiles() throws {
        let archive = try ChangingArchive(seed: 15, statements: 30)
        _ = try archive.build()
        let names = try archive.documentNames()
        #expect(names.count > 30)
        let documents = try Dictionary(uniqueKeysWithValues: names.map { name in
            (name, try Data(contentsOf: archive.output.appendingPathComponent("search/d/\(name).js")))
        })

        // The newest statement becomes the oldest dated one: the documents before it move up one
        // number.
        let newest = try archive.statementFile(ofDocument: 0)
        try archive.editFrontMatter(newest, field: "date", value: "1999-01-01")
        let moved = try archive.build()
        let now = try archive.documentNames()
        let number = try #require(now.firstIndex(of: names[0]))
        #expect(number > 20)
        #expect(now.filter { $0 != names[0] } == Array(names.dropFirst()))
        #expect(try archive.statementFile(ofDocument: number) == newest)
        #expect(moved.madeFromArchive.filter { $0.hasPrefix("search/d/") } == ["search/d/\(names[0]).js"],
            "only the moved statement's document, whose date changed, is made again")
        #expect(moved.madeFromArchive.contains("search/n/0.js"))
        for name in names.dropFirst() {
            let now = try Data(contentsOf: archive.output.appendingPathComponent("search/d/\(name).js"))
            #expect(now == documents[name], "\(name) changed")
        }
        try archive.compareWithCleanBuild(step: "the newest statement made the oldest")
    }

    @Test("list items, references, timeline entries and evidence are taken from the last build's, unless what they show changed")
    func reusesRenderings() throws {
        let archive = try ChangingArchive(seed: 16, statements: 30)
        _ = try archive.build()
        // A whole site renders its references and timeline entries with its matrix and timeline
        // pages; bringing those pages up to date renders them apart, and keeps them.
        #expect(BuildCache.renderings(root: archive.root)?.references.html.isEmpty == true)
        #expect(BuildCache.renderings(root: archive.root)?.entries.html.isEmpty == true)
        try archive.edit("theme/templates/matrix-organisation.mustache") { $0 + "<!-- edited -->\n" }
        try archive.edit("theme/templates/timeline-year.mustache") { $0 + "<!-- edited -->\n" }
        _ = try archive.build()
        // Everything the cache holds changed by hand, to tell what is taken from it.
        var renderings = try #require(BuildCache.renderings(root: archive.root))
        #expect(renderings.items.html.count >= 30)
        #expect(!renderings.references.html.isEmpty)
        #expect(renderings.entries.html.count >= 30)
        #expect(!renderings.evidence.isEmpty)
        let demands = try FileManager.default.contentsOfDirectory(atPath: archive.output.appendingPathComponent("demands").path)
            .filter { !$0.hasSuffix(".html") }
        renderings.items.html = renderings.items.html.mapValues {
            $0.replacingOccurrences(of: "statement-title\"", with: "statement-title reused\"")
        }
        renderings.references.html = renderings.references.html.mapValues { "<!-- reused -->" + $0 }
        renderings.entries.html = renderings.entries.html.mapValues { "<!-- entry reused -->" + $0 }
        let reused = Dictionary(uniqueKeysWithValues: demands.map { ($0, Evidence(sentence: "Reused evidence.", phrase: nil)) })
        renderings.evidence = renderings.evidence.mapValues { _ in reused }
        BuildCache.save(renderings, root: archive.root)
        func shown(_ text: String, under folder: String) throws -> Bool {
            try listFiles(in: archive.output).filter { $0.hasPrefix(folder) }.contains {
                try String(contentsOf: archive.output.appendingPathComponent($0), encoding: .utf8).contains(text)
            }
        }
        #expect(try !shown("reused", under: "") && !shown("Reused", under: ""))

        // The newest statement moves to the first day of the year of the next newest: the lists,
        // demand pages, matrix page and timeline year that show it are rendered again, with the
        // other statements' renderings from the cache.
        let next = try String(contentsOf: archive.root.appendingPathComponent(try archive.statementFile(ofDocument: 1)), encoding: .utf8)
        let year = try #require(next.firstMatch(of: /\ndate: "?(\d{4})/)?.output.1)
        try archive.editFrontMatter(try archive.statementFile(ofDocument: 0), field: "date", value: "\(year)-01-01")
        _ = try archive.build()
        #expect(try shown("statement-title reused", under: "statements/index"), "list items rendered again")
        #expect(try shown("<!-- reused -->", under: "matrix/"), "references rendered again")
        #expect(try shown("<!-- entry reused -->", under: "timeline/"), "timeline entries rendered again")
        #expect(try shown("Reused evidence.", under: "demands/"), "evidence found again")

        // A change to the templates renders every page that shows them again, and so every item,
        // reference and body.
        try archive.edit("theme/templates/statement-item.mustache") { $0 + "<!-- edited -->\n" }
        try archive.edit("theme/templates/reference.mustache") { $0 + "<!-- edited -->\n" }
        try archive.edit("theme/templates/timeline-entry.mustache") { $0 + "<!-- edited -->\n" }
        _ = try archive.build()
        #expect(try !shown("reused", under: "") && !shown("Reused", under: ""))
        try archive.compareWithCleanBuild(step: "renderings changed in the cache, then the templates")
    }

    @Test("remembering its builds, a process makes keys only for the pages an edit can change")
    func keysOnlyWhatAnEditReaches() throws {
        var archive = try ChangingArchive(seed: 8, statements: 40)
        archive.memory = BuildCache.Memory()
        let first = try archive.build()
        let pages = first.keyed
        #expect(pages > 40, "every page keyed at first")
        let file = archive.statementFiles[3]
        try archive.editFrontMatter(file, field: "title", value: "A title no page had")
        let retitled = try archive.build()
        // Its page, the pages listing it or its neighbours as related, its lists and the pages made
        // from the whole archive; not the other statements' pages.
        #expect(retitled.keyed > 1)
        #expect(retitled.keyed < pages / 2)
        try archive.edit("theme/i18n/en.yml") { $0.replacingOccurrences(of: "\nundated: ", with: "\nundated: not dated, ") }
        #expect(try archive.build().keyed == pages, "a word every page may show: every page keyed")
        try archive.compareWithCleanBuild(step: "a title, then a word")
    }

    @Test("a build that fails changes nothing in the output, and the next good build catches up")
    func failedBuildChangesNothing() throws {
        let archive = try ChangingArchive(seed: 11, statements: 12)
        _ = try archive.build()
        let before = archive.snapshot()
        let file = archive.statementFiles[3]
        try archive.edit(file) { $0 + "\nA changed body.\n" }
        try archive.write("---\ntitle: [unclosed\n---\nBroken.\n", to: "content/statements/broken.md")
        #expect(throws: ContentErrors.self) { try archive.build() }
        #expect(archive.snapshot() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.root.path).filter { $0.hasPrefix(".site.") }.isEmpty)
        try FileManager.default.removeItem(at: archive.root.appendingPathComponent("content/statements/broken.md"))
        _ = try archive.build()
        try archive.compareWithCleanBuild(step: "after the failed build")
    }

    @Test("files changed or removed by hand in the output are restored by the next build")
    func repairsTheOutput() throws {
        let archive = try ChangingArchive(seed: 5, statements: 10)
        _ = try archive.build()
        let site = archive.output
        try Data("tampered".utf8).write(to: site.appendingPathComponent("index.html"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("assets/style.css"))
        let report = try archive.build()
        #expect(report.written == 2)
        try archive.compareWithCleanBuild(step: "after tampering")
    }

    @Test("a cache file cut short or filled with other bytes is ignored")
    func damagedCacheIgnored() throws {
        let archive = try ChangingArchive(seed: 17, statements: 12)
        _ = try archive.build()
        let folder = archive.root.appendingPathComponent(BuildCache.folderName)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cache") }.sorted()
        #expect(names.contains("renderings.cache") && names.contains("statements.cache") && names.count == 3)
        for (step, name) in names.enumerated() {
            for damage in [{ (data: Data) in data.prefix(data.count / 2) }, { data in Data(repeating: 0x7F, count: data.count) }] {
                let url = folder.appendingPathComponent(name)
                try damage(try Data(contentsOf: url)).write(to: url)
                try archive.editFrontMatter(archive.statementFiles[step], field: "date", value: "2019-0\(step + 1)-01")
                _ = try archive.build()
                try archive.compareWithCleanBuild(step: "\(name) damaged")
            }
        }
    }

    @Test("the cache is safe to delete, and --clean ignores it")
    func cacheIsDisposable() throws {
        let archive = try ChangingArchive(seed: 9, statements: 8)
        _ = try archive.build()
        let cache = archive.root.appendingPathComponent(BuildCache.folderName)
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent(".gitignore").path))
        BuildCache.remove(root: archive.root)
        try archive.edit(archive.statementFiles[1]) { $0 + "\nLater text.\n" }
        _ = try archive.build()
        try archive.compareWithCleanBuild(step: "after deleting the cache")
        var clean = SiteBuild(root: archive.root, output: archive.output)
        clean.incremental = false
        let report = try clean.run()
        #expect(report.written == report.fileCount)
    }
}

/// An archive in a temporary folder, changed at random and built after each change.
private struct ChangingArchive {
    let root: URL
    let output: URL
    var random: SeededRandom
    let organisations: [String]
    let demands: [String]
    let tags: [String]
    var counter = 0
    var memory: BuildCache.Memory?
    /// Whether files written are dated in the past (see `write`).
    var datesFiles = true

    init(seed: UInt64, statements: Int) throws {
        root = try temporaryFolder()
        output = root.appendingPathComponent("site")
        random = SeededRandom(seed: seed)
        let manager = FileManager.default
        for item in ["archive.yml", "theme", "seeds", "content"] {
            try manager.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let vocabulary = try VocabularyFiles(root: root).load()
        organisations = vocabulary.organisations.map(\.id)
        demands = vocabulary.demands.map(\.id)
        tags = vocabulary.tags.map(\.id)
        for _ in 0..<statements { try addStatement() }
    }

    /// The data an index file of the built site registers, as JSON.
    func registered(_ name: String) throws -> Any {
        let text = try String(contentsOf: output.appendingPathComponent("search/\(name).js"), encoding: .utf8)
        let prefix = "ArchiveSearch.register(\"\(name)\","
        try #require(text.hasPrefix(prefix) && text.hasSuffix(");\n"), "search/\(name).js is not an index file")
        return try JSONSerialization.jsonObject(with: Data(text.dropFirst(prefix.count).dropLast(3).utf8))
    }

    /// The search documents' names, in document order, from the built site's names files.
    func documentNames() throws -> [String] {
        var names: [String] = []
        while let block = try? registered("n/\(names.count / SearchIndex.namesPerFile)") as? [String], !block.isEmpty {
            names += block
            if block.count < SearchIndex.namesPerFile { break }
        }
        return names
    }

    /// The statement file whose search document has `number` in the built site.
    func statementFile(ofDocument number: Int) throws -> String {
        let name = try documentNames()[number]
        let document = try registered("d/\(name)") as? [String: String]
        let path = try #require(document?["p"])
        try #require(path.hasPrefix("statements/") && path.hasSuffix("/index.html"), "search/d/\(name).js has no statement's path")
        return "content/statements/\(path.dropFirst("statements/".count).dropLast("/index.html".count)).md"
    }

    var statementFiles: [String] {
        let folder = root.appendingPathComponent("content/statements")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { "content/statements/" + $0 }
    }

    // MARK: - Changes

    /// How many kinds of change `applyChange` knows.
    static let kinds = 15

    mutating func applyChange(_ kind: Int) throws -> String {
        let files = statementFiles
        let file = files[random.below(files.count)]
        switch kind {
        case 0:
            try addStatement()
            return "added a statement"
        case 1 where files.count > 3:
            try FileManager.default.removeItem(at: root.appendingPathComponent(file))
            return "deleted \(file)"
        case 2:
            counter += 1
            let renamed = "content/statements/renamed-\(counter).md"
            try FileManager.default.moveItem(at: root.appendingPathComponent(file), to: root.appendingPathComponent(renamed))
            return "renamed \(file) to \(renamed)"
        case 3:
            let date = randomDate()
            try editFrontMatter(file, field: "date", value: date)
            return "dated \(file) \(date)"
        case 4:
            let organisation = organisations[random.below(organisations.count)]
            try editFrontMatter(file, field: "organisation", value: organisation)
            return "gave \(file) the organisation \(organisation)"
        case 5:
            let chosen = randomSubset(demands)
            try editFrontMatter(file, field: "demands", value: "[\(chosen.joined(separator: ", "))]")
            return "gave \(file) the demands \(chosen)"
        case 6:
            counter += 1
            try editFrontMatter(file, field: "title", value: "Title number \(counter)")
            return "retitled \(file)"
        case 7:
            counter += 1
            try edit(file) { $0 + "\nParagraph \(counter) about the strike in Puno.\n" }
            return "added to the body of \(file)"
        case 8:
            let templates = ["statement", "base", "home", "tag", "demands", "reference", "timeline-year", "timeline-entry"]
            let template = templates[random.below(templates.count)]
            counter += 1
            try edit("theme/templates/\(template).mustache") { $0 + "<!-- change \(counter) -->\n" }
            return "changed the template \(template)"
        case 14:
            counter += 1
            try edit("theme/templates/statement-item.mustache") { $0 + "<!-- item \(counter) -->\n" }
            return "changed how lists show a statement"
        case 9:
            counter += 1
            try edit("theme/assets/style.css") { $0 + "/* change \(counter) */\n" }
            return "changed the stylesheet"
        case 10:
            counter += 1
            let word = ["undated", "search", "statements"][random.below(3)]
            try edit("theme/i18n/en.yml") { $0.replacingOccurrences(of: "\n\(word): ", with: "\n\(word): v\(counter) ") }
            return "changed the word for \(word)"
        case 11:
            counter += 1
            let latest = 3 + random.below(10)
            try edit("archive.yml") {
                $0.replacingOccurrences(of: #"latest: \d+"#, with: "latest: \(latest)", options: .regularExpression)
            }
            return "showed the latest \(latest) on the home page"
        case 12:
            counter += 1
            let demand = demands[random.below(demands.count)]
            try edit("content/demands.yml") {
                $0.replacingOccurrences(of: "- id: \(demand)\n  label: { en: ", with: "- id: \(demand)\n  label: { en: Changed \(counter) ")
            }
            return "relabelled the demand \(demand)"
        default:
            try editFrontMatter(file, field: "draft", value: random.below(2) == 0 ? "true" : "false")
            return "drafted or published \(file)"
        }
    }

    mutating func addStatement() throws {
        counter += 1
        let organisation = organisations[random.below(organisations.count)]
        let text = """
            ---
            title: Statement \(counter) on the protests
            date: \(randomDate())
            organisation: \(organisation)
            demands: [\(randomSubset(demands).joined(separator: ", "))]
            tags: [\(randomSubset(tags).joined(separator: ", "))]
            ---

            Workers and peasants in Peru marched for the \(counter)th day. We stand with them.

            """
        try write(text, to: "content/statements/generated-\(counter).md")
    }

    mutating func randomDate() -> String {
        let month = 1 + random.below(12)
        let day = 1 + random.below(28)
        return "2023-" + (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
    }

    mutating func randomSubset(_ values: [String]) -> [String] {
        values.filter { _ in random.below(4) == 0 }
    }

    /// Sets one front matter field, adding it when missing.
    func editFrontMatter(_ file: String, field: String, value: String) throws {
        try edit(file) { text in
            var lines = text.components(separatedBy: "\n")
            let close = lines.dropFirst().firstIndex(of: "---")!
            if let line = lines[1..<close].firstIndex(where: { $0.hasPrefix(field + ":") }) {
                lines[line] = "\(field): \(value)"
                // A block value continues on indented lines; they go with the old value.
                while line + 1 < close, lines[line + 1].hasPrefix(" ") { lines.remove(at: line + 1) }
            } else {
                lines.insert("\(field): \(value)", at: close)
            }
            return lines.joined(separator: "\n")
        }
    }

    func edit(_ file: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(file)
        try write(change(try String(contentsOf: url, encoding: .utf8)), to: file)
    }

    func write(_ text: String, to file: String) throws {
        let url = root.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        if datesFiles {
            // Files modified moments ago are always read again; dated in the past, each with its own
            // time, they are known by their size, time and inode, as most files are between builds.
            let date = Date(timeIntervalSince1970: 1_600_000_000 + Double(DispatchTime.now().uptimeNanoseconds) / 1e9)
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
        }
    }

    // MARK: - Builds

    @discardableResult
    func build() throws -> SiteBuild.Report {
        var build = SiteBuild(root: root, output: output)
        if let memory {
            build.memory = memory
            // Waiting for the pages takes the path that writes them before the search index.
            build.pagesWritten = { _ in }
        }
        return try build.run()
    }

    func buildAndCompare(step: String) throws {
        try build()
        try compareWithCleanBuild(step: step)
    }

    /// Compares the output folder with the files of a build that uses no cache.
    func compareWithCleanBuild(step: String) throws {
        let clean = try SiteBuild(root: root, output: output).files().files
        let expected = clean.map(\.path).filter { !$0.hasPrefix(".") }
        let actual = listFiles(in: output)
        #expect(actual == expected, "\(step): the files differ")
        let beside = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".site.") }
        #expect(beside.isEmpty, "\(step): \(beside) left beside the output")
        for file in clean {
            let written = FileManager.default.contents(atPath: output.appendingPathComponent(file.path).path)
            #expect(written == file.contents, "\(step): \(file.path) differs")
        }
    }

    /// Every file of the output and its bytes.
    func snapshot() -> [String: Data] {
        Dictionary(uniqueKeysWithValues: listFiles(in: output).map {
            ($0, FileManager.default.contents(atPath: output.appendingPathComponent($0).path) ?? Data())
        })
    }
}

/// A small, seeded generator (SplitMix64), so that a failing sequence can be replayed.
private struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func shuffle<T>(_ values: inout [T]) {
        for index in values.indices.reversed() where index > 0 {
            values.swapAt(index, below(index + 1))
        }
    }
}
