import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

struct BrokersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "brokers",
    abstract: "Who holds the network together: betweenness, structural holes and brokerage roles.",
    discussion: """
      For every person: betweenness (Brandes; the share of shortest chains between others that \
      pass through them, normalised as networkx), ego betweenness (the same inside their own \
      contacts, over their pairs d(d-1)/2 in the table; raw in JSON as egoBetweenness, \
      normalised as egoBetweennessNormalized), Burt's constraint, effective size (contacts \
      less their redundancy), efficiency and hierarchy (whole network, \
      strength as the weight), and Gould–Fernandez brokerage roles (coordinator, itinerant, \
      representative, gatekeeper, liaison; counted as R sna does) with people grouped by \
      company, industry or community. --by chooses the ranking (constraint ranks lowest first). \
      Only brokers are listed: someone with betweenness 0 whose contacts all know each other \
      stands between nobody and is left out.

      Only what is asked is computed: the ranking measure for everyone, the other columns for \
      the people listed. Exact betweenness, one shortest-path search per person, is computed \
      only when it ranks (--by betweenness, the default) or is listed in --measures; otherwise \
      it is null in JSON and blank in the table and CSV. On large networks --sample N estimates \
      it from N people with a stated error bound.

      Examples:
        liaison brokers datasets/network/people.csv datasets/network/ties.csv
        liaison brokers people.csv ties.csv --by constraint --top 20
        liaison brokers people.csv ties.csv --by effective-size --measures betweenness,constraint
        liaison brokers people.csv ties.csv --group-by industry --by brokerage --format json
        liaison brokers big_edges.csv --sample 500 --threads 2
        liaison brokers people.csv ties.csv --svg brokers.svg     (also draw them)
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var threading: ThreadsOption
  @OptionGroup var picture: SVGOption

  @Option(parsing: .unconditional, help: "People to list (0 = everyone).")
  var top: Int = 20

  @Option(help: "Ranking: \(BrokerRanking.spelledList).")
  var by: BrokerRanking = .betweenness

  @Option(
    help: ArgumentHelp(
      "Columns to compute, comma-separated: \(BrokerMeasure.spelledList), or all (default: all but betweenness, "
        + "which is computed when it ranks). The ranking measure is always computed.",
      valueName: "list"),
    transform: BrokerMeasure.list)
  var measures: Set<BrokerMeasure>?

  @Option(
    name: .customLong("group-by"),
    help: "Groups for brokerage roles and for the --svg picture's colours: company, industry or community (Louvain).")
  var groupBy: BrokerGrouping = .company

  @Flag(help: "Betweenness along the strongest chains (cost −ln strength) instead of the fewest hops.")
  var weighted = false

  @Option(
    parsing: .unconditional,
    help: "Estimate betweenness from this many sampled people (with an error bound) instead of exactly.")
  var sample: Int?

  @Option(parsing: .unconditional, help: "Seed for --sample.", transform: seedArgument)
  var seed: UInt64 = 1

  func validate() throws {
    try OptionRange.atLeast(0, top, "--top", zeroMeans: "everyone")
    try OptionRange.atLeast(1, sample, "--sample")
  }

  func run() throws {
    let loaded = try input.loadForAnalysis(writing: [output.file, picture.file], threads: threading.threads)
    let g = loaded.graph
    let request = BrokersRequest(
      top: top, by: by, groupBy: groupBy, measures: measures, weighted: weighted, sample: sample, seed: seed,
      threads: threading.count)
    // On a terminal: a hint for big networks and a progress line with the time left.
    let progress =
      request.computed.contains(.betweenness)
      ? CountProgress.start(request.weighted ? "weighted betweenness" : "betweenness", unit: "sources") : nil
    if progress != nil && sample == nil && g.personCount > 50_000 {
      Terminal.note(
        "exact betweenness on \(TextFormat.count(g.personCount, "person", plural: "people")) takes a while; --sample 1000 gives an estimate with an error bound"
      )
    }
    let result = BrokersReport.make(g, request, progress: progress?.handler)
    progress?.finish()
    switch output.format {
    case .table: try output.emit(result.answer.table())
    case .json: try output.emit(try jsonText(result.answer))
    case .csv: try output.emit(result.answer.csv())
    }
    if let svg = picture.svg {
      var o = picture.viewOptions
      o.classifier = input.classifier
      try Drawing.write(
        BrokersReport.picture(g, result, groupBy: groupBy, top: min(max(top, 1), 20), options: o), to: svg)
    }
  }
}
