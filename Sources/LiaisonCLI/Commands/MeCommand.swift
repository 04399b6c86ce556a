import ArgumentParser
import GraphCore
import GraphIO
import Workspace

/// `liaison me [PERSON]`: the workspace's owner.
struct MeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "me",
    abstract: "Show or set the workspace's owner (\"me\"), the default --ego and --from of commands reading it.",
    discussion: """
      Until set, the owner is the owner of the first imported contact export.

      Examples:
        liaison me
        liaison me "Mary Reed"
        liaison me https://www.linkedin.com/in/mary-reed
      """)

  @Argument(help: "The person: an id, email, profile URL or name in the workspace's network.")
  var person: String?

  @OptionGroup var place: WorkspaceOption

  func run() throws {
    let workspace = try place.open(create: false)
    let defaults = try InputOptions.parse([])
    let loaded: LoadedNetwork
    do { loaded = try workspace.load(options: defaults.loadOptions).0 } catch {
      Terminal.error((error as? WorkspaceError)?.message ?? (error as? ImportError)?.commandLineText ?? "\(error)")
      throw ExitCode.failure
    }
    let g = loaded.graph
    guard let person else {
      guard let owner = try? workspace.owner(), let p = g.people.person(stableKey: owner.key) else {
        print("The workspace has no owner yet: set one with `liaison me PERSON`.")
        return
      }
      print("\(g.people.name(of: p)) (\(g.people.id(of: p))), set by \(owner.setBy)")
      return
    }
    let p = try PersonReference.resolve(person, in: g, option: "PERSON")
    try orExit { () throws(WorkspaceError) in try workspace.setOwner(key: g.people.stableKey(of: p)) }
    print("\(g.people.name(of: p)) (\(g.people.id(of: p))) is now the workspace's owner.")
  }
}
