import ArgumentParser
import Foundation
import GraphCore
import GraphIO
import Workspace

/// The workspace and its current network, for the commands that write
/// corrections and log entries: people are named as in every command
/// (`PersonReference`, with "did you mean") and stored by stable key.
struct WorkspaceNetwork {
  let workspace: Workspace
  let loaded: LoadedNetwork
  var graph: Graph { loaded.graph }

  /// Opens the workspace (never creating one) and reads its network (exit 1 when it cannot).
  static func open(_ place: WorkspaceOption) throws -> WorkspaceNetwork {
    let workspace = try place.open(create: false)
    let options = try InputOptions.parse([]).loadOptions
    let (loaded, _, report) = try loading { try workspace.loadReporting(options: options) }
    if let report { WorkspaceNotes.unknownKeys(report) }
    return WorkspaceNetwork(workspace: workspace, loaded: loaded)
  }

  /// `body`'s value; a workspace or import error is printed and becomes exit 1.
  static func loading<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as WorkspaceError {
      Terminal.error(error.message)
      throw ExitCode.failure
    } catch let error as ImportError {
      Terminal.error(error.commandLineText)
      throw ExitCode.failure
    }
  }

  /// The person `reference` names, resolved in the current network (exit 1 with "did you mean" when nobody).
  func person(_ reference: String, option: String) throws -> PersonID {
    try PersonReference.resolve(reference, in: graph, option: option)
  }

  /// The stable key of the person `reference` names.
  func key(_ reference: String, option: String) throws -> String {
    graph.people.stableKey(of: try person(reference, option: option))
  }

  /// "Name (id)" for a stable key in the current network, else the key itself.
  func describe(_ key: String) -> String {
    guard let p = graph.people.person(stableKey: key) else { return key }
    return "\(graph.people.name(of: p)) (\(graph.people.id(of: p)))"
  }

  /// The name a stable key has in the current network, else the key.
  func name(_ key: String) -> String {
    graph.people.person(stableKey: key).map { graph.people.name(of: $0) } ?? key
  }

  /// Reads the network again after a write (the snapshot is rebuilt) and says,
  /// on standard error, when the correction `id` of `family` did nothing and why.
  func reportOutcome(family: CorrectionsReport.Family, id: Int64) throws {
    let options = try InputOptions.parse([]).loadOptions
    let (_, _, report) = try Self.loading { try workspace.loadReporting(options: options) }
    guard let report else { return }
    for o in report.outcomes where o.family == family && o.id == Int(id) && !o.applied {
      Terminal.note("note: \(family.rawValue) #\(id) does not change the network: \(o.effect)")
    }
  }
}

/// Notes about stored corrections, on standard error.
enum WorkspaceNotes {
  /// One note per correction or log entry that names a key nobody in the network has.
  static func unknownKeys(_ report: CorrectionsReport) {
    for u in report.unknownKeys {
      let what = u.id == 0 ? "the workspace's owner" : "\(u.family == .log ? "log entry" : u.family.rawValue) #\(u.id)"
      Terminal.note(
        "note: \(what) names \(u.key), who is not in the network (any more); it is kept but does nothing — "
          + "`liaison corrections --undo ID` or `liaison log --undo ID` removes it")
    }
  }

  /// Today (UTC).
  static var today: Day { Day(daysSinceEpoch: Int32((Date().timeIntervalSince1970 / 86_400).rounded(.down))) }

  /// The day `text` names (validated by `DateOption.validate` first).
  static func day(_ text: String?, option: String) throws -> Day? {
    guard let text else { return nil }
    try DateOption.validate(text, option: option)
    guard let day = Day(parsing: text) else { throw ValidationError("\(option) '\(text)' is not YYYY-MM-DD.") }
    return day
  }
}
