import ArgumentParser
import GraphCore
import GraphIO
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// `liaison import FILE…`: records files in the workspace.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Record files in the workspace, which every analysis command then reads when given no files.",
    discussion: """
      Each file is kept whole with its SHA-256 checksum, detected format, owner (and the rule that \
      named it), the time and its import report, all in one transaction: a failure writes nothing. \
      A file whose content is already imported is left alone. A newer export of the same owner and \
      format (or, for tables, the same file name and format) replaces the older one in the network; \
      the older stays in the history (`liaison workspace info`). Guides/Workspace.md explains more.

      Examples:
        liaison import datasets/team/people.csv datasets/team/ties.csv datasets/team/exports
        liaison import "Mary Reed"=Connections.csv --workspace /tmp/team.sqlite
        liaison reach --ego "Mary Reed"        (reads the workspace)
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if input.inputs.isEmpty { throw ValidationError("Give the files or folders to import.") }
  }

  func run() throws {
    let specs = try input.expandedSpecs()
    let path = input.place.path
    let existed = WorkspaceLocation.exists(path)
    let workspace = try input.place.open(create: true)
    let log = RowErrorLog()
    let result: Workspace.ImportResult
    do {
      var options = input.loadOptions
      let progress = InputOptions.instrument(&options)
      defer { progress?.finish() }
      result = try workspace.importFiles(specs, options: options) { log.record($0) }
    } catch {
      // A workspace this run created holds nothing: it goes too.
      if !existed { Workspace.erase(at: path) }
      switch error {
      case let error as ImportError: Terminal.error(error.commandLineText)
      case let error as WorkspaceError: Terminal.error(error.message)
      default: Terminal.error("\(error)")
      }
      throw ExitCode.failure
    }
    for u in result.unchanged {
      Terminal.note("\(u.path): already imported on \(u.importedAt) as import #\(u.importID); nothing changed")
    }
    guard let loaded = result.loaded else { return }
    let reports = result.imported.map(\.report)
    InputOptions.showNotes(loaded.skipped, reports, log: log)
    for s in result.superseded {
      Terminal.note("import #\(s.old) is replaced by import #\(s.by) in the network (kept in the history)")
    }
    var stats = StatsResult.make(loaded, classifier: input.classifier)
    stats.imports = reports
    let answer = ImportAnswer(
      workspace: workspace.path,
      imported: result.imported.map { .init(id: $0.id, file: $0.path, sha256: $0.sha256) },
      unchanged: result.unchanged.map { .init(id: $0.importID, file: $0.path, sha256: nil) }, stats: stats)
    switch output.format {
    case .json: try output.emit(try jsonText(answer))
    case .csv: try output.emit(stats.csv())
    case .table:
      let list = result.imported.map { "  #\($0.id)  \($0.path)" }.joined(separator: "\n")
      try output.emit(
        "Imported into \(workspace.path):\n\(list)\n\nThe workspace's network now:\n\n\(stats.table())")
    }
  }
}

/// `liaison import --format json`.
struct ImportAnswer: Encodable {
  struct File: Encodable {
    var id: Int64
    var file: String
    var sha256: String?
  }
  var workspace: String
  var imported: [File]
  var unchanged: [File]
  var stats: StatsResult
}
