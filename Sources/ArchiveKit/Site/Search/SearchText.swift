import Foundation

/// How search reads text, in exactly the steps `theme/assets/search.js` takes at query time, so
/// that the terms a visitor types meet the terms the index holds. `Tests/search-vectors.json` is run
/// by both implementations' tests.
public enum SearchText {
    /// Letters that canonical decomposition leaves whole but readers expect to match plain ones.
    static let letters: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]
    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}"]

    /// Lowercase, without diacritics or apostrophes: "Mariátegui’s" becomes "mariateguis".
    public static func normalise(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) || apostrophes.contains(scalar) { continue }
            if let replacement = letters[scalar] {
                result.append(contentsOf: replacement.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The words of a text, normalised, unstemmed.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalise(text).unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// The index terms of a text: its words, stemmed. (`TermTable` reads the same terms faster.)
    public static func terms(_ text: String) -> [String] {
        words(text).map(stem)
    }

    /// A light plural stemmer for English and Spanish; longer forms ("protesters", "protesting") are
    /// reached by prefix matching at query time instead.
    public static func stem(_ word: String) -> String {
        let scalars = word.unicodeScalars
        guard scalars.count > 3 else { return word }
        // Suffixes are ASCII, so comparing the last UTF-8 bytes is comparing the last scalars.
        let bytes = word.utf8
        func ends(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            return suffix.withUTF8Buffer { bytes.suffix(count).elementsEqual($0) }
        }
        func drop(_ count: Int, adding: String = "") -> String {
            String(scalars.dropLast(count)) + adding
        }
        if ends("iones") { return drop(2) }
        if ends("ies"), scalars.count > 4 { return drop(3, adding: "y") }
        if ends("sses") { return drop(2) }
        if ends("xes") || ends("zes") || ends("ches") || ends("shes") { return drop(2) }
        if ends("s"), !ends("ss"), !ends("us"), !ends("is") { return drop(1) }
        return word
    }
}
