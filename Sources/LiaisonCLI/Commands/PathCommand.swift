import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

struct PathCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "path",
    abstract: "The strongest chains of introductions to a person, a company or an industry.",
    discussion: """
      A chain's strength is the product of its ties' strengths (the chance it works if every \
      introduction succeeds independently); the k strongest loopless chains are listed (Yen), \
      ties broken by fewer hops, then by person id. The first hop must be a tie you can use: \
      strong, weak, unrated, or dormant but formerly strong (never nominal or one-sided). \
      Each chain shows every hop's evidence, the weakest link and one sentence to act on. \
      --disjoint lists alternatives that share no broker. With no chain, the nearest \
      reachable people at the target are named.

      Examples:
        liaison path datasets/team/people.csv datasets/team/ties.csv --from "Mary Reed" --to-company "Acme"
        liaison path people.csv ties.csv --from 42 --to 7 --k 5 --max-hops 4
        liaison path people.csv ties.csv --from me@example.com --to-industry Insurance --disjoint
        liaison path edges.csv --pairs pairs.csv --format csv --threads 2   (strongest chain per from,to row)
        liaison path people.csv ties.csv --from 42 --to 7 --svg chains.svg   (also draw the chains)
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var picture: SVGOption
  @OptionGroup var threading: ThreadsOption

  @Option(help: "The person asking: an id, email, profile URL or name (default, reading the workspace: its owner).")
  var from: String?

  @Option(help: "The person to reach.")
  var to: String?

  @Option(
    name: .customLong("to-company"),
    help: "Reach anyone at this company (case, accents, punctuation, legal forms ignored; word starts suffice).")
  var toCompany: String?

  @Option(
    name: .customLong("to-industry"),
    help: "Reach anyone in this industry (case, accents, punctuation ignored; word starts suffice).")
  var toIndustry: String?

  @Option(parsing: .unconditional, help: "Number of chains.")
  var k: Int = 3

  @Option(name: .customLong("max-hops"), parsing: .unconditional, help: "Longest chain in hops (0 = no limit).")
  var maxHops: Int = 3

  @Flag(help: "Alternatives that share no broker.")
  var disjoint = false

  @Flag(name: .customLong("any-first-hop"), help: "Allow any of your ties as the first hop (nominal, one-sided).")
  var anyFirstHop = false

  @Option(help: "A CSV file of from,to person references: the strongest chain for each row (no hop limit).")
  var pairs: String?

  func validate() throws {
    if pairs == nil {
      if from == nil && !input.readsWorkspace { throw ValidationError("Give --from PERSON (or --pairs FILE).") }
      let n = [to, toCompany, toIndustry].compactMap { $0 }.count
      if n != 1 { throw ValidationError("Give exactly one of --to, --to-company, --to-industry.") }
    }
    try OptionRange.atLeast(1, k, "--k")
    try OptionRange.atLeast(0, maxHops, "--max-hops", zeroMeans: "no limit")
  }

  func run() throws {
    let loaded = try input.loadForAnalysis(
      writing: [output.file, picture.file], alsoReading: [pairs], threads: threading.threads)
    let g = loaded.graph
    if let pairs { return try runPairs(g, file: pairs) }
    let classifier = input.classifier
    let source = try PersonReference.resolve(
      try input.defaultPerson(from, in: g, option: "--from"), in: g, option: "--from")
    let resolved = try TargetReference.chainTarget(
      from: source, to: to, toCompany: toCompany, toIndustry: toIndustry, in: g)
    let limit = maxHops == 0 ? nil : maxHops
    var search = PathSearch(g)
    let found = search.strongestPaths(
      from: source, to: resolved.people,
      query: PathQuery(k: k, maxHops: limit, disjoint: disjoint, firstHop: anyFirstHop ? .any : .usable(classifier)))
    let answer = PathAnswer.make(
      g, from: source, target: resolved, found: found, k: k, maxHops: limit, disjoint: disjoint,
      anyFirstHop: anyFirstHop, classifier: classifier)
    // Said once: the table carries the message when it is what the terminal shows.
    if let message = answer.noPath, output.format != .table || (output.output ?? "-") != "-" { Terminal.warn(message) }
    switch output.format {
    case .table: try output.emit(answer.table())
    case .json: try output.emit(try jsonText(answer))
    case .csv: try output.emit(answer.csv())
    }
    if found.isEmpty { throw ExitCode.failure }
    if let svg = picture.svg {
      var o = picture.viewOptions
      o.classifier = classifier
      try Drawing.write(.path(g, paths: found, options: o), to: svg)
    }
  }

  /// Many single queries: one reusable search (bidirectional Dijkstra).
  func runPairs(_ g: Graph, file: String) throws {
    let list: [ReferenceLists.Pair]
    do { list = try ReferenceLists.pairs(path: file) } catch {
      Terminal.error("cannot read the pairs file: \(error)")
      throw ExitCode.failure
    }
    var ends: [(PersonID, PersonID)] = []
    for pair in list {
      let a = try PersonReference.resolve(pair.from, in: g, option: "\(file) line \(pair.line)")
      let b = try PersonReference.resolve(pair.to, in: g, option: "\(file) line \(pair.line)")
      ends.append((a, b))
    }
    // One search (with its scratch space) per worker, all reading one array of
    // tie costs; the rows in the file's order.
    let costs = PathSearch.halfEdgeCosts(g)
    let found = Parallel.map(
      count: ends.count, threads: threading.count,
      makeScratch: { PathSearch(g, costs: costs) },
      transform: { i, search in search.strongestPath(from: ends[i].0, to: ends[i].1) })
    let rows = zip(list, found).map { pair, p in
      PairPathsAnswer.Row(
        from: pair.from, to: pair.to, people: p?.people.map { g.people.id(of: $0) } ?? [], strength: p?.strength,
        cost: p?.cost, hops: p?.hops)
    }
    let answer = PairPathsAnswer(pairs: rows)
    switch output.format {
    case .json: try output.emit(try jsonText(answer))
    case .table, .csv: try output.emit(answer.csv())
    }
  }
}
