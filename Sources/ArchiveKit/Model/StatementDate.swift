/// When a statement was published, to the day or only to the month.
///
/// Written in front matter as an ISO date, `2023-01-20`, or with month precision, `2023-01`.
public struct StatementDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, e.g. 2023.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, or `nil` when only the month is known.
    public var day: Int?

    /// Makes a date, or returns `nil` when the month or day do not exist.
    public init?(year: Int, month: Int, day: Int? = nil) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        if let day, !(1...Self.daysIn(month: month, year: year)).contains(day) { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM`; returns `nil` for anything else.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
            parts[0].count == 4, parts[1].count == 2, parts.count == 2 || parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month, day: parts.count == 3 ? Int(parts[2]) : nil)
    }

    /// The date as written in front matter: `2023-01-20` or `2023-01`.
    public var description: String {
        let head = "\(Self.pad(year, 4))-\(Self.pad(month, 2))"
        return day.map { "\(head)-\(Self.pad($0, 2))" } ?? head
    }

    /// A month-precision date sorts before the days of that month.
    public static func < (lhs: StatementDate, rhs: StatementDate) -> Bool {
        (lhs.year, lhs.month, lhs.day ?? 0) < (rhs.year, rhs.month, rhs.day ?? 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension StatementDate {
    /// What is wrong with front matter text that is not a date, for its error message.
    static func problem(with text: String) -> ContentError.Reason {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        if parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2],
            StatementDate(iso: String(text.prefix(7))) != nil, !(1...daysIn(month: month, year: year)).contains(day)
        {
            return .impossibleDate(text, days: daysIn(month: month, year: year))
        }
        let readings = numericReadings(text)
        if readings.count > 1 { return .ambiguousDate(text, readings: readings.map(\.description)) }
        return .invalidDate(text)
    }

    /// The one ISO date that `text`, written another common way, can mean: `2023/01/14`,
    /// `14/01/2023`, `14.1.2023`. `nil` when there is none, or more than one.
    static func reading(_ text: String) -> String? {
        let readings = numericReadings(text)
        return readings.count == 1 ? readings[0].description : nil
    }

    /// The dates that three numbers separated by `/`, `.` or `-` can mean, year first or year last.
    private static func numericReadings(_ text: String) -> [StatementDate] {
        let parts = text.split(whereSeparator: { "/.-".contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }),
            let numbers = Optional(parts.compactMap { Int($0) }), numbers.count == 3
        else { return [] }
        if parts[0].count == 4 {
            return [StatementDate(year: numbers[0], month: numbers[1], day: numbers[2])].compactMap { $0 }
        }
        guard parts[2].count == 4 else { return [] }
        let dayFirst = StatementDate(year: numbers[2], month: numbers[1], day: numbers[0])
        let monthFirst = StatementDate(year: numbers[2], month: numbers[0], day: numbers[1])
        return Array(Set([dayFirst, monthFirst].compactMap { $0 })).sorted()
    }
}
