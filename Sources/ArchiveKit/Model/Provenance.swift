/// Where a statement's text came from.
public struct Provenance: Sendable, Hashable, Codable {
    /// The original capture, relative to the archive root: `seeds/004_….txt`.
    public var file: String?
    /// The address it was published at.
    public var url: String?
    /// When it was captured, as written (an ISO date or date-time).
    public var captured: String?
    /// The SHA-256 of the original capture, in lowercase hex.
    public var sha256: String?

    /// Makes a provenance record.
    public init(file: String? = nil, url: String? = nil, captured: String? = nil, sha256: String? = nil) {
        self.file = file
        self.url = url
        self.captured = captured
        self.sha256 = sha256
    }

    /// `true` when nothing is known.
    public var isEmpty: Bool {
        file == nil && url == nil && captured == nil && sha256 == nil
    }
}
