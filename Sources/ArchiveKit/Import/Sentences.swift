import Foundation

/// Splits prose into sentences without breaking at abbreviations such as "U.S." or "Dr.".
enum Sentences {
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "sr", "sra", "srta", "jr", "gen", "col", "lt", "prof", "no", "nº", "vs",
        "etc", "inc", "ltd", "co", "corp", "dept", "ee", "uu", "av", "pres", "gob", "lic", "ing", "art", "pp",
        "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// The sentences of a paragraph, trimmed.
    static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            if ".!?…".contains(character) {
                // Closing quotes and brackets belong to the sentence they end.
                while index + 1 < characters.count, "\"”’')]»".contains(characters[index + 1]) {
                    index += 1
                    current.append(characters[index])
                }
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let after = index + 2 < characters.count ? characters[index + 2] : nil
                if next == nil || (next!.isWhitespace && (after.map(startsSentence) ?? true))
                    && !(character == "." && endsWithAbbreviation(current))
                {
                    let trimmed = current.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty { sentences.append(trimmed) }
                    current = ""
                }
            }
            index += 1
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }

    private static func startsSentence(_ character: Character) -> Bool {
        character.isUppercase || character.isNumber || "\"“‘'¡¿([«".contains(character)
    }

    /// "U.S." and "Dr." end in a period that does not end the sentence.
    private static func endsWithAbbreviation(_ text: String) -> Bool {
        let word = text.dropLast().split(whereSeparator: { $0.isWhitespace || $0 == "(" }).last ?? ""
        let parts = word.split(separator: ".")
        guard let last = parts.last else { return false }
        return last.count == 1 && last.first!.isLetter || abbreviations.contains(last.lowercased())
    }
}
