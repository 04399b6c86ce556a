import ArgumentParser

/// The `liaison` command: professional-network analysis from the files people already have.
public struct LiaisonCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "liaison",
    abstract: "Weak-tie reach, broker paths and introductions from your contact exports — offline.",
    version: "0.1.0",
    subcommands: [StatsCommand.self, GenerateCommand.self, DemoCommand.self]
  )
  public init() {}
}
