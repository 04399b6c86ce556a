import ArgumentParser
import GraphCore
import GraphIO
import Workspace

/// `liaison forget PERSON --yes`: erases a person from the workspace.
struct ForgetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forget",
    abstract: "Erase a person from the workspace: their rows in the stored files, ties, corrections and log entries.",
    discussion: """
      The stored files are rewritten without the rows (or vCard cards) that name the person by an \
      email, profile URL, exact name or id; the network is rebuilt from them; corrections and log \
      entries naming them are deleted; the database is vacuumed so no deleted page keeps their data. \
      The import history stays, each rewritten file marked so. Backups made before are not touched: \
      delete them yourself. Without --yes, shows what would be removed and changes nothing (exit 2). \
      Importing the original file again brings the person back. Guides/Workspace.md, "Erasure".

      Examples:
        liaison forget "Mary Reed"
        liaison forget mary.reed@example.com --yes
      """)

  @Argument(help: "The person: an id, email, profile URL or name in the workspace's network.")
  var person: String

  @Flag(help: "Erase them (without it, only show what would be removed).")
  var yes = false

  @OptionGroup var place: WorkspaceOption

  func run() throws {
    let workspace = try place.open(create: false)
    let options = try InputOptions.parse([]).loadOptions
    let loaded: LoadedNetwork
    do { loaded = try workspace.load(options: options).0 } catch {
      Terminal.error((error as? WorkspaceError)?.message ?? (error as? ImportError)?.commandLineText ?? "\(error)")
      throw ExitCode.failure
    }
    let p = try PersonReference.resolve(person, in: loaded.graph, option: "PERSON")
    let target = ForgetTarget(p, in: loaded.graph.people)
    let plan: Workspace.ForgetPlan
    do {
      plan = yes ? try workspace.forget(target, options: options) : try workspace.planForget(target)
    } catch {
      Terminal.error((error as? WorkspaceError)?.message ?? (error as? ImportError)?.commandLineText ?? "\(error)")
      throw ExitCode.failure
    }
    var lines = [
      (yes ? "Forgot " : "Would forget ") + "\(target.name) (\(target.id), \(target.key)):",
      "  \(TextFormat.count(plan.ties, "tie")) in the network",
    ]
    for s in plan.sources {
      let imports = s.imports.map { "#\($0)" }.joined(separator: ", ")
      lines.append("  \(TextFormat.count(s.removed, "record")) from \(s.path) (import \(imports))")
    }
    lines.append("  \(TextFormat.count(plan.corrections, "correction"))")
    lines.append("  \(TextFormat.count(plan.logEntries, "log entry", plural: "log entries"))")
    print(Terminal.safe(lines.joined(separator: "\n")))
    if !yes {
      print("Nothing was changed: run again with --yes to erase them.")
      throw ExitCode(LiaisonCommand.Exit.usage.rawValue)
    }
  }
}
