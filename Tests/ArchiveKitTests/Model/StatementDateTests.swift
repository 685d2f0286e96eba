import Testing
@testable import ArchiveKit

@Suite("Statement dates")
struct StatementDateTests {
    @Test("parses ISO dates with day or month precision", arguments: ["2023-01-20", "2023-01", "2024-02-29"])
    func parses(text: String) throws {
        #expect(try #require(StatementDate(iso: text)).description == text)
    }

    @Test("rejects what is not a date", arguments: ["2023-13", "2023-02-29", "2023-1-5", "23-01-01", "2023", "20 January 2023", "２０２３-01"])
    func rejects(text: String) {
        #expect(StatementDate(iso: text) == nil)
    }

    @Test("a month sorts before its days")
    func ordering() throws {
        let month = try #require(StatementDate(iso: "2023-01"))
        let day = try #require(StatementDate(iso: "2023-01-01"))
        #expect(month < day)
        #expect(try #require(StatementDate(iso: "2022-12-31")) < month)
    }
}
