import Foundation

/// Numbers the terms of a run of documents as they are read, fast: ASCII words are looked up by
/// their bytes in an open-addressing table, so reading a word creates no string unless it is new;
/// anything else takes `SearchText`'s Unicode path. The terms are exactly `SearchText.terms`.
struct TermTable {
    /// Terms by number.
    private(set) var terms: [String] = []
    private var numbers: [String: Int32] = [:]
    // Open addressing over lowercased ASCII words: (start, length) into `keys`, and a term number.
    private var keys: [UInt8] = []
    private var slots: [(start: Int32, length: Int32, term: Int32)]
    private var used = 0
    private var scratch: [UInt8] = []

    init() {
        slots = Array(repeating: (-1, 0, 0), count: 1 << 12)
    }

    /// Calls `body` with the number of each term of `text`, in order.
    mutating func forEachTerm(in text: String, _ body: (Int32) -> Void) {
        var text = text
        // The lowercased ASCII word being read, in a buffer kept between calls.
        var word = scratch
        scratch = []
        text.withUTF8 { bytes in
            var start = 0
            var ascii = true
            var index = 0
            while index <= bytes.count {
                // The width of the separator at `index`; the end of the text is one too.
                let width: Int
                if index == bytes.count {
                    width = 1
                } else {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        if (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 {
                            word.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                            index += 1
                            continue
                        }
                        if byte == 0x27 || byte == 0x60 {
                            index += 1
                            continue
                        }
                        width = 1
                    } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 {
                        // U+0080–U+00BF: separators, except the apostrophe ´ and the letters and
                        // numbers ª ² ³ µ ¹ º ¼ ½ ¾.
                        let low = bytes[index + 1] & 0x3F
                        if low == 0x34 {
                            index += 2
                            continue
                        }
                        if Self.latin1WordMask >> low & 1 == 1 {
                            ascii = false
                            index += 1
                            continue
                        }
                        width = 2
                    } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xC0 == 0x80 {
                        // U+2000–U+203F: separators, except the apostrophes ‘ and ’.
                        if bytes[index + 2] == 0x98 || bytes[index + 2] == 0x99 {
                            index += 3
                            continue
                        }
                        width = 3
                    } else {
                        ascii = false
                        index += 1
                        continue
                    }
                }
                if index > start {
                    if ascii {
                        if !word.isEmpty { body(word.withUnsafeBufferPointer { lookup($0) }) }
                    } else {
                        let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                        for term in SearchText.terms(run) { body(number(of: term)) }
                    }
                }
                word.removeAll(keepingCapacity: true)
                index += width
                start = index
                ascii = true
            }
        }
        scratch = word
    }

    /// U+0080–U+00BF's letters and numbers (ª ² ³ µ ¹ º ¼ ½ ¾), as bits by their low six bits.
    private static let latin1WordMask: UInt64 = [0xAA, 0xB2, 0xB3, 0xB5, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE]
        .reduce(0) { $0 | 1 << ($1 & 0x3F) }

    private mutating func lookup(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].start >= 0 {
            let entry = slots[slot]
            if Int(entry.length) == word.count,
                keys.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(entry.start), word.baseAddress!, word.count) == 0 })
            {
                return entry.term
            }
            slot = (slot + 1) & mask
        }
        let term = number(of: SearchText.stem(String(decoding: word, as: UTF8.self)))
        slots[slot] = (Int32(keys.count), Int32(word.count), term)
        keys.append(contentsOf: word)
        used += 1
        if used * 2 > slots.count { grow() }
        return term
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (-1, 0, 0), count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry.start >= 0 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for index in Int(entry.start)..<Int(entry.start + entry.length) { hash = (hash ^ UInt64(keys[index])) &* 0x100_0000_01b3 }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].start >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    private mutating func number(of term: String) -> Int32 {
        if let known = numbers[term] { return known }
        let number = Int32(terms.count)
        numbers[term] = number
        terms.append(term)
        return number
    }
}
