import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ArchiveKit

/// `archive import https://…` against a server on 127.0.0.1: pages, redirects, errors and time-outs.
@Suite("Importing from an address")
struct PageFetcherTests {
    static let statement = """
        <!doctype html><html lang="en"><head><title>Hands off Peru | Union</title>
        <meta property="og:title" content="Hands off Peru"><meta property="og:site_name" content="Union">
        <meta property="article:published_time" content="2023-01-20"></head>
        <body><article><p>The union demands the resignation of Boluarte and new elections, and calls for an end to the repression.</p>
        <p>Read <a href="/docs/full.pdf">the full resolution</a> of the congress held in solidarity with the people of Peru.</p></article></body></html>
        """

    /// A server with a page, a redirect to it, a missing page, a PDF, a slow page and a user-agent echo.
    func application() -> some ApplicationProtocol {
        let router = Router()
        router.get("statement") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: Self.statement)))
        }
        router.get("old") { _, _ in
            Response(status: .movedPermanently, headers: [.location: "/statement"])
        }
        router.get("report.pdf") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/pdf"], body: .init(byteBuffer: ByteBuffer(string: "%PDF-1.4")))
        }
        router.get("slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(3))
            return "late"
        }
        router.get("agent") { request, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: request.headers[.userAgent] ?? "none")))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("a page is fetched through a redirect, kept byte for byte, and imported with its address and hash")
    func importsThroughRedirect() async throws {
        let root = try makeArchive([
            "content/demands.yml": try String(contentsOf: repositoryRoot.appendingPathComponent("content/demands.yml"), encoding: .utf8)
        ])
        try await application().test(.live) { client in
            let port = try #require(client.port)
            let address = "http://127.0.0.1:\(port)/old"
            let outcomes = try await ImportRun(root: root).run(paths: [address])
            let outcome = try #require(outcomes.first)
            guard case .imported(let path) = outcome.action else {
                Issue.record("not imported: \(outcome.line)")
                return
            }
            let statement = try #require(outcome.statement)
            #expect(statement.title == "Hands off Peru")
            #expect(statement.source.url == "http://127.0.0.1:\(port)/statement", "the address the page came from")
            #expect(statement.source.captured?.hasSuffix("Z") == true)
            #expect(statement.body.contains("[the full resolution](http://127.0.0.1:\(port)/docs/full.pdf)"))
            let kept = try #require(statement.source.file)
            let bytes = try Data(contentsOf: root.appendingPathComponent(kept))
            #expect(bytes == Data(Self.statement.utf8))
            #expect(statement.source.sha256?.count == 64)
            // The file reads back through the build's own reader.
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            #expect(text.contains("url: http://127.0.0.1:\(port)/statement"))
            let again = try await ImportRun(root: root).run(paths: ["http://127.0.0.1:\(port)/statement"])
            #expect(again.first?.action == .alreadyImported(path: path))
        }
    }

    @Test("a missing page, a PDF and a refused connection are clear errors")
    func failures() async throws {
        try await application().test(.live) { client in
            let port = try #require(client.port)
            let fetcher = PageFetcher(timeout: .seconds(5))
            await #expect(throws: PageFetcher.Failure.status(404, "Not Found", url: "http://127.0.0.1:\(port)/nothing")) {
                try await fetcher.fetch("http://127.0.0.1:\(port)/nothing")
            }
            await #expect(throws: PageFetcher.Failure.notAPage("application/pdf", url: "http://127.0.0.1:\(port)/report.pdf")) {
                try await fetcher.fetch("http://127.0.0.1:\(port)/report.pdf")
            }
            await #expect(throws: PageFetcher.Failure.invalidAddress("ftp://127.0.0.1/x")) {
                try await fetcher.fetch("ftp://127.0.0.1/x")
            }
            let description = PageFetcher.Failure.status(404, "Not Found", url: "http://x/y").description
            #expect(description == "http://x/y answered 404 Not Found; check the address, or save the page from a browser and import the file")
        }
        do {
            _ = try await PageFetcher(timeout: .seconds(5)).fetch("http://127.0.0.1:1/closed")
            Issue.record("a closed port was fetched")
        } catch {
            #expect(error.description.hasPrefix("cannot fetch http://127.0.0.1:1/closed"))
        }
    }

    @Test("a page that does not answer in time is given up on, and names itself politely")
    func timeoutAndAgent() async throws {
        try await application().test(.live) { client in
            let port = try #require(client.port)
            await #expect(throws: PageFetcher.Failure.timedOut(url: "http://127.0.0.1:\(port)/slow", seconds: 1)) {
                try await PageFetcher(timeout: .seconds(1)).fetch("http://127.0.0.1:\(port)/slow")
            }
            let page = try await PageFetcher().fetch("http://127.0.0.1:\(port)/agent")
            #expect(String(decoding: page.data, as: UTF8.self) == PageFetcher.userAgent)
            #expect(!page.isHTML)
        }
    }
}
