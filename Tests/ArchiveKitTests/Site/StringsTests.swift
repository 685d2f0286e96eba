import Foundation
import Testing
@testable import ArchiveKit

@Suite("Interface words")
struct StringsTests {
    func strings(_ language: String) throws -> Strings {
        try Strings(folder: repositoryRoot.appendingPathComponent("theme/i18n"), language: language, displayRoot: nil)
    }

    @Test("dates are written as each language writes them, to the day or to the month")
    func dates() throws {
        let english = try strings("en")
        let spanish = try strings("es")
        #expect(english.format(try #require(StatementDate(year: 2023, month: 1, day: 11))) == "11 January 2023")
        #expect(english.format(try #require(StatementDate(year: 2022, month: 12))) == "December 2022")
        #expect(spanish.format(try #require(StatementDate(year: 2023, month: 1, day: 11))) == "11 de enero de 2023")
        #expect(spanish.format(try #require(StatementDate(year: 2022, month: 12))) == "diciembre de 2022")
    }

    @Test("a date pattern may use its placeholders in any order, and keeps other braces")
    func patterns() throws {
        let strings = Strings(values: [
            "date.day": "{year}-{month} {day} {other}", "date.month": "{month}/{year}", "months.3": "March",
        ])
        #expect(strings.format(try #require(StatementDate(year: 2023, month: 3, day: 7))) == "2023-March 7 {other}")
        #expect(strings.format(try #require(StatementDate(year: 2023, month: 3))) == "March/2023")
    }
}
