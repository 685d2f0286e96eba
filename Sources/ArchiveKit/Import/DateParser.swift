import Foundation

/// Reads dates as pages print them, in English and Spanish: "April 24, 2024", "Jan 11 2023",
/// "Jan 112023" (day glued to year), "12th January 2023", "3rd of February, 2023", "11 de enero de
/// 2023", "diciembre 15, 2022", "Lima, 11 de enero del 2023", "enero de 2023" (month precision),
/// "2023-01-11", "2023/01/11" and numeric dates such as "14/01/2023", whose order of day and month
/// is decided only when it can be (a part over 12), and otherwise left to the caller.
struct DateParser: Sendable {
    /// What a line says: a date, or a numeric date whose day and month could be either way round.
    enum Reading: Equatable {
        case date(StatementDate)
        /// "03/04/2023": the two numbers as written, and the year.
        case numeric(first: Int, second: Int, year: Int)

        /// The date, when it is not ambiguous.
        var date: StatementDate? {
            if case .date(let date) = self { return date }
            return nil
        }

        /// The date with day and month in the given order.
        func resolved(dayFirst: Bool) -> StatementDate? {
            switch self {
            case .date(let date): return date
            case .numeric(let first, let second, let year):
                return dayFirst
                    ? StatementDate(year: year, month: second, day: first) : StatementDate(year: year, month: first, day: second)
            }
        }
    }

    /// Month names (and their first three letters) with their numbers, folded.
    let months: [String: Int]

    /// A parser that knows the built-in English and Spanish month names and `extra` ones, each
    /// language's twelve names in order.
    init(extra: [String: [String]] = [:]) {
        var months = Self.builtInMonths
        for (_, names) in extra.sorted(by: { $0.key < $1.key }) where names.count == 12 {
            for (index, name) in names.enumerated() {
                let key = name.matchKey
                if months[key] == nil { months[key] = index + 1 }
                if key.count > 3, months[String(key.prefix(3))] == nil { months[String(key.prefix(3))] = index + 1 }
            }
        }
        self.months = months
    }

    /// English and Spanish month names only.
    static let builtIn = DateParser()

    static let builtInMonths: [String: Int] = {
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

    private typealias Maker = @Sendable (NSTextCheckingResult, String, [String: Int]) -> Reading?

    private static let month = "([a-z]{3,10})\\.?"
    private static let ordinal = "(?:st|nd|rd|th|º|°|o|ro)?"
    /// "14/01/2023", "1.4.23": two numbers and a year.
    private static let numericPattern = regex("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})")

    private static let patterns: [(NSRegularExpression, Maker)] = [
        (regex("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})"), { m, s, t in named(s, m, t, year: 1, month: 2, day: 3) }),
        (regex("\(month) (\\d{1,2})\(ordinal),? (\\d{4})"), { m, s, t in named(s, m, t, year: 3, monthName: 1, day: 2) }),
        (regex("\(month) ?(\\d{1,2})(\\d{4})"), { m, s, t in named(s, m, t, year: 3, monthName: 1, day: 2) }),
        (regex("(\\d{1,2})\(ordinal)(?: of| de)? \(month),?(?: de| del)? (\\d{4})"), { m, s, t in
            named(s, m, t, year: 3, monthName: 2, day: 1)
        }),
        (regex("(\\d{1,2})[-/ ]\(month)[-/ ](\\d{4})"), { m, s, t in named(s, m, t, year: 3, monthName: 2, day: 1) }),
        (numericPattern, { m, s, _ in numeric(s, m) }),
        (regex("\(month),?(?: de| del)? (\\d{4})"), { m, s, t in named(s, m, t, year: 2, monthName: 1, day: nil) }),
        (regex("(\\d{4})-(\\d{2})"), { m, s, t in named(s, m, t, year: 1, month: 2, day: nil) }),
    ]

    /// Words before a date that say what it is.
    static let prefixes = [
        "posted on ", "posted ", "published on ", "published: ", "published ", "updated on ", "updated: ", "updated ",
        "last updated ", "date: ", "dated ", "on ", "publicado el ", "publicado: ", "publicado ", "actualizado el ",
        "actualizado ", "fecha: ", "el ",
    ]

    /// The date a short line states, or `nil` when the line is not just a date or the date is
    /// ambiguous ("03/04/2023").
    static func parse(_ line: String) -> StatementDate? {
        builtIn.parse(line)
    }

    /// What a line that is only a date says, with the built-in month names.
    static func read(_ line: String) -> Reading? {
        builtIn.read(line)
    }

    /// The first date anywhere in a line, with the built-in month names.
    static func find(in line: String) -> Reading? {
        builtIn.find(in: line)
    }

    /// The date a short line states, or `nil` when the line is not just a date or the date is
    /// ambiguous.
    func parse(_ line: String) -> StatementDate? {
        read(line)?.date
    }

    /// What a line that is only a date says, ambiguous numeric dates included.
    func read(_ line: String) -> Reading? {
        var text = line.matchKey.trimmingCharacters(in: CharacterSet(charactersIn: " .:-|·•"))
        guard text.count <= 60, text.contains(where: \.isNumber) else { return nil }
        for prefix in Self.prefixes where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        text = Self.withoutTime(text)
        if let reading = whole(text) { return reading }
        // A place or weekday before a comma: "Lima, 11 de enero de 2023", "Wednesday, January 11, 2023".
        if let comma = text.firstIndex(of: ","), text[..<comma].split(separator: " ").count <= 3 {
            return whole(text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The first date anywhere in a line ("By Ana Ruiz | 11 January 2023 | 3 min read").
    func find(in line: String) -> Reading? {
        let text = line.matchKey
        guard text.contains(where: \.isNumber) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        var best: (location: Int, reading: Reading)?
        for (pattern, make) in Self.patterns {
            for result in pattern.matches(in: text, range: range) where Self.isBounded(result.range, in: text) {
                guard let reading = make(result, text, months) else { continue }
                if best == nil || result.range.location < best!.location { best = (result.range.location, reading) }
                break
            }
        }
        return best?.reading
    }

    /// Whether the numeric dates in a text show the day first (`true`), the month first (`false`), or
    /// neither (`nil`), from a part over 12.
    static func numericOrderEvidence(in text: String) -> Bool? {
        let range = NSRange(text.startIndex..., in: text)
        var dayFirst: Bool?
        for result in numericPattern.matches(in: text, range: range) {
            guard let first = group(text, result, 1).flatMap({ Int($0) }),
                let second = group(text, result, 2).flatMap({ Int($0) })
            else { continue }
            if first > 12, second <= 12 { dayFirst = true }
            if second > 12, first <= 12 { dayFirst = false }
        }
        return dayFirst
    }

    // MARK: - Matching

    private func whole(_ text: String) -> Reading? {
        let range = NSRange(text.startIndex..., in: text)
        for (pattern, make) in Self.patterns {
            if let result = pattern.firstMatch(in: text, options: [.anchored], range: range),
                result.range.length == range.length, let reading = make(result, text, months)
            {
                return reading
            }
        }
        return nil
    }

    /// A time after the date: "10:15", "10:15 am", "at 10.15", "- 10:15 hrs".
    private static let timePattern = regex("(?:,| -| \\||,? at| a las)? \\d{1,2}[:.h]\\d{2}(?::\\d{2})?(?: ?[ap]\\.?m\\.?| hrs?| h)?$")

    private static func withoutTime(_ text: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = timePattern.firstMatch(in: text, range: range), let cut = Range(match.range, in: text) else {
            return text
        }
        let rest = String(text[..<cut.lowerBound]).trimmingCharacters(in: .whitespaces)
        return rest.contains(where: \.isNumber) ? rest : text
    }

    /// The match does not start or end inside a word or number.
    private static func isBounded(_ range: NSRange, in text: String) -> Bool {
        guard let swiftRange = Range(range, in: text) else { return false }
        let before = swiftRange.lowerBound > text.startIndex ? text[text.index(before: swiftRange.lowerBound)] : " "
        let after = swiftRange.upperBound < text.endIndex ? text[swiftRange.upperBound] : " "
        return !before.isLetterOrDigit && !after.isLetterOrDigit
    }

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants of this file; a typo in one is a programmer error.
        try! NSRegularExpression(pattern: pattern)
    }

    private static func group(_ text: String, _ match: NSTextCheckingResult, _ index: Int) -> String? {
        Range(match.range(at: index), in: text).map { String(text[$0]) }
    }

    private static func named(
        _ text: String, _ match: NSTextCheckingResult, _ months: [String: Int], year: Int, month: Int? = nil, monthName: Int? = nil, day: Int?
    ) -> Reading? {
        guard let yearValue = group(text, match, year).flatMap({ Int($0) }), (1900...2100).contains(yearValue) else {
            return nil
        }
        let monthValue: Int?
        if let monthName {
            monthValue = group(text, match, monthName).flatMap { months[$0] }
        } else {
            monthValue = month.flatMap { group(text, match, $0) }.flatMap { Int($0) }
        }
        guard let monthValue else { return nil }
        let dayValue = day.flatMap { group(text, match, $0) }.flatMap { Int($0) }
        if day != nil && dayValue == nil { return nil }
        return StatementDate(year: yearValue, month: monthValue, day: dayValue).map(Reading.date)
    }

    private static func numeric(_ text: String, _ match: NSTextCheckingResult) -> Reading? {
        guard let first = group(text, match, 1).flatMap({ Int($0) }),
            let second = group(text, match, 2).flatMap({ Int($0) }),
            let yearText = group(text, match, 3), var year = Int(yearText)
        else { return nil }
        if yearText.count == 2 { year += year < 70 ? 2000 : 1900 }
        let dayFirst = StatementDate(year: year, month: second, day: first)
        let monthFirst = StatementDate(year: year, month: first, day: second)
        switch (dayFirst, monthFirst) {
        case (let date?, nil), (nil, let date?): return .date(date)
        case (let a?, let b?) where a == b: return .date(a)
        case (.some, .some): return .numeric(first: first, second: second, year: year)
        case (nil, nil): return nil
        }
    }
}
