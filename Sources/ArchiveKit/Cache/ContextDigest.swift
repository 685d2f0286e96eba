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
            bytes.append(UInt8(ascii: "["))
            for element in array { append(element) }
            bytes.append(UInt8(ascii: "]"))
        case let array as [SiteBuilder.Listed]:
            bytes.append(UInt8(ascii: "["))
            for element in array { append(element) }
            bytes.append(UInt8(ascii: "]"))
        case let array as [Any]:
            bytes.append(UInt8(ascii: "["))
            for element in array { append(element) }
            bytes.append(UInt8(ascii: "]"))
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

    /// A list entry as the one context it stands for (`Listed.context`), without making it.
    private mutating func append(_ listed: SiteBuilder.Listed) {
        let added: [(key: String, value: String?)] = [("evidence_html", listed.evidenceHTML), ("item_html", listed.itemHTML)]
        var keys = listed.values.keys.filter { $0 != "evidence_html" && $0 != "item_html" }
        keys += added.compactMap { $0.value == nil ? nil : $0.key }
        bytes.append(UInt8(ascii: "{"))
        for key in keys.sorted() {
            tagged("k", key)
            switch key {
            case "evidence_html": append(listed.evidenceHTML!)
            case "item_html": append(listed.itemHTML!)
            default: append(listed.values[key]!)
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A tag, the text's length, then the text: no two different values run together.
    private mutating func tagged(_ tag: Unicode.Scalar, _ text: String) {
        bytes.append(UInt8(ascii: tag))
        bytes += String(text.utf8.count).utf8
        bytes.append(UInt8(ascii: ":"))
        bytes += text.utf8
    }
}
