import Foundation

/// `archive new`: a statement file with its front matter filled in, for text written directly.
public struct NewStatement: Sendable {
    /// The headline.
    public var title: String
    /// The issuer as given: id, name or alias.
    public var organisation: String?
    /// When it was published.
    public var date: StatementDate?
    /// What sort of text it is.
    public var kind: StatementKind
    /// Its language; the archive's when `nil`.
    public var language: String?

    /// A new statement.
    public init(
        title: String, organisation: String? = nil, date: StatementDate? = nil, kind: StatementKind = .statement,
        language: String? = nil
    ) {
        self.title = title
        self.organisation = organisation
        self.date = date
        self.kind = kind
        self.language = language
    }

    /// Writes the file; never replaces one. Returns its path relative to the root, and warnings.
    public func write(root: URL) throws -> (path: String, warnings: [String]) {
        var diagnostics = Diagnostics()
        let (settings, vocabulary) = VocabularyFiles(root: root.standardizedFileURL).read(diagnostics: &diagnostics)
        guard diagnostics.errors.isEmpty else { throw ContentErrors(diagnostics.errors) }
        var warnings: [String] = []
        var statement = ImportedStatement(title: title, date: date, kind: kind, language: language ?? settings.language)
        if let organisation {
            switch vocabulary.organisation(named: organisation) {
            case .organisation(let id):
                statement.organisation = id
            case .ambiguous(let ids):
                throw ContentErrors([
                    ContentError(file: "content/organisations.yml", reason: .ambiguousName(organisation, organisations: ids))
                ])
            case .unknown:
                statement.organisation = organisation
                let hint = vocabulary.organisationSuggestion(for: organisation).map { " (did you mean '\($0)'?)" } ?? ""
                warnings.append("warning: '\(organisation)' is not in content/organisations.yml\(hint)")
            }
        }
        statement.body = "Write the statement here, in Markdown.\n"
        let path = "content/statements/\(ImportRun.fileName(for: statement)).md"
        let url = root.appendingPathComponent(path)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw ContentErrors([ContentError(file: path, reason: .duplicate(path, field: "file", first: path))])
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(try statement.markdownFile(skippingSource: true).utf8).write(to: url, options: .withoutOverwriting)
        return (path, warnings)
    }
}
