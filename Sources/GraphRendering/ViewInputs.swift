import GraphAlgorithms
import GraphCore

/// How a network picture groups people: the colours, the summary boxes and
/// the legend. Views never compute groups themselves; the caller passes the
/// partition its own tables use, so a picture and a table of one run agree
/// (Guides/Rendering.md, "Groups and measures come from the caller").
public struct PersonGroups: Sendable, Equatable {
  /// Where the groups come from.
  public enum Source: Sendable, Equatable {
    /// A community partition (Leiden or Louvain) with its parameters, for the caption.
    case communities(method: String, modularity: Double, resolution: Double, seed: UInt64)
    /// People with the same value of an attribute (company, industry).
    case attribute(singular: String, plural: String)
  }

  public var source: Source
  /// Group of each person, 0 ..< `count` (largest first for attribute
  /// groups; a partition's own numbering for communities), or −1 for a
  /// person in no group (no value of the attribute).
  public var labels: [Int32]
  public var count: Int
  /// Attribute groups: each group's name as written by its first member
  /// (single line). Empty for communities ("Community 3").
  public var names: [String]

  /// A community partition as it is (its labels already number communities by size).
  public init(communities p: CommunityPartition, method: String, seed: UInt64) {
    source = .communities(method: method, modularity: p.modularity, resolution: p.resolution, seed: seed)
    labels = p.labels
    count = p.count
    names = []
  }

  /// Groups given by any labelling of people (e.g. the groups of the
  /// brokerage roles), renumbered by size, largest first (ties: the group of
  /// the lowest person id first). A person whose `name` is empty is in no group.
  /// - Complexity: O(V + G log G), G groups.
  public init(
    labels given: [Int32], name: (PersonID) -> String, singular: String, plural: String
  ) {
    source = .attribute(singular: singular, plural: plural)
    var index: [Int32: Int] = [:]
    var sizes: [Int] = []
    var first: [PersonID] = []
    var local = [Int](repeating: -1, count: given.count)
    for p in given.indices {
      let text = DOTText.singleLine(name(PersonID(p)))
      if text.isEmpty { continue }
      if let i = index[given[p]] {
        sizes[i] += 1
        local[p] = i
      } else {
        index[given[p]] = sizes.count
        local[p] = sizes.count
        sizes.append(1)
        first.append(PersonID(p))
      }
    }
    let order = sizes.indices.sorted { (sizes[$0], -$0) > (sizes[$1], -$1) }
    var rank = [Int32](repeating: 0, count: sizes.count)
    for (r, i) in order.enumerated() { rank[i] = Int32(r) }
    labels = local.map { $0 < 0 ? -1 : rank[$0] }
    count = sizes.count
    names = order.map { DOTText.singleLine(name(first[$0])) }
  }

  var isCommunities: Bool {
    if case .communities = source { return true }
    return false
  }

  /// "community" / "communities", or the attribute's words.
  var singular: String {
    if case .attribute(let s, _) = source { return s }
    return "community"
  }

  var plural: String {
    if case .attribute(_, let p) = source { return p }
    return "communities"
  }
}

/// What sizes and ranks people in a network picture: degree, betweenness,
/// or the brokers table's ranking measure, computed by the caller.
public struct PersonMeasure: Sendable, Equatable {
  /// The measure's name in tooltips, the title and the caption ("betweenness").
  public var name: String
  /// How the legend says people are ranked ("betweenness", "lowest constraint").
  public var ranking: String
  /// One value per person id; `nil` where the measure has no value (an isolated person's constraint).
  public var values: [Double?]
  /// Whether a lower value ranks first (Burt's constraint).
  public var lowerRanksFirst: Bool
  /// Decimals in tooltips; `nil`: not written in tooltips (contacts are there already).
  public var decimals: Int?

  public init(
    name: String, ranking: String? = nil, values: [Double?], lowerRanksFirst: Bool = false, decimals: Int? = 4
  ) {
    self.name = name
    self.ranking = ranking ?? name
    self.values = values
    self.lowerRanksFirst = lowerRanksFirst
    self.decimals = decimals
  }

  /// Contacts (degree).
  public static func contacts(_ g: Graph) -> PersonMeasure {
    PersonMeasure(
      name: "contacts", values: (0..<g.personCount).map { Double(g.degree(of: PersonID($0))) }, decimals: nil)
  }

  /// Normalised betweenness (as `BetweennessScores.normalised`).
  public static func betweenness(_ normalised: [Double]) -> PersonMeasure {
    PersonMeasure(name: "betweenness", values: normalised)
  }

  /// People from first to last: by value (`lowerRanksFirst` turns it round),
  /// then by person id; people without a value last.
  /// - Complexity: O(V log V).
  func order() -> [PersonID] {
    let sign = lowerRanksFirst ? -1.0 : 1.0
    return values.indices.sorted { a, b in
      switch (values[a], values[b]) {
      case (let x?, let y?): return sign * x != sign * y ? sign * x > sign * y : a < b
      case (_?, nil): return true
      case (nil, _?): return false
      case (nil, nil): return a < b
      }
    }.map { PersonID($0) }
  }

  /// Each person's size in [0, 1]: value / largest (or smallest / value when
  /// lower ranks first); 0 without a value.
  func relative() -> [Double] {
    let present = values.compactMap { $0 }
    if lowerRanksFirst {
      let least = present.min() ?? 0
      return values.map { v in v.map { $0 > 0 ? least / $0 : 1 } ?? 0 }
    }
    let most = max(present.max() ?? 1, 1e-12)
    return values.map { ($0 ?? 0) / most }
  }
}
