import Foundation
import Testing
@testable import ArchiveKit

/// The importer against the curated statements: on each seed it must find what a careful reader wrote
/// down, and keep every sentence of the statement.
@Suite("Importing the seeds")
struct SeedImportTests {
    /// Seed file, the curated statement it must reproduce, and whether the seed has a headline
    /// (without one the importer must flag the title instead of matching it).
    static let seeds: [(seed: String, curated: String, hasHeadline: Bool)] = [
        ("000_c7eaecc3149c9b3b.txt", "2024-04-24-interview-with-the-peruvian-communist-party.md", false),
        ("001_1f2cf97232e286e4.txt", "2023-01-11-communist-party-of-canada-demands-the-release-of-pedro-castillo.md", false),
        ("002_67f331ee08f33280.txt", "solidarity-with-the-people-in-peru.md", true),
        ("003_ce337b2a493c187c.txt", "like-bolivia-peru-can-overturn-this-coup.md", true),
        ("004_4b5bbf61f4fde164.txt", "hands-off-peru.md", true),
    ]

    static let loaded: ArchiveLoader.Loaded? = try? ArchiveLoader(root: repositoryRoot).load()

    @Test("the imported front matter matches the curated file", arguments: seeds)
    func frontMatter(seed: String, curatedFile: String, hasHeadline: Bool) throws {
        let (imported, curated) = try importSeed(seed, curatedFile)
        if hasHeadline {
            #expect(imported.title == curated.title)
        } else {
            #expect(imported.review.contains("title"), "a stand-in title must be flagged")
        }
        #expect(imported.date == curated.date)
        #expect(imported.review.contains("date") == (curated.date == nil))
        #expect(imported.organisation == curated.organisation)
        #expect(imported.review.contains("organisation") == (curated.organisation == nil))
        #expect(imported.kind == curated.kind)
        #expect(imported.language == curated.language)
        let reported = Self.reportedDemands[seed] ?? []
        #expect(imported.demands == curated.demands.filter { !reported.contains($0) })
        #expect(Set(imported.evidence.keys) == Set(imported.demands))
    }

    /// Demands the curator recorded from a sentence that reports others' calls ("demonstrators are
    /// also calling for justice for those killed"): a person may judge the writer shares them, the
    /// importer must not.
    static let reportedDemands = ["003_ce337b2a493c187c.txt": ["justice-for-victims"]]

    @Test("the imported body keeps every sentence of the curated body", arguments: seeds)
    func body(seed: String, curatedFile: String, hasHeadline: Bool) throws {
        let (imported, curated) = try importSeed(seed, curatedFile)
        let importedText = Self.normalised(try CommonMark.render(imported.body).plainText)
        let curatedText = try CommonMark.render(curated.body).plainText
        let sentences = curatedText.split(separator: "\n").flatMap { Sentences.split(String($0)) }
        #expect(sentences.count > 5)
        for sentence in sentences {
            #expect(importedText.contains(Self.normalised(sentence)), "missing: \(sentence)")
        }
    }

    @Test("the imported body leaves the site furniture out", arguments: seeds)
    func noFurniture(seed: String, curatedFile: String, hasHeadline: Bool) throws {
        let (imported, _) = try importSeed(seed, curatedFile)
        for furniture in ["Skip to", "Related Articles", "Donate", "Join Now", "OWNED BY OUR READERS", "Fighting fund",
                          "Mailbag", "Follow Ken", "Image:", "28 Days remaining"] {
            #expect(!imported.body.contains(furniture), "\(furniture)")
        }
    }

    @Test("an imported file reads back as a valid statement with the same fields", arguments: seeds)
    func roundTrip(seed: String, curatedFile: String, hasHeadline: Bool) throws {
        let (imported, _) = try importSeed(seed, curatedFile)
        let vocabulary = try VocabularyFiles(root: repositoryRoot).load()
        let result = StatementReader(vocabulary: vocabulary).read(try imported.markdownFile(), file: "x.md")
        #expect(result.diagnostics.isEmpty)
        let statement = try #require(result.statement)
        #expect(statement.title == imported.title)
        #expect(statement.date == imported.date)
        #expect(statement.organisation == imported.organisation)
        #expect(statement.demands == imported.demands)
        #expect(statement.review == imported.review)
        #expect(statement.evidence == imported.evidence)
        #expect(statement.source?.sha256 == imported.source.sha256)
    }

    private func importSeed(_ seed: String, _ curatedFile: String) throws -> (ImportedStatement, Statement) {
        let loaded = try #require(Self.loaded)
        let curated = try #require(loaded.archive.statements.first { $0.file == "content/statements/" + curatedFile })
        let vocabulary = try VocabularyFiles(root: repositoryRoot).load()
        let importer = StatementImporter(vocabulary: vocabulary, rules: try ImportRules.load(root: repositoryRoot))
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("seeds/" + seed))
        return (try importer.importStatement(from: data), curated)
    }

    static func normalised(_ text: String) -> String {
        text.matchKey.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
