import Testing
@testable import ArchiveKit

@Suite("Front matter")
struct FrontMatterTests {
    @Test("splits YAML from the body")
    func splits() throws {
        let split = try FrontMatter(splitting: "---\ntitle: A\n---\n\nBody.\n", file: "a.md")
        #expect(split.yaml == "title: A")
        #expect(split.body == "\nBody.\n")
        #expect(split.yamlLineOffset == 1)
    }

    @Test("accepts a byte order mark, CRLF-free trailing spaces and a closing '...'")
    func tolerant() throws {
        let split = try FrontMatter(splitting: "\u{FEFF}---  \ntitle: A\n...\nBody", file: "a.md")
        #expect(split.yaml == "title: A")
        #expect(split.body == "Body")
    }

    @Test("a file without front matter is an error at its first line")
    func missing() {
        #expect(throws: ContentError(file: "a.md", reason: .missingFrontMatter)) {
            try FrontMatter(splitting: "# Just Markdown\n", file: "a.md")
        }
    }

    @Test("unclosed front matter is an error")
    func unclosed() {
        #expect(throws: ContentError(file: "a.md", line: 1, reason: .unterminatedFrontMatter)) {
            try FrontMatter(splitting: "---\ntitle: A\ndate: 2023-01-01\n", file: "a.md")
        }
    }
}
