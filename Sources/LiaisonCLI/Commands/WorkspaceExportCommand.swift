import ArgumentParser
import GraphCore
import GraphIO
import Workspace

extension WorkspaceCommand {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the whole workspace to a new folder as CSV files plus the stored source files (owner-only).",
      discussion: """
        One RFC 4180 CSV file per table (UTF-8, header row, CRLF) and sources/SHA256 for each \
        stored file; Guides/Workspace.md, "Export and import", lists the columns. \
        `liaison workspace import DIR` reads it back.
        """)

    @Argument(help: "The folder to create.")
    var folder: String

    @OptionGroup var place: WorkspaceOption

    func run() throws {
      let workspace = try place.open(create: false)
      try orExit { () throws(WorkspaceError) in try workspace.export(to: folder) }
      print("Exported \(workspace.path) to \(folder).")
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read a folder made by `liaison workspace export` into a new workspace.")

    @Argument(help: "The folder made by `liaison workspace export`.")
    var folder: String

    @OptionGroup var place: WorkspaceOption

    func run() throws {
      let workspace = try orExit { () throws(WorkspaceError) in
        try Workspace.importExport(from: folder, to: place.path)
      }
      // The snapshot is made now, so that the first reading command is fast.
      let options = try InputOptions.parse([]).loadOptions
      _ = try? workspace.load(options: options)
      print("Imported \(folder) into \(workspace.path).")
    }
  }
}
