import Foundation

/// One file of the built site, held in memory until the whole site is ready to be written.
public struct OutputFile: Sendable, Hashable {
    /// The path inside the output folder, with `/` separators: `statements/x/index.html`.
    public var path: String
    /// The bytes to write; for a spliced file, only those made by this build (see `splice`).
    public var contents: Data
    /// For a file made mostly of an earlier build's file, the ranges it takes from that file
    /// between the bytes made now: the kernel copies them, and the bytes never pass through memory.
    var splice: Splice?

    /// Makes a file from bytes.
    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    /// Makes a file from text, encoded as UTF-8.
    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }

    /// How many bytes the file has.
    var count: Int { splice?.count ?? contents.count }

    /// A file's bytes as a sequence of ranges of the bytes made now and of an earlier file.
    struct Splice: Sendable, Hashable {
        enum Piece: Sendable, Hashable {
            /// Bytes of `contents`.
            case made(Range<Int>)
            /// Bytes of the file at `source`.
            case copied(Range<Int>)

            var range: Range<Int> {
                switch self {
                case .made(let range), .copied(let range): range
                }
            }

            /// This piece and `next` as one, when they are of the same kind and touch.
            func joined(with next: Piece) -> Piece? {
                guard range.upperBound == next.range.lowerBound else { return nil }
                switch (self, next) {
                case (.made, .made): return .made(range.lowerBound..<next.range.upperBound)
                case (.copied, .copied): return .copied(range.lowerBound..<next.range.upperBound)
                default: return nil
                }
            }
        }

        /// The earlier file the copied ranges come from, by absolute path.
        var source: String
        /// The file's bytes, in order.
        private(set) var pieces: [Piece] = []
        /// How many bytes the pieces hold.
        private(set) var count = 0

        init(source: String) {
            self.source = source
        }

        /// Adds `piece`, joined to the one before when they touch.
        mutating func append(_ piece: Piece) {
            guard !piece.range.isEmpty else { return }
            count += piece.range.count
            if let last = pieces.last, let joined = last.joined(with: piece) {
                pieces[pieces.count - 1] = joined
            } else {
                pieces.append(piece)
            }
        }
    }
}

/// Bytes made in pieces, some of them copied from an earlier file: as a `Data` when there is no
/// earlier file, as a splice of it otherwise; or written to a staging folder as they are made.
struct SplicedBytes {
    private(set) var made = Data()
    private(set) var splice: OutputFile.Splice?
    /// Where the bytes go as they are made, if they are not held.
    private var appending: SiteWriter.Staging.Appending?
    /// How many bytes are held before they go there.
    private var held = 0
    /// How many bytes have gone there.
    private var sent = 0

    /// Bytes copied from the file at `source`, if any.
    init(source: String?, capacity: Int) {
        made.reserveCapacity(capacity)
        splice = source.map(OutputFile.Splice.init(source:))
    }

    /// Bytes written to `file` as they are made, `held` bytes at a time.
    init(appendingTo file: SiteWriter.Staging.Appending, held: Int = 1 << 20) {
        self.held = held
        made.reserveCapacity(held + held / 4)
        appending = file
    }

    /// How many bytes so far.
    var count: Int { splice?.count ?? sent + made.count }

    /// Appends bytes made now.
    mutating func append(_ bytes: some Collection<UInt8>) {
        let start = made.count
        made.append(contentsOf: bytes)
        splice?.append(.made(start..<made.count))
        if let appending, made.count >= held {
            appending.append(made)
            sent += made.count
            made.removeAll(keepingCapacity: true)
        }
    }

    /// Appends the bytes at `range` of the source file.
    mutating func copy(_ range: Range<Int>) {
        splice?.append(.copied(range))
    }

    /// The file at `path`; none when the bytes were written as they were made: the file is then
    /// finished, and recorded as written.
    func file(_ path: String) -> OutputFile? {
        if let appending {
            appending.append(made)
            appending.finish()
            return nil
        }
        var file = OutputFile(path: path, contents: made)
        // A file of made bytes alone is written as it is.
        if let splice, splice.pieces.contains(where: { if case .copied = $0 { true } else { false } }) {
            file.splice = splice
        }
        return file
    }
}
