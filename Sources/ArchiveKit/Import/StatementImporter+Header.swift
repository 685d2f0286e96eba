import Foundation

extension StatementImporter {
    /// What the lines above the statement said besides its fields.
    struct Header {
        /// The site's name, from a title-like line above the headline.
        var site: String?
        /// A numeric date whose order of day and month is not yet known.
        var ambiguousDate: DateParser.Reading?
        /// A byline stood above the text, whether or not it named a person.
        var byline = false
    }

    /// Reads the lines above the statement: the site's name and tagline, menus, breadcrumbs, date
    /// lines, bylines and "Posted on … by …" lines, the headline (once, however often repeated) and a
    /// standfirst that ends in a byline ("…, writes KEN LIVINGSTONE"). The headline is the title-like
    /// line nearest the text or the byline, not the first line of the page.
    func readHeader(_ paragraphs: inout [Paragraph], into statement: inout ImportedStatement) -> Header {
        var header = Header()
        var candidates: [Int] = []
        var markers: [Int] = []
        var removed: Set<Int> = []
        var index = 0
        let presetTitle = !statement.title.isEmpty
        while index < paragraphs.count, index < 14 {
            let paragraph = paragraphs[index]
            let text = paragraph.text
            defer { index += 1 }
            if presetTitle, text.matchKey == statement.title.matchKey {
                removed.insert(index)
                markers.append(index)
            } else if let reading = dates.read(text) {
                take(reading, into: &statement, header: &header)
                removed.insert(index)
                markers.append(index)
            } else if let author = Self.standaloneByline(text) {
                header.byline = true
                if statement.author == nil, isAuthorName(author) { statement.author = author }
                removed.insert(index)
                markers.append(index)
            } else if let meta = Self.metaLine(text, dates: dates) {
                if let reading = meta.date { take(reading, into: &statement, header: &header) }
                if let author = meta.author {
                    // "By …" or "Por …" is a writer's byline; "Posted on … by admin" is a blog's record.
                    if meta.byline { header.byline = true }
                    if statement.author == nil, isAuthorName(author) { statement.author = author }
                }
                removed.insert(index)
                markers.append(index)
            } else if Self.isBreadcrumb(text) || isFurniture(text) {
                removed.insert(index)
            } else if text.hasSuffix("?"), !candidates.isEmpty || presetTitle {
                // A question under the headline opens an interview.
                break
            } else if paragraph.role != .heading || !presetTitle, isTitleLike(text), paragraph.role != .listItem {
                candidates.append(index)
            } else if statement.author == nil, text.count <= 400, let (lead, author) = Self.trailingByline(text) {
                statement.author = author
                paragraphs[index] = Paragraph(text: lead, role: .standfirst)
                break
            } else {
                break
            }
        }
        if !presetTitle, let chosen = chooseHeadline(candidates, markers: markers, paragraphs: paragraphs) {
            statement.title = paragraphs[chosen].text
            removed.insert(chosen)
            // Title-like lines above the headline are the site's name, its tagline or a menu.
            let above = candidates.filter { $0 < chosen }
            if let first = above.first, header.site == nil {
                header.site = paragraphs[first].text
            }
            removed.formUnion(above)
        } else if presetTitle {
            // A page's own metadata named the headline; title-like lines before it are furniture.
            if let headline = markers.first {
                removed.formUnion(candidates.filter { $0 < headline })
            }
        }
        for offset in removed.sorted(by: >) { paragraphs.remove(at: offset) }
        if statement.date == nil, header.ambiguousDate == nil { statement.review.append("date") }
        return header
    }

    private func take(_ reading: DateParser.Reading, into statement: inout ImportedStatement, header: inout Header) {
        guard statement.date == nil, header.ambiguousDate == nil else { return }
        if let date = reading.date {
            statement.date = date
        } else {
            header.ambiguousDate = reading
        }
    }

    /// The headline among the title-like lines above the text: the one nearest the text, unless
    /// the lines after the last date line or byline are too long for a headline (a standfirst), when
    /// it is the one just before that date line or byline. A short line followed by a much longer
    /// one is a headline and its standfirst.
    private func chooseHeadline(_ candidates: [Int], markers: [Int], paragraphs: [Paragraph]) -> Int? {
        guard !candidates.isEmpty else { return nil }
        let known = candidates.filter { index in
            if case .organisation = vocabulary.organisation(named: paragraphs[index].text) { return false }
            return true
        }
        guard var chosen = known.last else { return nil }
        if let marker = markers.last, chosen > marker,
            paragraphs[chosen].text.split(separator: " ").count > 14,
            let before = known.last(where: { $0 < marker })
        {
            chosen = before
        } else if let marker = markers.first, chosen < marker, let before = known.last(where: { $0 < marker }) {
            chosen = before
        }
        if let previous = known.last(where: { $0 < chosen }), previous == chosen - 1 {
            let short = paragraphs[previous].text
            let long = paragraphs[chosen].text
            if long.split(separator: " ").count >= 10, Double(long.count) > Double(short.count) * 1.3,
                short.split(separator: " ").count >= 3
            {
                chosen = previous
            }
        }
        return chosen
    }

    /// After the language is known, a numeric date is read day first where the language writes it so
    /// ("14/01/2023" in Spanish), or as another date in the text shows; otherwise it stays out and the
    /// date is flagged.
    func resolveDateOrder(_ statement: inout ImportedStatement, header: Header, languageTag: String?, paragraphs: [Paragraph]) {
        guard statement.date == nil, let reading = header.ambiguousDate else { return }
        let tag = (languageTag ?? statement.language).lowercased().replacingOccurrences(of: "_", with: "-")
        let text = paragraphs.map(\.text).joined(separator: "\n")
        var dayFirst: Bool?
        if let evidence = DateParser.numericOrderEvidence(in: text) {
            dayFirst = evidence
        } else if tag == "en-us" || tag == "en-ph" {
            dayFirst = false
        } else if tag.hasPrefix("en-") || rules.dayFirstLanguages.contains(String(tag.prefix { $0 != "-" })) {
            dayFirst = true
        }
        if let dayFirst, let date = reading.resolved(dayFirst: dayFirst) {
            statement.date = date
        } else {
            statement.review.append("date")
        }
    }

    // MARK: - Lines above the text

    /// A line of metadata: a date and a byline with separators, "Posted on … by …", "By … | …".
    static func metaLine(_ text: String, dates: DateParser = .builtIn)
        -> (date: DateParser.Reading?, author: String?, byline: Bool)?
    {
        guard text.count <= 140, text.split(separator: " ").count <= 20 else { return nil }
        let date = dates.find(in: text)
        var author: String?
        var byline = false
        let segments = text.components(separatedBy: CharacterSet(charactersIn: "|·•—–")).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        for segment in segments {
            if let name = standaloneByline(segment) {
                author = name
                byline = true
                break
            }
            if let range = segment.range(of: #"\b(?:by|por)\s+(\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})\s*$"#, options: .regularExpression) {
                let name = segment[range].split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
                if !name.isEmpty { author = personName(name) }
            }
        }
        let key = text.matchKey
        let metaWords = ["posted", "published", "updated", "publicado", "actualizado", "min read", "minutes", "minutos",
                         "de lectura", "comments", "comentarios", "by ", "por "]
        guard date != nil || author != nil else { return nil }
        let sentence = text.hasSuffix(".") && !metaWords.contains(where: key.contains)
        if sentence { return nil }
        if date != nil, author == nil, !metaWords.contains(where: key.contains), segments.count < 2,
            text.split(separator: " ").count > 8
        {
            return nil
        }
        return (date, author, byline)
    }

    /// "Home > News > Peru", "Inicio » Noticias": short segments between arrows or slashes.
    static func isBreadcrumb(_ text: String) -> Bool {
        for separator in [" > ", " » ", " › ", " / ", " >> "] {
            let parts = text.components(separatedBy: separator)
            if parts.count >= 2, parts.dropLast().allSatisfy({ $0.split(separator: " ").count <= 4 }),
                text.count <= 160
            {
                return true
            }
        }
        return false
    }

    /// A date on a line of its own among the last paragraphs, as under a signature.
    func readFooterDate(_ paragraphs: [Paragraph], into statement: inout ImportedStatement) {
        guard statement.date == nil else { return }
        for paragraph in paragraphs.suffix(3).reversed() {
            if let date = dates.parse(paragraph.text) {
                statement.date = date
                statement.review.removeAll { $0 == "date" }
                return
            }
        }
    }

    /// A headline: short, not a sentence ending in a full stop, not a date.
    func isTitleLike(_ text: String) -> Bool {
        guard text.count <= 180, text.split(separator: " ").count <= 25, let last = text.last else { return false }
        return !".,;:".contains(last) && dates.parse(text) == nil && !isFurniture(text)
    }

    /// A stand-in title from the first sentence, cut at about twelve words.
    func standInTitle(from paragraphs: [Paragraph]) -> String {
        let first = paragraphs.first { $0.role != .question }?.text ?? paragraphs.first?.text ?? ""
        let sentence = Sentences.split(first).first ?? first
        let words = sentence.split(separator: " ")
        guard words.count > 12 else { return sentence.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        return words.prefix(12).joined(separator: " ").trimmingCharacters(in: .punctuationCharacters) + "…"
    }

    // MARK: - Bylines

    private static let standaloneBylinePattern = try! NSRegularExpression(
        pattern: #"^(?:by|por|written by|escrito por|author:|autor:|autora:)\s+(.{3,60})$"#, options: [.caseInsensitive])
    private static let trailingBylinePattern = try! NSRegularExpression(
        pattern: #"^(.+?)[,.;]?\s+(?:writes|reports|by|escribe|por)\s+(\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,4})$"#)

    /// "By Jane Doe", "Por Juan Pérez": the name, in its usual capitals.
    static func standaloneByline(_ text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = standaloneBylinePattern.firstMatch(in: text, range: range),
            let name = Range(match.range(at: 1), in: text).map({ String(text[$0]) }),
            !name.contains(where: { ".!?:".contains($0) }) || name.hasSuffix("."),
            !name.contains(where: { "|·•".contains($0) || $0.isNumber }),
            name.split(separator: " ").count <= 6
        else { return nil }
        return personName(name.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))
    }

    /// A standfirst ending in a byline: the standfirst as a sentence, and the name.
    static func trailingByline(_ text: String) -> (String, String)? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = trailingBylinePattern.firstMatch(in: text, range: range),
            let lead = Range(match.range(at: 1), in: text).map({ String(text[$0]) }),
            let name = Range(match.range(at: 2), in: text).map({ String(text[$0]) })
        else { return nil }
        let sentence = lead.last.map { ".!?".contains($0) } == true ? lead : lead + "."
        return (sentence, personName(name))
    }

    /// "KEN LIVINGSTONE" becomes "Ken Livingstone"; mixed case is kept as written.
    static func personName(_ name: String) -> String {
        guard name == name.uppercased() else { return name }
        return name.split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
    }
}
