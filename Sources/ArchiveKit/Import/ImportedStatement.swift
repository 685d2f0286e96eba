/// What the importer made of a capture: front matter fields, a Markdown body, and what to review.
public struct ImportedStatement: Sendable, Equatable {
    /// The headline, or a stand-in taken from the first sentence (then `review` lists `title`).
    public var title: String
    /// The date, when the capture states one.
    public var date: StatementDate?
    /// The issuer's id, when it could be told.
    public var organisation: String?
    /// Ids of further signatories.
    public var coSigners: [String] = []
    /// The writer, from a byline.
    public var author: String?
    /// Where it appeared, from a publisher notice.
    public var publication: String?
    /// What sort of text it is.
    public var kind: StatementKind = .statement
    /// Its language code.
    public var language: String = "en"
    /// Ids of the demands it calls for, in vocabulary order.
    public var demands: [String] = []
    /// For each demand, the sentence that raises it.
    public var evidence: [String: String] = [:]
    /// Tags from the tag vocabulary.
    public var tags: [String] = []
    /// The first substantive sentence or two.
    public var summary: String?
    /// Where the capture is, and its hash.
    public var source = Provenance()
    /// Fields a person should check.
    public var review: [String] = []
    /// The statement's text as Markdown.
    public var body: String = ""
}
