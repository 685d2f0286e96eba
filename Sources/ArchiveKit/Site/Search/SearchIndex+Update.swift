import Foundation

extension SearchIndex {
    /// What an index was made from, kept with the build's cache, so that the next build can bring
    /// the index up to date by reading only the statements that changed.
    struct State: Sendable, Equatable {
        /// One document: its statement's key (see `OutputKeys`), and how many terms each of its
        /// fields has.
        struct Document: Sendable, Equatable {
            var key: String
            var lengths: [Int]
        }

        /// Every document, in document order.
        var documents: [Document]
        /// The steps of the fields' average lengths (see `Postings.ladder`).
        var steps: [Int]
    }

    /// The last build's index: what it was made from, and its term and phrase shards as written.
    struct Earlier: Sendable {
        let state: State
        let termShards: [Data]
        let phraseShards: [Data]
        /// Each earlier document's number, by its statement's key: the first, if two share one.
        let numbers: [String: Int]

        init(state: State, termShards: [Data], phraseShards: [Data]) {
            self.state = state
            self.termShards = termShards
            self.phraseShards = phraseShards
            numbers = Dictionary(state.documents.enumerated().map { ($1.key, $0) }) { first, _ in first }
        }

        /// Whether `path` is a shard of terms or of phrases.
        static func isShard(_ path: String) -> Bool {
            path.hasPrefix("search/t/") || path.hasPrefix("search/p/")
        }

        /// The shards among `paths`, read from `folder`: nil unless they are numbered from 0 on
        /// without a gap and every one can be read.
        static func read(state: State, paths: [String], folder: URL) -> Earlier? {
            func shards(_ prefix: String) -> [Data]? {
                let numbers = paths.compactMap { path -> Int? in
                    guard path.hasPrefix(prefix), path.hasSuffix(".js") else { return nil }
                    return Int(path.dropFirst(prefix.count).dropLast(3))
                }.sorted()
                guard numbers == Array(numbers.indices) else { return nil }
                let contents = numbers.compactMap {
                    FileManager.default.contents(atPath: folder.appendingPathComponent("\(prefix)\($0).js").path)
                }
                return contents.count == numbers.count ? contents : nil
            }
            guard let terms = shards("search/t/"), let phrases = shards("search/p/") else { return nil }
            return Earlier(state: state, termShards: terms, phraseShards: phrases)
        }
    }
}

extension SearchIndex.Postings {
    /// The postings of documents with `keys`, made from the last build's: a document whose key is
    /// among the earlier ones keeps its entries, renumbered, and only the others are read, so the
    /// result is the same as reading every document. Nil when so many documents changed that
    /// reading them all is faster, when the average lengths moved to another step (which changes
    /// every document's scores), or when the earlier shards are not as this index writes them.
    static func updated(
        keys: [String], earlier: SearchIndex.Earlier, fields: (Int) -> [SearchIndex.Field: String]
    ) -> Self? {
        let known = earlier.state.documents
        let earlierNumbers = earlier.numbers
        // Each earlier document's number now, or -1 if it changed or is gone.
        var renumbered = [Int32](repeating: -1, count: known.count)
        var changed: [Int] = []
        var lengths: [[Int]] = []
        lengths.reserveCapacity(keys.count)
        for (number, key) in keys.enumerated() {
            if let earlierNumber = earlierNumbers[key], renumbered[earlierNumber] < 0 {
                renumbered[earlierNumber] = Int32(number)
                lengths.append(known[earlierNumber].lengths)
            } else {
                changed.append(number)
                lengths.append([])
            }
        }
        guard changed.count <= max(64, keys.count / 8) else { return nil }

        let chunk = read(changed.map(fields)[...], start: 0)
        for (index, number) in changed.enumerated() { lengths[number] = chunk.lengths[index] }
        guard let steps = steps(of: lengths), steps == earlier.state.steps else { return nil }

        // The entries of the documents read, by term, in document order.
        let documentFactors = chunk.lengths.map { factors(lengths: $0, steps: steps) }
        func entries(of list: Occurrences, texts: [String]) -> [String: [UInt32]] {
            var entries: [String: [UInt32]] = [:]
            for (index, number) in changed.enumerated() {
                list.forEach(inDocument: index, factors: documentFactors[index]) { term, weighted in
                    entries[texts[Int(term)], default: []].append(UInt32(number) << 5 | score(weighted))
                }
            }
            return entries
        }
        let pairTexts = chunk.pairs.map { chunk.words[Int($0.first)] + " " + chunk.words[Int($0.second)] }
        let wordEntries = entries(of: chunk.wordOccurrences, texts: chunk.words)
        let pairEntries = entries(of: chunk.pairOccurrences, texts: pairTexts)

        let numbering = Part.Numbering(renumbered: renumbered)
        guard
            let terms = merged(earlier.termShards, adding: wordEntries, numbering: numbering),
            let phrases = merged(earlier.phraseShards, adding: pairEntries, numbering: numbering)
        else { return nil }
        var postings = Self(documents: [])
        postings.terms = terms
        postings.phrases = phrases
        postings.lengths = lengths
        postings.steps = steps
        return postings
    }

    /// The terms of `shards` and of `adding` in order, each with its earlier entries renumbered
    /// and the added ones. Shards are merged on all cores, each with the added terms that sort
    /// between its first term and the next shard's.
    private static func merged(
        _ shards: [Data], adding added: [String: [UInt32]], numbering: Part.Numbering
    ) -> EncodedTerms? {
        let addedTerms = added.keys.sorted { $0.precedesInUTF16($1) }
        let firsts = shards.map { shard in
            shard.withUnsafeBytes { file in
                var first: String?
                _ = ShardReader.forEach(in: file) { term, _ in
                    first = term
                    return false
                }
                return first
            }
        }
        // Where each shard's added terms start: the first shard takes those before it too.
        var bounds = [0]
        for first in firsts.dropFirst() {
            guard let first else { return nil }
            var bound = bounds.last!
            while bound < addedTerms.count, addedTerms[bound].precedesInUTF16(first) { bound += 1 }
            bounds.append(bound)
        }
        bounds.append(addedTerms.count)
        let groups = (0..<max(1, shards.count)).map { (shard: $0 < shards.count ? shards[$0] : nil, added: bounds[$0]..<bounds[$0 + 1]) }
        let parts = groups.concurrentMap { group -> (terms: [String], postings: [Range<Int>], bytes: [UInt8])? in
            var part = Part(numbering: numbering)
            var nextAdded = group.added.lowerBound
            var last: String?
            if let shard = group.shard {
                let read: Bool = shard.withUnsafeBytes { file in
                    ShardReader.forEach(in: file) { term, digits in
                        // Earlier terms are in order and each appears once.
                        if let last, !last.precedesInUTF16(term) { return false }
                        last = term
                        while nextAdded < group.added.upperBound,
                            addedTerms[nextAdded].precedesInUTF16(term)
                        {
                            let term = addedTerms[nextAdded]
                            guard part.append(term, earlier: nil, adding: added[term]) else { return false }
                            nextAdded += 1
                        }
                        var more: [UInt32]?
                        if nextAdded < group.added.upperBound, addedTerms[nextAdded] == term {
                            more = added[term]
                            nextAdded += 1
                        }
                        return part.append(term, earlier: digits, adding: more)
                    }
                }
                guard read else { return nil }
            }
            for term in addedTerms[nextAdded..<group.added.upperBound] {
                guard part.append(term, earlier: nil, adding: added[term]) else { return nil }
            }
            return (part.terms, part.postings, part.bytes)
        }
        var result = EncodedTerms()
        for (buffer, part) in parts.enumerated() {
            guard let part else { return nil }
            // Each shard's terms follow the last shard's.
            if let previous = result.terms.last, let first = part.terms.first,
                !previous.precedesInUTF16(first)
            {
                return nil
            }
            result.terms += part.terms
            result.postings += part.postings.map { (buffer, $0) }
            result.buffers.append(part.bytes)
        }
        return result
    }

    /// Terms with their postings, encoded one after another.
    private struct Part {
        /// How the earlier documents are numbered now.
        struct Numbering {
            /// Each earlier document's number now, or -1 if it changed or is gone.
            let renumbered: [Int32]
            /// Whether the kept documents are in their earlier order: then an entry whose document
            /// moved by as many places as the one before it keeps its gap, and its digits.
            let inOrder: Bool
            /// The last earlier document that changed, is gone or has another number; -1 if none.
            let lastMoved: Int

            init(renumbered: [Int32]) {
                self.renumbered = renumbered
                let kept = renumbered.filter { $0 >= 0 }
                inOrder = zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 }
                lastMoved = renumbered.indices.last { Int(renumbered[$0]) != $0 } ?? -1
            }
        }

        let numbering: Numbering
        var terms: [String] = []
        var postings: [Range<Int>] = []
        var bytes: [UInt8] = []
        private var entries: [UInt32] = []

        init(numbering: Numbering) {
            self.numbering = numbering
        }

        /// Appends `term` with its earlier entries, renumbered, and the entries `more`, unless it
        /// has none left; false if the earlier digits are not postings of this index.
        mutating func append(
            _ term: String, earlier digits: UnsafeRawBufferPointer.SubSequence?, adding more: [UInt32]?
        ) -> Bool {
            let renumbered = numbering.renumbered
            if let digits, numbering.inOrder, more.map(Self.isSorted) ?? true {
                return splice(term, earlier: digits, adding: more ?? [])
            }
            entries.removeAll(keepingCapacity: true)
            if let digits {
                let read = Base64Varint.forEachPosting(in: digits) { document, score, _ in
                    guard document < renumbered.count else { return false }
                    let number = renumbered[document]
                    if number >= 0 { entries.append(UInt32(number) << 5 | score) }
                    return true
                }
                guard read else { return false }
            }
            if let more { entries += more }
            if more != nil || !numbering.inOrder { entries.sort() }
            guard !entries.isEmpty else { return true }
            let start = bytes.count
            Base64Varint.appendPostings(entries, to: &bytes)
            terms.append(term)
            postings.append(start..<bytes.count)
            return true
        }

        /// `append` when the kept documents keep their order: the earlier digits are copied as they
        /// are, but for the entries whose gap changes (after a document dropped or added, and
        /// where a run of documents that moved by one number begins or ends), and past the last
        /// document dropped, added or moved they are copied without being read. After one edit,
        /// the terms of the statement edited are the only ones written anew, and only around it,
        /// though the commonest hold most documents; after a date that moves it, the others'
        /// entries change only at the two ends of the run it passed.
        private mutating func splice(
            _ term: String, earlier digits: UnsafeRawBufferPointer.SubSequence, adding more: [UInt32]
        ) -> Bool {
            let renumbered = numbering.renumbered
            let start = bytes.count
            // The last document written, and the one before the current entry in the earlier digits.
            var written = -1
            var earlier = -1
            var next = 0
            // Where in the earlier digits the run of entries still to be copied as they are begins.
            var run: Int?
            func copyRun(until end: Int) {
                if let begin = run {
                    bytes.append(contentsOf: digits[(digits.startIndex + begin)..<(digits.startIndex + end)])
                }
                run = nil
            }
            // Past the last document dropped, added or moved, every entry is copied as it is, unread.
            let last = max(numbering.lastMoved, more.last.map { Int($0 >> 5) } ?? -1)
            var rest: Int?
            let read = Base64Varint.forEachPosting(in: digits) { document, score, range in
                guard document < renumbered.count else { return false }
                // Its number now; past `last`, its number before.
                let now = Int(renumbered[document])
                while now >= 0, next < more.count, Int(more[next] >> 5) <= now {
                    copyRun(until: range.lowerBound)
                    Base64Varint.appendPosting(more[next], after: written, to: &bytes)
                    written = Int(more[next] >> 5)
                    next += 1
                }
                guard document <= last else {
                    copyRun(until: range.lowerBound)
                    if written != earlier {
                        Base64Varint.appendPosting(UInt32(document) << 5 | score, after: written, to: &bytes)
                        rest = range.upperBound
                    } else {
                        rest = range.lowerBound
                    }
                    return false
                }
                defer { earlier = document }
                guard now >= 0, written < now else {
                    copyRun(until: range.lowerBound)
                    return true
                }
                // The same gap from the entry written before as from the one read before.
                if now - written == document - earlier {
                    if run == nil { run = range.lowerBound }
                } else {
                    copyRun(until: range.lowerBound)
                    Base64Varint.appendPosting(UInt32(now) << 5 | score, after: written, to: &bytes)
                }
                written = now
                return true
            }
            if let rest {
                bytes.append(contentsOf: digits[(digits.startIndex + rest)...])
                next = more.count
            } else {
                guard read, !digits.isEmpty else { return false }
                copyRun(until: digits.count)
            }
            for entry in more[next...] {
                Base64Varint.appendPosting(entry, after: written, to: &bytes)
                written = Int(entry >> 5)
            }
            guard bytes.count > start else { return true }
            terms.append(term)
            postings.append(start..<bytes.count)
            return true
        }

        /// Whether entries are in document order, each document once.
        private static func isSorted(_ entries: [UInt32]) -> Bool {
            zip(entries, entries.dropFirst()).allSatisfy { $0 >> 5 < $1 >> 5 }
        }
    }

    /// Reads a shard as `SearchIndex` writes it: `ArchiveSearch.register("t/0",{"term":"postings",…});`.
    private enum ShardReader {
        /// Calls `body` with each term and its postings' digits, in the file's order, while it
        /// returns true; false if the file is not such a shard or `body` returned false.
        static func forEach(
            in file: UnsafeRawBufferPointer, _ body: (String, UnsafeRawBufferPointer.SubSequence) -> Bool
        ) -> Bool {
            let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
            guard let open = file.firstIndex(of: UInt8(ascii: "{")) else { return false }
            var index = open + 1
            while index < file.count {
                guard file[index] == quote else { return file[index] == UInt8(ascii: "}") }
                // The term, a JSON string: copied as it is unless it holds an escape.
                let start = index + 1
                var end = start
                var escaped = false
                while end < file.count, file[end] != quote {
                    if file[end] == backslash {
                        escaped = true
                        end += 1
                    }
                    end += 1
                }
                guard end + 2 < file.count, file[end + 1] == UInt8(ascii: ":"), file[end + 2] == quote else { return false }
                let term: String
                if escaped {
                    guard
                        let decoded = try? JSONSerialization.jsonObject(
                            with: Data(file[(start - 1)...end]), options: .fragmentsAllowed) as? String
                    else { return false }
                    term = decoded
                } else {
                    term = String(decoding: file[start..<end], as: UTF8.self)
                }
                let digitsStart = end + 3
                // Found with `memchr`: the digits are most of a shard's bytes.
                guard digitsStart < file.count,
                    let found = memchr(file.baseAddress! + digitsStart, Int32(quote), file.count - digitsStart)
                else { return false }
                let digitsEnd = UnsafeRawPointer(found) - file.baseAddress!
                guard body(term, file[digitsStart..<digitsEnd]) else { return false }
                index = digitsEnd + 1
                guard index < file.count else { return false }
                if file[index] == UInt8(ascii: ",") { index += 1 }
            }
            return false
        }
    }
}
