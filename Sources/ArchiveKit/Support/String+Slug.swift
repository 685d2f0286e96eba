import Foundation

extension String {
    /// The string folded for comparison: lowercase, without diacritics, with white space collapsed.
    ///
    /// "  Mariátegui  " and "MARIATEGUI" fold to the same "mariategui".
    public var folded: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A URL- and file-name-safe slug: case and diacritics folded, apostrophes dropped,
    /// every other run of non-alphanumerics turned into one hyphen.
    ///
    /// "Mariátegui" becomes `mariategui`, "Workers’ Party of Peru" becomes `workers-party-of-peru`.
    /// Letters outside the Latin alphabet are kept, folded to lowercase.
    public var slug: String {
        var result = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
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
