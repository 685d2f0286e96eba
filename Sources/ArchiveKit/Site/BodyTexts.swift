import Foundation

/// Statements' bodies as plain text, for the files made from the whole archive: taken from the
/// bodies the pages rendered, the others rendered as plain text when first asked for, so that a
/// build that makes few of those files again renders few bodies. Safe to ask from several threads.
final class BodyTexts: Sendable {
    private let rendered: [String: CommonMark.Rendering]
    private let lock = NSLock()
    private nonisolated(unsafe) var made: [String: String] = [:]

    /// Texts taken from `rendered` where it has the statement.
    init(rendered: [String: CommonMark.Rendering]) {
        self.rendered = rendered
    }

    /// The plain text of `statement`'s body. libcmark accepts any text, and the pages' bodies have
    /// rendered already, so a body that fails here has no text.
    func text(of statement: Statement) -> String {
        if let rendering = rendered[statement.id] { return rendering.plainText }
        if let text = lock.withLock({ made[statement.id] }) { return text }
        let text = (try? CommonMark.render(statement.passingBody, html: false))?.plainText ?? ""
        lock.withLock { made[statement.id] = text }
        return text
    }
}
