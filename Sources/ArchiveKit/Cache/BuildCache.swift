import Crypto
import Foundation

/// What the previous build read and wrote, so that the next one redoes only what changed.
///
/// Kept in `<root>/.archive-cache/`, beside a `.gitignore` that keeps the folder out of git:
/// `statements.json` holds parsed statements, and `site-<digest of the output path>.json` what was
/// written to each output folder. Everything is keyed by content digests, never by modification
/// times of sources, so a stale or missing cache can only cost time: deleting the folder, or
/// `archive build --clean`, gives the same site. A cache written by another build of the tool, or
/// one that cannot be read, is ignored.
public struct BuildCache: Sendable {
    /// The folder inside the archive.
    public static let folderName = ".archive-cache"

    /// The archive's root folder.
    let root: URL
    /// Parsed statements, by file relative to the root.
    var statements: [String: CachedStatement] = [:]
    /// The site as last written to the output folder, if a build finished.
    var site: WrittenSite?

    /// A statement as the reader gave it, without its body, which is cut from the file again.
    struct CachedStatement: Codable, Sendable {
        /// The digest of the file's bytes.
        var digest: String
        /// The digest of what reading depends on besides the file: vocabularies and settings.
        var readerKey: String
        /// The statement, with an empty body.
        var statement: Statement
        /// Where the body starts in the file, in UTF-8 bytes.
        var bodyOffset: Int
        /// Organisations named without a record, by id.
        var unrecorded: [String: String]
    }

    /// The output folder as the last build left it.
    struct WrittenSite: Codable, Sendable {
        /// The digest of every input together; equal digests mean nothing needs doing.
        var inputs: String
        /// The original captures published, relative to the root.
        var sources: [String]
        /// What the build reported.
        var summary: SiteBuild.Summary
        /// Every file written, by path inside the output folder.
        var files: [String: WrittenFile]
        /// Each page's key (template and values), by path; equal keys give equal bytes.
        var pages: [String: String]
        /// The key of the search index's inputs, and its files' paths.
        var search: String?
        var searchFiles: [String] = []
    }

    /// One written file: its digest, and its size and modification time when written, to notice
    /// files changed or removed by hand.
    struct WrittenFile: Codable, Sendable, Equatable {
        var digest: String
        var size: Int
        var modified: Int64

        init(digest: String, info: stat) {
            self.digest = digest
            size = Int(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        }
    }

    /// One cache file: the tool that wrote it, and its contents.
    private struct Stored<Contents: Codable>: Codable {
        var tool: String
        var contents: Contents
    }

    /// An empty cache for the archive at `root`.
    init(root: URL) {
        self.root = root
    }

    /// What the last build wrote to `output`, if the cache holds it.
    static func site(root: URL, output: URL) -> WrittenSite? {
        read(WrittenSite.self, from: siteFile(root: root, output: output), root: root)
    }

    /// The parsed statements the cache holds.
    static func statements(root: URL) -> [String: CachedStatement] {
        read([String: CachedStatement].self, from: "statements.json", root: root) ?? [:]
    }

    private static func read<Contents: Codable>(_ type: Contents.Type, from name: String, root: URL) -> Contents? {
        let url = root.appendingPathComponent(folderName).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path),
            let stored = try? JSONDecoder().decode(Stored<Contents>.self, from: data), stored.tool == toolIdentity
        else { return nil }
        return stored.contents
    }

    /// Writes the cache atomically; a cache that cannot be written is only a slower next build.
    func save(output: URL, statements saveStatements: Bool = true) {
        let folder = root.appendingPathComponent(Self.folderName)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ignore = folder.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try? Data("# Made by archive build; safe to delete.\n*\n".utf8).write(to: ignore, options: .atomic)
        }
        if saveStatements { write(statements, to: "statements.json") }
        if let site { write(site, to: Self.siteFile(root: root, output: output)) }
    }

    private func write(_ contents: some Codable, to name: String) {
        guard let data = try? JSONEncoder().encode(Stored(tool: Self.toolIdentity, contents: contents)) else { return }
        try? data.write(to: root.appendingPathComponent(Self.folderName).appendingPathComponent(name), options: .atomic)
    }

    private static func siteFile(root: URL, output: URL) -> String {
        "site-" + digest(Array(output.standardizedFileURL.path.utf8)) + ".json"
    }

    /// Removes the cache folder.
    static func remove(root: URL) {
        try? FileManager.default.removeItem(at: root.appendingPathComponent(folderName))
    }

    /// The running executable's size and modification time.
    static let toolIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 else { return "unknown" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    // MARK: - Digests

    /// The hex digest of some bytes: SHA-256 cut to 128 bits, ample for telling versions apart.
    static func digest(_ bytes: some DataProtocol) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(32)
        for byte in SHA256.hash(data: bytes).prefix(16) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digest of several parts, each length-prefixed so that no two lists of parts run together.
    static func digest(_ parts: [String]) -> String {
        var bytes: [UInt8] = []
        for part in parts {
            bytes += String(part.utf8.count).utf8
            bytes.append(0x3A)
            bytes += part.utf8
        }
        return digest(bytes)
    }

    /// Which of the files written before are still there as written: same size and modification
    /// time. A file changed, replaced or removed since is written again.
    static func intact(_ files: [String: WrittenFile], in output: URL) -> Set<String> {
        let paths = Array(files.keys)
        let base = output.path + "/"
        let present = paths.concurrentMap { path -> Bool in
            var info = stat()
            guard stat(base + path, &info) == 0, let file = files[path] else { return false }
            return WrittenFile(digest: file.digest, info: info) == file
        }
        return Set(zip(paths, present).filter(\.1).map(\.0))
    }
}
