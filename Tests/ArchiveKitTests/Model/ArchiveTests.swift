import Testing
@testable import ArchiveKit

@Suite("Archive grouping and ordering")
struct ArchiveTests {
    func statement(_ id: String, _ date: String?, organisation: String? = nil, coSigners: [String] = [],
                   demands: [String] = [], tags: [String] = [], title: String? = nil) -> Statement {
        Statement(
            id: id, file: "content/statements/\(id).md", title: title ?? id, date: date.flatMap(StatementDate.init(iso:)),
            organisation: organisation, coSigners: coSigners, demands: demands, tags: tags)
    }

    var archive: Archive {
        Archive(
            settings: SiteSettings(),
            statements: [
                statement("undated-b", nil, title: "B"),
                statement("old", "2022-12-08", organisation: "cpusa", demands: ["new-elections"], tags: ["coup"]),
                statement("month", "2023-01", organisation: "cgtp", coSigners: ["cpusa"], demands: ["new-elections", "boluarte-resign"]),
                statement("new", "2023-01-20", organisation: "cpusa", demands: ["boluarte-resign"], tags: ["coup", "mining"]),
                statement("undated-a", nil, title: "a"),
            ],
            organisations: [
                Organisation(id: "cpusa", name: "Communist Party USA"),
                Organisation(id: "cgtp", name: "Confederación General de Trabajadores del Perú"),
            ],
            demands: [Demand(id: "boluarte-resign", label: "Resign"), Demand(id: "new-elections", label: "Elections")],
            tags: [Tag(id: "mining", label: "Mining")])
    }

    @Test("statements run newest first, a month before its days, undated last by id")
    func order() {
        #expect(archive.statements.map(\.id) == ["new", "month", "old", "undated-a", "undated-b"])
    }

    @Test("statements of one date run in the order of their ids, whatever their titles say")
    func sameDateOrder() {
        func ordered(titles: [String]) -> [String] {
            let ids = ["2023-01-20-c", "2023-01-20-a", "2023-01-20-b"]
            let statements = zip(ids, titles).map { statement($0, "2023-01-20", title: $1) }
            return Archive(settings: SiteSettings(), statements: statements, organisations: [], demands: [], tags: [])
                .statements.map(\.id)
        }
        let expected = ["2023-01-20-a", "2023-01-20-b", "2023-01-20-c"]
        #expect(ordered(titles: ["Alpha", "Beta", "Gamma"]) == expected)
        // Correcting a title moves no statement.
        #expect(ordered(titles: ["Alpha", "Zeta", "Gamma"]) == expected)
        #expect(ordered(titles: ["Élan", "Ñandú", "águila"]) == expected)
    }

    @Test("organisations list what they issued and co-signed")
    func byOrganisation() {
        #expect(archive.statements(by: "cpusa").map(\.id) == ["new", "month", "old"])
        #expect(archive.statements(by: "cgtp").map(\.id) == ["month"])
        #expect(archive.statements(by: "nobody").isEmpty)
    }

    @Test("demands and tags group statements, newest first")
    func byDemandAndTag() {
        #expect(archive.statements(raising: "boluarte-resign").map(\.id) == ["new", "month"])
        #expect(archive.statements(tagged: "coup").map(\.id) == ["new", "old"])
        #expect(archive.organisations(raising: "new-elections").map(\.id) == ["cpusa", "cgtp"])
    }

    @Test("an organisation's demands come in vocabulary order with counts")
    func demandsOfOrganisation() {
        let raised = archive.demands(raisedBy: "cpusa")
        #expect(raised.map(\.demand.id) == ["boluarte-resign", "new-elections"])
        #expect(raised.map(\.count) == [2, 2])
    }

    @Test("tags used without a record get one, and sort by label")
    func tags() {
        #expect(archive.tagsByLabel.map(\.id) == ["coup", "mining"])
        #expect(archive.tags["coup"]?.label == "coup")
    }
}
