/// Finds organisations from the authority file in text, by any of their names, longest name first.
struct OrganisationMatcher: Sendable {
    /// Every name as a match key, with its organisation, longest first.
    private let names: [(key: String, id: String)]
    let kinds: [String: Organisation.Kind]

    init(_ organisations: [Organisation]) {
        var names: [(String, String)] = []
        for organisation in organisations {
            for name in Set(organisation.names.map(\.matchKey)) where name.count >= 3 {
                names.append((name, organisation.id))
            }
        }
        self.names = names.sorted { ($0.0.count, $0.0) > ($1.0.count, $1.0) }
        self.kinds = Dictionary(organisations.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
    }

    /// Organisations named in `text` (a match key), in order of first mention, each once.
    func find(in text: String) -> [String] {
        var taken: [Range<String.Index>] = []
        var found: [(position: String.Index, id: String)] = []
        for (key, id) in names {
            var searchRange = text.startIndex..<text.endIndex
            while let range = text.range(of: key, range: searchRange) {
                searchRange = range.upperBound..<text.endIndex
                let startsWord = range.lowerBound == text.startIndex || !text[text.index(before: range.lowerBound)].isLetterOrDigit
                let endsWord = range.upperBound == text.endIndex || !text[range.upperBound].isLetterOrDigit
                guard startsWord, endsWord, !taken.contains(where: { $0.overlaps(range) }) else { continue }
                taken.append(range)
                found.append((range.lowerBound, id))
            }
        }
        var seen: Set<String> = []
        return found.sorted { $0.position < $1.position }.map(\.id).filter { seen.insert($0).inserted }
    }

    /// The organisation whose name opens `sentence` (a match key), after an article, and is followed
    /// within a few words by one of `verbs`: "the communist party of canada demands…".
    func subject(of sentence: String, verbs: [String]) -> String? {
        var text = Substring(sentence)
        for article in ["the ", "el ", "la ", "los ", "las ", "we, the ", "nosotros, el ", "nosotros, la "] where text.hasPrefix(article) {
            text = text.dropFirst(article.count)
        }
        for (key, id) in names where text.hasPrefix(key) {
            let rest = text.dropFirst(key.count)
            guard rest.first.map({ !$0.isLetterOrDigit }) ?? false else { continue }
            let following = rest.split(whereSeparator: { !$0.isLetterOrDigit && $0 != "'" }).prefix(9).map(String.init)
            if following.contains(where: verbs.contains) { return id }
        }
        return nil
    }
}
