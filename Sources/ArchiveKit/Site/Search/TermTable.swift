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

    init() {
        slots = Array(repeating: (-1, 0, 0), count: 1 << 12)
    }

    /// Calls `body` with the number of each term of `text`, in order.
    mutating func forEachTerm(in text: String, _ body: (Int32) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var ascii = true
            var index = 0
            while index <= bytes.count {
                let byte: UInt8 = index < bytes.count ? bytes[index] : 0x20
                let separator = byte < 0x80 && !Self.isWordByte(byte)
                if separator {
                    if index > start {
                        let run = UnsafeBufferPointer(rebasing: bytes[start..<index])
                        if ascii {
                            asciiWords(run, body)
                        } else {
                            for term in SearchText.terms(String(decoding: run, as: UTF8.self)) { body(number(of: term)) }
                        }
                    }
                    start = index + 1
                    ascii = true
                } else if byte >= 0x80 {
                    ascii = false
                }
                index += 1
            }
        }
    }

    /// Letters, digits and the apostrophes that `SearchText.normalise` removes.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x27 || byte == 0x60
    }

    /// An ASCII run holds one word once its apostrophes are dropped.
    private mutating func asciiWords(_ run: UnsafeBufferPointer<UInt8>, _ body: (Int32) -> Void) {
        var word = [UInt8]()
        word.reserveCapacity(run.count)
        for byte in run where byte != 0x27 && byte != 0x60 {
            word.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
        }
        guard !word.isEmpty else { return }
        body(word.withUnsafeBufferPointer { lookup($0) })
    }

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
