/// One statement: its front matter, resolved against the vocabularies, and its Markdown body.
public struct Statement: Sendable, Hashable, Identifiable, Codable {
    /// The slug its page lives under: `statements/<id>/`. Taken from the file name.
    public var id: String
    /// The Markdown file, relative to the archive root: `content/statements/….md`.
    public var file: String
    /// The headline.
    public var title: String
    /// When it was published; `nil` for an undated statement.
    public var date: StatementDate?
    /// The id of the issuing organisation; `nil` when the issuer is unknown.
    public var organisation: String?
    /// Ids of organisations that signed it too.
    public var coSigners: [String]
    /// The person who wrote or signed it.
    public var author: String?
    /// Where it appeared, when that is not the organisation itself.
    public var publication: String?
    /// What sort of text it is.
    public var kind: StatementKind
    /// Its language code: `en`, `es`.
    public var language: String
    /// Ids of the demands it raises, in vocabulary order.
    public var demands: [String]
    /// Tag slugs, sorted.
    public var tags: [String]
    /// One or two sentences.
    public var summary: String?
    /// Where the text came from.
    public var source: Provenance?
    /// A draft is left out of the site unless drafts are asked for.
    public var isDraft: Bool
    /// Fields a person still has to check; empty once reviewed.
    public var review: [String]
    /// For each demand id, the sentence that raises it, as the importer found it.
    public var evidence: [String: String]
    /// The body, in Markdown.
    public var body: String

    /// Makes a statement.
    public init(
        id: String, file: String, title: String, date: StatementDate? = nil, organisation: String? = nil,
        coSigners: [String] = [], author: String? = nil, publication: String? = nil,
        kind: StatementKind = .statement, language: String = "en", demands: [String] = [], tags: [String] = [],
        summary: String? = nil, source: Provenance? = nil, isDraft: Bool = false, review: [String] = [],
        evidence: [String: String] = [:], body: String = ""
    ) {
        self.id = id
        self.file = file
        self.title = title
        self.date = date
        self.organisation = organisation
        self.coSigners = coSigners
        self.author = author
        self.publication = publication
        self.kind = kind
        self.language = language
        self.demands = demands
        self.tags = tags
        self.summary = summary
        self.source = source
        self.isDraft = isDraft
        self.review = review
        self.evidence = evidence
        self.body = body
    }

    /// Organisations that issued or signed the statement.
    public var signatories: [String] {
        (organisation.map { [$0] } ?? []) + coSigners
    }
}
