/// JSON string literals written by hand, for output made once per statement or per term, where
/// an encoder's cost per value would dominate. Every literal is also safe inside an HTML
/// `<script>` element: `<`, `>` and `&` are written as escapes when `forScript` is set, and the
/// line separators U+2028 and U+2029 always are.
enum JSONText {
    /// `"text"`, escaped.
    static func string(_ text: String, forScript: Bool = false) -> String {
        // Text with no quote, backslash, control character or possible line separator (both
        // start with the byte 0xE2) needs no escaping and is copied whole.
        let escaped = text.replacingBytes(in: forScript ? specialInScript : special) { byte, following, result in
            switch byte {
            case 0x22: result += [0x5C, 0x22]
            case 0x5C: result += [0x5C, 0x5C]
            case 0x0A: result += [0x5C, UInt8(ascii: "n")]
            case 0x09: result += [0x5C, UInt8(ascii: "t")]
            case 0x0D: result += [0x5C, UInt8(ascii: "r")]
            case ..<0x20: result += Array("\\u00\(hex(UInt32(byte)))".utf8)
            case 0x3C: result += Array("\\u003c".utf8)
            case 0x3E: result += Array("\\u003e".utf8)
            case 0x26: result += Array("\\u0026".utf8)
            case 0xE2
            where following.count >= 2 && following[0] == 0x80 && (following[1] == 0xA8 || following[1] == 0xA9):
                // U+2028 and U+2029 end a line in JavaScript.
                result += Array((following[1] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                return 2
            default: result.append(byte)
            }
            return 0
        }
        return "\"" + (escaped ?? text) + "\""
    }

    private static let special = ByteSet { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
    private static let specialInScript = ByteSet { special.contains($0) || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 }

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
