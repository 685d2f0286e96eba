import Foundation

/// Numbers the terms of a run of documents as they are read, fast: ASCII words are looked up by
/// their bytes in an open-addressing table, so reading a word creates no string unless it is new;
/// anything else takes `SearchText`'s Unicode path. The terms are exactly `SearchText.terms`.
struct TermTable {
    /// Terms by number.
    private(set) var terms: [String] = []
    private var termNumbers: [String: Int32] = [:]
    // Open addressing over lowercased ASCII words: each slot holds a word's hash, where its bytes
    // are in `keys`, and its term number; an empty slot has length -1.
    private var keys: [UInt8] = []
    private var slots: [Slot]
    private var used = 0

    private struct Slot {
        var hash: UInt32 = 0
        var length: Int32 = -1
        var start: Int32 = 0
        var term: Int32 = 0
    }

    /// Longer ASCII words are rare enough to take the Unicode path.
    private static let longestWord = 64
    private static let hashBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let hashPrime: UInt64 = 0x100_0000_01b3

    init() {
        slots = Array(repeating: Slot(), count: 1 << 12)
    }

    /// Appends the number of each term of `text` to `numbers`, in order.
    mutating func appendTerms(of text: String, to numbers: inout [Int32]) {
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.longestWord) { word in
                // The current run of bytes between separators; while it is ASCII, its word is
                // lowercased into `word` and hashed (FNV-1a) as it is read.
                var start = 0
                var ascii = true
                var length = 0
                var hash = Self.hashBasis
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
                                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                                if length < Self.longestWord { word[length] = lower }
                                length += 1
                                hash = (hash ^ UInt64(lower)) &* Self.hashPrime
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
                        if ascii && length <= Self.longestWord {
                            if length > 0 {
                                numbers.append(lookup(UnsafeBufferPointer(rebasing: word[..<length]), hash: hash))
                            }
                        } else {
                            let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                            for term in SearchText.terms(run) { numbers.append(number(of: term)) }
                        }
                    }
                    index += width
                    start = index
                    ascii = true
                    length = 0
                    hash = Self.hashBasis
                }
            }
        }
    }

    /// U+0080–U+00BF's letters and numbers (ª ² ³ µ ¹ º ¼ ½ ¾), as bits by their low six bits:
    /// bits 42, 50, 51, 53, 57, 58, 60, 61 and 62.
    private static let latin1WordMask: UInt64 = 0x762C_0400_0000_0000

    private mutating func lookup(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let short = UInt32(truncatingIfNeeded: hash)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].length >= 0 {
            let entry = slots[slot]
            if entry.hash == short, Int(entry.length) == word.count,
                keys.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(entry.start), word.baseAddress!, word.count) == 0 })
            {
                return entry.term
            }
            slot = (slot + 1) & mask
        }
        let term = number(of: SearchText.stem(String(decoding: word, as: UTF8.self)))
        slots[slot] = Slot(hash: short, length: Int32(word.count), start: Int32(keys.count), term: term)
        keys.append(contentsOf: word)
        used += 1
        if used * 2 > slots.count { grow() }
        return term
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry.length >= 0 {
            // The slot's hash keeps the low 32 bits of the word's, enough for any table that fits.
            var slot = Int(entry.hash) & mask
            while slots[slot].length >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// The number of `term`, a term as `SearchText` gives it, numbering it if it is new.
    mutating func number(of term: String) -> Int32 {
        if let known = termNumbers[term] { return known }
        let number = Int32(terms.count)
        termNumbers[term] = number
        terms.append(term)
        return number
    }
}
