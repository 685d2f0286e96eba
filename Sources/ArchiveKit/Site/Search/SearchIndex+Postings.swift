import Foundation

extension SearchIndex {
    /// Every term's postings, encoded, sorted by term: single terms and adjacent pairs.
    struct Postings {
        var terms: [(term: String, postings: String)] = []
        var phrases: [(term: String, postings: String)] = []

        /// One document's terms and pairs with their BM25F weighted frequencies, by local term number.
        private struct Chunk: Sendable {
            var vocabulary: [String] = []
            var documents: [[(term: Int32, weight: Float)]] = []
        }

        init(documents: [[Field: String]]) {
            let count = documents.count
            guard count > 0 else { return }
            // Average length of each field, for length normalisation.
            let lengths = documents.concurrentMap { fields in
                Field.allCases.map { SearchText.words(fields[$0] ?? "").count }
            }
            let averages = Field.allCases.map { field in
                max(1, Double(lengths.reduce(0) { $0 + $1[field.rawValue] }) / Double(count))
            }
            // Chunks of documents are analysed in parallel, each with its own term numbers, so that
            // merging costs one lookup per distinct term and chunk, not one per posting.
            let chunkSize = max(64, count / (ProcessInfo.processInfo.activeProcessorCount * 8))
            let ranges = stride(from: 0, to: count, by: chunkSize).map { $0..<min($0 + chunkSize, count) }
            let chunks = ranges.concurrentMap { range in
                Self.analyse(Array(documents[range]), lengths: Array(lengths[range]), averages: averages)
            }
            var numbers: [String: Int32] = [:]
            var vocabulary: [String] = []
            var frequencies: [Int] = []
            var maps: [[Int32]] = []
            for chunk in chunks {
                maps.append(chunk.vocabulary.map { term in
                    if let number = numbers[term] { return number }
                    let number = Int32(vocabulary.count)
                    numbers[term] = number
                    vocabulary.append(term)
                    frequencies.append(0)
                    return number
                })
            }
            for (chunk, map) in zip(chunks, maps) {
                for document in chunk.documents {
                    for entry in document { frequencies[Int(map[Int(entry.term)])] += 1 }
                }
            }
            // BM25 saturation with the term's inverse document frequency.
            let idf = frequencies.map { log(1 + (Double(count) - Double($0) + 0.5) / (Double($0) + 0.5)) }
            let maxIDF = idf.max() ?? 1
            let scale = 255 / (maxIDF * (SearchIndex.k1 + 1))
            var encoded = [[UInt8]](repeating: [], count: vocabulary.count)
            var last = [Int](repeating: -1, count: vocabulary.count)
            var document = 0
            for (chunk, map) in zip(chunks, maps) {
                for entries in chunk.documents {
                    for entry in entries {
                        let term = Int(map[Int(entry.term)])
                        let weight = Double(entry.weight)
                        let score = idf[term] * weight * (SearchIndex.k1 + 1) / (SearchIndex.k1 + weight)
                        Base64Varint.append(document - last[term] - 1, to: &encoded[term])
                        Base64Varint.append(min(255, max(1, Int((score * scale).rounded()))), to: &encoded[term])
                        last[term] = document
                    }
                    document += 1
                }
            }
            for (number, term) in vocabulary.enumerated().sorted(by: { $0.element.utf16.lexicographicallyPrecedes($1.element.utf16) }) {
                let postings = String(decoding: encoded[number], as: UTF8.self)
                if term.contains(" ") {
                    phrases.append((term, postings))
                } else {
                    terms.append((term, postings))
                }
            }
        }

        private static func analyse(_ documents: [[Field: String]], lengths: [[Int]], averages: [Double]) -> Chunk {
            var chunk = Chunk()
            var numbers: [String: Int32] = [:]
            for (fields, fieldLengths) in zip(documents, lengths) {
                var weights: [Int32: Float] = [:]
                for field in Field.allCases {
                    let terms = SearchText.terms(fields[field] ?? "")
                    guard !terms.isEmpty else { continue }
                    let normalisation = 1 - SearchIndex.b + SearchIndex.b * Double(fieldLengths[field.rawValue]) / averages[field.rawValue]
                    let increment = Float((SearchIndex.weights[field] ?? 1) / normalisation)
                    func add(_ term: String) {
                        let number: Int32
                        if let known = numbers[term] {
                            number = known
                        } else {
                            number = Int32(chunk.vocabulary.count)
                            numbers[term] = number
                            chunk.vocabulary.append(term)
                        }
                        weights[number, default: 0] += increment
                    }
                    for (index, term) in terms.enumerated() {
                        add(term)
                        if index > 0 { add(terms[index - 1] + " " + term) }
                    }
                }
                chunk.documents.append(weights.map { (term: $0.key, weight: $0.value) }.sorted { $0.term < $1.term })
            }
            return chunk
        }
    }
}
