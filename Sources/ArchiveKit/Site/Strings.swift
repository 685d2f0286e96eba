import Foundation
import Mustache
import Yams

/// The words a theme prints, in one language, read from `theme/i18n/<language>.yml`.
///
/// Keys may nest (`kinds: { interview: Interview }`); templates reach them as `{{t.kinds.interview}}`.
public struct Strings: Sendable, Hashable {
    /// Every word by dotted key: `kinds.interview`.
    public private(set) var values: [String: String]
    /// The language the words are in.
    public private(set) var language: String
    /// Every key that has keys below it (`kinds` for `kinds.interview`), for template lookups.
    fileprivate var scopes: Set<String> = []

    /// No words; every lookup gives its key back.
    public init(values: [String: String] = [:], language: String = "en") {
        self.values = values
        self.language = language
        for key in values.keys {
            var parts = key.split(separator: ".").dropLast()
            while !parts.isEmpty {
                scopes.insert(parts.joined(separator: "."))
                parts = parts.dropLast()
            }
        }
    }

    /// Reads `<language>.yml` from `folder`, filling gaps from `en.yml`.
    init(folder: URL, language: String, displayRoot: URL?) throws {
        var values: [String: String] = [:]
        for code in Set(["en", language]).sorted(by: { a, _ in a == "en" }) {
            let url = folder.appendingPathComponent("\(code).yml")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let file = url.path(relativeTo: displayRoot)
            guard let root = try YAMLValue.parse(text, file: file) else { continue }
            Self.flatten(root.node, prefix: "", into: &values)
        }
        self.init(values: values, language: language)
    }

    /// The word for a dotted key, or the key itself when the theme lacks it.
    public subscript(key: String) -> String {
        values[key] ?? key
    }

    /// A date as the language writes it: "11 January 2023", "11 de enero de 2023", "enero de 2023".
    public func format(_ date: StatementDate) -> String {
        format(date, day: "date.day", month: "date.month")
    }

    /// A date written with the patterns at two keys: one for a date with its day, one without.
    func format(_ date: StatementDate, day: String, month: String) -> String {
        let pattern = date.day == nil ? self[month] : self[day]
        // One pass over the pattern's bytes: pages and the search index format every statement's date.
        var result = ""
        var rest = pattern.utf8[...]
        while let open = rest.firstIndex(of: UInt8(ascii: "{")) {
            result += Substring(rest[..<open])
            rest = rest[open...]
            if rest.starts(with: "{day}".utf8) {
                result += date.day.map(String.init) ?? ""
                rest = rest.dropFirst(5)
            } else if rest.starts(with: "{month}".utf8) {
                result += self["months.\(date.month)"]
                rest = rest.dropFirst(7)
            } else if rest.starts(with: "{year}".utf8) {
                result += String(date.year)
                rest = rest.dropFirst(6)
            } else {
                result += "{"
                rest = rest.dropFirst()
            }
        }
        return result + Substring(rest)
    }

    private static func flatten(_ node: Yams.Node, prefix: String, into values: inout [String: String]) {
        switch node {
        case .scalar(let scalar):
            values[prefix] = scalar.string
        case .mapping(let mapping):
            for (key, value) in mapping {
                let name = key.string ?? ""
                flatten(value, prefix: prefix.isEmpty ? name : "\(prefix).\(name)", into: &values)
            }
        case .sequence(let sequence):
            for (index, value) in sequence.enumerated() {
                flatten(value, prefix: "\(prefix).\(index + 1)", into: &values)
            }
        case .alias:
            break
        }
    }
}

extension Strings: MustacheParent {
    /// What `{{t.name}}` finds: a word, or the words below `name` (`{{t.kinds.interview}}`).
    public func child(named name: String) -> Any? {
        Scope(strings: self, prefix: "").child(named: name)
    }

    /// The words below a dotted key.
    struct Scope: MustacheParent {
        let strings: Strings
        let prefix: String

        func child(named name: String) -> Any? {
            let key = prefix + name
            if let word = strings.values[key] { return word }
            return strings.scopes.contains(key) ? Scope(strings: strings, prefix: key + ".") : nil
        }
    }
}
