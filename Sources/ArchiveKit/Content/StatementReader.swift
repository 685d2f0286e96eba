/// Reads one statement file: front matter checked field by field against the vocabularies, and the body.
public struct StatementReader: Sendable {
    /// What one file gave.
    public struct Result: Sendable {
        /// The statement, unless an error made it unusable.
        public var statement: Statement?
        /// Errors and warnings, each at its place in the file.
        public var diagnostics: [ContentError]
        /// Organisations the statement names that have no record, by id, with the name as written.
        public var unrecordedOrganisations: [String: String]
    }

    /// The front matter fields, in the order documentation lists them.
    public static let fields = [
        "title", "date", "organisation", "co_signers", "author", "publication", "kind", "language", "demands",
        "tags", "summary", "source", "draft", "review", "evidence",
    ]
    static let sourceFields = ["file", "url", "captured", "sha256"]

    let vocabulary: Vocabulary
    let defaultLanguage: String

    /// A reader that resolves references against `vocabulary`.
    public init(vocabulary: Vocabulary, defaultLanguage: String = "en") {
        self.vocabulary = vocabulary
        self.defaultLanguage = defaultLanguage
    }

    /// Reads a statement; `file` is the path shown in messages and recorded in the statement.
    public func read(_ text: String, file: String) -> Result {
        var diagnostics = Diagnostics()
        var unrecorded: [String: String] = [:]
        let statement = read(text, file: file, diagnostics: &diagnostics, unrecorded: &unrecorded)
        return Result(
            statement: diagnostics.errors.isEmpty ? statement : nil, diagnostics: diagnostics.all.sorted(),
            unrecordedOrganisations: unrecorded)
    }

    private func read(
        _ text: String, file: String, diagnostics: inout Diagnostics, unrecorded: inout [String: String]
    ) -> Statement? {
        if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            diagnostics.error(.emptyFile, at: SourceLocation(file: file))
            return nil
        }
        let split: FrontMatter
        let root: YAMLValue?
        do {
            split = try FrontMatter(splitting: text, file: file)
            root = try YAMLValue.parse(split.yaml, file: file, lineOffset: split.yamlLineOffset)
        } catch {
            diagnostics.record(error)
            return nil
        }
        let start = SourceLocation(file: file, line: 2)
        guard let fields = (root ?? YAMLValue.emptyMapping(file: file)).mapping(
            field: "front matter", diagnostics: &diagnostics)
        else { return nil }
        fields.reportUnknownKeys(allowed: Self.fields, diagnostics: &diagnostics)

        let stem = file.split(separator: "/").last.map { String($0.dropLast($0.hasSuffix(".md") ? 3 : 0)) } ?? file
        let id = stem.slug
        if id.isEmpty { diagnostics.error(.emptySlug(stem), at: SourceLocation(file: file)) }

        guard let titleValue = fields["title"] else {
            diagnostics.error(.missingField("title"), at: start)
            return nil
        }
        guard let title = titleValue.text(field: "title", diagnostics: &diagnostics) else {
            if titleValue.isNull { diagnostics.error(.missingField("title"), at: titleValue.location) }
            return nil
        }
        var statement = Statement(id: id, file: file, title: title, language: defaultLanguage, body: split.body)
        if split.body.allSatisfy(\.isWhitespace) {
            diagnostics.warning(.noText, at: SourceLocation(file: file, line: split.bodyLine))
        }
        if let value = fields["date"], let text = value.text(field: "date", diagnostics: &diagnostics) {
            statement.date = StatementDate(iso: text)
            if statement.date == nil { diagnostics.error(StatementDate.problem(with: text), at: value.location) }
        }
        if let value = fields["organisation"] {
            statement.organisation = value.items(field: "organisation", diagnostics: &diagnostics).first.flatMap {
                organisation(named: $0.text, at: $0.location, diagnostics: &diagnostics, unrecorded: &unrecorded)
            }
        }
        statement.coSigners = (fields["co_signers"]?.items(field: "co_signers", diagnostics: &diagnostics) ?? [])
            .compactMap {
                organisation(named: $0.text, at: $0.location, diagnostics: &diagnostics, unrecorded: &unrecorded)
            }
        statement.author = fields["author"]?.text(field: "author", diagnostics: &diagnostics)
        statement.publication = fields["publication"]?.text(field: "publication", diagnostics: &diagnostics)
        if let value = fields["kind"], let text = value.text(field: "kind", diagnostics: &diagnostics) {
            if let kind = StatementKind(rawValue: text.lowercased()) {
                statement.kind = kind
            } else {
                diagnostics.error(
                    .invalidValue(text, field: "kind", allowed: StatementKind.allCases.map(\.rawValue)),
                    at: value.location)
            }
        }
        if let language = fields["language"]?.text(field: "language", diagnostics: &diagnostics) {
            statement.language = language.lowercased()
        }
        statement.demands = demands(fields["demands"], diagnostics: &diagnostics)
        statement.tags = Array(
            Set((fields["tags"]?.items(field: "tags", diagnostics: &diagnostics) ?? []).map(\.text.slug))
                .subtracting([""])
        ).sorted()
        statement.summary = fields["summary"]?.text(field: "summary", diagnostics: &diagnostics)
        statement.source = fields["source"].flatMap { provenance($0, diagnostics: &diagnostics) }
        statement.isDraft = fields["draft"]?.bool(field: "draft", diagnostics: &diagnostics) ?? false
        statement.review = (fields["review"]?.items(field: "review", diagnostics: &diagnostics) ?? []).map(\.text)
        if let evidence = fields["evidence"]?.mapping(field: "evidence", diagnostics: &diagnostics) {
            for entry in evidence.entries {
                statement.evidence[entry.key] = entry.value.text(field: "evidence.\(entry.key)", diagnostics: &diagnostics)
            }
        }
        return statement
    }

    private func organisation(
        named name: String, at location: SourceLocation, diagnostics: inout Diagnostics,
        unrecorded: inout [String: String]
    ) -> String? {
        switch vocabulary.organisation(named: name) {
        case .organisation(let id):
            return id
        case .ambiguous(let ids):
            diagnostics.error(.ambiguousName(name, organisations: ids), at: location)
            return nil
        case .unknown:
            let id = name.slug
            guard !id.isEmpty else {
                diagnostics.error(.emptySlug(name), at: location)
                return nil
            }
            diagnostics.warning(
                .unknownOrganisation(name, suggestion: vocabulary.organisationSuggestion(for: name)), at: location)
            unrecorded[id] = unrecorded[id] ?? name
            return id
        }
    }

    private func demands(_ value: YAMLValue?, diagnostics: inout Diagnostics) -> [String] {
        var ids: Set<String> = []
        for item in value?.items(field: "demands", diagnostics: &diagnostics) ?? [] {
            if let id = vocabulary.demand(id: item.text) {
                ids.insert(id)
            } else {
                diagnostics.error(
                    .unknownDemand(item.text, suggestion: vocabulary.demandSuggestion(for: item.text)),
                    at: item.location)
            }
        }
        return vocabulary.demands.map(\.id).filter(ids.contains)
    }

    private func provenance(_ value: YAMLValue, diagnostics: inout Diagnostics) -> Provenance? {
        if case .scalar = value.node {
            return value.text(field: "source", diagnostics: &diagnostics).map { Provenance(file: $0) }
        }
        guard let fields = value.mapping(field: "source", diagnostics: &diagnostics) else { return nil }
        fields.reportUnknownKeys(allowed: Self.sourceFields, diagnostics: &diagnostics)
        let source = Provenance(
            file: fields["file"]?.text(field: "source.file", diagnostics: &diagnostics),
            url: fields["url"]?.webAddress(field: "source.url", diagnostics: &diagnostics),
            captured: fields["captured"]?.text(field: "source.captured", diagnostics: &diagnostics),
            sha256: fields["sha256"]?.text(field: "source.sha256", diagnostics: &diagnostics)?.lowercased())
        return source.isEmpty ? nil : source
    }
}

extension YAMLValue {
    /// An empty mapping, for a file whose front matter is empty.
    static func emptyMapping(file: String) -> YAMLValue {
        YAMLValue(node: .mapping(.init([])), file: file, lineOffset: 1)
    }
}
