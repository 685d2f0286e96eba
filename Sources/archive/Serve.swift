import ArchiveKit
import ArgumentParser
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site, rebuilding it and reloading open pages as you edit.",
        discussion: """
            Builds the archive into .archive-cache/preview/ (site/ is left as it is; one server at a \
            time per archive), serves it, and \
            watches content/, theme/, seeds/ and archive.yml: a burst of saves gives one incremental \
            rebuild, after which open pages reload (a stylesheet change is swapped in without a \
            reload). If a build fails, its errors are printed here and shown over the open pages, \
            and the last good site stays served. Ctrl-C stops the server.
            """
    )

    @Option(name: .long, help: "The archive's root folder.", completion: .directory)
    var root: String = "."

    @Option(name: .long, help: "The address to listen on; 0.0.0.0 makes the preview reachable from other machines.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on; 0 picks a free one.")
    var port: Int = 8000

    @Flag(name: .long, help: "Show statements marked 'draft: true' too.")
    var drafts = false

    @Flag(name: .long, help: "Open the preview in the default browser.")
    var open = false

    @Flag(name: .shortAndLong, help: "Print how long each phase of every build took.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        FreedMemory.returnEarly()
        var server = PreviewServer(
            root: URL(fileURLWithPath: root), host: host, port: port, includeDrafts: drafts)
        server.showTimings = verbose
        let open = self.open
        do {
            try await server.run(
                ready: { url in
                    Self.say("Serving \(url.absoluteString) (Ctrl-C to stop)")
                    if open { Self.openInBrowser(url) }
                },
                log: { line in Self.say(line) })
        } catch let failure as PreviewServer.Failure {
            Console.printErrors(["error: \(failure)"])
            throw ExitCode.failure
        }
        Self.say("Stopped.")
    }

    /// Writes a line to standard output at once, unbuffered, so that it is seen as it happens.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func openInBrowser(_ url: URL) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open"]
        #endif
        process.arguments = (process.arguments ?? []) + [url.absoluteString]
        try? process.run()
    }
}
