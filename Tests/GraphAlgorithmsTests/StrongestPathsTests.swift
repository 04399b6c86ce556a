import Foundation
import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// Yen's k strongest loopless chains on quantised −ln(strength) costs, with
/// the deterministic order (cost, hops, id sequence): against networkx
/// `shortest_simple_paths` per cost tier, and exactly against brute-force
/// enumeration of simple paths (hop limits, company targets, first-hop rules,
/// disjoint alternatives).
@Suite struct StrongestPathsTests {
  static var yenNames: [String] {
    (BrokerFixtures.shared.file.json["yen"] as! [String: Any]).keys.sorted()
  }

  @Test(arguments: yenNames)
  func yenEqualsNetworkxPerCostTier(name: String) throws {
    let fx = BrokerFixtures.shared
    let g = try fx.weighted(name)
    let nodes = fx.nodes(name)
    let oracle = fx.oracle(name)
    let cases = (fx.file.json["yen"] as! [String: Any])[name] as! [[String: Any]]
    for c in cases {
      let s = nodes.firstIndex(of: c["from"] as! String)!
      let t = nodes.firstIndex(of: c["to"] as! String)!
      let k = c["k"] as! Int
      let ref = (c["paths"] as! [[String]]).map { $0.map { nodes.firstIndex(of: $0)! } }
      let refCosts = (c["costs"] as! [Any]).map { Int64(($0 as? Int) ?? Int(($0 as! Double))) }
      let ours = g.strongestPaths(from: PersonID(s), to: [PersonID(t)], query: PathQuery(k: k, maxHops: nil))
      #expect(ours.map(\.quantisedCost) == refCosts, "\(name) \(s)→\(t)")
      // Same set of paths in every cost tier but the last (which k may truncate).
      let lastCost = refCosts.last
      var oursByCost: [Int64: Set<[Int]>] = [:]
      var refByCost: [Int64: Set<[Int]>] = [:]
      for p in ours { oursByCost[p.quantisedCost, default: []].insert(p.people.map(Int.init)) }
      for (p, cost) in zip(ref, refCosts) { refByCost[cost, default: []].insert(p) }
      for (cost, set) in refByCost where cost != lastCost { #expect(oursByCost[cost] == set, "\(name) tier \(cost)") }
      // And exactly the brute-force order (cost, hops, ids), where enumeration is affordable
      // (hop limit = the longest reference path + 1 keeps it small).
      let limit = (ref.map(\.count).max() ?? 1)
      let ours2 = g.strongestPaths(from: PersonID(s), to: [PersonID(t)], query: PathQuery(k: k, maxHops: limit))
      #expect(ours2 == ours, "a hop limit above every returned chain changes nothing")
      if g.personCount <= 25 && limit <= 5 {
        let brute = oracle.strongestPaths(from: s, to: t, k: k, maxHops: limit)
        #expect(ours2.map { $0.people.map(Int.init) } == brute.map(\.path), "\(name) \(s)→\(t) hops ≤ \(limit)")
      }
    }
  }

  /// Random multigraphs: every option against enumeration.
  @Test(arguments: 0..<UInt64(100))
  func randomQueriesEqualBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 90_000, maxPeople: 11)
    let oracle = BrokerOracle(AdjacencyOracle(random))
    let (g, _) = try random.build()
    let n = g.personCount
    guard n >= 2 else { return }
    var search = PathSearch(g)
    var state = seed &+ 1
    func next(_ m: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(m))
    }
    for _ in 0..<4 {
      let s = next(n)
      var t = next(n)
      if t == s { t = (t + 1) % n }
      for maxHops in [nil, 1, 2, 3] as [Int?] {
        let k = 1 + next(6)
        let ours = search.strongestPaths(
          from: PersonID(s), to: [PersonID(t)], query: PathQuery(k: k, maxHops: maxHops), firstHop: { _ in true })
        let brute = oracle.strongestPaths(from: s, to: t, k: k, maxHops: maxHops ?? 64)
        #expect(
          ours.map { $0.people.map(Int.init) } == brute.map(\.path),
          "\(random) \(s)→\(t) k \(k) hops \(String(describing: maxHops))")
        #expect(ours.map(\.quantisedCost) == brute.map(\.cost))
      }
      // Company-like targets: several people; chains end at the first one reached; first-hop rule.
      let targets = (0..<(1 + next(3))).map { _ in next(n) }
      let banned = next(n)
      let ours = search.strongestPaths(
        from: PersonID(s), to: targets.map { PersonID($0) }, query: PathQuery(k: 4, maxHops: 3),
        firstHop: { $0 != PersonID(banned) })
      let brute = oracle.strongestPaths(from: s, to: targets, k: 4, maxHops: 3, firstHop: { $0 != banned })
      #expect(ours.map { $0.people.map(Int.init) } == brute.map(\.path), "\(random) \(s)→\(targets) not via \(banned)")
      // Bidirectional Dijkstra: the least (cost, hops) of the unbounded search.
      let best = search.strongestPath(from: PersonID(s), to: PersonID(t))
      let first = oracle.strongestPaths(from: s, to: t, k: 1, maxHops: 64).first
      #expect(best?.quantisedCost == first?.cost && best?.hops == first.map { $0.path.count - 1 })
      if let best { #expect(best.people.first == PersonID(s) && best.people.last == PersonID(t)) }
      Self.expectDisjointAgree(&search, oracle, s, t, maxHops: 3, "\(random)")
    }
  }

  /// Disjoint chains: each is the best avoiding earlier brokers (and direct
  /// ties already used), and there are three unless no other one exists.
  static func expectDisjointAgree(
    _ search: inout PathSearch, _ oracle: BrokerOracle, _ s: Int, _ t: Int, maxHops: Int?, _ label: String
  ) {
    let disjoint = search.strongestPaths(
      from: PersonID(s), to: [PersonID(t)], query: PathQuery(k: 3, maxHops: maxHops, disjoint: true),
      firstHop: { _ in true })
    var avoid = Set<Int>()
    var avoidTies = Set<[Int]>()
    let limit = maxHops ?? 64
    for p in disjoint {
      let expected = oracle.strongestPaths(from: s, to: [t], k: 1, maxHops: limit, avoid: avoid, avoidTies: avoidTies)
        .first
      #expect(p.people.map(Int.init) == expected?.path, "\(label) disjoint \(s)→\(t)")
      for b in p.brokers { avoid.insert(Int(b)) }
      if p.hops == 1 { avoidTies.insert([min(s, t), max(s, t)]) }
    }
    let expectedMore = oracle.strongestPaths(from: s, to: [t], k: 1, maxHops: limit, avoid: avoid, avoidTies: avoidTies)
    #expect(disjoint.count == 3 || expectedMore.isEmpty, "\(label) disjoint \(s)→\(t)")
  }

  /// Without a hop limit and for k > 1 each spur search is an A* search
  /// bounded by every person's least key to the targets: exactly the brute-force
  /// chains with company targets, a first-hop rule and disjoint chains.
  @Test(arguments: 0..<UInt64(60))
  func boundedSpursEqualBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 91_000, maxPeople: 10)
    let oracle = BrokerOracle(AdjacencyOracle(random))
    let (g, _) = try random.build()
    let n = g.personCount
    guard n >= 2 else { return }
    var search = PathSearch(g)
    var rng = SplitMix64(seed: seed)
    func next(_ m: Int) -> Int { Int(rng.next() % UInt64(m)) }
    for _ in 0..<4 {
      let s = next(n)
      let targets = (0..<(1 + next(3))).map { _ in next(n) }
      let banned = next(n)
      let k = 2 + next(5)
      let ours = search.strongestPaths(
        from: PersonID(s), to: targets.map { PersonID($0) }, query: PathQuery(k: k, maxHops: nil),
        firstHop: { $0 != PersonID(banned) })
      let brute = oracle.strongestPaths(from: s, to: targets, k: k, maxHops: 64, firstHop: { $0 != banned })
      #expect(ours.map { $0.people.map(Int.init) } == brute.map(\.path), "\(random) \(s)→\(targets) k \(k)")
      #expect(ours.map(\.quantisedCost) == brute.map(\.cost))
      let t = targets[0] == s ? (s + 1) % n : targets[0]
      Self.expectDisjointAgree(&search, oracle, s, t, maxHops: nil, "\(random)")
    }
  }

  /// The bounded spur searches give the plain ones' chains on larger
  /// networks with many equal strengths (so many chains tie on key).
  @Test(arguments: [UInt64(7), 8])
  func boundedSpursEqualPlainSpurs(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let n = 400
    let g = try StrongestChainTreeTests.equalStrengths(people: n, ties: 2_000, rng: &rng)
    var bounded = PathSearch(g)
    var plain = PathSearch(g)
    plain.boundsSpurs = false
    var compared = 0
    for s in [0, 7, 200, 399] {
      for t in stride(from: 1, to: n, by: 13) where t != s {
        let k = 2 + Int(rng.next() % 7)
        let targets = t % 2 == 0 ? [t] : [t, (t + 50) % n, (t + 101) % n]
        let query = PathQuery(k: k, maxHops: nil, disjoint: t % 5 == 0)
        let firstHop: (PersonID) -> Bool = { $0 % 5 != 2 }
        let ids = targets.map { PersonID($0) }
        let a = bounded.strongestPaths(from: PersonID(s), to: ids, query: query, firstHop: firstHop)
        let b = plain.strongestPaths(from: PersonID(s), to: ids, query: query, firstHop: firstHop)
        #expect(a.map(\.people) == b.map(\.people), "\(s)→\(targets) k \(k)")
        #expect(a.map(\.quantisedCost) == b.map(\.quantisedCost))
        compared += a.count
      }
    }
    #expect(compared > 500)
  }

  @Test func descriptionAndPublishedCases() throws {
    let fx = BrokerFixtures.shared
    // Florentine with uniform strengths, Medici → Strozzi, k = 6: 1 path of 2 hops, 2 of 3, 3 of 4.
    let flo = try fx.unweighted("florentine")
    let nodes = fx.nodes("florentine")
    let medici = PersonID(nodes.firstIndex(of: "Medici")!)
    let strozzi = PersonID(nodes.firstIndex(of: "Strozzi")!)
    let paths = flo.strongestPaths(from: medici, to: [strozzi], query: PathQuery(k: 6, maxHops: nil))
    #expect(paths.map(\.hops) == [2, 3, 3, 4, 4, 4])
    // Les Misérables with s = co-occurrences / 32 (the fixture): Napoleon → Brujon goes via Myriel, Valjean, Thenardier.
    let lm = try fx.weighted("lesmis")
    let ln = fx.nodes("lesmis")
    let p = try #require(
      lm.strongestPaths(
        from: PersonID(ln.firstIndex(of: "Napoleon")!), to: [PersonID(ln.firstIndex(of: "Brujon")!)],
        query: PathQuery(k: 1, maxHops: nil)
      ).first)
    #expect(p.people.map { ln[Int($0)] } == ["Napoleon", "Myriel", "Valjean", "Thenardier", "Brujon"])
    // Product of strengths, Σ −ln s, weakest hop.
    #expect(abs(p.strength - p.strengths.reduce(1, *)) < 1e-15)
    #expect(abs(p.cost + p.strengths.map { log($0) }.reduce(0, +)) < 1e-12)
    #expect(p.strengths[p.weakestHop] == p.strengths.min())
    // No path, empty targets, k = 0.
    let two = try graph(nodes: ["alone"], edges: [("a", "b", 0.5)])
    #expect(two.strongestPaths(from: 1, to: [0]).isEmpty)
    #expect(two.strongestPath(from: 1, to: 0) == nil)
    #expect(two.strongestPaths(from: 1, to: [1]).isEmpty)
    #expect(two.strongestPaths(from: 1, to: [2], query: PathQuery(k: 0)).isEmpty)
  }
}
