import Foundation
import Mustache
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

    @Test("words put into a theme's templates when they are loaded render as the words looked up on each page")
    func wordsInTemplates() throws {
        HTMLEscaping.registered
        let strings = Strings(values: [
            "plain": "Published", "marked": "Tom & \"Jerry\" <i>'s</i>", "kinds.interview": "Interview",
            "braces": "a {{b}} c", "closing": "x }} y",
        ])
        let template = """
            {{t.plain}}|{{ t.marked }}|{{{t.marked}}}|{{& t.marked}}|{{t.kinds.interview}}|{{t.braces}}|\
            {{t.closing}}|{{t.missing}}|{{#items}}{{t.plain}} {{name}};{{/items}}|{{^items}}{{t.plain}}{{/items}}
            """
        let inlined = Theme.inliningWords(template, strings)
        #expect(!inlined.contains("t.plain") && !inlined.contains("t.marked") && !inlined.contains("t.kinds"))
        #expect(inlined.contains("{{t.braces}}") && inlined.contains("{{t.closing}}") && inlined.contains("{{t.missing}}"))
        let context: [String: Any] = ["t": strings, "items": [["name": "a"], ["name": "b & c"]]]
        func render(_ text: String) throws -> String {
            try MustacheTemplate(string: HTMLEscaping.pragma + text).render(context)
        }
        #expect(try render(inlined) == (try render(template)))
        // A template that changes its delimiters keeps every lookup.
        let delimited = "{{=<% %>=}}<%t.plain%> {{t.plain}}"
        #expect(Theme.inliningWords(delimited, strings) == delimited)
    }
}
