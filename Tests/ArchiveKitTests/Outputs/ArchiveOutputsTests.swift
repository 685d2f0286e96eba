import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ArchiveKit

/// A small archive for the outputs: two organisations, three demands with phrases, statements
/// dated by day and by month, an undated one, and fields full of characters that need escaping.
private func outputsArchive(baseURL: String? = nil) throws -> URL {
    try makeArchive([
        "archive.yml": "title: Test archive\nlanguage: en\n" + (baseURL.map { "base_url: \($0)\n" } ?? ""),
        "content/organisations.yml": sampleOrganisations,
        "content/demands.yml": """
            - id: boluarte-resign
              label: Boluarte must resign
              phrases: { en: [boluarte resign, resignation of boluarte], es: [renuncia de boluarte] }
            - id: new-elections
              label: Early elections
              phrases: { en: [early elections] }
            - id: constituent-assembly
              label: A constituent assembly
              phrases: { en: [constituent assembly] }
            """,
        "content/statements/a.md": """
            ---
            title: "Quotes \\" & <script>alert(1)</script> \\u0001"
            date: 2023-01-15
            organisation: cpusa
            author: "Jane \\"JD\\" Doe, 50% & {braces}"
            demands: [boluarte-resign, new-elections]
            tags: [repression]
            summary: "A summary with </script> and a comma, too"
            source: { url: "https://example.org/a?x=1&y=2", file: null, captured: null, sha256: null }
            ---

            We stand with the people. We call for the **resignation of Boluarte** now.

            And we demand early elections, "with quotes", too.
            """,
        "content/statements/b.md": """
            ---
            title: Hands off Peru
            date: 2023-03
            organisation: cgtp
            language: es
            demands: [boluarte-resign, constituent-assembly]
            tags: [repression]
            evidence: { constituent-assembly: "Exigimos una asamblea constituyente." }
            ---

            Exigimos la renuncia de Boluarte.

            Exigimos una asamblea constituyente.
            """,
        "content/statements/c.md": """
            ---
            title: Undated
            organisation: cpusa
            demands: [new-elections]
            ---

            Text without a date, calling for early elections.
            """,
    ])
}

private func text(_ files: [OutputFile], _ path: String) throws -> String {
    let file = try #require(files.first { $0.path == path }, "\(path) is missing")
    return String(decoding: file.contents, as: UTF8.self)
}

@Suite("Feeds, open data and the sitemap")
struct ArchiveOutputsTests {
    @Test(
        "XML text escapes the five special characters and leaves out what XML cannot hold",
        arguments: [
            ("plain text, ñ and ’", "plain text, ñ and ’"),
            ("<p class=\"x\">Tom & Jerry's</p>", "&lt;p class=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/p&gt;"),
            ("tab\tline\ncarriage\r", "tab\tline\ncarriage\r"),
            ("a\u{1}b\u{1F}c", "abc"),
            ("next\u{85}line, \u{9F}end", "nextline, end"),
            ("no-break\u{A0}space, Â, \u{FFFD}", "no-break\u{A0}space, Â, \u{FFFD}"),
            ("\u{FFFE}not\u{FFFF} characters & more", "not characters &amp; more"),
            ("ﬁ \u{EFFF} <", "ﬁ \u{EFFF} &lt;"),
        ])
    func xmlText(input: String, expected: String) {
        #expect(XMLText.escape(input) == expected)
    }

    @Test(
        "a quoted CSV cell leaves out what XML cannot hold and doubles its quotes, nothing else",
        arguments: [
            ("plain text, ñ and ’", "plain text, ñ and ’"),
            ("<p class=\"x\">Tom & Jerry's</p>", "<p class=\"\"x\"\">Tom & Jerry's</p>"),
            ("tab\tline\ncarriage\r", "tab\tline\ncarriage\r"),
            ("a\u{1}b\u{1F}c", "abc"),
            ("next\u{85}line, \u{9F}end", "nextline, end"),
            ("no-break\u{A0}space, ¿Â?, \u{FFFD}", "no-break\u{A0}space, ¿Â?, \u{FFFD}"),
            ("\u{FFFE}not\u{FFFF} characters & more", "not characters & more"),
            ("&amp; stays \"&amp;\"", "&amp; stays \"\"&amp;\"\""),
        ])
    func quotedCell(input: String, expected: String) {
        #expect(XMLText.quotedCell(input) == expected)
    }

    @Test("feeds are well-formed Atom, for the archive and each organisation, demand and tag with dated statements")
    func feeds() throws {
        let files = try SiteBuild(root: try outputsArchive()).files().files
        let paths = Set(files.map(\.path))
        for path in [
            "feed.xml", "organisations/cpusa/feed.xml", "organisations/cgtp/feed.xml",
            "demands/boluarte-resign/feed.xml", "demands/new-elections/feed.xml", "tags/repression/feed.xml",
        ] {
            #expect(paths.contains(path), "\(path)")
        }
        let feed = try text(files, "feed.xml")
        // Parsed by a real XML parser: escaping and control characters cannot break it.
        let document = try XMLDocument(xmlString: feed)
        let entries = try document.nodes(forXPath: "/*[local-name()='feed']/*[local-name()='entry']")
        #expect(entries.count == 2, "the undated statement is left out")
        #expect(feed.contains("<updated>2023-03-01T00:00:00Z</updated>"), "a month stands for its first day")
        #expect(feed.contains("&lt;script&gt;"))
        #expect(!feed.contains("\u{1}"))
        #expect(feed.contains("href=\"statements/a/index.html\""))
        let organisation = try text(files, "organisations/cpusa/feed.xml")
        #expect(organisation.contains("href=\"../../statements/a/index.html\""), "links from the feed's folder")
        // The same statement has the same id in every feed, and a build gives the same bytes again.
        let id = try #require(feed.firstMatch(of: /<id>(urn:uuid:[0-9a-f-]{36})<\/id>\n<link rel="alternate" type="text\/html" href="statements\/a/)?.1)
        #expect(organisation.contains(String(id)))
        #expect(try SiteBuild(root: try outputsArchive()).files().files == files)
    }

    @Test("feeds written into a staging folder a run at a time have the bytes of those held")
    func streamedFeeds() throws {
        // Forty tags: more feeds than one run makes at once.
        var sources: [String: String] = [:]
        for number in 0..<60 {
            sources["content/statements/s\(number).md"] = """
                ---
                title: Statement \(number)
                date: 2023-\(String(format: "%02d", 1 + number % 12))-\(String(format: "%02d", 1 + number % 28))
                tags: [topic-\(number % 40), shared]
                ---
                Words of statement \(number).
                """
        }
        let archive = try ArchiveLoader(root: try makeArchive(sources)).load().archive
        let feeds = Feeds(archive: archive, bodies: [:], strings: Strings())
        let held = feeds.files(keys: nil)
        #expect(held.made.count == 42, "the archive's, one for each of 41 tags")
        #expect(held.written.isEmpty)

        let folder = try temporaryFolder()
        let writer = SiteWriter(output: folder.appendingPathComponent("site"), root: folder)
        let staging = try writer.stage()
        let streamed = feeds.files(keys: nil, staging: staging)
        #expect(streamed.made.isEmpty)
        #expect(streamed.written.sorted() == held.made.map(\.path).sorted())
        let written = try writer.commit(staging)
        for feed in held.made {
            let path = folder.appendingPathComponent("site").appendingPathComponent(feed.path).path
            #expect(FileManager.default.contents(atPath: path) == feed.contents, "\(feed.path)")
            #expect(written[feed.path]?.digest == BuildCache.digest(feed.contents), "\(feed.path)")
        }
    }

    @Test("with a base address, feeds are absolute and the sitemap lists every page")
    func baseAddress() throws {
        let files = try SiteBuild(root: try outputsArchive(baseURL: "https://example.org/archive/")).files().files
        let feed = try text(files, "organisations/cpusa/feed.xml")
        #expect(feed.contains("xml:base=\"https://example.org/archive/\""))
        #expect(feed.contains("href=\"statements/a/index.html\""))
        let sitemap = try text(files, "sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/archive/statements/a/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/archive/</loc>"))
        #expect(!sitemap.contains("404"))
        #expect(try text(files, "robots.txt").contains("Sitemap: https://example.org/archive/sitemap.xml"))
        let without = try SiteBuild(root: try outputsArchive()).files().files
        #expect(!without.contains { $0.path == "sitemap.xml" })
        #expect(without.contains { $0.path == "robots.txt" })
    }

    @Test("the CSV is RFC 4180 and holds what the JSON holds")
    func openData() throws {
        let files = try SiteBuild(root: try outputsArchive()).files().files
        let json = try #require(files.first { $0.path == "data/statements.json" }).contents
        let records = try JSONDecoder().decode([OpenData.StatementRecord].self, from: json)
        #expect(records.map(\.id) == ["b", "a", "c"], "archive order")
        let a = try #require(records.first { $0.id == "a" })
        #expect(a.demands == ["boluarte-resign", "new-elections"])
        #expect(a.text.contains("resignation of Boluarte now."), "plain text, without Markdown")
        #expect(a.sourceURL == "https://example.org/a?x=1&y=2")

        let csv = try text(files, "data/statements.csv")
        #expect(csv.hasSuffix("\r\n"))
        let rows = parseCSV(csv)
        #expect(rows.count == 4)
        #expect(rows[0] == OpenData.StatementRecord.CodingKeys.allCases.map(\.rawValue))
        let row = try #require(rows.first { $0.first == "a" })
        #expect(row == a.cells.map { String($0.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" }) })
        #expect(row[11] == "boluarte-resign; new-elections")

        let package = try JSONSerialization.jsonObject(
            with: try #require(files.first { $0.path == "data/datapackage.json" }).contents) as? [String: Any]
        let resources = try #require(package?["resources"] as? [[String: Any]])
        #expect(resources.map { $0["path"] as? String } == ["statements.csv", "statements.json", "organisations.json", "demands.json"])
        let organisations = try text(files, "data/organisations.json")
        #expect(organisations.contains("\"demands\" : [\n      \"boluarte-resign\",\n      \"new-elections\""))
    }

    @Test("a record's text is trimmed of white space at both ends, whatever its last letter")
    func trimmedText() {
        #expect(OpenData.trimmed("  Paro en Puno.\n\n") == "Paro en Puno.")
        #expect(OpenData.trimmed("\t¡Justicia, ñandú!\r\n") == "¡Justicia, ñandú!")
        #expect(OpenData.trimmed("Perú 🇵🇪 ") == "Perú 🇵🇪")
        #expect(OpenData.trimmed("a\n b") == "a\n b")
        #expect(OpenData.trimmed(" \n\t ") == "")
        #expect(OpenData.trimmed("") == "")
    }

    @Test("the data files are made a batch of records at a time; after an edit, their splice of the earlier files is a fresh build's bytes")
    func dataInBatches() throws {
        var sources = SearchIndexUpdateTests.statements(count: 1_100, change: .nothing)
        func made(
            _ sources: [String: String], earlier: OpenData.Earlier?
        ) throws -> (files: [OutputFile], records: OpenData.Records, ids: [String]) {
            let loaded = try ArchiveLoader(root: try makeArchive(sources)).load()
            let keys = Dictionary(uniqueKeysWithValues: loaded.archive.statements.map { ($0.id, loaded.digests[$0.file] ?? "") })
            let data = OpenData(archive: loaded.archive, texts: BodyTexts(rendered: [:]))
            let (files, records, _) = data.files(keys: OutputKeys(common: "", statements: keys, earlier: [:]), earlier: earlier)
            return (files, records, loaded.archive.statements.map(\.id))
        }
        let (files, records, ids) = try made(sources, earlier: nil)
        let json = try #require(files.first { $0.path == OpenData.statementPaths.json }).contents
        let decoded = try JSONDecoder().decode([OpenData.StatementRecord].self, from: json)
        #expect(decoded.map(\.id) == ids, "every record, in the archive's order")
        #expect(parseCSV(try text(files, OpenData.statementPaths.csv)).count == 1_101)
        for (span, statement) in zip(records.spans, decoded) {
            let record = try JSONDecoder().decode(OpenData.StatementRecord.self, from: json[span.json])
            #expect(record.id == statement.id)
        }

        let folder = try temporaryFolder()
        let first = folder.appendingPathComponent("first")
        try SiteWriter(output: first, root: folder).write(files)

        // Written into a staging folder as the records are made, the files have the same bytes,
        // and are recorded with their digests.
        let streamedSite = folder.appendingPathComponent("streamed")
        let writer = SiteWriter(output: streamedSite, root: folder)
        let staging = try writer.stage()
        let loaded = try ArchiveLoader(root: try makeArchive(sources)).load()
        let streaming = OpenData(archive: loaded.archive, texts: BodyTexts(rendered: [:])).files(keys: nil, earlier: nil, staging: staging)
        #expect(streaming.streamed == [OpenData.statementPaths.json, OpenData.statementPaths.csv])
        #expect(streaming.records.spans.map(\.json) == records.spans.map(\.json))
        try staging.write(streaming.files)
        let written = try writer.commit(staging)
        for file in files {
            #expect(FileManager.default.contents(atPath: streamedSite.appendingPathComponent(file.path).path) == file.contents, "\(file.path)")
            #expect(written[file.path]?.digest == BuildCache.digest(file.contents), "\(file.path)")
        }
        func file(_ path: String) -> OpenData.Earlier.File {
            let path = first.appendingPathComponent(path).path
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
            return OpenData.Earlier.File(path: path, size: size ?? 0)
        }
        let earlier = OpenData.Earlier(
            records: records, json: file(OpenData.statementPaths.json), csv: file(OpenData.statementPaths.csv))
        // Statements in two later batches change, one edited and one removed.
        sources["content/statements/s700.md"] = "---\ntitle: Rewritten\ndate: 2023-05-05\n---\nNew words.\n"
        sources["content/statements/s1050.md"] = nil
        let spliced = try made(sources, earlier: earlier).files
        let fresh = try made(sources, earlier: nil).files
        #expect(spliced.contains { $0.splice != nil }, "unchanged records are copied from the earlier files")
        let second = folder.appendingPathComponent("second")
        try SiteWriter(output: second, root: folder).write(spliced)
        for file in fresh {
            #expect(FileManager.default.contents(atPath: second.appendingPathComponent(file.path).path) == file.contents, "\(file.path)")
        }
    }

    @Test("JSON literals read back as the text they were made from, and never close a script")
    func jsonLiterals() throws {
        let text = "quote \" backslash \\ </script> & é\u{2028}\u{2029} " + (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined()
        for forScript in [false, true] {
            let literal = JSONText.string(text, forScript: forScript)
            let read = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            #expect(read == [text])
            #expect(!literal.contains("\u{2028}") && !literal.contains("\n"))
            #expect(literal.contains("</script") == !forScript)
        }
    }

    /// A strict reader of RFC 4180, written from the RFC, to read the CSV back.
    private func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false, afterQuote = false
        var characters = text.unicodeScalars.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else { cell.unicodeScalars.append(character) }
                continue
            }
            switch character {
            case "\"":
                if afterQuote { cell += "\"" }
                quoted = true
                afterQuote = false
            case ",": row.append(cell); cell = ""; afterQuote = false
            case "\r": afterQuote = false
            case "\n": row.append(cell); rows.append(row); row = []; cell = ""; afterQuote = false
            default: cell.unicodeScalars.append(character); afterQuote = false
            }
        }
        return rows
    }
}

@Suite("Statement pages: evidence, citations, linked data, related statements")
struct StatementPageTests {
    @Test("each demand's evidence is marked in the text, linked from the demand, and shown on the demand's page")
    func evidence() throws {
        let files = try SiteBuild(root: try outputsArchive()).files().files
        let page = try text(files, "statements/a/index.html")
        #expect(page.contains("<strong><mark id=\"evidence-boluarte-resign\">resignation of Boluarte</mark></strong>"))
        #expect(page.contains("<mark id=\"evidence-new-elections\">early elections</mark>"))
        #expect(page.contains("href=\"#evidence-boluarte-resign\""))
        let spanish = try text(files, "statements/b/index.html")
        #expect(spanish.contains("<mark id=\"evidence-boluarte-resign\">renuncia de Boluarte</mark>"), "phrases in the statement's language")
        #expect(spanish.contains("<mark id=\"evidence-constituent-assembly\">Exigimos una asamblea constituyente.</mark>"),
                "the recorded sentence, whole when no phrase is in it")
        let demand = try text(files, "demands/boluarte-resign/index.html")
        #expect(demand.contains("We call for the <mark>resignation of Boluarte</mark> now."))
        #expect(demand.contains("Exigimos la <mark>renuncia de Boluarte</mark>."))
        // A phrase that crosses markup still gets its anchor.
        let demandD = Demand(id: "d", label: "D", phrases: ["en": ["free the prisoners"], "es": ["libertad"]])
        let statement = Statement(id: "x", file: "x.md", title: "X", demands: ["d"])
        let crossing = Evidence.all(for: statement, demands: [demandD], text: "Intro.\nWe say free the prisoners now. Next.")["d"]
        #expect(crossing == Evidence(sentence: "We say free the prisoners now.", phrase: "free the prisoners"))
        let marked = Evidence.mark(
            [("evidence-d", try #require(crossing))], in: "<p>Intro.</p>\n<p>We say free <em>the</em> prisoners now. Next.</p>")
        #expect(marked.html == "<p>Intro.</p>\n<p>We say <span id=\"evidence-d\"></span>free <em>the</em> prisoners now. Next.</p>")
        // Two demands raised by overlapping phrases: the one that would cross the other gets an anchor.
        let two = Evidence.mark(
            [("b", Evidence(sentence: "Free them all now.", phrase: "them all")),
             ("a", Evidence(sentence: "Free them all now.", phrase: "Free them"))],
            in: "<p>Free them all now.</p>")
        #expect(two.html == "<p><span id=\"a\"></span>Free <mark id=\"b\">them all</mark> now.</p>")
        #expect(two.placed == ["a", "b"])
        // Whole words only, folded for case and accents, white space runs as one space.
        let find = { (text: String) in Evidence.all(for: statement, demands: [demandD], text: text)["d"] }
        #expect(find("Freedom: free the prisonersx.") == nil)
        #expect(find("FREE   THE PRISONERS!")?.phrase == "FREE   THE PRISONERS")
        #expect(find("Exigimos la LIBERTÁD.")?.sentence == "Exigimos la LIBERTÁD.")
    }

    @Test("evidence found while the text is folded a stretch at a time is the earliest in the whole text")
    func evidenceInLongTexts() {
        // Longest first, as a demand's phrases are tried.
        let phrases = ["free the prisoners now", "free the prisoners", "the prisoners", "free them"]
        let demand = Demand(id: "d", label: "D", phrases: ["en": phrases])
        let statement = Statement(id: "x", file: "x.md", title: "X", demands: ["d"])
        // The reference: the whole text folded at once, each phrase's first occurrence, the
        // earliest of them, the first phrase where two start together.
        func check(_ text: String) {
            let found = Evidence.all(for: statement, demands: [demand], text: text)["d"]
            let folded = Folded(text)
            let first = phrases.enumerated().compactMap { index, phrase in
                folded.firstMatch(of: Folded(phrase).bytes).map { (index: index, range: $0) }
            }.min { ($0.range.lowerBound, $0.index) < ($1.range.lowerBound, $1.index) }
            #expect((found == nil) == (first == nil), "\(text.debugDescription)")
            guard let found, let first else { return }
            #expect(Folded(found.phrase ?? "").bytes == Folded(phrases[first.index]).bytes, "\(text.debugDescription)")
            let scalars = Array(text.unicodeScalars)
            let at = folded.scalars(first.range)
            let start = scalars[..<at.lowerBound].lastIndex(of: "\n").map { $0 + 1 } ?? 0
            let end = scalars[at.upperBound...].firstIndex(of: "\n") ?? scalars.count
            #expect(String(String.UnicodeScalarView(scalars[start..<end])).contains(found.sentence), "\(text.debugDescription)")
        }
        // Phrases across the points where folding pauses (2,048 bytes, then twice as many each
        // time): a phrase cut there, or one that only seems to end there.
        let tails = ["free themselves, then the prisoners.", "free the prisoners now.", "free the prisoners", "the prisoners free them"]
        for pause in [2_048, 4_096] {
            for offset in (pause - 30)...(pause + 2) {
                for tail in tails { check(String(repeating: "y", count: offset) + " " + tail) }
            }
        }
        let words = [
            "the", "people", "of", "Puno", "free", "them", "prisoners", "FREE", "Prisoners.", "now", "NOW", "freedom", "préso",
            "—", "“free", "the”", "\n", "\n\n", "  ", "\t", "Ñandú", "strike", "unions", "themselves",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let count = [5, 60, 400, 1_200, 3_000].randomElement(using: &generator)!
            check((0..<Int.random(in: 1...count, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " "))
        }
    }

    @Test("citations in Chicago, APA and BibTeX, escaped for each, in the site's language")
    func citations() throws {
        let root = try outputsArchive(baseURL: "https://example.org/archive/")
        let loaded = try ArchiveLoader(root: root).load()
        let strings = try Theme(folder: root.appendingPathComponent("theme"), language: "en").strings
        let a = try #require(loaded.archive.statements.first { $0.id == "a" })
        let citation = Citation(a, archive: loaded.archive, strings: strings)
        #expect(citation.chicago.hasPrefix("Jane \"JD\" Doe, 50% & {braces}. “Quotes"))
        #expect(citation.chicago.hasSuffix("Communist Party USA, 15 January 2023. https://example.org/archive/statements/a/."))
        #expect(citation.apa.contains("(2023, January 15)."))
        #expect(citation.bibtex.contains("author = {Jane \"JD\" Doe, 50\\% \\& \\{braces\\}}"))
        #expect(citation.bibtex.contains("month = jan"))
        #expect(citation.bibtex.contains("url = {https://example.org/archive/statements/a/}"))
        let spanish = try Theme(folder: root.appendingPathComponent("theme"), language: "es").strings
        let c = try #require(loaded.archive.statements.first { $0.id == "c" })
        let undated = Citation(c, archive: loaded.archive, strings: spanish)
        #expect(undated.apa.contains("(s. f.)."))
        #expect(undated.bibtex.contains("author = {{Communist Party USA}}"), "an organisation is not a person")
        let b = try #require(loaded.archive.statements.first { $0.id == "b" })
        #expect(Citation(b, archive: loaded.archive, strings: spanish).apa.contains("(2023, marzo)."))
    }

    @Test(
        "BibTeX text keeps what needs no escaping and escapes or drops the rest, character by character",
        arguments: [
            ("Paro nacional: ¡Boluarte renuncia ya! — CGTP", "Paro nacional: ¡Boluarte renuncia ya! — CGTP"),
            ("e\u{301}té 100%", "e\u{301}té 100\\%"),
            ("a_b ^ ~ \\ #1 $2", "a\\_b \\^{} \\~{} \\textbackslash{} \\#1 \\$2"),
            ("line\none\ttab\u{7}bell\u{85}", "line one tabbell"),
        ])
    func bibTeXText(text: String, expected: String) {
        #expect(Citation.tex(text) == expected)
    }

    @Test("JSON-LD cannot end its script element, and says what the statement is")
    func linkedData() throws {
        let files = try SiteBuild(root: try outputsArchive()).files().files
        let page = try text(files, "statements/a/index.html")
        let script = try #require(page.firstMatch(of: /<script type="application\/ld\+json">(.*?)<\/script>/)?.1)
        #expect(!script.contains("<"))
        let value = try JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: Any]
        #expect(value?["@type"] as? String == "CreativeWork")
        #expect((value?["headline"] as? String)?.contains("</script>") == true, "the text survives, escaped")
        #expect((value?["publisher"] as? [String: Any])?["name"] as? String == "Communist Party USA")
        #expect(value?["isBasedOn"] as? String == "https://example.org/a?x=1&y=2")
        #expect(page.contains("<meta name=\"DCTERMS.date\" content=\"2023-01-15\">"))
        #expect(page.contains("<meta property=\"og:title\" content=\"Quotes &quot; &amp; &lt;script&gt;"))
    }

    @Test("related statements share demands, organisations or tags, best first, and never the statement itself")
    func related() throws {
        let archive = try ArchiveLoader(root: try outputsArchive()).load().archive
        let relations = RelatedStatements(archive)
        let related = { (id: String) in relations.ids(relatedTo: id, in: archive) }
        #expect(related("a") == ["c", "b"], "a shares a demand and its organisation with c, a demand and a tag with b")
        #expect(related("b") == ["a"])
        #expect(related("c") == ["a"])
        #expect(RelatedStatements.key(of: archive) == relations.key)
        let retitled = Archive(
            settings: archive.settings, statements: archive.statements.map { var statement = $0; statement.title += "!"; return statement },
            organisations: Array(archive.organisations.values), demands: archive.demands, tags: Array(archive.tags.values))
        #expect(RelatedStatements.key(of: retitled) == relations.key, "titles do not relate statements")
        let regrouped = Archive(
            settings: archive.settings, statements: archive.statements.map { var statement = $0; statement.tags = []; return statement },
            organisations: Array(archive.organisations.values), demands: archive.demands, tags: Array(archive.tags.values))
        #expect(RelatedStatements.key(of: regrouped) != relations.key, "tags do")
    }

    @Test("the timeline counts months from the first to the last, gaps included, and keeps undated statements apart")
    func timeline() throws {
        let root = try outputsArchive()
        let archive = try ArchiveLoader(root: root).load().archive
        let timeline = Timeline(archive)
        #expect(timeline.months.map(\.month) == [1, 2, 3])
        #expect(timeline.months.map(\.statements.count) == [1, 0, 1])
        #expect(timeline.undated.map(\.id) == ["c"])
        let strings = try Theme(folder: root.appendingPathComponent("theme"), language: "en").strings
        let svg = timeline.svg(strings: strings, link: { "timeline/\($0.year)/index.html#\($0.anchor)" })
        #expect(svg.components(separatedBy: "<rect").count == 3, "a bar per month with statements")
        #expect(svg.contains("href=\"../timeline/2023/index.html#month-2023-03\""))
        let files = try SiteBuild(root: root).files().files
        let page = try text(files, "timeline/index.html")
        #expect(page.contains("href=\"../timeline/2023/index.html#month-2023-03\""), "the chart's bars and the list of months")
        #expect(page.contains("Undated statements"))
        let year = try text(files, "timeline/2023/index.html")
        #expect(year.contains("id=\"month-2023-03\""))
        #expect(year.contains("day not known"))
        #expect(!files.contains { $0.path.hasPrefix("timeline/2022") })
    }

    @Test("a year's timeline page inserting its months' rendered entries, or each statement's, or laying them out itself, is the same page")
    func renderedEntries() throws {
        let root = try outputsArchive()
        let templates = root.appendingPathComponent("theme/templates")
        let year = templates.appendingPathComponent("timeline-year.mustache")
        let entry = templates.appendingPathComponent("timeline-entry.mustache")
        let bundled = try String(contentsOf: year, encoding: .utf8)
        #expect(bundled.contains("{{{entries_html}}}"))
        let inserted = try text(SiteBuild(root: root).files().files, "timeline/2023/index.html")
        #expect(inserted.contains("day not known"))
        try bundled.replacingOccurrences(of: "{{{entries_html}}}", with: "{{#statements}}{{{entry_html}}}{{/statements}}")
            .write(to: year, atomically: true, encoding: .utf8)
        #expect(try inserted == text(SiteBuild(root: root).files().files, "timeline/2023/index.html"))
        // A theme without the partial lays each statement out in the year's template.
        let layout = try String(contentsOf: entry, encoding: .utf8).dropLast()
        try FileManager.default.removeItem(at: entry)
        try bundled.replacingOccurrences(of: "{{{entries_html}}}", with: "{{#statements}}\(layout){{/statements}}")
            .write(to: year, atomically: true, encoding: .utf8)
        #expect(try inserted == text(SiteBuild(root: root).files().files, "timeline/2023/index.html"))
    }

    @Test("the matrix has a row per organisation and a column per demand, each cell leading to its statements")
    func matrix() throws {
        let files = try SiteBuild(root: try outputsArchive()).files().files
        let page = try text(files, "matrix/index.html")
        #expect(page.components(separatedBy: "<th scope=\"row\">").count == 3)
        #expect(page.components(separatedBy: "<th scope=\"col\">").count == 5, "organisation and three demands")
        #expect(page.contains("<a href=\"../matrix/cpusa/index.html#d-new-elections\" aria-label=\"Communist Party USA, Early elections: 2\">2</a>"))
        let detail = try text(files, "matrix/cpusa/index.html")
        #expect(detail.contains("<section id=\"d-new-elections\""))
        #expect(detail.contains("href=\"../../statements/c/index.html\""))
        #expect(!detail.contains("d-constituent-assembly"), "only the demands it raises")
    }

    @Test("an organisation's matrix page inserting its demands' rendered references, or each statement's, is the page rendering the partial under each demand")
    func renderedReferences() throws {
        let root = try outputsArchive()
        let template = root.appendingPathComponent("theme/templates/matrix-organisation.mustache")
        let bundled = try String(contentsOf: template, encoding: .utf8)
        #expect(bundled.contains("{{{references_html}}}"))
        let inserted = try text(SiteBuild(root: root).files().files, "matrix/cpusa/index.html")
        func rendered(_ each: String) throws -> String {
            try bundled.replacingOccurrences(of: "{{{references_html}}}", with: "{{#statements}}\(each){{/statements}}")
                .write(to: template, atomically: true, encoding: .utf8)
            return try text(SiteBuild(root: root).files().files, "matrix/cpusa/index.html")
        }
        #expect(try inserted == rendered("{{{reference_html}}}"))
        #expect(try inserted == rendered("{{>reference}}"))
        #expect(try inserted != rendered("{{>reference}}<!-- each -->"))
        // Statement a raises two of the organisation's demands, and is listed under both.
        #expect(inserted.components(separatedBy: "href=\"../../statements/a/index.html\"").count == 3)
    }
}
