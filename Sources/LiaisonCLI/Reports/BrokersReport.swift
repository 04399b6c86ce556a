import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

/// The JSON answer of `liaison brokers`. A measure that was not computed
/// (`--measures`; betweenness unless it ranks) is written as `null`.
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
    var betweenness: Double?
    /// Unordered pairs, networkx `normalized=False`.
    var betweennessRaw: Double?
    /// Pairs of the person's contacts each counted by the share of their
    /// shortest chains inside the ego network that pass through the person
    /// (Everett & Borgatti 2005), raw.
    var egoBetweenness: Double?
    /// `egoBetweenness` over the pairs of the person's contacts, d(d − 1)/2:
    /// 0 to 1 (nil with fewer than two contacts).
    var egoBetweennessNormalized: Double?
    var constraint: Double?
    var effectiveSize: Double?
    var efficiency: Double?
    var hierarchy: Double?
    var contacts: Int
    /// Gould–Fernandez ordered counts as R sna; nil when no group is known.
    var brokerage: Roles?
    /// The measures left out of this run: `null` in JSON, blank in the table
    /// and CSV (a measure without a value, such as an isolated person's
    /// constraint, is left out of the JSON and `-` in the table). Not itself written.
    var notComputed: Set<BrokerMeasure> = []

    enum CodingKeys: String, CodingKey {
      case id, name, company, rank, betweenness, betweennessRaw, egoBetweenness, egoBetweennessNormalized, constraint
      case effectiveSize, efficiency
      case hierarchy, contacts, brokerage
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(name, forKey: .name)
      try c.encode(company, forKey: .company)
      try c.encode(rank, forKey: .rank)
      try c.encode(contacts, forKey: .contacts)
      func put<T: Encodable>(_ value: T?, _ key: CodingKeys, _ measure: BrokerMeasure) throws {
        if notComputed.contains(measure) {
          try c.encodeNil(forKey: key)
        } else {
          try c.encodeIfPresent(value, forKey: key)
        }
      }
      try put(betweenness, .betweenness, .betweenness)
      try put(betweennessRaw, .betweennessRaw, .betweenness)
      try put(egoBetweenness, .egoBetweenness, .egoBetweenness)
      try put(egoBetweennessNormalized, .egoBetweennessNormalized, .egoBetweenness)
      try put(constraint, .constraint, .constraint)
      try put(effectiveSize, .effectiveSize, .effectiveSize)
      try put(efficiency, .efficiency, .efficiency)
      try put(hierarchy, .hierarchy, .hierarchy)
      try put(brokerage, .brokerage, .brokerage)
    }
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
  /// `null` when betweenness was not computed.
  @NullWhenAbsent var betweennessMethod: BetweennessInfo?
  var people: [Person]
}

/// An optional written as `null` when it has no value (synthesized `Codable`
/// leaves such a key out).
@propertyWrapper struct NullWhenAbsent<Value: Codable & Equatable>: Codable, Equatable {
  var wrappedValue: Value?

  init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    wrappedValue = c.decodeNil() ? nil : try c.decode(Value.self)
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
  }
}

/// A column `liaison brokers` can compute (`--measures`).
enum BrokerMeasure: String, EnumArgument, Sendable {
  case betweenness, egoBetweenness, constraint, effectiveSize, efficiency, hierarchy, brokerage

  /// Burt's four measures come from one computation.
  var isStructuralHole: Bool { [.constraint, .effectiveSize, .efficiency, .hierarchy].contains(self) }

  /// `--measures a,b,c` (either spelling; `all` for every measure).
  @Sendable static func list(_ text: String) throws -> Set<BrokerMeasure> {
    var out = Set<BrokerMeasure>()
    for word in text.split(separator: ",").map({ Identity.trim(String($0)) }) where !word.isEmpty {
      if word.lowercased() == "all" {
        out.formUnion(allCases)
      } else if let m = BrokerMeasure(argument: word) {
        out.insert(m)
      } else {
        throw ValidationError("Unknown measure '\(word)' in --measures; use \(spelledList) (or all).")
      }
    }
    if out.isEmpty { throw ValidationError("--measures needs at least one of \(spelledList).") }
    return out
  }
}

/// What `--by` ranks on.
enum BrokerRanking: String, EnumArgument, Sendable {
  case betweenness, constraint, effectiveSize, egoBetweenness, brokerage

  var measure: BrokerMeasure {
    switch self {
    case .betweenness: .betweenness
    case .constraint: .constraint
    case .effectiveSize: .effectiveSize
    case .egoBetweenness: .egoBetweenness
    case .brokerage: .brokerage
    }
  }
}

/// What `--group-by` partitions people by for Gould–Fernandez roles.
enum BrokerGrouping: String, EnumArgument, Sendable {
  case company, industry, community
}

/// What one `brokers` answer asks for.
struct BrokersRequest {
  var top = 20
  var by: BrokerRanking = .betweenness
  var groupBy: BrokerGrouping = .company
  /// `nil`: every measure but betweenness, which is computed only when it ranks.
  var measures: Set<BrokerMeasure>?
  var weighted = false
  var sample: Int?
  var seed: UInt64 = 1
  var threads = 1

  /// The measures computed: those asked for (by default all but betweenness) and the ranking's.
  var computed: Set<BrokerMeasure> {
    (measures ?? Set(BrokerMeasure.allCases).subtracting([.betweenness])).union([by.measure])
  }
}

enum BrokersReport {
  /// One run's answer and what its picture is drawn from: the same ranking
  /// values and the same groups as the table.
  struct Result {
    var answer: BrokersAnswer
    /// The ranking measure of everyone, as the picture sizes and ranks people.
    var ranking: PersonMeasure
    /// The groups of the brokerage roles (nil when nobody has a value or
    /// brokerage was not computed).
    var groups: Grouping?
  }

  /// People grouped for the roles: a label per person; `partition` for communities.
  struct Grouping {
    var labels: [Int32]
    var count: Int
    var partition: CommunityPartition?
  }

  /// Group labels from a person attribute's key groups
  /// (`PersonTable.companyGroups`, `industryGroups`: "Apple Inc." and "Apple"
  /// are one company); people without a value are each their own group.
  /// Returns nil when nobody has a value.
  static func groups(_ g: Graph, by: BrokerGrouping) -> Grouping? {
    if by == .community {
      // Louvain communities with the defaults of `liaison communities` (resolution 1, seed 42).
      let p = g.louvainCommunities()
      return Grouping(labels: p.labels, count: p.count, partition: p)
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
    return known == 0 ? nil : Grouping(labels: labels, count: column.count, partition: nil)
  }

  /// Computes what `request` asks: the ranking measure for everyone, the other
  /// measures only for the people listed, betweenness only when it ranks or
  /// is asked for (Guides/Brokerage.md, "What is computed").
  /// `progress` is handed to the betweenness computation (sources done, in all).
  static func make(
    _ g: Graph, _ request: BrokersRequest, progress: (@Sendable (Int, Int) -> Void)? = nil
  ) -> Result {
    let n = g.personCount
    let threads = request.threads
    let wanted = request.computed
    let by = request.by
    let b: BetweennessScores? =
      wanted.contains(.betweenness)
      ? request.sample.map {
        g.approximateBetweenness(
          samples: $0, seed: request.seed, weighted: request.weighted, threads: threads, progress: progress)
      } ?? g.betweenness(weighted: request.weighted, threads: threads, progress: progress)
      : nil
    let grouping = wanted.contains(.brokerage) ? groups(g, by: request.groupBy) : nil
    // The ranking measure, for everyone.
    var burtAll: [BurtMeasures]?
    var egoAll: [Double]?
    var rolesAll: [BrokerageRoles]?
    let values: [Double?]
    switch by {
    case .betweenness: values = b!.raw
    case .constraint, .effectiveSize:
      let burt = g.burtMeasuresForAll(threads: threads)
      burtAll = burt
      values = burt.map { by == .constraint ? $0.constraint : $0.effectiveSize }
    case .egoBetweenness:
      let ego = g.egoBetweennessForAll(threads: threads)
      egoAll = ego
      values = ego
    case .brokerage:
      let roles = grouping.map { g.brokerageRoles(groups: $0.labels, threads: threads) }
      rolesAll = roles
      values = (0..<n).map { Double(roles?[$0].total ?? 0) }
    }
    // Score, higher first (constraint: lower first), then person id; missing values last.
    let sign = by == .constraint ? -1.0 : 1.0
    var order = (0..<PersonID(n)).map { $0 }
    order.sort { a, c in
      switch (values[Int(a)], values[Int(c)]) {
      case (let x?, let y?): return sign * x != sign * y ? sign * x > sign * y : a < c
      case (_?, nil): return true
      case (nil, _?): return false
      case (nil, nil): return a < c
      }
    }
    // Brokers only: someone with betweenness 0 who stands between no two of
    // their contacts (no open pair, so no brokerage role) is left out, here
    // and in the picture drawn from this list.
    func isBroker(_ p: PersonID) -> Bool { (b.map { $0.raw[Int(p)] > 0 } ?? false) || g.brokersAPair(p) }
    var shown: [PersonID] = []
    // Non-brokers ranked before a listed broker (those after the last one do not matter).
    var passedOver: [PersonID] = []
    var pending: [PersonID] = []
    for p in order {
      if request.top > 0 && shown.count == request.top { break }
      if isBroker(p) {
        shown.append(p)
        passedOver += pending
        pending.removeAll()
      } else {
        pending.append(p)
      }
    }
    // The other measures, for the people listed only.
    let burt =
      burtAll.map { all in shown.map { all[Int($0)] } }
      ?? (wanted.contains(where: \.isStructuralHole) ? g.burtMeasures(of: shown, threads: threads) : nil)
    let ego =
      egoAll.map { all in shown.map { all[Int($0)] } }
      ?? (wanted.contains(.egoBetweenness) ? g.egoBetweenness(of: shown, threads: threads) : nil)
    let roles =
      rolesAll.map { all in shown.map { all[Int($0)] } }
      ?? grouping.map { g.brokerageRoles(of: shown, groups: $0.labels, threads: threads) }
    let notComputed = Set(BrokerMeasure.allCases).subtracting(wanted)
    let people = shown.enumerated().map { rank, pid -> BrokersAnswer.Person in
      let p = Int(pid)
      let r = roles?[rank]
      func burtValue(_ m: BrokerMeasure, _ value: (BurtMeasures) -> Double?) -> Double? {
        wanted.contains(m) ? burt.flatMap { value($0[rank]) } : nil
      }
      let d = g.degree(of: pid)
      let egoPairs = Double(d) * Double(d - 1) / 2
      return BrokersAnswer.Person(
        id: g.people.id(of: pid), name: g.people.name(of: pid), company: g.people.company(of: pid), rank: rank + 1,
        betweenness: b?.normalised[p], betweennessRaw: b?.raw[p], egoBetweenness: ego?[rank],
        egoBetweennessNormalized: ego.flatMap { egoPairs > 0 ? $0[rank] / egoPairs : nil },
        constraint: burtValue(.constraint, \.constraint), effectiveSize: burtValue(.effectiveSize, \.effectiveSize),
        efficiency: burtValue(.efficiency, \.efficiency), hierarchy: burtValue(.hierarchy, \.hierarchy),
        contacts: g.degree(of: pid),
        brokerage: r.map {
          .init(
            coordinator: $0.coordinator, itinerant: $0.itinerant, representative: $0.representative,
            gatekeeper: $0.gatekeeper, liaison: $0.liaison, total: $0.total)
        },
        notComputed: notComputed)
    }
    let info = b.map { b in
      BrokersAnswer.BetweennessInfo(
        weighted: request.weighted, exact: b.isExact, sources: b.sources, errorBound: b.errorBound,
        confidence: b.confidence,
        method: b.isExact
          ? "Brandes, exact\(request.weighted ? ", cost -ln(strength) quantised to 1e-6" : ", unweighted")"
          : "Brandes-Pich pivot sampling of \(TextFormat.count(b.sources, "source")), bound: the smaller of Hoeffding-Serfling"
            + " and empirical Bernstein-Serfling per person, union over people"
      )
    }
    let answer = BrokersAnswer(
      peopleInNetwork: n, rankedBy: by.rawValue, groupBy: request.groupBy.rawValue, groups: grouping?.count ?? 0,
      betweennessMethod: info, people: people)
    // The picture ranks by the same values; people passed over have none there,
    // so its first brokers are the people listed.
    var ranking = rankingMeasure(by, values: values, betweenness: b)
    for p in passedOver { ranking.values[Int(p)] = nil }
    return Result(answer: answer, ranking: ranking, groups: grouping)
  }

  /// The ranking as the picture shows it: normalised betweenness, constraint
  /// lowest first, brokered pairs (unordered) as the table counts them.
  static func rankingMeasure(
    _ by: BrokerRanking, values: [Double?], betweenness b: BetweennessScores?
  ) -> PersonMeasure {
    switch by {
    case .betweenness: .betweenness(b!.normalised)
    case .constraint:
      PersonMeasure(
        name: "constraint", ranking: "lowest constraint", values: values, lowerRanksFirst: true, decimals: 3)
    case .effectiveSize: PersonMeasure(name: "effective size", values: values, decimals: 1)
    case .egoBetweenness: PersonMeasure(name: "ego betweenness", values: values, decimals: 1)
    case .brokerage: PersonMeasure(name: "brokered pairs", values: values.map { $0.map { $0 / 2 } }, decimals: 0)
    }
  }

  /// The brokers picture of one run: people sized and ranked as the table
  /// ranks them, coloured by the table's groups (`--group-by`; computed here
  /// when the table did not need them; Louvain communities when nobody has
  /// a company or industry).
  static func picture(
    _ g: Graph, _ result: Result, groupBy: BrokerGrouping, top: Int, options: ViewOptions
  ) -> RenderModel {
    let grouping = result.groups ?? groups(g, by: groupBy)
    let pictureGroups: PersonGroups
    if let grouping, grouping.partition == nil {
      pictureGroups = PersonGroups(
        labels: grouping.labels,
        name: { groupBy == .industry ? g.people.industry(of: $0) : g.people.company(of: $0) },
        singular: groupBy == .industry ? "industry" : "company",
        plural: groupBy == .industry ? "industries" : "companies")
    } else {
      pictureGroups = PersonGroups(
        communities: grouping?.partition ?? g.louvainCommunities(), method: "Louvain", seed: 42)
    }
    return .brokers(
      g, groups: pictureGroups, ranking: result.ranking, top: min(top, result.answer.people.count), options: options)
  }
}

extension BrokersAnswer {
  func table() -> String {
    var out =
      "Brokers of \(TextFormat.count(peopleInNetwork, "person", plural: "people")), ranked by \(rankedDescription)"
    if let method = betweennessMethod {
      if method.exact {
        out += "; betweenness is exact\(method.weighted ? " (through the strongest chains)" : "")"
      } else if let e = method.errorBound, let c = method.confidence {
        out +=
          "; betweenness estimated from \(TextFormat.count(method.sources, "person", plural: "people")), each value within ±\(fixed(e, 3))"
          + " with \(fixed(100 * c, 0)) % confidence"
      }
    } else {
      out += "; betweenness not computed (list it in --measures to have it)"
    }
    out = TextTable.refill(out + ".\n")
    let withGroups = groups > 0
    var headers = [
      "#", "name", "company", "betweenness", "ego betweenness", "constraint", "effective size", "contacts",
    ]
    if withGroups {
      headers += [
        "brokered",
        "across \(groupBy == "industry" ? "industries" : groupBy == "community" ? "communities" : "companies")",
      ]
    }
    var t = TextTable(headers, rightAligned: Set([0] + Array(3..<headers.count)))
    t.compactHeaders =
      ["#", "name", "company", "betw.", "ego betw.", "constr.", "eff. size", "contacts"]
      + (withGroups ? ["brokered", "across"] : [])
    for p in people {
      // Blank: not computed in this run; "-": no value (an isolated person).
      func cell(_ m: BrokerMeasure, _ value: Double?, _ digits: Int) -> String {
        p.notComputed.contains(m) ? "" : value.map { fixed($0, digits) } ?? "-"
      }
      var row = [
        "\(p.rank)", String(p.name.prefix(28)), String(p.company.prefix(24)), cell(.betweenness, p.betweenness, 3),
        cell(.egoBetweenness, p.egoBetweennessNormalized, 3), cell(.constraint, p.constraint, 3),
        cell(.effectiveSize, p.effectiveSize, 1), grouped(p.contacts),
      ]
      if withGroups {
        let r = p.brokerage
        row += [r.map { grouped($0.total / 2) } ?? "-", r.map { grouped(($0.total - $0.coordinator) / 2) } ?? "-"]
      }
      t.add(row)
    }
    let table = t.render()
    out += table
    if people.isEmpty { out += "Nobody stands between two people who are not tied to each other.\n" }
    if table.contains("betw.") {
      out += TextTable.refill(
        "\n(betw. betweenness, constr. constraint, eff. size effective size; --wide for whole names)\n")
    }
    out += TextTable.refill(
      """

      betweenness: share of the shortest chains between two other people that pass through this person
      (0 to 1). ego betweenness: the same inside the person's own contacts, over the pairs of contacts
      d(d-1)/2 (0 to 1; Everett & Borgatti). constraint: low means contacts who do not know each other
      (Burt). effective size: contacts less their redundancy, in contacts (Burt). Only people who stand
      between someone are listed.
      """)
    if withGroups {
      out += TextTable.refill(
        """

        brokered: pairs of this person's contacts who are not tied to each other; across: of those, pairs
        that are not both in the broker's own \(groupBy) (Gould–Fernandez; JSON has each role).
        """)
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
      "rank,id,name,company,betweenness,betweennessRaw,egoBetweenness,egoBetweennessNormalized,constraint,"
        + "effectiveSize,efficiency,hierarchy,contacts,coordinator,itinerant,representative,gatekeeper,liaison,total\n"
    ]
    func opt(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
    for p in people {
      let r = p.brokerage
      let roles =
        r.map {
          [$0.coordinator, $0.itinerant, $0.representative, $0.gatekeeper, $0.liaison, $0.total].map(String.init)
        }
        ?? Array(repeating: "", count: 6)
      rows.append(
        CSVEscaping.row(
          [
            "\(p.rank)", p.id, p.name, p.company, opt(p.betweenness), opt(p.betweennessRaw), opt(p.egoBetweenness),
            opt(p.egoBetweennessNormalized), opt(p.constraint), opt(p.effectiveSize), opt(p.efficiency),
            opt(p.hierarchy), "\(p.contacts)",
          ] + roles))
    }
    return rows.joined()
  }
}
