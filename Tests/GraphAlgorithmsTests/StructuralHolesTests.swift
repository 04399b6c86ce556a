import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// Burt's measures on the whole network, strength as the weight, against
/// networkx `constraint` / `effective_size(..., nodes=list(G))` (the correct
/// loop path, trap 1) and a literal brute-force oracle.
@Suite struct StructuralHolesTests {
  static let all = BrokerFixtures.namedGraphs + BrokerFixtures.randomNames

  @Test(arguments: all)
  func weightedWholeGraphEqualsNetworkx(name: String) throws {
    let fx = BrokerFixtures.shared
    let g = try fx.weighted(name)
    let ours = g.burtMeasuresForAll(threads: 2)
    let c = fx.column(name, "constraintWeighted")
    let es = fx.column(name, "effectiveSizeWeighted")
    let oracle = fx.oracle(name)
    for p in 0..<g.personCount {
      #expect(brokerClose(ours[p].constraint, c[p]), "\(name) \(fx.nodes(name)[p]) constraint")
      #expect(brokerClose(ours[p].effectiveSize, es[p]), "\(name) \(fx.nodes(name)[p]) effective size")
      #expect(ours[p] == g.burtMeasures(of: PersonID(p)), "\(name) single-person call")
      let brute = oracle.burt(p, weighted: true)
      #expect(brokerClose(ours[p].hierarchy, brute?.2), "\(name) hierarchy")
      if let e = ours[p].effectiveSize {
        #expect(brokerClose(ours[p].efficiency, e / Double(g.degree(of: PersonID(p)))))
      }
    }
  }

  @Test(arguments: all)
  func unweightedEqualsNetworkxBorgatti(name: String) throws {
    let fx = BrokerFixtures.shared
    let g = try fx.unweighted(name)
    let ours = g.burtMeasuresForAll(threads: 1)
    let c = fx.column(name, "constraintUnweighted")
    let es = fx.column(name, "effectiveSizeUnweighted")
    let oracle = fx.oracle(name)
    for p in 0..<g.personCount {
      #expect(brokerClose(ours[p].constraint, c[p]), "\(name) \(fx.nodes(name)[p]) constraint")
      #expect(brokerClose(ours[p].effectiveSize, es[p]), "\(name) \(fx.nodes(name)[p]) effective size")
      let brute = oracle.burt(p, weighted: false)
      #expect(
        brokerClose(ours[p].constraint, brute?.0) && brokerClose(ours[p].effectiveSize, brute?.1)
          && brokerClose(ours[p].hierarchy, brute?.2))
    }
  }

  /// Seeded random multigraphs (duplicates, self-ties, isolates) against the
  /// brute-force oracle: self-ties stripped, parallel ties merged.
  @Test(arguments: 0..<UInt64(120))
  func randomMultigraphsEqualBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 50_000, maxPeople: 40)
    let oracle = BrokerOracle(AdjacencyOracle(random))
    let (g, _) = try random.build()
    let ours = g.burtMeasuresForAll(threads: 3)
    for p in 0..<g.personCount {
      let brute = oracle.burt(p, weighted: true)
      #expect(brokerClose(ours[p].constraint, brute?.0), "\(random) person \(p)")
      #expect(brokerClose(ours[p].effectiveSize, brute?.1), "\(random) person \(p)")
      #expect(brokerClose(ours[p].hierarchy, brute?.2), "\(random) person \(p)")
    }
  }

  @Test func publishedValues() throws {
    // Whole-graph constraint (trap 4): Florentine Medici 0.2099 (ego graph would give 0.2361),
    // karate node 0 0.1554 (ego graph 0.1777).
    let fx = BrokerFixtures.shared
    let flo = try fx.unweighted("florentine")
    let medici = PersonID(fx.nodes("florentine").firstIndex(of: "Medici")!)
    #expect(abs(flo.burtMeasures(of: medici).constraint! - 0.2099) < 5e-5)
    let karate = try fx.unweighted("karate")
    #expect(abs(karate.burtMeasures(of: 0).constraint! - 0.1554) < 5e-5)
  }

  @Test func invariants() throws {
    // Star centre with n leaves: C = 1/n, ES = n, efficiency 1, hierarchy 0; pendant: C = 1, ES = 1.
    let star = try graph(nodes: ["lonely", "hub"], edges: (1...5).map { ("hub", "leaf\($0)", nil) })
    let h = star.burtMeasures(of: 1)
    #expect(abs(h.constraint! - 0.2) < 1e-12 && abs(h.effectiveSize! - 5) < 1e-12 && abs(h.efficiency! - 1) < 1e-12)
    #expect(abs(h.hierarchy!) < 1e-12)
    let leaf = star.burtMeasures(of: 2)
    #expect(leaf.constraint == 1 && leaf.effectiveSize == 1 && leaf.efficiency == 1 && leaf.hierarchy == nil)
    // Isolate: all nil (networkx NaN).
    #expect(star.burtMeasures(of: 0) == BurtMeasures())
    // Triangle: constraint 1.125 (can exceed 1, trap 16).
    let triangle = try graph(edges: [("a", "b", nil), ("b", "c", nil), ("a", "c", nil)])
    #expect(abs(triangle.burtMeasures(of: 0).constraint! - 1.125) < 1e-12)
    // Weighted star: constraint is Σ p_j², ES = n (no alter–alter ties).
    let ws = try graph(edges: [("hub", "a", 0.5), ("hub", "b", 0.25), ("hub", "c", 0.25)])
    let w = ws.burtMeasures(of: 0)
    #expect(abs(w.constraint! - (0.25 + 0.0625 + 0.0625)) < 1e-12 && abs(w.effectiveSize! - 3) < 1e-12)
    // ES ≤ n on random graphs.
    for seed in 0..<UInt64(30) {
      let (g, _) = try RandomMultigraph(seed: seed &+ 900, maxPeople: 30).build()
      for p in 0..<PersonID(g.personCount) {
        guard let es = g.burtMeasures(of: p).effectiveSize else { continue }
        #expect(es <= Double(g.degree(of: p)) + 1e-12)
      }
    }
  }
}
