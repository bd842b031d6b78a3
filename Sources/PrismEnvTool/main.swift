import ArgumentParser

/// `prism-env`: list, check, replay and render Prism's environments.
struct PrismEnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prism-env",
        abstract: "List, check, replay and render Prism's environments.",
        subcommands: [ListCommand.self, CheckCommand.self, ReplayCommand.self, RenderCommand.self])
}

PrismEnvCommand.main()
