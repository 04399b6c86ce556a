import Foundation
import GraphCore

/// Brute-force oracles for the broker family (structural holes,
/// betweenness, ego betweenness, Gould–Fernandez brokerage, k strongest
/// simple paths), written straight from the definitions in Guides/Brokerage.md
/// §2.1, 2.3, 3.2, 3.3 and 2.4 with dictionaries and sets — no CSR, no
/// Brandes, no Dijkstra, no Yen. For small graphs only.
public struct BrokerOracle {
  public let count: Int
  /// Symmetric weights: w[i][j] = strength of {i, j}.
  public var w: [[Int: Double]]

  /// `ties` as (a, b, strength); self-ties are dropped, parallel ties keep
  /// the larger strength (GraphBuilder's merge rule).
  public init(count: Int, ties: [(Int, Int, Double)]) {
    self.count = count
    w = Array(repeating: [:], count: count)
    for (a, b, s) in ties where a != b {
      let old = w[a][b] ?? -1
      w[a][b] = max(old, s)
      w[b][a] = max(old, s)
    }
  }

  public init(_ oracle: AdjacencyOracle) {
    var ties: [(Int, Int, Double)] = []
    for (a, set) in oracle.neighbors.enumerated() {
      for b in set where a < b { ties.append((a, b, Double(oracle.strength(a, b)))) }
    }
    self.init(count: oracle.neighbors.count, ties: ties)
  }

  // MARK: Burt (§2.1), literal formulas

  func p(_ i: Int, _ j: Int) -> Double {
    guard let x = w[i][j] else { return 0 }
    return x / w[i].values.reduce(0, +)
  }

  func mu(_ j: Int, _ q: Int) -> Double {
    guard let x = w[j][q] else { return 0 }
    return x / w[j].values.max()!
  }

  /// (constraint, effectiveSize, hierarchy), nil for isolates; `weighted:
  /// false` treats every tie as weight 1 and uses Borgatti's n − 2t/n.
  public func burt(_ i: Int, weighted: Bool) -> (Double, Double, Double?)? {
    let o = weighted ? self : unitWeights()
    let contacts = Array(o.w[i].keys)
    let n = contacts.count
    if n == 0 { return nil }
    var cs: [Double] = []
    for j in contacts {
      var indirect = 0.0
      for q in contacts where q != j { indirect += o.p(i, q) * o.p(q, j) }
      cs.append((o.p(i, j) + indirect) * (o.p(i, j) + indirect))
    }
    let constraint = cs.reduce(0, +)
    var es = 0.0
    if weighted {
      for j in contacts {
        var r = 0.0
        for q in contacts where q != j { r += o.p(i, q) * o.mu(j, q) }
        es += 1 - r
      }
    } else {
      var t = 0
      for a in contacts { for b in contacts where a < b && o.w[a][b] != nil { t += 1 } }
      es = Double(n) - 2 * Double(t) / Double(n)
    }
    var h: Double? = nil
    if n >= 2 {
      h =
        cs.map { c -> Double in
          let r = c / (constraint / Double(n))
          return r * log(r)
        }.reduce(0, +) / (Double(n) * log(Double(n)))
    }
    return (constraint, es, h)
  }

  public func unitWeights() -> BrokerOracle {
    var o = self
    for i in 0..<count { for k in o.w[i].keys { o.w[i][k] = 1 } }
    return o
  }

  // MARK: Betweenness (§2.3) by all-pairs distances and path counts

  /// Liaison's quantised tie cost, max(1, ⌊−ln s · 10⁶ + ½⌋).
  public static func cost(_ s: Double) -> Int64 { max(1, Int64((-log(s) * 1e6 + 0.5).rounded(.down))) }

  /// Raw (unordered-pair) betweenness of every person; `weighted` uses the
  /// quantised costs, otherwise hop counts. Floyd–Warshall with path counts.
  public func betweenness(weighted: Bool) -> [Double] {
    let n = count
    let inf = Int64.max / 4
    var d = Array(repeating: Array(repeating: inf, count: n), count: n)
    for i in 0..<n {
      d[i][i] = 0
      for (j, s) in w[i] { d[i][j] = weighted ? BrokerOracle.cost(s) : 1 }
    }
    for k in 0..<n {
      for i in 0..<n where d[i][k] < inf {
        for j in 0..<n where d[k][j] < inf {
          if d[i][k] + d[k][j] < d[i][j] { d[i][j] = d[i][k] + d[k][j] }
        }
      }
    }
    // σ by processing targets in order of distance from each source.
    var sigma = Array(repeating: Array(repeating: 0.0, count: n), count: n)
    for s in 0..<n {
      let order = (0..<n).filter { d[s][$0] < inf }.sorted { d[s][$0] < d[s][$1] }
      sigma[s][s] = 1
      for v in order where v != s {
        for (u, x) in w[v] where d[s][u] < inf {
          let c = weighted ? BrokerOracle.cost(x) : 1
          if d[s][u] + c == d[s][v] { sigma[s][v] += sigma[s][u] }
        }
      }
    }
    var b = Array(repeating: 0.0, count: n)
    for s in 0..<n {
      for t in (s + 1)..<max(s + 1, n) where d[s][t] < inf {
        for v in 0..<n where v != s && v != t && d[s][v] < inf && d[v][t] < inf && d[s][v] + d[v][t] == d[s][t] {
          b[v] += sigma[s][v] * sigma[v][t] / sigma[s][t]
        }
      }
    }
    return b
  }

  /// networkx's normalisation of raw undirected betweenness: 2B/((n−1)(n−2)), none for n ≤ 2.
  public static func normalise(_ raw: Double, people n: Int) -> Double {
    n <= 2 ? raw : raw * 2 / (Double(n - 1) * Double(n - 2))
  }

  // MARK: Ego betweenness (§3.2)

  /// Σ over non-adjacent alter pairs {j,k} of 1 / (two-paths j–x–k inside the ego network, ego included).
  public func egoBetweenness(_ e: Int) -> Double {
    let alters = w[e].keys.sorted()
    var total = 0.0
    for (a, j) in alters.enumerated() {
      for k in alters[(a + 1)...] where w[j][k] == nil {
        var paths = 1  // through ego
        for x in alters where w[j][x] != nil && w[x][k] != nil { paths += 1 }
        total += 1 / Double(paths)
      }
    }
    return total
  }

  // MARK: Gould–Fernandez (§3.3), sna ordered counts

  /// [coordinator, itinerant, representative, gatekeeper, liaison] per person.
  public func brokerage(groups: [Int]) -> [[Int]] {
    var out = Array(repeating: Array(repeating: 0, count: 5), count: count)
    for j in 0..<count {
      for i in w[j].keys {
        for k in w[j].keys where i != k && w[i][k] == nil {
          let (gi, gj, gk) = (groups[i], groups[j], groups[k])
          let role: Int
          if gi == gj && gj == gk {
            role = 0
          } else if gi == gk {
            role = 1
          } else if gj == gi {
            role = 2
          } else if gj == gk {
            role = 3
          } else {
            role = 4
          }
          out[j][role] += 1
        }
      }
    }
    return out
  }

  // MARK: k strongest simple paths (§2.4 / §3.6), by enumeration

  /// Every simple path from `s` to `t` with at most `maxHops` hops, sorted
  /// by (quantised cost, hops, id sequence); the first `k`.
  public func strongestPaths(from s: Int, to t: Int, k: Int, maxHops: Int) -> [(path: [Int], cost: Int64)] {
    strongestPaths(from: s, to: [t], k: k, maxHops: maxHops)
  }

  /// Paths from `s` that end at the first member of `targets` they reach,
  /// at most `maxHops` hops, first hop to a contact accepted by `firstHop`,
  /// avoiding `avoid`; sorted by (quantised cost, hops, id sequence).
  public func strongestPaths(
    from s: Int, to targets: [Int], k: Int, maxHops: Int, avoid: Set<Int> = [], avoidTies: Set<[Int]> = [],
    firstHop: (Int) -> Bool = { _ in true }
  ) -> [(path: [Int], cost: Int64)] {
    let targetSet = Set(targets).subtracting([s])
    var found: [(path: [Int], cost: Int64)] = []
    var path = [s]
    var onPath = Set([s])
    func dfs(_ u: Int, _ c: Int64) {
      if targetSet.contains(u) {
        found.append((path, c))
        return
      }
      if path.count - 1 >= maxHops { return }
      for (v, x) in w[u] where !onPath.contains(v) && !avoid.contains(v) {
        if u == s && !firstHop(v) { continue }
        if avoidTies.contains([min(u, v), max(u, v)]) { continue }
        path.append(v)
        onPath.insert(v)
        dfs(v, c + BrokerOracle.cost(x))
        onPath.remove(v)
        path.removeLast()
      }
    }
    dfs(s, 0)
    found.sort { a, b in
      if a.cost != b.cost { return a.cost < b.cost }
      if a.path.count != b.path.count { return a.path.count < b.path.count }
      return a.path.lexicographicallyPrecedes(b.path)
    }
    return Array(found.prefix(k))
  }
}
