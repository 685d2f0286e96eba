import Foundation

/// Turns the bytes of a saved page into text: UTF-8 (with or without a byte order mark), UTF-16 with a
/// byte order mark, or Windows-1252/Latin-1; anything else is refused.
enum RawText {
    /// Why a file cannot be imported as text.
    enum Failure: Error, Equatable, CustomStringConvertible {
        case empty
        case binary
        case unknownEncoding

        var description: String {
            switch self {
            case .empty: return "the file is empty"
            case .binary: return "the file is binary, not text"
            case .unknownEncoding: return "the file is neither UTF-8 nor Latin-1 text"
            }
        }
    }

    /// Decodes and normalises: line breaks to `\n`, no-break and odd spaces to spaces,
    /// zero-width and control characters removed, trailing spaces trimmed.
    static func decode(_ data: Data) throws(Failure) -> String {
        let text = try decodeBytes(data)
        var lines: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" })
        {
            var cleaned = ""
            for scalar in line.unicodeScalars {
                switch scalar {
                case "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{00AD}": continue
                case "\t", "\u{00A0}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{202F}", "\u{3000}":
                    cleaned.unicodeScalars.append(" ")
                // Control characters mean nothing in a statement, and HTML and XML forbid them.
                case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}": continue
                default: cleaned.unicodeScalars.append(scalar)
                }
            }
            lines.append(String(cleaned.reversed().drop(while: { $0 == " " }).reversed()))
        }
        let result = lines.joined(separator: "\n")
        guard result.contains(where: { !$0.isWhitespace }) else { throw .empty }
        return result
    }

    private static func decodeBytes(_ data: Data) throws(Failure) -> String {
        guard !data.isEmpty else { throw .empty }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else { throw .unknownEncoding }
            return text
        }
        if data.contains(0) { throw .binary }
        let text: String
        if let utf8 = String(validating: data, as: UTF8.self) {
            text = utf8
        } else if let windows = String(data: data, encoding: .windowsCP1252) {
            text = windows
        } else if let latin1 = String(data: data, encoding: .isoLatin1) {
            text = latin1
        } else {
            throw .unknownEncoding
        }
        let controls = text.unicodeScalars.filter {
            $0.properties.generalCategory == .control && !["\n", "\r", "\t", "\u{0C}"].contains($0)
        }.count
        if controls > max(2, text.unicodeScalars.count / 100) { throw .binary }
        return text
    }
}
