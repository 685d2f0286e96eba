/// Whole numbers written as base-64 digits, five bits each with a continuation flag, so that posting
/// lists are plain ASCII that a script file can hold without escaping.
enum Base64Varint {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Each byte's value as a digit, by the byte; 255 for a byte that is no digit.
    static let values: [UInt8] = {
        var values = [UInt8](repeating: 255, count: 256)
        for (value, byte) in alphabet.enumerated() { values[Int(byte)] = UInt8(value) }
        return values
    }()

    /// Appends `value` (≥ 0): low five bits first, the sixth bit set while more digits follow.
    static func append(_ value: Int, to output: inout [UInt8]) {
        precondition(value >= 0, "varints are unsigned")
        var rest = value
        repeat {
            let digit = rest & 31
            rest >>= 5
            output.append(alphabet[rest > 0 ? digit | 32 : digit])
        } while rest > 0
    }

    /// Reads every number back; for tests.
    static func decode(_ text: String) -> [Int] {
        var values: [Int] = []
        var value = 0
        var shift = 0
        for byte in text.utf8 {
            guard let digit = alphabet.firstIndex(of: byte) else { return values }
            value |= (digit & 31) << shift
            if digit & 32 != 0 {
                shift += 5
            } else {
                values.append(value)
                value = 0
                shift = 0
            }
        }
        return values
    }
}
