import Foundation
import Testing
@testable import ArchiveKit

@Suite("Errors a volunteer can act on")
struct BadInputTests {
    /// Every file under `site/`, with its bytes.
    private func siteFiles(_ root: URL) -> [String: Data] {
        let site = root.appendingPathComponent("site")
        var files: [String: Data] = [:]
        for path in listFiles(in: site) {
            files[path] = FileManager.default.contents(atPath: site.appendingPathComponent(path).path)
        }
        return files
    }

    private let good = "---\ntitle: Good\ndate: 2023-01-02\n---\n\nText.\n"

    @Test("empty, binary, UTF-16, enormous, folder and looping files are each an error at their place, all in one run")
    func filesThatAreNotStatements() throws {
        let root = try makeArchive(["content/statements/good.md": good])
        let statements = root.appendingPathComponent("content/statements")
        _ = try SiteBuild(root: root).run()
        let before = siteFiles(root)
        #expect(!before.isEmpty)

        try Data(" \n\n".utf8).write(to: statements.appendingPathComponent("empty.md"))
        try Data("---\ntitle: Scan\n---\nPDF\u{0}\u{1}".utf8).write(to: statements.appendingPathComponent("binary.md"))
        try Data([0xFF, 0xFE] + Array("---".utf16).flatMap { [UInt8($0), 0] }).write(to: statements.appendingPathComponent("notepad.md"))
        try Data(repeating: 0x61, count: TextFile.sizeLimit + (1 << 20)).write(to: statements.appendingPathComponent("huge.md"))
        try FileManager.default.createDirectory(at: statements.appendingPathComponent("folder.md"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: statements.appendingPathComponent("loop-a.md").path, withDestinationPath: "loop-b.md")
        try FileManager.default.createSymbolicLink(atPath: statements.appendingPathComponent("loop-b.md").path, withDestinationPath: "loop-a.md")
        try FileManager.default.createSymbolicLink(atPath: statements.appendingPathComponent("gone.md").path, withDestinationPath: "nowhere.md")

        let errors = try #require(throws: ContentErrors.self) { try SiteBuild(root: root).run() }
        let messages = errors.errors.map(\.description)
        #expect(messages == [
            "content/statements/binary.md:4:4: error: the file holds a NUL byte here, so it is not text (a PDF, an image, a word processor file?); save the statement as plain text, or keep the original in seeds/ and name it in 'source.file'",
            "content/statements/empty.md:1:1: error: the file is empty: write a front matter ('---', 'title: ...', '---') and the statement's text, or delete the file",
            "content/statements/folder.md:1:1: error: cannot read the file: this is a folder, not a file; rename it so that it does not end in .md",
            "content/statements/gone.md:1:1: error: cannot read the file: the file does not exist (a symbolic link to nothing?)",
            "content/statements/huge.md:1:1: error: the file is 9.0 MB, more than the 8.0 MB a statement or vocabulary may be; check that it is the file you meant, or split it",
            "content/statements/loop-a.md:1:1: error: cannot read the file: symbolic links lead in a loop; point the link at a real file",
            "content/statements/loop-b.md:1:1: error: cannot read the file: symbolic links lead in a loop; point the link at a real file",
            "content/statements/notepad.md:1:1: error: the file is UTF-16 text (what some editors call 'Unicode'); save it as UTF-8, or convert it with: iconv -f UTF-16 -t UTF-8",
        ])
        #expect(siteFiles(root) == before, "a failed build leaves the site exactly as it was")
        var clean = SiteBuild(root: root)
        clean.incremental = false
        let again = try #require(throws: ContentErrors.self) { try clean.run() }
        #expect(again.errors.map(\.description) == messages, "a build without the cache finds the same")
        #expect(siteFiles(root) == before, "and leaves the site as it was too")
    }

    @Test("a missing source capture is an error at 'source.file'; so is a path that leaves the archive")
    func missingCapture() throws {
        let root = try makeArchive([
            "seeds/kept.txt": "Kept.\n",
            "content/statements/kept.md": "---\ntitle: Kept\nsource:\n  file: seeds/kept.txt\n---\n\nText.\n",
            "content/statements/lost.md": "---\ntitle: Lost\nsource:\n  url: https://example.org/a\n  file: seeds/lost.txt\n---\n\nText.\n",
            "content/statements/outside.md": "---\ntitle: Outside\nsource: ../elsewhere.txt\n---\n\nText.\n",
        ])
        let errors = try #require(throws: ContentErrors.self) { try SiteBuild(root: root).run() }
        #expect(errors.errors.map(\.description) == [
            "content/statements/lost.md:5:9: error: 'source.file' names seeds/lost.txt, which does not exist; save the capture there, or correct or remove 'source.file'",
            "content/statements/outside.md:3:9: error: 'source.file' must be a path inside the archive, relative to its root, e.g. seeds/x.txt",
        ])
    }

    @Test("impossible, ambiguous and differently written dates say what to write instead")
    func dates() throws {
        let reader = sampleReader()
        func message(_ date: String) -> String? {
            reader.read("---\ntitle: T\ndate: \(date)\n---\n\nText.\n", file: "a.md").diagnostics.first?.description
        }
        #expect(message("2023-02-29") == "a.md:3:7: error: '2023-02-29' is not a day of the calendar: that month has 28 days")
        #expect(message("2024-02-30") == "a.md:3:7: error: '2024-02-30' is not a day of the calendar: that month has 29 days")
        #expect(message("03/04/2023") == "a.md:3:7: error: '03/04/2023' could be read as 2023-03-04 or 2023-04-03; write the one you mean")
        #expect(message("14/01/2023") == "a.md:3:7: error: '14/01/2023' is not a date; did you mean '2023-01-14'? write YYYY-MM-DD, or YYYY-MM when only the month is known")
        #expect(message("2023/1/5") == "a.md:3:7: error: '2023/1/5' is not a date; did you mean '2023-01-05'? write YYYY-MM-DD, or YYYY-MM when only the month is known")
        #expect(message("2023-13") == "a.md:3:7: error: '2023-13' is not a date; write YYYY-MM-DD, or YYYY-MM when only the month is known")
        #expect(message("yesterday") == "a.md:3:7: error: 'yesterday' is not a date; write YYYY-MM-DD, or YYYY-MM when only the month is known")
    }

    @Test("two statements with one address are an error naming both files")
    func oneAddress() throws {
        let root = try makeArchive([
            "content/statements/2023/paro.md": good,
            "content/statements/2024/Paro.md": good,
        ])
        let errors = try #require(throws: ContentErrors.self) { try SiteBuild(root: root).run() }
        #expect(errors.errors.map(\.description) == [
            "content/statements/2024/Paro.md:1:1: error: statement slug 'paro' is already used at content/statements/2023/paro.md"
        ])
    }

    @Test("a statement with no text is a warning that fails only with --strict")
    func noText() throws {
        let root = try makeArchive([
            "content/demands.yml": sampleDemands,
            "content/statements/a.md": "---\ntitle: A\ndemands: [new-elections]\n---\n\n  \n",
        ])
        let report = try SiteBuild(root: root).run()
        #expect(report.summary.warnings.map(\.description) == [
            "content/statements/a.md:5:1: warning: the statement has no text below its front matter; paste its text there"
        ])
        var strict = SiteBuild(root: root)
        strict.strict = true
        #expect(throws: ContentErrors.self) { try strict.run() }
    }
}
