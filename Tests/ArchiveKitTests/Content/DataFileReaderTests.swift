import Testing
@testable import ArchiveKit

@Suite("Vocabulary and settings files")
struct DataFileReaderTests {
    @Test("organisations keep every field")
    func organisations() throws {
        var reader = DataFileReader()
        let organisations = reader.organisations(
            from: """
                - id: cgtp
                  name: Confederación General de Trabajadores del Perú
                  short_name: CGTP
                  aliases: [General Confederation of Workers of Peru]
                  kind: union
                  country: PE
                  website: https://cgtp.org.pe
                  description: Peru's largest union confederation.
                """, file: "content/organisations.yml")
        #expect(reader.diagnostics.all.isEmpty)
        let cgtp = try #require(organisations.first)
        #expect(cgtp.kind == .union)
        #expect(cgtp.names == ["Confederación General de Trabajadores del Perú", "CGTP", "General Confederation of Workers of Peru"])
        #expect(cgtp.website == "https://cgtp.org.pe")
    }

    @Test("bad records are reported with their place")
    func organisationErrors() {
        var reader = DataFileReader()
        _ = reader.organisations(
            from: """
                - id: Bad Id
                  name: X
                - id: ok
                  name: Y
                  kind: club
                - id: ok
                  name: Z
                - id: other
                  name: Y
                - id: third
                  name: W
                  aliases: [V, "  y "]
                """, file: "content/organisations.yml")
        let messages = reader.diagnostics.errors.map(\.description)
        #expect(messages.contains("content/organisations.yml:1:7: error: 'Bad Id' is not a valid id: use lowercase letters, digits and hyphens, e.g. 'bad-id'"))
        #expect(messages.contains { $0.hasPrefix("content/organisations.yml:5:9: error: 'club' is not a valid kind") })
        #expect(messages.contains("content/organisations.yml:6:7: error: id 'ok' is already used at content/organisations.yml:3"))
        #expect(messages.contains("content/organisations.yml:9:9: error: name or alias 'Y' is already used at content/organisations.yml:4"))
        #expect(messages.contains("content/organisations.yml:12:16: error: name or alias 'y' is already used at content/organisations.yml:4"))
    }

    @Test("labels may be given per language")
    func localisedLabels() {
        var reader = DataFileReader()
        let spanish = reader.demands(from: sampleDemands, file: "d.yml", language: "es")
        #expect(spanish.map(\.label) == ["Boluarte must resign", "Elecciones anticipadas", "A constituent assembly"])
        let english = reader.demands(from: sampleDemands, file: "d.yml", language: "en")
        #expect(english[1].label == "Early elections")
    }

    @Test("settings have defaults and reject unknown keys")
    func settings() {
        var reader = DataFileReader()
        let settings = reader.settings(from: "title: Archivo\nlanguage: es\nbase_url: https://example.org/peru\n", file: "archive.yml")
        #expect(settings.title == "Archivo")
        #expect(settings.language == "es")
        #expect(settings.baseURL == "https://example.org/peru/")
        #expect(settings.latestCount == SiteSettings().latestCount)
        _ = reader.settings(from: "titel: X\nbase_url: example.org\n", file: "archive.yml")
        #expect(reader.diagnostics.errors.map(\.line) == [1, 2])
    }
}
