import Foundation
import Testing
@testable import ArchiveKit

@Suite("Digests")
struct DigestTests {
    /// Reference values from another implementation of XXH3 (Python's `xxhash`): the first 90 bits
    /// of the canonical 128-bit hash, in base64url.
    @Test("a digest is XXH3-128's first 90 bits in base64url", arguments: [
        ("", "maoG0wFHmNhgAcM"),
        ("abc", "BrBatnM6YYV4r1-"),
        ("Elecciones ya, ñandú", "DtGShlKWHxUsMFv"),
    ])
    func knownDigests(text: String, expected: String) {
        #expect(BuildCache.digest(Array(text.utf8)) == expected)
        #expect(BuildCache.digest(Data(text.utf8)) == expected)
    }

    @Test("bytes digested a piece at a time give the digest of all of them at once")
    func pieces() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 15, 16, 17, 240, 241, 1_000, 100_000] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let cuts = ([0, count] + (0..<3).map { _ in Int.random(in: 0...count, using: &generator) }).sorted()
            let digesting = BuildCache.Digesting()
            bytes.withUnsafeBytes { all in
                for (start, end) in zip(cuts, cuts.dropFirst()) {
                    digesting.update(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                }
            }
            #expect(digesting.digest == BuildCache.digest(bytes), "\(count) bytes cut at \(cuts)")
        }
    }

    @Test("texts a byte apart have different digests, each 15 characters of base64url")
    func distinct() {
        let base = Array("Comunicado sobre la represión en Puno".utf8)
        var seen: Set<String> = [BuildCache.digest(base)]
        for index in base.indices {
            for bit in 0..<8 {
                var changed = base
                changed[index] ^= 1 << bit
                let digest = BuildCache.digest(changed)
                #expect(digest.utf8.count == 15)
                #expect(digest.utf8.allSatisfy { $0.isBase64URL })
                seen.insert(digest)
            }
        }
        #expect(seen.count == base.count * 8 + 1)
    }
}

private extension UInt8 {
    var isBase64URL: Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "-") || self == UInt8(ascii: "_")
    }
}
