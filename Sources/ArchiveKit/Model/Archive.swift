/// The whole archive, loaded and validated: the single input every page is rendered from.
public struct Archive: Sendable {
    /// Site-wide settings.
    public var settings: SiteSettings
    /// Every published statement, newest first; undated ones last.
    public private(set) var statements: [Statement]
    /// Every organisation, recorded or only named by a statement, by id.
    public private(set) var organisations: [String: Organisation]
    /// The demand vocabulary, in the order of `demands.yml`.
    public private(set) var demands: [Demand]
    /// Every tag used or declared, by id.
    public private(set) var tags: [String: Tag]

    private var statementsByOrganisation: [String: [Statement]] = [:]
    private var statementsByDemand: [String: [Statement]] = [:]
    private var statementsByTag: [String: [Statement]] = [:]
    /// Where the statements of each grouping stand in `statements`, in the same order.
    private var positionsByOrganisation: [String: [Int]] = [:]
    private var positionsByDemand: [String: [Int]] = [:]
    private var positionsByTag: [String: [Int]] = [:]
    private var organisationsByDemand: [String: [Organisation]] = [:]
    /// For each organisation, how many of its statements raise each demand.
    private var demandCountsByOrganisation: [String: [String: Int]] = [:]

    /// Organisations sorted by name, ignoring case and diacritics.
    public private(set) var organisationsByName: [Organisation] = []
    /// Tags sorted by label, ignoring case and diacritics.
    public private(set) var tagsByLabel: [Tag] = []

    /// Assembles an archive; statements are put in archive order and grouped by taxonomy.
    public init(
        settings: SiteSettings, statements: [Statement], organisations: [Organisation], demands: [Demand],
        tags: [Tag]
    ) {
        self.settings = settings
        // Newest first; a month-precision date before the days of that month; undated last; ties
        // broken by id, the file's name, as Jekyll breaks them: the order never depends on the
        // file system, and correcting a title never moves a statement among those of its day.
        // Dates and ids read out first: comparing them is the whole sort, and needs no statement's storage.
        let dates = statements.map(\.date)
        let ids = statements.map(\.id)
        let order = statements.indices.sorted { i, j in
            switch (dates[i], dates[j]) {
            case let (x?, y?) where x != y: return x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return ids[i] < ids[j]
            }
        }
        let sorted = order.map { statements[$0] }
        self.statements = sorted
        self.organisations = Dictionary(organisations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.demands = demands
        // The groupings are independent of each other: those by organisation and by demand are
        // made on other cores while those by tag are made here.
        let byOrganisation = Background { () -> (Grouping, [String: [String: Int]]) in
            let grouping = Self.grouped(sorted, by: \.signatories)
            let counts = grouping.statements.mapValues { statements in
                var counts: [String: Int] = [:]
                for statement in statements {
                    for demand in statement.demands { counts[demand, default: 0] += 1 }
                }
                return counts
            }
            return (grouping, counts)
        }
        let byDemand = Background { Self.grouped(sorted, by: \.demands) }
        let byTag = Self.grouped(sorted, by: \.tags)
        (statementsByTag, positionsByTag) = (byTag.statements, byTag.positions)
        var tags = Dictionary(tags.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in byTag.statements.keys where tags[id] == nil { tags[id] = Tag(id: id) }
        self.tags = tags
        // Sorted once, each name folded once: pages ask for these lists thousands of times.
        organisationsByName = Self.sorted(Array(self.organisations.values), by: \.name)
        tagsByLabel = Self.sorted(Array(tags.values), by: \.label)
        let (bySignatory, counts) = byOrganisation.value
        (statementsByOrganisation, positionsByOrganisation) = (bySignatory.statements, bySignatory.positions)
        demandCountsByOrganisation = counts
        (statementsByDemand, positionsByDemand) = (byDemand.value.statements, byDemand.value.positions)
        for demand in demands {
            let ids = Set(statementsByDemand[demand.id, default: []].flatMap(\.signatories))
            organisationsByDemand[demand.id] = organisationsByName.filter { ids.contains($0.id) }
        }
    }

    /// Statements grouped by the ids `keys` gives each, in order, with where each stands in the
    /// statements grouped.
    private struct Grouping: Sendable {
        var statements: [String: [Statement]] = [:]
        var positions: [String: [Int]] = [:]
    }

    private static func grouped(_ statements: [Statement], by keys: (Statement) -> [String]) -> Grouping {
        var grouping = Grouping()
        for (position, statement) in statements.enumerated() {
            for id in keys(statement) {
                grouping.statements[id, default: []].append(statement)
                grouping.positions[id, default: []].append(position)
            }
        }
        return grouping
    }

    /// `items` by a name folded for comparison, then by id.
    private static func sorted<Item: Identifiable>(_ items: [Item], by name: (Item) -> String) -> [Item] where Item.ID == String {
        items.map { (key: name($0).folded, item: $0) }
            .sorted { ($0.key, $0.item.id) < ($1.key, $1.item.id) }
            .map(\.item)
    }

    /// Statements issued or signed by an organisation, newest first.
    public func statements(by organisation: String) -> [Statement] {
        statementsByOrganisation[organisation] ?? []
    }

    /// Statements that raise a demand, newest first.
    public func statements(raising demand: String) -> [Statement] {
        statementsByDemand[demand] ?? []
    }

    /// Statements with a tag, newest first.
    public func statements(tagged tag: String) -> [Statement] {
        statementsByTag[tag] ?? []
    }

    /// Where the statements issued or signed by an organisation stand in `statements`, in order.
    func positions(by organisation: String) -> [Int] {
        positionsByOrganisation[organisation] ?? []
    }

    /// Where the statements that raise a demand stand in `statements`, in order.
    func positions(raising demand: String) -> [Int] {
        positionsByDemand[demand] ?? []
    }

    /// Where the statements with a tag stand in `statements`, in order.
    func positions(tagged tag: String) -> [Int] {
        positionsByTag[tag] ?? []
    }

    /// Organisations that raise a demand, by name.
    public func organisations(raising demand: String) -> [Organisation] {
        organisationsByDemand[demand] ?? []
    }

    /// The demands an organisation has raised, in vocabulary order, with how many of its statements raise each.
    ///
    /// Counted once when the archive is assembled: every page of an organisation's list asks, and an
    /// organisation with thousands of statements has dozens of pages.
    public func demands(raisedBy organisation: String) -> [(demand: Demand, count: Int)] {
        let counts = demandCountsByOrganisation[organisation] ?? [:]
        return demands.compactMap { demand in
            counts[demand.id].map { (demand, $0) }
        }
    }

    /// Statements whose front matter still lists fields to review.
    public var statementsUnderReview: [Statement] {
        statements.filter { !$0.review.isEmpty }
    }
}
