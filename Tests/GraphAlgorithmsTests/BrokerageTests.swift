import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// Gould–Fernandez roles, counted as R sna::brokerage counts an undirected
/// graph (ordered two-paths, so representative = gatekeeper). Tested by
/// pattern, not by sna's shifting labels (trap 14).
@Suite struct BrokerageTests {
  static func counts(_ r: BrokerageRoles) -> [Int] {
    [r.coordinator, r.itinerant, r.representative, r.gatekeeper, r.liaison]
  }

  /// Karate with the two factions: the published sna values (R is not
  /// installed here): node 0 174/0/15/15/0 (t 204); totals 510/20/128/128/0 (786).
  @Test func karateFactionsEqualPublishedSna() throws {
    let fx = BrokerFixtures.shared
    let g = try fx.unweighted("karate")
    let entry = (fx.file.json["brokerage"] as! [String: Any])["karate"] as! [String: Any]
    let labels = entry["groups"] as! [String]
    let groups = labels.map { Int32($0 == "Mr. Hi" ? 0 : 1) }
    let roles = g.brokerageRoles(groups: groups, threads: 2)
    #expect(Self.counts(roles[0]) == [174, 0, 15, 15, 0] && roles[0].total == 204)
    var totals = [0, 0, 0, 0, 0]
    for r in roles { for (i, c) in Self.counts(r).enumerated() { totals[i] += c } }
    #expect(totals == [510, 20, 128, 128, 0] && totals.reduce(0, +) == 786)
    // And person by person against the fixture and the brute force.
    let ref = entry["counts"] as! [[String: Int]]
    let brute = fx.oracle("karate").brokerage(groups: groups.map(Int.init))
    for p in 0..<g.personCount {
      let r = ref[p]
      #expect(
        Self.counts(roles[p]) == [
          r["coordinator"]!, r["itinerant"]!, r["representative"]!, r["gatekeeper"]!, r["liaison"]!,
        ])
      #expect(Self.counts(roles[p]) == brute[p])
    }
  }

  @Test(arguments: BrokerFixtures.randomNames.prefix(40))
  func randomGraphsEqualFixture(name: String) throws {
    let fx = BrokerFixtures.shared
    let g = try fx.weighted(name)
    let entry = (fx.file.json["brokerage"] as! [String: Any])[name] as! [String: Any]
    let groups = (entry["groups"] as! [String]).map { Int32($0.dropFirst())! }
    let ref = entry["counts"] as! [[String: Int]]
    let roles = g.brokerageRoles(groups: groups, threads: 2)
    for p in 0..<g.personCount {
      let r = ref[p]
      #expect(
        Self.counts(roles[p]) == [
          r["coordinator"]!, r["itinerant"]!, r["representative"]!, r["gatekeeper"]!, r["liaison"]!,
        ], "\(name) \(p)")
    }
  }

  @Test(arguments: 0..<UInt64(100))
  func randomMultigraphsEqualBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 80_000, maxPeople: 35)
    let oracle = BrokerOracle(AdjacencyOracle(random))
    let (g, _) = try random.build()
    var state = seed
    let groups = (0..<g.personCount).map { _ -> Int32 in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int32((state >> 33) % 4) * 7 - 3  // sparse, negative labels are fine
    }
    let roles = g.brokerageRoles(groups: groups, threads: 3)
    let brute = oracle.brokerage(groups: groups.map(Int.init))
    var twoPaths = 0
    for p in 0..<g.personCount {
      #expect(Self.counts(roles[p]) == brute[p], "\(random) person \(p)")
      #expect(roles[p].representative == roles[p].gatekeeper)
      twoPaths += roles[p].total
    }
    // t_total = 2 × #(unordered non-adjacent two-paths).
    var unordered = 0
    for j in 0..<g.personCount {
      let nb = Array(oracle.w[j].keys)
      for a in 0..<nb.count {
        for b in (a + 1)..<max(a + 1, nb.count) where oracle.w[nb[a]][nb[b]] == nil { unordered += 1 }
      }
    }
    #expect(twoPaths == 2 * unordered)
  }

  @Test func pathExample() throws {
    // Path 0–1–2–3 with groups (1,1,2,2): node 1 has b_IO = b_OI = 1, t = 2.
    let g = try graph(edges: [("0", "1", nil), ("1", "2", nil), ("2", "3", nil)])
    let roles = g.brokerageRoles(groups: [1, 1, 2, 2])
    #expect(Self.counts(roles[1]) == [0, 0, 1, 1, 0] && roles[1].total == 2)
    #expect(Self.counts(roles[0]) == [0, 0, 0, 0, 0])
    // A star whose centre is in its own group: every pair of leaves from two groups is a liaison pair.
    let star = try graph(edges: [("c", "a1", nil), ("c", "a2", nil), ("c", "b1", nil)])
    let sr = star.brokerageRoles(groups: [0, 1, 1, 2])
    #expect(Self.counts(sr[0]) == [0, 2, 0, 0, 4])
  }
}
