import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// The first-hop rule of the path query, the doors to a target, and the
/// company key in reach and introductions.
@Suite struct FirstHopAndDoorsTests {
  /// Ego 0's ties: 1 strong, 2 weak, 3 nominal, 4 dormant but strong, 5
  /// dormant and weak, 6 one-sided, 7 unrated; each contact is tied to 9.
  static func classes() throws -> Graph {
    var b = GraphBuilder()
    let old = Day(year: 2015, month: 1, day: 1)!
    let recent = Day(year: 2025, month: 1, day: 1)!
    let ego = b.person(key: "0")
    let evidence: [TieEvidence] = [
      .init(strength: 0.9, lastContact: recent), .init(strength: 0.3, lastContact: recent),
      .init(strength: 0.05, lastContact: recent), .init(strength: 0.9, lastContact: old),
      .init(strength: 0.3, lastContact: old), .init(strength: 0.9, interactionsOut: 5, interactionsIn: 0),
    ]
    let target = b.person(key: "9")
    for (i, e) in evidence.enumerated() {
      let c = b.person(key: "\(i + 1)")
      _ = try b.addTie(ego, c, evidence: e)
      _ = try b.addTie(c, target, strength: 0.9)
    }
    let unrated = b.person(key: "7")
    _ = try b.addTie(ego, unrated)
    _ = try b.addTie(unrated, target, strength: 0.9)
    return try b.build().0
  }

  @Test func usableFirstHops() throws {
    let g = try Self.classes()
    let classifier = TieClassifier()
    let usable = (1...8).filter { g.isUsableFirstHop(from: 0, to: PersonID($0), classifier: classifier) }
    #expect(usable.map { g.people.id(of: PersonID($0)) } == ["1", "2", "4", "7"], "not 9: no tie")
  }

  /// The query's rule decides the first hops, exactly as a closure doing the same test.
  @Test func pathQueryAppliesTheRule() throws {
    let g = try Self.classes()
    guard case .person(let target) = g.people.resolve("9") else {
      Issue.record("no person 9")
      return
    }
    let classifier = TieClassifier(strongAtLeast: 0.55)
    let query = PathQuery(k: 10, maxHops: 2, firstHop: .usable(classifier))
    let usable = g.strongestPaths(from: 0, to: [target], query: query)
    #expect(Set(usable.map { g.people.id(of: $0.people[1]) }) == ["1", "2", "4", "7"])
    let closure = g.strongestPaths(
      from: 0, to: [target], query: PathQuery(k: 10, maxHops: 2),
      firstHop: { g.isUsableFirstHop(from: 0, to: $0, classifier: classifier) })
    #expect(usable == closure)
    var search = PathSearch(g)
    let reused = search.strongestPaths(from: 0, to: [target], query: query)
    #expect(reused == usable)
    let any = g.strongestPaths(from: 0, to: [target], query: PathQuery(k: 10, maxHops: 2))
    #expect(any.count == 7)
  }

  /// Doors equal a brute force over the ego's contacts.
  @Test(arguments: 0..<UInt64(20))
  func doorsEqualBruteForce(seed: UInt64) throws {
    let (g, _) = try RandomMultigraph(seed: seed &+ 91_000, maxPeople: 25).build()
    guard g.personCount > 3 else { return }
    let ego = PersonID(0)
    let people = (0..<PersonID(g.personCount)).filter { $0 % 3 == 1 }
    let doors = g.doors(from: ego, to: people, limit: 100)
    var expected: [(PersonID, Double, [PersonID], Bool)] = []
    for c in g.neighbors(of: ego) {
      let se = Double(g.strength(between: ego, and: c)!)
      var best = 0.0
      var reaches: [PersonID] = []
      if people.contains(c) {
        best = se
        reaches.append(c)
      }
      for t in people where t != ego && t != c {
        if let s = g.strength(between: c, and: t) {
          best = max(best, se * Double(s))
          reaches.append(t)
        }
      }
      if !reaches.isEmpty { expected.append((c, best, reaches.sorted(), people.contains(c))) }
    }
    expected.sort { ($0.1, $0.2.count, -Int($0.0)) > ($1.1, $1.2.count, -Int($1.0)) }
    #expect(doors.map(\.via) == expected.map(\.0), "seed \(seed)")
    #expect(doors.map(\.reaches) == expected.map(\.2))
    #expect(doors.map(\.direct) == expected.map(\.3))
    for (d, e) in zip(doors, expected) { #expect(abs(d.pathStrength - e.1) < 1e-12) }
    #expect(g.doors(from: ego, to: people, limit: 2) == Array(doors.prefix(2)))
  }

  /// "Apple Inc.", "APPLE" and "Apple" are one company in reach and introductions.
  @Test func oneCompanyInReachAndIntroductions() throws {
    var b = GraphBuilder()
    let spellings = ["Apple Inc.", "APPLE", "Apple", "Globex"]
    let ego = b.person(key: "ego")
    var contacts: [PersonID] = []
    for (i, company) in spellings.enumerated() {
      let c = b.person(key: "c\(i)")
      let industry = i == 0 ? "Hospitals and Health Care" : "hospitals & health care"
      b.setAttributes(c, .init(name: "Contact \(i)", company: company, industry: industry))
      _ = try b.addTie(ego, c, strength: 0.6)
      contacts.append(c)
    }
    let far = b.person(key: "far")
    b.setAttributes(far, .init(name: "Far", company: "apple, inc"))
    _ = try b.addTie(contacts[3], far, strength: 0.6)
    let g = try b.build().0
    let reach = g.egoReach(ego)
    #expect(reach.companies.map(\.name) == ["APPLE", "Globex"], "one Apple, named by its first-sorting spelling")
    #expect(reach.companies[0].direct == 3 && reach.companies[0].secondDegree == 1)
    #expect(reach.industries.count == 1 && reach.industries[0].direct == 4)
    let intro = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil))
    let pairs = Dictionary(uniqueKeysWithValues: intro.candidates.map { (PersonPair($0.low, $0.high), $0) })
    let sameApple = try #require(pairs[PersonPair(contacts[0], contacts[1])])
    #expect(sameApple.differentCompanies == false && sameApple.sharedIndustry == "hospitals & health care")
    #expect(pairs[PersonPair(contacts[2], contacts[3])]?.differentCompanies == true)
  }
}
