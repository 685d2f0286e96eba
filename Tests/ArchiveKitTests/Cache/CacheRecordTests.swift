import Foundation
import Testing
@testable import ArchiveKit

@Suite("Cache records")
struct CacheRecordTests {
    /// A statement with every field other than its default.
    static let full = Statement(
        id: "ñandú-2023", file: "content/statements/ñandú.md", title: "Tab\there, line\nbreak, ☃ and 𝄞",
        date: StatementDate(year: 2023, month: 1, day: 20), organisation: "cgtp", coSigners: ["sutep", "fenate"],
        author: "Ana Pérez", publication: "La República", kind: .jointStatement, language: "es",
        demands: ["release-prisoners", "new-elections"], tags: ["puno", ""], summary: "Una frase.",
        source: Provenance(file: "seeds/001.txt", url: nil, captured: "2023-01-21", sha256: "abc"),
        isDraft: true, review: ["date", "organisation"], evidence: ["new-elections": "Elecciones ya.", "b": ""],
        body: "# Title\n\nBody with \u{0} and émoji 🇵🇪.\n")

    @Test("a statement reads back equal to what was written, every field included")
    func statementRoundTrip() throws {
        for statement in [Self.full, Statement(id: "a", file: "a.md", title: "")] {
            var writer = CacheRecord.Writer()
            statement.write(to: &writer)
            let read = try writer.bytes.withUnsafeBytes { buffer in
                var reader = CacheRecord.Reader(buffer)
                defer { #expect(reader.isAtEnd) }
                return try Statement(reading: &reader)
            }
            #expect(read == statement)
        }
        // A field added to statements must be written to the cache too: this counts them.
        let storage = try #require(Mirror(reflecting: Self.full).children.first?.value)
        let fields = try #require(Mirror(reflecting: storage).children.first { $0.label == "fields" }?.value)
        #expect(Mirror(reflecting: fields).children.count == 18)
    }

    @Test("integers of any size and sign read back", arguments: [0, 1, -1, 63, 64, -64, -65, 127, 128, 300, Int.max, Int.min])
    func integers(value: Int) throws {
        var writer = CacheRecord.Writer()
        writer.append(value)
        writer.append(true)
        let read = try writer.bytes.withUnsafeBytes { buffer in
            var reader = CacheRecord.Reader(buffer)
            return (try reader.int(), try reader.bool(), reader.isAtEnd)
        }
        #expect(read.0 == value && read.1 && read.2)
    }

    @Test("bytes that end early or hold something else are refused, never read past")
    func malformed() throws {
        var writer = CacheRecord.Writer()
        Self.full.write(to: &writer)
        let bytes = writer.bytes
        for length in [0, 1, 5, bytes.count / 2, bytes.count - 1] {
            #expect(throws: CacheRecord.Malformed.self) {
                try Array(bytes.prefix(length)).withUnsafeBytes { buffer in
                    var reader = CacheRecord.Reader(buffer)
                    _ = try Statement(reading: &reader)
                }
            }
        }
        // A length larger than what is left, and a flag that is neither 0 nor 1.
        for bad: [UInt8] in [[0xFE, 0xFF, 0x7F, 0x41], [0x02, 0x61, 0x02, 0x62, 0x02, 0x63, 0x07]] {
            #expect(throws: CacheRecord.Malformed.self) {
                try bad.withUnsafeBytes { buffer in
                    var reader = CacheRecord.Reader(buffer)
                    _ = try Statement(reading: &reader)
                }
            }
        }
    }

    @Test("a damaged file of statements is ignored, and the next build reads every statement anew")
    func damagedFile() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for item in ["archive.yml", "theme", "seeds", "content"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let build = SiteBuild(root: root, output: root.appendingPathComponent("site"))
        try build.run()
        let cached = BuildCache.statements(root: root)
        #expect(cached.count == 5)
        #expect(cached.values.allSatisfy { $0.statement.body.isEmpty && $0.bodyOffset > 0 })
        let file = root.appendingPathComponent(BuildCache.folderName).appendingPathComponent("statements.cache")
        let whole = try Data(contentsOf: file)
        try whole.prefix(whole.count - 3).write(to: file)
        #expect(BuildCache.statements(root: root).isEmpty)
        try FileManager.default.removeItem(at: root.appendingPathComponent("site"))
        let rebuilt = try build.run()
        #expect(rebuilt.written == rebuilt.fileCount)
        #expect(BuildCache.statements(root: root).count == 5)
    }
}
