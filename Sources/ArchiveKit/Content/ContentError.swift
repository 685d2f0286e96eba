import Foundation

/// A problem with an archive's content, at a place in a file: printed as `path:line:column: message`.
public struct ContentError: Error, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Whether the build can go on.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The build stops before writing anything.
        case error
        /// The build goes on; the message says what was assumed.
        case warning
    }

    /// What is wrong, in words that say what to do about it.
    public enum Reason: Sendable, Hashable, Codable, CustomStringConvertible {
        case unreadable(String)
        case notUTF8
        case tooLarge(Int, limit: Int)
        case emptyFile
        case binary
        case utf16
        case noText
        case missingCapture(String)
        case missingFrontMatter
        case unterminatedFrontMatter
        case invalidYAML(String)
        case expected(String, field: String)
        case missingField(String)
        case unknownField(String, allowed: [String], suggestion: String?)
        case invalidDate(String)
        case impossibleDate(String, days: Int)
        case ambiguousDate(String, readings: [String])
        case invalidValue(String, field: String, allowed: [String])
        case unknownDemand(String, suggestion: String?)
        case unknownOrganisation(String, suggestion: String?)
        case invalidIdentifier(String, suggestion: String)
        case duplicate(String, field: String, first: String)
        case ambiguousName(String, organisations: [String])
        case emptySlug(String)
        case missingFolder(String)
        case invalidTemplate(String)
        case missingTemplate(String)
        case missingPartial(String, suggestion: String?)
        case missingWord(String, file: String, suggestion: String?)
        case unknownValue(String, suggestion: String?)
        case markdown(String)
        case noDemands
        case underReview([String])

        public var description: String {
            switch self {
            case .unreadable(let detail):
                return "cannot read the file: \(detail)"
            case .notUTF8:
                return "the file is not UTF-8 text: this byte is not UTF-8 (Latin-1 or Windows-1252?); "
                    + "save the file as UTF-8 in your editor, or convert it with: iconv -f WINDOWS-1252 -t UTF-8"
            case .tooLarge(let size, let limit):
                return "the file is \(megabytes(size)), more than the \(megabytes(limit)) a statement or vocabulary may be; "
                    + "check that it is the file you meant, or split it"
            case .emptyFile:
                return "the file is empty: write a front matter ('---', 'title: ...', '---') and the statement's text, "
                    + "or delete the file"
            case .binary:
                return "the file holds a NUL byte here, so it is not text (a PDF, an image, a word processor file?); "
                    + "save the statement as plain text, or keep the original in seeds/ and name it in 'source.file'"
            case .utf16:
                return "the file is UTF-16 text (what some editors call 'Unicode'); save it as UTF-8, "
                    + "or convert it with: iconv -f UTF-16 -t UTF-8"
            case .noText:
                return "the statement has no text below its front matter; paste its text there"
            case .missingCapture(let path):
                return "'source.file' names \(path), which does not exist; save the capture there, "
                    + "or correct or remove 'source.file'"
            case .missingFrontMatter:
                return "no front matter: a statement starts with a line '---', then its YAML fields, then another '---'"
            case .unterminatedFrontMatter:
                return "the front matter is not closed: add a line '---' after the last field"
            case .invalidYAML(let problem):
                return "invalid YAML: \(problem)"
            case .expected(let what, let field):
                return "'\(field)' must be \(what)"
            case .missingField(let field):
                return "'\(field)' is required"
            case .unknownField(let field, let allowed, let suggestion):
                let hint = suggestion.map { "did you mean '\($0)'?" } ?? "known fields: \(allowed.joined(separator: ", "))"
                return "unknown field '\(field)'; \(hint)"
            case .invalidDate(let text):
                let hint = StatementDate.reading(text).map { "did you mean '\($0)'? " } ?? ""
                return "'\(text)' is not a date; \(hint)write YYYY-MM-DD, or YYYY-MM when only the month is known"
            case .impossibleDate(let text, let days):
                return "'\(text)' is not a day of the calendar: that month has \(days) days"
            case .ambiguousDate(let text, let readings):
                return "'\(text)' could be read as \(readings.joined(separator: " or ")); write the one you mean"
            case .invalidValue(let value, let field, let allowed):
                return "'\(value)' is not a valid \(field); use one of: \(allowed.joined(separator: ", "))"
            case .unknownDemand(let id, let suggestion):
                let hint = suggestion.map { "did you mean '\($0)'?" } ?? "add it to content/demands.yml first"
                return "unknown demand '\(id)'; \(hint)"
            case .unknownOrganisation(let name, let suggestion):
                let hint = suggestion.map { "did you mean '\($0)'? " } ?? ""
                return "organisation '\(name)' is not in content/organisations.yml; \(hint)it gets a page of its own until a record is added"
            case .invalidIdentifier(let id, let suggestion):
                return "'\(id)' is not a valid id: use lowercase letters, digits and hyphens, e.g. '\(suggestion)'"
            case .duplicate(let value, let field, let first):
                return "\(field) '\(value)' is already used at \(first)"
            case .ambiguousName(let name, let organisations):
                return "'\(name)' names more than one organisation (\(organisations.joined(separator: ", "))); use an id"
            case .emptySlug(let name):
                return "'\(name)' gives an empty slug: the file name needs at least one letter or digit"
            case .missingFolder(let path):
                return "\(path) does not exist"
            case .invalidTemplate(let problem):
                return "template error: \(problem)"
            case .missingTemplate(let name):
                return "the theme has no template '\(name).mustache'"
            case .missingPartial(let name, let suggestion):
                let hint = suggestion.map { "did you mean '\($0)'?" } ?? "add theme/templates/\(name).mustache"
                return "there is no template '\(name)' to include; \(hint)"
            case .missingWord(let key, let file, let suggestion):
                let hint = suggestion.map { "did you mean 't.\($0)'? or " } ?? ""
                return "'t.\(key)' is not in \(file); \(hint)add the word there"
            case .unknownValue(let name, let suggestion):
                let hint = suggestion.map { "did you mean '\($0)'?" } ?? "docs/theme.md lists the values templates see"
                return "no page has a value '\(name)', so it prints nothing; \(hint)"
            case .markdown(let problem):
                return "cannot render the Markdown body: \(problem)"
            case .noDemands:
                return "the statement raises no demand; add 'demands' from content/demands.yml"
            case .underReview(let fields):
                return "still under review (\(fields.joined(separator: ", "))): check them, then remove 'review'"
            }
        }
    }

    /// The file, relative to the archive root where possible.
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, counted in Unicode scalars.
    public var column: Int
    /// What is wrong.
    public var reason: Reason
    /// Whether the build can go on.
    public var severity: Severity

    /// Makes an error (or, with `severity: .warning`, a warning) at a place in a file.
    public init(file: String, line: Int = 1, column: Int = 1, reason: Reason, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.severity = severity
    }

    /// Why `bytes` cannot be read as text, at the place where it shows: a UTF-16 byte-order mark, a
    /// NUL byte (binary files have them, text never does), or the first byte that is not UTF-8.
    /// For bytes that are not UTF-8 or that hold a NUL.
    static func notText(_ bytes: Data, file: String) -> ContentError {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return ContentError(file: file, reason: .utf16)
        }
        if let nul = bytes.firstIndex(of: 0) {
            let before = bytes[..<nul]
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? before.startIndex
            let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let column = String(decoding: before[lineStart...], as: UTF8.self).unicodeScalars.count + 1
            return ContentError(file: file, line: line, column: column, reason: .binary)
        }
        return notUTF8(bytes, file: file)
    }

    /// The error for bytes that are not UTF-8, at the first byte that is not.
    static func notUTF8(_ bytes: some Collection<UInt8>, file: String) -> ContentError {
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                break decoding
            }
        }
        return ContentError(file: file, line: line, column: column, reason: .notUTF8)
    }

    /// `path:line:column: error: message`.
    public var description: String {
        "\(file):\(line):\(column): \(severity.rawValue): \(reason)"
    }

    /// By file, then by place in the file.
    public static func < (lhs: ContentError, rhs: ContentError) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.description) < (rhs.file, rhs.line, rhs.column, rhs.description)
    }
}

/// A size in megabytes, as messages give it.
private func megabytes(_ bytes: Int) -> String {
    let tenths = (bytes * 10 + (1 << 20) / 2) >> 20
    return "\(tenths / 10).\(tenths % 10) MB"
}

/// Every error found in an archive's content; thrown before anything is written.
public struct ContentErrors: Error, Sendable, CustomStringConvertible {
    /// The errors, sorted by file and place.
    public var errors: [ContentError]

    /// Collects errors, sorted.
    public init(_ errors: [ContentError]) {
        self.errors = errors.sorted()
    }

    /// One line per error.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
