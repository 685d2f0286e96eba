/// Numbers for pairs of term numbers, in an open-addressing table with a multiplicative hash:
/// reading text looks up one pair per word, too often for `Dictionary`'s seeded hashing.
struct PairTable {
    /// Pairs by number.
    private(set) var pairs: [(first: Int32, second: Int32)] = []
    private var keys: [UInt64]
    private var values: [Int32]

    init() {
        keys = Array(repeating: .max, count: 1 << 12)
        values = Array(repeating: 0, count: 1 << 12)
    }

    /// The number of the pair (`first`, `second`), numbering it if it is new.
    mutating func number(_ first: Int32, _ second: Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
        let mask = keys.count - 1
        var slot = Self.slot(of: key, mask: mask)
        while keys[slot] != .max {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        let number = Int32(pairs.count)
        keys[slot] = key
        values[slot] = number
        pairs.append((first, second))
        if pairs.count * 2 > keys.count { grow() }
        return number
    }

    private static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: .max, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (key, value) in zip(oldKeys, oldValues) where key != .max {
            var slot = Self.slot(of: key, mask: mask)
            while keys[slot] != .max { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }
}
