/// How to cite a statement: Chicago and APA references and a BibTeX entry, in the site's language.
///
/// The address cited is the statement's page in the archive when the archive knows where it is
/// published (`base_url`), else the address the statement was first published at.
struct Citation: Sendable, Hashable {
    var chicago: String
    var apa: String
    var bibtex: String

    init(_ statement: Statement, archive: Archive, strings: Strings) {
        let organisation = statement.organisation.flatMap { archive.organisations[$0]?.name }
        // A person who signs is the author and the organisation the container, unless a publication is named.
        let creator = statement.author ?? organisation
        let container = statement.publication ?? (statement.author == nil ? nil : organisation)
        let address = archive.settings.baseURL.map { $0 + "statements/\(statement.id)/" } ?? statement.source?.url
        let noDate = strings["cite.no_date"]

        var chicago: [String] = []
        if let creator { chicago.append(Self.sentence(creator)) }
        let date = statement.date.map(strings.format) ?? noDate
        chicago.append("“\(Self.sentence(statement.title, closing: "”"))")
        chicago.append(Self.sentence([container, date].compactMap { $0 }.joined(separator: ", ")))
        if let address { chicago.append(address + ".") }
        self.chicago = chicago.joined(separator: " ")

        var apa: [String] = []
        if let creator { apa.append(Self.sentence(creator)) }
        apa.append("(\(statement.date.map { Self.apaDate($0, strings: strings) } ?? noDate)).")
        apa.append(Self.sentence(statement.title))
        if let container { apa.append(Self.sentence(container)) }
        if let address { apa.append(address) }
        self.apa = apa.joined(separator: " ")

        var fields: [(String, String)] = []
        // An organisation's name is braced twice, so that BibTeX does not read it as a person's.
        if let creator { fields.append(("author", statement.author == nil ? "{{\(Self.tex(creator))}}" : "{\(Self.tex(creator))}")) }
        fields.append(("title", "{\(Self.tex(statement.title))}"))
        if let date = statement.date {
            fields.append(("year", "{\(date.year)}"))
            fields.append(("month", Self.months[date.month - 1]))
        }
        if let container { fields.append(("howpublished", "{\(Self.tex(container))}")) }
        if let address { fields.append(("url", "{\(Self.texURL(address))}")) }
        fields.append(("note", "{\(Self.tex(strings["cite.archived_in"] + " " + archive.settings.title))}"))
        if statement.language != archive.settings.language { fields.append(("language", "{\(Self.tex(statement.language))}")) }
        let key = statement.id.replacingBytes(in: Self.hyphen) { _, _, result in
            result.append(UInt8(ascii: "_"))
            return 0
        }
        bibtex = "@misc{\(key ?? statement.id),\n"
            + fields.map { "  \($0.0) = \($0.1)" }.joined(separator: ",\n") + "\n}"
    }

    private static let hyphen = ByteSet { $0 == UInt8(ascii: "-") }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Text ending in a full stop, unless it ends in punctuation already; `closing` goes after it.
    private static func sentence(_ text: String, closing: String = "") -> String {
        let trimmed = OpenData.trimmed(text)
        return trimmed.last.map { ".!?…".contains($0) } == true ? trimmed + closing : trimmed + "." + closing
    }

    /// APA's date: year first, then the month and day in the site's words.
    private static func apaDate(_ date: StatementDate, strings: Strings) -> String {
        strings.format(date, day: "cite.apa_day", month: "cite.apa_month")
    }

    /// Text as BibTeX reads it literally: its special characters escaped, control characters dropped.
    static func tex(_ text: String) -> String {
        // Most text has nothing to escape or drop.
        if text.unicodeScalars.allSatisfy({ XMLText.isAllowed($0) && !isTeXSpecial($0) }) { return text }
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\textbackslash{}"
            case "{", "}", "%", "&", "$", "#", "_": result += "\\" + String(character)
            case "^": result += "\\^{}"
            case "~": result += "\\~{}"
            case "\n", "\r", "\t": result += " "
            default:
                if character.unicodeScalars.allSatisfy({ XMLText.isAllowed($0) }) { result.append(character) }
            }
        }
        return result
    }

    /// Whether `tex` escapes the character.
    private static func isTeXSpecial(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\\", "{", "}", "%", "&", "$", "#", "_", "^", "~": true
        default: false
        }
    }

    /// An address in a BibTeX `url` field, which is read verbatim but for its braces and percent signs.
    private static func texURL(_ address: String) -> String {
        // Most addresses are printable ASCII with no brace or backslash, and kept as they are.
        if address.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != 0x7B && $0 != 0x7D && $0 != 0x5C }) {
            return address
        }
        return address.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")
            .replacingOccurrences(of: "\\", with: "%5C").filter { !$0.isWhitespace }
    }
}
