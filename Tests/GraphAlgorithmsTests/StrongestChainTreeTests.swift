import GraphAlgorithms
import GraphCore
import LiaisonTestSupport
import Testing

/// The one-pass tree of least chains from one person: for every person
/// within the hop limit, exactly the chain that brute-force enumeration of
/// simple paths ranks first (cost, hops, ids), and the one `strongestPaths`
/// with k = 1 returns; nobody beyond the limit.
@Suite struct StrongestChainTreeTests {
  @Test(arguments: 0..<UInt64(60))
  func everyChainEqualsBruteForce(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed &+ 70_000, maxPeople: 10)
    let oracle = BrokerOracle(AdjacencyOracle(random))
    let (g, _) = try random.build()
    let n = g.personCount
    var tree = StrongestChainTree(g)
    // The same tree reading shared half-edge costs instead of each tie's strength.
    var shared = StrongestChainTree(g, costs: PathSearch.halfEdgeCosts(g))
    for s in 0..<n {
      for maxHops in [1, 2, 3] {
        let banned = (s * 7 + maxHops) % n
        tree.grow(from: PersonID(s), maxHops: maxHops, firstHop: { $0 != PersonID(banned) })
        shared.grow(from: PersonID(s), maxHops: maxHops, firstHop: { $0 != PersonID(banned) })
        var reached: [PersonID] = []
        for t in 0..<n where t != s {
          let brute = oracle.strongestPaths(from: s, to: [t], k: 1, maxHops: maxHops, firstHop: { $0 != banned })
          let ours = tree.chain(to: PersonID(t))?.map(Int.init)
          #expect(ours == brute.first?.path, "\(random) \(s)→\(t) hops ≤ \(maxHops) not via \(banned)")
          #expect(
            shared.chain(to: PersonID(t)) == tree.chain(to: PersonID(t))
              && shared.key(of: PersonID(t)) == tree.key(of: PersonID(t)))
          if ours != nil { reached.append(PersonID(t)) }
        }
        #expect(tree.reached == reached)
        #expect(tree.chain(to: PersonID(s)) == nil)
      }
    }
  }

  /// Many equal strengths (so many equally strong chains) on a larger graph:
  /// the tree against the per-target search, every target within three hops.
  @Test(arguments: [UInt64(1), 2, 3])
  func equalStrengthsTieBreakLikeTheSearch(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let n = 400
    let g = try Self.equalStrengths(people: n, ties: 1_600, rng: &rng)
    var tree = StrongestChainTree(g)
    var search = PathSearch(g)
    for s in [0, 17, 399] {
      let firstHop: (PersonID) -> Bool = { $0 % 5 != 0 }
      tree.grow(from: PersonID(s), maxHops: 3, firstHop: firstHop)
      var count = 0
      for t in 0..<n where t != s {
        let one = search.strongestPaths(
          from: PersonID(s), to: [PersonID(t)], query: PathQuery(k: 1, maxHops: 3), firstHop: firstHop
        ).first
        #expect(tree.chain(to: PersonID(t)) == one?.people, "seed \(seed) \(s)→\(t)")
        if one != nil { count += 1 }
      }
      #expect(tree.reached.count == count && count > 50)
      // The last layer kept to some people: their chains are the same, and
      // the others are reached only by shorter chains.
      var kept = StrongestChainTree(g)
      var thirds = PersonBits(count: n)
      for t in stride(from: 0, to: n, by: 3) { thirds.insert(PersonID(t)) }
      kept.grow(from: PersonID(s), maxHops: 3, firstHop: firstHop, lastHopTo: thirds)
      for t in 0..<n where t != s {
        let whole = tree.chain(to: PersonID(t))
        if t % 3 == 0 {
          #expect(kept.chain(to: PersonID(t)) == whole, "seed \(seed) \(s)→\(t)")
        } else if let c = kept.chain(to: PersonID(t)) {
          #expect(c.count <= 3, "seed \(seed) \(s)→\(t)")
        }
      }
    }
  }

  /// Listing the chains of at most three hops (`shortChains`) against Yen's
  /// spur searches: many equal strengths, a first-hop rule, k from 1 to 6.
  @Test(arguments: [UInt64(4), 5, 6])
  func listedShortChainsEqualYen(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let n = 300
    let g = try Self.equalStrengths(people: n, ties: 1_500, rng: &rng)
    var listed = PathSearch(g)
    // Listing and Yen's layered spurs on shared half-edge costs.
    var listedShared = PathSearch(g, costs: PathSearch.halfEdgeCosts(g))
    var yenShared = PathSearch(g, costs: PathSearch.halfEdgeCosts(g))
    yenShared.enumeratesShortChains = false
    var yen = PathSearch(g)
    yen.enumeratesShortChains = false
    var found = 0
    for s in [0, 1, 150, 299] {
      let firstHop: (PersonID) -> Bool = { $0 % 7 != 3 }
      for t in stride(from: 0, to: n, by: 3) where t != s {
        let k = 1 + Int(rng.next() % 6)
        let hops = 1 + Int(rng.next() % 3)
        let query = PathQuery(k: k, maxHops: hops)
        let ours = listed.strongestPaths(from: PersonID(s), to: [PersonID(t)], query: query, firstHop: firstHop)
        let theirs = yen.strongestPaths(from: PersonID(s), to: [PersonID(t)], query: query, firstHop: firstHop)
        #expect(ours == theirs, "seed \(seed) \(s)→\(t) k \(k) hops \(hops)")
        let sharedListed = listedShared.strongestPaths(
          from: PersonID(s), to: [PersonID(t)], query: query, firstHop: firstHop)
        let sharedYen = yenShared.strongestPaths(
          from: PersonID(s), to: [PersonID(t)], query: query, firstHop: firstHop)
        #expect(sharedListed == ours && sharedYen == ours, "shared costs: seed \(seed) \(s)→\(t) k \(k)")
        found += ours.count
      }
    }
    #expect(found > 200)
  }

  /// One search answering queries by rule from a few sources, rules and
  /// sources changing between queries (first hops remembered while both
  /// stay the same) gives what a new search gives each query.
  @Test(arguments: [UInt64(7), 8])
  func rememberedFirstHopsEqualNewSearches(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let n = 300
    let g = try Self.equalStrengths(people: n, ties: 1_500, rng: &rng)
    let strict = TieClassifier(strongAtLeast: 0.9, weakAtLeast: 0.6)
    let rules: [FirstHopRule] = [.any, .usable(TieClassifier()), .usable(strict)]
    var shared = PathSearch(g)
    var differed = 0
    for round in 0..<120 {
      let s = PersonID([0, 1, 150][(round / 7) % 3])
      let rule = rules[(round / 3) % 3]
      let t = PersonID(rng.next() % UInt64(n))
      let query = PathQuery(k: 1 + Int(rng.next() % 4), maxHops: 3, firstHop: rule)
      var fresh = PathSearch(g)
      let expected = fresh.strongestPaths(from: s, to: [t], query: query)
      #expect(shared.strongestPaths(from: s, to: [t], query: query) == expected, "seed \(seed) round \(round)")
      if expected != fresh.strongestPaths(from: s, to: [t], query: PathQuery(k: query.k, maxHops: 3)) { differed += 1 }
    }
    // The rules do change some answers, so a mark kept across rules would show.
    #expect(differed > 0)
  }

  /// Queries answered from a fan of two-hop chains (`fanOut`) against Yen's
  /// spur searches: k up to and past the fan's, one to three hops, the fan
  /// dropped when the rule or the source changes; dense and sparse graphs
  /// (where a chain back through the target itself would make the list).
  @Test(arguments: [(UInt64(9), 1_500), (10, 600), (11, 450)])
  func fannedChainsEqualYen(seed: UInt64, ties: Int) throws {
    var rng = SplitMix64(seed: seed)
    let n = 300
    let g = try Self.equalStrengths(people: n, ties: ties, rng: &rng)
    let rules: [FirstHopRule] = [.any, .usable(TieClassifier(strongAtLeast: 0.9, weakAtLeast: 0.6))]
    var fanned = PathSearch(g, costs: PathSearch.halfEdgeCosts(g))
    var found = 0
    for round in 0..<8 {
      let s = PersonID([0, 1, 150, 299][round % 4])
      let rule = rules[round / 4]
      let fanK = 1 + Int(rng.next() % 4)
      fanned.fanOut(from: s, rule: rule, k: fanK)
      #expect(fanned.fan.answers(from: s, k: fanK))
      for t in stride(from: Int(rng.next() % 3), to: n, by: 3) where t != Int(s) {
        let query = PathQuery(
          k: 1 + Int(rng.next() % UInt64(fanK + 1)), maxHops: 1 + Int(rng.next() % 3), firstHop: rule)
        var yen = PathSearch(g)
        yen.enumeratesShortChains = false
        let expected = yen.strongestPaths(from: s, to: [PersonID(t)], query: query)
        #expect(fanned.strongestPaths(from: s, to: [PersonID(t)], query: query) == expected, "seed \(seed) \(s)→\(t)")
        found += expected.count
      }
      // Another rule or source drops the fan.
      _ = fanned.strongestPaths(from: s, to: [PersonID(7)], query: PathQuery(k: 1, firstHop: rules[1 - round / 4]))
      #expect(!fanned.fan.answers(from: s, k: 1))
    }
    #expect(found > 15)
  }

  /// A target whose only contacts besides the source lead back to it: the
  /// fan holds the chains s–t–b, which must not come back as s–t–b–t.
  @Test func fannedChainsNeverReturnThroughTheTarget() throws {
    var b = GraphBuilder()
    for p in 0..<5 { _ = b.person(integerKey: Int64(p)) }
    for (x, y) in [(0, 1), (1, 2), (1, 3), (2, 4)] { _ = try b.addTie(PersonID(x), PersonID(y), strength: 0.5) }
    let g = try b.build().0
    var fanned = PathSearch(g)
    fanned.fanOut(from: 0, rule: .any, k: 3)
    let chains = fanned.strongestPaths(from: 0, to: [1], query: PathQuery(k: 3, maxHops: 3))
    #expect(chains.map(\.people) == [[0, 1]])
  }

  /// A random graph whose strengths take four values (so many chains are equally strong).
  static func equalStrengths(people n: Int, ties: Int, rng: inout SplitMix64) throws -> Graph {
    var b = GraphBuilder()
    for p in 0..<n { _ = b.person(integerKey: Int64(p)) }
    for _ in 0..<ties {
      let x = Int(rng.next() % UInt64(n))
      let y = Int(rng.next() % UInt64(n))
      let s: Float = [0.5, 0.25, 1, 0.5][Int(rng.next() % 4)]
      _ = try b.addTie(PersonID(x), PersonID(y), strength: s)
    }
    return try b.build().0
  }
}
