import Foundation
import Testing
@testable import ArchiveKit

@Suite("Files from any editor and any system")
struct AnyEditorTests {
    @Test("LF, CRLF and CR line ends, a byte order mark and spaces after the fences read the same")
    func lineEnds() throws {
        let lines = ["---", "title: Same", "date: 2023-01-02", "organisation: Confederación General de Trabajadores del Perú", "---", "", "One line.", "", "Another."]
        let variants: [String: String] = [
            "lf": lines.joined(separator: "\n") + "\n",
            "crlf": lines.joined(separator: "\r\n") + "\r\n",
            "cr": lines.joined(separator: "\r") + "\r",
            "bom": "\u{FEFF}" + lines.joined(separator: "\n"),
            "spaces": lines.map { $0 == "---" ? "---  \t" : $0 }.joined(separator: "\n"),
            // The organisation's name typed with decomposed accents, as macOS file systems keep them.
            "nfd": lines.joined(separator: "\n").decomposedStringWithCanonicalMapping,
        ]
        var files = ["content/organisations.yml": sampleOrganisations]
        for (name, text) in variants { files["content/statements/\(name).md"] = text }
        let loaded = try ArchiveLoader(root: try makeArchive(files)).load()
        #expect(loaded.archive.statements.count == variants.count)
        for statement in loaded.archive.statements {
            #expect(statement.title == "Same", "\(statement.id)")
            #expect(statement.organisation == "cgtp", "\(statement.id): one organisation however its name is typed")
            let paragraphs = statement.body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(paragraphs == ["One line.", "Another."], "\(statement.id)")
        }
    }

    @Test("a Latin-1 or Windows-1252 file fails at its first byte that is not UTF-8, saying how to convert it")
    func latin1() throws {
        let root = try makeArchive(["content/statements/ok.md": "---\ntitle: OK\n---\n"])
        try Data("---\ntitle: Caf".utf8 + [0xE9] + Data("\n---\n\nText.\n".utf8))
            .write(to: root.appendingPathComponent("content/statements/latin.md"))
        try Data("- id: x\n  name: Sindicato \u{0}".utf8.dropLast() + [0xD1, 0x0A])
            .write(to: root.appendingPathComponent("content/organisations.yml"))
        let errors = try #require(throws: ContentErrors.self) { try SiteBuild(root: root).run() }
        let descriptions = errors.errors.map(\.description)
        #expect(descriptions.contains { $0.hasPrefix("content/statements/latin.md:2:11: error: the file is not UTF-8 text") })
        #expect(descriptions.contains { $0.hasPrefix("content/organisations.yml:2:19: error: the file is not UTF-8 text") })
        #expect(descriptions.allSatisfy { $0.contains("iconv -f WINDOWS-1252 -t UTF-8") })
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
    }

    @Test("archive new and archive import take text from any editor the same way")
    func newAndImport() throws {
        let root = try makeArchive(["content/organisations.yml": sampleOrganisations])
        let decomposed = NewStatement(
            title: "Declaración".decomposedStringWithCanonicalMapping,
            organisation: "Confederación General de Trabajadores del Perú".decomposedStringWithCanonicalMapping)
        let written = try decomposed.write(root: root)
        #expect(written.path == "content/statements/declaracion.md")
        #expect(written.warnings.isEmpty, "the organisation is known however its accents were typed")
        #expect(try ArchiveLoader(root: root).load().archive.statements.first?.organisation == "cgtp")

        let importer = StatementImporter(vocabulary: try VocabularyFiles(root: root).load())
        let lines = ["Declaración del sindicato", "", "Exigimos la liberación de los presos.", "", "Lima, 20 de enero de 2023"]
        let captures: [String: Data] = [
            "lf": Data(lines.joined(separator: "\n").utf8),
            "crlf": Data(lines.joined(separator: "\r\n").utf8),
            "cr": Data(lines.joined(separator: "\r").utf8),
            "bom": Data([0xEF, 0xBB, 0xBF]) + Data(lines.joined(separator: "\n").utf8),
            "utf16": try #require(lines.joined(separator: "\r\n").data(using: .utf16)),
            "windows-1252": try #require(lines.joined(separator: "\r\n").data(using: .windowsCP1252)),
        ]
        let reference = try importer.importStatement(from: try #require(captures["lf"]))
        for (name, data) in captures {
            let imported = try importer.importStatement(from: data)
            #expect(imported.title == reference.title, "\(name)")
            #expect(imported.date == reference.date, "\(name)")
            #expect(imported.body == reference.body, "\(name)")
            #expect(imported.review.contains("text") == (name == "windows-1252"), "\(name): only a guessed encoding is for review")
        }
    }
}
