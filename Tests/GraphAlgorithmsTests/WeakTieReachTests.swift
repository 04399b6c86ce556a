import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

@Suite struct WeakTieReachFixtureTests {
  let fixtures: FixtureFile

  init() throws { fixtures = try FixtureFile("reach_fixtures.json") }

  /// Two-hop sizes, greedy cover order, gains and the 80 % prefix equal networkx on every node.
  @Test(arguments: ["karate", "florentine", "lesmis", "davis"])
  func equalsNetworkxOnEveryNode(name: String) throws {
    let g = try fixtures.graph(name)
    let expected = (fixtures.json["reach"] as! [String: Any])[name] as! [String: [String: Any]]
    let all = g.twoHopReach(threads: 2)
    #expect(expected.count == g.personCount)
    for p in 0..<PersonID(g.personCount) {
      let key = g.people.id(of: p)
      let row = try #require(expected[key])
      let r = g.egoReach(p)
      #expect(r.firstDegree + r.secondDegree == row["le2"] as! Int, "\(name) \(key) le2")
      #expect(r.secondDegree == row["eq2"] as! Int, "\(name) \(key) eq2")
      #expect(Int(all.firstDegree[Int(p)] + all.secondDegree[Int(p)]) == row["le2"] as! Int, "\(name) \(key) --all")
      #expect(r.cover.order.map { g.people.id(of: $0) } == row["coverOrder"] as! [String], "\(name) \(key) cover order")
      #expect(r.cover.gains == row["coverGains"] as! [Int], "\(name) \(key) gains")
      #expect(r.cover.contacts.count == row["cover80"] as! Int, "\(name) \(key) cover 80 %")
    }
  }

  /// The tie-break oracle table.
  @Test func publishedCoverTable() throws {
    let karate = try fixtures.graph("karate")
    let k0 = karate.egoReach(0)
    #expect(k0.secondDegree == 9 && k0.firstDegree + k0.secondDegree == 25)
    #expect(k0.cover.order.map { karate.people.id(of: $0) } == ["31", "2", "1", "5"])
    #expect(k0.cover.gains.first == 5 && k0.cover.contacts.count == 3)
    let k33 = karate.egoReach(33)
    #expect(k33.secondDegree == 6 && k33.cover.contacts.count == 2 && k33.cover.gains.first == 4)
    let flo = try fixtures.graph("florentine")
    guard case .person(let medici) = flo.people.resolve("Medici") else {
      Issue.record("Medici missing")
      return
    }
    let m = flo.egoReach(medici)
    #expect(m.secondDegree == 5 && m.firstDegree + m.secondDegree == 11 && m.cover.contacts.count == 3)
    #expect(m.cover.order.map { flo.people.id(of: $0) } == ["Albizzi", "Barbadori", "Ridolfi", "Salviati"])
    let lesmis = try fixtures.graph("lesmis")
    guard case .person(let myriel) = lesmis.people.resolve("Myriel"),
      case .person(let valjean) = lesmis.people.resolve("Valjean")
    else {
      Issue.record("Les Misérables people missing")
      return
    }
    #expect(lesmis.egoReach(myriel).cover.contacts.count == 1 && lesmis.egoReach(myriel).secondDegree == 33)
    #expect(lesmis.egoReach(valjean).cover.contacts.count == 4 && lesmis.egoReach(valjean).secondDegree == 38)
  }
}

@Suite struct WeakTieReachOracleTests {
  /// Every figure equals the brute-force oracle on 200 seeded random graphs
  /// (random strengths ⇒ strong, weak and nominal classes; duplicates, self-ties, isolated people).
  @Test(arguments: 0..<UInt64(200))
  func equalsBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 77_000, maxPeople: 40)
    let (g, _) = try random.build()
    let all = g.twoHopReach(threads: 1)
    let all2 = g.twoHopReach(threads: 2)
    #expect(all == all2, "thread count changes nothing (\(random))")
    for ego in 0..<PersonID(g.personCount) {
      let classOf: (PersonID) -> TieClass = { c in g.tieClass(g.tieID(between: ego, and: c)!) }
      let oracle = ReachOracle(graph: g, ego: ego, classOf: classOf)
      let r = g.egoReach(ego)
      #expect(r.firstDegree == oracle.first.count, "\(random) ego \(ego)")
      #expect(r.secondDegree == oracle.second.count, "\(random) ego \(ego)")
      #expect(Int(all.secondDegree[Int(ego)]) == oracle.second.count)
      #expect(r.weakReach == oracle.weakReach, "\(random) ego \(ego) weak")
      #expect(r.weakOnlyReach == oracle.weakOnlyReach, "\(random) ego \(ego) weak-only")
      for c in r.contacts {
        #expect(c.uniqueReach == oracle.unique[c.person], "\(random) ego \(ego) contact \(c.person)")
      }
      #expect(r.cover.order == oracle.coverOrder, "\(random) ego \(ego) lazy greedy = plain greedy")
      #expect(r.cover.gains == oracle.coverGains)
      #expect(r.cover.contacts.count == oracle.coverPrefix)
      // Greedy gains never increase (submodularity).
      #expect(zip(r.cover.gains, r.cover.gains.dropFirst()).allSatisfy { $0 >= $1 })
    }
  }

  /// Mutual contacts and the companies and industries reached, against
  /// counting them by hand: random graphs whose people work at a few
  /// companies spelt several ways (so groups tie on size and are ordered by
  /// label), seeds 1–12.
  @Test(arguments: 1...UInt64(12))
  func mutualContactsAndGroupsEqualCounting(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    var b = GraphBuilder()
    let spellings = ["Acme", "ACME", "Globex", "Initech", "initech", "Umbrella", "Zeta", "Hooli", ""]
    let n = 60
    for i in 0..<n {
      let p = b.person(key: "p\(i)")
      let company = spellings[Int(rng.next() % UInt64(spellings.count))]
      let industry = ["Fintech", "Health", "", "Energy"][Int(rng.next() % 4)]
      b.setAttributes(p, GraphBuilder.PersonAttributes(name: "P\(i)", company: company, industry: industry))
    }
    for _ in 0..<240 {
      let x = PersonID(rng.next() % UInt64(n))
      let y = PersonID(rng.next() % UInt64(n))
      if x != y { _ = try b.addTie(x, y, strength: Float(1 + rng.next() % 9) / 10) }
    }
    let (g, _) = try b.build()
    for ego in 0..<PersonID(n) {
      let r = g.egoReach(ego)
      let first = Set(g.neighbors(of: ego))
      var second = Set<PersonID>()
      for c in first { for x in g.neighbors(of: c) where x != ego && !first.contains(x) { second.insert(x) } }
      for c in r.contacts {
        #expect(c.mutualContacts == g.neighbors(of: c.person).filter { first.contains($0) }.count, "seed \(seed)")
      }
      for (column, found) in [(g.people.companyGroups, r.companies), (g.people.industryGroups, r.industries)] {
        var counts: [Int32: (direct: Int, second: Int)] = [:]
        for p in first { if let k = column.group(of: p) { counts[k, default: (0, 0)].direct += 1 } }
        for p in second { if let k = column.group(of: p) { counts[k, default: (0, 0)].second += 1 } }
        let expected = counts.map { (name: column.label($0.key), direct: $0.value.direct, second: $0.value.second) }
          .sorted { ($0.direct + $0.second, $1.name) > ($1.direct + $1.second, $0.name) }
        #expect(found.map(\.name) == expected.map(\.name), "seed \(seed) ego \(ego)")
        #expect(found.map(\.direct) == expected.map(\.direct) && found.map(\.secondDegree) == expected.map(\.second))
      }
    }
  }

  @Test func dormantTiesRankedByWhatTheyReopen() throws {
    // ego 0 — a (active) — x ; ego — d1 (dormant) — x, y, z ; ego — d2 (dormant) — y
    var b = GraphBuilder()
    let ids = ["ego", "a", "d1", "d2", "x", "y", "z"].map { b.person(key: $0) }
    let now = Day(year: 2026, month: 1, day: 1)!
    _ = try b.addTie(ids[0], ids[1], evidence: TieEvidence(strength: 0.7, lastContact: now))
    _ = try b.addTie(ids[0], ids[2], evidence: TieEvidence(strength: 0.6, lastContact: now.adding(days: -2000)))
    _ = try b.addTie(ids[0], ids[3], evidence: TieEvidence(strength: 0.9, lastContact: now.adding(days: -1500)))
    for (u, v) in [(1, 4), (2, 4), (2, 5), (2, 6), (3, 5)] { _ = try b.addTie(ids[u], ids[v], strength: 0.5) }
    let (g, _) = try b.build()
    let r = g.egoReach(ids[0])
    #expect(r.dormant.map(\.person) == [ids[2], ids[3]])
    #expect(r.dormant.map(\.reopens) == [2, 1])
    #expect(r.weakOnlyReach == 2, "y and z only via dormant ties")
    #expect(r.companies.isEmpty)
  }

  @Test func jobValueIsTheInvertedU() throws {
    // ego and c share m contacts; v = (m/10)e^(1 − m/10)(1 − s).
    var edges: [(String, String, Double?)] = [("e", "c", 0.2)]
    for i in 0..<10 { edges += [("e", "m\(i)", nil), ("c", "m\(i)", nil)] }
    let g = try graph(edges: edges)
    guard case .person(let e) = g.people.resolve("e"), case .person(let c) = g.people.resolve("c") else { return }
    let contact = try #require(g.egoReach(e).contacts.first { $0.person == c })
    #expect(contact.mutualContacts == 10)
    #expect(abs(contact.jobValue - 1.0 * (1 - Double(Float(0.2)))) < 1e-12)
  }
}
