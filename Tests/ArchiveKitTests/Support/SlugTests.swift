import Testing
@testable import ArchiveKit

@Suite("Slugs and folding")
struct SlugTests {
    @Test(
        "slugs fold case, diacritics and punctuation",
        arguments: [
            ("Mariátegui", "mariategui"),
            ("Hands off Peru!", "hands-off-peru"),
            ("Workers’ Party of Peru", "workers-party-of-peru"),
            ("Confederación General de Trabajadores del Perú", "confederacion-general-de-trabajadores-del-peru"),
            ("  --US  imperialism-- ", "us-imperialism"),
            ("Straße & Œuvre", "strasse-oeuvre"),
            ("2023-01-11 Statement", "2023-01-11-statement"),
            ("¡Ni un muerto más!", "ni-un-muerto-mas"),
            ("Κομμουνιστικό Κόμμα", "κομμουνιστικο-κομμα"),
            ("!!!", ""),
        ])
    func slug(input: String, expected: String) {
        #expect(input.slug == expected)
    }

    @Test("a long slug is cut at a hyphen and ends in a digest, so two long names keep two folders")
    func longSlugs() {
        let words = Array(repeating: "solidaridad con el pueblo peruano", count: 8).joined(separator: " ")
        let first = (words + " uno").slug, second = (words + " dos").slug
        #expect(first.utf8.count <= String.slugLimit && second.utf8.count <= String.slugLimit)
        #expect(first != second)
        #expect(first.hasPrefix("solidaridad-con-el-pueblo-peruano-solidaridad"))
        #expect(first.range(of: #"-[0-9a-f]{8}$"#, options: .regularExpression) != nil)
        #expect((words + " uno").slug == first, "the same name gives the same slug")
        let greek = String(repeating: "Κομμουνιστικό ", count: 20).slug
        #expect(greek.utf8.count <= String.slugLimit && String(validating: greek.utf8, as: UTF8.self) != nil)
        #expect("Hands off Peru!".slug == "hands-off-peru", "a short slug is left whole")
    }

    @Test("folding ignores case, accents and spacing")
    func folding() {
        #expect("  Mariátegui ".folded == "MARIATEGUI".folded)
        #expect("Perú   Libre".folded == "peru libre")
    }

    @Test("ASCII folds a byte at a time exactly as Foundation folds it")
    func asciiFolding() {
        var generator = SystemRandomNumberGenerator()
        let pieces = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["\r\n", "CGTP", "Perú", "  "]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.folded == text.foundationFolded, "\(text.debugDescription)")
            #expect((text.asciiFolded == nil) == text.utf8.contains { $0 >= 0x80 })
        }
        #expect(" \tSUTEP\r\nCusco  ".asciiFolded == "sutep cusco")
    }

    @Test("suggestions catch typos but not unrelated words")
    func suggestions() {
        let ids = ["boluarte-resign", "new-elections", "constituent-assembly"]
        #expect("boluarte-resigns".closest(among: ids) == "boluarte-resign")
        #expect("new-election".closest(among: ids) == "new-elections")
        #expect("organization".closest(among: StatementReader.fields) == "organisation")
        #expect("mining".closest(among: ids) == nil)
    }

    @Test("a swap of two letters is one edit, and ties go the same way whatever the order of the candidates")
    func suggestionTies() {
        #expect("titel".closest(among: ["site", "title"]) == "title")
        #expect("titel".closest(among: ["title", "site"]) == "title")
        #expect("cat".closest(among: ["car", "bat"]) == "bat")
        #expect("cat".closest(among: ["bat", "car"]) == "bat")
        #expect(String.editDistance(Array("demnads"), Array("demands")) == 1)
        #expect(String.editDistance(Array("abc"), Array("ca")) == 3)
    }
}
