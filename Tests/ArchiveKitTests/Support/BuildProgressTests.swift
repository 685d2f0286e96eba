import Foundation
import Testing
@testable import ArchiveKit

@Suite("Showing a build's progress")
struct BuildProgressTests {
    @Test("counts each step from any thread, and draws the line with totals")
    func counts() {
        let progress = BuildProgress { _ in }
        progress.begin(.read, total: 1000)
        _ = Array(0..<1000).concurrentMap { _ in progress.advance(.read) }
        progress.begin(.render, total: 12)
        for _ in 0..<5 { progress.advance(.render) }
        #expect(progress.line.hasPrefix("files read 1000 of 1000 · pages rendered 5 of 12 · "))
        #expect(progress.line.hasSuffix(" s"))
    }

    @Test("a build reports every file it reads, renders and writes")
    func build() throws {
        let root = try makeArchive([
            "archive.yml": "title: T\n",
            "content/statements/a.md": "---\ntitle: A\n---\nText.\n",
            "content/statements/b.md": "---\ntitle: B\n---\nText.\n",
        ])
        let lines = Lines()
        var build = SiteBuild(root: root)
        let progress = BuildProgress { line in lines.append(line) }
        build.progress = progress
        let report = try build.run()
        progress.finish()
        #expect(progress.line.contains("files read 2 of 2"))
        #expect(progress.line.contains("files written \(report.fileCount) of \(report.fileCount)"))
        #expect(lines.last == "")

        // Brought up to date, it counts the files it writes again, whichever step writes them.
        try "---\ntitle: A, corrected\n---\nText.\n".write(
            to: root.appendingPathComponent("content/statements/a.md"), atomically: true, encoding: .utf8)
        var again = SiteBuild(root: root)
        let updating = BuildProgress { _ in }
        again.progress = updating
        let updated = try again.run()
        #expect(updated.written > 0 && updated.written < updated.fileCount)
        #expect(updating.line.contains("files written \(updated.written) of \(updated.written)"))
        #expect(lines.count < 50, "redrawn when due, not for every file")
    }
}

/// Lines drawn, from whichever thread draws them.
private final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var last: String? { lock.withLock { lines.last } }
    var count: Int { lock.withLock { lines.count } }
}
