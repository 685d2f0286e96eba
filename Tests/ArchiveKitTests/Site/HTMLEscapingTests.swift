import Mustache
import Testing
@testable import ArchiveKit

@Suite("Escaping values in templates")
struct HTMLEscapingTests {
    @Test(
        "escapes what Mustache escapes, and leaves everything else as it is",
        arguments: [
            "<a href=\"x\">Tom & Jerry's</a>", "Perú: ¡Fuera Boluarte! «ya»", "", "no markup at all", "&amp; already",
            "emoji 🇵🇪 < flag", "'", "a\u{0301} > b",
        ])
    func sameAsMustache(text: String) throws {
        let escaped = HTMLEscaping.escape(text)
        let template = try MustacheTemplate(string: "{{value}}")
        #expect(escaped == template.render(["value": text]))
        #expect(escaped.unicodeScalars.allSatisfy { !"<>\"'".unicodeScalars.contains($0) })
    }
}
