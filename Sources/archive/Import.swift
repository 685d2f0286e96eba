import ArchiveKit
import ArgumentParser
import Foundation

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn saved web pages into statements with front matter, ready for review.",
        discussion: """
            Each PATH is a saved web page (.html), a text file, a folder whose files are all \
            imported, or an http(s) address, which is fetched and kept under seeds/ with its address, \
            time of capture and SHA-256. For each capture, the site furniture is removed and the title, date, organisation, kind, language, demands \
            and tags are detected; the result is written to content/statements/<date>-<title>.md \
            with the fields to check listed under 'review:'. A capture already imported (same \
            SHA-256) is skipped; an existing file is never replaced without --force. Captures from \
            outside the archive are copied into seeds/.
            """
    )

    @Argument(help: "Saved pages, text files, folders of them, or http(s) addresses.", completion: .file())
    var paths: [String]

    @Option(name: .long, help: "The archive's root folder.", completion: .directory)
    var root: String = "."

    @Flag(name: .long, help: "Replace statement files that already exist.")
    var force = false

    @Flag(name: .long, help: "Print the files that would be written, and write nothing.")
    var dryRun = false

    @Option(name: .long, help: "Seconds to wait for a page to be fetched.")
    var timeout: Int = 30

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout takes a number of seconds above 0") }
    }

    func run() async throws {
        let run = ImportRun(root: URL(fileURLWithPath: root), force: force, dryRun: dryRun)
        let outcomes: [ImportRun.Outcome]
        do {
            outcomes = try await run.run(paths: paths, fetcher: PageFetcher(timeout: .seconds(timeout)))
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
            Console.printErrors(outcome.warnings.map { "\(outcome.input): warning: \($0)" })
            if dryRun, let file = outcome.file {
                print(file, terminator: file.hasSuffix("\n") ? "" : "\n")
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
