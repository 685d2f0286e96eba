import Foundation
import Yams

/// A YAML node that knows where it stands in its file, with readers that report misuse as content errors.
struct YAMLValue {
    let node: Node
    let file: String
    /// Lines before the YAML text in its file: 1 for front matter, after the opening `---`.
    let lineOffset: Int

    /// Parses YAML text; `nil` for an empty document.
    static func parse(_ text: String, file: String, lineOffset: Int = 0) throws(ContentError) -> YAMLValue? {
        do {
            // Values are read as text by the field readers, so plain scalars need no tag resolution:
            // the basic resolver skips the default one's pattern matching of every scalar.
            return try Yams.compose(yaml: text, .basic, .default, .utf8).map {
                YAMLValue(node: $0, file: file, lineOffset: lineOffset)
            }
        } catch let error as YamlError {
            throw ContentError(error, file: file, lineOffset: lineOffset)
        } catch {
            throw ContentError(file: file, line: lineOffset + 1, reason: .invalidYAML("\(error)"))
        }
    }

    var location: SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: lineOffset + 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    /// `true` for `null`, `~` and an empty value.
    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The text of a scalar, trimmed; `nil` (and an error) for a list or a mapping, `nil` alone for null.
    func text(field: String, diagnostics: inout Diagnostics) -> String? {
        if isNull { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.error(.expected("a single value, not a list or mapping", field: field), at: location)
            return nil
        }
        let trimmed = scalar.string.withoutControlCharacters.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An `http://` or `https://` address: any other scheme (`javascript:`, `data:`) could run in
    /// a reader's browser when a page links to it.
    func webAddress(field: String, diagnostics: inout Diagnostics) -> String? {
        guard let text = text(field: field, diagnostics: &diagnostics) else { return nil }
        let lowered = text.lowercased()
        let schemed = lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
        guard schemed, !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            diagnostics.error(
                .expected("an address starting with https:// or http://, without spaces", field: field), at: location)
            return nil
        }
        return text
    }

    /// The items of a list, each with its place; a single value counts as a list of one.
    func items(field: String, diagnostics: inout Diagnostics) -> [(text: String, location: SourceLocation)] {
        if isNull { return [] }
        switch node {
        case .scalar:
            return text(field: field, diagnostics: &diagnostics).map { [($0, location)] } ?? []
        case .sequence(let sequence):
            return sequence.compactMap { item in
                let value = YAMLValue(node: item, file: file, lineOffset: lineOffset)
                return value.text(field: field, diagnostics: &diagnostics).map { ($0, value.location) }
            }
        default:
            diagnostics.error(.expected("a list, e.g. [a, b]", field: field), at: location)
            return []
        }
    }

    /// A `true`/`false` value.
    func bool(field: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let text = text(field: field, diagnostics: &diagnostics) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.error(.expected("true or false", field: field), at: location)
            return nil
        }
    }

    /// The entries of a mapping, in file order; `nil` (and an error) for anything else.
    func mapping(field: String, diagnostics: inout Diagnostics) -> YAMLMapping? {
        if isNull { return YAMLMapping(entries: []) }
        guard case .mapping(let mapping) = node else {
            diagnostics.error(.expected("a mapping of fields, e.g. { key: value }", field: field), at: location)
            return nil
        }
        return YAMLMapping(
            entries: mapping.map { pair in
                (
                    key: pair.key.string ?? "",
                    value: YAMLValue(node: pair.value, file: file, lineOffset: lineOffset),
                    keyLocation: YAMLValue(node: pair.key, file: file, lineOffset: lineOffset).location
                )
            })
    }

    /// The items of a list of mappings, as in `organisations.yml`.
    func mappings(field: String, diagnostics: inout Diagnostics) -> [YAMLMapping] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else {
            diagnostics.error(.expected("a list of entries, each starting with '- id:'", field: field), at: location)
            return []
        }
        return sequence.compactMap {
            YAMLValue(node: $0, file: file, lineOffset: lineOffset).mapping(field: field, diagnostics: &diagnostics)
        }
    }

    /// Text that may be given once, or per language: `label: Dissolve Congress` or
    /// `label: { en: Dissolve Congress, es: Disolución del Congreso }`.
    func localizedText(field: String, diagnostics: inout Diagnostics) -> [String: String] {
        if case .mapping = node, let mapping = mapping(field: field, diagnostics: &diagnostics) {
            var texts: [String: String] = [:]
            for entry in mapping.entries {
                texts[entry.key] = entry.value.text(field: "\(field).\(entry.key)", diagnostics: &diagnostics)
            }
            return texts
        }
        return text(field: field, diagnostics: &diagnostics).map { ["": $0] } ?? [:]
    }

    /// Lists of phrases by language: `phrases: { en: [...], es: [...] }`.
    func phrases(field: String, diagnostics: inout Diagnostics) -> [String: [String]] {
        guard let mapping = mapping(field: field, diagnostics: &diagnostics) else { return [:] }
        var phrases: [String: [String]] = [:]
        for entry in mapping.entries {
            phrases[entry.key] = entry.value.items(field: "\(field).\(entry.key)", diagnostics: &diagnostics).map(\.text)
        }
        return phrases
    }
}

/// The entries of a YAML mapping in file order.
struct YAMLMapping {
    var entries: [(key: String, value: YAMLValue, keyLocation: SourceLocation)]

    /// The value for a key, if present.
    subscript(key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }

    /// Reports every key not in `allowed`, with a did-you-mean.
    func reportUnknownKeys(allowed: [String], diagnostics: inout Diagnostics) {
        for entry in entries where !allowed.contains(entry.key) {
            diagnostics.error(
                .unknownField(entry.key, allowed: allowed, suggestion: entry.key.closest(among: allowed)),
                at: entry.keyLocation)
        }
    }
}

extension ContentError {
    /// Places a Yams error in its file.
    init(_ error: YamlError, file: String, lineOffset: Int) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            self.init(file: file, line: mark.line + lineOffset, column: mark.column, reason: .invalidYAML(detail))
        case .duplicatedKeysInMapping(let duplicates, let context):
            self.init(
                file: file, line: context.mark.line + lineOffset, column: context.mark.column,
                reason: .invalidYAML("a key appears twice: \(duplicates.sorted().joined(separator: ", "))"))
        default:
            self.init(file: file, line: lineOffset + 1, reason: .invalidYAML("\(error)"))
        }
    }
}

extension [String: String] {
    /// The text in a language, else in English, else the one given without a language.
    func text(in language: String) -> String? {
        self[language] ?? self["en"] ?? self[""] ?? self.sorted { $0.key < $1.key }.first?.value
    }
}
