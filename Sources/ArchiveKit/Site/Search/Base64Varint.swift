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
        alphabet.withUnsafeBufferPointer { append(value, to: &output, digits: $0) }
    }

    /// Appends postings: for each entry, a document number shifted left by five bits over a score
    /// of five bits, in document order, the gap since the last document and the score.
    static func appendPostings(_ entries: some Sequence<UInt32>, to output: inout [UInt8]) {
        // The alphabet is looked up once, not through its global for every digit.
        alphabet.withUnsafeBufferPointer { digits in
            var previous = -1
            for entry in entries {
                append(entry, after: previous, to: &output, digits: digits)
                previous = Int(entry >> 5)
            }
        }
    }

    /// One entry: the gap since the document `previous` (-1 for none), then the score.
    private static func append(
        _ entry: UInt32, after previous: Int, to output: inout [UInt8], digits: UnsafeBufferPointer<UInt8>
    ) {
        append(Int(entry >> 5) - previous - 1, to: &output, digits: digits)
        append(Int(entry & 31), to: &output, digits: digits)
    }

    private static func append(_ value: Int, to output: inout [UInt8], digits: UnsafeBufferPointer<UInt8>) {
        precondition(value >= 0, "varints are unsigned")
        var rest = value
        repeat {
            let digit = rest & 31
            rest >>= 5
            output.append(digits[rest > 0 ? digit | 32 : digit])
        } while rest > 0
    }

    /// Reads postings written by `appendPostings`, calling `body` with each entry's document number,
    /// its score and where its digits lie (counted from the first digit) while it returns true.
    /// False if `body` returned false, a byte is no digit, or the digits end inside an entry.
    static func forEachPosting(
        in digits: some Sequence<UInt8>, _ body: (_ document: Int, _ score: UInt32, _ digits: Range<Int>) -> Bool
    ) -> Bool {
        // Every byte of every shard passes through here when the index is brought up to date:
        // the table is looked up once, not through its global for every byte.
        values.withUnsafeBufferPointer { values in
            var document = -1
            var value = 0
            var shift = 0
            var gap = true
            var offset = 0
            var start = 0
            for byte in digits {
                offset += 1
                let digit = Int(values[Int(byte)])
                guard digit < 64 else { return false }
                value |= (digit & 31) << shift
                if digit & 32 != 0 {
                    shift += 5
                    continue
                }
                if gap {
                    document += value + 1
                } else {
                    guard body(document, UInt32(value & 31), start..<offset) else { return false }
                    start = offset
                }
                gap.toggle()
                value = 0
                shift = 0
            }
            return gap && shift == 0
        }
    }

    /// Appends one entry of postings: the gap since the document `previous` (-1 for none), then
    /// the score; as `appendPostings` writes each entry.
    static func appendPosting(_ entry: UInt32, after previous: Int, to output: inout [UInt8]) {
        alphabet.withUnsafeBufferPointer { append(entry, after: previous, to: &output, digits: $0) }
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
