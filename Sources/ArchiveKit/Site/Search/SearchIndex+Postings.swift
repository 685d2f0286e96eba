import Foundation

extension SearchIndex {
    /// Every term's postings, encoded, sorted by term (UTF-16 order): single terms and adjacent pairs.
    struct Postings {
        var terms: [(term: String, postings: String)] = []
        var phrases: [(term: String, postings: String)] = []

        /// How often a term occurs in each field of one document.
        private struct Occurrence: Sendable {
            var term: Int32
            var counts: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0)

            mutating func add(_ field: Int) {
                switch field {
                case 0: counts.0 &+= 1
                case 1: counts.1 &+= 1
                case 2: counts.2 &+= 1
                case 3: counts.3 &+= 1
                case 4: counts.4 &+= 1
                default: counts.5 &+= 1
                }
            }

            /// The field-weighted, length-normalised frequency: Σ weight × count / norm over fields.
            func weighted(by factors: (Double, Double, Double, Double, Double, Double)) -> Double {
                Double(counts.0) * factors.0 + Double(counts.1) * factors.1 + Double(counts.2) * factors.2
                    + Double(counts.3) * factors.3 + Double(counts.4) * factors.4 + Double(counts.5) * factors.5
            }
        }

        /// A run of documents read with its own term numbers; pairs are numbered apart from words.
        private struct Chunk: Sendable {
            var words: [String] = []
            var pairs: [(first: Int32, second: Int32)] = []
            /// Per document: field lengths, word occurrences, pair occurrences.
            var documents: [(lengths: [Int], words: [Occurrence], pairs: [Occurrence])] = []
        }

        init(documents: [[Field: String]]) {
            let count = documents.count
            guard count > 0 else { return }
            // Chunks are read in parallel, each numbering its own terms, so that merging costs one
            // lookup per distinct term and chunk rather than one per occurrence.
            let chunkSize = max(32, count / (ProcessInfo.processInfo.activeProcessorCount * 8))
            let ranges = stride(from: 0, to: count, by: chunkSize).map { $0..<min($0 + chunkSize, count) }
            let chunks = ranges.concurrentMap { Self.read(documents[$0]) }

            var totalLengths = [Double](repeating: 0, count: Field.allCases.count)
            for chunk in chunks {
                for document in chunk.documents {
                    for field in 0..<totalLengths.count { totalLengths[field] += Double(document.lengths[field]) }
                }
            }
            let averages = totalLengths.map { max(1, $0 / Double(count)) }

            // Global numbers: words by text, pairs by their words' global numbers.
            var wordNumbers: [String: Int32] = [:]
            var words: [String] = []
            var pairTable = PairTable()
            let wordMaps = chunks.map { chunk in
                chunk.words.map { word -> Int32 in
                    if let number = wordNumbers[word] { return number }
                    let number = Int32(words.count)
                    wordNumbers[word] = number
                    words.append(word)
                    return number
                }
            }
            let pairMaps = zip(chunks, wordMaps).map { chunk, wordMap in
                chunk.pairs.map { pairTable.number(wordMap[Int($0.first)], wordMap[Int($0.second)]) }
            }
            let pairs = pairTable.pairs

            var wordFrequencies = [Int](repeating: 0, count: words.count)
            var pairFrequencies = [Int](repeating: 0, count: pairs.count)
            for (index, chunk) in chunks.enumerated() {
                for document in chunk.documents {
                    for occurrence in document.words { wordFrequencies[Int(wordMaps[index][Int(occurrence.term)])] += 1 }
                    for occurrence in document.pairs { pairFrequencies[Int(pairMaps[index][Int(occurrence.term)])] += 1 }
                }
            }
            func idf(_ frequency: Int) -> Double {
                log(1 + (Double(count) - Double(frequency) + 0.5) / (Double(frequency) + 0.5))
            }
            let wordIDF = wordFrequencies.map(idf)
            let pairIDF = pairFrequencies.map(idf)
            // Scores are kept to five bits, one base-64 digit: the square root spreads the many small
            // scores over more levels than the few large ones; the largest possible score maps to 31.
            let maximum = idf(1) * (SearchIndex.k1 + 1)
            let weights = Field.allCases.map { SearchIndex.weights[$0] ?? 1 }

            // Postings are encoded in parallel: each task takes the words (or pairs) whose numbers
            // leave one remainder, and reads every document for them, in order.
            // A power of two, at least one per core, so that a term's task is a mask away.
            let parts = 1 << (Int.bitWidth - (ProcessInfo.processInfo.activeProcessorCount - 1).leadingZeroBitCount)
            let tasks = (0..<2 * parts).map { (pairs: $0 >= parts, part: $0 % parts) }
            let encoded = tasks.concurrentMap { task -> [[UInt8]] in
                let (maps, idfs) = task.pairs ? (pairMaps, pairIDF) : (wordMaps, wordIDF)
                var lists = PostingLists(count: (idfs.count - task.part + parts - 1) / parts)
                var document = 0
                for (map, chunk) in zip(maps, chunks) {
                    for entry in chunk.documents {
                        func factor(_ field: Int) -> Double {
                            weights[field] / (1 - SearchIndex.b + SearchIndex.b * Double(entry.lengths[field]) / averages[field])
                        }
                        let factors = (factor(0), factor(1), factor(2), factor(3), factor(4), factor(5))
                        for occurrence in task.pairs ? entry.pairs : entry.words {
                            let term = Int(map[Int(occurrence.term)])
                            guard term & (parts - 1) == task.part else { continue }
                            let weight = occurrence.weighted(by: factors)
                            let bm25 = idfs[term] * weight * (SearchIndex.k1 + 1) / (SearchIndex.k1 + weight)
                            let score = min(31, max(1, Int((31 * (bm25 / maximum).squareRoot()).rounded())))
                            lists.append(document: document, score: score, to: term >> parts.trailingZeroBitCount)
                        }
                        document += 1
                    }
                }
                return lists.encoded
            }
            func postings(count: Int, tasks offset: Int) -> [[UInt8]] {
                (0..<count).map { encoded[offset + $0 & (parts - 1)][$0 >> parts.trailingZeroBitCount] }
            }
            let phraseTexts = pairs.map { words[Int($0.first)] + " " + words[Int($0.second)] }
            let sorted = [(words, postings(count: words.count, tasks: 0)), (phraseTexts, postings(count: pairs.count, tasks: parts))]
                .concurrentMap { Self.sorted($0.0, $0.1) }
            terms = sorted[0]
            phrases = sorted[1]
        }

        private static func sorted(_ terms: [String], _ postings: [[UInt8]]) -> [(term: String, postings: String)] {
            zip(terms, postings).map { ($0, String(decoding: $1, as: UTF8.self)) }
                .sorted { $0.0.utf16.lexicographicallyPrecedes($1.0.utf16) }
        }

        /// Reads documents once: each field's terms, counted per document, and adjacent pairs.
        private static func read(_ documents: ArraySlice<[Field: String]>) -> Chunk {
            var chunk = Chunk()
            var table = TermTable()
            var pairTable = PairTable()
            var wordCounter = OccurrenceCounter()
            var pairCounter = OccurrenceCounter()
            for (index, fields) in documents.enumerated() {
                let stamp = Int32(index)
                var lengths = [Int](repeating: 0, count: Field.allCases.count)
                var words: [Occurrence] = []
                var pairs: [Occurrence] = []
                for field in Field.allCases {
                    guard let text = fields[field], !text.isEmpty else { continue }
                    var previous: Int32 = -1
                    table.forEachTerm(in: text) { number in
                        lengths[field.rawValue] += 1
                        wordCounter.count(number, in: field, document: stamp, into: &words)
                        if previous >= 0 {
                            pairCounter.count(pairTable.number(previous, number), in: field, document: stamp, into: &pairs)
                        }
                        previous = number
                    }
                }
                chunk.documents.append((lengths, words, pairs))
            }
            chunk.words = table.terms
            chunk.pairs = pairTable.pairs
            return chunk
        }

        /// Counts occurrences per document without hashing: each term remembers the last document
        /// it was seen in and where its count stands in that document's list.
        private struct OccurrenceCounter {
            private var slot: [Int32] = []
            private var stamp: [Int32] = []

            mutating func count(_ term: Int32, in field: Field, document: Int32, into list: inout [Occurrence]) {
                let index = Int(term)
                while stamp.count <= index {
                    slot.append(0)
                    stamp.append(-1)
                }
                if stamp[index] != document {
                    stamp[index] = document
                    slot[index] = Int32(list.count)
                    list.append(Occurrence(term: term))
                }
                list[Int(slot[index])].add(field.rawValue)
            }
        }

        /// Each term's postings as base-64 varints of (gap since the term's previous document, score).
        private struct PostingLists {
            private(set) var encoded: [[UInt8]]
            private var last: [Int]

            init(count: Int) {
                encoded = Array(repeating: [], count: count)
                last = Array(repeating: -1, count: count)
            }

            mutating func append(document: Int, score: Int, to term: Int) {
                Base64Varint.append(document - last[term] - 1, to: &encoded[term])
                Base64Varint.append(score, to: &encoded[term])
                last[term] = document
            }
        }
    }
}
