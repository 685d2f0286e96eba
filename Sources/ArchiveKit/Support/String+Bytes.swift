extension String {
    /// Whether any UTF-8 byte of the text is in `special`, read over the text's buffer (the UTF-8
    /// view's own iteration is several times slower).
    func containsByte(in special: ByteSet) -> Bool {
        var text = self
        return text.withUTF8 { bytes in bytes.contains { special.contains($0) } }
    }

    /// The text with each byte in `special` replaced by what `replace` appends to the result;
    /// `nil` when no byte is special. `replace` is given the special byte and the bytes after it,
    /// and returns how many of those it consumed too. Runs of other bytes are copied whole, so
    /// that escaping costs little more than copying when special bytes are rare.
    func replacingBytes(
        in special: ByteSet,
        with replace: (_ byte: UInt8, _ following: UnsafeBufferPointer<UInt8>, _ result: inout [UInt8]) -> Int
    ) -> String? {
        var text = self
        return text.withUTF8 { bytes -> String? in
            // The first special byte at or after `start`, or the end.
            func nextSpecial(from start: Int) -> Int {
                var index = start
                while index < bytes.count && !special.contains(bytes[index]) { index += 1 }
                return index
            }
            var index = nextSpecial(from: 0)
            guard index < bytes.count else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + bytes.count / 8)
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<index]))
            while index < bytes.count {
                let following = UnsafeBufferPointer(rebasing: bytes[(index + 1)...])
                index = min(bytes.count, index + 1 + replace(bytes[index], following, &result))
                let next = nextSpecial(from: index)
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<next]))
                index = next
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}

/// A set of byte values, each looked up in a table of 256 entries: what escaping scans for in
/// every byte of a text, one load a byte. (A bitmap of two 128-bit words, shifted for each byte,
/// scanned text at a quarter of the speed.)
struct ByteSet: Sendable {
    private let table: [Bool]

    /// The bytes for which `member` holds.
    init(where member: (UInt8) -> Bool) {
        table = (UInt8.min...UInt8.max).map(member)
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        table[Int(byte)]
    }
}

extension String {
    /// Whether the text sorts before `other` by UTF-16 code units, as JavaScript compares strings.
    ///
    /// Read over UTF-8 bytes, whose order is the same except between a character from U+E000 to
    /// U+FFFF (first byte 0xEE or 0xEF) and one above U+FFFF (first byte 0xF0 to 0xF4), which
    /// UTF-16 puts the other way round; only then are the UTF-16 views compared.
    func precedesInUTF16(_ other: String) -> Bool {
        var text = self
        var other = other
        let order = text.withUTF8 { bytes in
            other.withUTF8 { otherBytes -> Bool? in
                let common = Swift.min(bytes.count, otherBytes.count)
                var index = 0
                while index < common, bytes[index] == otherBytes[index] { index += 1 }
                guard index < common else { return bytes.count < otherBytes.count }
                if bytes[index] >= 0xEE && otherBytes[index] >= 0xEE { return nil }
                return bytes[index] < otherBytes[index]
            }
        }
        return order ?? text.utf16.lexicographicallyPrecedes(other.utf16)
    }
}
