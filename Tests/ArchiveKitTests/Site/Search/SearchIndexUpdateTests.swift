import Foundation
import Testing
@testable import ArchiveKit

@Suite("Search index brought up to date")
struct SearchIndexUpdateTests {
    /// A change to an archive of generated statements.
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case bodyEdited, statementAdded, statementRemoved, dateMoved, titleChanged, nothing

        var testDescription: String { rawValue }
    }

    static let words = [
        "strike", "march", "perú", "lima", "puno", "ayacucho", "union", "teachers", "miners", "students",
        "dina", "boluarte", "congress", "elections", "assembly", "justice", "victims", "police", "army", "road",
        "blockade", "solidarity", "workers", "peasants", "comunidades", "derechos", "huelga", "paro", "nacional", "ya",
    ]

    /// Statement files: `count` statements of forty body words each, the same number of words in
    /// every field, so that the average lengths stay where they are when one changes.
    static func statements(count: Int, change: Change) -> [String: String] {
        var files: [String: String] = [:]
        var seed: UInt64 = 7
        func word() -> String {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return words[Int(seed >> 33) % words.count]
        }
        for number in 0..<count {
            var title = "Statement \(number) about \(word())"
            var date = String(format: "2023-%02d-%02d", 1 + number % 12, 1 + number % 28)
            var body = (0..<40).map { _ in word() }.joined(separator: " ")
            if number == 11 && change == .bodyEdited { body = (0..<40).map { _ in "reescrito" }.joined(separator: " ") }
            if number == 12 && change == .titleChanged { title = "Statement renamed about novel" }
            if number == 13 && change == .dateMoved { date = "2021-06-06" }
            if number == 14 && change == .statementRemoved { continue }
            files["content/statements/s\(number).md"] = "---\ntitle: \(title)\ndate: \(date)\n---\n\(body)\n"
        }
        if change == .statementAdded {
            let body = (0..<40).map { _ in word() }.joined(separator: " ")
            files["content/statements/added.md"] = "---\ntitle: Statement added about news\ndate: 2024-01-01\n---\n\(body)\n"
        }
        return files
    }

    /// The archive with `change`, and each statement's key: its file's digest.
    func load(_ change: Change) throws -> (Archive, OutputKeys) {
        let loaded = try ArchiveLoader(root: try makeArchive(Self.statements(count: 60, change: change))).load()
        let keys = Dictionary(uniqueKeysWithValues: loaded.archive.statements.map { ($0.id, loaded.digests[$0.file] ?? "") })
        return (loaded.archive, OutputKeys(common: "", statements: keys, earlier: [:]))
    }

    func index(_ archive: Archive) -> SearchIndex {
        SearchIndex(archive: archive, texts: BodyTexts(rendered: [:]), strings: Strings())
    }

    /// The shards among `files` whose paths start with `prefix`, in order.
    func shards(_ files: [OutputFile], _ prefix: String) -> [Data] {
        files.filter { $0.path.hasPrefix(prefix) }
            .sorted { Int($0.path.dropFirst(prefix.count).dropLast(3))! < Int($1.path.dropFirst(prefix.count).dropLast(3))! }
            .map(\.contents)
    }

    @Test("the index brought up to date from the last one equals the index made anew", arguments: Change.allCases)
    func updatedEqualsNew(change: Change) throws {
        var timings = Timings()
        let (before, beforeKeys) = try load(.nothing)
        let (made, state) = index(before).files(keys: beforeKeys, earlier: nil, timings: &timings)
        let earlier = SearchIndex.Earlier(
            state: state, termShards: shards(made.made, "search/t/"), phraseShards: shards(made.made, "search/p/"))

        let (after, afterKeys) = try load(change)
        let afterIndex = index(after)
        // The last build's entries are taken, not read again.
        let statementKeys = after.statements.map { afterKeys.statements[$0.id] ?? "" }
        let updated = try #require(
            SearchIndex.Postings.updated(keys: statementKeys, earlier: earlier) { afterIndex.fields(of: after.statements[$0]) })
        let new = SearchIndex.Postings(documents: after.statements.map(afterIndex.fields))
        #expect(updated.steps == new.steps)
        #expect(updated.lengths == new.lengths)

        let (updatedFiles, updatedState) = afterIndex.files(keys: afterKeys, earlier: earlier, timings: &timings)
        let (newFiles, newState) = afterIndex.files(keys: afterKeys, earlier: nil, timings: &timings)
        #expect(updatedState == newState)
        // Shards whose bytes are the earlier ones are kept, their files being still there as
        // written; every other file is made, as the index made anew makes it.
        let earlierShards = Dictionary(
            uniqueKeysWithValues: made.made.filter { SearchIndex.Earlier.isShard($0.path) }
                .map { ($0.path, $0.contents) })
        let updatedMade = Dictionary(uniqueKeysWithValues: updatedFiles.made.map { ($0.path, $0.contents) })
        let updatedPaths = Set(updatedFiles.made.map(\.path)).union(updatedFiles.kept)
        #expect(updatedPaths == Set(newFiles.made.map(\.path)).union(newFiles.kept))
        #expect(newFiles.kept.allSatisfy { !SearchIndex.Earlier.isShard($0) }, "an index made anew keeps no shard")
        for file in newFiles.made {
            if let contents = updatedMade[file.path] {
                #expect(contents == file.contents, "\(file.path)")
            } else {
                #expect(
                    updatedFiles.kept.contains(file.path) && earlierShards[file.path] == file.contents, "\(file.path)")
            }
        }
        if change == .nothing {
            let kept = updatedFiles.kept.filter(SearchIndex.Earlier.isShard)
            #expect(kept.count == earlierShards.count, "every shard kept")
            #expect(made.made.filter { SearchIndex.Earlier.isShard($0.path) } == newFiles.made.filter { SearchIndex.Earlier.isShard($0.path) })
        }
    }

    @Test("after a date moves a statement, the entries of the statements it passes are copied as they are")
    func movedRunsCopied() throws {
        var timings = Timings()
        let (before, beforeKeys) = try load(.nothing)
        let (made, state) = index(before).files(keys: beforeKeys, earlier: nil, timings: &timings)
        // Every one-digit gap written with two digits, the second a zero: read the same, but
        // never written so. A copied entry keeps that form; one written anew loses it.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        func padded(_ digits: Substring) -> String {
            var out: [UInt8] = []
            var gap = true
            var first = true
            for byte in digits.utf8 {
                let digit = alphabet.firstIndex(of: byte)!
                let more = digit & 32 != 0
                if gap && first && !more { out += [alphabet[digit | 32], alphabet[0]] } else { out.append(byte) }
                first = !more
                if !more { gap.toggle() }
            }
            return String(decoding: out, as: UTF8.self)
        }
        let terms = shards(made.made, "search/t/").map { shard in
            Data(String(decoding: shard, as: UTF8.self).replacing(/":"([A-Za-z0-9+\/]+)"/) { "\":\"" + padded($0.output.1) + "\"" }.utf8)
        }
        let earlier = SearchIndex.Earlier(state: state, termShards: terms, phraseShards: shards(made.made, "search/p/"))
        func padding(_ digits: ArraySlice<UInt8>) -> Int {
            zip(digits, digits.dropFirst()).count { alphabet.firstIndex(of: $0)! & 32 != 0 && $1 == alphabet[0] }
        }
        func entries(_ digits: ArraySlice<UInt8>) -> [[Int]] {
            var found: [[Int]] = []
            _ = Base64Varint.forEachPosting(in: digits) { document, score, _ in
                found.append([document, Int(score)])
                return true
            }
            return found
        }

        let (after, afterKeys) = try load(.dateMoved)
        let afterIndex = index(after)
        let statementKeys = after.statements.map { afterKeys.statements[$0.id] ?? "" }
        let updated = try #require(
            SearchIndex.Postings.updated(keys: statementKeys, earlier: earlier) { afterIndex.fields(of: after.statements[$0]) })
        let new = SearchIndex.Postings(documents: after.statements.map(afterIndex.fields))
        #expect(updated.terms.terms == new.terms.terms)
        for index in new.terms.terms.indices {
            #expect(entries(updated.terms.postings(at: index)) == entries(new.terms.postings(at: index)), "\(new.terms.terms[index])")
            #expect(padding(new.terms.postings(at: index)) == 0)
        }
        let copied = updated.terms.terms.indices.map { padding(updated.terms.postings(at: $0)) }.reduce(0, +)
        #expect(copied > 1_000, "entries copied, not written anew: \(copied)")
    }

    @Test("shards that are not as the index writes them are not brought up to date, but made anew")
    func damagedShards() throws {
        var timings = Timings()
        let (archive, keys) = try load(.nothing)
        let (made, state) = index(archive).files(keys: keys, earlier: nil, timings: &timings)
        var terms = shards(made.made, "search/t/")
        // A character that is no base-64 digit in the first postings.
        let quote = terms[0].firstRange(of: Data("\":\"".utf8))!
        terms[0][quote.upperBound] = UInt8(ascii: "!")
        let earlier = SearchIndex.Earlier(state: state, termShards: terms, phraseShards: shards(made.made, "search/p/"))
        let statementKeys = archive.statements.map { keys.statements[$0.id] ?? "" }
        let searchIndex = index(archive)
        #expect(SearchIndex.Postings.updated(keys: statementKeys, earlier: earlier) { searchIndex.fields(of: archive.statements[$0]) } == nil)
        let (files, _) = searchIndex.files(keys: keys, earlier: earlier, timings: &timings)
        #expect(files.made.filter { $0.path.hasPrefix("search/t/") } == made.made.filter { $0.path.hasPrefix("search/t/") })
    }

    @Test("documents written into a staging folder as they are made have the bytes of those held")
    func streamedDocuments() throws {
        var timings = Timings()
        let (archive, keys) = try load(.nothing)
        let held = index(archive).files(keys: keys, earlier: nil, timings: &timings).files
        let documents = held.made.filter { $0.path.hasPrefix("search/d/") }
        #expect(documents.count == archive.statements.count)

        let folder = try temporaryFolder()
        let writer = SiteWriter(output: folder.appendingPathComponent("site"), root: folder)
        let staging = try writer.stage()
        let streamed = index(archive).files(keys: keys, earlier: nil, staging: staging, timings: &timings).files
        #expect(!streamed.made.contains { $0.path.hasPrefix("search/d/") })
        #expect(streamed.written.sorted() == documents.map(\.path).sorted())
        #expect(streamed.made == held.made.filter { !$0.path.hasPrefix("search/d/") })
        #expect(streamed.keys == held.keys)
        let written = try writer.commit(staging)
        for document in documents {
            let path = folder.appendingPathComponent("site").appendingPathComponent(document.path).path
            #expect(FileManager.default.contents(atPath: path) == document.contents, "\(document.path)")
            #expect(written[document.path]?.digest == BuildCache.digest(document.contents), "\(document.path)")
        }
    }

    @Test("average lengths move in steps of a quarter power of two")
    func averageSteps() {
        #expect(SearchIndex.Postings.steps(totals: [40, 0, 400, 4000, 0, 0], documents: 10) == [8, 0, 21, 35, 0, 0])
        #expect(SearchIndex.Postings.ladder(8) == 4)
        // An average of 36.4 terms is on the step of 40; one of 44 is on the next.
        #expect(SearchIndex.Postings.steps(totals: [400], documents: 11) == [21])
        #expect(SearchIndex.Postings.steps(totals: [440], documents: 10) == [22])
    }
}
