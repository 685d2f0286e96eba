import Mustache

/// HTML escaping for templates, as Mustache's own (`<`, `>`, `&`, `"` and `'`), done on bytes:
/// most values need no escaping and are returned as they are, without being read as characters.
struct HTMLEscaping: MustacheContentType {
    /// The name templates are given, through a pragma the theme adds before each template's text.
    static let name = "ARCHIVE_HTML"

    /// The pragma that selects this escaping; it stands at the very start of each template.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    /// Makes the escaping known to Mustache, once per process.
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        text.replacingBytes(in: special) { byte, _, result in
            switch byte {
            case UInt8(ascii: "<"): result += lessThan
            case UInt8(ascii: ">"): result += greaterThan
            case UInt8(ascii: "&"): result += ampersand
            case UInt8(ascii: "\""): result += quote
            default: result += apostrophe
            }
            return 0
        } ?? text
    }

    private static let special = ByteSet { "<>&\"'".utf8.contains($0) }
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let ampersand = Array("&amp;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let apostrophe = Array("&#39;".utf8)
}
