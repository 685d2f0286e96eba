import Foundation

/// What the importer knows about page furniture and the language of calls, as data.
///
/// The built-in rules (`ImportRules.defaultYAML`) can be extended by `content/import-rules.yml`
/// in the same form; lists in that file are added to the built-in ones.
public struct ImportRules: Sendable {
    /// Whole lines that are furniture, folded.
    public var furniture: Set<String> = []
    /// Starts of lines that are furniture, folded.
    public var furniturePrefixes: [String] = []
    /// Lines from which everything to the end is furniture, folded.
    public var cutFrom: Set<String> = []
    /// Words of appeals to donate, join or subscribe, folded.
    public var appeals: [String] = []
    /// Words marking a call for something, by language, folded.
    public var calls: [String: [String]] = [:]
    /// Words that mark a sentence as reporting someone else's call, by language, folded.
    public var reporting: [String: [String]] = [:]
    /// Words that mark the writer speaking for itself, by language, folded.
    public var firstPerson: [String: [String]] = [:]
    /// Words that, just before a demand's phrase, reject it, by language, folded.
    public var rejections: [String: [String]] = [:]
    /// Verbs that make an organisation opening a sentence its issuer, by language, folded.
    public var issuerVerbs: [String: [String]] = [:]
    /// Words that make a closing line a signature, by language, folded.
    public var signatureWords: [String: [String]] = [:]
    /// Signature words that name a body inside an organisation, by language, folded.
    public var organWords: [String: [String]] = [:]
    /// Words of bylines that name a desk or an account rather than a person, folded.
    public var notAuthors: Set<String> = []
    /// Common words by language, folded.
    public var stopwords: [String: Set<String>] = [:]
    /// Month names by language, twelve in order, for languages beyond the built-in English and Spanish.
    public var months: [String: [String]] = [:]
    /// Languages that write numeric dates day first ("14/01/2023").
    public var dayFirstLanguages: Set<String> = []

    /// The built-in rules only.
    public static let builtIn: ImportRules = {
        var rules = ImportRules()
        // The built-in YAML is part of the program; it is checked by the tests.
        try? rules.add(yaml: defaultYAML, file: "built-in import rules")
        return rules
    }()

    /// The built-in rules plus those in `file` (relative to `root`), when it exists.
    public static func load(root: URL, file: String = "content/import-rules.yml") throws -> ImportRules {
        var rules = builtIn
        let url = root.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return rules }
        guard let data = FileManager.default.contents(atPath: url.path),
            let text = String(validating: data, as: UTF8.self)
        else { throw ContentErrors([ContentError(file: file, reason: .notUTF8)]) }
        try rules.add(yaml: text, file: file)
        return rules
    }

    static let fields = [
        "furniture", "furniture_prefixes", "cut_from", "appeals", "calls", "issuer_verbs", "signature_words",
        "stopwords", "day_first", "reporting", "first_person", "rejections", "organ_words", "not_authors", "months",
    ]

    /// Adds the rules in a YAML text to these.
    mutating func add(yaml: String, file: String) throws {
        var diagnostics = Diagnostics()
        let root: YAMLValue?
        do throws(ContentError) {
            root = try YAMLValue.parse(yaml, file: file)
        } catch {
            throw ContentErrors([error])
        }
        guard let root, let fields = root.mapping(field: "import rules", diagnostics: &diagnostics) else {
            if !diagnostics.errors.isEmpty { throw ContentErrors(diagnostics.errors) }
            return
        }
        fields.reportUnknownKeys(allowed: Self.fields, diagnostics: &diagnostics)
        func list(_ key: String) -> [String] {
            (fields[key]?.items(field: key, diagnostics: &diagnostics) ?? []).map { $0.text.matchKey }
        }
        func byLanguage(_ key: String) -> [String: [String]] {
            (fields[key]?.phrases(field: key, diagnostics: &diagnostics) ?? [:]).mapValues { $0.map(\.matchKey) }
        }
        furniture.formUnion(list("furniture"))
        furniturePrefixes += list("furniture_prefixes")
        cutFrom.formUnion(list("cut_from"))
        appeals += list("appeals")
        calls.merge(byLanguage("calls")) { $0 + $1 }
        issuerVerbs.merge(byLanguage("issuer_verbs")) { $0 + $1 }
        reporting.merge(byLanguage("reporting")) { $0 + $1 }
        firstPerson.merge(byLanguage("first_person")) { $0 + $1 }
        rejections.merge(byLanguage("rejections")) { $0 + $1 }
        signatureWords.merge(byLanguage("signature_words")) { $0 + $1 }
        stopwords.merge(byLanguage("stopwords").mapValues(Set.init)) { $0.union($1) }
        dayFirstLanguages.formUnion(list("day_first"))
        organWords.merge(byLanguage("organ_words")) { $0 + $1 }
        notAuthors.formUnion(list("not_authors"))
        for (language, names) in byLanguage("months") {
            guard names.count == 12 else {
                diagnostics.error(.invalidValue(
                    "\(names.count) names", field: "months.\(language)", allowed: ["twelve month names, January first"]),
                    at: fields["months"]?.location ?? .init(file: file, line: 1, column: 1))
                continue
            }
            months[language] = names
        }
        if !diagnostics.errors.isEmpty { throw ContentErrors(diagnostics.errors) }
    }

    /// Words for a language, falling back to English's when the language has none.
    func words(_ table: [String: [String]], for language: String) -> [String] {
        table[language] ?? table["en"] ?? []
    }
}
