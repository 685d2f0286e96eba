import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import ArchiveKit

/// `archive serve` as a user runs it: a process on a copy of the archive, its event stream, an edit,
/// a broken file, a port already taken, and Ctrl-C.
@Suite("Previewing: archive serve", .serialized)
struct ServeCommandTests {
    @Test("an edit reloads open pages with the change; a broken file shows its error while the old pages are served")
    func editAndBreak() async throws {
        let root = try temporaryFolder()
        for item in ["archive.yml", "theme", "seeds", "content", "site"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let siteBefore = snapshot(of: root.appendingPathComponent("site"))
        let serve = try ServeProcess(arguments: ["serve", "--root", root.path, "--port", "0"])
        defer { serve.interrupt() }
        let address = try await serve.address()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let stream = EventStreamReader()
        let listening = Task { try await stream.read(address + "_archive/events", client: client) }
        defer { listening.cancel() }
        try await stream.wait(for: ": connected")

        let file = root.appendingPathComponent("content/statements/hands-off-peru.md")
        let original = try String(contentsOf: file, encoding: .utf8)
        try original.replacingOccurrences(of: "title: Hands off Peru!", with: "title: Hands off Peru, now!")
            .write(to: file, atomically: true, encoding: .utf8)
        try await stream.wait(for: "event: reload")
        let edited = try await get(address + "statements/hands-off-peru/", client: client)
        #expect(edited.contains("<h1>Hands off Peru, now!</h1>"))

        try original.replacingOccurrences(of: "title: Hands off Peru!", with: "title: [Hands off")
            .write(to: file, atomically: true, encoding: .utf8)
        try await stream.wait(for: "event: errors")
        #expect(stream.text.contains("content/statements/hands-off-peru.md:"))
        let stillServed = try await get(address + "statements/hands-off-peru/", client: client)
        #expect(stillServed.contains("<h1>Hands off Peru, now!</h1>"), "the last good page")
        #expect(stillServed.contains("invalid YAML"), "with the error for the overlay")
        #expect(serve.output.contains("content/statements/hands-off-peru.md:"), "and in the terminal")
        if let overlay = try browserDOM(address + "statements/hands-off-peru/") {
            #expect(overlay.contains("id=\"archive-preview-errors\""), "a browser shows the errors over the page")
            #expect(overlay.contains("hands-off-peru.md:"))
            #expect(overlay.contains("<h1>Hands off Peru, now!</h1>"))
        }

        // A burst of saves gives one build.
        let builds = serve.output.components(separatedBy: "\n").count { $0.hasPrefix("Built in") }
        for number in 1...5 {
            try original.replacingOccurrences(of: "title: Hands off Peru!", with: "title: Burst \(number)")
                .write(to: file, atomically: true, encoding: .utf8)
        }
        try await stream.wait(for: "event: reload")
        try await stream.wait(for: "event: built")
        #expect(serve.output.components(separatedBy: "\n").count { $0.hasPrefix("Built in") } == builds + 1)
        #expect(try await get(address + "statements/hands-off-peru/", client: client).contains("<h1>Burst 5</h1>"))

        // Another server on the same archive is refused before it builds anything, and one on
        // the same port is refused, each with a clear message.
        let preview = snapshot(of: root.appendingPathComponent(".archive-cache/preview"))
        let second = try ServeProcess(arguments: ["serve", "--root", root.path, "--port", "0"])
        #expect(second.waitForExit(seconds: 60) == 1)
        #expect(second.errors.contains("already previewing this archive"), "\(second.errors)")
        #expect(snapshot(of: root.appendingPathComponent(".archive-cache/preview")) == preview)
        let copy = try temporaryFolder()
        for item in ["archive.yml", "theme", "seeds", "content"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
        let port = try #require(URL(string: address)?.port)
        let third = try ServeProcess(arguments: ["serve", "--root", copy.path, "--port", String(port)])
        #expect(third.waitForExit(seconds: 60) == 1)
        #expect(third.errors.contains("already in use"), "\(third.errors)")

        serve.interrupt()
        #expect(serve.waitForExit(seconds: 20) == 0, "Ctrl-C stops the server, open event streams and all")
        listening.cancel()
        try await client.shutdown()
        #expect(snapshot(of: root.appendingPathComponent("site")) == siteBefore, "serving leaves site/ as it was")
    }

    private func get(_ address: String, client: HTTPClient) async throws -> String {
        let response = try await client.execute(HTTPClientRequest(url: address), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 10_000_000)
        return String(buffer: body)
    }

    /// The page's DOM after its scripts ran in headless Chromium; `nil` where there is none and
    /// `ARCHIVE_BROWSER_TESTS=0` says so.
    private func browserDOM(_ address: String) throws -> String? {
        let browser = ["chromium", "chromium-browser", "google-chrome"].map { "/usr/bin/" + $0 }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        if ProcessInfo.processInfo.environment["ARCHIVE_BROWSER_TESTS"] == "0" { return nil }
        let path = try #require(browser, "Chromium is not installed: run script/bootstrap, or set ARCHIVE_BROWSER_TESTS=0")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--timeout=3000",
            "--dump-dom", address,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The page keeps its event stream open; a browser that does not stop is stopped.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        defer { watchdog.cancel() }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private func snapshot(of folder: URL) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: listFiles(in: folder).map {
            ($0, FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) ?? Data())
        })
    }
}

/// The text of an event stream as it arrives.
private final class EventStreamReader: @unchecked Sendable {
    private let lock = NSLock()
    private var received = ""
    private var consumed = 0

    var text: String { lock.withLock { received } }

    func read(_ address: String, client: HTTPClient) async throws {
        let response = try await client.execute(HTTPClientRequest(url: address), timeout: .seconds(600))
        for try await buffer in response.body {
            let chunk = String(buffer: buffer)
            lock.withLock { received += chunk }
        }
    }

    /// Waits until `text` arrives after what earlier waits found.
    func wait(for text: String, seconds: Double = 60) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        // Looks before the clock: while other tests keep every thread busy this task may not run
        // for a long time, and what arrived meanwhile counts.
        while true {
            let found = lock.withLock { () -> Bool in
                let rest = received.utf8.dropFirst(consumed)
                guard let range = String(Substring(rest)).range(of: text) else { return false }
                consumed += String(Substring(rest))[..<range.upperBound].utf8.count
                return true
            }
            if found { return }
            if Date() >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no '\(text)' within \(seconds) s; the stream had: \(self.text)")
        throw CancellationError()
    }
}

/// The `archive` executable, run with arguments, its output collected.
private final class ServeProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var standardOutput = ""
    private var standardError = ""

    var output: String { lock.withLock { standardOutput } }
    var errors: String { lock.withLock { standardError } }

    init(arguments: [String]) throws {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("archive")
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.standardOutput += text }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.standardError += text }
        }
        try process.run()
    }

    /// The address the server prints once it listens.
    func address(seconds: Double = 120) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        // Looks before the clock, as `EventStreamReader.wait` does.
        while true {
            if let match = output.firstMatch(of: /Serving (http:\/\/\S+\/)/) { return String(match.output.1) }
            if !process.isRunning || Date() >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the server did not start: \(output) \(errors)")
        throw CancellationError()
    }

    func interrupt() {
        if process.isRunning { process.interrupt() }
    }

    /// The exit status, or `nil` if the process is still running after `seconds` (it is then killed).
    func waitForExit(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }
}
