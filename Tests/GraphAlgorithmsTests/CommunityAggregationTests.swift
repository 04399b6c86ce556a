import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphAlgorithms

/// Louvain's aggregation (one node per community): the same level graph for
/// any thread count, and the sums of a dictionary oracle.
@Suite struct CommunityAggregationTests {
  /// A seeded random level graph: both half-edges of each tie, weights and
  /// self-loops with many binary digits (so a changed order of additions shows).
  static func levelGraph(seed: UInt64, nodes: Int, ties: Int) -> CommunityLevelGraph {
    var rng = SplitMix64(seed: seed)
    var rows = [[(Int32, Double)]](repeating: [], count: nodes)
    for _ in 0..<ties {
      let a = Int(rng.next() % UInt64(nodes))
      let b = Int(rng.next() % UInt64(nodes))
      if a == b { continue }
      let w = Double(1 + rng.next() % 1000) / 997
      rows[a].append((Int32(b), w))
      rows[b].append((Int32(a), w))
    }
    var offsets = [0]
    var targets: [Int32] = []
    var weights: [Double] = []
    for row in rows {
      for (t, w) in row {
        targets.append(t)
        weights.append(w)
      }
      offsets.append(targets.count)
    }
    let selfLoop = (0..<nodes).map { _ in Double(rng.next() % 100) / 51 }
    return CommunityLevelGraph(offsets: offsets, targets: Column(targets), weights: weights, selfLoop: selfLoop)
  }

  static func communities(seed: UInt64, nodes: Int, count: Int) -> [Int32] {
    var rng = SplitMix64(seed: seed ^ 0xA66)
    return (0..<nodes).map { _ in Int32(rng.next() % UInt64(count)) }
  }

  /// Big enough to be cut into three runs (at least 256 communities and
  /// 65,536 half-edges a run): every thread count gives the same bytes.
  @Test(arguments: [UInt64(5), 6])
  func sameLevelGraphForAnyThreadCount(seed: UInt64) {
    let g = Self.levelGraph(seed: seed, nodes: 4000, ties: 110_000)
    let up = Self.communities(seed: seed, nodes: 4000, count: 1000)
    #expect(g.targets.count >= 3 * 65536)
    let one = Graph.aggregate(g, into: up, count: 1000, threads: 1)
    for threads in [2, 3, 8] {
      let other = Graph.aggregate(g, into: up, count: 1000, threads: threads)
      #expect(other.offsets == one.offsets, "\(threads) threads: offsets")
      #expect(other.targets == one.targets, "\(threads) threads: targets")
      #expect(other.weights == one.weights, "\(threads) threads: weights")
      #expect(other.selfLoop == one.selfLoop, "\(threads) threads: self-loops")
    }
  }

  /// Against a dictionary of summed weights per pair of communities: rows in
  /// ascending order, each weight and self-loop the oracle's sum.
  @Test(arguments: [(UInt64(7), 1), (8, 2), (9, 3)])
  func sumsEqualADictionaryOracle(seed: UInt64, threads: Int) {
    let nodes = 3000
    let count = 800
    let g = Self.levelGraph(seed: seed, nodes: nodes, ties: 100_000)
    let up = Self.communities(seed: seed, nodes: nodes, count: count)
    var between: [Int: [Int: Double]] = [:]
    var inside = [Double](repeating: 0, count: count)
    for u in 0..<nodes {
      let cu = Int(up[u])
      inside[cu] += g.selfLoop[u]
      for e in g.offsets[u]..<g.offsets[u + 1] {
        let cv = Int(up[Int(g.targets[e])])
        if cv == cu { inside[cu] += g.weights[e] } else { between[cu, default: [:]][cv, default: 0] += g.weights[e] }
      }
    }
    let a = Graph.aggregate(g, into: up, count: count, threads: threads)
    #expect(a.nodes == count)
    for c in 0..<count {
      #expect(abs(a.selfLoop[c] - inside[c]) <= 1e-9 * max(1, inside[c]), "community \(c): internal weight")
      let row = (a.offsets[c]..<a.offsets[c + 1]).map { (Int(a.targets[$0]), a.weights[$0]) }
      let expected = (between[c] ?? [:]).sorted { $0.key < $1.key }
      #expect(row.map(\.0) == expected.map(\.key), "community \(c): neighbours in ascending order")
      for ((_, w), (_, x)) in zip(row, expected) {
        #expect(abs(w - x) <= 1e-9 * max(1, x), "community \(c): summed weight")
      }
    }
  }
}
