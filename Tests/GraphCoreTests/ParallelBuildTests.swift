@_spi(Internals) import GraphCore
import LiaisonTestSupport
import Testing

/// The CSR built on two threads (tie rows cut in two halves, each counted
/// and scattered by its own thread; people's rows sorted in two ranges) is
/// the one-thread graph, byte for byte, on networks large enough to be cut
/// (at least 65,536 tie rows), with parallel rows in both directions, a hub
/// whose row is sorted the long way, and evidence merged across rows.
@Suite struct ParallelBuildTests {
  static func builder(seed: UInt64, people: Int, rows: Int) throws -> (GraphBuilder, [(Int, Int)]) {
    var rng = SplitMix64(seed: seed)
    var b = GraphBuilder()
    for p in 0..<people { _ = b.person(integerKey: Int64(p)) }
    var pairs: [(Int, Int)] = []
    for i in 0..<rows {
      // Every 7th row touches the hub (person 0); every 11th repeats an earlier pair reversed.
      var a = Int(rng.next() % UInt64(people))
      var c = i % 7 == 0 ? 0 : Int(rng.next() % UInt64(people))
      if i % 11 == 0, let earlier = pairs.isEmpty ? nil : pairs[Int(rng.next() % UInt64(pairs.count))] {
        (a, c) = (earlier.1, earlier.0)
      }
      pairs.append((a, c))
      let evidence = TieEvidence(
        strength: rng.next() % 3 == 0 ? nil : Double(1 + rng.next() % 1000) / 1000,
        interactions: rng.next() % 2 == 0 ? nil : Int(rng.next() % 50),
        lastContact: rng.next() % 2 == 0 ? nil : Day(daysSinceEpoch: Int32(19_000 + rng.next() % 1500)),
        since: rng.next() % 2 == 0 ? nil : Day(daysSinceEpoch: Int32(15_000 + rng.next() % 3000)),
        kind: ["colleague", "friend", nil][Int(rng.next() % 3)], source: ["a.csv", "b.csv"][Int(rng.next() % 2)])
      _ = try b.addTie(PersonID(a), PersonID(c), evidence: evidence)
    }
    return (b, pairs)
  }

  @Test(arguments: [UInt64(31), 32])
  func twoThreadsBuildTheOneThreadGraph(seed: UInt64) throws {
    let people = 4_000
    let (builder, pairs) = try Self.builder(seed: seed, people: people, rows: 90_000)
    let (one, oneReport) = try builder.build(threads: 1)
    let (two, twoReport) = try builder.build(threads: 2)
    try two.checkInvariants()
    #expect(oneReport == twoReport)
    #expect(oneReport.parallelTiesMerged > 0 && oneReport.selfTiesDropped > 0)
    #expect(one.degree(of: 0) > 32, "the hub's row is sorted the long way")
    func csr(_ g: Graph) -> ([UInt32], [Int32], [Float]) {
      g.withCSR { o, t, s in (Array(o), Array(t), Array(s)) }
    }
    let (o1, t1, s1) = csr(one)
    let (o2, t2, s2) = csr(two)
    #expect(o1 == o2)
    #expect(t1 == t2)
    #expect(s1.map(\.bitPattern) == s2.map(\.bitPattern))
    for t in 0..<one.tieCount {
      let a = one.ties
      let b = two.ties
      #expect(a.interactions(t) == b.interactions(t) && a.lastContact(t) == b.lastContact(t), "tie \(t)")
      #expect(a.since(t) == b.since(t) && a.kind(t) == b.kind(t) && a.source(t) == b.source(t), "tie \(t)")
    }
    // And both are the network the rows describe: each person's distinct contacts, ascending.
    var oracle = [Set<Int>](repeating: [], count: people)
    for (a, c) in pairs where a != c {
      oracle[a].insert(c)
      oracle[c].insert(a)
    }
    for p in 0..<people {
      #expect(Array(two.neighbors(of: PersonID(p))) == oracle[p].sorted().map { PersonID($0) }, "row \(p)")
    }
  }
}
