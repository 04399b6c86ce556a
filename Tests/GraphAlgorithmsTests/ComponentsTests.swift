import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

@Suite struct ComponentsTests {
  @Test(arguments: 0..<UInt64(200))
  func componentCountEqualsBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 10_000, maxPeople: 80)
    let oracle = AdjacencyOracle(random)
    let (g, _) = try random.build()
    let summary = g.components()
    #expect(summary.count == oracle.componentCount, "\(random)")
    let (labels, count) = g.componentLabels()
    #expect(count == summary.count)
    // Every tie joins people with the same label; labels are numbered by smallest member.
    for (u, v, _) in g.tieList() { #expect(labels[Int(u)] == labels[Int(v)]) }
    var nextLabel: Int32 = 0
    for l in labels where l >= nextLabel {
      #expect(l == nextLabel)
      nextLabel += 1
    }
    #expect(summary.isolated == oracle.neighbors.filter(\.isEmpty).count)
  }

  @Test func degreeSummaryOfAStar() throws {
    var b = GraphBuilder()
    for leaf in 1...4 { _ = try b.addTie(b.person(integerKey: 0), b.person(integerKey: Int64(leaf))) }
    let (g, _) = try b.build()
    let d = g.degreeSummary()
    #expect(d.max == 4 && d.median == 1)
    #expect(abs(d.mean - 1.6) < 1e-12)
    #expect(abs(d.density - 0.4) < 1e-12)
  }
}
