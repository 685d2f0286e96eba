import Foundation

/// Values laid one after another in bytes, without names: how the build cache keeps parsed
/// statements, which the next build reads back in a fraction of the time JSON takes.
///
/// Integers are variable-length (seven bits a byte, zigzag-signed), texts are their UTF-8 length
/// then their bytes, an optional value is a byte 0 or 1 then the value, a list its length then
/// its elements. A record is read in the order it was written; bytes that end early or hold
/// something else throw `Malformed`, and the cache is then ignored.
enum CacheRecord {
    /// The bytes do not hold what the reader expected.
    struct Malformed: Error {}

    /// Appends values to a buffer.
    struct Writer {
        private(set) var bytes: [UInt8] = []

        init() {}

        mutating func append(_ value: Int) {
            var rest = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func append(_ value: Bool) {
            bytes.append(value ? 1 : 0)
        }

        mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                append(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func append(_ text: String?) {
            append(text != nil)
            if let text { append(text) }
        }

        mutating func append(_ texts: [String]) {
            append(texts.count)
            for text in texts { append(text) }
        }

        /// A map's pairs, in the order of their keys, so that equal maps give equal bytes.
        mutating func append(_ map: [String: String]) {
            append(map.count)
            for (key, value) in map.sorted(by: { $0.key < $1.key }) {
                append(key)
                append(value)
            }
        }

        mutating func append(bytes more: some Collection<UInt8>) {
            bytes.append(contentsOf: more)
        }
    }

    /// Reads values from bytes that outlive it.
    struct Reader {
        private let buffer: UnsafeRawBufferPointer
        private(set) var offset = 0

        init(_ buffer: UnsafeRawBufferPointer) {
            self.buffer = buffer
        }

        /// Whether every byte has been read.
        var isAtEnd: Bool { offset == buffer.count }

        mutating func int() throws -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < buffer.count, shift < 64 else { throw Malformed() }
                let byte = buffer[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return Int(truncatingIfNeeded: Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
        }

        /// A count or length, never negative.
        mutating func count() throws -> Int {
            let count = try int()
            // Every element takes a byte at least.
            guard count >= 0, count <= buffer.count - offset else { throw Malformed() }
            return count
        }

        mutating func bool() throws -> Bool {
            guard offset < buffer.count, buffer[offset] <= 1 else { throw Malformed() }
            offset += 1
            return buffer[offset - 1] == 1
        }

        mutating func string() throws -> String {
            let bytes = try self.bytes()
            return String(decoding: bytes, as: UTF8.self)
        }

        mutating func optionalString() throws -> String? {
            try bool() ? try string() : nil
        }

        mutating func strings() throws -> [String] {
            let count = try count()
            var texts: [String] = []
            texts.reserveCapacity(count)
            for _ in 0..<count { texts.append(try string()) }
            return texts
        }

        mutating func map() throws -> [String: String] {
            let count = try count()
            var map: [String: String] = [:]
            map.reserveCapacity(count)
            for _ in 0..<count {
                let key = try string()
                map[key] = try string()
            }
            return map
        }

        /// The next bytes of a length written before them.
        mutating func bytes() throws -> UnsafeRawBufferPointer {
            let length = try int()
            guard length >= 0, length <= buffer.count - offset else { throw Malformed() }
            defer { offset += length }
            return UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + length])
        }
    }
}

extension Statement {
    /// Writes every field, in the order `init(reading:)` reads them.
    func write(to writer: inout CacheRecord.Writer) {
        writer.append(id)
        writer.append(file)
        writer.append(title)
        writer.append(date != nil)
        if let date {
            writer.append(date.year)
            writer.append(date.month)
            writer.append(date.day ?? -1)
        }
        writer.append(organisation)
        writer.append(coSigners)
        writer.append(author)
        writer.append(publication)
        writer.append(kind.rawValue)
        writer.append(language)
        writer.append(demands)
        writer.append(tags)
        writer.append(summary)
        writer.append(source != nil)
        if let source {
            writer.append(source.file)
            writer.append(source.url)
            writer.append(source.captured)
            writer.append(source.sha256)
        }
        writer.append(isDraft)
        writer.append(review)
        writer.append(evidence)
        writer.append(body)
    }
}
