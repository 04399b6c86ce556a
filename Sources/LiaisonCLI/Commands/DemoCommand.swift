import ArgumentParser
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run the main job on the bundled datasets/ and show what Liaison answers.",
    discussion: """
      Examples:
        liaison demo
        liaison demo --out /tmp/liaison-demo
      """)

  @Option(help: "Folder with the bundled datasets (default: ./datasets, or the one beside the executable's checkout).")
  var datasets: String?

  @Option(help: "Also write the answers (stats.json, stats.txt) to this folder.")
  var out: String?

  func locateDatasets() -> String? {
    if let datasets { return datasets }
    var candidates = ["datasets"]
    // .build/<config>/liaison → the checkout's datasets/
    let exe = CommandLine.arguments[0]
    if let slash = exe.lastIndex(of: "/") {
      let dir = String(exe[..<slash])
      candidates += ["\(dir)/../../datasets", "\(dir)/../../../datasets", "\(dir)/../share/liaison/datasets"]
    }
    return candidates.first { access("\($0)/network/ties.csv", R_OK) == 0 }
  }

  func run() throws {
    guard let root = locateDatasets() else {
      Terminal.error("cannot find the bundled datasets/ folder — run from the repository, or pass --datasets DIR")
      throw ExitCode.failure
    }
    let network = ["\(root)/network/people.csv", "\(root)/network/ties.csv"]
    print("Liaison demo — the bundled synthetic network (\(root)/network, made by `liaison generate`)\n")
    let loaded: LoadedNetwork
    do {
      loaded = try NetworkLoader.load(network.map { InputSpec(path: $0) }) { Terminal.warn("\($0)") }
    } catch {
      Terminal.error("\(error)")
      throw ExitCode.failure
    }
    let stats = StatsResult.make(loaded)
    let text = stats.table()
    print(text)
    let team = "\(root)/team"
    if access("\(team)/ties.csv", R_OK) == 0,
      let teamLoaded = try? NetworkLoader.load(
        ["\(team)/people.csv", "\(team)/ties.csv"].map { InputSpec(path: $0) })
    {
      let t = StatsResult.make(teamLoaded)
      print("The team network (\(team)): \(grouped(t.people)) people, \(grouped(t.ties)) ties, "
        + "\(grouped(t.tieClasses["strong"] ?? 0)) strong, \(grouped(t.tieClasses["weak"] ?? 0)) weak, "
        + "\(grouped(t.tieClasses["dormant"] ?? 0)) dormant.\n")
    }
    print(
      """
      What comes next on the same data (each command has --help):
        liaison reach       who opens the most non-redundant reach; the few contacts that cover 80 %; dormant ties to revive
        liaison path        the strongest introduction chains to a person or company
        liaison introduce   pairs of your contacts who should meet, with reasons
        liaison brokers     who holds the network together (betweenness, Burt, Gould–Fernandez)
        liaison render      every answer drawn through Graphviz as SVG
        liaison batch       a folder of exports (datasets/team/exports) into one report
      These arrive with the issues that follow this foundation; today `stats` and `generate` run.
      """)
    if let out {
      mkdir(out, 0o755)
      do {
        try AtomicFileWriter.write(try jsonText(stats), to: "\(out)/stats.json")
        try AtomicFileWriter.write(text, to: "\(out)/stats.txt")
        print("\nwrote \(out)/stats.json and \(out)/stats.txt")
      } catch {
        Terminal.error("\(error)")
        throw ExitCode.failure
      }
    }
  }
}
