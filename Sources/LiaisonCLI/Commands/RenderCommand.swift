import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

#if canImport(Glibc)
  import Glibc
#endif

struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Draw the network, an ego network, introduction chains, introductions, brokers or communities (SVG).",
    discussion: """
      Graphviz runs in-process (libgvc); layouts are seeded, so the same input gives the same \
      SVG bytes. Tie strength sets the pen width, inferred ties are dotted, tooltips carry each \
      tie's evidence, and a legend and caption say what is shown and what was left out. A picture \
      names at most --max-names people and draws at most --max-nodes nodes; beyond that the least \
      relevant are collapsed into summary boxes with counts (by community, or in ego views by \
      company, community among the contacts or tie class), so any view stays legible at 100 % zoom. Every SVG is checked before it is written: no script, no event \
      handler, no external reference. PNG and PDF need Graphviz's cairo plugin.

      Views:
        network        everyone, communities coloured, size by --size-by (degree or betweenness)
        ego            --ego's contacts around them, grouped by company, strong and weak ties apart
        path           the --k strongest chains --from a person --to a person (or --to-company)
        introductions  the best introductions among --ego's contacts (or network-wide)
        brokers        the network with the top --top brokers (betweenness) named
        communities    one node per community

      Examples:
        liaison render datasets/network/people.csv datasets/network/ties.csv --view network -o network.svg
        liaison render datasets/network/people.csv datasets/network/ties.csv --view ego --ego 42 -o ego.svg
        liaison render people.csv ties.csv --view path --from "Mary Reed" --to-company Acme -o chains.svg
        liaison render people.csv ties.csv --view introductions --ego 42 --top 10 -o intro.png
        liaison render big.csv --view network --max-nodes 200 --engine sfdp -o big.svg
      """)

  @OptionGroup var input: InputOptions

  @Option(help: "What to draw: \(ViewKind.spelledList).")
  var view: ViewKind = .network

  @Option(name: .shortAndLong, help: "The picture file (written atomically).")
  var output: String

  @Option(help: "svg, png, pdf or dot (default: from the output's extension, else svg).")
  var format: PictureFormat?

  @Option(help: "Layout engine: auto (by size), dot, neato, fdp or sfdp.")
  var engine: LayoutEngine = .auto

  @Option(
    name: .customLong("max-nodes"), parsing: .unconditional,
    help: "Most nodes drawn; beyond it people are collapsed into summary nodes.")
  var maxNodes: Int = 300

  @Option(
    name: .customLong("max-names"), parsing: .unconditional,
    help: "Most people named in the picture; beyond it the view aggregates (ego: contacts counted in boxes).")
  var maxNames: Int = 60

  @Option(name: .customLong("size-by"), help: "Network view: size people by degree or betweenness.")
  var sizeBy: SizeMeasure = .degree

  @Option(help: "Ego and introductions views: the person (id, email, profile URL or name).")
  var ego: String?

  @Option(help: "Path view: the person asking.")
  var from: String?

  @Option(help: "Path view: the person to reach.")
  var to: String?

  @Option(name: .customLong("to-company"), help: "Path view: reach anyone at this company (matched as `path` does).")
  var toCompany: String?

  @Option(parsing: .unconditional, help: "Path view: number of chains.")
  var k: Int = 3

  @Option(name: .customLong("max-hops"), parsing: .unconditional, help: "Path view: longest chain in hops.")
  var maxHops: Int = 3

  @Option(parsing: .unconditional, help: "Introductions: pairs to draw; brokers: brokers to name.")
  var top: Int = 10

  @Option(parsing: .unconditional, help: "Names written in network views (the most central people).")
  var labels: Int = 40

  @Option(
    parsing: .unconditional, help: "Communities (Leiden, the colours of network views): resolution of modularity.")
  var resolution: Double = 1

  @Option(parsing: .unconditional, help: "Communities (Leiden): seed.", transform: seedArgument)
  var seed: UInt64 = 42

  func validate() throws {
    try OptionRange.atLeast(2, maxNodes, "--max-nodes")
    try OptionRange.atLeast(2, maxNames, "--max-names")
    try OptionRange.atLeast(1, top, "--top")
    try OptionRange.atLeast(1, k, "--k")
    try OptionRange.atLeast(0, maxHops, "--max-hops", zeroMeans: "no limit")
    try OptionRange.atLeast(0, labels, "--labels")
    try OptionRange.positive(resolution, "--resolution")
    switch view {
    case .ego where ego == nil: throw ValidationError("--view ego needs --ego PERSON.")
    case .path:
      if from == nil || (to == nil) == (toCompany == nil) {
        throw ValidationError("--view path needs --from PERSON and one of --to PERSON, --to-company NAME.")
      }
    default: break
    }
  }

  var pictureFormat: PictureFormat {
    if let format { return format }
    let lower = output.lowercased()
    for f in PictureFormat.allCases where lower.hasSuffix(".\(f.rawValue)") { return f }
    return .svg
  }

  func run() throws {
    // The views of an analysis follow it: without negative ties unless --include-negative.
    let drawsEverything = view == .network || view == .ego
    let file = OutputFile(path: output, content: pictureFormat.content, otherwise: "choose another --format")
    let loaded = try drawsEverything ? input.load(writing: [file]) : input.loadForAnalysis(writing: [file])
    let g = loaded.graph
    var o = ViewOptions()
    o.maxNodes = maxNodes
    o.maxNamed = maxNames
    o.engine = engine
    o.classifier = input.classifier
    o.labels = labels
    // Views group and size by what is computed here, once.
    func communities() -> PersonGroups {
      PersonGroups(communities: g.leidenCommunities(resolution: resolution, seed: seed), method: "Leiden", seed: seed)
    }
    let model: RenderModel
    switch view {
    case .network:
      let size: PersonMeasure? =
        sizeBy == .betweenness ? .betweenness(g.betweenness(threads: Parallel.defaultThreads).normalised) : nil
      model = .network(g, groups: communities(), size: size, options: o)
    case .communities: model = .communities(g, groups: communities(), options: o)
    case .brokers:
      // The brokers `liaison brokers` lists: nobody who stands between no one is named a broker.
      let result = BrokersReport.make(
        g,
        BrokersRequest(
          top: top, by: .betweenness, measures: [.betweenness], sample: g.personCount > 20_000 ? 500 : nil, seed: 1,
          threads: Parallel.defaultThreads))
      model = .brokers(
        g, groups: communities(), ranking: result.ranking, top: min(top, result.answer.people.count), options: o)
    case .ego:
      let e = try PersonReference.resolve(ego!, in: g, option: "--ego")
      model = .ego(g, ego: e, options: o)
    case .introductions:
      model = try Self.introductionsModel(
        g, ego: ego, top: top, classifier: input.classifier, apart: IntroductionsReport.keptApart(loaded), options: o)
    case .path:
      let source = try PersonReference.resolve(from!, in: g, option: "--from")
      let targets = try TargetReference.chainTarget(from: source, to: to, toCompany: toCompany, toIndustry: nil, in: g)
      var search = PathSearch(g)
      let found = search.strongestPaths(
        from: source, to: targets.people,
        query: PathQuery(k: k, maxHops: maxHops == 0 ? nil : maxHops, firstHop: .usable(input.classifier)))
      if found.isEmpty {
        Terminal.error("no introduction chain to draw (see `liaison path` for the nearest reachable people)")
        throw ExitCode.failure
      }
      model = .path(g, paths: found, options: o)
    }
    try Drawing.write(model, to: output, format: pictureFormat)
  }

  /// The introductions view: the ego's best pairs, or network-wide pairs without an ego.
  static func introductionsModel(
    _ g: Graph, ego: String?, top: Int, classifier: TieClassifier, apart: Set<PersonPair> = [], options: ViewOptions
  ) throws -> RenderModel {
    if let ego {
      let e = try PersonReference.resolve(ego, in: g, option: "--ego")
      let r = g.introductionCandidates(
        for: e, options: IntroductionOptions(top: top, closeAtLeast: classifier.strongAtLeast, apart: apart))
      if r.contactsConsidered < r.contacts {
        Terminal.note(
          IntroductionsReport.capNotice(
            r, in: g, lift: "`liaison introduce --ego … --max-contacts 0` pairs all of them."))
      }
      return .introductions(
        g, ego: e,
        pairs: r.candidates.map { SuggestedPair(low: $0.low, high: $0.high, score: $0.score, reasons: $0.reasons) },
        options: options)
    }
    let r = g.networkIntroductions(perPerson: 3, apart: apart)
    return .introductions(
      g, ego: nil,
      pairs: r.diverseCandidates(limit: top).map {
        SuggestedPair(low: $0.low, high: $0.high, score: $0.score, reasons: $0.reasons)
      },
      options: options)
  }
}
