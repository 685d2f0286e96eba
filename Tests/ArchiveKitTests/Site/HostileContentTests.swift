import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ArchiveKit

/// An archive whose every field tries to break out of where it is printed.
@Suite("Hostile content reaches no output as markup")
struct HostileContentTests {
    static let payload = #"<script>alert(1)</script>\"' </script><img src=x onerror=alert(2)> \u0001\u2028&amp;"#

    private func hostileArchive(baseURL: Bool) throws -> URL {
        let p = Self.payload
        return try makeArchive([
            "archive.yml": "title: \"T \(p)\"\ndescription: \"D \(p)\"\n" + (baseURL ? "base_url: https://example.org/a/\n" : ""),
            "content/organisations.yml": """
                - id: evil
                  name: "Org \(p)"
                  short_name: "S \(p)"
                  kind: party
                  website: "https://example.org/?q=\\"><script>alert(3)</script>"
                  description: "Desc \(p)"
                """,
            "content/demands.yml": """
                - id: free-all
                  label: "Demand \(p)"
                  description: "About \(p)"
                  phrases: { en: ["free them all"] }
                """,
            "content/tags.yml": "- id: evil-tag\n  label: \"Tag \(p)\"\n",
            "content/statements/evil.md": """
                ---
                title: "Title \(p)"
                date: 2023-02-03
                organisation: evil
                author: "Author \(p)"
                publication: "Pub \(p)"
                demands: [free-all]
                tags: [evil-tag]
                summary: "Summary \(p)"
                evidence: { free-all: "We say: free them all \(p)" }
                source: { url: "https://example.org/x?a=1&b=\\"<script>alert(4)</script>", file: null, captured: "2023-02-04", sha256: null }
                ---

                <script>alert("body")</script>

                We say: free them all <b onmouseover=alert(5)>now</b> [link](javascript:alert(6)) <img src=x onerror=alert(7)>
                """,
        ])
    }

    @Test("every HTML page, feed, data file and search file keeps the payload as text", arguments: [false, true])
    func everyOutput(baseURL: Bool) throws {
        let files = try SiteBuild(root: try hostileArchive(baseURL: baseURL)).files().files
        #expect(files.count > 30)
        var checked = 0
        for file in files {
            let text = String(decoding: file.contents, as: UTF8.self)
            let path = file.path
            if path.hasSuffix(".html") {
                checked += 1
                // The only script elements are the theme's own and the JSON-LD; no handler, no image, no javascript: link.
                let scripts = text.components(separatedBy: "<script").dropFirst()
                #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"") || $0.hasPrefix(" type=\"application/ld+json\">") }, "\(path)")
                for forbidden in ["<img", "<b ", "\u{1}"] {
                    #expect(!text.contains(forbidden), "\(path) holds \(forbidden)")
                }
                // Attribute values are quoted and hold no raw quote; outside them, no tag has a handler.
                let tags = text.replacing(/"[^"]*"/, with: "\"\"")
                #expect(tags.firstMatch(of: /<[^>]*(onerror|onmouseover)=/) == nil, "\(path) has a handler in a tag")
                #expect(text.firstMatch(of: /href="javascript:/) == nil, "\(path) links to javascript:")
                if let jsonLD = text.firstMatch(of: /<script type="application\/ld\+json">(.*?)<\/script>/)?.1 {
                    #expect(!jsonLD.contains("<"), "\(path)")
                    #expect((try? JSONSerialization.jsonObject(with: Data(jsonLD.utf8))) != nil, "\(path): the JSON-LD parses")
                }
                // Attribute values never hold a raw quote from content: every `content="…"` is well formed.
                for match in text.matches(of: /content="([^"]*)"/) {
                    #expect(!match.1.contains("<"), "\(path): \(match.1)")
                }
            } else if path.hasSuffix(".xml") {
                checked += 1
                #expect(throws: Never.self, "\(path) is well-formed XML") { _ = try XMLDocument(data: file.contents) }
                #expect(!text.contains("<script"), "\(path)")
                #expect(!text.contains("\u{1}"), "\(path)")
            } else if path.hasSuffix(".json") {
                checked += 1
                #expect((try? JSONSerialization.jsonObject(with: file.contents)) != nil, "\(path) parses")
            } else if path.hasPrefix("search/") && path.hasSuffix(".js") {
                checked += 1
                // Each file is `ArchiveSearch.register("name", JSON);`: its JSON must parse.
                let json = text.drop { $0 != "," }.dropFirst().dropLast(3)
                #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)) != nil, "\(path): \(json.prefix(200))")
            }
        }
        #expect(checked > 30)
        let csv = try #require(files.first { $0.path == "data/statements.csv" })
        let row = String(decoding: csv.contents, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)[1]
        #expect(row.contains("\"Title <script>alert(1)</script>\"\"' </script>"), "the CSV keeps the text, its quotes doubled")
    }

    @Test("an address that is not http(s) is refused where it is written")
    func addresses() throws {
        let root = try makeArchive([
            "content/organisations.yml": "- id: o\n  name: O\n  kind: party\n  website: javascript:alert(1)\n",
            "content/statements/a.md": "---\ntitle: A\nsource: { url: \"data:text/html,<script>\" }\n---\n",
        ])
        let errors = try #require(throws: ContentErrors.self) { try SiteBuild(root: root).run() }
        #expect(errors.errors.map(\.description) == [
            "content/organisations.yml:4:12: error: 'website' must be an address starting with https:// or http://, without spaces",
            "content/statements/a.md:3:16: error: 'source.url' must be an address starting with https:// or http://, without spaces",
        ])
    }
}
