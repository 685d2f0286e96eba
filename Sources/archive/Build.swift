import ArchiveKit
import ArgumentParser
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the archive and build its static site.",
        discussion: """
            Reads archive.yml, content/ and theme/ under the root, checks every statement, and writes \
            the site to the output folder in one step: if anything is wrong, every problem is listed \
            as path:line:column and the previous site is left untouched. A build reuses what the \
            previous one left in .archive-cache/: only changed statements are read again, only pages \
            whose values or templates changed are rendered, and only files whose bytes changed are \
            written. On a terminal, the files read, pages rendered and files written are shown as \
            the build goes.
            """
    )

    @Option(name: .long, help: "The archive's root folder.", completion: .directory)
    var root: String = "."

    @Option(name: .long, help: "Where to write the site (default: <root>/site).", completion: .directory)
    var output: String?

    @Flag(name: .long, help: "Publish statements marked 'draft: true' too.")
    var drafts = false

    @Flag(name: .long, help: "Ignore the cache of the previous build (.archive-cache/) and build everything again.")
    var clean = false

    @Flag(name: .long, help: "Print how long each phase of the build took.")
    var timings = false

    @Flag(name: .long, help: "Fail on warnings and on statements still under review, writing nothing.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print each phase's time and every statement under review.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func run() throws {
        let rootURL = URL(fileURLWithPath: root)
        var build = SiteBuild(
            root: rootURL, output: output.map { URL(fileURLWithPath: $0) }, includeDrafts: drafts)
        // Progress is drawn only on a terminal, where it is redrawn in place.
        let progress = quiet ? nil : BuildProgress.terminal()
        build.progress = progress
        build.incremental = !clean
        build.strict = strict
        // The process exits once the build is done.
        build.leavesMemoryToExit = true
        build.tunesFreedMemory = true
        let report: SiteBuild.Report
        do {
            defer { progress?.finish() }
            report = try build.run()
        } catch let errors as ContentErrors {
            Console.printErrors(errors.errors.map(\.description))
            Console.printErrors(["\(errors.errors.count) error(s); nothing was written."])
            throw ExitCode.failure
        } catch let failure as SiteWriter.Failure {
            Console.printErrors(["error: \(failure)"])
            throw ExitCode.failure
        }
        if quiet { return }
        let summary = report.summary
        Console.printErrors(summary.warnings.map(\.description))
        print(
            "Built \(summary.statements) statements, \(summary.organisations) organisations, "
                + "\(summary.demands) demands and \(summary.tags) tags into "
                + "\(build.output.path) (\(report.fileCount) files; \(report.written) written, \(report.removed) removed).")
        if timings || verbose {
            print(report.timings.report)
        }
        if summary.draftsLeftOut > 0 {
            print("Left out \(summary.draftsLeftOut) draft(s); --drafts publishes them.")
        }
        let underReview = summary.underReview.sorted { $0.key < $1.key }
        if !underReview.isEmpty {
            print("\(underReview.count) statement(s) still under review:")
            let shown = verbose ? underReview.count : 10
            for (file, fields) in underReview.prefix(shown) {
                print("  \(file): review \(fields.joined(separator: ", "))")
            }
            if underReview.count > shown {
                print("  … and \(underReview.count - shown) more (--verbose lists them all)")
            }
        }
    }
}
