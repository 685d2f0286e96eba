/// Reads the archive's YAML data files: `archive.yml`, `organisations.yml`, `demands.yml` and `tags.yml`.
struct DataFileReader {
    var diagnostics = Diagnostics()

    /// Parses a file's YAML, recording any syntax error; `nil` for an empty or broken file.
    mutating func parse(_ text: String, file: String) -> YAMLValue? {
        do {
            return try YAMLValue.parse(text, file: file)
        } catch {
            diagnostics.record(error)
            return nil
        }
    }

    // MARK: - archive.yml

    static let settingsFields = ["title", "description", "language", "base_url", "latest", "search"]

    mutating func settings(from text: String, file: String) -> SiteSettings {
        var settings = SiteSettings()
        guard let root = parse(text, file: file),
            let fields = root.mapping(field: "archive.yml", diagnostics: &diagnostics)
        else { return settings }
        fields.reportUnknownKeys(allowed: Self.settingsFields, diagnostics: &diagnostics)
        if let title = fields["title"]?.text(field: "title", diagnostics: &diagnostics) { settings.title = title }
        if let text = fields["description"]?.text(field: "description", diagnostics: &diagnostics) {
            settings.description = text
        }
        if let language = fields["language"]?.text(field: "language", diagnostics: &diagnostics) {
            settings.language = language
        }
        if let value = fields["base_url"], let url = value.text(field: "base_url", diagnostics: &diagnostics) {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                settings.baseURL = url.hasSuffix("/") ? url : url + "/"
            } else {
                diagnostics.error(.expected("an absolute address starting with https://", field: "base_url"), at: value.location)
            }
        }
        if let value = fields["latest"], let text = value.text(field: "latest", diagnostics: &diagnostics) {
            if let count = Int(text), count >= 0 {
                settings.latestCount = count
            } else {
                diagnostics.error(.expected("a whole number", field: "latest"), at: value.location)
            }
        }
        if let search = fields["search"]?.bool(field: "search", diagnostics: &diagnostics) {
            settings.search = search
        }
        return settings
    }

    // MARK: - organisations.yml

    static let organisationFields = [
        "id", "name", "short_name", "aliases", "kind", "country", "website", "description",
    ]

    mutating func organisations(from text: String, file: String) -> [Organisation] {
        guard let root = parse(text, file: file) else { return [] }
        var seen: [String: SourceLocation] = [:]
        var names: [String: (id: String, place: SourceLocation)] = [:]
        var organisations: [Organisation] = []
        for entry in root.mappings(field: "organisations", diagnostics: &diagnostics) {
            entry.reportUnknownKeys(allowed: Self.organisationFields, diagnostics: &diagnostics)
            guard let (id, location) = identifier(of: entry, file: file, seen: &seen) else { continue }
            guard let name = required("name", in: entry, at: location) else { continue }
            var organisation = Organisation(id: id, name: name)
            organisation.shortName = entry["short_name"]?.text(field: "short_name", diagnostics: &diagnostics)
            let aliases = entry["aliases"]?.items(field: "aliases", diagnostics: &diagnostics) ?? []
            organisation.aliases = aliases.map(\.text)
            organisation.country = entry["country"]?.text(field: "country", diagnostics: &diagnostics)
            organisation.website = entry["website"]?.webAddress(field: "website", diagnostics: &diagnostics)
            organisation.description = entry["description"]?.text(field: "description", diagnostics: &diagnostics)
            if let value = entry["kind"], let kind = value.text(field: "kind", diagnostics: &diagnostics) {
                if let parsed = Organisation.Kind(rawValue: kind.lowercased()) {
                    organisation.kind = parsed
                } else {
                    diagnostics.error(
                        .invalidValue(kind, field: "kind", allowed: Organisation.Kind.allCases.map(\.rawValue)),
                        at: value.location)
                }
            }
            // Two records answering to one name would make every reference to it ambiguous.
            var spellings = [(id, location), (name, entry["name"]?.location ?? location)]
            if let shortName = organisation.shortName, let value = entry["short_name"] {
                spellings.append((shortName, value.location))
            }
            spellings += aliases.map { ($0.text, $0.location) }
            for (spelling, place) in spellings {
                if let first = names[spelling.folded], first.id != id {
                    diagnostics.error(
                        .duplicate(spelling, field: "name or alias", first: "\(first.place.file):\(first.place.line)"),
                        at: place)
                } else if names[spelling.folded] == nil {
                    names[spelling.folded] = (id, place)
                }
            }
            organisations.append(organisation)
        }
        return organisations
    }

    // MARK: - demands.yml and tags.yml

    static let demandFields = ["id", "label", "description", "phrases"]
    static let tagFields = ["id", "label", "phrases"]

    mutating func demands(from text: String, file: String, language: String) -> [Demand] {
        guard let root = parse(text, file: file) else { return [] }
        var seen: [String: SourceLocation] = [:]
        var demands: [Demand] = []
        for entry in root.mappings(field: "demands", diagnostics: &diagnostics) {
            entry.reportUnknownKeys(allowed: Self.demandFields, diagnostics: &diagnostics)
            guard let (id, location) = identifier(of: entry, file: file, seen: &seen) else { continue }
            let labels = entry["label"]?.localizedText(field: "label", diagnostics: &diagnostics) ?? [:]
            guard let label = labels.text(in: language) else {
                diagnostics.error(.missingField("label"), at: location)
                continue
            }
            let description = entry["description"]?.localizedText(field: "description", diagnostics: &diagnostics)
            let phrases = entry["phrases"]?.phrases(field: "phrases", diagnostics: &diagnostics) ?? [:]
            demands.append(Demand(id: id, label: label, description: description?.text(in: language), phrases: phrases))
        }
        return demands
    }

    mutating func tags(from text: String, file: String, language: String) -> [Tag] {
        guard let root = parse(text, file: file) else { return [] }
        var seen: [String: SourceLocation] = [:]
        var tags: [Tag] = []
        for entry in root.mappings(field: "tags", diagnostics: &diagnostics) {
            entry.reportUnknownKeys(allowed: Self.tagFields, diagnostics: &diagnostics)
            guard let (id, _) = identifier(of: entry, file: file, seen: &seen) else { continue }
            let labels = entry["label"]?.localizedText(field: "label", diagnostics: &diagnostics) ?? [:]
            let phrases = entry["phrases"]?.phrases(field: "phrases", diagnostics: &diagnostics) ?? [:]
            tags.append(Tag(id: id, label: labels.text(in: language), phrases: phrases))
        }
        return tags
    }

    // MARK: - Shared fields

    /// The entry's `id`: present, a slug, and not used before in the file.
    private mutating func identifier(
        of entry: YAMLMapping, file: String, seen: inout [String: SourceLocation]
    ) -> (String, SourceLocation)? {
        let location = entry.entries.first?.keyLocation ?? SourceLocation(file: file)
        guard let value = entry["id"], let id = value.text(field: "id", diagnostics: &diagnostics) else {
            diagnostics.error(.missingField("id"), at: location)
            return nil
        }
        guard id == id.slug else {
            diagnostics.error(.invalidIdentifier(id, suggestion: id.slug), at: value.location)
            return nil
        }
        if let first = seen[id] {
            diagnostics.error(.duplicate(id, field: "id", first: "\(first.file):\(first.line)"), at: value.location)
            return nil
        }
        seen[id] = value.location
        return (id, value.location)
    }

    private mutating func required(_ field: String, in entry: YAMLMapping, at location: SourceLocation) -> String? {
        guard let text = entry[field]?.text(field: field, diagnostics: &diagnostics) else {
            diagnostics.error(.missingField(field), at: location)
            return nil
        }
        return text
    }
}
