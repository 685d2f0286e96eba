import Foundation

extension SearchIndex {
    /// Every term's postings, encoded: single words, and adjacent pairs for phrases.
    struct Postings {
        /// Single words.
        var terms = EncodedTerms()
        /// Adjacent pairs of words, written "first second".
        var phrases = EncodedTerms()

        /// Terms in UTF-16 order, each with its postings: base-64 varints of (gap since the term's
        /// previous document, score).
        struct EncodedTerms {
            /// The terms, sorted.
            var terms: [String] = []
            /// Each term's postings: which of `buffers`, and where in it.
            var postings: [(buffer: Int, range: Range<Int>)] = []
            /// The encoded postings of every term.
            var buffers: [[UInt8]] = []

            /// The postings of the term at `index`.
            func postings(at index: Int) -> ArraySlice<UInt8> {
                let (buffer, range) = postings[index]
                return buffers[buffer][range]
            }
        }

        /// Per field of one document: its weight over its length normalisation.
        typealias Factors = (Double, Double, Double, Double, Double, Double)

        /// How often a term occurs in each field but the last of one document.
        typealias EarlierCounts = (UInt16, UInt16, UInt16, UInt16, UInt16)

        /// The occurrences of one kind of term (words or pairs) in a run of documents, counted per
        /// document without hashing: each term remembers the last document it was seen in and where
        /// its occurrence stands.
        ///
        /// A document's fields are counted in order, the body last. Most occurrences are met first
        /// in the body, and only those met first in an earlier field, which come first in their
        /// document, keep counts for the earlier fields: six bytes an occurrence instead of sixteen.
        struct Occurrences: Sendable {
            /// Every document's occurrences, one document after another: each one's term,
            private var terms: [Int32] = []
            /// how often it occurs in the last field,
            private var lastCounts: [UInt16] = []
            /// and, for those met first in an earlier field, how often in each earlier field.
            private var earlierCounts: [EarlierCounts] = []
            /// Where each document's occurrences end in `terms`, and in `earlierCounts`.
            private var ends: [Int] = []
            private var earlierEnds: [Int] = []
            /// In how many documents each term occurs, by the run's own term numbers.
            var frequencies: [Int32] = []
            private var slot: [Int32] = []
            private var stamp: [Int32] = []
            /// Where the current document's occurrences start in `terms` and in `earlierCounts`.
            private var start = 0
            private var earlierStart = 0

            /// The last field, the one most terms occur in.
            private static let lastField = Field.allCases.count - 1

            mutating func count(_ term: Int32, in field: Int, document: Int32) {
                let index = Int(term)
                if index >= stamp.count {
                    let size = max(1024, 2 * index)
                    slot += repeatElement(0, count: size - slot.count)
                    stamp += repeatElement(-1, count: size - stamp.count)
                    frequencies += repeatElement(0, count: size - frequencies.count)
                }
                if stamp[index] != document {
                    stamp[index] = document
                    slot[index] = Int32(terms.count)
                    frequencies[index] += 1
                    terms.append(term)
                    lastCounts.append(0)
                    if field < Self.lastField { earlierCounts.append((0, 0, 0, 0, 0)) }
                }
                let position = Int(slot[index])
                switch field {
                case Self.lastField: lastCounts[position] &+= 1
                case 0: earlierCounts[earlierStart + position - start].0 &+= 1
                case 1: earlierCounts[earlierStart + position - start].1 &+= 1
                case 2: earlierCounts[earlierStart + position - start].2 &+= 1
                case 3: earlierCounts[earlierStart + position - start].3 &+= 1
                default: earlierCounts[earlierStart + position - start].4 &+= 1
                }
            }

            /// Ends the current document.
            mutating func endDocument() {
                ends.append(terms.count)
                earlierEnds.append(earlierCounts.count)
                (start, earlierStart) = (terms.count, earlierCounts.count)
            }

            /// Drops what only counting needed, and the room the arrays kept to grow: a run's
            /// occurrences are held until every run is counted.
            mutating func finish(terms: Int) {
                frequencies = Array(frequencies.prefix(terms))
                slot = []
                stamp = []
                self.terms = Self.fitted(self.terms)
                lastCounts = Self.fitted(lastCounts)
                earlierCounts = Self.fitted(earlierCounts)
            }

            /// A copy of `array` that holds no more room than its elements take.
            private static func fitted<Element>(_ array: [Element]) -> [Element] {
                array.withUnsafeBufferPointer { Array($0) }
            }

            /// Each occurrence in the document at `index` of the run, in order: its term and its
            /// field-weighted, length-normalised frequency, Σ weight × count / norm over fields.
            func forEach(inDocument index: Int, factors: Factors, _ body: (_ term: Int32, _ weighted: Double) -> Void) {
                let start = index == 0 ? 0 : ends[index - 1]
                let earlierStart = index == 0 ? 0 : earlierEnds[index - 1]
                let withEarlier = earlierEnds[index] - earlierStart
                for position in start..<ends[index] {
                    let last = Double(lastCounts[position]) * factors.5
                    guard position - start < withEarlier else {
                        body(terms[position], last)
                        continue
                    }
                    let counts = earlierCounts[earlierStart + position - start]
                    body(
                        terms[position],
                        Double(counts.0) * factors.0 + Double(counts.1) * factors.1 + Double(counts.2) * factors.2
                            + Double(counts.3) * factors.3 + Double(counts.4) * factors.4 + last)
                }
            }
        }

        /// A run of documents read with its own term numbers; pairs are numbered apart from words.
        struct Chunk: Sendable {
            /// The number of the run's first document in the archive.
            var start: Int
            var words: [String] = []
            var pairs: [(first: Int32, second: Int32)] = []
            /// Per document, the number of terms in each field.
            var lengths: [[Int]] = []
            var wordOccurrences = Occurrences()
            var pairOccurrences = Occurrences()

            func occurrences(pairs: Bool) -> Occurrences {
                pairs ? pairOccurrences : wordOccurrences
            }
        }

        /// Each document's number of terms in each field, in document order.
        var lengths: [[Int]] = []
        /// Each field's average length over the documents, as a step of `ladder`.
        var steps: [Int] = []

        /// The average lengths that length normalisation uses: the archive's averages rounded to a
        /// step of a ladder of quarter powers of two, so that editing, adding or removing a few
        /// statements seldom moves them and leaves every other statement's scores as they were.
        static func ladder(_ step: Int) -> Double {
            pow(2, Double(step) / 4)
        }

        /// The steps of the averages of fields whose lengths over `documents` documents add up to `totals`.
        static func steps(totals: [Int], documents: Int) -> [Int] {
            totals.map { total in
                Int((4 * log2(max(1, Double(total) / Double(max(1, documents))))).rounded())
            }
        }

        /// The steps of the averages of documents' field lengths; nil if a document's lengths are
        /// not one for each field.
        static func steps(of lengths: [[Int]]) -> [Int]? {
            var totals = [Int](repeating: 0, count: Field.allCases.count)
            for lengths in lengths {
                guard lengths.count == totals.count else { return nil }
                for field in totals.indices { totals[field] += lengths[field] }
            }
            return steps(totals: totals, documents: lengths.count)
        }

        /// Per field of a document with `lengths`: its weight over its length normalisation.
        static func factors(lengths: [Int], steps: [Int]) -> Factors {
            let weights = Field.allCases.map { SearchIndex.weights[$0] ?? 1 }
            func factor(_ field: Int) -> Double {
                weights[field] / (1 - SearchIndex.b + SearchIndex.b * Double(lengths[field]) / ladder(steps[field]))
            }
            return (factor(0), factor(1), factor(2), factor(3), factor(4), factor(5))
        }

        /// A term's score in one document: BM25's saturated term frequency, (k1 + 1) w / (k1 + w)
        /// for the field-weighted, length-normalised frequency w, over its bound k1 + 1, in 31
        /// levels. It depends on nothing but the document and the average lengths; the reader
        /// weighs it by the term's rarity, which it knows from the length of its postings.
        static func score(_ weighted: Double) -> UInt32 {
            UInt32(min(31, max(1, Int((31 * weighted / (SearchIndex.k1 + weighted)).rounded()))))
        }

        init(documents: [[Field: String]]) {
            let count = documents.count
            guard count > 0 else { return }
            // Chunks are read in parallel, each numbering its own terms, so that merging costs one
            // lookup per distinct term and chunk rather than one per occurrence.
            let chunkSize = max(32, count / (ProcessInfo.processInfo.activeProcessorCount * 8))
            let starts = Array(stride(from: 0, to: count, by: chunkSize))
            var chunks = starts.concurrentMap { Self.read(documents[$0..<min($0 + chunkSize, count)], start: $0) }

            // Global numbers: words by text, pairs by their words' global numbers.
            var wordTable = TermTable()
            var pairTable = PairTable()
            let wordMaps = chunks.map { chunk in chunk.words.map { wordTable.number(of: $0) } }
            let pairMaps = zip(chunks, wordMaps).map { chunk, wordMap in
                chunk.pairs.map { pairTable.number(wordMap[Int($0.first)], wordMap[Int($0.second)]) }
            }
            let words = wordTable.terms
            let pairs = pairTable.pairs

            lengths = chunks.flatMap(\.lengths)
            // Every document's lengths were just counted, one for each field.
            let steps = Self.steps(of: lengths)!
            self.steps = steps
            let factors = lengths.map { Self.factors(lengths: $0, steps: steps) }

            let wordPostings = Self.encode(terms: words.count, chunks: &chunks, maps: wordMaps, factors: factors, pairs: false)
            let pairPostings = Self.encode(terms: pairs.count, chunks: &chunks, maps: pairMaps, factors: factors, pairs: true)
            let phraseTexts = pairs.map { words[Int($0.first)] + " " + words[Int($0.second)] }
            let sorted = [(words, wordPostings), (phraseTexts, pairPostings)].concurrentMap { Self.sorted($0.0, $0.1) }
            terms = sorted[0]
            phrases = sorted[1]
        }

        /// One kind of term's postings, by global term number, in two parallel passes over a flat
        /// table: each chunk writes its (document, score) entries into its own slots of each term's
        /// run, then each range of terms is encoded. The chunks' occurrences of that kind are let
        /// go once they are in the table, before the encoding.
        private static func encode(
            terms: Int, chunks: inout [Chunk], maps: [[Int32]], factors: [Factors], pairs: Bool
        ) -> EncodedTerms {
            let (starts, table) = Self.table(terms: terms, chunks: chunks, maps: maps, factors: factors, pairs: pairs)
            for index in chunks.indices {
                if pairs { chunks[index].pairOccurrences = Occurrences() } else { chunks[index].wordOccurrences = Occurrences() }
            }
            return encoded(terms: terms, starts: starts, table: table)
        }

        /// The table of one kind of term's entries, each term's run after the one before, and
        /// where each run starts.
        private static func table(
            terms: Int, chunks: [Chunk], maps: [[Int32]], factors: [Factors], pairs: Bool
        ) -> (starts: [Int], table: EntryTable) {
            // Where each term's run starts in the table, and where each chunk's entries start in it.
            var frequencies = [Int](repeating: 0, count: terms)
            for (chunk, map) in zip(chunks, maps) {
                for (local, frequency) in chunk.occurrences(pairs: pairs).frequencies.enumerated() {
                    frequencies[Int(map[local])] += Int(frequency)
                }
            }
            let starts = frequencies.reduce(into: [0]) { starts, frequency in starts.append(starts.last! + frequency) }
            var next = Array(starts.dropLast())
            let cursors = zip(chunks, maps).map { chunk, map in
                chunk.occurrences(pairs: pairs).frequencies.enumerated().map { local, frequency -> Int in
                    let term = Int(map[local])
                    defer { next[term] += Int(frequency) }
                    return next[term]
                }
            }

            let table = EntryTable(count: starts[terms])
            _ = Array(zip(chunks.indices, cursors)).concurrentMap { index, cursors in
                var cursors = cursors
                let chunk = chunks[index]
                let list = chunk.occurrences(pairs: pairs)
                for document in 0..<chunk.lengths.count {
                    let number = chunk.start + document
                    list.forEach(inDocument: document, factors: factors[number]) { term, weighted in
                        let local = Int(term)
                        table[cursors[local]] = UInt32(number) << 5 | score(weighted)
                        cursors[local] += 1
                    }
                }
            }
            return (starts, table)
        }

        /// Each term's run of the table, encoded: ranges of terms with about the same number of
        /// entries, in parallel.
        private static func encoded(terms: Int, starts: [Int], table: EntryTable) -> EncodedTerms {
            let parts = 4 * ProcessInfo.processInfo.activeProcessorCount
            var bounds = [0]
            for part in 1..<parts {
                let target = starts[terms] * part / parts
                var term = bounds.last!
                while term < terms && starts[term] < target { term += 1 }
                bounds.append(term)
            }
            bounds.append(terms)
            let encoded = (0..<parts).map { (bounds[$0], bounds[$0 + 1]) }.concurrentMap { first, end in
                var bytes: [UInt8] = []
                var ends: [Int] = []
                for term in first..<end {
                    Base64Varint.appendPostings((starts[term]..<starts[term + 1]).lazy.map { table[$0] }, to: &bytes)
                    ends.append(bytes.count)
                }
                return (bytes, ends)
            }
            var result = EncodedTerms()
            for (buffer, (bytes, ends)) in encoded.enumerated() {
                var start = 0
                for end in ends {
                    result.postings.append((buffer, start..<end))
                    start = end
                }
                result.buffers.append(bytes)
            }
            return result
        }

        /// Terms with their postings, put in UTF-16 order.
        private static func sorted(_ terms: [String], _ encoded: EncodedTerms) -> EncodedTerms {
            let order = terms.indices.sorted { terms[$0].precedesInUTF16(terms[$1]) }
            return EncodedTerms(
                terms: order.map { terms[$0] }, postings: order.map { encoded.postings[$0] }, buffers: encoded.buffers)
        }

        /// Reads documents once: each field's terms, counted per document, and adjacent pairs.
        static func read(_ documents: ArraySlice<[Field: String]>, start: Int) -> Chunk {
            var chunk = Chunk(start: start)
            var table = TermTable()
            var pairTable = PairTable()
            var words = Occurrences()
            var pairs = Occurrences()
            var numbers: [Int32] = []
            for (index, fields) in documents.enumerated() {
                let stamp = Int32(index)
                var lengths = [Int](repeating: 0, count: Field.allCases.count)
                for field in Field.allCases {
                    guard let text = fields[field], !text.isEmpty else { continue }
                    numbers.removeAll(keepingCapacity: true)
                    table.appendTerms(of: text, to: &numbers)
                    lengths[field.rawValue] = numbers.count
                    var previous: Int32 = -1
                    for number in numbers {
                        words.count(number, in: field.rawValue, document: stamp)
                        if previous >= 0 {
                            pairs.count(pairTable.number(previous, number), in: field.rawValue, document: stamp)
                        }
                        previous = number
                    }
                }
                chunk.lengths.append(lengths)
                words.endDocument()
                pairs.endDocument()
            }
            chunk.words = table.terms
            chunk.pairs = pairTable.pairs
            words.finish(terms: chunk.words.count)
            pairs.finish(terms: chunk.pairs.count)
            chunk.wordOccurrences = words
            chunk.pairOccurrences = pairs
            return chunk
        }

        /// The flat table of (document << 5 | score) entries. Chunks write to disjoint slots from
        /// several threads, and the buffer never moves, so the unsynchronised writes are safe.
        private final class EntryTable: @unchecked Sendable {
            private let entries: UnsafeMutableBufferPointer<UInt32>

            init(count: Int) {
                entries = .allocate(capacity: count)
            }

            deinit {
                entries.deallocate()
            }

            subscript(index: Int) -> UInt32 {
                get { entries[index] }
                set { entries[index] = newValue }
            }
        }
    }
}
