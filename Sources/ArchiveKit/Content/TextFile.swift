import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file an archivist wrote: whole, unless it is far larger than any such file, and with a
/// reason a person can act on when it cannot be read.
enum TextFile {
    /// The largest file read: many times the longest statement or vocabulary, small enough that a
    /// wrong file (a video, a database dump) is refused before it is read.
    static let sizeLimit = 8 << 20

    /// Why a file was not read.
    enum Failure: Error, Equatable {
        case missing
        case notAllowed
        case linkLoop
        case folder
        case tooLarge(Int)
        case other(String)

        var reason: ContentError.Reason {
            switch self {
            case .missing: return .unreadable("the file does not exist (a symbolic link to nothing?)")
            case .notAllowed: return .unreadable("permission denied: let your user read the file")
            case .linkLoop: return .unreadable("symbolic links lead in a loop; point the link at a real file")
            case .folder: return .unreadable("this is a folder, not a file; rename it so that it does not end in .md")
            case .tooLarge(let size): return .tooLarge(size, limit: TextFile.sizeLimit)
            case .other(let message): return .unreadable(message)
            }
        }
    }

    /// The bytes of the file at `path`, or why they cannot be had.
    static func contents(of path: String, limit: Int = sizeLimit) -> Result<Data, Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(failure(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(failure(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.folder) }
        let size = Int(info.st_size)
        if size > limit { return .failure(.tooLarge(size)) }
        var data = Data(count: size)
        var filled = 0
        while filled < size {
            let count = data.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, size - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(failure(errno))
            }
            if count == 0 { break }
            filled += count
        }
        if filled < size { data.count = filled }
        return .success(data)
    }

    private static func failure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT, ENOTDIR: return .missing
        case EACCES, EPERM: return .notAllowed
        case ELOOP: return .linkLoop
        case EISDIR: return .folder
        default: return .other(String(cString: strerror(code)))
        }
    }
}
