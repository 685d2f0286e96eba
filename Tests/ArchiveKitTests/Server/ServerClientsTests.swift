import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ArchiveKit

#if canImport(Glibc)
import Glibc
#endif

/// The preview server on a real socket, with clients that misbehave: one that sends its request a
/// few bytes at a time, clients that hang up mid-response, and a burst of connections at once.
@Suite("Previewing: slow and vanishing clients")
struct ServerClientsTests {
    @Test("a slow client, clients that vanish mid-response and a burst of connections leave the server answering")
    func misbehavingClients() async throws {
        let (server, events) = try await PreviewServerTests.preview()
        try await PreviewServerTests.application(server, events).test(.live) { client in
            let port = try #require(client.port)
            let request = "GET /statements/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
            async let slow = Self.onThread { try RawClient(port: port).slowly(send: request, every: .milliseconds(20)) }

            // While the slow client trickles in, others are answered at once.
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)

            // Clients that read the first bytes of a page and reset the connection.
            try await Self.onThread {
                for _ in 0..<100 { try RawClient(port: port).vanish(after: request) }
            }

            // A burst of connections at once.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for number in 0..<200 {
                    group.addTask {
                        let path = ["/assets/style.css", "/statements/", "/no/such/page/"][number % 3]
                        return try await client.execute(uri: path, method: .get).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 134)
            #expect(statuses.filter { $0 == .notFound }.count == 66)

            let answer = try await slow
            #expect(answer.hasPrefix("HTTP/1.1 200 OK"), "the slow client is answered in full")
            #expect(answer.contains("</html>"))
            let after = try await client.execute(uri: "/", method: .get)
            #expect(after.status == .ok, "and the server still answers")
        }
    }

    /// Runs blocking socket work on a thread of its own, off the tasks the server needs.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}

/// A client on a plain blocking socket, for what an HTTP library would never do.
private struct RawClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(description: "connect: \(errno)")
        }
    }

    private func send(_ bytes: some Collection<UInt8>) throws {
        let array = Array(bytes)
        let sent = array.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == array.count else { throw Failure(description: "send: \(errno)") }
    }

    /// Sends the request four bytes at a time, then reads the whole answer.
    func slowly(send request: String, every pause: Duration) throws -> String {
        defer { close(socket) }
        let bytes = Array(request.utf8)
        for start in stride(from: 0, to: bytes.count, by: 4) {
            try send(bytes[start..<min(start + 4, bytes.count)])
            Thread.sleep(forTimeInterval: Double(pause.components.attoseconds) / 1e18)
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            answer += buffer[..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// Sends the request, reads the first bytes of the answer and resets the connection.
    func vanish(after request: String) throws {
        try send(request.utf8)
        var buffer = [UInt8](repeating: 0, count: 64)
        _ = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(socket, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(socket)
    }
}
