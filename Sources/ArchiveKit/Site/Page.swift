/// One page of the site: what it shows and where it is written.
enum Page: Sendable {
    case home
    case statement(Statement)
    case organisations
    case demands
    case tags
    case search
    /// Who demands what: organisations against demands.
    case matrix
    /// One organisation's statements, by the demands they raise.
    case matrixOrganisation(String)
    /// Statements by month.
    case timeline
    /// One year's statements, by month.
    case timelineYear(Int)
    /// The open data and the feeds, to download.
    case data
    /// The page a host shows for an address with nothing at it, at the site's root.
    case notFound
    /// One page of a paginated list of statements.
    case list(StatementList, number: Int, of: Int)

    /// The statements a list page shows.
    enum StatementList: Sendable, Hashable {
        case all
        case organisation(String)
        case demand(String)
        case tag(String)

        /// The folder of its first page.
        var folder: String {
            switch self {
            case .all: return "statements"
            case .organisation(let id): return "organisations/\(id)"
            case .demand(let id): return "demands/\(id)"
            case .tag(let id): return "tags/\(id)"
            }
        }

        var template: String {
            switch self {
            case .all: return "statements"
            case .organisation: return "organisation"
            case .demand: return "demand"
            case .tag: return "tag"
            }
        }

        /// The path of page `number` (from 1) of the list.
        func path(page number: Int) -> String {
            number == 1 ? "\(folder)/index.html" : "\(folder)/page/\(number)/index.html"
        }
    }

    /// The path inside the site, always ending in `index.html` so that links work from `file://`.
    var path: String {
        switch self {
        case .home: return "index.html"
        case .statement(let statement): return Page.path(of: statement)
        case .organisations: return "organisations/index.html"
        case .demands: return "demands/index.html"
        case .tags: return "tags/index.html"
        case .search: return "search/index.html"
        case .matrix: return "matrix/index.html"
        case .matrixOrganisation(let id): return "matrix/\(id)/index.html"
        case .timeline: return "timeline/index.html"
        case .timelineYear(let year): return "timeline/\(year)/index.html"
        case .data: return "data/index.html"
        case .notFound: return "404.html"
        case .list(let list, let number, _): return list.path(page: number)
        }
    }

    var template: String {
        switch self {
        case .home: return "home"
        case .statement: return "statement"
        case .organisations: return "organisations"
        case .demands: return "demands"
        case .tags: return "tags"
        case .search: return "search"
        case .matrix: return "matrix"
        case .matrixOrganisation: return "matrix-organisation"
        case .timeline: return "timeline"
        case .timelineYear: return "timeline-year"
        case .data: return "data"
        case .notFound: return "404"
        case .list(let list, _, _): return list.template
        }
    }

    /// Whether the page shows any number of statements (the matrix and the timeline pages), not
    /// a bounded number.
    var showsAnyNumberOfStatements: Bool {
        switch self {
        case .matrix, .matrixOrganisation, .timeline, .timelineYear: true
        default: false
        }
    }

    static func path(of statement: Statement) -> String { "statements/\(statement.id)/index.html" }
    static func path(ofOrganisation id: String) -> String { "organisations/\(id)/index.html" }
    static func path(ofDemand id: String) -> String { "demands/\(id)/index.html" }
    static func path(ofTag id: String) -> String { "tags/\(id)/index.html" }

    /// The relative prefix from this page back to the site's root: `../../` for `statements/x/index.html`.
    var root: String {
        // Counted over bytes: every page and every statement's values ask.
        String(repeating: "../", count: path.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) })
    }
}
