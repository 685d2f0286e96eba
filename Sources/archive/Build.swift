import ArchiveKit
import ArgumentParser
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the archive and build its static site.",
        discussion: """
            Reads archive.yml, content/ and theme/ under the root, checks every statement, and writes \
            the site to the output folder in one step: if anything is wrong, every problem is listed \
            as path:line:column and the previous site is left untouched.
            """
    )

    @Option(name: .long, help: "The archive's root folder.", completion: .directory)
    var root: String = "."

    @Option(name: .long, help: "Where to write the site (default: <root>/site).", completion: .directory)
    var output: String?

    @Flag(name: .long, help: "Publish statements marked 'draft: true' too.")
    var drafts = false

    @Flag(name: .long, help: "Print how long each phase of the build took.")
    var timings = false

    func run() throws {
        let rootURL = URL(fileURLWithPath: root)
        let build = SiteBuild(
            root: rootURL, output: output.map { URL(fileURLWithPath: $0) }, includeDrafts: drafts)
        let report: SiteBuild.Report
        do {
            report = try build.run()
        } catch let errors as ContentErrors {
            Console.printErrors(errors.errors.map(\.description))
            Console.printErrors(["\(errors.errors.count) error(s); nothing was written."])
            throw ExitCode.failure
        } catch let failure as SiteWriter.Failure {
            Console.printErrors(["error: \(failure)"])
            throw ExitCode.failure
        }
        Console.printErrors(report.warnings.map(\.description))
        let archive = report.archive
        print(
            "Built \(archive.statements.count) statements, \(archive.organisations.count) organisations, "
                + "\(archive.demands.count) demands and \(archive.tags.count) tags into "
                + "\(build.output.path) (\(report.fileCount) files).")
        if timings {
            print(report.timings.report)
        }
        if report.draftsLeftOut > 0 {
            print("Left out \(report.draftsLeftOut) draft(s); --drafts publishes them.")
        }
        let underReview = archive.statementsUnderReview
        if !underReview.isEmpty {
            print("\(underReview.count) statement(s) still under review:")
            for statement in underReview.sorted(by: { $0.file < $1.file }) {
                print("  \(statement.file): review \(statement.review.joined(separator: ", "))")
            }
        }
    }
}
