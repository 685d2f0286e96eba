import Foundation
import Testing
@testable import ArchiveKit

/// The importer on captures it was not written for: other organisations, Spanish, joint statements
/// with signatory lists, news articles with bylines, interviews, and hostile or broken input.
@Suite("Importing captures")
struct StatementImporterTests {
    let importer = repositoryImporter

    func run(_ text: String) throws -> ImportedStatement {
        try importer.importStatement(from: Data(text.utf8))
    }

    @Test("a Spanish union statement, dated under its signature")
    func spanishUnionStatement() throws {
        let statement = try run("""
            Inicio
            Noticias
            Contacto

            ¡Fuera Boluarte! ¡Nuevas elecciones ya!

            La Confederación General de Trabajadores del Perú (CGTP) exige la renuncia inmediata de Dina Boluarte y el adelanto de elecciones generales para este año.

            Ante la masacre de compatriotas en Juliaca, Ayacucho y Andahuaylas, la CGTP denuncia la represión del gobierno y exige justicia para las víctimas.

            Convocamos al paro nacional del 19 de enero.

            Consejo Nacional de la CGTP
            Lima, 11 de enero de 2023

            Compartir
            Facebook
            Twitter
            """)
        #expect(statement.title == "¡Fuera Boluarte! ¡Nuevas elecciones ya!")
        #expect(statement.language == "es")
        #expect(statement.date?.description == "2023-01-11")
        #expect(statement.organisation == "cgtp")
        #expect(statement.kind == .statement)
        #expect(statement.demands == ["boluarte-resign", "new-elections", "justice-for-victims"])
        #expect(statement.tags.contains("general-strike"))
        #expect(statement.review.isEmpty)
        #expect(statement.body.hasSuffix("Consejo Nacional de la CGTP\n\nLima, 11 de enero de 2023\n"))
        #expect(!statement.body.contains("Compartir"))
        #expect(!statement.body.contains("Inicio"))
    }

    @Test("a joint statement with a list of signatories")
    func jointStatement() throws {
        let statement = try run("""
            Joint statement: Stop the killings in Peru

            February 3, 2023

            We, the undersigned organisations, demand an end to the repression in Peru and the release of the detained protesters.

            We call for the immediate resignation of Dina Boluarte and support the call for a constituent assembly.

            Signed:
            Communist Party USA
            Communist Party of Canada
            Partido Comunista de México
            """)
        #expect(statement.kind == .jointStatement)
        #expect(statement.organisation == "cpusa")
        #expect(statement.coSigners == ["communist-party-of-canada", "communist-party-of-mexico"])
        #expect(statement.date?.description == "2023-02-03")
        #expect(statement.demands == ["boluarte-resign", "constituent-assembly", "end-repression", "release-prisoners"])
        #expect(statement.review.isEmpty)
    }

    @Test("a Spanish news article with a byline reports demands without making them its own")
    func spanishArticle() throws {
        let statement = try run("""
            Saltar al contenido

            Protestas en el sur del Perú: el gobierno prolonga el estado de emergencia

            Por MARÍA QUISPE

            12 de febrero de 2023

            El gobierno de Dina Boluarte prorrogó el estado de emergencia en Puno. Los manifestantes rechazan las maniobras del Congreso.

            Según la Defensoría del Pueblo, 48 personas murieron en enfrentamientos con la policía desde diciembre.

            Artículos relacionados
            La CGTP anuncia un paro nacional
            """)
        #expect(statement.title == "Protestas en el sur del Perú: el gobierno prolonga el estado de emergencia")
        #expect(statement.author == "María Quispe")
        #expect(statement.kind == .article)
        #expect(statement.language == "es")
        #expect(statement.date?.description == "2023-02-12")
        #expect(statement.demands.isEmpty)
        #expect(statement.review.contains("demands"))
        #expect(statement.organisation == nil, "a related-article link is not a publisher notice")
        #expect(statement.review.contains("organisation"))
        #expect(statement.tags.contains("state-of-emergency"))
        #expect(!statement.body.contains("paro nacional"))
    }

    @Test("an interview in Spanish: questions become headings")
    func spanishInterview() throws {
        let statement = try run("""
            Entrevista con una dirigente de la CGTP

            ¿Cuál es la situación en Puno?

            La represión continúa. El pueblo exige la libertad de los detenidos y la renuncia de Boluarte.

            ¿Qué piden a la solidaridad internacional?

            Pedimos que se respete el derecho a la protesta.
            """)
        #expect(statement.kind == .interview)
        #expect(statement.title == "Entrevista con una dirigente de la CGTP")
        #expect(statement.body.contains("## ¿Cuál es la situación en Puno?\n\nLa represión continúa."))
        #expect(statement.demands == ["boluarte-resign", "release-prisoners", "right-to-protest"])
        #expect(statement.date == nil)
        #expect(statement.review.contains("date"))
    }

    @Test("an issuer that is not on record is named from its signature, and flagged")
    func unknownIssuer() throws {
        let statement = try run("""
            Solidaridad con el pueblo peruano

            Desde Madrid exigimos la libertad de Pedro Castillo y el fin de la represión.

            Comité de Solidaridad con el Perú, Madrid
            """)
        #expect(statement.organisation == "Comité de Solidaridad con el Perú")
        #expect(statement.review.contains("organisation"))
        #expect(statement.body.contains("Comité de Solidaridad con el Perú, Madrid"), "the signature stays in the body")
        #expect(statement.demands == ["release-castillo", "end-repression"])
    }

    @Test("rejecting Boluarte's manoeuvres is not demanding her resignation")
    func callsOnly() throws {
        let statement = try run("""
            On Peru

            We join our voices to those who reject the manoeuvres of Vice-President Boluarte.

            Boluarte's government has declared a state of emergency, and the resignation of two ministers followed.
            """)
        #expect(!statement.demands.contains("boluarte-resign"))
    }

    @Test("text that would be Markdown is escaped, and renders back to itself")
    func escaping() throws {
        let lines = [
            "Mining companies extracted $159 billion in profits; *all* of it went abroad.",
            "1. This line is not a list.",
            "# Nor is this a heading",
            "- or this a bullet",
            "Tags like <script>alert(1)</script> and snake_case_words stay text, as does [this](link).",
            "Entities such as &amp; stay as typed, and so does a back\\slash.",
            "( BBC News – Deadly clashes in Peru’s Amazon ) keeps its citation.",
        ]
        let statement = try run("A statement\n\n" + lines.joined(separator: "\n\n"))
        let rendering = try CommonMark.render(statement.body)
        #expect(rendering.plainText == lines.joined(separator: "\n") + "\n")
        #expect(!rendering.html.contains("<script"))
        #expect(!rendering.html.contains("<li>"))
        #expect(!rendering.html.contains("<h1>"))
        #expect(!rendering.html.contains("<em>"))
    }

    @Test("hard-wrapped paragraphs are joined, one-line paragraphs kept apart")
    func wrapping() throws {
        let statement = try run("""
            Title line

            We stand in solidarity with the working people of Peru, who have
            risen against the removal of their elected president and face a
            brutal repression by the police and the army of the new regime.

            Short line one.
            Short line two.
            """)
        #expect(statement.body.contains("who have risen against the removal of their elected president and face a brutal"))
        #expect(statement.body.hasSuffix("Short line one.\n\nShort line two.\n"))
    }

    @Test("Latin-1 text is read; empty, binary and furniture-only files are refused")
    func encodings() throws {
        let latin1 = try #require("Declaración\n\nExigimos la liberación de los presos.".data(using: .isoLatin1))
        let read = try importer.importStatement(from: latin1)
        #expect(read.title == "Declaración")
        #expect(read.review.last == "text", "a guessed encoding is for a person to check")
        let utf8 = try importer.importStatement(from: Data("Declaración\n\nExigimos la liberación de los presos.".utf8))
        #expect(!utf8.review.contains("text"))
        #expect(throws: StatementImporter.Failure.unreadable("the file is empty")) {
            try importer.importStatement(from: Data("  \n\n ".utf8))
        }
        #expect(throws: StatementImporter.Failure.unreadable("the file is binary, not text")) {
            try importer.importStatement(from: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]))
        }
        #expect(throws: StatementImporter.Failure.noStatement) {
            try run("Skip to content\n\nShare\n\nDonate now\n")
        }
    }

    @Test("the built-in rules parse, and a project's rules add to them")
    func rules() throws {
        #expect(ImportRules.builtIn.furniture.contains("skip to content"))
        #expect(ImportRules.builtIn.calls["es"]?.contains("exig") == true)
        var rules = ImportRules.builtIn
        try rules.add(yaml: "furniture: [Lee también]\ncalls: { fr: [exige] }\n", file: "content/import-rules.yml")
        #expect(rules.furniture.contains("lee tambien"))
        #expect(rules.calls["fr"] == ["exige"])
        #expect(throws: ContentErrors.self) { try rules.add(yaml: "furnature: [x]\n", file: "content/import-rules.yml") }
    }

    @Test("the headline, not the site's name and tagline above it; an ambiguous English date is flagged")
    func siteNameAboveHeadline() throws {
        let statement = try run("""
            Workers' Voice
            News and views from the labour movement
            Home > International > Peru
            Unions call for an end to the massacre in Peru
            By Tom Reid | 03/04/2023

            The Transport Workers Federation condemns the killings and demands the release of Pedro Castillo, with new elections now.

            Transport Workers Federation
            """)
        #expect(statement.title == "Unions call for an end to the massacre in Peru")
        #expect(statement.author == "Tom Reid")
        #expect(statement.date == nil)
        #expect(statement.review.contains("date"))
        #expect(statement.organisation == "Transport Workers Federation")
        #expect(!statement.body.contains("Workers' Voice"))
        #expect(!statement.body.contains("Home > International"))
    }

    @Test("a Spanish numeric date is day first")
    func spanishNumericDate() throws {
        let statement = try run("""
            Pronunciamiento del sindicato
            03/04/2023

            El sindicato exige la renuncia de Dina Boluarte y el adelanto de elecciones para este mismo año en el Perú.
            """)
        #expect(statement.date?.description == "2023-04-03")
    }

    @Test("demands the text reports others making, or rejects, are not the issuer's")
    func reportedAndRejected() throws {
        let statement = try run("""
            Statement on Peru

            Protesters in Puno demand the resignation of Boluarte, according to local reports.

            We reject calls for a constituent assembly drawn up by this Congress, and we demand new elections now.
            """)
        #expect(statement.demands == ["new-elections"])
    }

    @Test("several unrecorded signatories: the first is the issuer, the rest co-signers; a body of the site's organisation is the site's")
    func unrecordedSignatories() throws {
        let letter = try run("""
            Carta abierta a la presidenta del Consejo de Ministros

            Las organizaciones abajo firmantes exigimos el fin de la represión y el respeto del derecho a la protesta.

            Coordinadora de Derechos Humanos del Sur
            Asociación de Familias de Víctimas
            Comisión de Justicia de Ica
            """)
        #expect(letter.organisation == "Coordinadora de Derechos Humanos del Sur")
        #expect(letter.coSigners == ["Asociación de Familias de Víctimas", "Comisión de Justicia de Ica"])
        #expect(letter.kind == .openLetter)
        let post = try run("""
            Sindicato de Trabajadores de la Salud del Sur
            20 de enero de 2023

            Pronunciamiento

            Exigimos el fin de la represión y justicia para las víctimas de Juliaca y Ayacucho.

            Comité Ejecutivo Nacional
            """)
        #expect(post.organisation == "Sindicato de Trabajadores de la Salud del Sur")
        #expect(post.title == "Pronunciamiento")
    }

    @Test("month names of other languages are data")
    func monthsAsData() throws {
        var rules = ImportRules.builtIn
        try rules.add(yaml: """
            months:
              nl: [januari, februari, maart, april, mei, juni, juli, augustus, september, oktober, november, december]
            """, file: "content/import-rules.yml")
        let parser = DateParser(extra: rules.months)
        #expect(parser.parse("14 maart 2023")?.description == "2023-03-14")
        #expect(DateParser.builtIn.parse("14 maart 2023") == nil)
        #expect(DateParser.builtIn.parse("12 de dezembro de 2022") == nil)
        #expect(DateParser(extra: ImportRules.builtIn.months).parse("12 de dezembro de 2022")?.description == "2022-12-12")
        #expect(throws: ContentErrors.self) {
            try rules.add(yaml: "months:\n  xx: [one, two]\n", file: "content/import-rules.yml")
        }
    }

    @Test(
        "a copyright notice names the site's holder",
        arguments: [
            ("© 2023 Federación de Trabajadores. Todos los derechos reservados.", "Federación de Trabajadores"),
            ("Copyright © 2023 Committee in Solidarity with Latin America", "Committee in Solidarity with Latin America"),
            ("(c) 2019-2023 Workers' Voice | Privacy", "Workers' Voice"),
            ("Revista Horizonte Sur © 2023 - Todos los derechos reservados", nil),
        ])
    func copyright(line: String, holder: String?) {
        #expect(StatementImporter.copyrightHolder(in: [line]) == holder)
    }
}
