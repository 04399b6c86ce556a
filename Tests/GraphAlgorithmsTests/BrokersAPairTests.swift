import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// `Graph.brokersAPair`: whether two of a person's contacts are not tied to
/// each other — the people a broker list leaves out are those without.
@Suite struct BrokersAPairTests {
  @Test(arguments: 0..<UInt64(60))
  func equalsBruteForceAndUnweightedBetweenness(seed: UInt64) throws {
    let (g, _) = try RandomMultigraph(seed: seed, maxPeople: 30).build()
    let b = g.betweenness(weighted: false, threads: 1)
    let roles = g.brokerageRoles(groups: [Int32](repeating: 0, count: g.personCount))
    for p in 0..<PersonID(g.personCount) {
      let contacts = Array(g.neighbors(of: p))
      var open = false
      for i in contacts.indices {
        for j in contacts.indices where j > i && !g.areTied(contacts[i], contacts[j]) { open = true }
      }
      #expect(g.brokersAPair(p) == open, "seed \(seed), person \(p)")
      // Unweighted: an open pair of contacts is a shortest chain through p, and every role counts one.
      #expect(open == (b.raw[Int(p)] > 0), "seed \(seed), person \(p)")
      #expect(open == (roles[Int(p)].total > 0), "seed \(seed), person \(p)")
    }
  }

  @Test func smallCases() throws {
    var builder = GraphBuilder()
    for p in 0..<6 { _ = builder.person(integerKey: Int64(p)) }
    // Triangle 0–1–2 with 3 hanging off 0; 4–5 apart.
    for (a, c) in [(0, 1), (1, 2), (0, 2), (0, 3), (4, 5)] { _ = try builder.addTie(PersonID(a), PersonID(c)) }
    let g = try builder.build().0
    #expect((0..<6).map { g.brokersAPair(PersonID($0)) } == [true, false, false, false, false, false])
  }
}
