import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// Bounded work: the network-wide selection kept compact, and the ego's
/// contacts capped around a hub.
@Suite struct IntroductionLimitsTests {
  /// The compact network-wide pairs are every person's best k (as
  /// `topLinkPredictions` lists them) once each, excluded pairs out, in the
  /// answer's order; never more than people × k records held; the same for
  /// any thread count; slices describe the same pairs as the whole.
  @Test(arguments: 0..<UInt64(40))
  func networkPairsAreThePerPersonUnion(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 90_000, maxPeople: 70)
    let (g, _) = try random.build()
    for k in [1, 2, 5] {
      let top = g.topLinkPredictions(k: k, threads: 1)
      var score: [PersonPair: Double] = [:]
      for u in 0..<PersonID(g.personCount) {
        for (x, s) in top.candidates(of: u) {
          let pair = PersonPair(u, x)
          if let old = score[pair] { #expect(old == s, "\(random): both rows give the same score") }
          score[pair] = s
        }
      }
      // Exclude every third pair, by id order.
      let byID = score.keys.sorted { ($0.low, $0.high) < ($1.low, $1.high) }
      let excluded = Set(byID.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
      let expected = score.filter { !excluded.contains($0.key) }
        .map { NetworkPairRecordView(score: $0.value, a: $0.key.low, b: $0.key.high) }
        .sorted { $0.score != $1.score ? $0.score > $1.score : ($0.a, $0.b) < ($1.a, $1.b) }
      let one = g.networkIntroductionPairs(perPerson: k, excluded: excluded, threads: 1)
      let three = g.networkIntroductionPairs(perPerson: k, excluded: excluded, threads: 3)
      #expect(one.records.map(NetworkPairRecordView.init) == expected, "\(random) k \(k)")
      #expect(three.records == one.records)
      #expect(one.pairsExcluded == excluded.count && one.pairsScored == top.pairsScored)
      #expect(one.recordsHeld <= g.personCount * k)
      let whole = one.introductions(0..<one.count)
      var pieces: [NetworkIntroduction] = []
      for start in stride(from: 0, to: one.count, by: 3) {
        pieces += three.introductions(start..<min(one.count, start + 3))
      }
      #expect(pieces == whole)
      #expect(whole == g.networkIntroductions(perPerson: k, excluded: excluded, threads: 2).candidates)
    }
  }

  /// A star of 40 contacts with distinct strengths, a few ties among them:
  /// with `maxContacts` 8 only the 8 strongest are paired (28 pairs looked
  /// at); with the cap at or above the contacts, or none, the answer is the same.
  @Test func capPairsTheStrongestContacts() throws {
    var b = GraphBuilder()  // people declared in key order, so ids follow keys
    let ego = b.person(integerKey: 0)
    var contacts: [PersonID] = []
    for i in 0..<40 {
      let p = b.person(integerKey: Int64(1 + i))
      contacts.append(p)
      // Strengths 0.02 … 0.80, the strongest being the highest keys.
      try b.addTie(ego, p, strength: Float(i + 1) / 50)
    }
    let shared = b.person(integerKey: 100)
    for i in stride(from: 0, to: 40, by: 3) { try b.addTie(contacts[i], shared, strength: 0.5) }
    try b.addTie(contacts[39], contacts[38], strength: 0.5)
    let (g, _) = try b.build()
    let capped = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil, maxContacts: 8))
    #expect(capped.contacts == 40 && capped.contactsConsidered == 8)
    #expect(capped.pairsExamined == 8 * 7 / 2)
    let strongest = Set(contacts[32..<40])
    #expect(capped.candidates.allSatisfy { strongest.contains($0.low) && strongest.contains($0.high) })
    #expect(capped.pairsConsidered == 8 * 7 / 2 - 1, "38–39 are tied")
    let uncapped = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil, maxContacts: nil))
    #expect(uncapped.contactsConsidered == 40 && uncapped.pairsExamined == 40 * 39 / 2)
    #expect(uncapped.pairsConsidered == 40 * 39 / 2 - 1)
    #expect(capped.constraint == uncapped.constraint, "the constraint counts every contact")
    #expect(g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil, maxContacts: 40)) == uncapped)
    #expect(
      g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil)) == uncapped, "below the default cap")
  }

  /// Below the default cap nothing changes: the answer equals the uncapped one.
  @Test(arguments: 0..<UInt64(20))
  func belowTheCapNothingChanges(seed: UInt64) throws {
    let (g, _) = try RandomMultigraph(seed: seed &+ 95_000, maxPeople: 40).build()
    for ego in 0..<PersonID(g.personCount) where g.degree(of: ego) >= 2 {
      let capped = g.introductionCandidates(for: ego, options: IntroductionOptions(top: 5, threads: 2))
      let all = g.introductionCandidates(for: ego, options: IntroductionOptions(top: 5, threads: 1, maxContacts: nil))
      #expect(capped == all)
      #expect(capped.contactsConsidered == g.degree(of: ego))
    }
  }

  /// Twenty contacts of the ego all know one hub with 3,000 other contacts:
  /// the hub's row is searched for the ego's contacts, not read through, so
  /// the sweep reads a few hundred entries, not 20 × 3,000; the answer is the
  /// pairwise one (the hub is each pair's one shared contact besides the ego).
  @Test func hubInTheMiddleIsLookedUpNotScanned() throws {
    var b = GraphBuilder()
    let ego = b.person(integerKey: 0)
    let hub = b.person(integerKey: 1)
    var contacts: [PersonID] = []
    for i in 0..<20 {
      let p = b.person(integerKey: Int64(10 + i))
      contacts.append(p)
      try b.addTie(ego, p, strength: 0.5)
      try b.addTie(p, hub, strength: 0.5)
    }
    for i in 0..<3000 { try b.addTie(hub, b.person(integerKey: Int64(10_000 + i)), strength: 0.5) }
    let (g, _) = try b.build()
    let r = g.introductionCandidates(for: ego, options: IntroductionOptions(top: nil, threads: 2))
    #expect(r.pairsConsidered == 190 && r.candidates.count == 190)
    #expect(r.entriesScanned < 2_000, "read \(r.entriesScanned) entries")
    for c in r.candidates {
      #expect(c.besidesEgo.commonNeighbors == 1 && c.whole == g.linkScores(c.low, c.high))
      #expect(c.besidesEgo == g.linkScores(c.low, c.high, excluding: ego))
    }
  }
}

/// A record compared by value in tests.
struct NetworkPairRecordView: Equatable {
  var score: Double
  var a: PersonID
  var b: PersonID
  init(score: Double, a: PersonID, b: PersonID) {
    self.score = score
    self.a = a
    self.b = b
  }
  init(_ r: NetworkPairRecord) { self.init(score: r.score, a: r.a, b: r.b) }
}
