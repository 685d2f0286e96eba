/// Text made safe for XML 1.0 content and attribute values: the five special characters escaped,
/// and the characters XML cannot hold (controls other than tab and line breaks, U+FFFE and
/// U+FFFF) left out, with the C1 controls (U+0080 to U+009F), which no text means.
enum XMLText {
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        // Most text holds none of the five characters and nothing to leave out; 0xC2 starts the
        // C1 controls, 0xEF starts U+FFFE and U+FFFF.
        let special = { (byte: UInt8) in
            (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x26 || byte == 0x3C
                || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0xC2 || byte == 0xEF
        }
        guard utf8.contains(where: special) else { return text }
        let bytes = Array(utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x26: result += "&amp;".utf8
            case 0x3C: result += "&lt;".utf8
            case 0x3E: result += "&gt;".utf8
            case 0x22: result += "&quot;".utf8
            case 0x27: result += "&apos;".utf8
            case 0x09, 0x0A, 0x0D: result.append(byte)
            case ..<0x20: break
            case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                index += 1
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                index += 2
            default: result.append(byte)
            }
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether XML 1.0 allows the character; C1 controls are allowed but left out too, since no
    /// text means them.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
