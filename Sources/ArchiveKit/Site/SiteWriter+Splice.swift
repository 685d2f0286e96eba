import Foundation

extension SiteWriter {
    /// Writes `buffer` whole to `descriptor`; the system's reason if it cannot.
    static func write(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    /// Writes a spliced file's pieces to `descriptor`: the made ones from `made`, the copied ones
    /// from the splice's source by the kernel (`sendfile`), or, where the file system cannot,
    /// through a buffer.
    static func write(_ splice: OutputFile.Splice, of made: Data, to descriptor: Int32) -> String? {
        let source = open(splice.source, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { return "\(splice.source): \(String(cString: strerror(errno)))" }
        defer { close(source) }
        return made.withUnsafeBytes { bytes -> String? in
            for piece in splice.pieces {
                let problem: String?
                switch piece {
                case .made(let range): problem = write(UnsafeRawBufferPointer(rebasing: bytes[range]), to: descriptor)
                case .copied(let range): problem = copy(range, of: source, to: descriptor)
                }
                if let problem { return problem }
            }
            return nil
        }
    }

    /// Copies the bytes at `range` of the file open as `source` to the end of `descriptor`.
    private static func copy(_ range: Range<Int>, of source: Int32, to descriptor: Int32) -> String? {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let copied = sendfile(descriptor, source, &offset, range.upperBound - offset)
            if copied > 0 { continue }
            if copied == 0 { return "the earlier file it is made from is shorter than when it was written" }
            if errno == EINTR || errno == EAGAIN { continue }
            if errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP { return copyThroughBuffer(offset..<range.upperBound, of: source, to: descriptor) }
            return String(cString: strerror(errno))
        }
        return nil
    }

    /// `copy`, through memory, for file systems `sendfile` does not serve.
    private static func copyThroughBuffer(_ range: Range<Int>, of source: Int32, to descriptor: Int32) -> String? {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let end = min(offset + (1 << 20), range.upperBound)
            guard let chunk = bytes(of: source, offset..<end) else {
                return "the earlier file it is made from cannot be read to the end it had when it was written"
            }
            if let problem = chunk.withUnsafeBytes({ write($0, to: descriptor) }) { return problem }
            offset = end
        }
        return nil
    }

    /// Whether `file` has the same bytes as the file at `path`, which is as the last build wrote
    /// it (`written`), and the digest of `file` if it was made to find out. The sizes are compared
    /// first; then the digests, when both are known; otherwise the bytes, and of a spliced file
    /// only those that are not copied from the very same place of the file at `path`.
    static func holds(_ file: OutputFile, at path: String, written: BuildCache.WrittenFile) -> (same: Bool, digest: String?) {
        guard file.count == written.size else { return (false, nil) }
        if file.splice == nil, !written.digest.isEmpty {
            let digest = BuildCache.digest(file.contents)
            return (digest == written.digest, digest)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return (false, nil) }
        defer { close(descriptor) }
        guard let splice = file.splice else {
            return (matches(file.contents, at: 0, of: descriptor), nil)
        }
        let source = splice.source == path ? descriptor : open(splice.source, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { return (false, nil) }
        defer { if source != descriptor { close(source) } }
        var offset = 0
        for piece in splice.pieces {
            switch piece {
            case .made(let range):
                let made = file.contents[(file.contents.startIndex + range.lowerBound)..<(file.contents.startIndex + range.upperBound)]
                guard matches(made, at: offset, of: descriptor) else { return (false, nil) }
                offset += range.count
            case .copied(let range):
                if source != descriptor || range.lowerBound != offset {
                    guard matches(range, of: source, at: offset, of: descriptor) else { return (false, nil) }
                }
                offset += range.count
            }
        }
        return (true, nil)
    }

    /// How many bytes a comparison reads from each file at a time: a file that differs is
    /// usually found to differ in its first chunk, without reading the rest of a large file.
    static let comparedChunk = 256 << 10

    /// Whether the file open as `descriptor` holds `expected` from `offset` on.
    private static func matches(_ expected: Data, at offset: Int, of descriptor: Int32) -> Bool {
        matches(expected.count, at: offset, of: descriptor) { chunk in
            expected[(expected.startIndex + chunk.lowerBound)..<(expected.startIndex + chunk.upperBound)]
        }
    }

    /// Whether the bytes at `range` of the file open as `source` are those of the file open as
    /// `descriptor` from `offset` on.
    private static func matches(_ range: Range<Int>, of source: Int32, at offset: Int, of descriptor: Int32) -> Bool {
        matches(range.count, at: offset, of: descriptor) { chunk in
            bytes(of: source, (range.lowerBound + chunk.lowerBound)..<(range.lowerBound + chunk.upperBound))
        }
    }

    /// Whether the file open as `descriptor` holds, from `offset` on, `count` bytes that `expected`
    /// gives a chunk at a time (by their place among the `count`); false as soon as one differs,
    /// or cannot be had.
    private static func matches(
        _ count: Int, at offset: Int, of descriptor: Int32, expected: (Range<Int>) -> Data?
    ) -> Bool {
        var start = 0
        while start < count {
            let end = min(start + comparedChunk, count)
            guard let chunk = expected(start..<end), bytes(of: descriptor, (offset + start)..<(offset + end)) == chunk
            else { return false }
            start = end
        }
        return true
    }

    /// The bytes at `range` of the file open as `descriptor`; nil if they cannot all be read.
    private static func bytes(of descriptor: Int32, _ range: Range<Int>) -> Data? {
        var data = Data(count: range.count)
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < range.count {
                let read = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if read < 0, errno == EINTR { continue }
                if read <= 0 { return false }
                done += read
            }
            return true
        }
        return complete ? data : nil
    }
}
