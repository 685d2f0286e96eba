import Foundation

extension StatementImporter {
    /// Finds who issued the statement, from the most telling place to the least: a signature, an
    /// organisation opening a sentence as its subject ("The CPUSA condemns…"), the site's name, then a
    /// publisher notice among the removed furniture. An issuer with no record is still named, from the
    /// signature, the subject or the site, and flagged for review.
    func findIssuer(paragraphs: [Paragraph], furniture: [String], site: String?, into statement: inout ImportedStatement) {
        let signatories = signatureOrganisations(paragraphs)
        let siteOrganisation = site.flatMap { organisations.find(in: $0.matchKey).first }
        if let first = signatories.first {
            statement.organisation = first
            statement.coSigners = Array(signatories.dropFirst())
        } else if let subject = subjectOrganisation(paragraphs, language: statement.language) {
            statement.organisation = subject
        } else if let siteOrganisation {
            statement.organisation = siteOrganisation
        }
        // Headlines among the furniture link to other stories; a publisher notice is prose.
        let notices = furniture.filter { !isTitleLike($0) }
        let publishers = organisations.find(in: notices.joined(separator: "\n").matchKey)
        let publisher = publishers.first { organisations.kinds[$0] == .newspaper } ?? publishers.first
        if let publisher, organisations.kinds[publisher] == .newspaper, statement.organisation != publisher {
            statement.publication = vocabulary.organisations.first { $0.id == publisher }?.name
        }
        if statement.organisation == nil, let publisher {
            statement.organisation = publisher
            if organisations.kinds[publisher] == .newspaper {
                statement.publication = vocabulary.organisations.first { $0.id == publisher }?.name
            }
            // A publisher is the issuer of what it prints under a byline; otherwise only probably.
            if statement.author == nil { statement.review.append("organisation") }
        }
        if statement.organisation == nil {
            // Not on record: named all the same, from the most telling place, for a person to confirm.
            var signatories = unrecordedSignatories(paragraphs)
            // A body of an organisation ("Comité Ejecutivo Nacional") signing on the organisation's
            // own site: the site names the organisation.
            if let site, !signatories.isEmpty, signatories.allSatisfy(isOrganOnly) { signatories = [Self.siteIssuer(site)] }
            if let first = signatories.first {
                statement.organisation = first
                statement.coSigners = Array(signatories.dropFirst())
            } else {
                statement.organisation =
                    unrecordedSubject(paragraphs, language: statement.language) ?? site.map(Self.siteIssuer)
            }
            statement.review.append("organisation")
        }
        if let site, statement.publication == nil, statement.organisation != nil,
            statement.author != nil, siteOrganisation != statement.organisation,
            site.matchKey != statement.organisation?.matchKey
        {
            statement.publication = Self.siteIssuer(site)
        }
    }

    /// "Peoples Dispatch – News from people's movements": the name without its tagline.
    static func siteIssuer(_ site: String) -> String {
        for separator in [" – ", " — ", " | ", " - ", ": "] where site.contains(separator) {
            return site.components(separatedBy: separator)[0].trimmingCharacters(in: .whitespaces)
        }
        return site.trimmingCharacters(in: .whitespaces)
    }

    /// "© 2023 Federación de Trabajadores. Todos los derechos reservados.": the holder's name.
    static func copyrightHolder(in furniture: [String]) -> String? {
        for line in furniture.reversed() where line.count <= 160 {
            let range = NSRange(line.startIndex..., in: line)
            guard let match = copyrightPattern.firstMatch(in: line, range: range),
                let holder = Range(match.range(at: 1), in: line)
            else { continue }
            var name = String(line[holder])
            for stop in ["all rights", "todos los derechos", "some rights", "algunos derechos", "proudly powered"] {
                if let cut = name.range(of: stop, options: [.caseInsensitive, .diacriticInsensitive]) {
                    name = String(name[..<cut.lowerBound])
                }
            }
            name = name.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
            if name.count >= 3, name.split(separator: " ").count <= 8 { return name }
        }
        return nil
    }

    /// "©", "(c)" or "Copyright" (any of them, in any order), a year or a span of years, then the
    /// holder up to a full stop or a bar.
    private static let copyrightPattern = try! NSRegularExpression(
        pattern: #"(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,]*([^.|©]+)"#,
        options: [.caseInsensitive])

    /// A name whose signature words all name a body inside an organisation.
    func isOrganOnly(_ name: String) -> Bool {
        let bodies = Set(rules.signatureWords.values.flatMap { $0 })
        let organs = Set(rules.organWords.values.flatMap { $0 })
        return name.matchKey.words.allSatisfy { !bodies.contains(String($0)) || organs.contains(String($0)) }
    }

    /// The organisations not on record that sign the statement, in the order they sign: the closing
    /// block of short lines with a word such as "Federation" or "Coordinadora". Of "Central
    /// Committee, Workers' Party of Ruritania" the organisation is the part after the comma; a line
    /// naming only a body ("National Executive Committee") just above its organisation's line is
    /// that organisation's.
    func unrecordedSignatories(_ paragraphs: [Paragraph]) -> [String] {
        let bodies = Set(rules.signatureWords.values.flatMap { $0 })
        var lines: [(name: String, organOnly: Bool)] = []
        for paragraph in paragraphs.reversed().prefix(12) {
            let text = paragraph.text.trimmingCharacters(in: CharacterSet(charactersIn: "—–-. "))
            guard paragraph.role == .body || paragraph.role == .listItem, text.count <= 160 else { break }
            if dates.read(text) != nil { continue }
            let words = text.split(separator: " ")
            if text.last.map({ "!?".contains($0) }) == true || words.count > 14 { break }
            let parts = text.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let named = parts.compactMap { part -> (String, Bool)? in
                guard part.first?.isUppercase == true, part.matchKey.words.contains(where: { bodies.contains(String($0)) })
                else { return nil }
                return (part, isOrganOnly(part))
            }
            if let organisation = named.last(where: { !$0.1 }) ?? named.last {
                lines.insert((organisation.0, organisation.1), at: 0)
            } else if words.count > 4 || text.hasSuffix(".") {
                break
            }
        }
        var names: [String] = []
        for (index, line) in lines.enumerated() {
            if line.organOnly, index + 1 < lines.count, !lines[index + 1].organOnly { continue }
            if !names.contains(line.name) { names.append(line.name) }
        }
        return names
    }

    /// An organisation not on record that opens a sentence of the first paragraphs as its subject:
    /// "The Federation of Andean Miners condemns…".
    private func unrecordedSubject(_ paragraphs: [Paragraph], language: String) -> String? {
        let verbs = Set(rules.words(rules.issuerVerbs, for: language))
        let bodies = Set(rules.signatureWords.values.flatMap { $0 })
        let joiners: Set<String> = ["of", "for", "and", "the", "de", "del", "la", "el", "los", "las", "y", "en", "'s"]
        for paragraph in paragraphs.prefix(3) where paragraph.role == .body || paragraph.role == .standfirst {
            guard let sentence = Sentences.split(paragraph.text).first else { continue }
            var words = sentence.split(separator: " ").map(String.init)
            if let first = words.first, ["the", "el", "la", "los", "las", "we,"].contains(first.lowercased()) {
                words.removeFirst()
            }
            var name: [String] = []
            for word in words {
                let bare = word.trimmingCharacters(in: .punctuationCharacters)
                if bare.first?.isUppercase == true || (!name.isEmpty && joiners.contains(bare.lowercased())) {
                    name.append(word)
                    if word.last == "," { break }
                } else {
                    break
                }
            }
            while let last = name.last, joiners.contains(last.lowercased()) { name.removeLast() }
            guard name.count >= 2, name.count < words.count else { continue }
            let next = words[name.count].lowercased().trimmingCharacters(in: .punctuationCharacters)
            let candidate = name.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters)
            let hasBody = candidate.matchKey.words.contains { bodies.contains(String($0)) }
            if verbs.contains(next) && hasBody { return candidate }
        }
        return nil
    }

    /// Organisations in the closing signature block: the last short lines that are signatures.
    private func signatureOrganisations(_ paragraphs: [Paragraph]) -> [String] {
        var found: [String] = []
        for paragraph in paragraphs.reversed().prefix(12) {
            let text = paragraph.text
            guard paragraph.role == .body, text.count <= 200,
                !(text.last.map { ".!?".contains($0) } ?? false) || dates.parse(text) != nil
            else { break }
            if dates.parse(text) != nil { continue }
            guard isSignature(text) else { break }
            found.insert(contentsOf: organisations.find(in: text.matchKey), at: 0)
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }

    /// The first organisation that opens a sentence of the first paragraphs as its subject.
    private func subjectOrganisation(_ paragraphs: [Paragraph], language: String) -> String? {
        let verbs = rules.words(rules.issuerVerbs, for: language)
        for paragraph in paragraphs.prefix(4) where paragraph.role == .body || paragraph.role == .standfirst {
            for sentence in Sentences.split(paragraph.text) {
                if let id = organisations.subject(of: sentence.matchKey, verbs: verbs) { return id }
            }
        }
        return nil
    }
}
