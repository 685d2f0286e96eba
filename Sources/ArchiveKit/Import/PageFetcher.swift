import AsyncHTTPClient
import Foundation
import NIOCore

/// Fetches a page for `archive import https://…`: follows up to five redirects, gives up after a
/// time limit, names itself politely, and accepts only pages (HTML, XHTML or plain text).
public struct PageFetcher: Sendable {
    /// A page as it was received.
    public struct Page: Sendable {
        /// The address the bytes came from, after redirects.
        public var url: URL
        /// The bytes, exactly as received.
        public var data: Data
        /// The `Content-Type` header, when there was one.
        public var contentType: String?
        /// When the page was received.
        public var captured: Date

        /// Whether the server said this is HTML rather than plain text.
        public var isHTML: Bool {
            guard let contentType = contentType?.lowercased() else { return true }
            return contentType.contains("html")
        }
    }

    /// Why a page could not be fetched.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case invalidAddress(String)
        case status(Int, String, url: String)
        case notAPage(String, url: String)
        case tooLarge(url: String)
        case timedOut(url: String, seconds: Int)
        case network(String, url: String)

        public var description: String {
            switch self {
            case .invalidAddress(let address):
                return "'\(address)' is not an http or https address"
            case .status(let code, let reason, let url):
                return "\(url) answered \(code) \(reason); check the address, or save the page from a browser and import the file"
            case .notAPage(let type, let url):
                return "\(url) is \(type), not a web page; only HTML and plain text can be imported"
            case .tooLarge(let url):
                return "\(url) is larger than \(PageFetcher.maximumBytes / 1_000_000) MB; save the page and import the file"
            case .timedOut(let url, let seconds):
                return "\(url) did not answer within \(seconds) s; try again later, or save the page and import the file"
            case .network(let reason, let url):
                return "cannot fetch \(url): \(reason)"
            }
        }
    }

    /// How `archive` names itself to servers.
    public static let userAgent = "archive-import/1.0 (static site generator for solidarity archives; one request per page)"
    /// The largest page accepted.
    public static let maximumBytes = 20_000_000

    /// How long a whole fetch may take.
    public var timeout: Duration

    /// A fetcher that gives up after `timeout`.
    public init(timeout: Duration = .seconds(30)) {
        self.timeout = timeout
    }

    /// Fetches `address`.
    public func fetch(_ address: String) async throws(Failure) -> Page {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil
        else { throw .invalidAddress(address) }
        let seconds = Int(timeout.components.seconds)
        let milliseconds = Int64(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.timeout = .init(connect: .milliseconds(min(milliseconds, 10_000)), read: .milliseconds(milliseconds))
        configuration.decompression = .enabled(limit: .size(Self.maximumBytes))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let page = try await fetch(url, client: client, milliseconds: milliseconds, seconds: seconds)
            try? await client.shutdown()
            return page
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func fetch(_ url: URL, client: HTTPClient, milliseconds: Int64, seconds: Int) async throws(Failure) -> Page {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8")
        request.headers.add(name: "Accept-Language", value: "en, es;q=0.9, *;q=0.5")
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .milliseconds(milliseconds))
            let finalURL = response.url?.absoluteString ?? url.absoluteString
            guard (200..<300).contains(response.status.code) else {
                throw Failure.status(Int(response.status.code), response.status.reasonPhrase, url: finalURL)
            }
            let type = response.headers.first(name: "Content-Type")
            if let type, !Self.isPage(type) {
                throw Failure.notAPage(type.split(separator: ";")[0].trimmingCharacters(in: .whitespaces), url: finalURL)
            }
            do {
                body = try await response.body.collect(upTo: Self.maximumBytes)
            } catch is NIOTooManyBytesError {
                throw Failure.tooLarge(url: finalURL)
            }
        } catch let failure as Failure {
            throw failure
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout
            || error == .connectTimeout
        {
            throw .timedOut(url: url.absoluteString, seconds: seconds)
        } catch {
            throw .network(Self.describe(error), url: url.absoluteString)
        }
        return Page(
            url: response.url ?? url, data: Data(body.readableBytesView),
            contentType: response.headers.first(name: "Content-Type"), captured: Date())
    }

    static func isPage(_ contentType: String) -> Bool {
        let type = contentType.lowercased().split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
        return ["text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml"].contains(type)
    }

    private static func describe(_ error: Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .remoteConnectionClosed: return "the server closed the connection"
            case .redirectLimitReached: return "too many redirects (more than 5)"
            case .redirectCycleDetected: return "the redirects go round in a circle"
            case .cancelled: return "cancelled"
            default: return String(describing: error)
            }
        }
        return String(describing: error)
    }
}
