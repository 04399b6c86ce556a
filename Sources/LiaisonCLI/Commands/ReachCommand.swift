import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

#if canImport(Glibc)
  import Glibc
#endif

struct ReachCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reach",
    abstract: "Weak-tie reach: who opens which doors, the few contacts that cover 80 %, dormant ties to revive.",
    discussion: """
      For one person (--ego): contacts by tie class, second-degree reach and what only weak ties open \
      (Granovetter's weak-tie reach), each contact's unique reach, Burt's effective size and \
      constraint, the smallest set of contacts (greedy, so "at most k") that covers --cover of \
      the second-degree reach, dormant ties ranked by the reach they would reopen, and the \
      companies and industries within two steps. For everyone (--all): first and second degree.

      Job value ranks contacts by the news of jobs they may bring (Granovetter; Rajkumar et \
      al. 2022): (m/10)·e^(1 − m/10)·(1 − strength) for m mutual contacts, highest for a \
      weak tie with about 10 mutual contacts; 0 to 1, a heuristic, never a probability.

      Examples:
        liaison reach datasets/network/people.csv datasets/network/ties.csv --ego 42
        liaison reach people.csv ties.csv --ego "Ada Lovelace" --targets targets.txt
        liaison reach ties.csv --all --format csv --output reach.csv --threads 2
        liaison reach people.csv ties.csv --ego 42 --svg ego.svg   (also draw the ego network)
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var threading: ThreadsOption
  @OptionGroup var picture: SVGOption

  @Option(
    help:
      "The person whose reach to analyse: an id, email, profile URL or name (default, reading the workspace: its owner)."
  )
  var ego: String?

  @Flag(help: "First- and second-degree reach of every person instead of one ego.")
  var all = false

  @Option(parsing: .unconditional, help: "Rows to show in each table list (contacts, dormant ties, companies).")
  var top: Int = 10

  @Option(parsing: .unconditional, help: "Fraction of second-degree reach the cover must reach.")
  var cover: Double = 0.8

  @Option(help: "A file of target companies or people, one per line: the best doors to each.")
  var targets: String?

  func validate() throws {
    if ego != nil && all { throw ValidationError("Give either --ego PERSON or --all.") }
    if ego == nil && !all && !input.readsWorkspace { throw ValidationError("Give either --ego PERSON or --all.") }
    try OptionRange.positive(cover, "--cover", atMost: 1)
    try OptionRange.atLeast(1, top, "--top")
  }

  func run() throws {
    let loaded = try input.loadForAnalysis(
      writing: [output.file, picture.file], alsoReading: [targets], threads: threading.threads)
    let g = loaded.graph
    if all {
      try runAll(g)
      if let svg = picture.svg {
        var o = picture.viewOptions
        o.classifier = input.classifier
        // Leiden with the defaults of `liaison communities` colours the picture.
        let groups = PersonGroups(
          communities: g.leidenCommunities(threads: threading.count), method: "Leiden",
          seed: 42)
        try Drawing.write(.network(g, groups: groups, options: o), to: svg)
      }
      return
    }
    let egoID = try PersonReference.resolve(
      try input.defaultPerson(ego, in: g, option: "--ego"), in: g, option: "--ego")
    var options = ReachOptions()
    options.classifier = input.classifier
    options.coverFraction = cover
    let r = g.egoReach(egoID, options: options)
    let burt = g.burtMeasures(of: egoID)
    let targetAnswers = try targets.map { try ReachAnswer.targetDoors(g, ego: egoID, list: $0) }
    let answer = ReachAnswer.make(g, r, burt, targetAnswers, cover: cover)
    switch output.format {
    case .json: try output.emit(try jsonText(answer))
    case .csv: try output.emit(answer.csv())
    case .table: try output.emit(answer.table(top: top))
    }
    if let svg = picture.svg {
      var o = picture.viewOptions
      o.classifier = input.classifier
      try Drawing.write(.ego(g, ego: egoID, options: o), to: svg)
    }
  }

  func runAll(_ g: Graph) throws {
    let start = Clock.now()
    let threads = threading.count
    let reach = g.twoHopReach(threads: threads)
    if getenv("LIAISON_TIMINGS") != nil {
      Terminal.note(
        "two-hop reach for all: \(fixed(Clock.now() - start, 3)) s on \(TextFormat.count(threads, "thread"))")
    }
    switch output.format {
    case .json: try output.emit(try jsonText(ReachAllAnswer.make(g, reach)))
    case .csv: try output.emit(ReachAllAnswer.csv(g, reach))
    case .table: try output.emit(ReachAllAnswer.table(g, reach, top: top))
    }
  }
}
