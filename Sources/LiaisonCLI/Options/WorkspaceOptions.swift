import ArgumentParser
import GraphCore
import GraphIO
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// `--workspace PATH`: where the workspace is (Guides/Workspace.md).
struct WorkspaceOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The workspace database (default: $LIAISON_WORKSPACE, else $XDG_DATA_HOME/liaison/workspace.sqlite, else ~/.local/share/liaison/workspace.sqlite).",
      valueName: "path"))
  var workspace: String?

  /// The database path this run uses.
  var path: String { WorkspaceLocation.resolve(explicit: workspace) }

  /// Opens the workspace; a reading command (`create` false) never creates
  /// one, and a missing one is exit 1 with what to do.
  func open(create: Bool) throws -> Workspace {
    try orExit { () throws(WorkspaceError) in try Workspace.open(at: path, create: create) }
  }
}

/// `body`'s value; a `WorkspaceError` is printed on standard error and becomes exit 1.
func orExit<T>(_ body: () throws(WorkspaceError) -> T) throws -> T {
  do { return try body() } catch {
    Terminal.error(error.message)
    throw ExitCode.failure
  }
}

extension InputOptions {
  /// Whether this run reads the workspace (no input files given).
  var readsWorkspace: Bool { inputs.isEmpty }

  /// The workspace's network, as `load` gives the files' (exit 1 when there
  /// is no workspace or it cannot be read). The loading options apply; the
  /// format, owner and column names stored with each file replace `--as`,
  /// `--owner` and `--columns`.
  func loadWorkspace(writing outputs: [OutputFile], alsoReading: [String?]) throws -> LoadedNetwork {
    let workspace = try place.open(create: false)
    OutputGuard.protectInputs((alsoReading + [workspace.path, workspace.snapshotPath]).compactMap { $0 })
    for case let output? in outputs.map(\.path) {
      do { try OutputGuard.checkNotInput(output) } catch { throw OutputFailure.report(error) }
    }
    do {
      let start = Clock.now()
      let (loaded, from, report) = try workspace.loadReporting(options: loadOptions)
      if let report { WorkspaceNotes.unknownKeys(report) }
      if getenv("LIAISON_TIMINGS") != nil {
        Terminal.note(
          "load from the workspace (\(from.rawValue)): \(fixed(Clock.now() - start, 3)) s (\(TextFormat.count(loaded.graph.personCount, "person", plural: "people")), \(TextFormat.count(loaded.graph.tieCount, "tie")))"
        )
      }
      ProcessLifetime.keep(loaded)
      return loaded
    } catch let error as ImportError {
      Terminal.error(error.commandLineText)
      throw ExitCode.failure
    } catch let error as WorkspaceError {
      Terminal.error(error.message)
      throw ExitCode.failure
    }
  }

  /// The person a command that needs one (`--ego`, `--from`) uses when not
  /// told: the workspace's owner, when the network was read from it.
  /// - Throws: a usage message (exit 2) when reading files, exit 1 when the workspace has no owner in `g`.
  func defaultPerson(_ given: String?, in g: Graph, option: String) throws -> String {
    if let given { return given }
    guard readsWorkspace else { throw ValidationError("Give \(option) PERSON.") }
    let workspace = try place.open(create: false)
    let owner = try orExit { () throws(WorkspaceError) in try workspace.owner() }
    guard let owner, let p = g.people.person(stableKey: owner.key) else {
      Terminal.error(
        "the workspace has no owner to use as \(option) — set one with `liaison me PERSON`, or give \(option)")
      throw ExitCode.failure
    }
    return g.people.id(of: p)
  }
}
