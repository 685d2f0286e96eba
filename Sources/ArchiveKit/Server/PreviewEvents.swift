import Foundation

/// What open pages are told after each rebuild, through Server-Sent Events, and the errors of the
/// last build, which pages show as an overlay until a build succeeds.
actor PreviewEvents {
    /// One message to open pages.
    enum Event: Sendable, Equatable {
        /// Pages changed: the pages at these paths reload, or every page when there are none.
        case reload([String])
        /// Only stylesheets changed: swap them without reloading.
        case stylesheets
        /// The last build failed with these messages (`path:line:column: message`).
        case errors([String])
        /// A build finished, whatever it did: the server is idle again.
        case built

        /// The event as the `text/event-stream` format writes it.
        var message: String {
            switch self {
            case .reload(let paths):
                let data = (try? PreviewScript.encoder.encode(paths)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
                return "event: reload\ndata: \(data)\n\n"
            case .stylesheets: return "event: css\ndata: \n\n"
            case .built: return "event: built\ndata: \n\n"
            case .errors(let lines):
                let data = (try? PreviewScript.encoder.encode(lines)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
                return "event: errors\ndata: \(data)\n\n"
            }
        }
    }

    private var listeners: [UUID: AsyncStream<Event>.Continuation] = [:]
    /// The errors of the last build; empty once a build succeeds.
    private(set) var errors: [String] = []
    /// Counts changes of `errors`, so that a page served with an overlay is not taken from a cache without one.
    private(set) var errorsVersion = 0
    private var isFinished = false

    /// Events from now on, until `finish()`.
    func listen() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(8))
        guard !isFinished else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        if !errors.isEmpty { continuation.yield(.errors(errors)) }
        return stream
    }

    /// How many pages are listening.
    var listenerCount: Int { listeners.count }

    /// Tells every listener what a build did: which files changed, or what went wrong.
    func built(changed: [String], errors newErrors: [String]) {
        if newErrors != errors {
            errors = newErrors
            errorsVersion += 1
            if !newErrors.isEmpty {
                send(.errors(newErrors))
                return
            }
            // Fixed: pages reload, which also takes the overlay away.
            send(.reload([]))
            return
        }
        guard newErrors.isEmpty, !changed.isEmpty else { return }
        if changed.allSatisfy({ $0.hasSuffix(".css") }) {
            send(.stylesheets)
        } else if changed.allSatisfy({ $0.hasSuffix(".html") }), changed.count <= Self.namedPagesLimit {
            // Only the open pages that changed reload.
            send(.reload(changed))
        } else {
            // A script, an image or the words of many pages: everything reloads.
            send(.reload([]))
        }
    }

    /// How many changed pages a reload event names at most; beyond, it names none and every page reloads.
    static let namedPagesLimit = 2_000

    /// Tells every listener that a build is over.
    func buildFinished() {
        send(.built)
    }

    /// Ends every event stream, so that the server can stop.
    func finish() {
        isFinished = true
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }

    private func send(_ event: Event) {
        for listener in listeners.values { listener.yield(event) }
    }

    private func remove(_ id: UUID) {
        listeners[id] = nil
    }
}
