import ArchiveKit
import ArgumentParser
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a statement written directly in Markdown.",
        discussion: """
            Writes content/statements/<date>-<title>.md with its front matter filled in, and prints \
            its path. The organisation may be given by id, name or alias.
            """
    )

    @Argument(help: "The statement's title.")
    var title: String

    @Option(name: .long, help: "Who issued it: id, name or alias from content/organisations.yml.")
    var organisation: String?

    @Option(name: .long, help: "When it was published: YYYY-MM-DD or YYYY-MM.")
    var date: String?

    @Option(name: .long, help: "statement, interview, article, open-letter or joint-statement.")
    var kind: String = "statement"

    @Option(name: .long, help: "Its language code (default: the archive's).")
    var language: String?

    @Option(name: .long, help: "The archive's root folder.", completion: .directory)
    var root: String = "."

    func validate() throws {
        if let date, StatementDate(iso: date) == nil {
            throw ValidationError("'\(date)' is not a date; write YYYY-MM-DD, or YYYY-MM when only the month is known")
        }
        guard StatementKind(rawValue: kind) != nil else {
            throw ValidationError(
                "'\(kind)' is not a kind; use one of: \(StatementKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !title.slug.isEmpty else { throw ValidationError("the title needs at least one letter or digit") }
    }

    func run() throws {
        let draft = NewStatement(
            title: title, organisation: organisation, date: date.flatMap(StatementDate.init(iso:)),
            kind: StatementKind(rawValue: kind) ?? .statement, language: language)
        do {
            let result = try draft.write(root: URL(fileURLWithPath: root))
            Console.printErrors(result.warnings)
            print(result.path)
        } catch let errors as ContentErrors {
            Console.printErrors(errors.errors.map(\.description))
            throw ExitCode.failure
        }
    }
}
