import Foundation

extension String {
    /// The string folded for comparison: lowercase, without diacritics, with white space collapsed.
    ///
    /// "  Mariátegui  " and "MARIATEGUI" fold to the same "mariategui".
    public var folded: String {
        asciiFolded ?? foundationFolded
    }

    /// Folded by Foundation, for any text.
    var foundationFolded: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Folded a byte at a time, for text that is all ASCII (most ids, tags and names), where
    /// folding only lowers letters' case: `nil` for any other text. Loading an archive folds every
    /// tag, demand and organisation each statement names, and Foundation's folding was most of it.
    var asciiFolded: String? {
        let folded = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var spaced = false
            for byte in bytes {
                switch byte {
                case 0x80...: return nil
                // The white space of ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
                case 0x09...0x0D, 0x20: spaced = !result.isEmpty
                default:
                    if spaced { result.append(0x20) }
                    spaced = false
                    result.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
        return folded ?? nil
    }

    /// A URL- and file-name-safe slug: case and diacritics folded, apostrophes dropped,
    /// every other run of non-alphanumerics turned into one hyphen.
    ///
    /// "Mariátegui" becomes `mariategui`, "Workers’ Party of Peru" becomes `workers-party-of-peru`.
    /// Letters outside the Latin alphabet are kept, folded to lowercase. A slug longer than
    /// ``slugLimit`` bytes is cut at a hyphen and ends in a digest of the whole, so that it stays a
    /// valid folder name on every file system and two long names keep two slugs.
    public var slug: String {
        let whole = fullSlug
        guard whole.utf8.count > Self.slugLimit else { return whole }
        var digest: UInt32 = 2_166_136_261
        for byte in whole.utf8 { digest = (digest ^ UInt32(byte)) &* 16_777_619 }
        let suffix = "-" + String(digest, radix: 16).leftPadded(to: 8)
        var head = Substring(whole)
        while head.utf8.count > Self.slugLimit - suffix.utf8.count { head = head.dropLast() }
        if let hyphen = head.lastIndex(of: "-"), head.distance(from: head.startIndex, to: hyphen) > head.count / 2 {
            head = head[..<hyphen]
        }
        return String(head) + suffix
    }

    /// The most bytes a slug has.
    static let slugLimit = 96

    private func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }

    private var fullSlug: String {
        var result = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            // ASCII, most of most names, without reading Unicode properties: letters and digits
            // are kept, apostrophes dropped, anything else a break between words.
            if scalar.isASCII {
                switch UInt8(scalar.value) {
                case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if pendingHyphen && !result.isEmpty { result += "-" }
                    pendingHyphen = false
                    result.unicodeScalars.append(scalar)
                default: pendingHyphen = true
                }
                continue
            }
            if Self.apostrophes.contains(scalar) { continue }
            let replacement = Self.ligatures[scalar].map(String.init) ?? String(scalar)
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingHyphen && !result.isEmpty { result += "-" }
                pendingHyphen = false
                result += replacement
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`"]

    /// Letters that diacritic folding leaves alone but readers of a URL expect spelled out.
    private static let ligatures: [Unicode.Scalar: Substring] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i",
    ]
}
