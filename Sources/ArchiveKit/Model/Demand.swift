/// An entry in the controlled vocabulary of demands: something statements call for.
public struct Demand: Sendable, Hashable, Identifiable {
    /// The stable identifier used in front matter: `boluarte-resign`.
    public var id: String
    /// The label shown on pages: "Boluarte must resign".
    public var label: String
    /// One line saying what the demand is.
    public var description: String?
    /// Phrases that signal the demand, by language code (`en`, `es`); used by the importer.
    public var phrases: [String: [String]]

    /// Makes a vocabulary entry.
    public init(id: String, label: String, description: String? = nil, phrases: [String: [String]] = [:]) {
        self.id = id
        self.label = label
        self.description = description
        self.phrases = phrases
    }
}
