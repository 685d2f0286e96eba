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
            bytes.append(UInt8(ascii: "{"))
            for key in dictionary.keys.sorted() where !skipping.contains(key) {
                tagged("k", key)
                append(dictionary[key]!)
            }
            bytes.append(UInt8(ascii: "}"))
        case let listed as SiteBuilder.Listed:
            append(listed.context)
        case let array as [Any]:
            bytes.append(UInt8(ascii: "["))
            for element in array { append(element) }
            bytes.append(UInt8(ascii: "]"))
        default:
            tagged("?", "\(type(of: value)):\(value)")
        }
    }

    /// A tag, the text's length, then the text: no two different values run together.
    private mutating func tagged(_ tag: Unicode.Scalar, _ text: String) {
        bytes.append(UInt8(ascii: tag))
        bytes += String(text.utf8.count).utf8
        bytes.append(UInt8(ascii: ":"))
        bytes += text.utf8
    }
}
