/// The controlled vocabularies statements refer to: organisations, demands and tags.
public struct Vocabulary: Sendable {
    /// Authority records from `organisations.yml`, in file order.
    public var organisations: [Organisation]
    /// Demands from `demands.yml`, in file order.
    public var demands: [Demand]
    /// Tags from `tags.yml`, in file order.
    public var tags: [Tag]

    private var organisationsByName: [String: [String]] = [:]
    private var demandsByKey: [String: String] = [:]

    /// Indexes the vocabularies for lookup by id, name and alias.
    public init(organisations: [Organisation] = [], demands: [Demand] = [], tags: [Tag] = []) {
        self.organisations = organisations
        self.demands = demands
        self.tags = tags
        for organisation in organisations {
            for key in Set(([organisation.id] + organisation.names).map(\.folded)) {
                organisationsByName[key, default: []].append(organisation.id)
            }
        }
        for demand in demands {
            demandsByKey[demand.id.folded] = demand.id
        }
    }

    /// What a name in front matter refers to.
    public enum Match: Sendable, Equatable {
        /// Exactly one organisation has that id, name or alias.
        case organisation(String)
        /// Several organisations share the name.
        case ambiguous([String])
        /// No record has that name.
        case unknown
    }

    /// Looks an organisation up by id, name or alias, ignoring case and diacritics.
    public func organisation(named name: String) -> Match {
        let ids = organisationsByName[name.folded] ?? organisationsByName[name.slug] ?? []
        switch ids.count {
        case 0: return .unknown
        case 1: return .organisation(ids[0])
        default: return .ambiguous(ids.sorted())
        }
    }

    /// The closest organisation name, for a did-you-mean.
    func organisationSuggestion(for name: String) -> String? {
        name.closest(among: organisations.flatMap { [$0.id] + $0.names })
    }

    /// The id of a demand, ignoring case; `nil` if the vocabulary lacks it.
    public func demand(id: String) -> String? {
        demandsByKey[id.folded]
    }

    /// The closest demand id, for a did-you-mean.
    func demandSuggestion(for id: String) -> String? {
        id.closest(among: demands.map(\.id))
    }
}
