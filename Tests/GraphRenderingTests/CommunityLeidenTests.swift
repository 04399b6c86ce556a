import Foundation
import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// Leiden (the refinement step added to Louvain in Communities.swift):
/// quality on karate, connected communities on seeded graphs, determinism.
/// (Kept beside the rendering tests, which colour by community.)
@Suite struct CommunityLeidenTests {
  static func karate() throws -> Graph {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("GraphAlgorithmsTests/Fixtures/reach_fixtures.json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    let g = (json["graphs"] as! [String: Any])["karate"] as! [String: Any]
    let nodes = (g["nodes"] as! [Any]).map { "\($0)" }
    let edges = (g["edges"] as! [[Any]]).map { e -> (String, String, Double?) in ("\(e[0])", "\(e[1])", nil) }
    return try graph(nodes: nodes, edges: edges)
  }

  /// Whether every community induces a connected subgraph (BFS inside it).
  static func connected(_ g: Graph, _ labels: [Int32]) -> Bool {
    var seen = [Bool](repeating: false, count: g.personCount)
    var started = Set<Int32>()
    for s in 0..<g.personCount where !seen[s] {
      if started.contains(labels[s]) { return false }  // a second piece of the same community
      started.insert(labels[s])
      var queue = [s]
      seen[s] = true
      while let u = queue.popLast() {
        for v in g.neighbors(of: PersonID(u)) where !seen[Int(v)] && labels[Int(v)] == labels[u] {
          seen[Int(v)] = true
          queue.append(Int(v))
        }
      }
    }
    return true
  }

  @Test func karateModularity() throws {
    let g = try Self.karate()
    let leiden = g.leidenCommunities()
    #expect(leiden.modularity >= 0.41, "Q = \(leiden.modularity)")
    #expect(abs(leiden.modularity - g.modularity(labels: leiden.labels)) < 1e-12)
    #expect(Self.connected(g, leiden.labels))
    #expect(g.louvainCommunities().modularity >= 0.41)
  }

  @Test func communitiesAreConnectedAndReproducible() throws {
    var louvainDisconnected = 0
    for seed in UInt64(1)...30 {
      let g = try RenderFixtures.network(people: 150, ties: 420, seed: seed)
      let a = g.leidenCommunities(seed: seed)
      #expect(Self.connected(g, a.labels), "seed \(seed): every Leiden community is connected")
      #expect(a == g.leidenCommunities(seed: seed), "seed \(seed): deterministic")
      #expect(abs(a.modularity - g.modularity(labels: a.labels)) < 1e-9)
      let singletons = (0..<g.personCount).map { Int32($0) }
      #expect(a.modularity >= g.modularity(labels: singletons) - 1e-12)
      let louvain = g.louvainCommunities(seed: seed)
      #expect(
        a.modularity >= louvain.modularity - 1e-12,
        "seed \(seed): Leiden \(a.modularity) vs Louvain \(louvain.modularity)")
      if !Self.connected(g, louvain.labels) { louvainDisconnected += 1 }
    }
    print("Louvain returned a disconnected community on \(louvainDisconnected) of 30 graphs")
  }

  @Test func resolutionChangesTheScale() throws {
    let g = try RenderFixtures.network(people: 200, ties: 700, seed: 99)
    #expect(g.leidenCommunities(resolution: 2).count > g.leidenCommunities(resolution: 0.5).count)
  }
}
