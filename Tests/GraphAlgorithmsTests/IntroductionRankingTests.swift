import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

/// The introduction score, its tie-breaks, the diversity re-rank, namesakes
/// and pairs kept apart (Guides/Introductions.md, "Order").
@Suite struct IntroductionRankingTests: NetworkFileSuite {
  /// On random multigraphs, for every ego: the strength-weighted resource
  /// allocation, its scale, L and the score equal the brute-force oracle; the
  /// order by score follows the documented keys (score, shared contacts, the
  /// ego's ties, names); and the final order is the oracle's re-rank of it.
  @Test(arguments: 0..<UInt64(60))
  func scoresOrderAndReRankEqualBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 71_000, maxPeople: 30)
    let (g, _) = try random.build()
    let oracle = LinkPredictionOracle(g)
    for ego in 0..<g.personCount where g.degree(of: PersonID(ego)) >= 2 {
      let result = g.introductionCandidates(for: PersonID(ego), options: IntroductionOptions(top: nil, threads: 3))
      var positive: [Double] = []
      for (a, b) in oracle.introductionPairs(of: ego) {
        let x = oracle.strengthResourceAllocation(a, b, excluding: ego)
        if x > 0 { positive.append(x) }
      }
      positive.sort()
      let scale = positive.isEmpty ? 0 : positive[Int((0.9 * Double(positive.count)).rounded(.up)) - 1]
      #expect(near(result.likelihoodScale, scale), "\(random) ego \(ego)")
      #expect(near(result.maxResourceAllocationBesidesEgo, positive.last ?? 0))
      for c in result.candidates {
        #expect(c.low != c.high && c.low < c.high && !c.sameName)
        let x = oracle.strengthResourceAllocation(Int(c.low), Int(c.high), excluding: ego)
        #expect(near(c.strengthResourceAllocation, x), "\(random) ego \(ego) pair \(c.low)–\(c.high)")
        let l = scale > 0 && x > 0 ? x / (x + scale) : 0
        #expect(near(c.likelihood, l) && c.likelihood < 1)
        let intro = min(oracle.s(ego, Int(c.low)), oracle.s(ego, Int(c.high)))
        #expect(near(c.score, 0.45 * l + 0.25 * c.contextFit + 0.20 * intro + 0.10 * c.bridging))
        #expect(!c.reasons.isEmpty)
      }
      // By score: the documented keys, checked with the oracle's counts, strengths and the names.
      let byScore = result.candidates.sorted { $0.scoreRank < $1.scoreRank }
      #expect(byScore.map(\.scoreRank) == Array(1...max(1, byScore.count)).prefix(byScore.count).map { $0 })
      func names(_ c: IntroductionCandidate) -> [(String, PersonID)] {
        [(g.people.name(of: c.low), c.low), (g.people.name(of: c.high), c.high)].sorted {
          $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1
        }
      }
      for (x, y) in zip(byScore, byScore.dropFirst()) {
        if x.score != y.score {
          #expect(x.score > y.score)
          continue
        }
        let cx = oracle.scores(Int(x.low), Int(x.high), excluding: ego).0
        let cy = oracle.scores(Int(y.low), Int(y.high), excluding: ego).0
        if cx != cy {
          #expect(cx > cy, "more shared contacts first")
          continue
        }
        let tx = oracle.s(ego, Int(x.low)) + oracle.s(ego, Int(x.high))
        let ty = oracle.s(ego, Int(y.low)) + oracle.s(ego, Int(y.high))
        if tx != ty {
          #expect(tx > ty, "stronger ties to the ego first")
          continue
        }
        let nx = names(x)
        let ny = names(y)
        #expect(
          nx[0].0 < ny[0].0 || (nx[0].0 == ny[0].0 && (nx[0].1 < ny[0].1 || (nx[0].1 == ny[0].1 && nx[1] < ny[1]))),
          "then by name, ids only between namesakes")
      }
      // The re-rank of that order.
      let expected = diversifiedOracle(
        byScore.map { (Int($0.low), Int($0.high)) }, window: 10, cap: 3, limit: byScore.count)
      #expect(
        result.candidates.map { PersonPair($0.low, $0.high) }
          == expected.map { PersonPair(byScore[$0].low, byScore[$0].high) })
      // The best few are a prefix of the whole answer, whatever the thread count.
      let top = g.introductionCandidates(for: PersonID(ego), options: IntroductionOptions(top: 12, threads: 1))
      #expect(top.candidates == Array(result.candidates.prefix(12)))
    }
  }

  /// With few pairs asked, pairs whose score cannot reach the kept pairs'
  /// floor are not scored: the answer is still the prefix of the whole
  /// ranking, with the default weights, with weights leaning on context and
  /// bridging, and without the re-rank (the floor rises soonest). On the
  /// bundled network, whose companies and industries make both terms vary.
  @Test func fewAskedArePrefixOfAll() throws {
    let root = SharedData.repositoryRoot()
    let loaded = try NetworkLoader.load([
      InputSpec(path: "\(root)/datasets/network/people.csv"), InputSpec(path: "\(root)/datasets/network/ties.csv"),
    ])
    let g = loaded.graph
    var mismatches: [String] = []
    var checked = 0
    for ego in stride(from: 0, to: g.personCount, by: 11) where g.degree(of: PersonID(ego)) >= 12 {
      for variant in 0..<3 {
        var options = IntroductionOptions(top: nil, threads: 1)
        if variant == 1 {
          options.weights = IntroductionWeights(likelihood: 0.1, context: 0.5, introducibility: 0.1, bridging: 0.3)
        }
        if variant == 2 { options.diversityCap = 0 }
        let all = g.introductionCandidates(for: PersonID(ego), options: options)
        for top in [1, 3, 10] {
          options.top = top
          let few = g.introductionCandidates(for: PersonID(ego), options: options)
          if few.candidates != Array(all.candidates.prefix(top)) { mismatches.append("ego \(ego) \(variant) \(top)") }
          checked += 1
        }
      }
    }
    #expect(checked > 60)
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(checked): \(mismatches.prefix(8))")
  }

  /// `IntroductionDiversity.order` equals the place-by-place oracle on random
  /// ranked lists, and a smaller limit gives a prefix.
  @Test(arguments: 0..<UInt64(200))
  func diversityEqualsOracle(seed: UInt64) {
    var rng = SplitMix64(seed: seed &+ 4_242)
    let people = 2 + Int(rng.next() % 12)
    let count = Int(rng.next() % 60)
    var pairs: [PersonPair] = []
    for _ in 0..<count {
      let a = Int(rng.next() % UInt64(people))
      var b = Int(rng.next() % UInt64(people))
      if b == a { b = (a + 1) % people }
      pairs.append(PersonPair(PersonID(a), PersonID(b)))
    }
    let window = 1 + Int(rng.next() % 10)
    let cap = 1 + Int(rng.next() % 3)
    let all = IntroductionDiversity.order(pairs, window: window, cap: cap, limit: count)
    let expected = diversifiedOracle(
      pairs.map { (Int($0.low), Int($0.high)) }, window: window, cap: cap, limit: count)
    #expect(all.order == expected, "seed \(seed)")
    #expect(Set(all.order).count == count)
    for limit in [0, 1, 3, 10, 25] where limit <= count {
      #expect(
        IntroductionDiversity.order(pairs, window: window, cap: cap, limit: limit).order
          == Array(all.order.prefix(limit)))
    }
  }

  /// A star: every pair of the ego's contacts has the same score, the same
  /// shared contacts (none) and the same ties to the ego. The old rule took
  /// the lowest ids (p1–p2 first); now the names decide (Wim–Xia first).
  @Test func equalScoresAreBrokenByNameNotId() throws {
    var b = GraphBuilder()
    let ego = b.person(key: "e")
    var people: [PersonID] = []
    for (key, name) in [("p1", "Zoe"), ("p2", "Yan"), ("p3", "Xia"), ("p4", "Wim")] {
      let p = b.person(key: key)
      b.setAttributes(p, GraphBuilder.PersonAttributes(name: name))
      try b.addTie(ego, p, strength: 0.5)
      people.append(p)
    }
    let (g, _) = try b.build()
    let r = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil, diversityCap: 0))
    #expect(Set(r.candidates.map(\.score)).count == 1, "one score for all six pairs")
    let named = r.candidates.map { [g.people.name(of: $0.low), g.people.name(of: $0.high)].sorted() }
    #expect(
      named == [["Wim", "Xia"], ["Wim", "Yan"], ["Wim", "Zoe"], ["Xia", "Yan"], ["Xia", "Zoe"], ["Yan", "Zoe"]])
    #expect(PersonPair(r.candidates[0].low, r.candidates[0].high) != PersonPair(people[0], people[1]))
  }

  /// Two pairs with exactly equal scores (one shared contact of degree 2 against
  /// two of degree 4, all strengths 0.5): the pair with more shared contacts
  /// comes first although its names and ids come later.
  @Test func equalScoresPreferMoreSharedContacts() throws {
    var b = GraphBuilder()
    let ego = b.person(key: "e")
    func person(_ key: String, _ name: String) -> PersonID {
      let p = b.person(key: key)
      b.setAttributes(p, GraphBuilder.PersonAttributes(name: name))
      return p
    }
    let a1 = person("a1", "Ann")
    let a2 = person("a2", "Bea")
    let b1 = person("b1", "Yul")
    let b2 = person("b2", "Zed")
    for p in [a1, a2, b1, b2] { try b.addTie(ego, p, strength: 0.5) }
    // a1, a2: one shared contact w of degree 2.
    let w = person("w", "W")
    try b.addTie(a1, w, strength: 0.5)
    try b.addTie(a2, w, strength: 0.5)
    // b1, b2: two shared contacts of degree 4 (each also knows two outsiders).
    for k in 0..<2 {
      let m = person("m\(k)", "M\(k)")
      try b.addTie(b1, m, strength: 0.5)
      try b.addTie(b2, m, strength: 0.5)
      for o in 0..<2 { try b.addTie(m, person("o\(k)\(o)", "O\(k)\(o)"), strength: 0.5) }
    }
    let (g, _) = try b.build()
    let r = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil))
    let first = try #require(r.candidates.first { PersonPair($0.low, $0.high) == PersonPair(b1, b2) })
    let second = try #require(r.candidates.first { PersonPair($0.low, $0.high) == PersonPair(a1, a2) })
    #expect(first.score == second.score && first.strengthResourceAllocation == 0.5)
    #expect(first.scoreRank == 1 && second.scoreRank == 2)
  }

  /// Two contacts named "Priya Sharma" (spelled differently) are flagged, the
  /// reasons warn first, and only their ids order them against each other.
  /// Pairs kept apart never appear and are counted; no pair is one person twice.
  @Test func namesakesAreFlaggedAndPairsKeptApartNeverAppear() throws {
    var b = GraphBuilder()
    let ego = b.person(key: "e")
    b.setAttributes(ego, GraphBuilder.PersonAttributes(name: "Eve"))
    var contacts: [PersonID] = []
    for (key, name) in [("p9", "Priya Sharma"), ("p2", "priya  SHARMA"), ("q", "Quinn"), ("r", "Rosa")] {
      let p = b.person(key: key)
      b.setAttributes(p, GraphBuilder.PersonAttributes(name: name))
      try b.addTie(ego, p, strength: 0.5)
      contacts.append(p)
    }
    try b.addTie(ego, ego, strength: 0.5)  // a self-tie is never a contact
    let (g, _) = try b.build()
    let r = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil))
    #expect(r.candidates.count == 6)
    for c in r.candidates {
      #expect(c.low != c.high && c.low != ego && c.high != ego)
      let namesakes = PersonPair(c.low, c.high) == PersonPair(contacts[0], contacts[1])
      #expect(c.sameName == namesakes)
      #expect(c.reasons.first?.contains("check they are two people") == namesakes)
    }
    #expect(g.haveSameName(contacts[0], contacts[1]) && !g.haveSameName(contacts[0], contacts[0]))
    #expect(!g.haveSameName(contacts[2], contacts[3]))
    // Kept apart: the namesakes, and Quinn–Rosa.
    let apart: Set<PersonPair> = [PersonPair(contacts[0], contacts[1]), PersonPair(contacts[2], contacts[3])]
    let kept = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil, apart: apart))
    #expect(kept.pairsKeptApart == 2 && kept.pairsConsidered == 4 && kept.candidates.count == 4)
    #expect(!kept.candidates.contains { apart.contains(PersonPair($0.low, $0.high)) })
    // Network-wide too.
    let net = g.networkIntroductions(perPerson: 5, apart: apart)
    #expect(!net.candidates.contains { apart.contains(PersonPair($0.low, $0.high)) } && net.pairsKeptApart > 0)
    let all = g.networkIntroductions(perPerson: 5)
    let flagged = try #require(
      all.candidates.first { PersonPair($0.low, $0.high) == PersonPair(contacts[0], contacts[1]) })
    #expect(flagged.sameName && flagged.reasons.first?.contains("check they are two people") == true)
  }

  /// One contact shares many contacts with everyone else, the others none
  /// among themselves: by score that contact is in every one of the best
  /// pairs. The re-rank allows three in the first ten, finding the other
  /// pairs beyond the first pool kept (the sweep runs again), and the answer
  /// is the prefix of the whole ranking.
  @Test func oneStarContactIsCappedAtThreeInTen() throws {
    var b = GraphBuilder()
    let ego = b.person(integerKey: 0)
    let star = b.person(integerKey: 1)
    try b.addTie(ego, star, strength: 0.5)
    var others: [PersonID] = []
    for i in 0..<60 {
      let p = b.person(integerKey: Int64(10 + i))
      try b.addTie(ego, p, strength: 0.5)
      others.append(p)
    }
    // Star and each other contact share a private middle person.
    for (i, p) in others.enumerated() {
      let m = b.person(integerKey: Int64(1_000 + i))
      try b.addTie(star, m, strength: 0.5)
      try b.addTie(p, m, strength: 0.5)
    }
    let (g, _) = try b.build()
    let top = g.introductionCandidates(for: ego, options: IntroductionOptions(top: 10, threads: 2))
    #expect(top.candidates.count == 10)
    #expect(top.candidates.filter { $0.low == star || $0.high == star }.count == 3)
    let all = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil, threads: 1))
    #expect(top.candidates == Array(all.candidates.prefix(10)))
    #expect(all.candidates.prefix(60).filter { $0.low == star || $0.high == star }.count == 18)
  }

  /// On ego 0 of the SNAP Facebook ego networks and on the bundled team data:
  /// nobody is in more than 3 of the top 10, every pair has a reason, and the
  /// scores of the top 10 are not one saturated value.
  @Test(arguments: ["facebook", "team"])
  func realNetworksAreDiverse(which: String) throws {
    let g: Graph
    let ego: PersonID
    if which == "facebook" {
      guard let path = real("snap-ego-facebook/facebook_combined.txt") else { return }
      g = try NetworkLoader.load([InputSpec(path: path)]).graph
      ego = try #require(person(g, "0"))
    } else {
      let root = SharedData.repositoryRoot()
      g = try NetworkLoader.load(
        [InputSpec(path: "\(root)/datasets/team/people.csv"), InputSpec(path: "\(root)/datasets/team/ties.csv")]
      ).graph
      ego = try #require(person(g, "994"))
    }
    let r = g.introductionCandidates(for: ego, options: IntroductionOptions(top: 10))
    #expect(r.candidates.count == 10)
    var count: [PersonID: Int] = [:]
    for c in r.candidates {
      count[c.low, default: 0] += 1
      count[c.high, default: 0] += 1
      #expect(!c.reasons.isEmpty && c.reasons.contains { $0.contains("besides you") })
    }
    #expect(count.values.allSatisfy { $0 <= 3 }, "\(which): \(count.filter { $0.value > 3 })")
    #expect(Set(r.candidates.map(\.score)).count >= 5, "\(which): the scores do not saturate")
  }
}
