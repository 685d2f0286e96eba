/// Text made safe for XML 1.0 content and attribute values: the five special characters escaped,
/// and the characters XML cannot hold (controls other than tab and line breaks, U+FFFE and
/// U+FFFF) left out, with the C1 controls (U+0080 to U+009F), which no text means.
enum XMLText {
    static func escape(_ text: String) -> String {
        // Most text holds none of the five characters and nothing to leave out; 0xC2 starts the
        // C1 controls, 0xEF starts U+FFFE and U+FFFF.
        let special = { (byte: UInt8) in
            (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x26 || byte == 0x3C
                || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0xC2 || byte == 0xEF
        }
        return text.replacingBytes(where: special) { byte, following, result in
            switch byte {
            case 0x26: result += ampersand
            case 0x3C: result += lessThan
            case 0x3E: result += greaterThan
            case 0x22: result += quote
            case 0x27: result += apostrophe
            case ..<0x20: break
            case 0xC2 where following.count >= 1 && (0x80...0x9F).contains(following[0]):
                return 1
            case 0xEF
            where following.count >= 2 && following[0] == 0xBF && (following[1] == 0xBE || following[1] == 0xBF):
                return 2
            default: result.append(byte)
            }
            return 0
        } ?? text
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let apostrophe = Array("&apos;".utf8)

    /// Whether XML 1.0 allows the character; C1 controls are allowed but left out too, since no
    /// text means them.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
