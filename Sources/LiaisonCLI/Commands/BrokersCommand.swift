import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

/// The JSON answer of `liaison brokers`.
struct BrokersAnswer: Codable, Equatable {
  struct Roles: Codable, Equatable {
    var coordinator: Int
    var itinerant: Int
    var representative: Int
    var gatekeeper: Int
    var liaison: Int
    var total: Int
  }
  struct Person: Codable, Equatable {
    var id: String
    var name: String
    var company: String
    var rank: Int
    /// Normalised as networkx `normalized=True`.
    var betweenness: Double
    /// Unordered pairs, networkx `normalized=False`.
    var betweennessRaw: Double
    var egoBetweenness: Double
    var constraint: Double?
    var effectiveSize: Double?
    var efficiency: Double?
    var hierarchy: Double?
    var contacts: Int
    /// Gould–Fernandez ordered counts as R sna; nil when no group is known.
    var brokerage: Roles?
  }
  struct BetweennessInfo: Codable, Equatable {
    var weighted: Bool
    var exact: Bool
    var sources: Int
    /// Sampled: every normalised value is within ± errorBound with probability `confidence`.
    var errorBound: Double?
    var confidence: Double?
    var method: String
  }
  var peopleInNetwork: Int
  var rankedBy: String
  var groupBy: String
  var groups: Int
  var betweennessMethod: BetweennessInfo
  var people: [Person]
}

/// What `--by` ranks on.
enum BrokerRanking: String, ExpressibleByArgument, CaseIterable, Sendable {
  case betweenness, constraint, effectiveSize, egoBetweenness, brokerage
}

/// What `--group-by` partitions people by for Gould–Fernandez roles.
enum BrokerGrouping: String, ExpressibleByArgument, CaseIterable, Sendable {
  case company, industry, community
}

enum BrokersReport {
  /// Group labels from a person attribute's key groups
  /// (`PersonTable.companyGroups`, `industryGroups`: "Apple Inc." and "Apple"
  /// are one company); people without a value are each their own group.
  /// Returns nil when nobody has a value.
  static func groups(_ g: Graph, by: BrokerGrouping) -> (labels: [Int32], count: Int)? {
    if by == .community {
      // Louvain communities with the defaults of `liaison communities` (resolution 1, seed 42).
      let p = g.louvainCommunities()
      return (p.labels, p.count)
    }
    let column = by == .industry ? g.people.industryGroups : g.people.companyGroups
    var labels = [Int32](repeating: 0, count: g.personCount)
    var next = Int32(column.count)
    var known = 0
    for p in 0..<PersonID(g.personCount) {
      if let group = column.group(of: p) {
        labels[Int(p)] = group
        known += 1
      } else {
        labels[Int(p)] = next
        next += 1
      }
    }
    return known == 0 ? nil : (labels, column.count)
  }

  static func make(
    _ g: Graph, top: Int, by: BrokerRanking, groupBy: BrokerGrouping, weighted: Bool, sample: Int?, seed: UInt64,
    threads: Int, betweenness: BetweennessScores? = nil
  ) -> BrokersAnswer {
    let n = g.personCount
    let b =
      betweenness
      ?? sample.map { g.approximateBetweenness(samples: $0, seed: seed, weighted: weighted, threads: threads) }
      ?? g.betweenness(weighted: weighted, threads: threads)
    let burt = g.burtMeasuresForAll(threads: threads)
    let ego = g.egoBetweennessForAll(threads: threads)
    let grouping = groups(g, by: groupBy)
    let roles = grouping.map { g.brokerageRoles(groups: $0.labels, threads: threads) }

    func brokerageTotal(_ p: Int) -> Int { roles?[p].total ?? 0 }
    // Score, higher first (constraint: lower first), then person id; missing values last.
    func key(_ p: Int) -> Double? {
      switch by {
      case .betweenness: return b.raw[p]
      case .constraint: return burt[p].constraint.map { -$0 }
      case .effectiveSize: return burt[p].effectiveSize
      case .egoBetweenness: return ego[p]
      case .brokerage: return Double(brokerageTotal(p))
      }
    }
    let keys = (0..<n).map(key)
    var order = Array(0..<n)
    order.sort { a, c in
      switch (keys[a], keys[c]) {
      case let (x?, y?): return x != y ? x > y : a < c
      case (_?, nil): return true
      case (nil, _?): return false
      case (nil, nil): return a < c
      }
    }
    let shown = top == 0 ? order : Array(order.prefix(top))
    let people = shown.enumerated().map { rank, p -> BrokersAnswer.Person in
      let pid = PersonID(p)
      let r = roles?[p]
      return BrokersAnswer.Person(
        id: g.people.id(of: pid), name: g.people.name(of: pid), company: g.people.company(of: pid), rank: rank + 1,
        betweenness: b.normalised[p], betweennessRaw: b.raw[p], egoBetweenness: ego[p],
        constraint: burt[p].constraint, effectiveSize: burt[p].effectiveSize, efficiency: burt[p].efficiency,
        hierarchy: burt[p].hierarchy, contacts: g.degree(of: pid),
        brokerage: r.map {
          .init(
            coordinator: $0.coordinator, itinerant: $0.itinerant, representative: $0.representative,
            gatekeeper: $0.gatekeeper, liaison: $0.liaison, total: $0.total)
        })
    }
    let method =
      b.isExact
      ? "Brandes, exact\(weighted ? ", cost -ln(strength) quantised to 1e-6" : ", unweighted")"
      : "Brandes-Pich pivot sampling of \(b.sources) sources, Hoeffding bound with a union bound over people"
    return BrokersAnswer(
      peopleInNetwork: n, rankedBy: by.rawValue, groupBy: groupBy.rawValue, groups: grouping?.count ?? 0,
      betweennessMethod: .init(
        weighted: weighted, exact: b.isExact, sources: b.sources, errorBound: b.errorBound, confidence: b.confidence,
        method: method),
      people: people)
  }
}

extension BrokersAnswer {
  func table() -> String {
    var out = "Brokers of \(grouped(peopleInNetwork)) people, ranked by \(rankedDescription)"
    if betweennessMethod.exact {
      out += "; betweenness is exact\(betweennessMethod.weighted ? " (through the strongest chains)" : "")"
    } else if let e = betweennessMethod.errorBound, let c = betweennessMethod.confidence {
      out +=
        "; betweenness estimated from \(grouped(betweennessMethod.sources)) people, each value within ±\(fixed(e, 3))"
        + " with \(fixed(100 * c, 0)) % probability"
    }
    out += ".\n"
    let withGroups = groups > 0
    var headers = ["#", "name", "company", "between", "ego", "constraint", "circles", "contacts"]
    if withGroups { headers += ["brokered", "across \(groupBy == "industry" ? "industries" : groupBy == "community" ? "communities" : "companies")"] }
    var t = TextTable(headers, rightAligned: Set([0] + Array(3..<headers.count)))
    for p in people {
      var row = [
        "\(p.rank)", String(p.name.prefix(28)), String(p.company.prefix(24)), fixed(p.betweenness, 3),
        fixed(p.egoBetweenness, 1), p.constraint.map { fixed($0, 3) } ?? "-",
        p.effectiveSize.map { fixed($0, 1) } ?? "-", grouped(p.contacts),
      ]
      if withGroups {
        let r = p.brokerage
        row += [r.map { grouped($0.total / 2) } ?? "-", r.map { grouped(($0.total - $0.coordinator) / 2) } ?? "-"]
      }
      t.add(row)
    }
    out += t.render()
    out += """

      between: share of shortest chains between other people that pass through this person (0 to 1).
      ego: the same, inside the person's own circle only. constraint: low means contacts who do not
      know each other (Burt); circles: effective size, the number of non-redundant contacts.
      """
    if withGroups {
      out += """

        brokered: pairs of this person's contacts who are not tied to each other; across: of those, pairs
        that are not both in the broker's own \(groupBy) (Gould–Fernandez; JSON has each role).
        """
    }
    return out + "\n"
  }

  var rankedDescription: String {
    switch rankedBy {
    case "constraint": return "lowest constraint"
    case "effectiveSize": return "effective size"
    case "egoBetweenness": return "ego betweenness"
    case "brokerage": return "brokered pairs"
    default: return "betweenness"
    }
  }

  func csv() -> String {
    var rows = [
      "rank,id,name,company,betweenness,betweennessRaw,egoBetweenness,constraint,effectiveSize,efficiency,hierarchy,"
        + "contacts,coordinator,itinerant,representative,gatekeeper,liaison,total\n"
    ]
    func opt(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
    for p in people {
      let r = p.brokerage
      let roles = r.map { [$0.coordinator, $0.itinerant, $0.representative, $0.gatekeeper, $0.liaison, $0.total].map(String.init) }
        ?? Array(repeating: "", count: 6)
      rows.append(
        CSVEscaping.row(
          ["\(p.rank)", p.id, p.name, p.company, "\(p.betweenness)", "\(p.betweennessRaw)", "\(p.egoBetweenness)",
           opt(p.constraint), opt(p.effectiveSize), opt(p.efficiency), opt(p.hierarchy), "\(p.contacts)"] + roles))
    }
    return rows.joined()
  }
}

struct BrokersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "brokers",
    abstract: "Who holds the network together: betweenness, structural holes and brokerage roles.",
    discussion: """
      For every person: betweenness (Brandes; the share of shortest chains between others that
      pass through them, normalised as networkx), ego betweenness (the same inside their own
      circle), Burt's constraint, effective size, efficiency and hierarchy (whole network,
      strength as the weight), and Gould–Fernandez brokerage roles (coordinator, itinerant,
      representative, gatekeeper, liaison; counted as R sna does) with people grouped by
      company, industry or community. --by chooses the ranking (constraint ranks lowest first).

      Exact betweenness costs one shortest-path search per person; on large networks use
      --sample N for an estimate from N people with a stated error bound.

      Examples:
        liaison brokers datasets/network/people.csv datasets/network/ties.csv
        liaison brokers people.csv ties.csv --by constraint --top 20
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

  @Option(help: "Ranking: \(BrokerRanking.allCases.map(\.rawValue).joined(separator: ", ")).")
  var by: BrokerRanking = .betweenness

  @Option(name: .customLong("group-by"), help: "Groups for brokerage roles: company, industry or community (Louvain).")
  var groupBy: BrokerGrouping = .company

  @Flag(help: "Betweenness along the strongest chains (cost −ln strength) instead of the fewest hops.")
  var weighted = false

  @Option(parsing: .unconditional, help: "Estimate betweenness from this many sampled people (with an error bound) instead of exactly.")
  var sample: Int?

  @Option(parsing: .unconditional, help: "Seed for --sample.", transform: seedArgument)
  var seed: UInt64 = 1

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 (everyone) or more.") }
    if let sample, sample < 1 { throw ValidationError("--sample must be at least 1.") }
  }

  func run() throws {
    let loaded = try input.load(writing: [output.output, picture.svg])
    let g = loaded.graph
    let threads = threading.threads ?? Parallel.defaultThreads
    if sample == nil && g.personCount > 50_000 {
      Terminal.note(
        "exact betweenness on \(grouped(g.personCount)) people takes a while; --sample 1000 gives an estimate with an error bound")
    }
    let b =
      sample.map { g.approximateBetweenness(samples: $0, seed: seed, weighted: weighted, threads: threads) }
      ?? g.betweenness(weighted: weighted, threads: threads)
    let answer = BrokersReport.make(
      g, top: top, by: by, groupBy: groupBy, weighted: weighted, sample: sample, seed: seed, threads: threads,
      betweenness: b)
    switch output.format {
    case .table: try output.emit(answer.table())
    case .json: try output.emit(try jsonText(answer))
    case .csv: try output.emit(answer.csv())
    }
    if let svg = picture.svg {
      var o = picture.viewOptions
      o.classifier = input.classifier
      try Drawing.write(.brokers(g, betweenness: b.normalised, top: min(max(top, 1), 20), options: o), to: svg)
    }
  }
}
