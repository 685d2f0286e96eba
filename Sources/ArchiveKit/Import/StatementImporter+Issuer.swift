extension StatementImporter {
    /// Finds who issued the statement, from the most telling place to the least: a signature,
    /// an organisation opening a sentence as its subject ("The CPUSA condemns…"), then a publisher
    /// notice among the removed furniture. An issuer that is not on record is not guessed.
    func findIssuer(paragraphs: [Paragraph], furniture: [String], into statement: inout ImportedStatement) {
        let signatories = signatureOrganisations(paragraphs)
        if let first = signatories.first {
            statement.organisation = first
            statement.coSigners = Array(signatories.dropFirst())
        } else if let subject = subjectOrganisation(paragraphs, language: statement.language) {
            statement.organisation = subject
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
        if statement.organisation == nil { statement.review.append("organisation") }
    }

    /// Organisations in the closing signature block: the last short lines that are signatures.
    private func signatureOrganisations(_ paragraphs: [Paragraph]) -> [String] {
        var found: [String] = []
        for paragraph in paragraphs.reversed().prefix(12) {
            let text = paragraph.text
            guard paragraph.role == .body, text.count <= 200,
                !(text.last.map { ".!?".contains($0) } ?? false) || DateParser.parse(text) != nil
            else { break }
            if DateParser.parse(text) != nil { continue }
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
