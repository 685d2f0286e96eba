import Foundation

/// One statement: its front matter, resolved against the vocabularies, and its Markdown body.
///
/// A value like any other, but its fields live in one shared, copy-on-write storage: the archive
/// holds every statement in several lists and pages pass them around by the thousand, so a copy
/// costs one reference count, not one for each of its texts and lists.
public struct Statement: Sendable, Hashable, Identifiable, Codable {
    /// The fields, as stored and encoded.
    private struct Fields: Hashable, Codable {
        var id: String
        var file: String
        var title: String
        var date: StatementDate?
        var organisation: String?
        var coSigners: [String]
        var author: String?
        var publication: String?
        var kind: StatementKind
        var language: String
        var demands: [String]
        var tags: [String]
        var summary: String?
        var source: Provenance?
        var isDraft: Bool
        var review: [String]
        var evidence: [String: String]
        var body: String
    }

    /// Shared by copies until one of them changes.
    ///
    /// Only a statement that holds the sole reference writes to it (see `unique()`), so sharing it
    /// across threads never shares a write.
    private final class Storage: @unchecked Sendable {
        var fields: Fields
        /// Where the body is read from when first asked for, when it was not read with the rest.
        var unread: UnreadBody?

        init(_ fields: Fields, unread: UnreadBody? = nil) {
            self.fields = fields
            self.unread = unread
        }

        /// The fields, with the body read if it was not.
        var complete: Fields {
            guard let unread else { return fields }
            var complete = fields
            complete.body = unread.text
            return complete
        }
    }

    /// A body left in its file until first asked for, then kept: a build after an edit needs the
    /// bodies of a few statements, not of every one the cache knows unchanged. Rendering asks for
    /// it in passing (`passingBody`), which reads it without keeping it.
    private final class UnreadBody: Sendable {
        let path: String
        let offset: Int
        private let lock = NSLock()
        private nonisolated(unsafe) var read: String?

        init(path: String, offset: Int) {
            self.path = path
            self.offset = offset
        }

        /// The body: the file's text from `offset`, line ends unified as the reader unifies them.
        /// A file that can no longer be read (removed since it was found unchanged) gives an empty
        /// body; the next build finds it gone.
        var text: String {
            lock.withLock {
                if let read { return read }
                let text = readFromFile()
                read = text
                return text
            }
        }

        /// The body as `text` gives it, read again from the file unless it was kept.
        var passingText: String {
            lock.withLock { read } ?? readFromFile()
        }

        private func readFromFile() -> String {
            let bytes = (try? TextFile.contents(of: path).get()).map(ArchiveLoader.unifyingLineEnds) ?? Data()
            return ArchiveLoader.body(of: bytes, from: offset)
        }
    }

    private var storage: Storage

    /// The storage, first copied if another statement shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(storage.fields, unread: storage.unread)
        }
        return storage
    }

    /// The statement with its body left in the file at `path`, from byte `offset`, until first
    /// asked for (see `body`).
    func readingBody(from path: String, offset: Int) -> Statement {
        var statement = self
        let storage = statement.unique()
        storage.fields.body = ""
        storage.unread = UnreadBody(path: path, offset: offset)
        return statement
    }

    /// The slug its page lives under: `statements/<id>/`. Taken from the file name.
    public var id: String {
        get { storage.fields.id }
        set { unique().fields.id = newValue }
    }
    /// The Markdown file, relative to the archive root: `content/statements/….md`.
    public var file: String {
        get { storage.fields.file }
        set { unique().fields.file = newValue }
    }
    /// The headline.
    public var title: String {
        get { storage.fields.title }
        set { unique().fields.title = newValue }
    }
    /// When it was published; `nil` for an undated statement.
    public var date: StatementDate? {
        get { storage.fields.date }
        set { unique().fields.date = newValue }
    }
    /// The id of the issuing organisation; `nil` when the issuer is unknown.
    public var organisation: String? {
        get { storage.fields.organisation }
        set { unique().fields.organisation = newValue }
    }
    /// Ids of organisations that signed it too.
    public var coSigners: [String] {
        get { storage.fields.coSigners }
        set { unique().fields.coSigners = newValue }
    }
    /// The person who wrote or signed it.
    public var author: String? {
        get { storage.fields.author }
        set { unique().fields.author = newValue }
    }
    /// Where it appeared, when that is not the organisation itself.
    public var publication: String? {
        get { storage.fields.publication }
        set { unique().fields.publication = newValue }
    }
    /// What sort of text it is.
    public var kind: StatementKind {
        get { storage.fields.kind }
        set { unique().fields.kind = newValue }
    }
    /// Its language code: `en`, `es`.
    public var language: String {
        get { storage.fields.language }
        set { unique().fields.language = newValue }
    }
    /// Ids of the demands it raises, in vocabulary order.
    public var demands: [String] {
        get { storage.fields.demands }
        set { unique().fields.demands = newValue }
    }
    /// Tag slugs, sorted.
    public var tags: [String] {
        get { storage.fields.tags }
        set { unique().fields.tags = newValue }
    }
    /// One or two sentences.
    public var summary: String? {
        get { storage.fields.summary }
        set { unique().fields.summary = newValue }
    }
    /// Where the text came from.
    public var source: Provenance? {
        get { storage.fields.source }
        set { unique().fields.source = newValue }
    }
    /// A draft is left out of the site unless drafts are asked for.
    public var isDraft: Bool {
        get { storage.fields.isDraft }
        set { unique().fields.isDraft = newValue }
    }
    /// Fields a person still has to check; empty once reviewed.
    public var review: [String] {
        get { storage.fields.review }
        set { unique().fields.review = newValue }
    }
    /// For each demand id, the sentence that raises it, as the importer found it.
    public var evidence: [String: String] {
        get { storage.fields.evidence }
        set { unique().fields.evidence = newValue }
    }
    /// The body, in Markdown, as `body` gives it; a body left in its file is read from it without
    /// being kept. For work that reads each body once, as rendering it does.
    var passingBody: String {
        storage.unread?.passingText ?? storage.fields.body
    }

    /// The body, in Markdown.
    public var body: String {
        get { storage.unread?.text ?? storage.fields.body }
        set {
            let storage = unique()
            storage.fields.body = newValue
            storage.unread = nil
        }
    }

    /// Makes a statement.
    public init(
        id: String, file: String, title: String, date: StatementDate? = nil, organisation: String? = nil,
        coSigners: [String] = [], author: String? = nil, publication: String? = nil,
        kind: StatementKind = .statement, language: String = "en", demands: [String] = [], tags: [String] = [],
        summary: String? = nil, source: Provenance? = nil, isDraft: Bool = false, review: [String] = [],
        evidence: [String: String] = [:], body: String = ""
    ) {
        storage = Storage(
            Fields(
                id: id, file: file, title: title, date: date, organisation: organisation, coSigners: coSigners,
                author: author, publication: publication, kind: kind, language: language, demands: demands,
                tags: tags, summary: summary, source: source, isDraft: isDraft, review: review,
                evidence: evidence, body: body))
    }

    public init(from decoder: any Decoder) throws {
        storage = Storage(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.complete.encode(to: encoder)
    }

    public static func == (lhs: Statement, rhs: Statement) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.complete == rhs.storage.complete
    }

    public func hash(into hasher: inout Hasher) {
        storage.complete.hash(into: &hasher)
    }

    /// Organisations that issued or signed the statement.
    public var signatories: [String] {
        (organisation.map { [$0] } ?? []) + coSigners
    }
}

extension Statement {
    /// Reads a statement `write(to:)` (in `CacheRecord`) wrote.
    init(reading reader: inout CacheRecord.Reader) throws {
        let id = try reader.string()
        let file = try reader.string()
        let title = try reader.string()
        var date: StatementDate?
        if try reader.bool() {
            let year = try reader.int()
            let month = try reader.int()
            let day = try reader.int()
            guard let read = StatementDate(year: year, month: month, day: day < 0 ? nil : day) else {
                throw CacheRecord.Malformed()
            }
            date = read
        }
        let organisation = try reader.optionalString()
        let coSigners = try reader.strings()
        let author = try reader.optionalString()
        let publication = try reader.optionalString()
        guard let kind = StatementKind(rawValue: try reader.string()) else { throw CacheRecord.Malformed() }
        let language = try reader.string()
        let demands = try reader.strings()
        let tags = try reader.strings()
        let summary = try reader.optionalString()
        var source: Provenance?
        if try reader.bool() {
            source = Provenance(
                file: try reader.optionalString(), url: try reader.optionalString(),
                captured: try reader.optionalString(), sha256: try reader.optionalString())
        }
        let isDraft = try reader.bool()
        let review = try reader.strings()
        let evidence = try reader.map()
        let body = try reader.string()
        storage = Storage(
            Fields(
                id: id, file: file, title: title, date: date, organisation: organisation, coSigners: coSigners,
                author: author, publication: publication, kind: kind, language: language, demands: demands,
                tags: tags, summary: summary, source: source, isDraft: isDraft, review: review,
                evidence: evidence, body: body))
    }
}
