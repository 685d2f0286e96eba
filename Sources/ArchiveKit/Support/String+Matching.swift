extension String {
    /// The string as the importer compares it: folded (case, diacritics, spacing), with curly quotes
    /// straightened and dashes made plain hyphens, so "Boluarte’s" matches "boluarte's".
    var matchKey: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in folded {
            switch character {
            case "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}": result.append("'")
            case "\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}": result.append("\"")
            case "\u{2013}", "\u{2014}", "\u{2212}": result.append("-")
            case "\u{00A0}": result.append(" ")
            default: result.append(character)
            }
        }
        return result
    }

    /// Whether `phrase` (already a match key) occurs here starting at a word boundary.
    func containsPhrase(_ phrase: String) -> Bool {
        guard !phrase.isEmpty else { return false }
        var searchRange = startIndex..<endIndex
        while let found = range(of: phrase, range: searchRange) {
            if found.lowerBound == startIndex || !self[index(before: found.lowerBound)].isLetterOrDigit {
                return true
            }
            searchRange = index(after: found.lowerBound)..<endIndex
        }
        return false
    }

    /// Whether `phrase` (already a match key) occurs here as whole words: "we" in "we demand", not in
    /// "went".
    func containsWholePhrase(_ phrase: String) -> Bool {
        guard !phrase.isEmpty else { return false }
        var searchRange = startIndex..<endIndex
        while let found = range(of: phrase, range: searchRange) {
            let starts = found.lowerBound == startIndex || !self[index(before: found.lowerBound)].isLetterOrDigit
            let ends = found.upperBound == endIndex || !self[found.upperBound].isLetterOrDigit
            if starts && ends { return true }
            searchRange = index(after: found.lowerBound)..<endIndex
        }
        return false
    }

    /// The words of the string, lowercased letters and digits only.
    var words: [Substring] {
        split { !$0.isLetterOrDigit && $0 != "'" }
    }
}

extension Character {
    var isLetterOrDigit: Bool { isLetter || isNumber }
}

extension String {
    /// The text without the control characters that no text means and HTML and XML do not
    /// allow (all below U+0020 but tab, line feed and carriage return, and U+007F). Every value
    /// read from a file goes through it, so no value can hold them.
    var withoutControlCharacters: String {
        let controls = Self.controlBytes
        guard containsByte(in: controls) else { return self }
        return String(decoding: utf8.filter { !controls.contains($0) }, as: UTF8.self)
    }

    private static let controlBytes = ByteSet { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
}
