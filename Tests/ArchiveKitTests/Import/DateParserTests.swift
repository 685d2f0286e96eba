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
}
