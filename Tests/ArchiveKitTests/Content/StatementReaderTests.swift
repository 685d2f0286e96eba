import Testing
@testable import ArchiveKit

@Suite("Reading statements")
struct StatementReaderTests {
    let reader = sampleReader()

    @Test("reads every field of the contract")
    func readsEverything() throws {
        let text = """
            ---
            title: Hands off Peru!
            date: 2023-01-20
            organisation: cpusa
            co_signers: [General Confederation of Workers of Peru]
            author: Ken Livingstone
            publication: Morning Star
            kind: joint-statement
            language: en
            demands: [constituent-assembly, Boluarte-Resign, new-elections]
            tags: [US imperialism, Mining, mining]
            summary: One or two sentences.
            source: { file: seeds/004.txt, url: null, captured: 2023-01-21 }
            draft: false
            review: [date]
            evidence: { boluarte-resign: "removal of de facto President Dina Boluarte" }
            ---
            The body.
            """
        let result = reader.read(text, file: "content/statements/2023-01-20-hands-off-peru.md")
        #expect(result.diagnostics.isEmpty)
        let statement = try #require(result.statement)
        #expect(statement.id == "2023-01-20-hands-off-peru")
        #expect(statement.title == "Hands off Peru!")
        #expect(statement.date == StatementDate(year: 2023, month: 1, day: 20))
        #expect(statement.organisation == "cpusa")
        #expect(statement.coSigners == ["cgtp"])
        #expect(statement.author == "Ken Livingstone")
        #expect(statement.publication == "Morning Star")
        #expect(statement.kind == .jointStatement)
        #expect(statement.demands == ["boluarte-resign", "new-elections", "constituent-assembly"])
        #expect(statement.tags == ["mining", "us-imperialism"])
        #expect(statement.summary == "One or two sentences.")
        #expect(statement.source == Provenance(file: "seeds/004.txt", captured: "2023-01-21"))
        #expect(statement.review == ["date"])
        #expect(statement.evidence["boluarte-resign"] == "removal of de facto President Dina Boluarte")
        #expect(statement.body == "The body.")
    }

    @Test("only a title is required; the rest has defaults")
    func defaults() throws {
        let statement = try #require(reader.read("---\ntitle: Undated\n---\n", file: "content/statements/u.md").statement)
        #expect(statement.date == nil)
        #expect(statement.organisation == nil)
        #expect(statement.kind == .statement)
        #expect(statement.language == "en")
        #expect(!statement.isDraft)
    }

    @Test("organisations are found by id, name or alias, ignoring case and accents")
    func organisationReferences() throws {
        for name in ["cpusa", "CPUSA", "Communist Party USA", "communist party usa"] {
            let result = reader.read("---\ntitle: T\norganisation: \(name)\n---\n", file: "s.md")
            #expect(result.statement?.organisation == "cpusa", "\(name)")
        }
        let spanish = reader.read(
            "---\ntitle: T\norganisation: Confederacion General de Trabajadores del Peru\n---\n", file: "s.md")
        #expect(spanish.statement?.organisation == "cgtp")
    }

    @Test("an unknown organisation is a warning and gets an id of its own")
    func unknownOrganisation() throws {
        let result = reader.read("---\ntitle: T\norganisation: Peace Council of Peru\n---\n\nText.\n", file: "s.md")
        let statement = try #require(result.statement)
        #expect(statement.organisation == "peace-council-of-peru")
        #expect(result.unrecordedOrganisations == ["peace-council-of-peru": "Peace Council of Peru"])
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(result.diagnostics.first?.line == 3)
        #expect(result.diagnostics.first?.column == 15)
    }

    @Test(
        "bad fields are errors at their line and column",
        arguments: [
            ("---\ntitle: T\ndemands: [new-elections, boluarte-resigns]\n---\n", 3, 26,
             "unknown demand 'boluarte-resigns'; did you mean 'boluarte-resign'?"),
            ("---\ntitle: T\ndate: 2023-02-30\n---\n", 3, 7,
             "'2023-02-30' is not a day of the calendar: that month has 28 days"),
            ("---\ntitle: T\nkind: speech\n---\n", 3, 7,
             "'speech' is not a valid kind; use one of: statement, interview, article, open-letter, joint-statement"),
            ("---\ntitle: T\norganization: cpusa\n---\n", 3, 1, "unknown field 'organization'; did you mean 'organisation'?"),
            ("---\ndate: 2023-01-01\n---\n", 2, 1, "'title' is required"),
            ("---\ntitle: [a, b]\n---\n", 2, 8, "'title' must be a single value, not a list or mapping"),
            ("---\ntitle: T\ndraft: maybe\n---\n", 3, 8, "'draft' must be true or false"),
            ("---\ntitle: T\ntags: [a\n---\n", 4, 1, "invalid YAML"),
        ])
    func errors(text: String, line: Int, column: Int, message: String) throws {
        let result = reader.read(text, file: "content/statements/x.md")
        #expect(result.statement == nil)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.file == "content/statements/x.md")
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.reason.description.hasPrefix(message))
        #expect(error.description.hasPrefix("content/statements/x.md:\(line):\(column): error: "))
    }

    @Test("every error in a file is reported, not just the first")
    func collectsAll() {
        let result = reader.read(
            "---\ntitle: T\ndate: yesterday\ndemands: [nope]\nkind: speech\n---\n", file: "x.md")
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.line) == [3, 4, 5])
    }

    @Test("month-precision dates")
    func monthPrecision() throws {
        let statement = try #require(reader.read("---\ntitle: T\ndate: 2023-01\n---\n", file: "x.md").statement)
        #expect(statement.date == StatementDate(year: 2023, month: 1))
        #expect(statement.date?.description == "2023-01")
    }
}
