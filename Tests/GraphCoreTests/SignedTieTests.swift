import GraphCore
import Testing

/// Negative (signed) ties: the sign folded with parallel rows, and
/// `Graph.withoutNegativeTies()` against a graph built from the positive rows alone.
@Suite struct SignedTieTests {
  /// Random rows (a, b, strength, negative, interactions, kind) on `people`
  /// people, with parallel rows of either sign and a few self-ties.
  struct Rows {
    var people: Int
    var rows: [(a: Int, b: Int, strength: Double, negative: Bool, interactions: Int?, kind: String?)] = []

    init(seed: UInt64) {
      var rng = SplitMix64(seed: seed)
      people = 1 + Int(rng.next() % 40)
      let count = Int(rng.next() % UInt64(people * 3 + 1))
      for _ in 0..<count {
        let a = Int(rng.next() % UInt64(people))
        let b = Int(rng.next() % UInt64(people))
        rows.append(
          (
            a, b, Double(1 + rng.next() % 1000) / 1000, rng.next() % 4 == 0,
            rng.next() % 3 == 0 ? Int(rng.next() % 9) : nil, rng.next() % 5 == 0 ? "k\(rng.next() % 3)" : nil
          ))
      }
    }

    /// The graph of the rows `include` accepts; every person is added first, in id order.
    func build(_ include: (Int) -> Bool = { _ in true }) throws -> Graph {
      var b = GraphBuilder()
      for p in 0..<people { _ = b.person(key: "p\(p)") }
      for (i, r) in rows.enumerated() where include(i) {
        _ = try b.addTie(
          PersonID(r.a), PersonID(r.b),
          evidence: TieEvidence(strength: r.strength, interactions: r.interactions, kind: r.kind, negative: r.negative))
      }
      return try b.build().0
    }

    /// Unordered pairs with at least one negative row: the fold rule, by brute force.
    var negativePairs: Set<[Int]> {
      Set(rows.filter { $0.negative && $0.a != $0.b }.map { [min($0.a, $0.b), max($0.a, $0.b)] })
    }
  }

  @Test(arguments: 0..<UInt64(200))
  func withoutNegativeTiesEqualsThePositiveRowsAlone(seed: UInt64) throws {
    let rows = Rows(seed: seed)
    let g = try rows.build()
    let negative = rows.negativePairs
    // The sign of every tie: negative when any of its rows is.
    for (t, (u, v, _)) in g.tieList().enumerated() {
      #expect(g.ties.isNegative(t) == negative.contains([Int(u), Int(v)]), "seed \(seed) tie \(u)–\(v)")
    }
    #expect(g.ties.negativeCount == negative.count)
    let kept = g.withoutNegativeTies()
    try kept.checkInvariants()
    let oracle = try rows.build { i in
      let r = rows.rows[i]
      return !negative.contains([min(r.a, r.b), max(r.a, r.b)])
    }
    #expect(kept.personCount == g.personCount && kept.ties.negativeCount == 0)
    #expect((0..<g.personCount).allSatisfy { kept.people.id(of: PersonID($0)) == g.people.id(of: PersonID($0)) })
    #expect(kept.tieList().map { [$0.0, $0.1] } == oracle.tieList().map { [$0.0, $0.1] }, "seed \(seed)")
    #expect(kept.tieList().map(\.2) == oracle.tieList().map(\.2), "strengths, seed \(seed)")
    for t in 0..<kept.tieCount {
      #expect(kept.ties.interactions(t) == oracle.ties.interactions(t), "seed \(seed) tie \(t)")
      #expect(kept.ties.kind(t) == oracle.ties.kind(t), "seed \(seed) tie \(t)")
      #expect(kept.ties.isRated(t) == oracle.ties.isRated(t))
    }
  }

  @Test func keepingTiesRenumbersInOrder() throws {
    // A path 0–1–2–3 plus 0–3; keep the even tie ids (0–1, 1–2 are ids 0 and 2? ids are (u, v) ranks).
    var b = GraphBuilder()
    for p in 0..<4 { _ = b.person(key: "\(p)") }
    for (x, y) in [(0, 1), (1, 2), (2, 3), (0, 3)] { _ = try b.addTie(PersonID(x), PersonID(y), strength: 0.5) }
    let g = try b.build().0
    // Tie ids: 0–1 (0), 0–3 (1), 1–2 (2), 2–3 (3).
    let even = g.keepingTies { $0 % 2 == 0 }
    try even.checkInvariants()
    #expect(even.tieList().map { [$0.0, $0.1] } == [[0, 1], [1, 2]])
    #expect(g.withoutNegativeTies().tieCount == 4, "no negative tie: the same graph")
  }
}
