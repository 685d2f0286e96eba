import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `archive serve`: builds the archive into a preview folder, serves it over HTTP, rebuilds when a
/// source changes, and tells open pages to reload.
///
/// The preview is built into `.archive-cache/preview/`, with the incremental builds of `archive
/// build`, so that `site/` is never touched by serving (a draft previewed with `--drafts` never
/// lands there). A build that fails leaves the last good preview served, and its errors are shown
/// in the terminal and over every open page until a build succeeds.
public struct PreviewServer: Sendable {
    /// Why the server could not start.
    public enum Failure: Error, CustomStringConvertible {
        /// The port is taken by another program.
        case portInUse(host: String, port: Int)
        /// Another `archive serve` previews the same archive: both would build into one folder.
        case alreadyServing(lock: String)
        /// The preview's lock cannot be made.
        case cannotLock(path: String, reason: String)

        public var description: String {
            switch self {
            case .portInUse(let host, let port):
                return "\(host):\(port) is already in use; stop what is using it, or choose another port with --port (--port 0 picks a free one)"
            case .alreadyServing(let lock):
                return "another archive serve is already previewing this archive (it holds \(lock)); stop it first, or preview a copy of the archive"
            case .cannotLock(let path, let reason):
                return "\(path): cannot lock the preview: \(reason)"
            }
        }
    }

    /// Held while a server runs: `.archive-cache/preview.lock`, locked with `flock`, which the
    /// system lets go when the process ends however it ends. Two servers on one archive would each
    /// build into the other's preview folder.
    final class Lock: Sendable {
        private let descriptor: Int32

        /// Locks the preview of the archive at `root`, or says why it cannot.
        init(root: URL) throws(Failure) {
            let path = BuildCache.folder(root: root).appendingPathComponent("preview.lock").path
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .cannotLock(path: path, reason: String(cString: strerror(errno))) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let reason = errno
                close(descriptor)
                if reason == EWOULDBLOCK { throw .alreadyServing(lock: path) }
                throw .cannotLock(path: path, reason: String(cString: strerror(reason)))
            }
        }

        deinit { close(descriptor) }
    }

    /// The archive's root folder.
    public var root: URL
    /// The address to listen on; loopback unless asked otherwise.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// Whether drafts are shown.
    public var includeDrafts: Bool
    /// Whether each build's phase times are printed.
    public var showTimings = false
    /// How long the sources must be quiet before a rebuild: a burst of saves gives one build.
    public var quietPeriod: Duration = .milliseconds(60)

    /// A server for the archive at `root`.
    public init(root: URL, host: String = "127.0.0.1", port: Int = 8000, includeDrafts: Bool = false) {
        self.root = root.standardizedFileURL
        self.host = host
        self.port = port
        self.includeDrafts = includeDrafts
    }

    /// Where the preview is built.
    public var output: URL {
        root.appendingPathComponent(BuildCache.folderName).appendingPathComponent("preview")
    }

    /// Builds, serves until interrupted (Ctrl-C or SIGTERM), and rebuilds on changes. `ready` gets
    /// the address once the server listens; `log` each line for the terminal.
    public func run(
        ready: @escaping @Sendable (URL) async -> Void, log: @escaping @Sendable (String) -> Void
    ) async throws {
        let lock = try Lock(root: root)
        defer { withExtendedLifetime(lock) {} }
        let events = PreviewEvents()
        let memory = BuildCache.Memory()
        await build(events: events, memory: memory, log: log)
        let builder = Rebuilder(server: self, events: events, memory: memory, log: log)
        var logger = Logger(label: "archive.serve")
        logger.logLevel = .error
        let host = self.host
        let app = Application(
            responder: responder(events: events),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: [builder],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                await ready(URL(string: "http://\(shown):\(port)/")!)
            },
            logger: logger)
        do {
            try await app.runService()
        } catch {
            if Self.isAddressInUse(error) { throw Failure.portInUse(host: host, port: port) }
            throw error
        }
    }

    /// Whether an error, however wrapped, is a bind that failed because the address is taken.
    private static func isAddressInUse(_ error: any Error) -> Bool {
        if let error = error as? IOError, error.errnoCode == EADDRINUSE { return true }
        let text = String(describing: error)
        return text.contains("Address already in use") || text.contains("EADDRINUSE") || text.contains("errno: 98")
    }

    /// Builds the preview once, and tells open pages what changed, as soon as the pages are
    /// written (the search index follows), or what went wrong.
    func build(events: PreviewEvents, memory: BuildCache.Memory? = nil, log: @Sendable (String) -> Void) async {
        var build = SiteBuild(root: root, output: output, includeDrafts: includeDrafts)
        build.memory = memory
        build.pagesWritten = { changed in
            // Delivered before the build goes on, so that no later message overtakes it.
            let delivered = DispatchSemaphore(value: 0)
            Task {
                await events.built(changed: changed, errors: [])
                delivered.signal()
            }
            delivered.wait()
        }
        let frozen = build
        let clock = ContinuousClock()
        let start = clock.now
        // Builds use every core through Dispatch; they run off the server's threads, on a thread of
        // their own, since they wait for their background work (see `Background`).
        let result: Result<SiteBuild.Report, any Error> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { try frozen.run() }) }.start()
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch result {
        case .success(let report):
            for warning in report.summary.warnings { log(warning.description) }
            let wasBroken = !(await events.errors).isEmpty
            if !report.changed.isEmpty || wasBroken {
                log(String(format: "Built in %.2f s: %d written, %d removed.", seconds, report.written, report.removed))
            }
            if showTimings { log(report.timings.report) }
            // A build with nothing to write after a broken one still takes the errors away.
            await events.built(changed: [], errors: [])
        case .failure(let error):
            let lines = (error as? ContentErrors)?.errors.map(\.description) ?? ["error: \(error)"]
            for line in lines { log(line) }
            log("\(lines.count) error(s); still serving the last good site.")
            await events.built(changed: [], errors: lines)
        }
        await events.buildFinished()
    }

    // MARK: - Responses

    /// Answers every request: the event stream, or a file of the preview.
    func responder(events: PreviewEvents) -> CallbackResponder<BasicRequestContext> {
        let files = PreviewFiles(folder: output)
        return CallbackResponder { request, _ in
            guard request.method == .get || request.method == .head else {
                return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
            }
            if request.uri.path == PreviewScript.eventsPath {
                return await eventStream(events)
            }
            return await respond(to: request, files: files, events: events)
        }
    }

    private func eventStream(_ events: PreviewEvents) async -> Response {
        let stream = await events.listen()
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            // Ends when the events end: at shutdown, which must not wait for open pages.
            try await withGracefulShutdownHandler {
                for await event in stream {
                    try await writer.write(ByteBuffer(string: event.message))
                }
            } onGracefulShutdown: {
                Task { await events.finish() }
            }
            try await writer.finish(nil)
        })
    }

    private func respond(to request: Request, files: PreviewFiles, events: PreviewEvents) async -> Response {
        let head = request.method == .head
        switch files.resolve(request.uri.path) {
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location, .cacheControl: "no-cache"])
        case .forbidden:
            return Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: head ? .init() : .init(byteBuffer: ByteBuffer(string: "Forbidden: outside the site.\n")))
        case .notFound:
            let page = output.appendingPathComponent("404.html")
            let errors = await events.errors
            var body = FileManager.default.contents(atPath: page.path)
                ?? Data("<!doctype html><title>Not found</title><body><h1>Not found</h1></body>".utf8)
            // The site's own 404 page links relative to its root, which is the server's root here.
            if let headEnd = body.range(of: Data("<head>".utf8)) {
                body.replaceSubrange(headEnd.upperBound..<headEnd.upperBound, with: Data("<base href=\"/\">".utf8))
            }
            body = PreviewScript.inject(into: body, errors: errors)
            return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                            body: head ? .init() : .init(byteBuffer: ByteBuffer(data: body)))
        case .file(let url, let contentType):
            guard var body = FileManager.default.contents(atPath: url.path) else {
                return Response(status: .notFound)
            }
            var info = stat()
            stat(url.path, &info)
            var tag = "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            let isPage = contentType.hasPrefix("text/html") && !url.path.hasPrefix(output.appendingPathComponent("sources").path + "/")
            if isPage {
                let (errors, version) = (await events.errors, await events.errorsVersion)
                body = PreviewScript.inject(into: body, errors: errors)
                tag += "-e\(version)"
            }
            let etag = "\"\(tag)\""
            var headers: HTTPFields = [.contentType: contentType, .eTag: etag, .cacheControl: "no-cache"]
            if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*"
            }) {
                return Response(status: .notModified, headers: headers)
            }
            headers[.contentLength] = String(body.count)
            return Response(status: .ok, headers: headers, body: head ? .init() : .init(byteBuffer: ByteBuffer(data: body)))
        }
    }
}

/// Rebuilds the preview after each burst of changes, for as long as the server runs; at shutdown
/// it stops watching and ends every open event stream.
private struct Rebuilder: Service {
    let server: PreviewServer
    let events: PreviewEvents
    let memory: BuildCache.Memory
    let log: @Sendable (String) -> Void

    func run() async throws {
        let watcher = SourceWatcher(root: server.root)
        let changes = watcher.changes()
        await withGracefulShutdownHandler {
            var built = watcher.changeCount
            for await _ in changes {
                // A signal left over from changes the last build already saw.
                if watcher.changeCount == built { continue }
                // Wait for the sources to be quiet: an editor's save, or a checkout, is many events.
                var seen = watcher.changeCount
                while true {
                    try? await Task.sleep(for: server.quietPeriod)
                    if watcher.changeCount == seen { break }
                    seen = watcher.changeCount
                }
                built = seen
                await server.build(events: events, memory: memory, log: log)
            }
            // Changes end at shutdown, or if the kernel stops answering the watcher: the last
            // site is served until the server is stopped either way.
            try? await gracefulShutdown()
        } onGracefulShutdown: {
            watcher.stop()
            Task { await events.finish() }
        }
    }
}
