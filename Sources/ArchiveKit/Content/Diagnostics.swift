/// Errors and warnings collected while reading an archive, so that all of them are reported at once.
struct Diagnostics: Sendable {
    private(set) var all: [ContentError] = []

    mutating func record(_ error: ContentError) {
        all.append(error)
    }

    mutating func record(contentsOf errors: [ContentError]) {
        all += errors
    }

    mutating func error(_ reason: ContentError.Reason, at location: SourceLocation) {
        all.append(ContentError(file: location.file, line: location.line, column: location.column, reason: reason))
    }

    mutating func warning(_ reason: ContentError.Reason, at location: SourceLocation) {
        all.append(
            ContentError(
                file: location.file, line: location.line, column: location.column, reason: reason, severity: .warning))
    }

    var errors: [ContentError] { all.filter { $0.severity == .error }.sorted() }
    var warnings: [ContentError] { all.filter { $0.severity == .warning }.sorted() }
}

/// A place in a content file.
struct SourceLocation: Sendable, Hashable {
    var file: String
    var line: Int
    var column: Int

    init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }
}
