import Crypto
import Foundation

/// Writes the client-side search index under `search/`, from the same parsed content as the pages.
///
/// - `search/index.js`: the entry file: document count and the first term of every term shard.
/// - `search/t/<n>.js`: term shards, terms sorted and cut into shards by prefix so that a query
///   loads only the shards its terms need. Each term maps to its postings: base-64 varints of
///   (document number delta, score), the score being the term's saturated, field-weighted
///   frequency in that document (BM25F without the term's rarity) in 1…31, one base-64 digit.
///   The reader weighs it by the term's rarity, from the number of its postings.
/// - `search/phrases.js` and `search/p/<n>.js`: the same for pairs of adjacent terms, which answer
///   quoted phrases; only phrase queries load them.
/// - `search/n/<n>.js`: the documents' names, by number, a block of `namesPerFile` documents to
///   a file; loaded for the results shown.
/// - `search/d/<name>.js`: one file per document, loaded for the results shown: title, path,
///   organisation, date, kind and the compressed text for the excerpt. A document is named by its
///   statement's id, not by its number, so a statement that moves in the archive's order keeps
///   its file as it is.
/// - `search/facets.js` and `search/f/<n>.js`: filter values and, per block of documents, each
///   document's values; loaded only when filters are used.
///
/// Documents are numbered in archive order (newest first), so that order is also the order of
/// browsing without a query. Every file registers itself with `ArchiveSearch.register(name, data)`
/// and is loaded as a script, which works from `file://` where `fetch` does not.
public struct SearchIndex: Sendable {
    /// Field weights for BM25F: title over organisation, demands and tags over summary over body.
    public static let weights: [Field: Double] = [
        .title: 5, .organisation: 3, .demands: 3, .tags: 3, .summary: 2, .body: 1,
    ]
    static let k1 = 1.2
    static let b = 0.75
    /// Term shards are cut at about this many bytes, unless one term alone is larger.
    static let shardBytes = 32_000
    /// Documents per facet block.
    static let blockSize = 4_096
    /// Documents per file of names.
    static let namesPerFile = 64

    /// The fields of a document that search reads.
    public enum Field: Int, Sendable, CaseIterable {
        case title, organisation, demands, tags, summary, body
    }

    let archive: Archive
    let texts: BodyTexts
    let strings: Strings

    /// An index of `archive`, reading its bodies' plain text from `texts`.
    init(archive: Archive, texts: BodyTexts, strings: Strings) {
        self.archive = archive
        self.texts = texts
        self.strings = strings
    }

    /// Every file of the index, recording how long each part took.
    func files(timings: inout Timings) -> [OutputFile] {
        files(keys: nil, earlier: nil, timings: &timings).files.made
    }

    /// The files of the index, and what they were made from. With `keys`, each result's document
    /// is made only if it changed since the last build, and with `earlier` too, the terms are
    /// brought up to date from the last build's by reading only the statements that changed. With
    /// `staging`, the results' documents are written into it as they are made (`KeyedFiles.written`).
    func files(
        keys: OutputKeys?, earlier: Earlier?, staging: SiteWriter.Staging? = nil, timings: inout Timings
    ) -> (files: KeyedFiles, state: State) {
        // The documents, their names and the facets, which do not read the terms, are made on
        // another core.
        let besides = Background { [self] () -> (documents: KeyedFiles, facets: [OutputFile], timings: Timings) in
            var timings = Timings()
            let names = Self.documentNames(of: archive.statements.map(\.id))
            let documents = timings.measure("search documents") {
                documentFiles(names: names, keys: keys, staging: staging)
            }
            let facets = timings.measure("search facets") { facetFiles() + nameFiles(names) }
            return (documents, facets, timings)
        }
        let statements = archive.statements
        let statementKeys = statements.map { keys?.statements[$0.id] ?? "" }
        let postings = timings.measure("search terms") {
            let updated = keys == nil ? nil : earlier.flatMap { earlier in
                Postings.updated(keys: statementKeys, earlier: earlier) { fields(of: statements[$0]) }
            }
            return updated ?? Postings(documents: statements.concurrentMap(fields))
        }
        let state = State(
            documents: zip(statementKeys, postings.lengths).map { State.Document(key: $0, lengths: $1) }, steps: postings.steps)
        let (termShards, phraseShards) = timings.measure("search shards") {
            let phrases = Background { [self, postings] in shards(postings.phrases) }
            return (shards(postings.terms), phrases.value)
        }
        var files: [OutputFile] = []
        var kept: [String] = []
        // A shard whose bytes are those of the earlier shard of its number, read from the file that
        // is still there as written, is kept as it is: after an edit, most shards are.
        func add(_ shards: [(first: String, body: [UInt8])], _ name: String, earlier: [Data]) {
            for (number, shard) in shards.enumerated() {
                let file = script("\(name)/\(number)", bytes: shard.body)
                if number < earlier.count, earlier[number] == file.contents {
                    kept.append(file.path)
                } else {
                    files.append(file)
                }
            }
        }
        add(termShards, "t", earlier: keys == nil ? [] : earlier?.termShards ?? [])
        add(phraseShards, "p", earlier: keys == nil ? [] : earlier?.phraseShards ?? [])
        let entry = Entry(
            documents: archive.statements.count, blockSize: Self.blockSize, namesPerFile: Self.namesPerFile,
            terms: termShards.map(\.first))
        files.append(script("index", json(entry)))
        files.append(script("phrases", json(phraseShards.map(\.first))))
        let made = besides.value
        timings.append(made.timings, suffix: "")
        var result = made.documents
        result.made += files + made.facets
        result.kept += kept
        return (result, state)
    }

    // MARK: - Documents

    /// The text of each field of a statement.
    func fields(of statement: Statement) -> [Field: String] {
        let organisations = statement.signatories.compactMap { archive.organisations[$0] }
        return [
            .title: statement.title,
            // Who issued it, who wrote it and where it appeared.
            .organisation: (organisations.flatMap { [$0.name] + ($0.shortName.map { [$0] } ?? []) }
                + [statement.author, statement.publication].compactMap { $0 }).joined(separator: " "),
            .demands: statement.demands.compactMap { id in archive.demands.first { $0.id == id }?.label }
                .joined(separator: " "),
            .tags: statement.tags.map { archive.tags[$0]?.label ?? $0 }.joined(separator: " "),
            .summary: statement.summary ?? "",
            .body: texts.text(of: statement),
        ]
    }

    /// Each document's name, by number: the first ten hexadecimal digits (`bytes` of the digest)
    /// of the SHA-256 digest of its statement's id, or twice as many (and so on) for documents
    /// whose digits would be the same. A name depends only on the ids, so a statement keeps its
    /// document's name wherever its date puts it, and a build from scratch gives the same names as
    /// one that brings a site up to date.
    static func documentNames(of ids: [String], bytes: Int = 5) -> [String] {
        let digests = ids.map { Array(SHA256.hash(data: Data($0.utf8))) }
        var lengths = [Int](repeating: bytes, count: ids.count)
        let digits = Array("0123456789abcdef".utf8)
        func name(_ index: Int) -> String {
            var text: [UInt8] = []
            for byte in digests[index].prefix(lengths[index]) {
                text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            }
            return String(decoding: text, as: UTF8.self)
        }
        var names = ids.indices.map(name)
        while true {
            // Only equal ids share a whole digest, and an archive's ids differ.
            let shared = Dictionary(grouping: names.indices, by: { names[$0] }).values
                .filter { $0.count > 1 }.joined().filter { lengths[$0] < 32 }
            guard !shared.isEmpty else { return names }
            for index in shared {
                lengths[index] = min(lengths[index] * 2, 32)
                names[index] = name(index)
            }
        }
    }

    /// The documents' names, `namesPerFile` to a file, in document order.
    private func nameFiles(_ names: [String]) -> [OutputFile] {
        stride(from: 0, to: names.count, by: Self.namesPerFile).enumerated().map { block, start in
            script("n/\(block)", json(Array(names[start..<min(start + Self.namesPerFile, names.count)])))
        }
    }

    /// What a result shows, one file per document, named by `names`: title, path, organisation,
    /// date, kind, and the text for its excerpt, compressed and base-64 encoded (about 60% of the
    /// text's bytes). Keys sorted. With `staging`, the files are written into it a run at a time
    /// and only their paths are kept.
    private func documentFiles(names: [String], keys: OutputKeys?, staging: SiteWriter.Staging?) -> KeyedFiles {
        let statements = archive.statements
        var result = KeyedFiles()
        let path = { @Sendable (number: Int) in "search/d/\(names[number]).js" }
        let making = result.select(Array(statements.indices), keys: keys, path: path) { number, keys in
            keys.key(["search document", names[number]], statements: [statements[number].id])
        }
        // Runs of documents share a compressor, which is costly to make.
        result.make(making, path: path, runsOf: 64, staging: staging) { numbers in
            let deflate = Deflate()
            return numbers.map { number in
                let statement = statements[number]
                let organisation = statement.organisation.flatMap { archive.organisations[$0]?.name } ?? ""
                let fields = [
                    ("d", statement.date.map(strings.format) ?? strings["undated"]),
                    ("k", strings["kinds.\(statement.kind.rawValue)"]), ("o", organisation), ("p", Page.path(of: statement)),
                    ("t", statement.title),
                ]
                // Base 64 needs no escaping in JSON.
                let text = deflate.compress(Self.oneLine(texts.text(of: statement))).base64EncodedString()
                let record = fields.map { "\"\($0.0)\":\(jsonString($0.1))" }.joined(separator: ",") + ",\"z\":\"\(text)\""
                return script("d/\(names[number])", "{" + record + "}")
            }
        }
        return result
    }

    /// The text on one line, as UTF-8: each run of line breaks becomes one space, and none is left
    /// at either end.
    static func oneLine(_ text: String) -> Data {
        var text = text
        var result = [UInt8]()
        text.withUTF8 { bytes in
            result.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte == 0x0A {
                    pendingSpace = !result.isEmpty
                } else {
                    if pendingSpace { result.append(0x20) }
                    pendingSpace = false
                    result.append(byte)
                }
            }
        }
        return Data(result)
    }

    // MARK: - Facets

    private struct FacetValues: Encodable {
        var organisation: [[String]]
        var demand: [[String]]
        var tag: [[String]]
        var year: [[String]]
        var kind: [[String]]
        var language: [[String]]
    }

    private func facetFiles() -> [OutputFile] {
        let organisations = archive.organisationsByName.filter { !archive.statements(by: $0.id).isEmpty }
        let tags = archive.tagsByLabel
        let years = Array(Set(archive.statements.compactMap { $0.date?.year })).sorted(by: >)
        let kinds = StatementKind.allCases
        let languages = Array(Set(archive.statements.map(\.language))).sorted()
        let values = FacetValues(
            organisation: organisations.map { [$0.id, $0.name] },
            demand: archive.demands.map { [$0.id, $0.label] },
            tag: tags.map { [$0.id, $0.label] },
            year: years.map { [String($0), String($0)] },
            kind: kinds.map { [$0.rawValue, strings["kinds.\($0.rawValue)"]] },
            language: languages.map { [$0, strings["languages.\($0)"] == "languages.\($0)" ? $0 : strings["languages.\($0)"]] })
        let organisationIndex = Dictionary(uniqueKeysWithValues: organisations.enumerated().map { ($1.id, $0) })
        let demandIndex = Dictionary(uniqueKeysWithValues: archive.demands.enumerated().map { ($1.id, $0) })
        let tagIndex = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1.id, $0) })
        let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        let languageIndex = Dictionary(uniqueKeysWithValues: languages.enumerated().map { ($1, $0) })

        var files = [script("facets", json(values))]
        for (block, start) in stride(from: 0, to: archive.statements.count, by: Self.blockSize).enumerated() {
            var bytes: [UInt8] = []
            for statement in archive.statements[start..<min(start + Self.blockSize, archive.statements.count)] {
                Base64Varint.append(statement.organisation.flatMap { organisationIndex[$0] }.map { $0 + 1 } ?? 0, to: &bytes)
                Base64Varint.append(statement.date.flatMap { yearIndex[$0.year] }.map { $0 + 1 } ?? 0, to: &bytes)
                Base64Varint.append(kinds.firstIndex(of: statement.kind) ?? 0, to: &bytes)
                Base64Varint.append(languageIndex[statement.language] ?? 0, to: &bytes)
                let demands = statement.demands.compactMap { demandIndex[$0] }
                Base64Varint.append(demands.count, to: &bytes)
                for demand in demands { Base64Varint.append(demand, to: &bytes) }
                let tagNumbers = statement.tags.compactMap { tagIndex[$0] }
                Base64Varint.append(tagNumbers.count, to: &bytes)
                for tag in tagNumbers { Base64Varint.append(tag, to: &bytes) }
            }
            files.append(script("f/\(block)", json(String(decoding: bytes, as: UTF8.self))))
        }
        return files
    }

    // MARK: - Shards

    private struct Entry: Encodable {
        var version = 2
        var documents: Int
        var blockSize: Int
        var namesPerFile: Int
        var terms: [String]
    }

    /// Sorted terms packed into shards of about `shardBytes`; each shard is known by its first term,
    /// so a reader finds a term's shard by binary search, and a prefix's shards as a run.
    private func shards(_ encoded: Postings.EncodedTerms) -> [(first: String, body: [UInt8])] {
        var shards: [(first: String, body: [UInt8])] = []
        var body: [UInt8] = []
        var first = ""
        var size = 0
        for (index, term) in encoded.terms.enumerated() {
            let postings = encoded.postings(at: index)
            if body.isEmpty {
                first = term
                body.append(UInt8(ascii: "{"))
            } else {
                body.append(UInt8(ascii: ","))
            }
            body += jsonString(term).utf8
            body += #":""#.utf8
            body += postings
            body.append(UInt8(ascii: "\""))
            size += term.utf8.count + postings.count + 6
            if size >= Self.shardBytes {
                body.append(UInt8(ascii: "}"))
                shards.append((first, body))
                body = []
                size = 0
            }
        }
        if !body.isEmpty {
            body.append(UInt8(ascii: "}"))
            shards.append((first, body))
        }
        return shards
    }

    // MARK: - Encoding

    private func script(_ name: String, _ json: String) -> OutputFile {
        script(name, bytes: json.utf8)
    }

    /// The same, from JSON's bytes: shards are made as bytes, and their megabytes are not made
    /// into text and back.
    private func script(_ name: String, bytes json: some Collection<UInt8>) -> OutputFile {
        var contents = Data(capacity: json.count + name.utf8.count + 32)
        contents.append(Self.registration(name))
        contents.append(contentsOf: json)
        contents.append(contentsOf: ");\n".utf8)
        return OutputFile(path: "search/\(name).js", contents: contents)
    }

    /// How the script of the index's file `name` begins, before its JSON.
    private static func registration(_ name: String) -> Data {
        Data("ArchiveSearch.register(\"\(name)\",".utf8)
    }

    private func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, arrays and flat records cannot fail.
        let data = try! encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }

    private func jsonString(_ text: String) -> String {
        JSONText.string(text)
    }
}
