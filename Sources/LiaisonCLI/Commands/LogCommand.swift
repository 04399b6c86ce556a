import ArgumentParser
import GraphCore
import GraphIO
import Workspace

extension Interaction.Kind: EnumArgument {}
extension Interaction.Direction: EnumArgument {}

/// `liaison log PERSON… --kind K`, `liaison log --undo ID`, `liaison log --list [PERSON]`.
struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Log an interaction with people (met, call, email, …): evidence for the tie in every command.",
    discussion: """
      The date defaults to today; the direction to both for met, call and intro, and to out (you reached \
      out) for email, message, gave and asked. An introduction names the two people introduced, and is \
      evidence for their tie too. A logged interaction updates the tie's strength, last contact (a dormant \
      tie comes back) and shows as "log #ID" in path and tie reasons. Notes are shown by --list only.

      Examples:
        liaison log "Tom Lee" --kind met --note "coffee at the station"
        liaison log "Tom Lee" --kind email --date 2026-11-02 --follow-up 2026-12-01
        liaison log "Tom Lee" "Ana Cruz" --kind intro
        liaison log --list
        liaison log --list "Tom Lee" --format csv
        liaison log --undo 12
      """)

  @Argument(help: "The people: ids, emails, profile URLs or names (with --list: at most one, to filter).")
  var people: [String] = []
  @Option(help: "What happened: \(Interaction.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
  var kind: Interaction.Kind?
  @Option(help: "The day (YYYY-MM-DD; default: today).") var date: String?
  @Option(help: "in (they reached out), out (you did) or both.") var direction: Interaction.Direction?
  @Option(help: "A note (shown only by --list).") var note: String?
  @Option(help: "A day to follow up (YYYY-MM-DD), kept with the entry.") var followUp: String?
  @Option(help: "Undo the log entry with this id.") var undo: Int64?
  @Flag(help: "List the log (of one person when PERSON is given).") var list = false
  @OptionGroup var output: OutputOptions
  @OptionGroup var place: WorkspaceOption

  func validate() throws {
    if undo != nil || list {
      if undo != nil && list { throw ValidationError("--undo and --list go alone.") }
      if kind != nil || date != nil || direction != nil || note != nil || followUp != nil {
        throw ValidationError(
          "--kind, --date, --direction, --note and --follow-up log a new entry; not with \(list ? "--list" : "--undo")."
        )
      }
      if undo != nil && !people.isEmpty { throw ValidationError("--undo ID takes no people.") }
      if list && people.count > 1 { throw ValidationError("--list takes at most one PERSON.") }
      return
    }
    guard let kind else {
      throw ValidationError("Give --kind (\(Interaction.Kind.allCases.map(\.rawValue).joined(separator: ", "))).")
    }
    if people.isEmpty { throw ValidationError("Name the people (PERSON…).") }
    if kind == .intro && people.count != 2 {
      throw ValidationError("An intro names exactly the two people introduced (got \(people.count)).")
    }
    _ = try WorkspaceNotes.day(date, option: "--date")
    _ = try WorkspaceNotes.day(followUp, option: "--follow-up")
  }

  func run() throws {
    if let undo {
      let workspace = try place.open(create: false)
      try orExit { () throws(WorkspaceError) in try workspace.undoInteraction(id: undo) }
      print("Log entry #\(undo) undone.")
      return
    }
    let net = try WorkspaceNetwork.open(place)
    if list { return try printList(net) }
    guard let kind else { return }
    let keys = try people.enumerated().map { i, p in try net.key(p, option: "PERSON \(i + 1)") }
    if Set(keys).count != keys.count { throw ValidationError("The same person is named twice.") }
    if let owner = try? net.workspace.owner()?.key, keys.contains(owner) {
      throw ValidationError("\(net.describe(owner)) is the workspace's owner; log the other people.")
    }
    let day = try WorkspaceNotes.day(date, option: "--date") ?? WorkspaceNotes.today
    let follow = try WorkspaceNotes.day(followUp, option: "--follow-up")
    let id = try orExit { () throws(WorkspaceError) in
      try net.workspace.addInteraction(
        date: day, kind: kind, direction: direction, people: keys, note: note ?? "", followUp: follow)
    }
    let names = keys.map(net.describe).joined(separator: " and ")
    let dir = direction ?? kind.defaultDirection
    print(
      "Log #\(id): \(kind.rawValue) \(names) on \(day.iso) (\(dir.rawValue))\(follow.map { ", follow up \($0.iso)" } ?? "")."
    )
    try net.reportOutcome(family: .log, id: id)
  }

  func printList(_ net: WorkspaceNetwork) throws {
    let filter = try people.first.map { try net.key($0, option: "PERSON") }
    let entries = try orExit { () throws(WorkspaceError) in
      try net.workspace.interactions(naming: filter, includeUndone: true)
    }
    switch output.format {
    case .json: try output.emit(try jsonText(JSONList(key: "interactions", items: entries)))
    case .csv:
      var t = CSVTable(["id", "date", "kind", "direction", "people", "note", "followUp", "createdAt", "undoneAt"])
      for e in entries {
        t.add([
          .int(Int(e.id)), .text(e.date), .text(e.kind), .text(e.direction), .text(e.people.joined(separator: " ")),
          .text(e.note), e.followUp.map { .text($0) } ?? .empty, .text(e.createdAt),
          e.undoneAt.map { .text($0) } ?? .empty,
        ])
      }
      try output.emit(t.text)
    case .table:
      guard !entries.isEmpty else {
        try output.emit(
          "Nothing logged\(filter.map { " with \(net.name($0))" } ?? "") yet (liaison log PERSON --kind met).")
        return
      }
      var t = TextTable(["id", "date", "kind", "dir", "people", "follow up", "note", "status"])
      for e in entries {
        t.add([
          "#\(e.id)", e.date, e.kind, e.direction, e.people.map(net.name).joined(separator: ", "), e.followUp ?? "",
          e.note, e.undoneAt.map { "undone \($0.prefix(10))" } ?? "",
        ])
      }
      try output.emit(t.render())
    }
  }
}
