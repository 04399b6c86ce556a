import GraphAlgorithms
import GraphCore
import GraphIO

/// The parts of an explorer page that do not depend on the ego: the
/// communities, every tie's row and the brokers ranked. `batch` makes them
/// once and shares them between its members' pages.
struct ExplorerNetwork {
  var partition: CommunityPartition
  /// "Community N (commonest company)" and size, per community.
  var communities: [ExplorerData.Community]
  /// Every tie in tie-id order; `a`, `b` are person ids and `how`, `source`
  /// index `how` and `sources` (−1: none).
  var ties: [ExplorerData.Tie]
  var how: [String]
  var sources: [String]
  /// Everyone with a constraint value, lowest constraint first (then id).
  var brokers: [(person: PersonID, row: ExplorerData.Broker)]
  /// Every half-edge's quantised cost (`PathSearch.halfEdgeCosts`) when many
  /// pages share them; empty: each page keys the ties it reads.
  var costs: [UInt32] = []

  /// - Complexity: Leiden on the whole network, O(V + E) for the rows and
  ///   Burt's measures, O(Σ d²).
  init(_ g: Graph, classifier: TieClassifier, threads: Int) {
    let n = g.personCount
    func round(_ v: Double, _ places: Double) -> Double { (v * places).rounded() / places }
    partition = g.leidenCommunities(resolution: 1, seed: 42, threads: threads)

    // Communities, labelled by their commonest company.
    communities = (0..<partition.count).map { ExplorerData.Community(label: "Community \($0)", size: 0) }
    var companyCount: [Int: [String: Int]] = [:]
    for p in 0..<n {
      let c = Int(partition.labels[p])
      guard c >= 0 && c < communities.count else { continue }
      communities[c].size += 1
      let company = g.people.company(of: PersonID(p))
      if !company.isEmpty { companyCount[c, default: [:]][company, default: 0] += 1 }
    }
    for (c, counts) in companyCount {
      if let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), top.value > 1 {
        communities[c].label += " (\(top.key))"
      }
    }

    // Ties, with their evidence strings in two tables.
    var how: [String] = []
    var howIndex: [String: Int] = [:]
    var sources: [String] = []
    var sourceIndex: [String: Int] = [:]
    func intern(_ s: String?, _ list: inout [String], _ index: inout [String: Int]) -> Int {
      guard let s, !s.isEmpty else { return -1 }
      if let i = index[s] { return i }
      list.append(s)
      index[s] = list.count - 1
      return list.count - 1
    }
    // Negative (signed) ties as the export writes them: a negative strength.
    func signed(_ t: Int, _ a: PersonID, _ b: PersonID) -> Double {
      let s = Double(g.strength(between: a, and: b) ?? 0)
      return g.ties.isNegative(t) ? -s : s
    }
    var ties: [ExplorerData.Tie] = []
    ties.reserveCapacity(g.tieCount)
    for t in 0..<g.tieCount {
      let (a, b) = g.endpoints(ofTie: t)
      ties.append(
        ExplorerData.Tie(
          interactions: g.ties.interactions(t) ?? -1, a: a, b: b,
          how: Int32(intern(g.ties.kind(t), &how, &howIndex)),
          source: Int32(intern(g.ties.source(t), &sources, &sourceIndex)), last: g.ties.lastContact(t),
          tieClass: g.tieClass(t, classifier: classifier), inferred: g.ties.isInferred(t),
          strength: g.ties.isRated(t) ? round(signed(t, a, b), 1e4) : nil))
    }
    self.ties = ties
    self.how = how
    self.sources = sources

    // Brokers: Burt's measures for everyone, ranked by lowest constraint among people with 2+ contacts.
    let result = BrokersReport.make(
      g, BrokersRequest(top: n, by: .constraint, measures: [.constraint, .effectiveSize], threads: threads))
    var brokers: [(person: PersonID, row: ExplorerData.Broker)] = []
    for row in result.answer.people {
      guard let p = g.people.person(stableKey: "id:" + row.id) else { continue }
      brokers.append(
        (
          p,
          ExplorerData.Broker(
            person: Int(p), betweenness: row.betweenness.map { round($0, 1e4) },
            constraint: row.constraint.map { round($0, 1e4) }, effectiveSize: row.effectiveSize.map { round($0, 100) })
        ))
    }
    self.brokers = brokers
  }
}
