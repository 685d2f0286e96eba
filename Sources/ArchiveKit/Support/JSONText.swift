/// JSON string literals written by hand, for output made once per statement or per term, where
/// an encoder's cost per value would dominate. Every literal is also safe inside an HTML
/// `<script>` element: `<`, `>` and `&` are written as escapes when `forScript` is set, and the
/// line separators U+2028 and U+2029 always are.
enum JSONText {
    /// `"text"`, escaped.
    static func string(_ text: String, forScript: Bool = false) -> String {
        let special = { (byte: UInt8) in
            byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2
                || (forScript && (byte == 0x3C || byte == 0x3E || byte == 0x26))
        }
        // Text with no quote, backslash, control character or possible line separator (both
        // start with the byte 0xE2) needs no escaping and is copied whole.
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: special) else { return "\"" + text + "\"" }
        var result: [UInt8] = [0x22]
        result.reserveCapacity(utf8.count + 16)
        result.append(contentsOf: utf8[..<first])
        var rest = utf8[first...]
        // Runs of bytes that need nothing are copied whole; the loop stops only at special bytes.
        while let index = rest.firstIndex(where: special) {
            result.append(contentsOf: rest[..<index])
            let byte = rest[index]
            var following = rest[rest.index(after: index)...]
            switch byte {
            case 0x22: result.append(contentsOf: "\\\"".utf8)
            case 0x5C: result.append(contentsOf: "\\\\".utf8)
            case 0x0A: result.append(contentsOf: "\\n".utf8)
            case 0x09: result.append(contentsOf: "\\t".utf8)
            case 0x0D: result.append(contentsOf: "\\r".utf8)
            case ..<0x20: result.append(contentsOf: "\\u00\(hex(UInt32(byte)))".utf8)
            case 0x3C: result.append(contentsOf: "\\u003c".utf8)
            case 0x3E: result.append(contentsOf: "\\u003e".utf8)
            case 0x26: result.append(contentsOf: "\\u0026".utf8)
            case 0xE2 where following.starts(with: [0x80, 0xA8]) || following.starts(with: [0x80, 0xA9]):
                // U+2028 and U+2029 end a line in JavaScript.
                result.append(contentsOf: (following.dropFirst().first == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                following = following.dropFirst(2)
            default: result.append(byte)
            }
            rest = following
        }
        result.append(contentsOf: rest)
        result.append(0x22)
        return String(decoding: result, as: UTF8.self)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(value >> 4)], digits[Int(value & 15)]])
    }

    /// A JSON value for an optional string: its literal, or `null`.
    static func optional(_ text: String?, forScript: Bool = false) -> String {
        text.map { string($0, forScript: forScript) } ?? "null"
    }

    /// `["a", "b"]` on one line.
    static func array(_ texts: [String], forScript: Bool = false) -> String {
        "[" + texts.map { string($0, forScript: forScript) }.joined(separator: ", ") + "]"
    }

    /// An object with its members in the given order, one per line at `indent` spaces; each
    /// value is JSON already.
    static func object(_ members: [(String, String)], indent: Int = 0) -> String {
        let inner = String(repeating: " ", count: indent + 2)
        let lines = members.map { inner + string($0.0) + ": " + $0.1 }
        return "{\n" + lines.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "}"
    }
}
