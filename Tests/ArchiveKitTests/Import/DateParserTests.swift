import Testing
@testable import ArchiveKit

@Suite("Dates as pages print them")
struct DateParserTests {
    @Test(
        "English and Spanish dates, with or without the day",
        arguments: [
            ("April 24, 2024", "2024-04-24"),
            ("Jan 112023", "2023-01-11"),
            ("Jan 11, 2023", "2023-01-11"),
            ("Sept. 3 2022", "2022-09-03"),
            ("24 April 2024", "2024-04-24"),
            ("3rd of February, 2023", "2023-02-03"),
            ("Wednesday, January 11, 2023", "2023-01-11"),
            ("Posted on March 5, 2023", "2023-03-05"),
            ("11 de enero de 2023", "2023-01-11"),
            ("11 de enero del 2023", "2023-01-11"),
            ("Lima, 11 de Enero de 2023.", "2023-01-11"),
            ("1º de mayo de 2023", "2023-05-01"),
            ("15 de setiembre de 2023", "2023-09-15"),
            ("Publicado el 7 de diciembre de 2022", "2022-12-07"),
            ("January 2023", "2023-01"),
            ("enero de 2023", "2023-01"),
            ("2023-01-20", "2023-01-20"),
            ("12th January 2023", "2023-01-12"),
            ("Jan 11 2023", "2023-01-11"),
            ("diciembre 15, 2022", "2022-12-15"),
            ("15 de diciembre de 2022", "2022-12-15"),
            ("14/01/2023", "2023-01-14"),
            ("01/14/2023", "2023-01-14"),
            ("14.01.23", "2023-01-14"),
            ("2023/01/11", "2023-01-11"),
            ("January 11, 2023 at 10:15 am", "2023-01-11"),
            ("11/11/2023", "2023-11-11"),
        ])
    func parses(line: String, expected: String) {
        #expect(DateParser.parse(line)?.description == expected)
    }

    @Test(
        "sentences and impossible dates are not dates",
        arguments: [
            "Since December 7, the popular masses have risen up",
            "February 30, 2023",
            "It is two months now since the political crisis erupted",
            "Hands off Peru!",
            "in July 2021 he was elected and then many other things happened afterwards in Lima",
            "13 de mes de 2023",
        ])
    func rejects(line: String) {
        #expect(DateParser.parse(line) == nil)
    }

    @Test("a numeric date that could be either way round is not guessed")
    func ambiguous() {
        #expect(DateParser.parse("03/04/2023") == nil)
        #expect(DateParser.read("03/04/2023") == .numeric(first: 3, second: 4, year: 2023))
        #expect(DateParser.read("03/04/2023")?.resolved(dayFirst: true)?.description == "2023-04-03")
        #expect(DateParser.read("03/04/2023")?.resolved(dayFirst: false)?.description == "2023-03-04")
        #expect(DateParser.numericOrderEvidence(in: "Lima, 25/01/2023. Updated 03/02/2023") == true)
        #expect(DateParser.numericOrderEvidence(in: "posted 01/25/2023") == false)
    }

    @Test("a date among a few words above the text, with its byline")
    func metaLines() {
        let line = StatementImporter.metaLine("By Ana Ruiz | 11 January 2023 | 3 min read")
        #expect(line?.author == "Ana Ruiz")
        #expect(line?.date?.date?.description == "2023-01-11")
        let posted = StatementImporter.metaLine("Posted on January 12, 2023 by Jane Doe")
        #expect(posted?.author == "Jane Doe")
        #expect(StatementImporter.metaLine("On 11 January 2023 the police opened fire on the crowd in Juliaca.") == nil)
        #expect(StatementImporter.isBreadcrumb("Home > News > Peru"))
    }
}
