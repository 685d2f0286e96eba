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
        guard let first = utf8.firstIndex(where: special) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count + utf8.count / 8)
        result.append(contentsOf: utf8[..<first])
        var rest = utf8[first...]
        // Runs of bytes that need nothing are copied whole; the loop stops only at special bytes.
        while let index = rest.firstIndex(where: special) {
            result.append(contentsOf: rest[..<index])
            let byte = rest[index]
            let next = rest.index(after: index)
            let following = rest[next...]
            switch byte {
            case 0x26: result.append(contentsOf: "&amp;".utf8)
            case 0x3C: result.append(contentsOf: "&lt;".utf8)
            case 0x3E: result.append(contentsOf: "&gt;".utf8)
            case 0x22: result.append(contentsOf: "&quot;".utf8)
            case 0x27: result.append(contentsOf: "&apos;".utf8)
            case ..<0x20: break
            case 0xC2 where following.first.map { (0x80...0x9F).contains($0) } == true:
                rest = following.dropFirst()
                continue
            case 0xEF where following.starts(with: [0xBF, 0xBE]) || following.starts(with: [0xBF, 0xBF]):
                rest = following.dropFirst(2)
                continue
            default: result.append(byte)
            }
            rest = following
        }
        result.append(contentsOf: rest)
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
