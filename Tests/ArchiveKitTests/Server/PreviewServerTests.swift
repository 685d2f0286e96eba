import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ArchiveKit

/// The preview server's responses, in process: files and their types, folders, the 404 page, HEAD,
/// ETags, and paths that try to leave the site.
@Suite("Previewing: responses")
struct PreviewServerTests {
    /// A copy of the bundled archive, built into its preview folder, with a file outside the site
    /// that no request may reach.
    static func preview() async throws -> (PreviewServer, PreviewEvents) {
        let root = try temporaryFolder()
        for item in ["archive.yml", "theme", "seeds", "content"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        try Data("secret outside the site".utf8).write(to: root.appendingPathComponent("secret.txt"))
        let server = PreviewServer(root: root, port: 0)
        let events = PreviewEvents()
        await server.build(events: events, log: { _ in })
        return (server, events)
    }

    static func application(_ server: PreviewServer, _ events: PreviewEvents) -> some ApplicationProtocol {
        Application(responder: server.responder(events: events))
    }

    @Test("one server at a time holds an archive's preview; the lock is let go with its holder")
    func oneServerPerArchive() throws {
        let root = try temporaryFolder()
        do {
            let first = try PreviewServer.Lock(root: root)
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".archive-cache/preview.lock").path))
            do {
                _ = try PreviewServer.Lock(root: root)
                Issue.record("a second lock was taken")
            } catch {
                #expect(error.description.contains("another archive serve is already previewing this archive"))
                #expect(error.description.contains(".archive-cache/preview.lock"))
            }
            withExtendedLifetime(first) {}
        }
        #expect(throws: Never.self) { _ = try PreviewServer.Lock(root: root) }
        // Another archive has a lock of its own.
        let other = try temporaryFolder()
        let held = try PreviewServer.Lock(root: root)
        #expect(throws: Never.self) { _ = try PreviewServer.Lock(root: other) }
        withExtendedLifetime(held) {}
    }

    @Test("pages, folders, types, HEAD and 304")
    func files() async throws {
        let (server, events) = try await Self.preview()
        try await Self.application(server, events).test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(home.headers[.cacheControl] == "no-cache")
            let text = String(buffer: home.body)
            #expect(text.contains("<script data-archive-preview>"), "the reload script is put into pages")
            #expect(text.contains(PreviewScript.eventsPath))
            let written = try String(contentsOf: server.output.appendingPathComponent("index.html"), encoding: .utf8)
            #expect(!written.contains("data-archive-preview"), "and never into the files")

            let etag = try #require(home.headers[.eTag])
            let again = try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)

            let head = try await client.execute(uri: "/statements/", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(Int(head.headers[.contentLength] ?? "") ?? 0 > 1000)

            let folder = try await client.execute(uri: "/statements", method: .get)
            #expect(folder.status == .movedPermanently)
            #expect(folder.headers[.location] == "/statements/")

            for (path, type) in [
                ("/assets/style.css", "text/css; charset=utf-8"),
                ("/assets/search.js", "text/javascript; charset=utf-8"),
                ("/search/index.js", "text/javascript; charset=utf-8"),
                ("/sources/seeds/004_4b5bbf61f4fde164.txt", "text/plain; charset=utf-8"),
            ] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType] == type, "\(path)")
                #expect(!String(buffer: response.body).contains("data-archive-preview"), "\(path) is served as it is")
            }

            let post = try await client.execute(uri: "/", method: .post)
            #expect(post.status == .methodNotAllowed)
        }
    }

    @Test("an address with nothing at it gets the site's own 404 page, with status 404")
    func notFound() async throws {
        let (server, events) = try await Self.preview()
        try await Self.application(server, events).test(.router) { client in
            let response = try await client.execute(uri: "/statements/no-such-statement/", method: .get)
            #expect(response.status == .notFound)
            let text = String(buffer: response.body)
            #expect(text.contains("Page not found"))
            #expect(text.contains("<base href=\"/\">"), "its relative links work at any depth")
            #expect(text.contains("data-archive-preview"))
        }
    }

    @Test(
        "paths that try to leave the site are refused",
        arguments: [
            "/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
            "/..%2fsecret.txt", "/assets/..%2F..%2Fsecret.txt", "/..%5csecret.txt", "/assets/%2e%2e%5c%2e%2e%5csecret.txt",
            "/..\\secret.txt", "/assets/%00/../../secret.txt", "/./../secret.txt", "/assets/./../../secret.txt",
        ])
    func traversal(path: String) async throws {
        let (server, events) = try await Self.preview()
        try await Self.application(server, events).test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .forbidden, "\(path): \(response.status)")
            #expect(!String(buffer: response.body).contains("secret outside"))
        }
    }

    @Test("absolute paths and symbolic links out of the site are not followed")
    func links() async throws {
        let (server, events) = try await Self.preview()
        let outside = server.root.appendingPathComponent("secret.txt")
        try FileManager.default.createSymbolicLink(
            at: server.output.appendingPathComponent("assets/leak.txt"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: server.output.appendingPathComponent("escape"), withDestinationURL: server.root)
        try await Self.application(server, events).test(.router) { client in
            for path in ["/assets/leak.txt", "/escape/secret.txt", "/escape/"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .forbidden, "\(path): \(response.status)")
                #expect(!String(buffer: response.body).contains("secret outside"))
            }
            let absolute = try await client.execute(uri: "/" + outside.path, method: .get)
            #expect(absolute.status == .notFound, "an absolute path is read inside the site")
        }
    }

    @Test("a failed build leaves the last good site served, with its errors over every page")
    func errorsOverlay() async throws {
        let (server, events) = try await Self.preview()
        let file = server.root.appendingPathComponent("content/statements/hands-off-peru.md")
        let original = try String(contentsOf: file, encoding: .utf8)
        try original.replacingOccurrences(of: "title: Hands off Peru!", with: "title: [Hands off")
            .write(to: file, atomically: true, encoding: .utf8)
        await server.build(events: events, log: { _ in })
        let errors = await events.errors
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("content/statements/hands-off-peru.md:") == true)
        #expect(errors.first?.contains("invalid YAML") == true)
        try await Self.application(server, events).test(.router) { client in
            let page = try await client.execute(uri: "/statements/hands-off-peru/", method: .get)
            #expect(page.status == .ok)
            let text = String(buffer: page.body)
            #expect(text.contains("<h1>Hands off Peru!</h1>"), "the last good page")
            #expect(text.contains("content/statements/hands-off-peru.md:"), "with the error for the overlay")
        }
        try original.write(to: file, atomically: true, encoding: .utf8)
        await server.build(events: events, log: { _ in })
        #expect(await events.errors.isEmpty)
    }
}

@Suite("Previewing: events")
struct PreviewEventsTests {
    @Test("pages are told to reload, to swap stylesheets, or what went wrong")
    func events() async throws {
        let events = PreviewEvents()
        let stream = await events.listen()
        var iterator = stream.makeAsyncIterator()
        await events.built(changed: ["assets/style.css"], errors: [])
        #expect(await iterator.next() == .stylesheets)
        await events.built(changed: ["index.html", "statements/a/index.html"], errors: [])
        #expect(await iterator.next() == .reload(["index.html", "statements/a/index.html"]), "only the pages that changed")
        await events.built(changed: ["assets/style.css", "index.html"], errors: [])
        #expect(await iterator.next() == .reload([]), "a stylesheet and a page: every page")
        await events.built(changed: ["assets/search.js"], errors: [])
        #expect(await iterator.next() == .reload([]), "a script: every page")
        let many = (0...PreviewEvents.namedPagesLimit).map { "statements/\($0)/index.html" }
        await events.built(changed: many, errors: [])
        #expect(await iterator.next() == .reload([]), "too many to name: every page")
        await events.built(changed: [], errors: [])
        await events.built(changed: [], errors: ["a.md:1:1: error: x"])
        #expect(await iterator.next() == .errors(["a.md:1:1: error: x"]))
        await events.built(changed: [], errors: [])
        #expect(await iterator.next() == .reload([]), "fixed: the overlay goes with a reload")
        await events.finish()
        #expect(await iterator.next() == nil)
        #expect(PreviewEvents.Event.errors(["x"]).message == "event: errors\ndata: [\"x\"]\n\n")
        #expect(PreviewEvents.Event.built.message == "event: built\ndata: \n\n")
        #expect(PreviewEvents.Event.reload(["statements/a/index.html"]).message == "event: reload\ndata: [\"statements/a/index.html\"]\n\n")
    }
}
