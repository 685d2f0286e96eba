import Foundation

/// A statement described for machines: schema.org JSON-LD, made safe to stand in a `<script>`
/// element whatever its fields hold.
struct LinkedData: Encodable {
    struct Thing: Encodable {
        var type: String
        var name: String
        var url: String?

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, url
        }
    }

    var context = "https://schema.org"
    var type: String
    var headline: String
    var name: String
    var datePublished: String?
    var inLanguage: String
    var author: [Thing]
    var publisher: Thing?
    var contributor: [Thing]
    var abstract: String?
    var keywords: [String]
    var about: [String]
    var isBasedOn: String?
    var url: String?
    var isPartOf: Thing
    var genre: String

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case type = "@type"
        case headline, name, datePublished, inLanguage, author, publisher, contributor, abstract, keywords, about
        case isBasedOn, url, isPartOf, genre
    }

    init(_ statement: Statement, archive: Archive) {
        let organisation = statement.organisation.flatMap { archive.organisations[$0] }
        let publisher = organisation.map { Thing(type: "Organization", name: $0.name, url: $0.website) }
        let base = archive.settings.baseURL
        // Articles and interviews are articles; statements and letters are other works.
        type = statement.kind == .article || statement.kind == .interview ? "Article" : "CreativeWork"
        headline = statement.title
        name = statement.title
        datePublished = statement.date?.description
        inLanguage = statement.language
        author = statement.author.map { [Thing(type: "Person", name: $0)] } ?? publisher.map { [$0] } ?? []
        self.publisher = publisher
        contributor = statement.coSigners.compactMap { archive.organisations[$0] }.map {
            Thing(type: "Organization", name: $0.name, url: $0.website)
        }
        abstract = statement.summary
        keywords = statement.tags.map { archive.tags[$0]?.label ?? $0 }
        about = statement.demands.compactMap { id in archive.demands.first { $0.id == id }?.label }
        isBasedOn = statement.source?.url
        url = base.map { $0 + "statements/\(statement.id)/" }
        isPartOf = Thing(type: "Collection", name: archive.settings.title, url: base)
        genre = statement.kind.rawValue
    }

    /// The JSON, with `<`, `>`, `&` and the line separators written as escapes, so that no
    /// field can end the script element or be read as markup.
    var script: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
