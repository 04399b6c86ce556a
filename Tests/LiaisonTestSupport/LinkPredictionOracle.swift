import Foundation
import GraphCore

/// Brute-force link prediction and ego constraint over adjacency sets and a
/// dictionary of strengths, written straight from the definitions
/// (Guides/Introductions.md) with no CSR, no accumulators and no merges: the
/// independent oracle for `LinkPrediction.swift` and `IntroductionCandidates.swift`.
public struct LinkPredictionOracle {
  public var neighbors: [Set<Int>]
  public var strength: [[Int]: Double]

  public init(neighbors: [Set<Int>], strength: [[Int]: Double] = [:]) {
    self.neighbors = neighbors
    self.strength = strength
  }

  /// From a graph's tie list (only the list of ties is read).
  public init(_ g: Graph) {
    neighbors = Array(repeating: [], count: g.personCount)
    strength = [:]
    for (u, v, s) in g.tieList() {
      neighbors[Int(u)].insert(Int(v))
      neighbors[Int(v)].insert(Int(u))
      strength[[Int(min(u, v)), Int(max(u, v))]] = Double(s)
    }
  }

  public func s(_ a: Int, _ b: Int) -> Double { strength[[min(a, b), max(a, b)]] ?? 0 }

  /// (common, jaccard, adamicAdar, resourceAllocation) of {u, v}, leaving `excluded` out of both neighbourhoods.
  public func scores(_ u: Int, _ v: Int, excluding excluded: Int? = nil) -> (Int, Double, Double, Double) {
    var nu = neighbors[u]
    var nv = neighbors[v]
    if let excluded {
      nu.remove(excluded)
      nv.remove(excluded)
    }
    let common = nu.intersection(nv).subtracting([u, v])
    let union = nu.union(nv)
    var aa = 0.0
    var ra = 0.0
    for w in common.sorted() {
      aa += 1 / log(Double(neighbors[w].count))
      ra += 1 / Double(neighbors[w].count)
    }
    return (common.count, union.isEmpty ? 0 : Double(common.count) / Double(union.count), aa, ra)
  }

  /// Every person's candidates at distance exactly 2, all of them, scored by
  /// `index` (0 common, 1 jaccard, 2 adamicAdar, 3 resourceAllocation), best first (score desc, id asc).
  public func distanceTwoRanking(of u: Int, index: Int, minCommon: Int = 1) -> [(Int, Double)] {
    var out: [(Int, Double)] = []
    for x in 0..<neighbors.count where x != u && !neighbors[u].contains(x) {
      let sc = scores(u, x)
      if sc.0 < max(1, minCommon) { continue }
      let value = [Double(sc.0), sc.1, sc.2, sc.3][index]
      out.append((x, value))
    }
    out.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return out
  }

  /// Burt's constraint of `ego` with strength as the weight, on the whole
  /// graph, optionally with one extra tie {a, b} of strength `s`.
  public func constraint(of ego: Int, adding extra: (Int, Int, Double)? = nil) -> Double? {
    var nb = neighbors
    var w = strength
    if let (a, b, s) = extra {
      nb[a].insert(b)
      nb[b].insert(a)
      w[[min(a, b), max(a, b)]] = s
    }
    func weight(_ i: Int, _ j: Int) -> Double { w[[min(i, j), max(i, j)]] ?? 0 }
    func p(_ i: Int, _ j: Int) -> Double {
      let total = nb[i].reduce(0.0) { $0 + weight(i, $1) }
      return total > 0 ? weight(i, j) / total : 0
    }
    guard !nb[ego].isEmpty else { return nil }
    var c = 0.0
    for j in nb[ego] {
      var local = p(ego, j)
      for q in nb[ego] where q != j { local += p(ego, q) * p(q, j) }
      c += local * local
    }
    return c
  }

  /// Candidate pairs for `ego`: pairs of its contacts, a < b, with no tie.
  public func introductionPairs(of ego: Int) -> [(Int, Int)] {
    let c = neighbors[ego].sorted()
    var out: [(Int, Int)] = []
    for (i, a) in c.enumerated() {
      for b in c[(i + 1)...] where !neighbors[a].contains(b) { out.append((a, b)) }
    }
    return out
  }
}
