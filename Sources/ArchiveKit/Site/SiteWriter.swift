import Foundation

/// Writes a built site so that the output folder is always whole: the files go to a staging folder
/// beside it, which then takes the old folder's place. A failed write leaves the old site untouched,
/// and nothing stale survives a build.
public struct SiteWriter: Sendable {
    /// Why the output folder was not replaced.
    public enum Failure: Error, CustomStringConvertible {
        /// The output folder would contain, or be, the archive's own sources.
        case outputContainsSources(String)
        /// The output folder holds files but no `index.html`: it was not made by `archive build`.
        case notABuiltSite(String)
        /// A file or folder could not be written.
        case io(String, underlying: String)

        public var description: String {
            switch self {
            case .outputContainsSources(let path):
                return "\(path): refusing to write the site here, it holds the archive's sources; choose another --output"
            case .notABuiltSite(let path):
                return "\(path): refusing to replace a folder that is not empty and has no index.html; empty it or choose another --output"
            case .io(let path, let underlying):
                return "\(path): cannot write: \(underlying)"
            }
        }
    }

    /// The folder the site goes to.
    public let output: URL
    /// The archive's root, which the output must not contain.
    public let root: URL
    /// Where written files are counted, for a progress display.
    var progress: BuildProgress?

    /// A writer for `output`.
    public init(output: URL, root: URL) {
        self.output = output.standardizedFileURL
        self.root = root.standardizedFileURL
    }

    /// What was written, by path inside the output folder.
    typealias Written = [String: BuildCache.WrittenFile]

    /// Writes every file, then swaps the new site in.
    public func write(_ files: [OutputFile]) throws {
        try write(files, then: { [] })
    }

    /// Files made one at a time, each written as soon as it is made and then let go, so that they
    /// are never all held at once.
    struct Made: Sendable {
        /// Each file's path, known before it is made, in the order of `make`'s numbers.
        var paths: [String]
        /// Makes the file at `paths[number]`, on any core.
        var make: @Sendable (_ number: Int) -> Result<OutputFile, ContentError>
    }

    /// Writes `files`, then the files `more` gives, then swaps the new site in: `more` may still be
    /// making its files while the first ones are written.
    @discardableResult
    func write(_ files: [OutputFile], then more: () -> [OutputFile]) throws -> Written {
        let staging = try stage()
        do {
            try staging.write(files)
            try staging.write(more())
        } catch {
            staging.discard()
            throw error
        }
        return try commit(staging)
    }

    /// A new staging folder beside the output, for a whole site to be written into.
    func stage() throws -> Staging {
        try checkOutputIsReplaceable()
        let parent = output.deletingLastPathComponent()
        let token = Self.newToken()
        let staging = Staging(
            folder: beside("building", token), retired: beside("previous", token), progress: progress)
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: staging.folder, withIntermediateDirectories: false)
        } catch {
            throw Failure.io(parent.path, underlying: error.localizedDescription)
        }
        return staging
    }

    /// Puts the site written into `staging` in the output's place, and removes the site it replaces.
    /// If it cannot, the staging folder is removed and the output is left as it was.
    @discardableResult
    func commit(_ staging: Staging) throws -> Written {
        let manager = FileManager.default
        if let failure = staging.failure {
            staging.discard()
            throw failure
        }
        let retired = staging.retired
        do {
            if manager.fileExists(atPath: output.path) {
                try manager.moveItem(at: output, to: retired)
            }
            try manager.moveItem(at: staging.folder, to: output)
        } catch {
            staging.discard()
            if !manager.fileExists(atPath: output.path), manager.fileExists(atPath: retired.path) {
                try? manager.moveItem(at: retired, to: output)
            }
            throw Failure.io(output.path, underlying: error.localizedDescription)
        }
        Self.remove(retired)
        return staging.written
    }

    /// A new folder beside the output, for the files that will replace or add to the site in it:
    /// a site written before is brought up to date in place by adding files to it, then `commit`.
    func replacements() throws -> Replacements {
        try checkOutputIsReplaceable(requiringIndex: false)
        let folder = beside("building", Self.newToken())
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            throw Failure.io(output.deletingLastPathComponent().path, underlying: error.localizedDescription)
        }
        return Replacements(folder: folder, progress: progress)
    }

    /// What names the folders of one write beside the output, and no other write's.
    private static func newToken() -> String {
        "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// The hidden folder beside the output that a write named by `token` uses for `purpose`.
    private func beside(_ purpose: String, _ token: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(purpose)-\(token)")
    }

    /// Moves the files written into `replacements` into place, each replacing its old version in
    /// one rename, then removes the files at `removed`, with the folders they leave empty. If a
    /// file could not be written, nothing is moved and the site is left as it was.
    func commit(_ replacements: Replacements, removing removed: [String]) throws -> Written {
        defer { replacements.discard() }
        let (paths, written) = try replacements.finished()
        var folders: Set<String> = [""]
        try Self.createFolders(for: paths, in: output.path, existing: &folders)
        for (number, path) in paths.enumerated() {
            let from = Self.path(String(number), in: replacements.folder)
            let to = Self.path(path, in: output)
            guard rename(from, to) == 0 else { throw Failure.io(to, underlying: String(cString: strerror(errno))) }
        }
        var emptied: Set<String> = []
        for path in removed {
            unlink(Self.path(path, in: output))
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                emptied.insert(String(folder))
            }
        }
        // Deepest first; a folder that still holds something stays.
        for folder in emptied.sorted(by: { $0.count > $1.count }) {
            rmdir(Self.path(folder, in: output))
        }
        return written
    }

    /// Files that will replace or add to a site written before, written into a folder beside it
    /// from any number of threads at once, each as soon as it is made, so that they are never all
    /// held at once; `SiteWriter.commit(_:removing:)` moves them into place.
    final class Replacements: @unchecked Sendable {
        /// The folder, which holds the files under numbers: no folders are needed until they move.
        let folder: URL
        private let progress: BuildProgress?
        private let lock = NSLock()
        // Guarded by `lock`: the path of each file by its number, what was written, and why a
        // file could not be.
        private var paths: [String] = []
        private var written: Written = [:]
        private var firstFailure: Failure?

        fileprivate init(folder: URL, progress: BuildProgress?) {
            (self.folder, self.progress) = (folder, progress)
        }

        /// Writes `file` into the folder; `digest` is its digest, if known. A failure is thrown
        /// when the files are committed.
        func add(_ file: OutputFile, digest: String? = nil) {
            let number = lock.withLock {
                paths.append(file.path)
                return paths.count - 1
            }
            progress?.add(.write, 1)
            defer { progress?.advance(.write) }
            let result = SiteWriter.create(SiteWriter.path(String(number), in: folder), with: file, digest: digest)
            lock.withLock {
                switch result {
                case .success(let made): written[file.path] = made
                case .failure(let failure): firstFailure = firstFailure ?? failure
                }
            }
        }

        /// The path of each file by its number, and what was written; throws why a file could not be.
        fileprivate func finished() throws -> (paths: [String], written: Written) {
            try lock.withLock {
                if let firstFailure { throw firstFailure }
                return (paths, written)
            }
        }

        /// Removes the folder and whatever is still in it.
        func discard() {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Removes a previous site, the entries two levels down in parallel (a site's bulk is thousands
    /// of statement folders side by side), then what is left.
    private static func remove(_ folder: URL) {
        let manager = FileManager.default
        guard let top = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        var entries: [String] = []
        for name in top {
            let path = folder.appendingPathComponent(name).path
            let inside = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            entries += inside.isEmpty ? [path] : inside.map { path + "/" + $0 }
        }
        _ = entries.concurrentMap { path in (try? manager.removeItem(atPath: path)) != nil }
        try? manager.removeItem(at: folder)
    }

    /// The file system path of `relative` inside `folder`. Made from the texts, unlike
    /// `appendingPathComponent`, which asks the file system whether the path is a folder: one
    /// more system call for each of the thousands of files a build writes.
    static func path(_ relative: String, in folder: URL) -> String {
        let base = folder.path
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    /// Creates the folders the files at `paths` need, parents before children and each level in parallel, with
    /// plain system calls; `existing` holds the folders (relative paths) already made.
    static func createFolders(for paths: [String], in base: String, existing: inout Set<String>) throws {
        var needed: Set<String> = []
        for path in paths {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard !existing.contains(String(folder)), needed.insert(String(folder)).inserted else { break }
            }
        }
        let levels = Dictionary(grouping: needed) { $0.count { $0 == "/" } }
        for depth in levels.keys.sorted() {
            let failures = levels[depth]!.sorted().concurrentMap { folder -> Failure? in
                let path = base + "/" + folder
                guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
                    return .io(path, underlying: String(cString: strerror(errno)))
                }
                return nil
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        }
        existing.formUnion(needed)
    }

    /// Writes a new file with plain system calls. `Data.write(to:)` flushes each file to the disk
    /// before it returns, which for thousands of small files costs more than rendering them; the
    /// site is derived from the sources and rebuilt by one command, so it is left to the system to flush.
    ///
    /// Returns the file's digest (`digest`, if known), size and modification time, for the build
    /// cache. A spliced file's digest is not made, since its bytes are not all in memory: it is
    /// left empty, and the next build compares the file's bytes instead.
    static func create(
        _ path: String, with file: OutputFile, digest: String? = nil
    ) -> Result<BuildCache.WrittenFile, Failure> {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return .failure(.io(path, underlying: String(cString: strerror(errno)))) }
        var failure: Failure?
        if let splice = file.splice {
            failure = write(splice, of: file.contents, to: descriptor).map { .io(path, underlying: $0) }
        } else {
            failure = file.contents.withUnsafeBytes { write($0, to: descriptor) }.map { .io(path, underlying: $0) }
        }
        var info = stat()
        if failure == nil, fstat(descriptor, &info) != 0 {
            failure = .io(path, underlying: String(cString: strerror(errno)))
        }
        if close(descriptor) != 0, failure == nil {
            failure = .io(path, underlying: String(cString: strerror(errno)))
        }
        if let failure { return .failure(failure) }
        let known = digest ?? (file.splice == nil ? BuildCache.digest(file.contents) : "")
        return .success(BuildCache.WrittenFile(digest: known, info: info))
    }

    /// Replacing the output folder must never delete anything but a previous build.
    /// A folder the previous build's record lists as its own is known to be a site even without
    /// `index.html`, so `requiringIndex` is false when updating one.
    private func checkOutputIsReplaceable(requiringIndex: Bool = true) throws {
        let out = output.path.hasSuffix("/") ? output.path : output.path + "/"
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        if rootPath.hasPrefix(out) {
            throw Failure.outputContainsSources(output.path)
        }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Failure.notABuiltSite(output.path) }
        let contents = (try? manager.contentsOfDirectory(atPath: output.path)) ?? []
        if requiringIndex, !contents.isEmpty, !contents.contains("index.html") {
            throw Failure.notABuiltSite(output.path)
        }
    }
}
