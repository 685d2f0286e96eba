import Crypto
import Foundation
import Testing
@testable import ArchiveKit

@Suite("Search index")
struct SearchIndexTests {
    /// The registered JSON of one index file.
    func data(_ files: [OutputFile], _ name: String) throws -> Any {
        let file = try #require(files.first { $0.path == "search/\(name).js" })
        let text = String(decoding: file.contents, as: UTF8.self)
        let prefix = "ArchiveSearch.register(\"\(name)\","
        #expect(text.hasPrefix(prefix))
        #expect(text.hasSuffix(");\n"))
        let json = text.dropFirst(prefix.count).dropLast(3)
        return try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    }

    func postings(_ files: [OutputFile], term: String) throws -> [(document: Int, score: Int)] {
        let entry = try #require(try data(files, "index") as? [String: Any])
        let firsts = try #require(entry["terms"] as? [String])
        let shard = try #require(firsts.lastIndex { $0.utf16.lexicographicallyPrecedes(term.utf16) || $0 == term })
        let terms = try #require(try data(files, "t/\(shard)") as? [String: String])
        let numbers = Base64Varint.decode(try #require(terms[term]))
        var result: [(Int, Int)] = []
        var document = -1
        for index in stride(from: 0, to: numbers.count, by: 2) {
            document += numbers[index] + 1
            result.append((document, numbers[index + 1]))
        }
        return result
    }

    /// The documents of a phrase's pair, from `phrases.js` and its shard.
    func pairDocuments(_ files: [OutputFile], _ pair: String) throws -> [Int] {
        let firsts = try #require(try data(files, "phrases") as? [String])
        guard let shard = firsts.lastIndex(where: { $0.utf16.lexicographicallyPrecedes(pair.utf16) || $0 == pair }) else { return [] }
        let pairs = try #require(try data(files, "p/\(shard)") as? [String: String])
        guard let encoded = pairs[pair] else { return [] }
        let numbers = Base64Varint.decode(encoded)
        var documents: [Int] = []
        var document = -1
        for index in stride(from: 0, to: numbers.count, by: 2) {
            document += numbers[index] + 1
            documents.append(document)
        }
        return documents
    }

    func build(_ statements: [String: String]) throws -> [OutputFile] {
        var files = statements.mapValues { $0 }
        files["content/demands.yml"] = sampleDemands
        return try SiteBuild(root: try makeArchive(files)).files().files
    }

    @Test("postings hold every document with the term, in archive order")
    func postingsInOrder() throws {
        let files = try build([
            "content/statements/a.md": "---\ntitle: Old\ndate: 2022-01-01\n---\nThe protests in Arequipa.\n",
            "content/statements/b.md": "---\ntitle: New\ndate: 2023-01-01\n---\nProtesters in Lima.\n",
            "content/statements/c.md": "---\ntitle: Undated\n---\nNothing here about that city.\n",
        ])
        #expect(try postings(files, term: "arequipa").map(\.document) == [1])
        #expect(try postings(files, term: "in").map(\.document) == [0, 1])
        #expect(try postings(files, term: "protest").map(\.document) == [1])
        #expect(try postings(files, term: "protester").map(\.document) == [0])
    }

    @Test("across many runs of documents, every word's and pair's postings list exactly the documents that hold it")
    func postingsAcrossRuns() throws {
        let vocabulary = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
        var statements: [String: String] = [:]
        var bodies: [Int: [String]] = [:]
        var seed: UInt64 = 42
        let start = try #require(Calendar(identifier: .gregorian).date(from: DateComponents(year: 2020, month: 1, day: 1)))
        let count = 400
        for number in 0..<count {
            var words: [String] = []
            for _ in 0..<(3 + number % 9) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                words.append(vocabulary[Int(seed >> 33) % vocabulary.count])
            }
            // Statement `number` is dated `number` days after the start: archive order is newest first.
            let date = start.addingTimeInterval(Double(number) * 86_400)
            let day = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            statements["content/statements/s\(number).md"] = "---\ntitle: S\(number)\ndate: \(day)\n---\n\(words.joined(separator: " "))\n"
            bodies[count - 1 - number] = words
        }
        let files = try build(statements)
        for word in vocabulary {
            let expected = (0..<count).filter { bodies[$0]!.contains(word) }
            #expect(try postings(files, term: word).map(\.document) == expected, "\(word)")
        }
        for (first, second) in [("alpha", "bravo"), ("hotel", "hotel"), ("golf", "echo")] {
            let expected = (0..<count).filter { document in
                zip(bodies[document]!, bodies[document]!.dropFirst()).contains { $0 == (first, second) }
            }
            #expect(try pairDocuments(files, "\(first) \(second)") == expected, "\(first) \(second)")
        }
    }

    @Test("each word's and pair's score counts it in every field it occurs in, whichever field it is met in first")
    func scoresCountEveryField() throws {
        let vocabulary = ["paro", "lima", "huelga", "puno", "justicia", "marcha"]
        var seed: UInt64 = 9
        func text(_ count: Int) -> String {
            (0..<count).map { _ in
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return vocabulary[Int(seed >> 33) % vocabulary.count]
            }.joined(separator: " ")
        }
        // Runs of documents whose every field shares words and pairs with the others.
        let documents = (0..<300).map { number -> [SearchIndex.Field: String] in
            Dictionary(uniqueKeysWithValues: SearchIndex.Field.allCases.map { field in
                (field, field == .body ? text(8 + number % 30) : text(number % 4))
            })
        }
        let postings = SearchIndex.Postings(documents: documents)
        // Counted plainly, term by term and field by field.
        func expected(pairs: Bool) -> [String: [UInt32]] {
            var entries: [String: [UInt32]] = [:]
            for (number, fields) in documents.enumerated() {
                var counts: [String: [Int]] = [:]
                for field in SearchIndex.Field.allCases {
                    let words = SearchText.terms(fields[field] ?? "")
                    let terms = pairs ? zip(words, words.dropFirst()).map { $0 + " " + $1 } : words
                    for term in terms { counts[term, default: Array(repeating: 0, count: 6)][field.rawValue] += 1 }
                }
                let factors = SearchIndex.Postings.factors(lengths: postings.lengths[number], steps: postings.steps)
                for (term, count) in counts {
                    let weighted = Double(count[0]) * factors.0 + Double(count[1]) * factors.1 + Double(count[2]) * factors.2
                        + Double(count[3]) * factors.3 + Double(count[4]) * factors.4 + Double(count[5]) * factors.5
                    entries[term, default: []].append(UInt32(number) << 5 | SearchIndex.Postings.score(weighted))
                }
            }
            return entries
        }
        for (encoded, pairs) in [(postings.terms, false), (postings.phrases, true)] {
            var found: [String: [UInt32]] = [:]
            for (index, term) in encoded.terms.enumerated() {
                let numbers = Base64Varint.decode(String(decoding: encoded.postings(at: index), as: UTF8.self))
                var document = -1
                found[term] = stride(from: 0, to: numbers.count, by: 2).map { index in
                    document += numbers[index] + 1
                    return UInt32(document) << 5 | UInt32(numbers[index + 1])
                }
            }
            #expect(found == expected(pairs: pairs), pairs ? "pairs" : "words")
        }
    }

    @Test("a word in the title outweighs the same word in the body")
    func fieldWeights() throws {
        let files = try build([
            "content/statements/a.md": "---\ntitle: Mining in Peru\ndate: 2023-01-02\n---\nA statement.\n",
            "content/statements/b.md": "---\ntitle: A statement\ndate: 2023-01-01\n---\nMining in Peru.\n",
        ])
        let scores = try postings(files, term: "mining")
        #expect(scores.count == 2)
        let byDocument = Dictionary(uniqueKeysWithValues: scores.map { ($0.document, $0.score) })
        let titleDocument = 0, bodyDocument = 1
        #expect(byDocument[titleDocument]! > byDocument[bodyDocument]!)
    }

    @Test("phrases are indexed as adjacent pairs, and document files carry what results show")
    func phrasesAndDocuments() throws {
        let files = try build([
            "content/statements/a.md": "---\ntitle: A\ndate: 2023-01-11\ndemands: [constituent-assembly]\n---\nWe call for a constituent assembly.\n"
        ])
        let entry = try #require(try data(files, "index") as? [String: Any])
        #expect(entry["documents"] as? Int == 1)
        let phraseShard = try #require(try data(files, "p/0") as? [String: String])
        #expect(phraseShard["constituent assembly"] != nil)
        #expect(entry["namesPerFile"] as? Int == SearchIndex.namesPerFile)
        let names = try #require(try data(files, "n/0") as? [String])
        #expect(names == SearchIndex.documentNames(of: ["a"]))
        let document = try #require(try data(files, "d/\(names[0])") as? [String: String])
        #expect(document["t"] == "A")
        #expect(document["p"] == "statements/a/index.html")
        #expect(document["d"] == "11 January 2023")
        let encoded = try #require(document["z"])
        let compressed = try #require(Data(base64Encoded: encoded))
        #expect(compressed.prefix(1) == Data([0x78]), "a zlib stream")
        #expect(compressed != Data("We call for a constituent assembly.".utf8))
    }

    @Test("documents are named by the digest of their statement's id, longer where two would share a name")
    func documentNames() throws {
        let ids = (0..<300).map { "statement-\($0)" }
        let hex = ids.map { id in SHA256.hash(data: Data(id.utf8)).map { String(format: "%02x", $0) }.joined() }
        let names = SearchIndex.documentNames(of: ids)
        #expect(names.count == ids.count)
        #expect(Set(names).count == ids.count, "every name differs")
        for (digest, name) in zip(hex, names) {
            #expect(name.count == 10 && digest.hasPrefix(name))
        }
        #expect(SearchIndex.documentNames(of: ids.reversed()) == names.reversed(), "a name does not depend on the order")

        // With two hexadecimal digits, 300 names must share: those that would take four, the
        // others keep two.
        let short = SearchIndex.documentNames(of: ids, bytes: 1)
        #expect(Set(short).count == ids.count)
        #expect(short.contains { $0.count == 2 } && short.contains { $0.count == 4 })
        for (index, name) in short.enumerated() {
            let sharing = hex.indices.filter { $0 != index && hex[$0].prefix(2) == hex[index].prefix(2) }
            #expect(hex[index].hasPrefix(name))
            #expect(name.count == (sharing.isEmpty ? 2 : 4), "\(name)")
        }
    }

    @Test("excerpt text is put on one line, each run of line breaks one space")
    func excerptTextOnOneLine() {
        #expect(SearchIndex.oneLine("\nFirst line\nsecond line.\n\n\nNext  paragraph.\n") == Data("First line second line. Next  paragraph.".utf8))
        #expect(SearchIndex.oneLine("Perú’s\n\n“pueblo”") == Data("Perú’s “pueblo”".utf8))
        #expect(SearchIndex.oneLine("\n\n").isEmpty)
    }

    @Test("large vocabularies are split into shards that each start where the last ended")
    func sharding() throws {
        var statements: [String: String] = [:]
        for number in 0..<40 {
            let words = (0..<400).map { "w\(number)x\($0)" }.joined(separator: " ")
            statements["content/statements/s\(number).md"] = "---\ntitle: S\(number)\n---\n\(words)\n"
        }
        let files = try build(statements)
        let entry = try #require(try data(files, "index") as? [String: Any])
        let firsts = try #require(entry["terms"] as? [String])
        #expect(firsts.count > 1)
        #expect(firsts == firsts.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        for (index, first) in firsts.enumerated() {
            let shard = try #require(try data(files, "t/\(index)") as? [String: String])
            #expect(shard.keys.min { $0.utf16.lexicographicallyPrecedes($1.utf16) } == first)
        }
        #expect(try postings(files, term: "w7x123").map(\.document).count == 1)
    }

    @Test("archive.yml can turn search off")
    func searchOff() throws {
        let root = try makeArchive(["archive.yml": "search: false\n", "content/statements/a.md": "---\ntitle: A\n---\n"])
        let files = try SiteBuild(root: root).files().files
        #expect(!files.contains { $0.path.hasPrefix("search/") })
        let home = String(decoding: try #require(files.first { $0.path == "index.html" }).contents, as: UTF8.self)
        #expect(!home.contains("role=\"search\""))
    }
}
