import ArgumentParser
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

/// The `liaison` command: professional-network analysis from the files people already have.
public struct LiaisonCommand: ParsableCommand {
  /// The release, as `liaison --version` prints it and CHANGELOG.md names it.
  public static let version = "0.2.0"

  public static let configuration = CommandConfiguration(
    commandName: "liaison",
    abstract: "Weak-tie reach, broker paths and introductions from your contact exports — offline.",
    discussion: """
      Inputs are people/ties CSV files and edge lists (format detected from content). \
      Contact data never leaves this machine.

      Start with:
        liaison demo
        liaison stats datasets/network/people.csv datasets/network/ties.csv
      """,
    version: LiaisonCommand.version,
    subcommands: [
      StatsCommand.self, GenerateCommand.self, DemoCommand.self, IntroduceCommand.self, ReachCommand.self,
      PathCommand.self, BrokersCommand.self, CommunitiesCommand.self, RenderCommand.self, ExportCommand.self,
      BatchCommand.self, ImportCommand.self, MeCommand.self, WorkspaceCommand.self, SameCommand.self,
      DifferentCommand.self, TieCommand.self, SetCommand.self, CorrectionsCommand.self, LogCommand.self,
      ChangesCommand.self, ForgetCommand.self, CadenceCommand.self, DueCommand.self, PlanCommand.self,
      ExploreCommand.self, CompletionsCommand.self,
    ]
  )
  public init() {}

  /// Exit codes: 0 success, 1 bad input or nothing to answer, 2 usage error.
  public enum Exit: Int32 {
    case success = 0
    case badInput = 1
    case usage = 2
  }

  /// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of
  /// unfinished outputs and exit 130, 143 and 129 (for the executable; tests
  /// running commands in-process leave their own handlers alone).
  public static func installSignalCleanup() { OutputGuard.installSignalCleanup() }

  /// Parses `arguments` (without the program name), runs the command and
  /// returns the process exit code; help, version and errors are printed as
  /// swift-argument-parser does, but usage errors exit with 2.
  /// Whether this run's tables go to a terminal and may be cut to its
  /// width: not with `--wide`, nor when `--output` names a file.
  static func tablesFit(_ arguments: [String]) -> Bool {
    if arguments.contains("--wide") { return false }
    for (i, a) in arguments.enumerated() {
      if a == "--output" || a == "-o", i + 1 < arguments.count, arguments[i + 1] != "-" { return false }
      if a.hasPrefix("--output="), a != "--output=-" { return false }
    }
    return true
  }

  public static func run(arguments: [String]) -> Int32 {
    do {
      var command = try parseAsRoot(arguments)
      TextTable.fitWidth = tablesFit(arguments) ? TextTable.terminalWidth() : nil
      try command.run()
      return Exit.success.rawValue
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        return Exit.success.rawValue
      }
      if code == .failure || code.rawValue == Exit.badInput.rawValue {
        // Commands print their own message before failing.
        let message = fullMessage(for: error)
        if !message.isEmpty { Terminal.error(message) }
        return Exit.badInput.rawValue
      }
      // A command that printed its own usage message throws a bare exit code.
      let message = fullMessage(for: error)
      if !message.isEmpty { Terminal.note(message) }
      return Exit.usage.rawValue
    }
  }
}
