import ArgumentParser
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract:
      "The whole product on the bundled team: `liaison batch` on datasets/team into a report folder with index.html.",
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
    print(
      "Liaison demo — `liaison batch` on the bundled team (\(team): people, ties and four members' LinkedIn exports; synthetic, made by `liaison generate`)\n"
    )
    print("── liaison batch \(inputs.joined(separator: " ")) --out \(folder)\n")
    var config = BatchConfig(inputs: inputs, out: folder)
    config.quiet = quiet
    // Targets: the three companies with the most people in the team network that no member works at.
    config.suggestedTargets = 3
    let outcome = try BatchReport.run(config)
    let s = outcome.summary
    print(
      "The merged network: \(grouped(s.people)) people, \(grouped(s.ties)) ties (\(grouped(s.tieClasses["strong"] ?? 0)) strong, "
        + "\(grouped(s.tieClasses["weak"] ?? 0)) weak, \(grouped(s.tieClasses["dormant"] ?? 0)) dormant, \(grouped(s.inferredTies)) inferred).\n"
    )
    var t = TextTable(
      ["member", "contacts", "2nd degree", "only via weak ties", "cover 80 %", "dormant"],
      rightAligned: [1, 2, 3, 4, 5])
    for m in s.members {
      t.add([
        m.person.name, grouped(m.contacts), grouped(m.secondDegree), grouped(m.weakOnlyReach), grouped(m.cover),
        grouped(m.dormant),
      ])
    }
    print(t.render())
    for target in s.team.targets {
      if let b = target.best {
        print(
          Terminal.safe(
            "Warmest path to \(target.target): \(b.people.map(\.name).joined(separator: " → ")) (strength \(fixed(b.strength, 3)))"
          ))
      } else {
        print(Terminal.safe("No warm path to \(target.target): \(target.note ?? "")"))
      }
    }
    if let top = s.team.brokers.people.first, let b = top.betweenness {
      print(
        Terminal.safe("Top broker of the merged network: \(top.name) (\(top.company)), betweenness \(fixed(b, 3))."))
    }
    print(
      """

      Open the report: \(folder)/index.html   (offline, no script; summary.json and CSV tables beside it)

      More on the same data (each command has --help):
        liaison reach       who opens the most non-redundant reach, the 80 % cover, dormant ties
        liaison path        the strongest introduction chains to a person or company
        liaison introduce   pairs of your contacts who should meet, with reasons
        liaison brokers     who holds the network together (betweenness, Burt, Gould–Fernandez)
        liaison render      every answer drawn through Graphviz as SVG
        liaison batch       any folder of exports into a report like this one
      """)
    if outcome.failures > 0 { throw ExitCode.failure }
  }

  static func defaultFolder() -> String {
    let tmp = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return (tmp.hasSuffix("/") ? String(tmp.dropLast()) : tmp) + "/liaison-demo"
  }
}
