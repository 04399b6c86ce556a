import Foundation
import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

@Suite struct IntroductionTests {
  /// Every pair of contacts with no tie is a candidate, none is tied, and the
  /// with/without-ego indices equal the brute-force oracle.
  @Test(arguments: 0..<UInt64(60))
  func candidatesEqualBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 70_000, maxPeople: 30)
    let (g, _) = try random.build()
    let oracle = LinkPredictionOracle(g)
    for ego in 0..<g.personCount where g.degree(of: PersonID(ego)) >= 2 {
      let expected = oracle.introductionPairs(of: ego)
      let result = g.introductionCandidates(for: PersonID(ego), options: IntroductionOptions(top: nil, threads: 3))
      #expect(result.pairsConsidered == expected.count, "\(random) ego \(ego)")
      #expect(result.candidates.count == expected.count)
      #expect(
        Set(result.candidates.map { PersonPair($0.low, $0.high) })
          == Set(expected.map { PersonPair(PersonID($0.0), PersonID($0.1)) }))
      // The likelihood, its scale and the order: IntroductionRankingTests.
      for c in result.candidates {
        #expect(!g.areTied(c.low, c.high) && c.low < c.high)
        let whole = oracle.scores(Int(c.low), Int(c.high))
        let besides = oracle.scores(Int(c.low), Int(c.high), excluding: ego)
        #expect(
          c.whole.commonNeighbors == whole.0 && near(c.whole.jaccard, whole.1) && near(c.whole.adamicAdar, whole.2))
        #expect(near(c.whole.resourceAllocation, whole.3))
        #expect(c.besidesEgo.commonNeighbors == besides.0 && near(c.besidesEgo.jaccard, besides.1))
        #expect(near(c.besidesEgo.adamicAdar, besides.2) && near(c.besidesEgo.resourceAllocation, besides.3))
        #expect(
          c.whole.commonNeighbors == c.besidesEgo.commonNeighbors + 1, "the ego is a common contact of every pair")
        let sa = oracle.s(ego, Int(c.low))
        let sb = oracle.s(ego, Int(c.high))
        #expect(near(c.introducibility, min(sa, sb)) && near(c.strengthToLow, sa) && near(c.strengthToHigh, sb))
        #expect(c.score >= 0 && c.score <= 1 + 1e-12)
        #expect(!c.reasons.isEmpty)
      }
      // The constraint change equals recomputing Burt's constraint with the tie added (first 3 pairs).
      if let before = oracle.constraint(of: ego) { #expect(near(result.constraint ?? -1, before)) }
      for c in result.candidates.prefix(3) {
        #expect(near(c.constraintAfter, oracle.constraint(of: ego, adding: (Int(c.low), Int(c.high), 0.5))!))
      }
      // The top-N is a prefix of the full ranking, and thread count does not matter.
      let top = g.introductionCandidates(for: PersonID(ego), options: IntroductionOptions(top: 3, threads: 1))
      #expect(top.candidates == Array(result.candidates.prefix(3)))
    }
  }

  /// Burt's constraint before and after an introduction equals networkx
  /// `constraint(G, nodes=[ego], weight="strength")` on G and on G + {a, b}.
  /// Tolerance 1e-6: the fixture's strengths (weight / max weight) are stored
  /// in single precision by the graph. The change can be negative: a's and
  /// b's totals grow, which dilutes their other ties to the ego's contacts.
  @Test(arguments: ["karate_weighted", "lesmis_weighted", "florentine_unit"])
  func constraintChangeEqualsNetworkx(name: String) throws {
    let (g, id) = try LinkFixture.graph(name)
    let cases = (LinkFixture.file.json["constraint"] as! [String: Any])[name] as! [[String: Any]]
    for c in cases {
      let ego = id["\(c["ego"]!)"]!
      let result = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil, newTieStrength: 0.5))
      #expect(near(result.constraint!, LinkFixture.number(c["before"]!), 1e-6), "\(name) ego \(c["ego"]!)")
      #expect(near(result.constraint!, g.burtMeasures(of: ego).constraint!), "agrees with StructuralHoles")
      for row in c["after"] as! [[Any]] {
        let pair = PersonPair(id["\(row[0])"]!, id["\(row[1])"]!)
        let cand = try #require(result.candidates.first { PersonPair($0.low, $0.high) == pair })
        #expect(
          near(cand.constraintAfter, LinkFixture.number(row[2]), 1e-6), "\(name) ego \(c["ego"]!) + \(row[0])–\(row[1])"
        )
      }
    }
  }

  /// The whole-graph indices of each candidate equal networkx's values for that non-edge.
  @Test func karateCandidatesEqualNetworkx() throws {
    let (g, id) = try LinkFixture.graph("karate")
    var reference: [PersonPair: (Int, Double, Double, Double, Double)] = [:]
    for r in LinkFixture.pairs("karate") { reference[PersonPair(id[r.0]!, id[r.1]!)] = (r.2, r.3, r.4, r.5, 0) }
    for ego in [PersonID(0), 33] {
      let result = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil))
      #expect(result.candidates.count == result.pairsConsidered)
      for c in result.candidates {
        let r = try #require(reference[PersonPair(c.low, c.high)])
        #expect(c.whole.commonNeighbors == r.0 && near(c.whole.jaccard, r.1) && near(c.whole.adamicAdar, r.2))
        #expect(near(c.whole.resourceAllocation, r.3))
        // Without the ego: the ego's constant term removed.
        let de = Double(g.degree(of: ego))
        #expect(near(c.whole.resourceAllocation - c.besidesEgo.resourceAllocation, 1 / de))
        #expect(near(c.whole.adamicAdar - c.besidesEgo.adamicAdar, 1 / log(de)))
      }
    }
  }

  @Test func contextBridgingAndReasons() throws {
    // Ego e knows four people; no tie among them except c–d.
    var b = GraphBuilder()
    func person(_ key: String, company: String, industry: String, tags: [String], title: String = "") -> PersonID {
      let p = b.person(key: key)
      b.setAttributes(
        p,
        GraphBuilder.PersonAttributes(
          name: key.capitalized, company: company, title: title, industry: industry, tags: tags))
      return p
    }
    let e = person("eve", company: "Acme", industry: "Fintech", tags: [])
    let hiring = person("hana", company: "Globex", industry: "Fintech", tags: ["hiring"])
    let looking = person("lou", company: "Initech", industry: "Fintech", tags: ["looking"])
    let founder = person("fay", company: "Startup", industry: "Software", tags: [], title: "Co-Founder & CEO")
    let investor = person("ivan", company: "Capital", industry: "Venture Capital", tags: ["investor"])
    for (p, s) in [(hiring, 0.9), (looking, 0.8), (founder, 0.6), (investor, 0.3)] {
      _ = try b.addTie(e, p, strength: Float(s))
    }
    _ = try b.addTie(founder, investor, strength: 0.2)
    let (g, _) = try b.build()
    let result = g.introductionCandidates(for: e, options: IntroductionOptions(top: nil))
    #expect(result.pairsConsidered == 5, "6 pairs minus the tied founder–investor")
    #expect(!result.candidates.contains { PersonPair($0.low, $0.high) == PersonPair(founder, investor) })
    let best = try #require(result.candidates.first)
    #expect(
      PersonPair(best.low, best.high) == PersonPair(hiring, looking), "hiring × looking, same industry, close to both")
    #expect(best.sharedIndustry == "Fintech" && best.differentCompanies == true)
    #expect(near(best.contextFit, 1 - 0.2 * 0.5))
    #expect(near(best.introducibility, 0.8, 1e-6), "strengths are single precision")
    let text = best.reasons.joined(separator: "; ")
    #expect(text.contains("Hana is hiring and Lou is looking for work"))
    #expect(text.contains("both work in Fintech"))
    #expect(text.contains("you are close to both"))
    #expect(text.contains("no shared contacts besides you"))
    // Excluding the pair removes it and counts it.
    let excluded = g.introductionCandidates(
      for: e, options: IntroductionOptions(top: nil, excluded: [PersonPair(looking, hiring)]))
    #expect(excluded.pairsExcluded == 1 && excluded.pairsConsidered == 4)
    #expect(!excluded.candidates.contains { PersonPair($0.low, $0.high) == PersonPair(hiring, looking) })
    // Minimum shared contacts besides the ego: founder and investor are tied, so
    // the pairs (founder or investor) × (hiring or looking) have ≤ 1 shared contact besides e.
    let strict = g.introductionCandidates(for: e, options: IntroductionOptions(top: nil, minCommonBesidesEgo: 1))
    #expect(strict.candidates.allSatisfy { $0.besidesEgo.commonNeighbors >= 1 })
    #expect(strict.pairsConsidered == 0)
    // Community labels replace industry in the bridging value.
    var groups = [Int32](repeating: -1, count: g.personCount)
    groups[Int(hiring)] = 1
    groups[Int(looking)] = 2
    let grouped = g.introductionCandidates(for: e, options: IntroductionOptions(top: nil, groups: groups))
    let pair = try #require(grouped.candidates.first { PersonPair($0.low, $0.high) == PersonPair(hiring, looking) })
    #expect(pair.differentGroups == true && near(pair.bridging, 1))
    #expect(pair.reasons.contains("they are in different communities"))
    #expect(near(best.bridging, 0.5), "different companies, same industry")
  }

  @Test func networkWidePairsAreDeduplicatedAndNotTied() throws {
    let (g, _) = try LinkFixture.graph("lesmis")
    let r = g.networkIntroductions(perPerson: 5, threads: 2)
    let top = g.topLinkPredictions(k: 5)
    var expected = Set<PersonPair>()
    for u in 0..<PersonID(g.personCount) { for (x, _) in top.candidates(of: u) { expected.insert(PersonPair(u, x)) } }
    #expect(Set(r.candidates.map { PersonPair($0.low, $0.high) }) == expected)
    #expect(r.candidates.count == expected.count, "each pair once")
    #expect(r.pairsScored == top.pairsScored)
    for c in r.candidates {
      #expect(!g.areTied(c.low, c.high) && c.low < c.high)
      #expect(c.scores == g.linkScores(c.low, c.high) && c.score == c.scores.adamicAdar)
      #expect(c.reasons.contains { $0.contains("shared contact") })
    }
    for (x, y) in zip(r.candidates, r.candidates.dropFirst()) {
      #expect(x.score > y.score || (x.score == y.score && (x.low, x.high) < (y.low, y.high)))
    }
    let first = try #require(r.candidates.first)
    let without = g.networkIntroductions(perPerson: 5, excluded: [PersonPair(first.low, first.high)])
    #expect(without.pairsExcluded >= 1 && !without.candidates.contains { $0.low == first.low && $0.high == first.high })
  }
}
