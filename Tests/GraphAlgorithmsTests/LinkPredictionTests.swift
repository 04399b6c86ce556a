import Foundation
import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// The networkx fixture (`Fixtures/link_prediction.json`, written by
/// `make_link_prediction_fixtures.py`), loaded once.
enum LinkFixture {
  nonisolated(unsafe) static let file = try! FixtureFile("link_prediction.json")
  static let classic = ["karate", "florentine", "lesmis", "davis"]
  static let randomNames = (0..<120).map { "random_\($0)" }

  /// The graph and a name → person map.
  static func graph(_ name: String) throws -> (Graph, [String: PersonID]) {
    let g = try file.graph(name)
    var ids: [String: PersonID] = [:]
    for p in 0..<PersonID(g.personCount) { ids[g.people.id(of: p)] = p }
    return (g, ids)
  }

  /// networkx's values for every non-edge: (u, v, common, jaccard, adamicAdar, resourceAllocation).
  static func pairs(_ name: String) -> [(String, String, Int, Double, Double, Double)] {
    let rows = (file.json["pairs"] as! [String: Any])[name] as! [[Any]]
    return rows.map { r in
      ("\(r[0])", "\(r[1])", r[2] as! Int, number(r[3]), number(r[4]), number(r[5]))
    }
  }

  static func number(_ x: Any) -> Double { (x as? Double) ?? Double(x as! Int) }
}

func near(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

@Suite struct LinkPredictionTests {
  // MARK: networkx's own micro-oracles (test_link_prediction.py)

  @Test func networkxMicroOraclesPairwise() throws {
    var k5: [(String, String, Double?)] = []
    for i in 0..<5 { for j in (i + 1)..<5 { k5.append(("\(i)", "\(j)", nil)) } }
    let g = try graph(edges: k5)
    let s = g.linkScores(0, 1)
    #expect(
      s.commonNeighbors == 3 && near(s.jaccard, 0.6) && near(s.adamicAdar, 3 / log(4.0))
        && near(s.resourceAllocation, 0.75))
    let p3 = try graph(edges: [("0", "1", nil), ("1", "2", nil)])
    #expect(near(p3.linkScores(0, 2).adamicAdar, 1 / log(2.0)) && near(p3.linkScores(0, 2).resourceAllocation, 0.5))
    let star = try graph(edges: (1...4).map { ("0", "\($0)", nil) })
    #expect(
      near(star.linkScores(1, 2).adamicAdar, 1 / log(4.0)) && near(star.linkScores(1, 2).resourceAllocation, 0.25))
    var k4: [(String, String, Double?)] = []
    for i in 0..<4 { for j in (i + 1)..<4 { k4.append(("\(i)", "\(j)", nil)) } }
    #expect(near(try graph(edges: k4).linkScores(0, 0).resourceAllocation, 1), "RA of (0,0) in K4 is 1")
    let h = try graph(edges: [("0", "1", nil), ("0", "2", nil), ("2", "3", nil)])
    #expect(near(h.linkScores(0, 3).adamicAdar, 1 / log(2.0)) && near(h.linkScores(1, 2).adamicAdar, 1 / log(2.0)))
    #expect(h.linkScores(1, 3).adamicAdar == 0 && h.linkScores(1, 3).jaccard == 0)
    #expect(near(h.linkScores(0, 3).jaccard, 0.5) && near(h.linkScores(1, 2).jaccard, 0.5))
  }

  @Test func emptyNeighbourhoodsGiveZeroJaccard() throws {
    let g = try graph(nodes: ["a", "b", "c"], edges: [("b", "c", nil)])
    #expect(g.linkScores(0, 1) == LinkScores(commonNeighbors: 0, jaccard: 0, adamicAdar: 0, resourceAllocation: 0))
    #expect(g.topLinkPredictions(k: 5).candidates.isEmpty)
  }

  // MARK: networkx on the classic graphs and 120 seeded random graphs, all non-edges

  static let allFixtureGraphs = LinkFixture.classic + LinkFixture.randomNames

  @Test(arguments: allFixtureGraphs)
  func pairwiseEqualsNetworkxOnAllNonEdges(name: String) throws {
    let (g, id) = try LinkFixture.graph(name)
    let reference = LinkFixture.pairs(name)
    let n = g.personCount
    #expect(reference.count == n * (n - 1) / 2 - g.tieCount, "\(name): networkx scores every non-edge")
    let pairs = reference.map { (id[$0.0]!, id[$0.1]!) }
    let batch = g.linkScores(pairs: pairs, threads: 3)
    for (k, r) in reference.enumerated() {
      let s = g.linkScores(pairs[k].0, pairs[k].1)
      #expect(s == batch[k])
      #expect(
        s.commonNeighbors == r.2 && near(s.jaccard, r.3) && near(s.adamicAdar, r.4) && near(s.resourceAllocation, r.5),
        "\(name) \(r.0)–\(r.1): ours \(s), networkx \(r)")
    }
  }

  /// Network-wide top-k per person equals networkx's all-non-edge scores
  /// restricted to distance 2 and ranked, tie-aware.
  @Test(arguments: allFixtureGraphs)
  func topKPerPersonEqualsNetworkxRanking(name: String) throws {
    let (g, id) = try LinkFixture.graph(name)
    var rows = [[(Int, Int, Double, Double, Double)]](repeating: [], count: g.personCount)
    for r in LinkFixture.pairs(name) where r.2 > 0 {
      let u = Int(id[r.0]!)
      let v = Int(id[r.1]!)
      rows[u].append((v, r.2, r.3, r.4, r.5))
      rows[v].append((u, r.2, r.3, r.4, r.5))
    }
    let indices: [(LinkIndex, ((Int, Int, Double, Double, Double)) -> Double)] = [
      (.adamicAdar, { $0.3 }), (.resourceAllocation, { $0.4 }), (.jaccard, { $0.2 }),
      (.commonNeighbors, { Double($0.1) }),
    ]
    for (index, value) in indices {
      for k in [3, 10] {
        let top = g.topLinkPredictions(k: k, by: index, threads: 2)
        #expect(top.pairsScored * 2 == rows.reduce(0) { $0 + $1.count })
        for u in 0..<g.personCount {
          var reference = rows[u].map { ($0.0, value($0)) }
          reference.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
          let ours = top.candidates(of: PersonID(u)).map { (Int($0.person), $0.score) }
          #expect(
            rankedListsAgree(ours, Array(reference.prefix(k))),
            "\(name) \(index) k=\(k) person \(g.people.id(of: PersonID(u)))")
        }
      }
    }
  }

  /// Florentine: the 10th-best Adamic–Adar pair network-wide is a 9-way tie (trap 15);
  /// our global order must be score desc, then ids, and agree tie-aware.
  @Test func florentineTopTenHasTies() throws {
    let (g, id) = try LinkFixture.graph("florentine")
    var reference = LinkFixture.pairs("florentine").map { (PersonPair(id[$0.0]!, id[$0.1]!), $0.4) }
    reference.sort { $0.1 != $1.1 ? $0.1 > $1.1 : ($0.0.low, $0.0.high) < ($1.0.low, $1.0.high) }
    var ours: [(PersonPair, Double)] = []
    for u in 0..<PersonID(g.personCount) {
      for v in (u + 1)..<PersonID(g.personCount) where !g.areTied(u, v) {
        ours.append((PersonPair(u, v), g.linkScores(u, v).adamicAdar))
      }
    }
    ours.sort { $0.1 != $1.1 ? $0.1 > $1.1 : ($0.0.low, $0.0.high) < ($1.0.low, $1.0.high) }
    #expect(rankedListsAgree(Array(ours.prefix(10)), Array(reference.prefix(10))))
    let tenth = reference[9].1
    #expect(reference.filter { near($0.1, tenth) }.count >= 2, "ties at the cut")
  }

  // MARK: brute force on seeded random multigraphs

  @Test(arguments: 0..<UInt64(100))
  func equalsBruteForceOnRandomMultigraphs(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 60_000, maxPeople: 50)
    let (g, _) = try random.build()
    let oracle = LinkPredictionOracle(neighbors: AdjacencyOracle(random).neighbors)
    let n = g.personCount
    for u in 0..<n {
      for v in (u + 1)..<n {
        let s = g.linkScores(PersonID(u), PersonID(v))
        let o = oracle.scores(u, v)
        #expect(
          s.commonNeighbors == o.0 && near(s.jaccard, o.1) && near(s.adamicAdar, o.2)
            && near(s.resourceAllocation, o.3),
          "\(random) pair \(u)–\(v)")
        #expect(g.commonContacts(PersonID(u), PersonID(v)).count == o.0)
      }
    }
    for (i, index) in [LinkIndex.commonNeighbors, .jaccard, .adamicAdar, .resourceAllocation].enumerated() {
      for minCommon in [1, 2] {
        let one = g.topLinkPredictions(k: 4, by: index, minCommon: minCommon, threads: 1)
        let many = g.topLinkPredictions(k: 4, by: index, minCommon: minCommon, threads: 4)
        #expect(one == many, "identical for any thread count")
        var pairs = 0
        for u in 0..<n {
          let reference = oracle.distanceTwoRanking(of: u, index: i, minCommon: minCommon)
          pairs += reference.count
          let ours = one.candidates(of: PersonID(u)).map { (Int($0.person), $0.score) }
          #expect(
            rankedListsAgree(ours, Array(reference.prefix(4))), "\(random) \(index) minCommon \(minCommon) person \(u)")
          // Exact order: score desc, then id asc.
          for (x, y) in zip(ours, ours.dropFirst()) { #expect(x.1 > y.1 || (x.1 == y.1 && x.0 < y.0)) }
          for (x, score) in ours {
            #expect(score == g.linkScores(PersonID(u), PersonID(x))[index], "bit-identical to the pairwise value")
          }
        }
        #expect(one.pairsScored * 2 == pairs)
      }
    }
  }

  @Test func excludingAPersonDropsItFromBothNeighbourhoods() throws {
    // e knows a and b; w knows a and b; e is excluded.
    let g = try graph(edges: [("e", "a", nil), ("e", "b", nil), ("w", "a", nil), ("w", "b", nil), ("w", "x", nil)])
    let whole = g.linkScores(1, 2)
    let besides = g.linkScores(1, 2, excluding: 0)
    #expect(whole.commonNeighbors == 2 && besides.commonNeighbors == 1)
    #expect(near(whole.jaccard, 1) && near(besides.jaccard, 1))
    #expect(near(whole.resourceAllocation - besides.resourceAllocation, 0.5), "ego's term 1/deg(e)")
    #expect(near(whole.adamicAdar - besides.adamicAdar, 1 / log(2.0)))
    #expect(g.linkScores(1, 2, excluding: 4) == whole, "excluding a non-common contact changes nothing")
  }
}
