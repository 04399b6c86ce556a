import GraphCore
import GraphIO
import Workspace

/// The demo's look at the interaction log and `liaison changes`: a coffee
/// logged (once) with the owner's contact longest out of touch, then the
/// log and a summary of what changed, in a few lines.
enum DemoLog {
  static func show(_ workspace: Workspace, options: LoadOptions, narrate: (String) -> Void) throws {
    let path = workspace.path
    let g = try workspace.load(options: options).0.graph
    guard let ownerKey = try workspace.owner()?.key, let owner = g.people.person(stableKey: ownerKey) else { return }
    if try workspace.interactions(includeUndone: true).isEmpty {
      // The contact whose last contact is the oldest (a coffee to reconnect).
      let contacts = g.neighbors(of: owner).compactMap { q -> (PersonID, Day)? in
        guard let t = g.tieID(between: owner, and: q), !g.ties.isInferred(t), let d = g.ties.lastContact(t) else {
          return nil
        }
        return (q, d)
      }
      guard let (who, _) = contacts.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return }
      let name = g.people.name(of: who)
      narrate("\n── liaison log \"\(name)\" --kind met --note \"coffee\" --workspace \(path)\n")
      let id = try workspace.addInteraction(
        date: WorkspaceNotes.today, kind: .met, people: [g.people.stableKey(of: who)], note: "coffee")
      print("Log #\(id): met \(name) today; the tie now counts that meeting in every command (\"log #\(id)\").")
    }
    narrate("\n── liaison log --list --workspace \(path)\n")
    _ = LiaisonCommand.run(arguments: ["log", "--list", "--workspace", path])
    let changes = try workspace.changes(options: options, since: nil, today: WorkspaceNotes.today, window: 90)
    narrate("\n── liaison changes --workspace \(path)\n")
    print(
      "No export re-imported yet (import a newer export of the same owner to see new and removed connections, "
        + "job and title changes); \(TextFormat.count(changes.notContacted.count, "connection")) of "
        + "\(g.people.name(of: owner)) not contacted in the last 90 days.")
  }

  /// The owner's plan for this week (budget 6), with the batch's targets as
  /// the asks (written beside the workspace as `targets.txt`).
  /// Shows the owner's plan; returns the targets file it wrote, if any.
  @discardableResult
  static func plan(_ workspace: Workspace, targets: [String], narrate: (String) -> Void) throws -> String? {
    let path = workspace.path
    let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    var args = ["plan", "--budget", "6", "--workspace", path]
    var file: String?
    if !targets.isEmpty {
      file = "\(folder)/targets.txt"
      try AtomicFileWriter.write(targets.joined(separator: "\n") + "\n", to: file!)
      args += ["--targets", file!]
    }
    narrate("\n── liaison \(args.joined(separator: " "))\n")
    _ = LiaisonCommand.run(arguments: args)
    return file
  }
}
