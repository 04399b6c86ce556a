import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

#if canImport(Glibc)
  import Glibc
#endif

/// `liaison batch` (and `liaison demo`): gather inputs → load (unusable files
/// set aside) → each member's report, built by the same functions as `reach`,
/// `introduce` and `path` → the team's tables → one writer for the folder.
/// The steps live in the files beside this one (inputs, targets, members,
/// team, files, progress).
enum BatchReport {
  struct Outcome {
    var failures: Int
    var message: String
    var summary: BatchSummary
  }

  /// The files at the top of the report folder.
  static let reportFiles = [
    "summary.json", "index.html", "members.csv", "overlaps.csv", "targets.csv", "introductions.csv", "brokers.csv",
    "brokers.svg",
  ]

  /// Network-wide introductions listed in `introductions.csv` (the summary
  /// and the index show the first of them); only these are described.
  static let introductionsListed = 500

  static func run(_ config: BatchConfig) throws -> Outcome {
    let progress = BatchProgress(enabled: !config.quiet && isatty(2) != 0)
    let gathered = try gatherChecked(config)
    let (loadedOrNil, loadFailures, rowErrors) = load(
      gathered.specs, options: config.options, progress: progress)
    let failures = gathered.failures + loadFailures
    guard let read = loadedOrNil else {
      progress.done()
      for f in failures { Terminal.error("\(f.file)\(f.line > 0 ? ":\(f.line)" : ""): \(f.reason)") }
      Terminal.error("no input could be read, so there is nothing to analyse")
      throw ExitCode.failure
    }
    progress.note(
      "read \(TextFormat.count(read.imports.count, "file")): \(TextFormat.count(read.graph.personCount, "person", plural: "people")), "
        + "\(TextFormat.count(read.graph.tieCount, "tie"))")
    let (loaded, leftOut) = SignedTies.forAnalysis(read, includeNegative: config.includeNegative)
    if leftOut > 0 { progress.note(SignedTies.note(leftOut: leftOut)) }
    if rowErrors > 0 {
      Terminal.warn(
        "\(TextFormat.count(rowErrors, "row")) rejected (listed per file in summary.json under imports)")
    }
    let writer = try BatchWriter(folder: config.out)
    do {
      let targetNames = try (config.targetsFile.map(readTargets) ?? []) + config.targetList
      let team = try TeamAnalysis(loaded, targetNames: targetNames, config: config, writer: writer, progress: progress)
      progress.phase("writing the report")
      let summary = try writeTeam(team, loaded: loaded, failures: failures, config: config, writer: writer)
      progress.done()
      return Outcome(failures: failures.count, message: closingMessage(summary, config: config), summary: summary)
    } catch let error as OutputError {
      progress.done()
      throw OutputFailure.report(error)
    }
  }

  /// Gathers the inputs and refuses, before any work, a report folder that is
  /// an input and report files that would overwrite an input (exit 2).
  static func gatherChecked(_ config: BatchConfig) throws -> (specs: [InputSpec], failures: [BatchSummary.Failure]) {
    if let out = FileIdentity(path: config.out),
      let input = config.inputs.map({ InputSpec(argument: $0).path }).first(where: { FileIdentity(path: $0) == out })
    {
      Terminal.error(
        "--out \(config.out) is the input folder \(input): the report would be read back as input on the next run; "
          + "choose a folder of its own, e.g. --out report")
      throw ExitCode(LiaisonCommand.Exit.usage.rawValue)
    }
    let gathered = gather(config)
    OutputGuard.protectInputs(gathered.specs.map(\.path) + [config.manifest, config.targetsFile].compactMap { $0 })
    // The report's own files, checked before any work (a targets file kept as DIR/targets.csv, say).
    for name in Self.reportFiles {
      do { try OutputGuard.checkNotInput("\(config.out)/\(name)") } catch { throw OutputFailure.report(error) }
    }
    return gathered
  }

  /// The line printed when the report is written, with the inputs set aside.
  static func closingMessage(_ summary: BatchSummary, config: BatchConfig) -> String {
    var message =
      "Team report: \(TextFormat.count(summary.people, "person", plural: "people")), \(TextFormat.count(summary.ties, "tie")), "
    message += "\(TextFormat.count(summary.members.count, "member")), "
    message += "\(TextFormat.count(summary.team.targets.count, "target")) → \(config.out)/index.html"
    if !summary.failures.isEmpty {
      let n = summary.failures.count
      message += "\n\(TextFormat.count(n, "input")) could not be read (listed in summary.json):"
      for f in summary.failures { message += "\n  \(f.file)\(f.line > 0 ? ":\(f.line)" : ""): \(f.reason)" }
    }
    return message
  }
}
