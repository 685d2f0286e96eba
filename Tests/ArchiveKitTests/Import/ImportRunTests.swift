import Foundation
import Testing
@testable import ArchiveKit

@Suite("The import command")
struct ImportRunTests {
    func archiveWithVocabulary() throws -> URL {
        let root = try makeArchive([:])
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        for file in ["content/organisations.yml", "content/demands.yml", "content/tags.yml"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent(file), to: root.appendingPathComponent(file))
        }
        return root
    }

    @Test("imports a folder, skips what was imported before, and never overwrites without --force")
    func importsOnce() async throws {
        let root = try archiveWithVocabulary()
        let inbox = try temporaryFolder()
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("seeds/004_4b5bbf61f4fde164.txt"),
                                         to: inbox.appendingPathComponent("hands.txt"))
        try write(["empty.txt": "", "other.txt": "Hands off Peru!\n\nA different text with the same title.\n"], under: inbox)

        let first = try await ImportRun(root: root).run(paths: [inbox.path])
        #expect(first.map(\.input) == ["empty.txt", "hands.txt", "other.txt"].map { inbox.path + "/" + $0 })
        guard case .failed(let reason) = first[0].action else { Issue.record("empty file imported"); return }
        #expect(reason == "the file is empty")
        #expect(first[1].action == .imported(path: "content/statements/hands-off-peru.md"))
        #expect(first[2].action == .failed("content/statements/hands-off-peru.md already exists; use --force to replace it"))
        #expect(first[0].line == "\(inbox.path)/empty.txt: error: the file is empty; skipped")

        let written = try String(contentsOf: root.appendingPathComponent("content/statements/hands-off-peru.md"), encoding: .utf8)
        #expect(written.contains("file: seeds/hands.txt"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("seeds/hands.txt").path))

        let again = try await ImportRun(root: root).run(paths: [inbox.appendingPathComponent("hands.txt").path])
        #expect(again.first?.action == .alreadyImported(path: "content/statements/hands-off-peru.md"))

        let forced = try await ImportRun(root: root, force: true).run(paths: [inbox.appendingPathComponent("other.txt").path])
        #expect(forced.first?.action == .imported(path: "content/statements/hands-off-peru.md"))
        try SiteBuild(root: root).run()
    }

    @Test("a dry run writes nothing")
    func dryRun() async throws {
        let root = try archiveWithVocabulary()
        let outcomes = try await ImportRun(root: root, dryRun: true).run(
            paths: [repositoryRoot.appendingPathComponent("seeds").path])
        #expect(outcomes.count == 5)
        #expect(outcomes.allSatisfy { if case .imported = $0.action { true } else { false } })
        #expect(listFiles(in: root.appendingPathComponent("content/statements")).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("seeds").path))
    }

    @Test("an imported archive builds, and lists what is under review")
    func importedArchiveBuilds() async throws {
        let root = try archiveWithVocabulary()
        _ = try await ImportRun(root: root).run(paths: [repositoryRoot.appendingPathComponent("seeds").path])
        let report = try SiteBuild(root: root).run()
        #expect(report.summary.statements == 5)
        #expect(report.summary.underReview.count == 5)
    }

    @Test("archive new writes a statement that builds")
    func newStatement() async throws {
        let root = try archiveWithVocabulary()
        let result = try NewStatement(
            title: "¡Libertad para los presos!", organisation: "CGTP", date: StatementDate(iso: "2023-02"), language: "es"
        ).write(root: root)
        #expect(result.path == "content/statements/2023-02-libertad-para-los-presos.md")
        #expect(result.warnings.isEmpty)
        let loaded = try ArchiveLoader(root: root).load()
        let statement = try #require(loaded.archive.statements.first)
        #expect(statement.organisation == "cgtp")
        #expect(statement.language == "es")
        #expect(throws: ContentErrors.self) {
            try NewStatement(title: "¡Libertad para los presos!", date: StatementDate(iso: "2023-02")).write(root: root)
        }
    }

    @Test("saved pages and texts of other sites import, read back through the build's reader, and build")
    func benchmarkCapturesBuild() async throws {
        let root = try archiveWithVocabulary()
        let folders = ["bench/import/pages", "bench/import/held-out", "bench/import/texts"].map {
            repositoryRoot.appendingPathComponent($0).path
        }
        let outcomes = try await ImportRun(root: root).run(paths: folders)
        #expect(outcomes.count >= 25)
        for outcome in outcomes {
            guard case .imported = outcome.action else {
                Issue.record("\(outcome.line)")
                continue
            }
        }
        let report = try SiteBuild(root: root).run()
        #expect(report.summary.statements == outcomes.count)
        // Every capture is kept under seeds/, byte for byte, with its hash.
        for outcome in outcomes {
            let statement = try #require(outcome.statement)
            let kept = try Data(contentsOf: root.appendingPathComponent(try #require(statement.source.file)))
            #expect(kept == (try Data(contentsOf: URL(fileURLWithPath: outcome.input))))
            #expect(statement.source.sha256?.count == 64)
        }
        // An unrecorded issuer is named, warned about and flagged.
        let unrecorded = outcomes.filter { !$0.warnings.isEmpty }
        #expect(!unrecorded.isEmpty)
        #expect(unrecorded.allSatisfy { $0.statement?.review.contains("organisation") == true })
    }
}
