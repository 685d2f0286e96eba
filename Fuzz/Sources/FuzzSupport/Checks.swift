@testable import ArchiveKit
import Foundation

/// What each fuzz target runs on one input, and the promises it checks. A broken promise stops the
/// fuzzer with the input that broke it.
public enum Checks {
    /// The vocabulary of the bundled archive, so that inputs can name its organisations and demands.
    static let vocabulary: Vocabulary = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? VocabularyFiles(root: root).load()) ?? Vocabulary()
    }()

    static let importer = StatementImporter(vocabulary: vocabulary)

    /// A statement file as the build reads it: line ends, encoding, front matter, fields, body.
    /// Whatever the bytes, reading ends with a statement or with errors that each have a place.
    public static func statement(_ bytes: Data) {
        let unified = ArchiveLoader.unifyingLineEnds(bytes)
        precondition(unified.count == bytes.count, "unifying line ends changed the length")
        guard let text = String(validating: unified, as: UTF8.self) else {
            let error = ContentError.notUTF8(unified, file: "x.md")
            precondition(error.line >= 1 && error.column >= 1, "an encoding error without a place")
            return
        }
        let result = StatementReader(vocabulary: vocabulary).read(text, file: "x.md")
        precondition((result.statement == nil) == result.diagnostics.contains { $0.severity == .error })
        if let statement = result.statement {
            _ = try? CommonMark.render(statement.body)
        }
    }

    /// A text capture, imported: it is refused, or it gives a file that reads back without errors.
    public static func textImport(_ bytes: Data) {
        guard let imported = try? importer.importStatement(from: bytes) else { return }
        readsBack(imported)
    }

    /// A saved page, imported: it is refused, or it gives a file that reads back without errors.
    public static func pageImport(_ bytes: Data) {
        let html = String(decoding: bytes, as: UTF8.self)
        guard let imported = try? importer.importPage(html: html, address: URL(string: "https://example.org/a/b"))
        else { return }
        readsBack(imported)
    }

    /// Markdown, rendered: any text gives HTML without the control characters HTML forbids.
    public static func markdown(_ bytes: Data) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let html = try? CommonMark.render(text).html else { return }
        precondition(!html.utf8.contains { $0 < 0x09 || $0 == 0x0B || $0 == 0x0C || (0x0E..<0x20).contains($0) })
    }

    static func readsBack(_ imported: ImportedStatement) {
        guard let file = try? imported.markdownFile() else { return }
        let result = StatementReader(vocabulary: vocabulary).read(file, file: "x.md")
        let errors = result.diagnostics.filter { $0.severity == .error }
        precondition(errors.isEmpty, "an imported file does not read back: \(errors)")
        precondition(
            result.statement?.title == imported.title,
            "the title changed on the way back: \(imported.title.debugDescription) became \(String(describing: result.statement?.title).debugDescription)")
    }
}
