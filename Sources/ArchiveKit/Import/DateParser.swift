import Foundation

/// Reads a date written out on a line of its own, in English or Spanish:
/// "April 24, 2024", "24 April 2024", "Jan 112023" (day glued to year), "11 de enero de 2023",
/// "Lima, 11 de enero del 2023", "enero de 2023", "2023-01-11".
enum DateParser {
    private static let months: [String: Int] = {
        var months: [String: Int] = [:]
        let english = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                       "october", "november", "december"]
        let spanish = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                       "octubre", "noviembre", "diciembre"]
        for (index, name) in english.enumerated() {
            months[name] = index + 1
            months[String(name.prefix(3))] = index + 1
        }
        for (index, name) in spanish.enumerated() {
            months[name] = index + 1
            months[String(name.prefix(3))] = index + 1
        }
        months["sept"] = 9
        months["setiembre"] = 9
        months["set"] = 9
        return months
    }()

    private static let month = "([a-z]{3,10})\\.?"
    private static let patterns: [(NSRegularExpression, @Sendable (NSTextCheckingResult, String) -> StatementDate?)] = [
        (regex("^(\\d{4})-(\\d{2})-(\\d{2})$"), { m, s in date(s, m, year: 1, month: 2, day: 3) }),
        (regex("^\(month) (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})$"), { m, s in date(s, m, year: 3, monthName: 1, day: 2) }),
        (regex("^\(month) ?(\\d{1,2})(\\d{4})$"), { m, s in date(s, m, year: 3, monthName: 1, day: 2) }),
        (regex("^(\\d{1,2})(?:st|nd|rd|th)? (?:of )?\(month),? (\\d{4})$"), { m, s in date(s, m, year: 3, monthName: 2, day: 1) }),
        (regex("^(\\d{1,2})(?:º|°|o)? de \(month),? (?:de |del )?(\\d{4})$"), { m, s in date(s, m, year: 3, monthName: 2, day: 1) }),
        (regex("^\(month),? (?:de |del )?(\\d{4})$"), { m, s in date(s, m, year: 2, monthName: 1, day: nil) }),
        (regex("^(\\d{4})-(\\d{2})$"), { m, s in date(s, m, year: 1, month: 2, day: nil) }),
    ]

    /// The date a short line states, or `nil` when the line is not just a date.
    static func parse(_ line: String) -> StatementDate? {
        var text = line.matchKey.trimmingCharacters(in: CharacterSet(charactersIn: " .:-|"))
        guard text.count <= 60, text.contains(where: \.isNumber) else { return nil }
        for prefix in ["posted on ", "published on ", "published ", "updated ", "publicado el ", "publicado ", "fecha: ", "date: "]
        where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        if let date = match(text) { return date }
        // A place or weekday before a comma: "Lima, 11 de enero de 2023", "Wednesday, January 11, 2023".
        if let comma = text.firstIndex(of: ","), text[..<comma].split(separator: " ").count <= 3 {
            return match(text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    private static func match(_ text: String) -> StatementDate? {
        let range = NSRange(text.startIndex..., in: text)
        for (pattern, make) in patterns {
            if let result = pattern.firstMatch(in: text, range: range), let date = make(result, text) {
                return date
            }
        }
        return nil
    }

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants of this file; a typo in one is a programmer error.
        try! NSRegularExpression(pattern: pattern)
    }

    private static func group(_ text: String, _ match: NSTextCheckingResult, _ index: Int) -> String? {
        Range(match.range(at: index), in: text).map { String(text[$0]) }
    }

    private static func date(
        _ text: String, _ match: NSTextCheckingResult, year: Int, month: Int? = nil, monthName: Int? = nil, day: Int?
    ) -> StatementDate? {
        guard let yearValue = group(text, match, year).flatMap({ Int($0) }) else { return nil }
        let monthValue: Int?
        if let monthName {
            monthValue = group(text, match, monthName).flatMap { months[$0] }
        } else {
            monthValue = month.flatMap { group(text, match, $0) }.flatMap { Int($0) }
        }
        guard let monthValue else { return nil }
        let dayValue = day.flatMap { group(text, match, $0) }.flatMap { Int($0) }
        if day != nil && dayValue == nil { return nil }
        return StatementDate(year: yearValue, month: monthValue, day: dayValue)
    }
}
