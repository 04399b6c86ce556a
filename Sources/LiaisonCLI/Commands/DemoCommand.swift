import ArgumentParser
import Foundation
import GraphCore
import GraphIO
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract:
      "The whole product on the bundled team: `liaison batch` on datasets/team into a report folder with index.html, and a demo workspace.",
    discussion: """
      Examples:
        liaison demo
        liaison demo --out /tmp/liaison-demo
      """)

  @Option(help: "Folder with the bundled datasets (default: ./datasets, or the one beside the executable's checkout).")
  var datasets: String?

  @Option(help: "The report folder (default: $TMPDIR/liaison-demo).")
  var out: String?

  @Flag(help: "No progress on standard error.")
  var quiet = false

  func locateDatasets() -> String? {
    if let datasets { return datasets }
    var candidates = ["datasets"]
    // .build/<config>/liaison → the checkout's datasets/
    let exe = CommandLine.arguments[0]
    if let slash = exe.lastIndex(of: "/") {
      let dir = String(exe[..<slash])
      candidates += ["\(dir)/../../datasets", "\(dir)/../../../datasets", "\(dir)/../share/liaison/datasets"]
    }
    return candidates.first { access("\($0)/team/ties.csv", R_OK) == 0 }
  }

  /// File stems of `*.csv` in `folder`, sorted.
  static func exportStems(in folder: String) -> [String] {
    guard let dir = opendir(folder) else { return [] }
    defer { closedir(dir) }
    var stems: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name.hasSuffix(".csv") { stems.append(String(name.dropLast(4))) }
    }
    return stems.sorted()
  }

  func run() throws {
    guard let root = locateDatasets() else {
      Terminal.error("cannot find the bundled datasets/ folder — run from the repository, or pass --datasets DIR")
      throw ExitCode.failure
    }
    let team = "\(root)/team"
    let inputs = ["\(team)/people.csv", "\(team)/ties.csv", "\(team)/exports"]
    let folder = out ?? Self.defaultFolder()
    narrate(
      "Liaison demo — `liaison batch` on the bundled team (\(team): people, ties and four members' LinkedIn exports; synthetic, made by `liaison generate`)\n"
    )
    narrate("── liaison batch \(inputs.joined(separator: " ")) --out \(folder)\n")
    var config = BatchConfig(inputs: inputs, out: folder)
    config.quiet = quiet
    // Targets: the three companies with the most people in the team network that no member works at.
    config.suggestedTargets = 3
    let outcome = try BatchReport.run(config)
    print(BatchSummaryText.demo(outcome.summary, folder: folder), terminator: "")
    if outcome.failures > 0 { throw ExitCode.failure }
    // The workspace also reads Mary Reed's mailbox (headers only): ties among her contacts.
    let targets = outcome.summary.team.targets.map(\.target)
    let workspace = Self.workspacePath(folder)
    let targetsFile = try buildWorkspace(
      files: inputs + ["\(team)/mail/mary-reed.mbox"], at: workspace, targets: targets)
    // Last, the explorer: the owner's network, evidence, chains and plan in one offline page.
    let page = "\(folder)/explore.html"
    var args = ["explore", "--workspace", workspace, "-o", page]
    if let targetsFile { args += ["--targets", targetsFile] }
    narrate("\n── liaison \(args.joined(separator: " "))\n")
    guard LiaisonCommand.run(arguments: args) == 0 else { throw ExitCode.failure }
    print(
      "\nExplore it: open \(page) in a browser — search anyone, click a person for the evidence of each tie, "
        + "the chains to them and their plan actions. Each member's page is linked from \(folder)/index.html."
    )
  }

  /// The demo's narration (its header and the command each step runs), left out with --quiet.
  func narrate(_ text: String) { if !quiet { print(text) } }

  /// The demo workspace: beside the report folder, never the user's own
  /// (its path is always given explicitly).
  static func workspacePath(_ folder: String) -> String {
    (folder.hasSuffix("/") ? String(folder.dropLast()) : folder) + "-workspace/workspace.sqlite"
  }

  /// Imports the team's files into a demo workspace at `path` (a no-op when
  /// a run before did) and says how to query it.
  /// Returns the targets file the plan was given, if any.
  func buildWorkspace(files: [String], at path: String, targets: [String]) throws -> String? {
    narrate("\n── liaison import \(files.joined(separator: " ")) --workspace \(path)\n")
    let defaults = try InputOptions.parse([])
    do {
      let workspace = try Workspace.open(at: path, create: true)
      let specs = try InputSpec.expandingFolders(files.map { InputSpec(path: $0) })
      let result = try workspace.importFiles(specs, options: defaults.loadOptions)
      let info = try workspace.info()
      let news =
        result.imported.isEmpty
        ? "already there, nothing changed" : TextFormat.count(result.imported.count, "file") + " imported"
      print(
        "A demo workspace (not yours) at \(path): \(news); \(grouped(info.people)) people, \(grouped(info.ties)) ties, owner \(info.ownerName ?? "none").\n"
      )
      print("Every analysis command reads it when given no files:")
      print("  liaison reach --workspace \(path)   (the owner's weak-tie reach)")
      print("  liaison path --workspace \(path) --to-company Acme")
      print("  liaison workspace info --workspace \(path)")
      try DemoLog.show(workspace, options: defaults.loadOptions, narrate: narrate)
      return try DemoLog.plan(workspace, targets: targets, narrate: narrate)
    } catch let error as ImportError {
      Terminal.error(error.commandLineText)
      throw ExitCode.failure
    } catch {
      Terminal.error("\(error)")
      throw ExitCode.failure
    }
  }

  static func defaultFolder() -> String {
    let tmp = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return (tmp.hasSuffix("/") ? String(tmp.dropLast()) : tmp) + "/liaison-demo"
  }
}
