import ArgumentParser
import GraphCore
import GraphIO
import Workspace

/// `liaison workspace info|backup|check|export|import`.
struct WorkspaceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workspace",
    abstract: "Where the workspace is and what it holds; back it up; check it.",
    subcommands: [Info.self, Backup.self, Check.self, Export.self, Import.self])

  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The workspace's path, owner, file sizes, imports and network size.")

    @OptionGroup var place: WorkspaceOption

    func run() throws {
      let workspace = try place.open(create: false)
      let info = try orExit { () throws(WorkspaceError) in try workspace.info() }
      var t = TextTable(["workspace", ""])
      t.add(["path", info.path])
      let owner = info.owner.map { key in "\(info.ownerName ?? key) (\(key)), set by \(info.ownerSetBy ?? "?")" }
      t.add(["owner", owner ?? "none (liaison me PERSON)"])
      for (path, bytes) in info.files { t.add(["  " + Self.fileName(path), TextFormat.count(bytes, "byte")]) }
      t.add(["people", grouped(info.people)])
      t.add(["ties", grouped(info.ties)])
      t.add(["last import", info.imports.last?.importedAt ?? "never"])
      var out = t.render()
      if !info.imports.isEmpty {
        var list = TextTable(["import", "imported at", "format", "owner", "file", "status"])
        for i in info.imports {
          list.add([
            "#\(i.id)", i.importedAt, i.format, i.owner ?? "", i.path,
            i.supersededBy.map { "replaced by #\($0)" } ?? "current",
          ])
        }
        out += "\n" + list.render()
      }
      print(Terminal.safe(out))
    }

    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
  }

  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Copy the workspace to a new file with SQLite's online backup (owner-only, 0600).")

    @Argument(help: "The backup file to create.")
    var destination: String

    @OptionGroup var place: WorkspaceOption

    func run() throws {
      let workspace = try place.open(create: false)
      try orExit { () throws(WorkspaceError) in try workspace.backup(to: destination) }
      print("Backed up \(workspace.path) to \(destination).")
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run SQLite's integrity check and verify the graph snapshot (exit 1 when the database is damaged).")

    @OptionGroup var place: WorkspaceOption

    func run() throws {
      let workspace = try place.open(create: false)
      let result = try orExit { () throws(WorkspaceError) in try workspace.check() }
      print("database: \(result.integrity.joined(separator: "; "))")
      if let problem = result.snapshotProblem {
        print("snapshot: \(problem) — it is rebuilt from the sources on the next read")
      } else {
        print("snapshot: ok")
      }
      if !result.isSound { throw ExitCode.failure }
    }
  }
}
