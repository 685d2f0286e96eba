import Foundation

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatter: Sendable, Equatable {
    /// The YAML between the two `---` lines.
    var yaml: String
    /// Lines before the YAML in the file (the opening `---`, and nothing else).
    var yamlLineOffset: Int
    /// Everything after the closing `---`.
    var body: String

    /// Splits a file; the YAML must open on the first line with `---` and close with `---` or `...`.
    init(splitting text: String, file: String) throws(ContentError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), Self.isFence(first, opening: true) else {
            throw ContentError(file: file, reason: .missingFrontMatter)
        }
        var yamlLines: [Substring] = []
        while let line = lines.popFirst() {
            if Self.isFence(line, opening: false) {
                yaml = yamlLines.joined(separator: "\n")
                yamlLineOffset = 1
                body = lines.joined(separator: "\n")
                return
            }
            yamlLines.append(line)
        }
        throw ContentError(file: file, line: 1, reason: .unterminatedFrontMatter)
    }

    private static func isFence(_ line: Substring, opening: Bool) -> Bool {
        var line = line
        if opening, line.first == "\u{FEFF}" { line = line.dropFirst() }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed == "---" || (!opening && trimmed == "...")
    }
}
