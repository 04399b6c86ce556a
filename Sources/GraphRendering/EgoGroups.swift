import GraphAlgorithms
import GraphCore

/// How an ego view groups the contacts it does not name, one box per group
/// with its count (`RenderModel.ego`): by company when at least half the
/// contacts have one; else by community among the contacts (Leiden on the
/// ties between them, numbered from 0 by size as `liaison communities`
/// numbers, contacts with no tie to another contact in one group); else, when
/// the contacts are not tied to each other, by the class of their tie to the ego.
struct EgoGroups {
  /// Most boxes an ego view draws (the largest groups; the others share one).
  static let boxLimit = 12
  /// The group key of the shared box of the smaller groups.
  static let other = -2

  /// What the contacts are grouped by, for the caption ("company").
  var kind: String
  /// "Other companies": the shared box's name.
  var otherName: String
  var labels: [PersonID: Int]
  var names: [Int: String]

  static let none = EgoGroups(kind: "", otherName: "", labels: [:], names: [:])

  init(kind: String, otherName: String, labels: [PersonID: Int], names: [Int: String]) {
    self.kind = kind
    self.otherName = otherName
    self.labels = labels
    self.names = names
  }

  /// Number of distinct groups.
  var count: Int { Set(labels.values).count }

  func group(_ p: PersonID) -> Int { labels[p] ?? -1 }

  func name(_ k: Int) -> String { k == Self.other ? otherName : names[k] ?? "?" }

  /// The grouping of `contacts` (the ego's neighbours); `companyKey` as
  /// `RenderModel.companyIndex` gives it.
  /// - Complexity: O(d + Σ degree of the contacts), plus Leiden on the ties among them.
  init(
    _ g: Graph, contacts: [PersonID], companyKey: [PersonID: Int], classifier: TieClassifier, ego: PersonID
  ) {
    let withCompany = contacts.count { companyKey[$0]! >= 0 }
    if withCompany * 2 >= contacts.count {
      var names = RenderModel.companyNames(g, contacts, companyKey)
      names[-1] = "No company given"
      self.init(kind: "company", otherName: "Other companies", labels: companyKey, names: names)
      return
    }
    // Ties among the contacts, as a small graph of its own.
    let sorted = contacts.sorted()
    var local: [PersonID: PersonID] = [:]
    for (i, p) in sorted.enumerated() { local[p] = PersonID(i) }
    var b = GraphBuilder()
    for i in sorted.indices { _ = b.person(key: String(i)) }
    var inner = 0
    for u in sorted {
      for v in g.neighbors(of: u) where v > u {
        if let lv = local[v] {
          try? b.addTie(local[u]!, lv, strength: 1)
          inner += 1
        }
      }
    }
    if inner > 0, let (sub, _) = try? b.build() {
      let partition = sub.leidenCommunities()
      var size: [Int32: Int] = [:]
      for c in partition.labels { size[c, default: 0] += 1 }
      var labels: [PersonID: Int] = [:]
      var names: [Int: String] = [-1: "No tie to other contacts"]
      for (i, p) in sorted.enumerated() {
        let c = partition.labels[i]
        if size[c]! < 2 || sub.degree(of: PersonID(i)) == 0 {
          labels[p] = -1
        } else {
          labels[p] = Int(c)
          names[Int(c)] = "Community \(c) of the contacts"
        }
      }
      self.init(kind: "community among the contacts", otherName: "Other communities", labels: labels, names: names)
      return
    }
    var labels: [PersonID: Int] = [:]
    var names: [Int: String] = [:]
    for p in contacts {
      let c = g.tieID(between: ego, and: p).map { g.tieClass($0, classifier: classifier) } ?? .unrated
      labels[p] = c.index
      names[c.index] = "\(c.rawValue.prefix(1).uppercased())\(c.rawValue.dropFirst()) ties"
    }
    self.init(kind: "tie class", otherName: "Other ties", labels: labels, names: names)
  }
}
