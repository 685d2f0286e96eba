import ArchiveKit
import ArgumentParser
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn saved web pages into statements with front matter, ready for review.",
        discussion: """
            Each PATH is a text file, or a folder whose files are all imported. For each capture, \
            the site furniture is removed and the title, date, organisation, kind, language, demands \
            and tags are detected; the result is written to content/statements/<date>-<title>.md \
            with the fields to check listed under 'review:'. A capture already imported (same \
            SHA-256) is skipped; an existing file is never replaced without --force. Captures from \
            outside the archive are copied into seeds/.
            """
    )

    @Argument(help: "Text files or folders of them.", completion: .file())
    var paths: [String]

    @Option(name: .long, help: "The archive's root folder.", completion: .directory)
    var root: String = "."

    @Flag(name: .long, help: "Replace statement files that already exist.")
    var force = false

    @Flag(name: .long, help: "Report what would be written, and write nothing.")
    var dryRun = false

    func run() throws {
        let run = ImportRun(root: URL(fileURLWithPath: root), force: force, dryRun: dryRun)
        let outcomes: [ImportRun.Outcome]
        do {
            outcomes = try run.run(paths: paths)
        } catch let errors as ContentErrors {
            Console.printErrors(errors.errors.map(\.description))
            throw ExitCode.failure
        }
        for outcome in outcomes {
            if case .failed = outcome.action {
                Console.printErrors([outcome.line])
            } else {
                print(outcome.line)
            }
        }
        let failures = outcomes.filter { if case .failed = $0.action { true } else { false } }.count
        let imported = outcomes.filter { if case .imported = $0.action { true } else { false } }.count
        let known = outcomes.count - failures - imported
        print(
            "\(dryRun ? "Would import" : "Imported") \(imported) of \(outcomes.count) file(s); "
                + "\(known) already imported, \(failures) failed.")
        if failures > 0 { throw ExitCode.failure }
    }
}
