/// Text made safe for XML 1.0 content and attribute values: the five special characters escaped,
/// and the characters XML cannot hold (controls other than tab and line breaks, U+FFFE and
/// U+FFFF) left out, with the C1 controls (U+0080 to U+009F), which no text means.
enum XMLText {
    static func escape(_ text: String) -> String {
        text.replacingBytes(in: special) { byte, following, result in
            switch byte {
            case 0x26: result += ampersand
            case 0x3C: result += lessThan
            case 0x3E: result += greaterThan
            case 0x22: result += quote
            case 0x27: result += apostrophe
            default: return leavingOut(byte, following, &result)
            }
            return 0
        } ?? text
    }

    /// The text with what XML cannot hold left out, as `escape` leaves it out, and every double
    /// quote doubled: the inside of a quoted CSV cell, whose data the XML files hold too.
    static func quotedCell(_ text: String) -> String {
        text.replacingBytes(in: specialInCell) { byte, following, result in
            guard byte == 0x22 else { return leavingOut(byte, following, &result) }
            result += [0x22, 0x22]
            return 0
        } ?? text
    }

    // Most text holds none of the five characters and nothing to leave out; 0xC2 starts the C1
    // controls, 0xEF starts U+FFFE and U+FFFF.
    private static let special = ByteSet {
        isDisallowedStart($0) || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27
    }
    /// What `quotedCell` changes: what XML cannot hold, and double quotes.
    static let specialInCell = ByteSet { isDisallowedStart($0) || $0 == 0x22 }

    /// Whether a byte is a control character XML cannot hold, or may start one of the characters
    /// left out (0xC2 the C1 controls, 0xEF U+FFFE and U+FFFF).
    private static func isDisallowedStart(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0xC2 || byte == 0xEF
    }

    /// Leaves out the character starting with `byte` if XML cannot hold it, else keeps the byte;
    /// returns how many of the following bytes the character took.
    private static func leavingOut(_ byte: UInt8, _ following: UnsafeBufferPointer<UInt8>, _ result: inout [UInt8]) -> Int {
        switch byte {
        case ..<0x20: return 0
        case 0xC2 where following.count >= 1 && (0x80...0x9F).contains(following[0]):
            return 1
        case 0xEF where following.count >= 2 && following[0] == 0xBF && (following[1] == 0xBE || following[1] == 0xBF):
            return 2
        default:
            result.append(byte)
            return 0
        }
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
