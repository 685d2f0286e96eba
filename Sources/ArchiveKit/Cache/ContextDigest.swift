/// Writes the values a template sees as bytes that are equal exactly when the values are, keys
/// sorted, so that a page's values can be compared with the previous build's through a digest.
struct ContextDigest {
    private var bytes: [UInt8] = []

    /// The digest of `value`, leaving out the top-level keys in `skipping`.
    static func digest(_ value: Any, skipping: Set<String> = []) -> String {
        var writer = ContextDigest()
        writer.append(value, skipping: skipping)
        return BuildCache.digest(writer.bytes)
    }

    private mutating func append(_ value: Any, skipping: Set<String> = []) {
        switch value {
        case let text as String:
            tagged("s", text)
        case let number as Int:
            tagged("i", String(number))
        case let flag as Bool:
            bytes.append(flag ? UInt8(ascii: "T") : UInt8(ascii: "F"))
        case let strings as Strings:
            append(strings.values)
        case let dictionary as [String: Any]:
            append(dictionary, skipping: skipping)
        case let listed as SiteBuilder.Listed:
            append(listed)
        // Lists of contexts and of list entries are read as they are: cast to `[Any]`, each
        // element would be copied into a new array first.
        case let array as [[String: Any]]:
            append(list: array) { $0.append($1) }
        case let array as [SiteBuilder.Listed]:
            append(list: array) { $0.append($1) }
        case let array as [Any]:
            append(list: array) { $0.append($1) }
        default:
            tagged("?", "\(type(of: value)):\(value)")
        }
    }

    private mutating func append(_ dictionary: [String: Any], skipping: Set<String> = []) {
        bytes.append(UInt8(ascii: "{"))
        for key in dictionary.keys.sorted() where !skipping.contains(key) {
            tagged("k", key)
            append(dictionary[key]!)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A list entry as the one context of all its values (`Listed.names`), without making it.
    private mutating func append(_ listed: SiteBuilder.Listed) {
        bytes.append(UInt8(ascii: "{"))
        for name in listed.names.sorted() {
            tagged("k", name)
            append(listed.child(named: name)!)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func append<Element>(list: [Element], _ element: (inout ContextDigest, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for item in list { element(&self, item) }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A tag, the text's length, then the text: no two different values run together.
    private mutating func tagged(_ tag: Unicode.Scalar, _ text: String) {
        bytes.append(UInt8(ascii: tag))
        bytes += String(text.utf8.count).utf8
        bytes.append(UInt8(ascii: ":"))
        bytes += text.utf8
    }
}
