import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Tells when anything an archive is built from changes: `content/`, `theme/` and `seeds/` with
/// every folder below them, and `archive.yml`.
///
/// On Linux it listens to the kernel (inotify), adding folders as they are created; elsewhere it
/// compares the files' sizes and modification times twice a second. Either way it only says that
/// something changed: the build finds out what.
final class SourceWatcher: @unchecked Sendable {
    /// The folders watched with everything below them, relative to the root.
    static let folders = ["content", "theme", "seeds"]
    /// Single files watched, relative to the root.
    static let files = ["archive.yml"]

    private let root: URL
    private let lock = NSLock()
    private var stopped = false
    #if os(Linux)
    private var descriptor: Int32 = -1
    private var watched: [Int32: String] = [:]
    #endif

    init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// A signal for each batch of changes, until `stop()`.
    func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        lock.withLock { self.continuation = continuation }
        let thread = Thread { [self] in
            #if os(Linux)
            listen(continuation)
            #else
            scan(continuation)
            #endif
            continuation.finish()
        }
        thread.name = "archive source watcher"
        thread.start()
        return stream
    }

    /// Stops watching; the stream of changes ends at once, and the watching thread within a
    /// quarter of a second.
    func stop() {
        let continuation = lock.withLock {
            stopped = true
            return self.continuation
        }
        continuation?.finish()
    }

    private var continuation: AsyncStream<Void>.Continuation?

    private var isStopped: Bool { lock.withLock { stopped } }

    private var batches = 0

    /// How many batches of changes have been seen so far.
    var changeCount: Int { lock.withLock { batches } }

    private func signal(_ continuation: AsyncStream<Void>.Continuation) {
        lock.withLock { batches += 1 }
        continuation.yield()
    }

    #if os(Linux)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB)

    private func listen(_ continuation: AsyncStream<Void>.Continuation) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return scan(continuation) }
        lock.withLock { self.descriptor = descriptor }
        addWatch(root.path, relative: "")
        for folder in Self.folders { addTree(root.appendingPathComponent(folder).path, relative: folder) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        defer { close(descriptor) }
        while !isStopped {
            // Waits a quarter of a second at most, to notice `stop()`.
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 250)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            guard ready > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            var offset = 0
            var relevant = false
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { bytes -> (Int32, UInt32, Int) in
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(nameStart + length, count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset = nameStart + length
                guard let folder = watched[watch] else { continue }
                if folder.isEmpty {
                    // The root itself: only the settings file, and the watched folders appearing.
                    if Self.files.contains(name) {
                        relevant = true
                    } else if Self.folders.contains(name), mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        addTree(root.appendingPathComponent(name).path, relative: name)
                        relevant = true
                    }
                    continue
                }
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    addTree(root.appendingPathComponent(folder).appendingPathComponent(name).path, relative: folder + "/" + name)
                }
                relevant = true
            }
            if relevant { signal(continuation) }
        }
    }

    private func addTree(_ path: String, relative: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        addWatch(path, relative: relative)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            addTree(path + "/" + name, relative: relative + "/" + name)
        }
    }

    private func addWatch(_ path: String, relative: String) {
        let descriptor = lock.withLock { self.descriptor }
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        if watch >= 0 { watched[watch] = relative }
    }
    #endif

    /// Compares a listing of sizes and modification times twice a second.
    private func scan(_ continuation: AsyncStream<Void>.Continuation) {
        var last = listing()
        while !isStopped {
            Thread.sleep(forTimeInterval: 0.5)
            let now = listing()
            if now != last { signal(continuation) }
            last = now
        }
    }

    private func listing() -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        let manager = FileManager.default
        var paths = Self.files
        for folder in Self.folders {
            let enumerator = manager.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let path = enumerator?.nextObject() as? String { paths.append(folder + "/" + path) }
        }
        for path in paths {
            guard let attributes = try? manager.attributesOfItem(atPath: root.appendingPathComponent(path).path) else { continue }
            let size = (attributes[.size] as? Int) ?? 0
            let modified = (attributes[.modificationDate] as? Date).map { Int($0.timeIntervalSince1970 * 1_000_000) } ?? 0
            result[path] = [size, modified]
        }
        return result
    }
}
