import Foundation

extension StatementImporter {
    // MARK: - Language

    /// The language whose common words the text uses most; flagged when no language clearly leads.
    func detectLanguage(of paragraphs: [Paragraph], review: inout [String]) -> String {
        var counts: [String: Int] = [:]
        for paragraph in paragraphs {
            for word in paragraph.text.matchKey.words {
                for (language, words) in rules.stopwords where words.contains(String(word)) {
                    counts[language, default: 0] += 1
                }
            }
        }
        let ranked = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard let best = ranked.first else {
            review.append("language")
            return "en"
        }
        let runnerUp = ranked.dropFirst().first?.value ?? 0
        if best.value < 5 || Double(best.value) < Double(runnerUp) * 1.5 { review.append("language") }
        return best.key
    }

    // MARK: - Kind

    /// Interview (questions and answers), open letter, joint statement, article (a byline, a newspaper,
    /// or sources cited inline), else statement. Marks interview questions as such.
    func detectKind(of paragraphs: inout [Paragraph], statement: ImportedStatement, byline: Bool, isNews: Bool = false)
        -> StatementKind
    {
        let opening = ([statement.title] + paragraphs.prefix(2).map(\.text)).joined(separator: "\n").matchKey
        let questions = paragraphs.indices.filter { index in
            let text = paragraphs[index].text
            return index + 1 < paragraphs.count && text.hasSuffix("?") && text.count <= 300
                && !paragraphs[index + 1].text.hasSuffix("?")
        }
        let prefixed = paragraphs.indices.filter { index in
            Self.questionPrefixes.contains { paragraphs[index].text.hasPrefix($0) }
        }
        if questions.count >= 2 || prefixed.count >= 2 || (opening.containsPhrase("interview") && !questions.isEmpty)
            || (opening.containsPhrase("entrevista") && !questions.isEmpty)
        {
            for index in Set(questions + prefixed) { paragraphs[index].role = .question }
            return .interview
        }
        if ["open letter", "carta abierta", "lettre ouverte"].contains(where: opening.containsPhrase)
            || paragraphs.first.map({ $0.text.hasPrefix("Dear ") || $0.text.hasPrefix("Estimad") || $0.text.hasPrefix("Querid") }) == true
        {
            return .openLetter
        }
        if !statement.coSigners.isEmpty
            || ["joint statement", "declaracion conjunta", "undersigned", "abajo firmantes"].contains(where: opening.containsPhrase)
        {
            return .jointStatement
        }
        let newspaper = statement.organisation.map { organisations.kinds[$0] == .newspaper } ?? false
        if byline || newspaper || isNews || inlineCitations(in: paragraphs) >= 2 {
            return .article
        }
        return .statement
    }

    static let questionPrefixes = ["Q:", "Q.", "P:", "Pregunta:"]

    /// Links that a copied page turned into text: "( BBC News – Deadly clashes in Peru’s Amazon )".
    private func inlineCitations(in paragraphs: [Paragraph]) -> Int {
        paragraphs.reduce(0) { count, paragraph in
            count + paragraph.text.components(separatedBy: "( ").dropFirst().filter { $0.contains(" )") }.count
        }
    }

    // MARK: - Demands and tags

    /// Demands whose phrases stand in a sentence that calls for something, or just after one (list
    /// items under a call ending in a colon count as calls), with the first such sentence kept as
    /// evidence. A call the text reports others making ("protesters demand…", "según los
    /// manifestantes…") is not the issuer's, nor is a demand the sentence rejects ("we reject calls
    /// for early elections").
    func findDemands(in paragraphs: [Paragraph], into statement: inout ImportedStatement) {
        let language = statement.language
        let calls = rules.words(rules.calls, for: language)
        let reporting = rules.words(rules.reporting, for: language)
        let firstPerson = rules.words(rules.firstPerson, for: language)
        let rejections = rules.words(rules.rejections, for: language)
        var sentences = [statement.title]
        var listed = [false]
        for paragraph in paragraphs where paragraph.role != .question {
            let split = Sentences.split(paragraph.text)
            sentences += split
            let item = paragraph.role == .listItem || Self.isEnumerated(paragraph.text)
            listed += Array(repeating: item, count: split.count)
        }
        let keys = sentences.map(\.matchKey)
        var isCall = keys.map { key in calls.contains { key.containsPhrase($0) } }
        var listCall = false
        for index in keys.indices {
            if listed[index] {
                if listCall { isCall[index] = true }
            } else {
                listCall = isCall[index] && keys[index].hasSuffix(":")
            }
        }
        let issuer = statement.organisation.map(\.matchKey)
        let reported = keys.map { key in
            reporting.contains { key.containsPhrase($0) } && !firstPerson.contains { key.containsWholePhrase($0) }
                && !(issuer.map { key.contains($0) } ?? false)
        }
        let words = keys.map { $0.words.map(String.init) }
        for demand in vocabulary.demands {
            let phrases = demand.phrases.values.flatMap { $0 }.map { $0.matchKey.words.map(String.init) }
            for (index, key) in keys.enumerated() where isCall[index] || (index > 0 && isCall[index - 1]) {
                guard !reported[index], !(index > 0 && !isCall[index] && reported[index - 1]) else { continue }
                guard let start = phrases.lazy.compactMap({ Self.find($0, in: words[index]) }).first,
                    !Self.rejects(key, before: start, rejections: rejections)
                else { continue }
                statement.demands.append(demand.id)
                statement.evidence[demand.id] = sentences[index]
                break
            }
        }
        if statement.demands.isEmpty { statement.review.append("demands") }
    }

    /// A numbered or bulleted line written as text: "1. …", "2) …", "a) …", "• …", "– …".
    static func isEnumerated(_ text: String) -> Bool {
        if let first = text.first, "•·–—-*".contains(first) { return true }
        let marker = text.prefix { $0.isNumber || $0.isLetter }
        guard (1...2).contains(marker.count), marker.allSatisfy(\.isNumber) || marker.count == 1 else { return false }
        let rest = text.dropFirst(marker.count)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ") || rest == "." || rest.hasPrefix(".- ")
    }

    /// Where a phrase's words stand in a sentence's words, in order, each at the start of a word,
    /// with at most two other words between neighbours: "resignation of Boluarte" is found in "the
    /// resignation of Dina Boluarte", "cese de la represión" in "el cese inmediato de la represión".
    /// A conjunction or negation between them breaks the phrase ("freedom of movement and assembly"
    /// is not "freedom of assembly").
    static func find(_ phrase: [String], in words: [String]) -> Int? {
        guard let first = phrase.first else { return nil }
        for start in words.indices where words[start].hasPrefix(first) {
            var position = start
            var matched = true
            for part in phrase.dropFirst() {
                let window = (position + 1)..<min(words.count, position + 4)
                guard let next = window.first(where: { words[$0].hasPrefix(part) }),
                    !words[(position + 1)..<next].contains(where: breaksPhrase.contains)
                else {
                    matched = false
                    break
                }
                position = next
            }
            if matched { return start }
        }
        return nil
    }

    static let breaksPhrase: Set<String> = ["and", "or", "nor", "but", "not", "no", "y", "e", "o", "u", "ni", "pero", "sin"]

    /// Whether a rejection ("reject", "no to", "rechazamos") stands within a few words before the
    /// phrase, in the same clause (no comma between), with no "and" or "but" to turn it round
    /// ("against the coup and for a constituent assembly").
    static func rejects(_ sentence: String, before index: Int, rejections: [String]) -> Bool {
        // The clause: the sentence's text up to the phrase, from its last comma, semicolon or colon.
        var clauses = sentence.split(whereSeparator: { ",;:".contains($0) }).map(String.init)
        var seen = 0
        var clause = ""
        while !clauses.isEmpty {
            let next = clauses.removeFirst()
            let count = next.words.count
            if seen + count > index {
                clause = next.words.prefix(index - seen).joined(separator: " ")
                break
            }
            seen += count
        }
        let before = clause.split(separator: " ").suffix(7).map(String.init)
        let turns: Set<String> = ["and", "but", "demand", "y", "pero", "exigimos", "sino"]
        for start in before.indices.reversed() {
            let tail = before[start...].joined(separator: " ")
            if rejections.contains(where: { tail.hasPrefix($0) }) {
                return !before[(start + 1)...].contains(where: turns.contains)
            }
        }
        return false
    }

    /// Tags from the vocabulary whose phrases occur anywhere in the text.
    func findTags(in paragraphs: [Paragraph]) -> [String] {
        let text = paragraphs.map(\.text).joined(separator: "\n").matchKey
        return vocabulary.tags.filter { tag in
            tag.phrases.values.flatMap { $0 }.contains { text.containsPhrase($0.matchKey) }
        }.map(\.id).sorted()
    }

    // MARK: - Summary

    /// The first sentence of the first paragraph that is not a question, with the second when the
    /// first is short.
    func summary(of paragraphs: [Paragraph]) -> String? {
        guard let paragraph = paragraphs.first(where: { $0.role != .question && $0.text.count > 60 }) else { return nil }
        let sentences = Sentences.split(paragraph.text)
        guard let first = sentences.first else { return nil }
        if first.count < 120, sentences.count > 1 { return first + " " + sentences[1] }
        return first
    }
}
