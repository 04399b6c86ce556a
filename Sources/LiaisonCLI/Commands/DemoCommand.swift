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
    let teamInputs = ["\(team)/people.csv", "\(team)/ties.csv"]
    if access("\(team)/ties.csv", R_OK) == 0,
      let teamLoaded = try? NetworkLoader.load(teamInputs.map { InputSpec(path: $0) })
    {
      let t = StatsResult.make(teamLoaded)
      print("The team network (\(team)): \(grouped(t.people)) people, \(grouped(t.ties)) ties, "
        + "\(grouped(t.tieClasses["strong"] ?? 0)) strong, \(grouped(t.tieClasses["weak"] ?? 0)) weak, "
        + "\(grouped(t.tieClasses["dormant"] ?? 0)) dormant.\n")
      // A team member: the owner of the first bundled export whose name resolves.
      let stems = Self.exportStems(in: "\(team)/exports")
      if let member = stems.lazy.compactMap({ stem -> String? in
        if case .person(let p) = teamLoaded.graph.people.resolve(String(stem.map { $0 == "-" ? " " : $0 })) {
          return teamLoaded.graph.people.name(of: p)
        }
        return nil
      }).first {
        print("── liaison reach \(team)/people.csv \(team)/ties.csv --ego \"\(member)\" --top 5\n")
        let reach = try ReachCommand.parse(teamInputs + ["--ego", member, "--top", "5"])
        try reach.run()
        print("\n── liaison introduce \(team)/people.csv \(team)/ties.csv --ego \"\(member)\" --top 5\n")
        var introduce = try IntroduceCommand.parse(teamInputs + ["--ego", member, "--top", "5"])
        try introduce.run()
      }
    }
    print(
      """
      More on the same data (each command has --help):
        liaison reach       who opens the most non-redundant reach, the 80 % cover, dormant ties (shown above)
        liaison path        the strongest introduction chains to a person or company
        liaison introduce   pairs of your contacts who should meet, with reasons (shown above)
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
