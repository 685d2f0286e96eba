/// A free subject tag, normalised to a slug; `tags.yml` may give it a label and signal phrases.
public struct Tag: Sendable, Hashable, Identifiable {
    /// The slug used in front matter and URLs: `us-imperialism`.
    public var id: String
    /// The label shown on pages: "US imperialism".
    public var label: String
    /// Phrases that signal the tag, by language code; used by the importer.
    public var phrases: [String: [String]]

    /// Makes a tag.
    public init(id: String, label: String? = nil, phrases: [String: [String]] = [:]) {
        self.id = id
        self.label = label ?? id
        self.phrases = phrases
    }
}
