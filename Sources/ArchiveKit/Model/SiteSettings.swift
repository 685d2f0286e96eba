/// Settings from `archive.yml`, each with a default for when the file or the key is absent.
public struct SiteSettings: Sendable, Hashable {
    /// The archive's name, shown in every page's header.
    public var title: String
    /// What the archive collects, shown on the home page.
    public var description: String
    /// The language of the site's own words (`en` or `es` with the bundled theme).
    public var language: String
    /// The absolute address the site is published at, for feeds and citations; `nil` when unknown.
    public var baseURL: String?
    /// How many statements the home page lists.
    public var latestCount: Int
    /// Whether the site has a search page and index.
    public var search: Bool

    /// Makes settings; every argument has the default used when `archive.yml` leaves it out.
    public init(
        title: String = "Solidarity archive",
        description: String = "Statements of solidarity, collected and indexed.",
        language: String = "en", baseURL: String? = nil, latestCount: Int = 10, search: Bool = true
    ) {
        self.title = title
        self.description = description
        self.language = language
        self.baseURL = baseURL
        self.latestCount = latestCount
        self.search = search
    }
}
