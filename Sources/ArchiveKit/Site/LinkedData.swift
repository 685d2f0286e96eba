/// A statement described for machines: schema.org JSON-LD, safe to stand in a `<script>` element
/// whatever its fields hold (`<`, `>`, `&` and the line separators are written as escapes).
struct LinkedData {
    /// The JSON, on one line, its members in a fixed order.
    let script: String

    init(_ statement: Statement, archive: Archive) {
        func text(_ value: String) -> String { JSONText.string(value, forScript: true) }
        func thing(_ type: String, _ name: String, url: String? = nil) -> String {
            "{\"@type\": \(text(type)), \"name\": \(text(name))" + (url.map { ", \"url\": \(text($0))" } ?? "") + "}"
        }
        let organisation = statement.organisation.flatMap { archive.organisations[$0] }
        let publisher = organisation.map { thing("Organization", $0.name, url: $0.website) }
        let base = archive.settings.baseURL
        // Articles and interviews are articles; statements and letters are other works.
        let type = statement.kind == .article || statement.kind == .interview ? "Article" : "CreativeWork"
        var members: [(String, String)] = [
            ("@context", text("https://schema.org")), ("@type", text(type)),
            ("headline", text(statement.title)), ("name", text(statement.title)),
        ]
        if let date = statement.date { members.append(("datePublished", text(date.description))) }
        members.append(("inLanguage", text(statement.language)))
        if let author = statement.author {
            members.append(("author", thing("Person", author)))
        } else if let publisher {
            members.append(("author", publisher))
        }
        if let publisher { members.append(("publisher", publisher)) }
        let contributors = statement.coSigners.compactMap { archive.organisations[$0] }
        if !contributors.isEmpty {
            members.append(("contributor", "[" + contributors.map { thing("Organization", $0.name, url: $0.website) }
                .joined(separator: ", ") + "]"))
        }
        if let summary = statement.summary { members.append(("abstract", text(summary))) }
        let keywords = statement.tags.map { archive.tags[$0]?.label ?? $0 }
        if !keywords.isEmpty { members.append(("keywords", JSONText.array(keywords, forScript: true))) }
        let about = statement.demands.compactMap { id in archive.demands.first { $0.id == id }?.label }
        if !about.isEmpty { members.append(("about", JSONText.array(about, forScript: true))) }
        if let source = statement.source?.url { members.append(("isBasedOn", text(source))) }
        if let base { members.append(("url", text(base + "statements/\(statement.id)/"))) }
        members.append(("isPartOf", thing("Collection", archive.settings.title, url: base)))
        members.append(("genre", text(statement.kind.rawValue)))
        script = "{" + members.map { "\(JSONText.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
