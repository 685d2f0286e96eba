import Foundation
import Testing
@testable import ArchiveKit

@Suite("Statement bodies read from their files")
struct BodyLoadingTests {
    /// An archive of one statement whose lines end in CR LF, to show that a body read again is
    /// cut where the reader cut it.
    private func archive() throws -> (root: URL, file: URL) {
        let root = try makeArchive([
            "archive.yml": "title: Bodies\nlanguage: en\n",
            "content/organisations.yml": sampleOrganisations,
            "content/demands.yml": sampleDemands,
            "content/statements/a.md": "---\r\ntitle: A\r\ndate: 2023-01-15\r\norganisation: cpusa\r\ndemands: [boluarte-resign]\r\n---\r\n\r\nWorkers and peasants *unite*.\r\n",
        ])
        return (root, root.appendingPathComponent("content/statements/a.md"))
    }

    /// The body as read, with `word`.
    private func body(_ word: String) -> String {
        "\r\nWorkers and \(word) *unite*.\r\n"
    }

    /// The file with its body's words replaced by as many others.
    private func rewrite(_ file: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: false, encoding: .utf8)
    }

    @Test("a build leaves each body it read in its file, rendering reads it there in passing, and asking for it keeps it")
    func bodiesLeftInTheirFiles() throws {
        let (root, file) = try archive()
        let statement = try #require(try ArchiveLoader(root: root).load().archive.statements.first)
        #expect(statement.passingBody == body("peasants"))
        // Nothing was kept: the file is read again.
        try rewrite(file, "peasants", "students")
        let theme = try Theme(folder: root.appendingPathComponent("theme"), language: "en")
        let builder = SiteBuilder(archive: try ArchiveLoader(root: root).load().archive, theme: theme)
        try rewrite(file, "students", "sailors!")
        let rendered = try builder.renderBodies()
        #expect(rendered["a"]?.html == "<p>Workers and sailors! <em>unite</em>.</p>\n")
        #expect(statement.passingBody == body("sailors!"))
        // Once asked for as a value, the body is the statement's.
        #expect(statement.body == body("sailors!"))
        try rewrite(file, "sailors!", "peasants")
        #expect(statement.body == body("sailors!"))
        #expect(statement.passingBody == body("sailors!"))
    }

    @Test("a process that remembers its builds keeps every body it read")
    func rememberedBodiesKept() throws {
        let (root, file) = try archive()
        var loader = ArchiveLoader(root: root)
        loader.memory = BuildCache.Memory()
        let statement = try #require(try loader.load().archive.statements.first)
        try rewrite(file, "peasants", "students")
        #expect(statement.passingBody == body("peasants"))
    }
}
