import Foundation
import Testing
@testable import ArchiveKit

/// The shared vectors in `Tests/search-vectors.json`; `Tests/js/search.test.mjs` runs the same ones.
struct SearchVectors: Decodable {
    struct Query: Decodable {
        var terms: [[Either]]
        var phrases: [[String]]
    }
    enum Either: Decodable, Equatable {
        case text(String), flag(Bool)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) { self = .flag(flag) } else { self = .text(try container.decode(String.self)) }
        }
    }
    enum Case: Decodable {
        case pair(String, String)
        case terms(String, [String])
        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            let input = try container.decode(String.self)
            if let output = try? container.decode(String.self) { self = .pair(input, output) } else { self = .terms(input, try container.decode([String].self)) }
        }
    }
    var normalise: [Case]
    var terms: [Case]

    static let shared: SearchVectors = {
        let url = repositoryRoot.appendingPathComponent("Tests/search-vectors.json")
        return try! JSONDecoder().decode(SearchVectors.self, from: Data(contentsOf: url))
    }()
}

@Suite("Search text")
struct SearchTextTests {
    @Test("normalisation matches the shared vectors")
    func normalisation() {
        for case .pair(let input, let expected) in SearchVectors.shared.normalise {
            #expect(SearchText.normalise(input) == expected, "\(input)")
        }
    }

    @Test("terms match the shared vectors")
    func terms() {
        #expect(SearchVectors.shared.terms.count > 10)
        for case .terms(let input, let expected) in SearchVectors.shared.terms {
            #expect(SearchText.terms(input) == expected, "\(input)")
        }
    }

    @Test("varints round-trip and match the shared vector")
    func varints() throws {
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/search-vectors.json"))) as? [String: Any]
        let vector = try #require((json?["varints"] as? [[Any]])?.first)
        let numbers = try #require(vector[0] as? [Int])
        var bytes: [UInt8] = []
        for number in numbers { Base64Varint.append(number, to: &bytes) }
        #expect(String(decoding: bytes, as: UTF8.self) == vector[1] as? String)
        #expect(Base64Varint.decode(String(decoding: bytes, as: UTF8.self)) == numbers)
    }
}

@Suite("Reading terms fast")
struct TermTableTests {
    @Test("the indexer's fast reader gives exactly the terms of SearchText")
    func sameTerms() throws {
        var inputs = SearchVectors.shared.terms.compactMap { if case .terms(let input, _) = $0 { input } else { nil } }
        inputs += [
            "Peru’s “people” — 1,200 wounded; Mariátegui's legacy & the U.S.-backed coup (BBC News – Deadly clashes)",
            "Don't`stop; ÉLECTIONS, élections… ﬁrst ǅemo Ⅻ ½ İzmir",
            try String(contentsOf: repositoryRoot.appendingPathComponent("seeds/002_67f331ee08f33280.txt"), encoding: .utf8),
        ]
        // Every scalar the reader classifies without decoding, inside words, between them, at the
        // edges and next to accented letters.
        for value in Array(0x80...0xBF) + Array(0x2000...0x206F) {
            let scalar = String(Character(Unicode.Scalar(value)!))
            inputs += ["a\(scalar)b", "\(scalar)word", "word\(scalar)", "é\(scalar)s Don\(scalar)t", "x \(scalar)\(scalar) y"]
        }
        for input in inputs {
            var table = TermTable()
            var numbers: [Int32] = []
            table.appendTerms(of: input, to: &numbers)
            #expect(numbers.map { table.terms[Int($0)] } == SearchText.terms(input), "\(input.prefix(60))")
        }
    }
}
