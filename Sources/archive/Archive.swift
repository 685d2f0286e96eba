import ArgumentParser

@main
struct Archive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Build static websites for solidarity archives.",
        subcommands: [Build.self, Serve.self, Import.self, New.self]
    )
}
