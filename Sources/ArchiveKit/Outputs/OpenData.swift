import Foundation

/// The archive as open data under `data/`: every statement with its metadata and plain text as
/// JSON and as CSV, the organisations and the demands as JSON, and a Frictionless Data Package
/// (`datapackage.json`) that describes them. `docs/data.md` documents every field.
struct OpenData: Sendable {
    let archive: Archive
    /// The statements' bodies as plain text.
    let texts: BodyTexts

    /// How lists are joined in a CSV cell: ids and names never hold it.
    static let listSeparator = "; "

    /// One statement as the data files give it.
    struct StatementRecord: Codable, Sendable {
        var id: String
        var url: String
        var title: String
        var date: String?
        var kind: String
        var language: String
        var organisation: String?
        var organisationName: String?
        var coSigners: [String]
        var author: String?
        var publication: String?
        var demands: [String]
        var tags: [String]
        var summary: String?
        var sourceURL: String?
        var sourceFile: String?
        var captured: String?
        var sha256: String?
        var underReview: [String]
        var text: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, url, title, date, kind, language, organisation
            case organisationName = "organisation_name"
            case coSigners = "co_signers"
            case author, publication, demands, tags, summary
            case sourceURL = "source_url"
            case sourceFile = "source_file"
            case captured, sha256
            case underReview = "under_review"
            case text
        }

        /// The record as a JSON object, its members in the order of `CodingKeys`.
        func json(indent: Int) -> String {
            let text = { (value: String?) in JSONText.optional(value) }
            return JSONText.object([
                ("id", text(id)), ("url", text(url)), ("title", text(title)), ("date", text(date)),
                ("kind", text(kind)), ("language", text(language)), ("organisation", text(organisation)),
                ("organisation_name", text(organisationName)), ("co_signers", JSONText.array(coSigners)),
                ("author", text(author)), ("publication", text(publication)), ("demands", JSONText.array(demands)),
                ("tags", JSONText.array(tags)), ("summary", text(summary)), ("source_url", text(sourceURL)),
                ("source_file", text(sourceFile)), ("captured", text(captured)), ("sha256", text(sha256)),
                ("under_review", JSONText.array(underReview)), ("text", text(self.text)),
            ], indent: indent)
        }

        /// The record's CSV cells, in the order of `CodingKeys`.
        var cells: [String] {
            let list = { (values: [String]) in values.joined(separator: OpenData.listSeparator) }
            return [
                id, url, title, date ?? "", kind, language, organisation ?? "", organisationName ?? "",
                list(coSigners), author ?? "", publication ?? "", list(demands), list(tags), summary ?? "",
                sourceURL ?? "", sourceFile ?? "", captured ?? "", sha256 ?? "", list(underReview), text,
            ]
        }
    }

    struct OrganisationRecord: Codable, Sendable {
        var id: String
        var name: String
        var shortName: String?
        var aliases: [String]
        var kind: String
        var country: String?
        var website: String?
        var description: String?
        var recorded: Bool
        var statements: Int
        var demands: [String]

        enum CodingKeys: String, CodingKey {
            case id, name
            case shortName = "short_name"
            case aliases, kind, country, website, description, recorded, statements, demands
        }
    }

    struct DemandRecord: Codable, Sendable {
        var id: String
        var label: String
        var description: String?
        var statements: Int
        var organisations: [String]
    }

    /// The address of a statement's page: absolute when the archive has a base address, else its
    /// file from the site's root.
    private func address(_ statement: Statement) -> String {
        archive.settings.baseURL.map { $0 + "statements/\(statement.id)/" } ?? Page.path(of: statement)
    }

    private func record(_ statement: Statement) -> StatementRecord {
        StatementRecord(
            id: statement.id, url: address(statement), title: statement.title,
            date: statement.date?.description, kind: statement.kind.rawValue, language: statement.language,
            organisation: statement.organisation,
            organisationName: statement.organisation.flatMap { archive.organisations[$0]?.name },
            coSigners: statement.coSigners, author: statement.author, publication: statement.publication,
            demands: statement.demands, tags: statement.tags, summary: statement.summary,
            sourceURL: statement.source?.url, sourceFile: statement.source?.file,
            captured: statement.source?.captured, sha256: statement.source?.sha256, underReview: statement.review,
            text: Self.trimmed(texts.text(of: statement)))
    }

    var organisations: [OrganisationRecord] {
        archive.organisationsByName.map { organisation in
            OrganisationRecord(
                id: organisation.id, name: organisation.name, shortName: organisation.shortName,
                aliases: organisation.aliases, kind: organisation.kind.rawValue, country: organisation.country,
                website: organisation.website, description: organisation.description,
                recorded: organisation.isRecorded, statements: archive.statements(by: organisation.id).count,
                demands: archive.demands(raisedBy: organisation.id).map(\.demand.id))
        }
    }

    var demands: [DemandRecord] {
        archive.demands.map { demand in
            DemandRecord(
                id: demand.id, label: demand.label, description: demand.description,
                statements: archive.statements(raising: demand.id).count,
                organisations: archive.organisations(raising: demand.id).map(\.id))
        }
    }

    /// The files under `data/`.
    func files() -> [OutputFile] {
        files(keys: nil, earlier: nil).files
    }

    /// Where each statement's record lies in `statements.json` and `statements.csv`, so that the
    /// next build copies the records of unchanged statements instead of making them again.
    struct Records: Sendable, Equatable {
        /// One record: its statement's key (see `OutputKeys`) and its bytes in each file.
        struct Span: Sendable, Equatable {
            var key: String
            var json: Range<Int>
            var csv: Range<Int>
        }

        /// Every record, in the order written.
        var spans: [Span] = []
    }

    /// Where the statements' files are written, inside the output folder.
    static let statementPaths = (json: "data/statements.json", csv: "data/statements.csv")

    /// The statement files as the last build wrote them, and where each record lies in them.
    struct Earlier: Sendable {
        /// One of the files, by absolute path, and its size.
        struct File: Sendable {
            var path: String
            var size: Int
        }

        var records: Records
        var json: File
        var csv: File

        /// Each earlier record, by statement key; none if the spans do not fit the files.
        fileprivate var byKey: [String: Records.Span] {
            guard records.spans.allSatisfy({ $0.json.upperBound <= json.size && $0.csv.upperBound <= csv.size }) else {
                return [:]
            }
            return Dictionary(records.spans.map { ($0.key, $0) }) { _, last in last }
        }
    }

    /// The files under `data/`, and where each statement's record lies in them. With `keys`, the
    /// record of a statement whose key is in `earlier` is taken from the earlier files: the new
    /// files are splices of them (see `OutputFile.Splice`), and unchanged records are copied by
    /// the kernel, never read. Otherwise, with `staging`, the statement files are written into it as
    /// their records are made, and only their paths are given (`streamed`).
    func files(
        keys: OutputKeys?, earlier: Earlier?, staging: SiteWriter.Staging? = nil
    ) -> (files: [OutputFile], records: Records, streamed: [String]) {
        let statements = archive.statements
        let statementKeys = statements.map { keys?.statements[$0.id] ?? "" }
        let copied = keys == nil ? [:] : earlier?.byKey ?? [:]
        // Records are made on all cores a batch at a time, each batch added to the files as soon as
        // it is made, so that no more than a batch of them is held beside the files.
        let batch = 128
        func makeRecords(_ indices: Range<Int>) -> [Int: (json: [UInt8], csv: [UInt8])] {
            let making = indices.filter { copied[statementKeys[$0]] == nil }
            let made = making.concurrentMap { index -> (json: [UInt8], csv: [UInt8]) in
                let record = record(statements[index])
                return (Array(record.json(indent: 2).utf8), Array(Self.row(record).utf8))
            }
            return Dictionary(uniqueKeysWithValues: zip(making, made))
        }
        var made = makeRecords(0..<min(batch, statements.count))
        // Room for every record made, at the first batch's size per record.
        let makingCount = statements.indices.count { copied[statementKeys[$0]] == nil }
        let perRecord = made.isEmpty ? (json: 0, csv: 0) : (
            json: made.values.reduce(0) { $0 + $1.json.count + 4 } / made.count + 64,
            csv: made.values.reduce(0) { $0 + $1.csv.count } / made.count + 32)

        let copying = !copied.isEmpty
        func bytes(_ path: String, source: String?, capacity: Int) -> SplicedBytes {
            if !copying, let staging {
                do {
                    return SplicedBytes(appendingTo: try staging.appending(path))
                } catch {
                    staging.fail(error)
                }
            }
            return SplicedBytes(source: copying ? source : nil, capacity: capacity)
        }
        var json = bytes(
            Self.statementPaths.json, source: earlier?.json.path, capacity: 16 + makingCount * perRecord.json)
        var csv = bytes(
            Self.statementPaths.csv, source: earlier?.csv.path,
            capacity: Self.csvHeader.utf8.count + makingCount * perRecord.csv)
        csv.append(Self.csvHeader.utf8)
        json.append((statements.isEmpty ? "[" : "[\n  ").utf8)
        let separator = Array(",\n  ".utf8)
        var records = Records()
        records.spans.reserveCapacity(statements.count)
        // Where the last record copied ends in the earlier JSON file: a record that follows it
        // there takes the separator between them with it.
        var copiedUpTo: Int?
        for index in statements.indices {
            if index > 0, index % batch == 0 { made = makeRecords(index..<min(index + batch, statements.count)) }
            let span = made[index] == nil ? copied[statementKeys[index]] : nil
            if index > 0 {
                if let span, let end = copiedUpTo, span.json.lowerBound == end + separator.count {
                    json.copy(end..<span.json.lowerBound)
                } else {
                    json.append(separator)
                }
            }
            let (jsonStart, csvStart) = (json.count, csv.count)
            if let record = made[index] {
                json.append(record.json)
                csv.append(record.csv)
                copiedUpTo = nil
            } else if let span {
                json.copy(span.json)
                csv.copy(span.csv)
                copiedUpTo = span.json.upperBound
            }
            records.spans.append(
                Records.Span(key: statementKeys[index], json: jsonStart..<json.count, csv: csvStart..<csv.count))
        }
        json.append((statements.isEmpty ? "]\n" : "\n]\n").utf8)
        let statementFiles = [(Self.statementPaths.json, json), (Self.statementPaths.csv, csv)].map { path, bytes in
            (path: path, file: bytes.file(path))
        }
        let files = statementFiles.compactMap(\.file) + [
            OutputFile(path: "data/organisations.json", contents: Self.json(organisations)),
            OutputFile(path: "data/demands.json", contents: Self.json(demands)),
            OutputFile(path: "data/datapackage.json", contents: Self.json(package)),
        ]
        return (files, records, statementFiles.filter { $0.file == nil }.map(\.path))
    }

    static func json(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value is text, numbers and lists: encoding cannot fail.
        return ((try? encoder.encode(value)) ?? Data("null".utf8)) + Data("\n".utf8)
    }

    /// The CSV file's header row. The file follows RFC 4180: a header row, CRLF line ends, and a
    /// cell quoted (its quotes doubled) when it holds a comma, a quote, a line break or space at
    /// either end.
    private static let csvHeader = StatementRecord.CodingKeys.allCases.map(\.rawValue).joined(separator: ",") + "\r\n"

    /// One record's CSV row, with its line end.
    private static func row(_ record: StatementRecord) -> String {
        record.cells.map(cell).joined(separator: ",") + "\r\n"
    }

    private static func cell(_ value: String) -> String {
        // Most cells hold nothing to quote or leave out, and are checked byte by byte.
        let utf8 = value.utf8
        let plain = !value.containsByte(in: specialInCell) && utf8.first != 0x20 && utf8.last != 0x20
        if plain { return value }
        // Characters XML cannot hold are left out here too, and quotes doubled.
        return "\"" + XMLText.quotedCell(value) + "\""
    }

    /// What makes a CSV cell quoted or changed: what `XMLText.quotedCell` changes, and the
    /// line breaks, tabs and commas that are kept but need quotes.
    private static let specialInCell = ByteSet { XMLText.specialInCell.contains($0) || $0 < 0x20 || $0 == 0x2C }

    /// Text without white space at either end, trimmed byte by byte; text with none there (most
    /// bodies) is returned as it is, without being copied.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        let space = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        guard let first = utf8.firstIndex(where: { !space($0) }), let last = utf8.lastIndex(where: { !space($0) }) else { return "" }
        if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex { return text }
        // White space is ASCII: both ends fall between scalars.
        return String(text[first..<utf8.index(after: last)])
    }

    // MARK: - Data Package

    struct Package: Encodable {
        var profile = "data-package"
        var name: String
        var title: String
        var description: String
        var homepage: String?
        var resources: [Resource]
    }

    struct Resource: Encodable {
        var name: String
        var path: String
        var profile: String
        var title: String
        var format: String
        var mediatype: String
        var encoding = "utf-8"
        var schema: Schema?
    }

    struct Schema: Encodable {
        var fields: [Field]
        var primaryKey: String
    }

    struct Field: Encodable {
        var name: String
        var type: String
        var description: String
    }

    /// What each CSV column holds.
    static let fieldDescriptions: [StatementRecord.CodingKeys: (type: String, description: String)] = [
        .id: ("string", "The statement's id: its file name without .md, and its page's folder."),
        .url: ("string", "Its page: an absolute address when the archive has a base address, else from the site's root."),
        .title: ("string", "The headline."),
        .date: ("string", "YYYY-MM-DD, or YYYY-MM when only the month is known; empty when undated."),
        .kind: ("string", "statement, interview, article, open-letter or joint-statement."),
        .language: ("string", "The language code of the text."),
        .organisation: ("string", "The id of the issuing organisation (see organisations.json); empty when unknown."),
        .organisationName: ("string", "The issuing organisation's name."),
        .coSigners: ("string", "Ids of the organisations that signed it too, separated by \"; \"."),
        .author: ("string", "The person who wrote or signed it."),
        .publication: ("string", "Where it appeared, when that is not the organisation itself."),
        .demands: ("string", "Ids of the demands it raises (see demands.json), separated by \"; \"."),
        .tags: ("string", "Tags, separated by \"; \"."),
        .summary: ("string", "One or two sentences."),
        .sourceURL: ("string", "The address it was published at."),
        .sourceFile: ("string", "The original capture, published in the site under sources/."),
        .captured: ("string", "When it was captured, as recorded."),
        .sha256: ("string", "The SHA-256 of the original capture."),
        .underReview: ("string", "Fields a person has still to check, separated by \"; \"; empty once reviewed."),
        .text: ("string", "The text without markup, paragraphs separated by line breaks."),
    ]

    var package: Package {
        let fields = StatementRecord.CodingKeys.allCases.map { key in
            let about = Self.fieldDescriptions[key] ?? ("string", "")
            return Field(name: key.rawValue, type: about.type, description: about.description)
        }
        let settings = archive.settings
        let name = settings.title.slug.isEmpty ? "archive" : settings.title.slug
        return Package(
            name: name, title: settings.title, description: settings.description, homepage: settings.baseURL,
            resources: [
                Resource(
                    name: "statements", path: "statements.csv", profile: "tabular-data-resource",
                    title: "Statements (CSV)", format: "csv", mediatype: "text/csv",
                    schema: Schema(fields: fields, primaryKey: "id")),
                Resource(
                    name: "statements-json", path: "statements.json", profile: "data-resource",
                    title: "Statements (JSON)", format: "json", mediatype: "application/json"),
                Resource(
                    name: "organisations", path: "organisations.json", profile: "data-resource",
                    title: "Organisations", format: "json", mediatype: "application/json"),
                Resource(
                    name: "demands", path: "demands.json", profile: "data-resource", title: "Demands",
                    format: "json", mediatype: "application/json"),
            ])
    }
}
