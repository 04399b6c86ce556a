import Foundation
import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

@Suite struct CommunitiesTests {
  /// Zachary's faction split (networkx `club` attribute), by karate node id.
  static let officers: Set<Int> = [9, 14, 15, 18, 20, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33]

  func karate() throws -> Graph { try FixtureFile("reach_fixtures.json").graph("karate") }

  /// Oracles: Q of the faction split, unweighted, at γ = 1, 0.5 and 2.
  @Test func modularityOfTheFactionSplitEqualsNetworkx() throws {
    let g = try karate()
    let labels = (0..<g.personCount).map { Self.officers.contains(Int(g.people.id(of: PersonID($0)))!) ? Int32(1) : 0 }
    #expect(abs(g.modularity(labels: labels) - 0.358235) < 5e-7)
    #expect(abs(g.modularity(labels: labels, resolution: 0.5) - 0.608605) < 5e-7)
    #expect(abs(g.modularity(labels: labels, resolution: 2) - (-0.142505)) < 5e-7)
  }

  /// Louvain output is tested by properties only (never by exact membership).
  @Test func louvainOnKarateReachesGoodModularity() throws {
    let g = try karate()
    let p = g.louvainCommunities(seed: 2)
    #expect(p.labels.count == 34)
    #expect(Set(p.labels).count == p.count)
    #expect(p.modularity >= 0.41, "Q = \(p.modularity)")
    #expect(p.modularity <= 0.419790 + 1e-9, "cannot beat the known optimum")
    #expect(abs(p.modularity - g.modularity(labels: p.labels)) < 1e-12)
    #expect(g.louvainCommunities(seed: 2) == p, "same seed, same partition")
    let fine = g.louvainCommunities(resolution: 2, seed: 2)
    #expect(fine.count >= p.count, "γ > 1 gives more, smaller communities")
  }

  /// Modularity equals a brute-force double sum over all pairs; Louvain and
  /// Leiden never do worse than singletons or a single community, Leiden
  /// reaches Louvain's Q with connected communities, on 100 seeded random graphs.
  @Test(arguments: 0..<UInt64(100))
  func modularityEqualsBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 31_000, maxPeople: 40)
    let (g, _) = try random.build()
    try checkAgainstBruteForce(g, g.louvainCommunities(seed: seed), random)
    let leiden = g.leidenCommunities(seed: seed)
    try checkAgainstBruteForce(g, leiden, random)
    #expect(leiden.modularity >= g.louvainCommunities(seed: seed).modularity - 1e-12, "\(random)")
    #expect(Self.connected(g, leiden.labels), "\(random): every Leiden community is connected")
    #expect(g.leidenCommunities(seed: seed) == leiden, "\(random): deterministic")
    #expect(g.leidenCommunities(seed: seed, threads: 2) == leiden, "\(random): the same on two threads")
  }

  /// Leiden's runs side by side give the partition they give one after the
  /// other, for any thread count (seeded random graphs of up to 400 people).
  @Test(arguments: [UInt64(77), 78, 79])
  func leidenIsTheSameForAnyThreadCount(seed: UInt64) throws {
    let (g, _) = try RandomMultigraph(seed: seed, maxPeople: 400).build()
    let one = g.leidenCommunities(seed: seed, threads: 1)
    for threads in [2, 3, 8] {
      #expect(g.leidenCommunities(seed: seed, threads: threads) == one, "seed \(seed), \(threads) threads")
    }
  }

  func checkAgainstBruteForce(_ g: Graph, _ p: CommunityPartition, _ random: RandomMultigraph) throws {
    let n = g.personCount
    var m2 = 0.0
    var k = [Double](repeating: 0, count: n)
    for u in 0..<n {
      for s in g.strengths(of: PersonID(u)) {
        k[u] += Double(s)
        m2 += Double(s)
      }
    }
    guard m2 > 0 else {
      #expect(p.modularity == 0)
      return
    }
    var q = 0.0
    for i in 0..<n {
      for j in 0..<n where p.labels[i] == p.labels[j] {
        let a = Double(g.strength(between: PersonID(i), and: PersonID(j)) ?? 0)
        q += a - k[i] * k[j] / m2
      }
    }
    q /= m2
    #expect(abs(q - p.modularity) < 1e-9, "\(random)")
    let singletons = g.modularity(labels: (0..<n).map { Int32($0) })
    let single = g.modularity(labels: [Int32](repeating: 0, count: n))
    #expect(p.modularity >= singletons - 1e-12 && p.modularity >= single - 1e-12, "\(random)")
    // Labels are numbered by size, largest first.
    var sizes = [Int](repeating: 0, count: p.count)
    for l in p.labels { sizes[Int(l)] += 1 }
    #expect(sizes == sizes.sorted(by: >))
  }

  /// Six cliques of eight people in a ring, one tie between neighbouring
  /// cliques: the cliques are the partition of highest modularity, and
  /// Louvain must return exactly them for any seed.
  @Test(arguments: [UInt64(1), 7, 42])
  func louvainRecoversARingOfCliques(seed: UInt64) throws {
    var b = GraphBuilder()
    let cliques = 6
    let size = 8
    for c in 0..<cliques {
      for i in 0..<size {
        for j in (i + 1)..<size {
          _ = try b.addTie(b.person(integerKey: Int64(c * size + i)), b.person(integerKey: Int64(c * size + j)))
        }
      }
      _ = try b.addTie(
        b.person(integerKey: Int64(c * size)), b.person(integerKey: Int64(((c + 1) % cliques) * size + 1)))
    }
    let (g, _) = try b.build()
    let p = g.louvainCommunities(seed: seed)
    #expect(p.count == cliques)
    for u in 0..<g.personCount {
      let key = Int(g.people.id(of: PersonID(u)))!
      for v in 0..<g.personCount {
        let other = Int(g.people.id(of: PersonID(v)))!
        #expect((p.labels[u] == p.labels[v]) == (key / size == other / size))
      }
    }
  }

  /// After the refinement on the way back, no single person can raise Q by
  /// moving to a neighbouring community: checked with `modularity(labels:)`
  /// (itself checked against a brute-force sum above) on seeded random graphs.
  @Test(arguments: 0..<UInt64(40))
  func louvainEndsWithNoImprovingSingleMove(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 57_000, maxPeople: 40)
    let (g, _) = try random.build()
    let p = g.louvainCommunities(seed: seed)
    var labels = p.labels
    for u in 0..<g.personCount {
      let own = labels[u]
      for c in Set(g.neighbors(of: PersonID(u)).map { p.labels[Int($0)] }) where c != own {
        labels[u] = c
        #expect(g.modularity(labels: labels) <= p.modularity + 1e-9, "\(random): person \(u) to \(c)")
      }
      labels[u] = own
    }
  }

  /// Whether every community induces a connected subgraph.
  static func connected(_ g: Graph, _ labels: [Int32]) -> Bool {
    var seen = [Bool](repeating: false, count: g.personCount)
    var started = Set<Int32>()
    for s in 0..<g.personCount where !seen[s] {
      if !started.insert(labels[s]).inserted { return false }  // a second piece of the same community
      var stack = [s]
      seen[s] = true
      while let u = stack.popLast() {
        for v in g.neighbors(of: PersonID(u)) where !seen[Int(v)] && labels[Int(v)] == labels[u] {
          seen[Int(v)] = true
          stack.append(Int(v))
        }
      }
    }
    return true
  }
}

/// Leiden reaches at least Louvain's modularity on real networks, for the
/// same seed, with connected communities. Skipped when the real-data folder
/// is absent.
@Suite struct LeidenRealDataTests: NetworkFileSuite {
  @Test(arguments: [
    "networkx-classics/les_miserables_edges.csv", "networkx-classics/karate_club_edges.csv",
    "snap-email-eu-core/email-Eu-core.txt", "snap-ca-grqc/CA-GrQc.txt",
  ])
  func leidenReachesLouvain(file: String) throws {
    guard let path = real(file) else { return }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let g = try load(text, name: String(file.split(separator: "/").last!)).graph
    for seed in [UInt64(1), 2, 42] {
      let leiden = g.leidenCommunities(seed: seed)
      let louvain = g.louvainCommunities(seed: seed)
      #expect(
        leiden.modularity >= louvain.modularity - 1e-12,
        "\(file) seed \(seed): \(leiden.modularity) < \(louvain.modularity)")
      #expect(CommunitiesTests.connected(g, leiden.labels), "\(file) seed \(seed)")
      print("\(file) seed \(seed): Leiden \(leiden.modularity), Louvain \(louvain.modularity)")
    }
  }
}
