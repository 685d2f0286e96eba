/// Checks a theme's templates against what exists, so that a typo in a theme is reported instead
/// of printing nothing: a partial or parent that is not a template is an error, so is a word
/// (`t.name`) that the strings files lack; a value no page has is a warning, since a template may
/// test for a value that some other theme's pages give.
///
/// Mustache finds a name in any enclosing section, so a name is known when any page's values have
/// it at any depth (`SiteBuilder.valueNames`).
struct TemplateCheck {
    /// The templates' texts, by name.
    let sources: [String: String]
    /// Where each template is, as errors name it.
    let files: [String: String]
    let strings: Strings
    /// The strings file errors name.
    let stringsFile: String

    /// Words the builder itself prints, besides those the templates name.
    static let builderWords = [
        "undated", "unknown_organisation", "not_found", "search", "matrix", "timeline", "data", "count_one",
        "count_many", "cite.no_date", "cite.archived_in", "cite.apa_day", "cite.apa_month", "date.day", "date.month",
    ] + (1...12).map { "months.\($0)" } + StatementKind.allCases.map { "kinds.\($0.rawValue)" }
        + Organisation.Kind.allCases.map { "organisation_kinds.\($0.rawValue)" }

    func problems() -> [ContentError] {
        var problems: [ContentError] = []
        let templates = Set(sources.keys)
        let words = Array(strings.values.keys)
        for name in sources.keys.sorted() {
            let file = files[name] ?? name
            for tag in Self.tags(in: sources[name] ?? "") {
                switch tag.kind {
                case .partial, .parent:
                    if !templates.contains(tag.name) {
                        problems.append(ContentError(
                            file: file, line: tag.line, column: tag.column,
                            reason: .missingPartial(tag.name, suggestion: tag.name.closest(among: templates))))
                    }
                case .value:
                    let parts = tag.name.split(separator: ".").map(String.init)
                    guard let first = parts.first else { continue }
                    if first == "t" {
                        let key = parts.dropFirst().joined(separator: ".")
                        if strings.values[key] == nil && !strings.hasWords(below: key) {
                            problems.append(ContentError(
                                file: file, line: tag.line, column: tag.column,
                                reason: .missingWord(key, file: stringsFile, suggestion: key.closest(among: words))))
                        }
                        continue
                    }
                    for part in parts where !SiteBuilder.valueNames.contains(part) {
                        problems.append(ContentError(
                            file: file, line: tag.line, column: tag.column,
                            reason: .unknownValue(part, suggestion: part.closest(among: SiteBuilder.valueNames)),
                            severity: .warning))
                        break
                    }
                }
            }
        }
        for key in Self.builderWords where strings.values[key] == nil {
            problems.append(ContentError(file: stringsFile, reason: .missingWord(key, file: stringsFile, suggestion: nil)))
        }
        return problems
    }

    struct Tag {
        enum Kind { case value, partial, parent }
        var kind: Kind
        var name: String
        var line: Int
        var column: Int
    }

    /// The tags of a template that name something: values and sections (`{{x}}`, `{{{x}}}`,
    /// `{{&x}}`, `{{#x}}`, `{{^x}}`, with a transform's argument for `empty(x)`), partials and parents.
    /// A template that changes its delimiters is not read past the change.
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0, line = 1, column = 1
        func advance(to end: Int) {
            while index < end {
                if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
                index += 1
            }
        }
        while index + 1 < scalars.count {
            guard scalars[index] == "{", scalars[index + 1] == "{" else {
                advance(to: index + 1)
                continue
            }
            let (startLine, startColumn) = (line, column)
            let triple = index + 2 < scalars.count && scalars[index + 2] == "{"
            let open = index + (triple ? 3 : 2)
            let closing: [Unicode.Scalar] = triple ? ["}", "}", "}"] : ["}", "}"]
            var end = open
            while end + closing.count <= scalars.count && !scalars[end..<end + closing.count].elementsEqual(closing) { end += 1 }
            guard end + closing.count <= scalars.count else { break }
            var content = String(String.UnicodeScalarView(scalars[open..<end])).trimmingCharacters(in: .whitespaces)
            advance(to: end + closing.count)
            var kind = Tag.Kind.value
            if let sigil = content.first, !triple {
                switch sigil {
                case "=": return tags
                case "!", "/", "$": continue
                case ">": kind = .partial
                case "<": kind = .parent
                case "#", "^", "&": break
                default:
                    if !(sigil.isLetter || sigil.isNumber || sigil == "_" || sigil == ".") { continue }
                }
                if "><#^&".contains(sigil) { content = String(content.dropFirst()).trimmingCharacters(in: .whitespaces) }
            }
            // A transform, `empty(demands)`, names its argument.
            if let open = content.firstIndex(of: "("), content.hasSuffix(")") {
                content = String(content[content.index(after: open)..<content.index(before: content.endIndex)])
            }
            guard !content.isEmpty, content != ".", !content.hasPrefix("*") else { continue }
            tags.append(Tag(kind: kind, name: content, line: startLine, column: startColumn))
        }
        return tags
    }
}

extension Strings {
    /// Whether some word's key lies below `key` (`kinds` for `kinds.interview`).
    func hasWords(below key: String) -> Bool {
        values.keys.contains { $0.hasPrefix(key + ".") }
    }
}

extension SiteBuilder {
    /// Every name a page's values or a list item's values hold, at any depth: a template that
    /// names anything else prints nothing there. A test keeps it equal to what the builder makes.
    static let valueNames: Set<String> = [
        // Every page.
        "root", "path", "site", "t", "search", "section", "page_title", "title", "description", "language",
        "base_url", "home", "statements", "organisations", "demands", "tags", "matrix", "timeline", "data",
        "not-found",
        // The home page and lists.
        "counts", "under_review", "count", "pagination", "current", "total", "previous", "next", "feed",
        "organisation", "demand", "tag", "label", "statement_count", "organisation_count",
        // Organisations.
        "name", "short_name", "kind", "country", "website", "recorded", "aliases",
        // Statements.
        "statement", "date", "datetime", "co_signers", "author", "publication", "summary", "foreign_language",
        "source", "file", "file_path", "url", "captured", "sha256", "review", "item_html", "body", "evidence",
        "evidence_html", "cite", "chicago", "apa", "bibtex", "json_ld", "address", "related", "publisher",
        // Who demands what and the timeline.
        "rows", "cells", "anchor", "target", "chart", "years", "year", "months", "undated", "month_only",
        "reference_html", "references_html", "entry_html", "entries_html",
    ]
}
