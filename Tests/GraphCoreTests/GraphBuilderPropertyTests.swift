import GraphCore
import LiaisonTestSupport
import Testing

/// CSR invariants and neighbour sets against a brute-force adjacency oracle,
/// on 240 seeded random multigraphs with duplicates, self-ties and isolated people.
@Suite struct GraphBuilderPropertyTests {
  @Test(arguments: 0..<UInt64(240))
  func csrEqualsAdjacencySets(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed)
    let oracle = AdjacencyOracle(random)
    let (graph, report) = try random.build()
    try graph.checkInvariants()
    #expect(graph.personCount == random.people, "\(random)")
    #expect(report.selfTiesDropped == oracle.selfTies, "\(random)")
    #expect(report.parallelTiesMerged == oracle.parallel, "\(random)")
    var ties = 0
    for p in 0..<random.people {
      let row = Array(graph.neighbors(of: PersonID(p)))
      #expect(row == oracle.neighbors[p].sorted().map { PersonID($0) }, "row \(p) of \(random)")
      #expect(graph.degree(of: PersonID(p)) == oracle.neighbors[p].count)
      for (q, s) in zip(row, graph.strengths(of: PersonID(p))) {
        #expect(s == oracle.strength(p, Int(q)), "strength \(p)–\(q) of \(random)")
        let id = try #require(graph.tieID(between: PersonID(p), and: q))
        let (u, v) = graph.endpoints(ofTie: id)
        #expect((u, v) == (min(PersonID(p), q), max(PersonID(p), q)), "tie id round trip \(random)")
      }
      ties += oracle.neighbors[p].count
    }
    #expect(graph.tieCount * 2 == ties)
    #expect(graph.tieList().count == graph.tieCount)
    #expect(
      graph.tieList().enumerated().allSatisfy { graph.tieID(between: $0.element.0, and: $0.element.1) == $0.offset })
  }

  @Test func unratedTiesGetTheDefaultStrengthAndClass() throws {
    var b = GraphBuilder()
    let a = b.person(key: "a")
    let c = b.person(key: "c")
    let d = b.person(key: "d")
    _ = try b.addTie(a, c)
    _ = try b.addTie(c, d, strength: 0.9)
    let (g, _) = try b.build()
    #expect(g.strength(between: a, and: c) == TieClassifier.defaultStrength)
    let counts = g.tieClassCounts()
    #expect(counts[.unrated] == 1)
    #expect(counts[.strong] == 1)
  }

  @Test func invalidStrengthsAreRefused() {
    var b = GraphBuilder()
    let a = b.person(key: "a")
    let c = b.person(key: "c")
    for bad: Float in [0, -0.5, 1.5, .nan, .infinity] {
      #expect(throws: GraphBuildError.self) { _ = try b.addTie(a, c, strength: bad) }
    }
    #expect(b.tieRowCount == 0)
  }

  @Test func integerKeysAreNumberedInAscendingOrder() throws {
    var b = GraphBuilder()
    let p30 = b.person(key: "30")
    let p4 = b.person(integerKey: 4)
    let p1000000 = b.person(key: "1000000")
    _ = try b.addTie(p30, p4)
    _ = try b.addTie(p30, p1000000, strength: 0.25)
    let (g, _) = try b.build()
    #expect((0..<3).map { g.people.id(of: PersonID($0)) } == ["4", "30", "1000000"])
    #expect(g.people.resolve("30") == .person(1))
    #expect(g.strength(between: 1, and: 2) == 0.25)
    try g.checkInvariants()
  }

  @Test func mixedKeysSwitchToStringsWithoutLosingPeople() throws {
    var b = GraphBuilder()
    let x = b.person(key: "7")
    let y = b.person(key: "007")  // not canonical: a different id
    let z = b.person(key: "7")
    #expect(x == z)
    #expect(x != y)
    _ = try b.addTie(x, y)
    let (g, _) = try b.build()
    #expect(g.personCount == 2)
    #expect(g.people.resolve("007") == .person(y))
    #expect(g.people.resolve("7") == .person(x))
  }

  @Test func parallelTieEvidenceMergesByTheDocumentedRule() throws {
    var b = GraphBuilder()
    let a = b.person(key: "a")
    let c = b.person(key: "c")
    b.currentOrigin = 1
    _ = try b.addTie(
      a, c,
      evidence: TieEvidence(
        strength: 0.3, interactions: 4, lastContact: Day(year: 2024, month: 1, day: 1),
        since: Day(year: 2020, month: 1, day: 1),
        kind: "colleague", inferredConfidence: 0.5))
    b.currentOrigin = 2
    _ = try b.addTie(
      c, a,
      evidence: TieEvidence(
        strength: 0.6, interactions: 6, lastContact: Day(year: 2025, month: 6, day: 1),
        since: Day(year: 2021, month: 1, day: 1),
        kind: "friend"))
    let (g, report) = try b.build()
    #expect(report.parallelTiesMerged == 1)
    #expect(report.mergedByOrigin == [2: 1])
    #expect(g.tieCount == 1)
    #expect(g.strength(between: a, and: c) == 0.6)
    #expect(g.ties.interactions(0) == 10)
    #expect(g.ties.lastContact(0) == Day(year: 2025, month: 6, day: 1))
    #expect(g.ties.since(0) == Day(year: 2020, month: 1, day: 1))
    #expect(g.ties.kind(0) == "colleague + friend", "every part's kind, in order")
    #expect(!g.ties.isInferred(0), "an observed part makes the tie observed")
  }

  @Test func dormantAndModelStrengthFromEvidence() throws {
    var b = GraphBuilder()
    let a = b.person(key: "a")
    let c = b.person(key: "c")
    let d = b.person(key: "d")
    _ = try b.addTie(
      a, c,
      evidence: TieEvidence(
        interactions: 40, lastContact: Day(year: 2026, month: 10, day: 1), since: Day(year: 2020, month: 1, day: 1)))
    _ = try b.addTie(a, d, evidence: TieEvidence(strength: 0.9, lastContact: Day(year: 2021, month: 1, day: 1)))
    let (g, _) = try b.build()
    #expect(g.ties.referenceDate == Day(year: 2026, month: 10, day: 1))
    #expect(g.ties.isRated(0) && g.ties.isRated(1))
    let s = try #require(g.strength(between: a, and: c))
    // Recent, frequent, long-known: the model calls it strong.
    #expect(s >= 0.55)
    #expect(g.tieClass(0) == .strong)
    #expect(g.tieClass(1) == .dormant)
  }

  @Test func ambiguousNamesAreReportedNotGuessed() throws {
    var b = GraphBuilder()
    let a = b.person(key: "p1")
    let c = b.person(key: "p2")
    b.setAttributes(
      a,
      .init(
        name: "Priya Sharma", emails: ["Priya@Example.com"], profileURL: "https://www.linkedin.com/in/priya-sharma-1/"))
    b.setAttributes(c, .init(name: "priya  sharma"))
    _ = try b.addTie(a, c)
    let (g, _) = try b.build()
    #expect(g.people.resolve("Priya Sharma") == .ambiguous([a, c]))
    #expect(g.people.resolve("priya@example.com") == .person(a))
    #expect(g.people.resolve("linkedin.com/in/priya-sharma-1") == .person(a))
    #expect(g.people.resolve("p2") == .person(c))
    #expect(g.people.resolve("nobody") == .notFound)
    #expect(g.people.ambiguousNames.count == 1)
  }
}
