@_spi(Internals) import GraphCore

/// One introduction chain: from the asker to a target, with the strength of
/// every hop.
public struct StrongestPath: Sendable, Codable, Equatable {
  /// The people in order, asker first, target last.
  public var people: [PersonID]
  /// Strength of each hop (people[i] – people[i+1]).
  public var strengths: [Double]
  /// Product of the hop strengths: the chance the chain works if each
  /// introduction succeeds independently with its tie's strength.
  public var strength: Double
  /// Σ −ln(strength) over the hops (= −ln of `strength`).
  public var cost: Double
  /// Σ of the hops' costs in fixed point (exact to compare): what paths are ranked by.
  public var quantisedCost: Int64
  /// Number of hops (people.count − 1).
  public var hops: Int
  /// Index of the weakest hop (the first one when several tie).
  public var weakestHop: Int

  /// The brokers: everyone between the asker and the target.
  public var brokers: ArraySlice<PersonID> { people.dropFirst().dropLast() }
}

/// Options of a strongest-chains query.
public struct PathQuery: Sendable {
  /// Number of chains to return (Yen's k).
  public var k: Int
  /// Longest chain in hops; nil for no limit.
  public var maxHops: Int?
  /// Alternatives share no broker (each next chain avoids every earlier
  /// chain's brokers and direct ties) instead of Yen's runners-up.
  public var disjoint: Bool
  /// Which of the asker's ties may start a chain.
  public var firstHop: FirstHopRule

  public init(k: Int = 3, maxHops: Int? = 3, disjoint: Bool = false, firstHop: FirstHopRule = .any) {
    self.k = k
    self.maxHops = maxHops
    self.disjoint = disjoint
    self.firstHop = firstHop
  }
}

extension Graph {
  /// The k strongest loopless introduction chains from `source` to any of
  /// `targets` (a person, or everyone at a company), maximising the product
  /// of tie strengths, i.e. minimising Σ −ln s (Guides/BrokerPaths.md).
  ///
  /// Yen's algorithm (Yen 1971, *Management Science* 17(11):712–716) with
  /// a deterministic total order: quantised cost (`TieCost`), then hops,
  /// then the sequence of person ids compared lexicographically. Each spur
  /// search is a Dijkstra from the targets towards the spur person (or a
  /// hop-layered Bellman–Ford when `maxHops` is set), followed by a greedy
  /// walk that takes the smallest-id next person on an optimal remainder, so
  /// every spur path is the least in that order and the list is the first k
  /// chains in it. A chain ends at the first target it reaches. Without a
  /// hop limit and for k > 1, one Dijkstra from the targets gives every
  /// person's least key to them, and each spur search is an A* search from
  /// the spur person bounded by it (the same chains; it settles only the
  /// people near a least chain).
  /// `query.firstHop` decides which of the source's ties may start a chain
  /// (`firstHop`, when given, instead).
  ///
  /// - Complexity: O(k·L·(E + V log V)) time for L the longest chain's hop
  ///   count (O(k·L·H·E) with a hop limit H), O(V·H + E) extra space.
  public func strongestPaths(
    from source: PersonID, to targets: [PersonID], query: PathQuery = PathQuery(),
    firstHop: ((PersonID) -> Bool)? = nil
  ) -> [StrongestPath] {
    var search = PathSearch(self)
    return search.strongestPaths(
      from: source, to: targets, query: query, firstHop: firstHop ?? firstHopTest(query.firstHop, from: source))
  }

  /// The strongest chain between two people by bidirectional Dijkstra on
  /// the quantised costs (no hop limit); nil when they are not connected.
  /// Each call allocates its own scratch arrays (O(V + E)).
  /// Among chains of equal cost the fewest hops win; further ties are broken
  /// deterministically (heap order by person id), not lexicographically —
  /// use `strongestPaths` for the full tie-break.
  /// - Complexity: O((E + V) log V) worst case, usually far less.
  public func strongestPath(from source: PersonID, to target: PersonID) -> StrongestPath? {
    var search = PathSearch(self)
    return search.strongestPath(from: source, to: target)
  }
}

/// Reusable state for many strongest-chain queries on one graph: the
/// half-edge keys and every scratch array are allocated once.
///
/// A key is (quantised cost << 16) + hops, so comparing keys compares cost
/// first and hops second, exactly, in one integer.
package struct PathSearch {
  let graph: Graph
  /// Per half-edge: its quantised cost (`TieCost`, below 2³²; the key is
  /// cost << 16 + 1, `key(cost:)`), made on the first search without a hop
  /// limit or handed over by `init(_:costs:)` so that workers share one
  /// array (hop-limited searches touch a few rows and key them as they go).
  var keys: [UInt32] = []
  let n: Int

  // Backward (to-target) distances for Dijkstra, and for each hop layer.
  var dist: [Int64]
  var touched: [Int32] = []
  var settled: VisitMarks
  var blockedPeople: VisitMarks
  var isTarget: VisitMarks
  var heap = CostHeap()
  /// Whether single-target queries of at most three hops list their chains
  /// (`shortChains`) instead of running Yen's spur searches; the same answer
  /// either way (tests switch it off to compare).
  package var enumeratesShortChains = true
  /// The source's contacts and the key of each tie from it, for `shortChains`.
  var nearSource: PersonID = -1
  var nearKey: [Int64] = []
  var nearMarks = VisitMarks(count: 0)
  var firstYes = VisitMarks(count: 0)
  var firstNo = VisitMarks(count: 0)
  /// The source and rule `firstYes` and `firstNo` hold answers for: kept
  /// from query to query while both stay the same (nil after a query by a
  /// closure, which cannot be compared).
  var firstHopMemo: (source: PersonID, rule: FirstHopRule)?
  /// Two-hop chains from the memo's source by its rule (`fanOut`); dropped with the memo.
  package internal(set) var fan = ChainFan()
  /// Layer h of the hop-limited search at h × n (grown to the largest budget asked).
  var layers: [Int64] = []
  var layerTouched: [[Int32]] = []
  // Bidirectional search.
  var distF: [Int64]
  var predF: [Int32]
  var predB: [Int32]
  var touchedF: [Int32] = []
  var heapF = CostHeap()

  static let hopBits: Int64 = 16
  static let hopMask: Int64 = (1 << 16) - 1

  /// The key of a tie of strength `s`: one hop at its quantised cost.
  @inline(__always) static func key(_ s: Float) -> Int64 { TieCost.quantised(s) << hopBits + 1 }

  /// The key of a half-edge of quantised cost `cost`.
  @inline(__always) static func key(cost: UInt32) -> Int64 { Int64(cost) << hopBits + 1 }

  /// The key of half-edge `e`: from the shared costs when there are any
  /// (no logarithm per tie), else from its strength.
  @inline(__always) static func key(_ e: Int, _ s: UnsafeBufferPointer<Float>, _ costs: [UInt32]) -> Int64 {
    costs.isEmpty ? key(s[e]) : key(cost: costs[e])
  }

  /// Every half-edge's quantised cost, for searches that share them
  /// (`init(_:costs:)`). O(E), 4 bytes per half-edge.
  package static func halfEdgeCosts(_ graph: Graph) -> [UInt32] {
    graph.withCSR { _, _, s in
      var k = [UInt32](repeating: 0, count: s.count)
      for i in 0..<s.count { k[i] = UInt32(TieCost.quantised(s[i])) }
      return k
    }
  }

  /// Makes `keys` when it is not made yet. O(E) once.
  mutating func keyEveryTie() {
    guard keys.isEmpty else { return }
    keys = Self.halfEdgeCosts(graph)
  }

  /// Hops from the query's source (up to the hop limit; `UInt8.max`
  /// beyond): a hop-limited search ignores people too far from the source
  /// to be on any chain within the limit. `ballLimit` is nil without a limit.
  var ballHop: [UInt8]
  var ballTouched: [Int32] = []
  var ballLimit: Int?
  var ballSource: PersonID = -1

  /// Marks the people within `limit` hops of `source` (breadth-first), unless
  /// the last query marked the same ball. O(ties in the ball).
  mutating func markBall(around source: PersonID, limit: Int) {
    if ballSource == source && ballLimit == limit { return }
    ballSource = source
    for p in ballTouched { ballHop[Int(p)] = .max }
    ballTouched.removeAll(keepingCapacity: true)
    ballLimit = limit
    ballHop[Int(source)] = 0
    ballTouched.append(source)
    var frontier = [source]
    var level = 0
    let g = graph
    while !frontier.isEmpty && level < min(limit, Int(UInt8.max) - 1) {
      level += 1
      var next: [PersonID] = []
      g.withCSR { o, t, _ in
        for x in frontier {
          for e in Int(o[Int(x)])..<Int(o[Int(x) + 1]) where ballHop[Int(t[e])] == .max {
            ballHop[Int(t[e])] = UInt8(level)
            ballTouched.append(t[e])
            next.append(t[e])
          }
        }
      }
      frontier = next
    }
  }

  /// Whether `y`, `h` hops from a target, can be on a chain from the source within the limit.
  @inline(__always) func inBall(_ y: PersonID, _ h: Int) -> Bool {
    guard let limit = ballLimit else { return true }
    let d = ballHop[Int(y)]
    return d != .max && Int(d) + h <= limit
  }

  /// A search whose searches without a hop limit read `costs`
  /// (`halfEdgeCosts(graph)`), shared with other searches on the same graph.
  package init(_ graph: Graph, costs: [UInt32]) {
    self.init(graph)
    keys = costs
  }

  package init(_ graph: Graph) {
    self.graph = graph
    n = graph.personCount
    ballHop = [UInt8](repeating: .max, count: n)
    dist = [Int64](repeating: .max, count: n)
    settled = VisitMarks(count: n)
    blockedPeople = VisitMarks(count: n)
    isTarget = VisitMarks(count: n)
    distF = [Int64](repeating: .max, count: n)
    predF = [Int32](repeating: -1, count: n)
    predB = [Int32](repeating: -1, count: n)
  }

  // MARK: Yen

  /// `Graph.strongestPaths` with this search's scratch space, the first hop
  /// by `query.firstHop`.
  package mutating func strongestPaths(from source: PersonID, to targets: [PersonID], query: PathQuery)
    -> [StrongestPath]
  {
    // Queries from one source by one rule share the first hops already tested.
    let same = firstHopMemo.map { $0.source == source && $0.rule == query.firstHop } ?? false
    if !same {
      firstYes.reset()
      firstNo.reset()
      fan.source = -1
    }
    let found = search(
      from: source, to: targets, query: query, firstHop: graph.firstHopTest(query.firstHop, from: source))
    firstHopMemo = (source, query.firstHop)
    return found
  }

  /// `Graph.strongestPaths` with this search's scratch space, the first hop by `firstHop`.
  package mutating func strongestPaths(
    from source: PersonID, to targets: [PersonID], query: PathQuery, firstHop: (PersonID) -> Bool
  ) -> [StrongestPath] {
    firstYes.reset()
    firstNo.reset()
    firstHopMemo = nil
    fan.source = -1
    return search(from: source, to: targets, query: query, firstHop: firstHop)
  }

  /// The search itself; `shortChains` reads and adds to the first-hop marks,
  /// which the caller has made right for `source` and `firstHop`.
  mutating func search(
    from source: PersonID, to targets: [PersonID], query: PathQuery, firstHop: (PersonID) -> Bool
  ) -> [StrongestPath] {
    isTarget.reset()
    targetList.removeAll(keepingCapacity: true)
    for t in targets where t != source && !isTarget.isMarked(t) {
      isTarget.mark(t)
      targetList.append(t)
    }
    if targetList.isEmpty || query.k < 1 { return [] }
    let maxHops = query.maxHops
    if let h = maxHops, h < 1 { return [] }
    // Every spur of a hop-limited search stays within the limit of the
    // source: a spur at depth i with budget limit − i reaches y in at most
    // budget − h hops only if y is within limit − h of the source.
    if !query.disjoint, enumeratesShortChains, targetList.count == 1, let h = maxHops, h <= 3 {
      return shortChains(from: source, to: targetList[0], k: query.k, maxHops: h, firstHop: firstHop).map(describe)
    }
    if let h = maxHops { markBall(around: source, limit: h) } else { ballLimit = nil }
    // Several chains without a hop limit: each spur search is guided by every
    // person's least key to a target with nothing blocked, found once.
    bounded = maxHops == nil && query.k > 1 && boundsSpurs
    if bounded { boundByTargets() }
    var accepted: [[PersonID]] = []
    var acceptedKeys: [Int64] = []
    var blockedEdges: [(PersonID, PersonID)] = []

    if query.disjoint {
      var brokersUsed: [PersonID] = []
      while accepted.count < query.k {
        blockedPeople.reset()
        for b in brokersUsed { blockedPeople.mark(b) }
        guard
          let (p, key) = spur(
            from: source, budget: maxHops, blockedEdgesAt: source, blocked: blockedEdges, firstHop: firstHop)
        else { break }
        accepted.append(p)
        acceptedKeys.append(key)
        brokersUsed += p.dropFirst().dropLast()
        if p.count == 2 { blockedEdges.append((source, p[1])) }
      }
      return accepted.map(describe)
    }

    blockedPeople.reset()
    guard
      let (first, firstKey) = spur(
        from: source, budget: maxHops, blockedEdgesAt: source, blocked: [], firstHop: firstHop)
    else { return [] }
    accepted = [first]
    acceptedKeys = [firstKey]
    var seen: Set<[PersonID]> = [first]
    var candidates: [(key: Int64, path: [PersonID])] = []
    while accepted.count < query.k {
      let last = accepted[accepted.count - 1]
      var rootKey: Int64 = 0
      for i in 0..<(last.count - 1) {
        let spurPerson = last[i]
        let root = last[0...i]
        // Block the next hop of every accepted chain that shares this root.
        var blocked: [(PersonID, PersonID)] = []
        for p in accepted where p.count > i + 1 && p[0...i] == root { blocked.append((spurPerson, p[i + 1])) }
        blockedPeople.reset()
        for r in root.dropLast() { blockedPeople.mark(r) }
        let budget = maxHops.map { $0 - i }
        if let (tail, tailKey) = spur(
          from: spurPerson, budget: budget, blockedEdgesAt: spurPerson, blocked: blocked,
          firstHop: i == 0 ? firstHop : { _ in true })
        {
          let path = Array(root) + tail.dropFirst()
          if seen.insert(path).inserted { candidates.append((rootKey + tailKey, path)) }
        }
        rootKey += hopKey(last[i], last[i + 1])
      }
      guard !candidates.isEmpty else { break }
      var best = 0
      for c in 1..<candidates.count where PathSearch.precedes(candidates[c], candidates[best]) { best = c }
      let next = candidates.remove(at: best)
      accepted.append(next.path)
      acceptedKeys.append(next.key)
    }
    return accepted.map(describe)
  }

  static func precedes(_ a: (key: Int64, path: [PersonID]), _ b: (key: Int64, path: [PersonID])) -> Bool {
    if a.key != b.key { return a.key < b.key }
    return a.path.lexicographicallyPrecedes(b.path)
  }

  /// The key of the tie a–b.
  func hopKey(_ a: PersonID, _ b: PersonID) -> Int64 {
    let costs = keys
    return graph.withCSR { o, t, s in
      var lo = Int(o[Int(a)])
      var hi = Int(o[Int(a) + 1])
      while lo < hi {
        let mid = (lo + hi) >> 1
        if t[mid] < b { lo = mid + 1 } else { hi = mid }
      }
      return Self.key(lo, s, costs)
    }
  }

  /// The least chain (key, then ids) from `start` to the nearest target,
  /// avoiding `blockedPeople`, the ties (start, x) listed in `blocked`, and
  /// ties from `start` whose contact fails `firstHop`; within `budget` hops.
  mutating func spur(
    from start: PersonID, budget: Int?, blockedEdgesAt: PersonID, blocked: [(PersonID, PersonID)],
    firstHop: (PersonID) -> Bool
  ) -> ([PersonID], Int64)? {
    let blockedNext = Set(blocked.map { $0.1 })
    func allowedFromStart(_ x: PersonID) -> Bool { !blockedNext.contains(x) && firstHop(x) }
    if let h = budget {
      return layeredSpur(from: start, budget: h, allowed: allowedFromStart)
    }
    if bounded { return boundedSpur(from: start, allowed: allowedFromStart) }
    return dijkstraSpur(from: start, allowed: allowedFromStart)
  }

  // MARK: Spurs guided by the keys to the targets

  /// Whether the query's spurs are `boundedSpur`s (set by `search`).
  var bounded = false
  /// Whether queries for several chains without a hop limit use `boundedSpur`;
  /// the same answer either way (tests switch it off to compare).
  package var boundsSpurs = true
  /// Each person's least key to a target with nothing blocked and chains
  /// ending at their first target (`.max`: none reachable), from `boundByTargets`.
  var toTarget: [Int64] = []
  var toTargetTouched: [Int32] = []
  /// A bounded spur's keys from its start, and the people on its least chains.
  var fromStart: [Int64] = []
  var fromStartTouched: [Int32] = []
  var onLeastChain = VisitMarks(count: 0)

  /// Fills `toTarget`: multi-source Dijkstra from the targets over the whole
  /// network. O((E + V) log V), once per query.
  mutating func boundByTargets() {
    keyEveryTie()
    if toTarget.count != n {
      toTarget = [Int64](repeating: .max, count: n)
      fromStart = [Int64](repeating: .max, count: n)
      onLeastChain = VisitMarks(count: n)
    }
    for p in toTargetTouched { toTarget[Int(p)] = .max }
    toTargetTouched.removeAll(keepingCapacity: true)
    heap.removeAll()
    settled.reset()
    let g = graph
    g.withCSR { o, t, _ in
      keys.withUnsafeBufferPointer { kk in
        for x in targetList {
          toTarget[Int(x)] = 0
          toTargetTouched.append(x)
          heap.push(0, x)
        }
        while !heap.isEmpty {
          let (d, x) = heap.pop()
          if d > toTarget[Int(x)] || settled.isMarked(x) { continue }
          settled.mark(x)
          for e in Int(o[Int(x)])..<Int(o[Int(x) + 1]) {
            let y = t[e]
            if settled.isMarked(y) || isTarget.isMarked(y) { continue }
            let nd = d + Self.key(cost: kk[e])
            if nd < toTarget[Int(y)] {
              if toTarget[Int(y)] == .max { toTargetTouched.append(y) }
              toTarget[Int(y)] = nd
              heap.push(nd, y)
            }
          }
        }
      }
    }
  }

  /// `dijkstraSpur`'s answer by an A* search forward from `start`, with
  /// `toTarget` as the bound on what is left (blocking people and ties only
  /// lengthens chains, so the bound holds, and it is consistent). Every
  /// person whose key from `start` plus bound is at most the least chain's
  /// key is settled; the chain is then the smallest-id walk over the ties
  /// that lie on a least chain, which is `dijkstraSpur`'s walk.
  /// - Complexity: O((E' + V') log V') for the V' people and E' ties within
  ///   the least chain's key of `start` by that measure, usually a small part.
  mutating func boundedSpur(from start: PersonID, allowed: (PersonID) -> Bool) -> ([PersonID], Int64)? {
    guard toTarget[Int(start)] != .max else { return nil }
    heap.removeAll()
    settled.reset()
    for p in fromStartTouched { fromStart[Int(p)] = .max }
    fromStartTouched.removeAll(keepingCapacity: true)
    var least = Int64.max
    var reached: [PersonID] = []
    let g = graph
    g.withCSR { o, t, _ in
      keys.withUnsafeBufferPointer { kk in
        fromStart[Int(start)] = 0
        fromStartTouched.append(start)
        heap.push(toTarget[Int(start)], start)
        while !heap.isEmpty {
          let (f, x) = heap.pop()
          if f > least { break }
          let gx = fromStart[Int(x)]
          if settled.isMarked(x) || f != gx + toTarget[Int(x)] { continue }
          settled.mark(x)
          if isTarget.isMarked(x) {
            // Chains end at their first target; the first one settled has the least key.
            least = min(least, gx)
            reached.append(x)
            continue
          }
          for e in Int(o[Int(x)])..<Int(o[Int(x) + 1]) {
            let y = t[e]
            if blockedPeople.isMarked(y) || settled.isMarked(y) { continue }  // start is settled first
            if x == start && !allowed(y) { continue }
            let bound = toTarget[Int(y)]
            if bound == .max { continue }
            let ng = gx + Self.key(cost: kk[e])
            if ng < fromStart[Int(y)] {
              if fromStart[Int(y)] == .max { fromStartTouched.append(y) }
              fromStart[Int(y)] = ng
              if ng + bound <= least { heap.push(ng + bound, y) }
            }
          }
        }
        guard least != .max else { return }
        // The people on a least chain: back from the targets reached over ties
        // that are tight (key from start + tie = the next one's key from start).
        onLeastChain.reset()
        var stack = reached
        for x in reached { onLeastChain.mark(x) }
        while let y = stack.popLast() {
          for e in Int(o[Int(y)])..<Int(o[Int(y) + 1]) {
            let x = t[e]
            if !settled.isMarked(x) || onLeastChain.isMarked(x) || isTarget.isMarked(x) { continue }
            if x == start && !allowed(y) { continue }
            if fromStart[Int(x)] + Self.key(cost: kk[e]) == fromStart[Int(y)] {
              onLeastChain.mark(x)
              stack.append(x)
            }
          }
        }
      }
    }
    guard least != .max else { return nil }
    // Over tight ties to people on a least chain.
    let path = smallestIdWalk(from: start, allowed: allowed) { v, w, e in
      onLeastChain.isMarked(w) && fromStart[Int(v)] + Self.key(cost: keys[e]) == fromStart[Int(w)]
    }
    return (path, least)
  }

  /// The chain from `start` that takes at each step the smallest-id contact
  /// `w` (over half-edge `e` from `v`) with `onLeast(v, w, e)`, the first
  /// one allowed by `allowed`, until a target. O(the chain's ties).
  func smallestIdWalk(
    from start: PersonID, allowed: (PersonID) -> Bool, onLeast: (_ v: PersonID, _ w: PersonID, _ e: Int) -> Bool
  ) -> [PersonID] {
    var path = [start]
    var v = start
    graph.withCSR { o, t, _ in
      while !isTarget.isMarked(v) {
        var next: PersonID = -1
        for e in Int(o[Int(v)])..<Int(o[Int(v) + 1]) {
          let w = t[e]
          if v == start && !allowed(w) { continue }
          if onLeast(v, w, e) {
            next = w
            break  // rows are sorted: the first match is the smallest id
          }
        }
        v = next
        path.append(v)
      }
    }
    return path
  }

  /// Unbounded: multi-source Dijkstra from the targets until `start` is settled.
  mutating func dijkstraSpur(from start: PersonID, allowed: (PersonID) -> Bool) -> ([PersonID], Int64)? {
    keyEveryTie()
    heap.removeAll()
    settled.reset()
    for p in touched { dist[Int(p)] = .max }
    touched.removeAll(keepingCapacity: true)
    let g = graph
    // Seed with the targets (not blocked).
    var found = false
    g.withCSR { o, t, _ in
      keys.withUnsafeBufferPointer { kk in
        for x in targetList where !blockedPeople.isMarked(x) && x != start {
          dist[Int(x)] = 0
          touched.append(x)
          heap.push(0, x)
        }
        while !heap.isEmpty {
          let (d, x) = heap.pop()
          if d > dist[Int(x)] || settled.isMarked(x) { continue }
          settled.mark(x)
          if x == start {
            found = true
            break
          }
          for e in Int(o[Int(x)])..<Int(o[Int(x) + 1]) {
            let y = t[e]
            if blockedPeople.isMarked(y) || settled.isMarked(y) { continue }
            if y == start && !allowed(x) { continue }
            if isTarget.isMarked(y) { continue }  // chains end at their first target
            let nd = d + Self.key(cost: kk[e])
            if nd < dist[Int(y)] {
              if dist[Int(y)] == .max { touched.append(y) }
              dist[Int(y)] = nd
              heap.push(nd, y)
            }
          }
        }
      }
    }
    guard found else { return nil }
    // Greedy walk: smallest-id next person on an optimal remainder.
    let path = smallestIdWalk(from: start, allowed: allowed) { v, w, e in
      !blockedPeople.isMarked(w) && settled.isMarked(w) && dist[Int(w)] != .max
        && dist[Int(w)] + Self.key(cost: keys[e]) == dist[Int(v)]
    }
    return (path, dist[Int(start)])
  }

  /// The target people of the current query.
  var targetList: [PersonID] = []

  /// Hop-limited: layered Bellman–Ford from the targets, best[h][x] = least
  /// key from x to a target in at most h hops.
  mutating func layeredSpur(from start: PersonID, budget: Int, allowed: (PersonID) -> Bool) -> ([PersonID], Int64)? {
    let n = self.n
    let costs = keys
    if layers.count < (budget + 1) * n { layers += repeatElement(Int64.max, count: (budget + 1) * n - layers.count) }
    while layerTouched.count <= budget { layerTouched.append([]) }
    // The hot loop works on locals (one flat array, layer h at h × n): no
    // reference counting or exclusivity checks on `self`'s nested arrays per tie.
    var best = layers
    var touchedAt = layerTouched
    layers = []
    layerTouched = []
    defer {
      layers = best
      layerTouched = touchedAt
    }
    for h in 0...budget {
      for p in touchedAt[h] { best[h * n + Int(p)] = .max }
      touchedAt[h].removeAll(keepingCapacity: true)
    }
    let blocked = blockedPeople
    let targets = isTarget
    let ball = ballHop
    let limit = ballLimit ?? Int.max
    let bounded = ballLimit != nil
    @inline(__always) func near(_ y: PersonID, _ h: Int) -> Bool {
      guard bounded else { return true }
      let d = ball[Int(y)]
      return d != .max && Int(d) + h <= limit
    }
    var frontier: [PersonID] = []
    for x in targetList where !blocked.isMarked(x) && x != start && near(x, 0) {
      best[Int(x)] = 0
      touchedAt[0].append(x)
      frontier.append(x)
    }
    let g = graph
    g.withCSR { o, t, s in
      for h in 1...budget {
        let here = h * n
        let before = here - n
        // Layer h starts as a copy of layer h − 1 on the touched people.
        var touchedHere = touchedAt[h - 1]
        for p in touchedHere { best[here + Int(p)] = best[before + Int(p)] }
        var nextFrontier: [PersonID] = []
        for x in frontier {
          if x == start { continue }
          let dx = best[before + Int(x)]
          // Chains end at their first target: only a target itself (at 0) extends from a target.
          if targets.isMarked(x) && dx > 0 { continue }
          for e in Int(o[Int(x)])..<Int(o[Int(x) + 1]) {
            let y = t[e]
            if blocked.isMarked(y) || targets.isMarked(y) || !near(y, h) { continue }
            if y == start && !allowed(x) { continue }
            let nd = dx + Self.key(e, s, costs)
            let cur = best[here + Int(y)]
            if nd < cur {
              if cur == .max { touchedHere.append(y) }
              if best[before + Int(y)] == cur || cur == .max { nextFrontier.append(y) }
              best[here + Int(y)] = nd
            }
          }
        }
        touchedAt[h] = touchedHere
        frontier = nextFrontier
        if frontier.isEmpty && h < budget {
          // Nothing improves further: later layers equal this one.
          for hh in (h + 1)...budget {
            for p in touchedHere { best[hh * n + Int(p)] = best[here + Int(p)] }
            touchedAt[hh] = touchedHere
          }
          break
        }
      }
    }
    guard best[budget * n + Int(start)] != .max else { return nil }
    var path = [start]
    var v = start
    var h = budget
    g.withCSR { o, t, s in
      while !targets.isMarked(v) {
        let dv = best[h * n + Int(v)]
        var next: PersonID = -1
        for e in Int(o[Int(v)])..<Int(o[Int(v) + 1]) {
          let w = t[e]
          if v == start && !allowed(w) { continue }
          if blocked.isMarked(w) { continue }
          let dw = best[(h - 1) * n + Int(w)]
          if w != start && dw != .max && dw + Self.key(e, s, costs) == dv {
            next = w
            break
          }
        }
        v = next
        h -= 1
        path.append(v)
      }
    }
    return (path, best[budget * n + Int(start)])
  }

  // MARK: Bidirectional Dijkstra

  /// The strongest chain between two people (no hop limit), bidirectional
  /// Dijkstra on keys (cost, then hops), stopping when the two frontiers'
  /// smallest keys sum past the best meeting found.
  package mutating func strongestPath(from s: PersonID, to t: PersonID) -> StrongestPath? {
    if s == t { return nil }
    keyEveryTie()
    // Move the buffers into locals for the hot loop (no exclusivity checks on
    // `self`, no closure captures of mutable state); moved back at the end.
    var dF = [Int64]()
    var dB = [Int64]()
    var pF = [Int32]()
    var pB = [Int32]()
    var hF = CostHeap()
    var hB = CostHeap()
    var tF = [Int32]()
    var tB = [Int32]()
    func exchange() {
      swap(&dF, &distF)
      swap(&dB, &dist)
      swap(&pF, &predF)
      swap(&pB, &predB)
      swap(&hF, &heapF)
      swap(&hB, &heap)
      swap(&tF, &touchedF)
      swap(&tB, &touched)
    }
    exchange()
    defer { exchange() }
    for p in tF { dF[Int(p)] = .max }
    for p in tB { dB[Int(p)] = .max }
    tF.removeAll(keepingCapacity: true)
    tB.removeAll(keepingCapacity: true)
    hF.removeAll()
    hB.removeAll()
    var best = Int64.max
    var meet: PersonID = -1
    graph.withCSR { o, tg, _ in
      keys.withUnsafeBufferPointer { kk in
        dF.withUnsafeMutableBufferPointer { distF in
          dB.withUnsafeMutableBufferPointer { distB in
            pF.withUnsafeMutableBufferPointer { predF in
              pB.withUnsafeMutableBufferPointer { predB in
                distF[Int(s)] = 0
                distB[Int(t)] = 0
                predF[Int(s)] = -1
                predB[Int(t)] = -1
                tF.append(s)
                tB.append(t)
                hF.push(0, s)
                hB.push(0, t)
                /// Pops one side's nearest person and relaxes its ties; a stale
                /// entry (key above the current distance) is skipped. Updates the
                /// best meeting with the opposite side's distances.
                func settle(
                  _ heap: inout CostHeap, _ dist: UnsafeMutableBufferPointer<Int64>,
                  _ pred: UnsafeMutableBufferPointer<Int32>, _ touched: inout [Int32],
                  opposite: UnsafeMutableBufferPointer<Int64>
                ) {
                  let (d, x) = heap.pop()
                  if d > dist[Int(x)] { return }
                  var e = Int(o[Int(x)])
                  let end = Int(o[Int(x) + 1])
                  while e < end {
                    let y = Int(tg[e])
                    let nd = d &+ Self.key(cost: kk[e])
                    if nd < dist[y] {
                      if dist[y] == .max { touched.append(Int32(truncatingIfNeeded: y)) }
                      dist[y] = nd
                      pred[y] = x
                      heap.push(nd, Int32(truncatingIfNeeded: y))
                      let other = opposite[y]
                      if other != .max && nd &+ other < best {
                        best = nd &+ other
                        meet = Int32(truncatingIfNeeded: y)
                      }
                    }
                    e &+= 1
                  }
                }
                // Each direction settles people in key order; a person is pushed
                // only when its key strictly drops, so a popped entry above the
                // current distance is stale. The side with the smaller heap
                // advances (on the 1 M-tie benchmark this settles ~20× fewer
                // people than advancing the side with the smaller key). Stop
                // when the two smallest keys together reach the best meeting.
                while !hF.isEmpty && !hB.isEmpty {
                  let topF = hF.keys[0]
                  let topB = hB.keys[0]
                  if topF &+ topB >= best { break }
                  if hF.count <= hB.count {
                    settle(&hF, distF, predF, &tF, opposite: distB)
                  } else {
                    settle(&hB, distB, predB, &tB, opposite: distF)
                  }
                }
              }
            }
          }
        }
      }
    }
    guard meet >= 0 else { return nil }
    var left: [PersonID] = []
    var x = meet
    while x >= 0 {
      left.append(x)
      if x == s { break }
      x = pF[Int(x)]
    }
    left.reverse()
    var y = meet
    while y != t {
      y = pB[Int(y)]
      left.append(y)
    }
    return describe(left)
  }

  /// Fills in strengths, product, costs and the weakest hop.
  package func describe(_ people: [PersonID]) -> StrongestPath {
    var strengths: [Double] = []
    var cost = 0.0
    var product = 1.0
    var q: Int64 = 0
    var weakest = 0
    for i in 0..<(people.count - 1) {
      let s = Double(graph.strength(between: people[i], and: people[i + 1]) ?? 0)
      strengths.append(s)
      product *= s
      cost += -_logDouble(s)
      q += hopKey(people[i], people[i + 1]) >> PathSearch.hopBits
      if s < strengths[weakest] { weakest = i }
    }
    return StrongestPath(
      people: people, strengths: strengths, strength: product, cost: cost, quantisedCost: q, hops: people.count - 1,
      weakestHop: weakest)
  }
}
