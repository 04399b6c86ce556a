import Foundation
import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// Brandes betweenness (raw = unordered pairs, normalised as networkx) and
/// ego betweenness against networkx fixtures and brute-force oracles. The
/// weighted variant uses Liaison's quantised −ln(strength) costs
/// (`TieCost`), which the fixture script also uses, so equal-cost paths are
/// exact ties in both.
@Suite struct BetweennessTests {
  static let all = BrokerFixtures.namedGraphs + BrokerFixtures.randomNames

  @Test(arguments: all)
  func unweightedRawAndNormalisedEqualNetworkx(name: String) throws {
    let fx = BrokerFixtures.shared
    let g = try fx.weighted(name)  // strengths are ignored when unweighted
    let b = g.betweenness(weighted: false, threads: 2)
    let raw = fx.column(name, "betweennessUnweighted")
    let norm = fx.column(name, "betweennessNormalisedUnweighted")
    for p in 0..<g.personCount {
      #expect(brokerClose(b.raw[p], raw[p]), "\(name) \(fx.nodes(name)[p]) raw")
      #expect(brokerClose(b.normalised[p], norm[p]), "\(name) \(fx.nodes(name)[p]) normalised")
    }
    #expect(b.isExact && b.sources == g.personCount)
  }

  @Test(arguments: all)
  func weightedQuantisedCostEqualsNetworkx(name: String) throws {
    let fx = BrokerFixtures.shared
    let g = try fx.weighted(name)
    let b = g.betweenness(weighted: true, threads: 3)
    let raw = fx.column(name, "betweennessWeighted")
    let norm = fx.column(name, "betweennessNormalisedWeighted")
    for p in 0..<g.personCount {
      #expect(brokerClose(b.raw[p], raw[p]), "\(name) \(fx.nodes(name)[p]) weighted raw")
      #expect(brokerClose(b.normalised[p], norm[p]), "\(name) \(fx.nodes(name)[p]) weighted normalised")
    }
  }

  @Test(arguments: all)
  func egoBetweennessEqualsNetworkxEgoGraph(name: String) throws {
    let fx = BrokerFixtures.shared
    let g = try fx.weighted(name)
    let ours = g.egoBetweennessForAll(threads: 2)
    let ref = fx.column(name, "egoBetweenness")
    let oracle = fx.oracle(name)
    for p in 0..<g.personCount {
      #expect(brokerClose(ours[p], ref[p]), "\(name) \(fx.nodes(name)[p])")
      #expect(brokerClose(ours[p], oracle.egoBetweenness(p)))
      #expect(ours[p] == g.egoBetweenness(of: PersonID(p)))
    }
  }

  /// Random multigraphs (duplicates, self-ties, isolates) against
  /// Floyd–Warshall path counting; the result is identical for 1 and 4 threads.
  @Test(arguments: 0..<UInt64(100))
  func randomMultigraphsEqualBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 70_000, maxPeople: 30)
    let oracle = BrokerOracle(AdjacencyOracle(random))
    let (g, _) = try random.build()
    for weighted in [false, true] {
      let b1 = g.betweenness(weighted: weighted, threads: 1)
      let b4 = g.betweenness(weighted: weighted, threads: 4)
      #expect(b1 == b4, "bit-identical across thread counts")
      let brute = oracle.betweenness(weighted: weighted)
      for p in 0..<g.personCount {
        #expect(brokerClose(b1.raw[p], brute[p]), "\(random) person \(p) weighted \(weighted)")
      }
    }
  }

  @Test func publishedValues() throws {
    let fx = BrokerFixtures.shared
    let karate = try fx.unweighted("karate")
    let b = karate.betweenness()
    #expect(abs(b.raw[0] - 231.0714) < 1e-4 && abs(b.normalised[0] - 0.437635) < 1e-6)
    #expect(abs(b.raw[33] - 160.5516) < 1e-4 && abs(b.normalised[33] - 0.304075) < 1e-6)
    let flo = try fx.unweighted("florentine")
    let medici = fx.nodes("florentine").firstIndex(of: "Medici")!
    let fb = flo.betweenness()
    #expect(abs(fb.raw[medici] - 47.5) < 1e-12 && abs(fb.normalised[medici] - 0.521978) < 1e-6)
    #expect(abs(flo.egoBetweenness(of: PersonID(medici)) - 14) < 1e-12)
    #expect(abs(karate.egoBetweenness(of: 0) - 88.4167) < 1e-4)
    // Σ raw = Σ_{s<t} (d(s,t) − 1) on connected unweighted graphs: karate 790, Florentine 156, Les Mis 4802.
    #expect(abs(b.raw.reduce(0, +) - 790) < 1e-9)
    #expect(abs(fb.raw.reduce(0, +) - 156) < 1e-9)
    #expect(abs(try fx.unweighted("lesmis").betweenness().raw.reduce(0, +) - 4802) < 1e-9)
    // Krackhardt kite raw: {1.667, 1.667, 0, 7.333, 0, 16.667, 16.667, 28, 16, 0}/2.
    let kite = try fx.unweighted("kite").betweenness().raw
    let doubled: [Double] = [5.0 / 3, 5.0 / 3, 0, 22.0 / 3, 0, 50.0 / 3, 50.0 / 3, 28, 16, 0]
    for (a, e) in zip(kite, doubled) { #expect(abs(a - e / 2) < 1e-9) }
  }

  /// The float-tie policy (trap 8): costs are integers, so two routes whose
  /// strengths multiply to the same product tie exactly and share the
  /// credit, whatever the order of the additions.
  @Test func floatTiePolicyQuantisedCosts() throws {
    // s–a–t with strengths 0.5, 0.25 and s–b–t with 0.25, 0.5: equal products.
    let g = try graph(edges: [("s", "a", 0.5), ("a", "t", 0.25), ("s", "b", 0.25), ("b", "t", 0.5)])
    let b = g.betweenness(weighted: true)
    #expect(b.raw[1] == 0.5 && b.raw[3] == 0.5)  // a and b share the one pair {s, t}
    // −ln 0.5 and −ln 0.25 quantise to 693147 and 1386294.
    #expect(TieCost.quantised(0.5) == 693_147 && TieCost.quantised(0.25) == 1_386_294)
    #expect(TieCost.quantised(1) == 1, "no zero-cost ties: s is clamped to 1 − 1e-6")
    // A difference far below a micro-neper is a tie; a larger one is not.
    let near = try graph(edges: [("s", "a", 0.5), ("a", "t", 0.4), ("s", "b", 0.4), ("b", "t", 0.5000001)])
    let nb = near.betweenness(weighted: true)
    #expect(nb.raw[1] == 0.5 && nb.raw[3] == 0.5)
    let far = try graph(edges: [("s", "a", 0.5), ("a", "t", 0.4), ("s", "b", 0.4), ("b", "t", 0.51)])
    let fb = far.betweenness(weighted: true)
    #expect(fb.raw[1] == 0 && fb.raw[3] == 1)
  }

  @Test func samplingEstimateAndBound() throws {
    let fx = BrokerFixtures.shared
    let g = try fx.unweighted("lesmis")
    let exact = g.betweenness()
    let est = g.approximateBetweenness(samples: 40, seed: 7, threads: 2)
    #expect(est.sources == 40 && est.errorBound != nil && est.confidence == 0.95)
    // n = 77, k = 40: the empirical Bernstein term cannot win, so Hoeffding–Serfling with all of α.
    let n = Double(g.personCount)
    let rho = min(1 - 39 / n, (1 - 40 / n) * (1 + 1.0 / 40))
    let bound = n / (n - 1) * (rho * log(2 * n / 0.05) / 80).squareRoot()
    #expect(abs(est.errorBound! - bound) < 1e-12)
    for p in 0..<g.personCount { #expect(abs(est.normalised[p] - exact.normalised[p]) <= est.errorBound!) }
    #expect(est == g.approximateBetweenness(samples: 40, seed: 7, threads: 1), "seeded and thread-independent")
    #expect(g.approximateBetweenness(samples: g.personCount, threads: 2) == exact, "k ≥ n is exact")
  }

  /// The bound holds in every one of 40 seeded trials on Les Misérables
  /// (exact values known), and with most of the people sampled it is far
  /// tighter than the plain Hoeffding bound stated before (the finite-population factor).
  @Test func samplingBoundHoldsOverSeededTrials() throws {
    let g = try BrokerFixtures.shared.unweighted("lesmis")
    let exact = g.betweenness()
    let n = Double(g.personCount)
    for k in [10, 40, 70] {
      let before = n / (n - 1) * (log(2 * n / 0.05) / (2 * Double(k))).squareRoot()
      var worst = 0.0
      for seed in UInt64(1)...40 {
        let est = g.approximateBetweenness(samples: k, seed: seed)
        let error = (0..<g.personCount).map { abs(est.normalised[$0] - exact.normalised[$0]) }.max()!
        #expect(error <= est.errorBound!, "k \(k), seed \(seed): error \(error) > bound \(est.errorBound!)")
        #expect(est.errorBound! <= before + 1e-12, "never looser than before")
        worst = max(worst, error)
      }
      if k == 70 { #expect(g.approximateBetweenness(samples: k, seed: 1).errorBound! < 0.4 * before) }
      print("lesmis k \(k): worst error \(worst), bound \(g.approximateBetweenness(samples: k, seed: 1).errorBound!)")
    }
  }

  /// On ca-GrQc (5,241 people with ties; skipped when the real-data folder is absent)
  /// with 2,000 sampled people the empirical Bernstein term wins: the bound
  /// holds for every person in 4 seeded trials and is well below the
  /// Hoeffding bound stated before.
  @Test func empiricalBernsteinBoundOnCaGrQc() throws {
    guard let path = SharedData.path("datasets/real/snap-ca-grqc/CA-GrQc.txt") else {
      print("skipped: real-data file snap-ca-grqc/CA-GrQc.txt is not present")
      return
    }
    var b = GraphBuilder()
    for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
      let f = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
      guard f.count >= 2, let x = Int64(f[0]), let y = Int64(f[1]), x != y else { continue }
      _ = try b.addTie(b.person(integerKey: x), b.person(integerKey: y))
    }
    let (g, _) = try b.build()
    #expect(g.personCount == 5241, "5,242 ids, one of them only on a self-tie")
    let exact = g.betweenness(threads: 2)
    let n = Double(g.personCount)
    let k = 2000
    let before = n / (n - 1) * (log(2 * n / 0.05) / (2 * Double(k))).squareRoot()
    for seed in UInt64(1)...4 {
      let est = g.approximateBetweenness(samples: k, seed: seed, threads: 2)
      let error = (0..<g.personCount).map { abs(est.normalised[$0] - exact.normalised[$0]) }.max()!
      #expect(error <= est.errorBound!, "seed \(seed): error \(error) > bound \(est.errorBound!)")
      #expect(est.errorBound! < 0.8 * before, "bound \(est.errorBound!) vs \(before) before")
      print("ca-GrQc k \(k) seed \(seed): error \(error), bound \(est.errorBound!), before \(before)")
    }
  }

  /// A broom (a hub with many leaves and a handle) beside a clique and a
  /// person with no tie. From the hub the search turns bottom-up after the
  /// leaves (few people left, few row entries) and back top-down along the
  /// handle (its rows then hold more entries than the frontier's); from other
  /// sources it stays top-down. Every person against the brute-force oracle.
  @Test func broomTurnsBottomUpAndBack() throws {
    let leaves = 40
    let handle = 12
    let clique = 4
    var ties: [(Int, Int)] = (1...leaves).map { (0, $0) }
    var previous = 0
    for h in 0..<handle {
      ties.append((previous, leaves + 1 + h))
      previous = leaves + 1 + h
    }
    let base = leaves + 1 + handle
    for a in 0..<clique {
      for b in (a + 1)..<clique { ties.append((base + a, base + b)) }
    }
    let n = base + clique + 1
    let g = try graph(nodes: (0..<n).map { "p\($0)" }, edges: ties.map { ("p\($0.0)", "p\($0.1)", nil) })
    let brute = BrokerOracle(count: n, ties: ties.map { ($0.0, $0.1, 1.0) }).betweenness(weighted: false)
    let b = g.betweenness(weighted: false, threads: 1)
    for p in 0..<n { #expect(brokerClose(b.raw[p], brute[p]), "person \(p)") }
  }

  @Test func tinyGraphs() throws {
    let empty = try graph(edges: [])
    #expect(empty.betweenness().raw.isEmpty)
    let pair = try graph(edges: [("a", "b", nil)])
    #expect(pair.betweenness().normalised == [0, 0])
    let path = try graph(edges: [("a", "b", nil), ("b", "c", nil)])
    #expect(path.betweenness().raw == [0, 1, 0] && path.betweenness().normalised == [0, 1, 0])
  }
}
