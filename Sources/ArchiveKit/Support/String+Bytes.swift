extension String {
    /// Whether any UTF-8 byte of the text is one for which `special` holds, read over the text's
    /// buffer (the UTF-8 view's own iteration is several times slower).
    func containsByte(where special: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: special) } ?? utf8.contains(where: special)
    }

    /// The text with each byte for which `special` holds replaced by what `replace` appends to
    /// the result; `nil` when no byte is special. `replace` is given the special byte and the bytes
    /// after it, and returns how many of those it consumed too. Runs of other bytes are copied
    /// whole, so that escaping costs little more than copying when special bytes are rare.
    func replacingBytes(
        where special: (UInt8) -> Bool,
        with replace: (_ byte: UInt8, _ following: UnsafeBufferPointer<UInt8>, _ result: inout [UInt8]) -> Int
    ) -> String? {
        var text = self
        return text.withUTF8 { bytes -> String? in
            guard var index = bytes.firstIndex(where: special) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + bytes.count / 8)
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<index]))
            while index < bytes.count {
                let following = UnsafeBufferPointer(rebasing: bytes[(index + 1)...])
                index = min(bytes.count, index + 1 + replace(bytes[index], following, &result))
                let next = bytes[index...].firstIndex(where: special) ?? bytes.count
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<next]))
                index = next
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
