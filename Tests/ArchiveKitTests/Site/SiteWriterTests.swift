import Foundation
import Testing
@testable import ArchiveKit

@Suite("Writing the site")
struct SiteWriterTests {
    @Test("replaces a previous build whole")
    func replaces() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("site")
        let writer = SiteWriter(output: output, root: root)
        try writer.write([OutputFile(path: "index.html", text: "1"), OutputFile(path: "old/index.html", text: "old")])
        try writer.write([OutputFile(path: "index.html", text: "2"), OutputFile(path: "new/a/index.html", text: "new")])
        #expect(listFiles(in: output) == ["index.html", "new/a/index.html"])
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test("writes files made while the first ones are written, into the same folders, before the swap")
    func writesLaterFiles() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("site")
        let later = Background { [OutputFile(path: "search/t/0.js", text: "t"), OutputFile(path: "a/more.js", text: "m")] }
        try SiteWriter(output: output, root: root).write(
            [OutputFile(path: "index.html", text: "1"), OutputFile(path: "a/index.html", text: "a")], then: { later.value })
        #expect(listFiles(in: output) == ["a/index.html", "a/more.js", "index.html", "search/t/0.js"])
        #expect(try String(contentsOf: output.appendingPathComponent("search/t/0.js"), encoding: .utf8) == "t")
    }

    @Test("a spliced file takes ranges of the earlier file between the bytes made now; comparing it reads only what moved")
    func splices() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("site")
        let writer = SiteWriter(output: output, root: root)
        let earlier = "[alpha,bravo,charlie]"
        let written = try writer.write([OutputFile(path: "data/x.json", text: earlier)], then: { [] })
        let path = output.appendingPathComponent("data/x.json").path
        // "[alpha," copied, "BRAVO" made, ",charlie]" copied.
        func spliced(_ made: String) throws -> OutputFile {
            var bytes = SplicedBytes(source: path, capacity: 0)
            bytes.copy(0..<4)
            bytes.copy(4..<7)
            bytes.append(Array(made.utf8))
            bytes.copy(12..<21)
            return try #require(bytes.file("data/x.json"))
        }
        let file = try spliced("BRAVO")
        #expect(file.splice?.pieces == [.copied(0..<7), .made(0..<5), .copied(12..<21)])
        #expect(file.count == earlier.utf8.count)
        let old = try #require(written["data/x.json"])
        #expect(!SiteWriter.holds(file, at: path, written: old).same)
        #expect(SiteWriter.holds(try spliced("bravo"), at: path, written: old).same)
        let done = try replace([file], with: writer)
        #expect(try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8) == "[alpha,BRAVO,charlie]")
        // The digest of a spliced file is not made; the next comparison reads the bytes.
        let new = try #require(done["data/x.json"])
        #expect(new.digest.isEmpty)
        #expect(SiteWriter.holds(OutputFile(path: "data/x.json", text: "[alpha,BRAVO,charlie]"), at: path, written: new).same)
        #expect(!SiteWriter.holds(OutputFile(path: "data/x.json", text: "[alpha,BRAVO,charliE]"), at: path, written: new).same)
        #expect(!SiteWriter.holds(OutputFile(path: "data/x.json", text: "[alpha]"), at: path, written: new).same)
        // Without an earlier file there is nothing to splice: the bytes are the file.
        var plain = SplicedBytes(source: nil, capacity: 0)
        plain.append(Array("[]".utf8))
        #expect(plain.file("data/y.json") == OutputFile(path: "data/y.json", text: "[]"))
    }

    @Test("files larger than a compared chunk are compared a chunk at a time, to their last byte")
    func comparesLargeFilesByChunks() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("site")
        let writer = SiteWriter(output: output, root: root)
        let size = 2 * SiteWriter.comparedChunk + 1_000
        let earlier = String(repeating: "ab", count: size / 2 - 1) + "zz"
        let written = try writer.write([OutputFile(path: "data/x.json", text: earlier)], then: { [] })
        let path = output.appendingPathComponent("data/x.json").path
        let old = try #require(written["data/x.json"])
        // Everything but the first two bytes, copied to the start, then two bytes made.
        func shifted(_ end: String) throws -> OutputFile {
            var bytes = SplicedBytes(source: path, capacity: 0)
            bytes.copy(2..<size)
            bytes.append(Array(end.utf8))
            return try #require(bytes.file("data/x.json"))
        }
        // The copied bytes end in "zz", two bytes before where the file has them.
        #expect(!SiteWriter.holds(try shifted("zz"), at: path, written: old).same)
        let unspliced = { (text: String) in BuildCache.WrittenFile(digest: "", size: text.utf8.count, modified: old.modified) }
        #expect(SiteWriter.holds(OutputFile(path: "data/x.json", text: earlier), at: path, written: unspliced(earlier)).same)
        let last = String(earlier.dropLast()) + "y"
        #expect(!SiteWriter.holds(OutputFile(path: "data/x.json", text: last), at: path, written: unspliced(last)).same)

        // A file of one repeated pair: the same bytes, whichever place they are copied from.
        let repeated = String(repeating: "ab", count: size / 2)
        let again = try replace([OutputFile(path: "data/x.json", text: repeated)], with: writer)
        let rewritten = try #require(again["data/x.json"])
        #expect(SiteWriter.holds(try shifted("ab"), at: path, written: rewritten).same)
        #expect(!SiteWriter.holds(try shifted("ax"), at: path, written: rewritten).same)
    }

    @Test("a staging folder takes files from several threads at once and files made one at a time; every file that cannot be made is reported, and the old site stays")
    func staging() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("site")
        let writer = SiteWriter(output: output, root: root)
        let paths = (0..<40).map { "statements/s\($0)/index.html" }
        let staging = try writer.stage()
        let made = SiteWriter.Made(paths: paths) { number in .success(OutputFile(path: paths[number], text: "page \(number)")) }
        // Files made elsewhere meanwhile, some in the same folders.
        let beside = Background {
            Result { try staging.write([OutputFile(path: "statements/s3/feed.xml", text: "feed"), OutputFile(path: "data/a.csv", text: "a")]) }
        }
        try staging.write(made)
        try staging.write([OutputFile(path: "index.html", text: "home")])
        try beside.value.get()
        try writer.commit(staging)
        #expect(listFiles(in: output) == (["data/a.csv", "index.html", "statements/s3/feed.xml"] + paths).sorted())
        #expect(try String(contentsOf: output.appendingPathComponent(paths[7]), encoding: .utf8) == "page 7")

        let failing = SiteWriter.Made(paths: paths) { number in
            number % 10 == 3
                ? .failure(ContentError(file: "content/statements/s\(number).md", reason: .missingTemplate("statement")))
                : .success(OutputFile(path: paths[number], text: "new \(number)"))
        }
        let again = try writer.stage()
        let error = try #require(throws: ContentErrors.self) { try again.write(failing) }
        again.discard()
        #expect(error.errors.map(\.file) == [3, 13, 23, 33].map { "content/statements/s\($0).md" }.sorted())
        #expect(try String(contentsOf: output.appendingPathComponent(paths[7]), encoding: .utf8) == "page 7")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test("a file written a piece at a time is recorded with the digest of all its pieces; a failure recorded keeps the staging folder from the output's place")
    func appending() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("site")
        let writer = SiteWriter(output: output, root: root)
        let staging = try writer.stage()
        let file = try staging.appending("data/big.csv")
        for piece in ["a,b\r\n", "1,2\r\n", "3,4\r\n"] { file.append(Data(piece.utf8)) }
        file.finish()
        // Bytes made for a file, sent to it a few at a time.
        var bytes = SplicedBytes(appendingTo: try staging.appending("data/made.json"), held: 4)
        for piece in ["[", "\"alpha\"", ",", "\"bravo\"", "]\n"] { bytes.append(Array(piece.utf8)) }
        #expect(bytes.count == 18)
        #expect(bytes.file("data/made.json") == nil)
        try staging.write([OutputFile(path: "index.html", text: "old")])
        let written = try writer.commit(staging)
        let whole = Data("a,b\r\n1,2\r\n3,4\r\n".utf8)
        #expect(FileManager.default.contents(atPath: output.appendingPathComponent("data/big.csv").path) == whole)
        #expect(written["data/big.csv"]?.digest == BuildCache.digest(whole))
        #expect(written["data/big.csv"]?.size == whole.count)
        let made = Data("[\"alpha\",\"bravo\"]\n".utf8)
        #expect(FileManager.default.contents(atPath: output.appendingPathComponent("data/made.json").path) == made)
        #expect(written["data/made.json"]?.digest == BuildCache.digest(made))

        let again = try writer.stage()
        try again.write([OutputFile(path: "index.html", text: "new")])
        again.fail(SiteWriter.Failure.io("data/big.csv", underlying: "No space left on device"))
        #expect(throws: SiteWriter.Failure.self) { try writer.commit(again) }
        #expect(listFiles(in: output) == ["data/big.csv", "data/made.json", "index.html"])
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test("a file that cannot be written leaves the previous site in place")
    func failedWriteKeepsOldSite() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("site")
        let writer = SiteWriter(output: output, root: root)
        try writer.write([OutputFile(path: "index.html", text: "old")])
        // The same path twice: the second file cannot be created.
        #expect(throws: SiteWriter.Failure.self) {
            try writer.write([OutputFile(path: "index.html", text: "new")], then: { [OutputFile(path: "index.html", text: "again")] })
        }
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test("files written beside a site from several threads replace theirs in place when committed; a file that cannot be written moves none")
    func replacementsCommitTogether() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("site")
        let writer = SiteWriter(output: output, root: root)
        try writer.write([
            OutputFile(path: "index.html", text: "old"), OutputFile(path: "a/index.html", text: "a"),
            OutputFile(path: "gone/index.html", text: "gone"),
        ])
        let replacements = try writer.replacements()
        let files = (0..<40).map { OutputFile(path: "n/\($0)/index.html", text: "page \($0)") }
            + [OutputFile(path: "index.html", text: "new")]
        _ = files.concurrentMap { replacements.add($0) }
        // Nothing moves before the commit.
        #expect(listFiles(in: output) == ["a/index.html", "gone/index.html", "index.html"])
        let written = try writer.commit(replacements, removing: ["gone/index.html"])
        #expect(Set(written.keys) == Set(files.map(\.path)))
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "new")
        #expect(try String(contentsOf: output.appendingPathComponent("n/39/index.html"), encoding: .utf8) == "page 39")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("gone").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])

        let failing = try writer.replacements()
        failing.add(OutputFile(path: "index.html", text: "newer"))
        // The next file's place in the folder is taken, so it cannot be created.
        try Data("taken".utf8).write(to: failing.folder.appendingPathComponent("1"))
        failing.add(OutputFile(path: "a/index.html", text: "b"))
        #expect(throws: SiteWriter.Failure.self) { try writer.commit(failing, removing: ["a/index.html"]) }
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "new")
        #expect(try String(contentsOf: output.appendingPathComponent("a/index.html"), encoding: .utf8) == "a")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test("refuses to replace a folder that is not a built site")
    func refusesForeignFolder() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("notes")
        try write(["notes/important.txt": "keep me"], under: root)
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter(output: output, root: root).write([OutputFile(path: "index.html", text: "x")])
        }
        #expect(try String(contentsOf: output.appendingPathComponent("important.txt"), encoding: .utf8) == "keep me")
    }

    @Test("refuses to write over the archive itself")
    func refusesRoot() throws {
        let root = try temporaryFolder()
        try write(["index.html": "", "content/statements/a.md": "x"], under: root)
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter(output: root, root: root).write([OutputFile(path: "index.html", text: "x")])
        }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("content/statements/a.md").path))
    }
}

/// Writes `files` over the site `writer` wrote before, in place.
private func replace(_ files: [OutputFile], with writer: SiteWriter) throws -> SiteWriter.Written {
    let replacements = try writer.replacements()
    for file in files { replacements.add(file) }
    return try writer.commit(replacements, removing: [])
}
