import Foundation

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatter: Sendable, Equatable {
    /// The YAML between the two `---` lines.
    var yaml: String
    /// Lines before the YAML in the file (the opening `---`, and nothing else).
    var yamlLineOffset: Int
    /// Everything after the closing `---`.
    var body: String
    /// The line the body starts on, the one after the closing `---`.
    var bodyLine: Int

    /// Splits a file; the YAML must open on the first line with `---` and close with `---` or `...`.
    ///
    /// Lines are found by their bytes: a file is split in one pass, without reading it as
    /// characters, and a line may end in `\r\n` as well as `\n`.
    init(splitting text: String, file: String) throws(ContentError) {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var yamlStart: String.Index?
        var lineNumber = 1
        while lineStart < utf8.endIndex {
            let newline = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = utf8[lineStart..<newline]
            let next = newline < utf8.endIndex ? utf8.index(after: newline) : newline
            if yamlStart == nil {
                guard Self.isFence(line, opening: true) else { throw ContentError(file: file, reason: .missingFrontMatter) }
                yamlStart = next
            } else if Self.isFence(line, opening: false), let start = yamlStart {
                // The YAML ends before the newline that precedes the closing fence.
                let end = lineStart > start ? utf8.index(before: lineStart) : start
                yaml = String(text[start..<end])
                yamlLineOffset = 1
                body = String(text[next...])
                bodyLine = lineNumber + 1
                return
            }
            lineStart = next
            lineNumber += 1
        }
        if yamlStart == nil { throw ContentError(file: file, reason: .missingFrontMatter) }
        throw ContentError(file: file, line: 1, reason: .unterminatedFrontMatter)
    }

    /// `---` (or, closing, `...`) with nothing but spaces, tabs or a carriage return around it; the
    /// opening fence may follow a byte order mark.
    private static func isFence(_ line: Substring.UTF8View, opening: Bool) -> Bool {
        var bytes = line[...]
        if opening, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        while let first = bytes.first, blank(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, blank(last) { bytes = bytes.dropLast() }
        return bytes.elementsEqual("---".utf8) || (!opening && bytes.elementsEqual("...".utf8))
    }
}
