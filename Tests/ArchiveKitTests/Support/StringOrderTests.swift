import Testing
@testable import ArchiveKit

@Suite("Strings in UTF-16 order")
struct StringOrderTests {
    /// Characters from each range whose UTF-8 and UTF-16 orders agree or differ.
    static let alphabet: [Character] = ["a", "b", "z", "é", "ñ", "ẞ", "中", "\u{E000}", "\u{FF21}", "\u{FFFD}", "😀", "𝄞", "\u{10000}"]

    @Test("sorting by UTF-8 bytes, with UTF-16 only where they disagree, gives UTF-16 order")
    func sameAsUTF16() {
        var seed: UInt64 = 42
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        let texts = (0..<2_000).map { _ in
            String((0..<(1 + next() % 4)).map { _ in Self.alphabet[next() % Self.alphabet.count] })
        }
        for (text, other) in zip(texts, texts.dropFirst()) {
            #expect(text.precedesInUTF16(other) == text.utf16.lexicographicallyPrecedes(other.utf16), "\(text) \(other)")
        }
        #expect("\u{FF21}".precedesInUTF16("😀") == false)
        #expect("😀".precedesInUTF16("\u{FF21}"))
        #expect("ab".precedesInUTF16("abc"))
        #expect(!"abc".precedesInUTF16("abc"))
    }
}
