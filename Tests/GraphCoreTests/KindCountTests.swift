import GraphCore
import Testing

/// `TieAttributes.kindCounts` (counting by the kind's code) against counting
/// tie by tie with `kind(_:)` and `isInferred(_:)`, on seeded random networks.
@Suite struct KindCountTests {
  @Test(arguments: [UInt64(20_261_128), 1, 2, 3])
  func agreesWithCountingTieByTie(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    var b = GraphBuilder()
    let kinds: [String?] = [nil, "linkedin", "colleague", "inferred:same-company", "inferred:same-company+co-presence"]
    for _ in 0..<400 {
      let u = b.person(key: "p\(rng.next() % 60)")
      let v = b.person(key: "p\(rng.next() % 60)")
      let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
      let inferred = rng.next() % 3 == 0
      _ = try? b.addTie(u, v, evidence: TieEvidence(kind: kind, inferredConfidence: inferred ? 0.5 : nil))
    }
    let g = try b.build().0
    var expected: [String: (ties: Int, inferred: Int)] = [:]
    for t in 0..<g.tieCount {
      let k = g.ties.kind(t) ?? "none"
      expected[k, default: (0, 0)].ties += 1
      if g.ties.isInferred(t) { expected[k, default: (0, 0)].inferred += 1 }
    }
    let counted = g.ties.kindCounts()
    #expect(counted.count == expected.count)
    #expect(counted.reduce(0) { $0 + $1.ties } == g.tieCount)
    for c in counted {
      let e = expected[c.kind ?? "none"]
      #expect(e?.ties == c.ties && e?.inferred == c.inferred, "\(c.kind ?? "none")")
    }
  }
}
