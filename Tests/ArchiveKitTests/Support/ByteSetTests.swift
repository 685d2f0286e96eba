import Testing
@testable import ArchiveKit

@Suite("Byte sets and replacing bytes")
struct ByteSetTests {
    /// Predicates by name: none, all, alternate bytes, the edges of each quarter, and JSON's.
    static func predicate(_ name: String) -> (UInt8) -> Bool {
        switch name {
        case "none": { _ in false }
        case "all": { _ in true }
        case "odd": { $0 % 2 == 1 }
        case "edges": { [0, 63, 64, 127, 128, 191, 192, 255].contains($0) }
        default: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
        }
    }

    @Test(
        "a byte set holds exactly the bytes its predicate chose, on both sides of 128",
        arguments: ["none", "all", "odd", "edges", "JSON"])
    func membership(name: String) {
        let member = Self.predicate(name)
        let set = ByteSet(where: member)
        for byte in UInt8.min...UInt8.max {
            #expect(set.contains(byte) == member(byte), "\(name): \(byte)")
        }
    }

    @Test("replacing bytes changes only the bytes in the set, and says when there are none")
    func replacing() {
        let vowels = ByteSet { "aeiou".utf8.contains($0) }
        let upper = { (byte: UInt8, _: UnsafeBufferPointer<UInt8>, result: inout [UInt8]) -> Int in
            result.append(byte - 32)
            return 0
        }
        #expect("solidarity".replacingBytes(in: vowels, with: upper) == "sOlIdArIty")
        #expect("rhythm".replacingBytes(in: vowels, with: upper) == nil)
        #expect("".replacingBytes(in: vowels, with: upper) == nil)
        #expect("año".replacingBytes(in: vowels, with: upper) == "AñO", "bytes beyond ASCII are copied as they are")
    }
}
