/// An authority record for a party, union, newspaper, movement or other body that issues statements.
public struct Organisation: Sendable, Hashable, Identifiable {
    /// What sort of body an organisation is.
    public enum Kind: String, Sendable, CaseIterable {
        case party, union, newspaper, movement, other
    }

    /// The stable identifier, a slug: `cpusa`.
    public var id: String
    /// The full name: "Communist Party USA".
    public var name: String
    /// The short name used in lists, when there is one: "CPUSA".
    public var shortName: String?
    /// Other names a statement may use for it, in any language.
    public var aliases: [String]
    /// What sort of body it is.
    public var kind: Kind
    /// An ISO 3166 country code or a country name.
    public var country: String?
    /// The organisation's website.
    public var website: String?
    /// One line saying who they are.
    public var description: String?
    /// `false` for an organisation named by a statement but missing from `organisations.yml`.
    public var isRecorded: Bool

    /// Makes a record.
    public init(
        id: String, name: String, shortName: String? = nil, aliases: [String] = [], kind: Kind = .other,
        country: String? = nil, website: String? = nil, description: String? = nil, isRecorded: Bool = true
    ) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.aliases = aliases
        self.kind = kind
        self.country = country
        self.website = website
        self.description = description
        self.isRecorded = isRecorded
    }

    /// Every name the organisation answers to: name, short name and aliases.
    public var names: [String] {
        [name] + (shortName.map { [$0] } ?? []) + aliases
    }
}
