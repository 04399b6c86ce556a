@_spi(Internals) import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A partition of the network into communities.
public struct CommunityPartition: Sendable, Equatable {
  /// Community of each person, 0 ..< `count`, numbered by size (largest
  /// first), then by smallest member id.
  public var labels: [Int32]
  public var count: Int
  /// Modularity Q(γ) of the partition with strength as the weight.
  public var modularity: Double
  public var resolution: Double
}

extension Graph {
  /// Modularity of a partition, with tie strength as the weight and
  /// resolution γ (Newman & Girvan 2004; Reichardt & Bornholdt 2006):
  /// Q(γ) = Σ_c [ L_c / m − γ (K_c / 2m)² ], L_c the internal weight of c,
  /// K_c its strength sum, m the total weight. Equal to networkx
  /// `community.modularity(G, communities, weight="weight", resolution=γ)`.
  ///
  /// - Complexity: O(V + E) time, O(number of labels) extra space.
  public func modularity(labels: [Int32], resolution: Double = 1) -> Double {
    precondition(labels.count == personCount, "one label per person")
    let k = (labels.max().map { Int($0) + 1 }) ?? 0
    var internalWeight = [Double](repeating: 0, count: k)
    var total = [Double](repeating: 0, count: k)
    var m2 = 0.0
    withCSR { off, tgt, str in
      labels.withUnsafeBufferPointer { labels in
        for u in 0..<personCount {
          let cu = Int(labels[u])
          for e in Int(off[u])..<Int(off[u + 1]) {
            let w = Double(str[e])
            m2 += w
            total[cu] += w
            if labels[Int(tgt[e])] == labels[u] { internalWeight[cu] += w }
          }
        }
      }
    }
    guard m2 > 0 else { return 0 }
    var q = 0.0
    for c in 0..<k { q += internalWeight[c] / m2 - resolution * (total[c] / m2) * (total[c] / m2) }
    return q
  }

  /// Communities by the Louvain method (Blondel, Guillaume, Lambiotte &
  /// Lefebvre 2008, J Stat Mech P10008) maximising modularity with
  /// resolution γ, tie strength as the weight, with the refinement on the way
  /// back of networkit's PLM (Staudt & Meyerhenke 2016).
  ///
  /// Each level moves nodes one at a time to the neighbouring community with
  /// the largest modularity gain ΔQ ∝ w_{i,c} − γ k_i K_c / 2m (ties: stay,
  /// else the smaller community id), by fast local moving (Traag, Waltman &
  /// van Eck 2019): a queue starts with every node in an order shuffled by
  /// `seed`, and a node that moves queues its neighbours outside its new
  /// community. A level stops when the queue is empty, when a round of V
  /// visits improves Q by less than `threshold`, or after 32 rounds (PLM's
  /// cap). Communities then become the nodes of a weighted graph with
  /// self-loops and the next level starts. When no level merges any more,
  /// the partition is carried back down: each level starts from the
  /// communities of the level above and runs local moving again, so people
  /// that a coarse level carried into the wrong community leave it (on the
  /// 100 k-people benchmark network this raises Q from 0.378 to 0.454).
  /// Deterministic: the same graph and seed give the same partition.
  /// Local moving is sequential; `threads` splits building each level's
  /// graph (see `aggregate`), which sums every row the same way on any thread,
  /// so the partition is the same bytes for any thread count.
  /// Louvain can return badly connected communities (Traag et al. 2019);
  /// `leidenCommunities` adds the refinement step that prevents it.
  ///
  /// - Complexity: O(E) per round of local moving, at most 32 rounds per
  ///   level and in practice a few, O(log V) levels, each visited twice;
  ///   O(V + E) extra space (every level's graph is kept for the way back),
  ///   plus O(threads × communities) while a level is built.
  public func louvainCommunities(
    resolution: Double = 1, seed: UInt64 = 42, threshold: Double = 1e-7, threads: Int = 1
  ) -> CommunityPartition {
    louvain(resolution: resolution, seed: seed, threshold: threshold, threads: threads)
  }

  /// Communities by the Leiden method (Traag, Waltman & van Eck 2019,
  /// Sci Rep 9:5233) maximising modularity with resolution γ, tie strength as
  /// the weight. Every community is connected, and Q is at least that of
  /// `louvainCommunities` with the same resolution and seed.
  ///
  /// One Leiden pass, from a starting partition P of the people:
  /// 1. Fast local moving (the queue of `louvainCommunities`) on the level
  ///    graph, starting from P; a node may also move to an empty community
  ///    when every other choice loses. If every community is a single node,
  ///    the pass ends.
  /// 2. Refinement: inside each community C, a refined partition starts with
  ///    every node alone. In the seeded order, a node v still alone and well
  ///    connected to C (w(v, C − v) ≥ γ k_v (K_C − k_v) / 2m) may join a
  ///    sub-community R of C that is itself well connected
  ///    (w(R, C − R) ≥ γ K_R (K_C − K_R) / 2m) and that it gains by,
  ///    ΔQ = w(v, R) − γ k_v K_R / 2m ≥ 0 (staying alone counts, ΔQ = 0). The
  ///    choice is random, with probability ∝ exp(ΔQ / theta), θ = 0.01 in strength
  ///    units (the paper's value, as igraph): nearly always the best
  ///    sub-community, but not by a fixed tie rule.
  /// 3. Aggregation by the refined partition (one node per sub-community),
  ///    while the partition the aggregate starts from is the unrefined one
  ///    (each aggregate node in the community of P it came from); back to 1.
  ///    If the refinement merged nothing, the aggregate is built on the
  ///    connected parts of the communities, each starting alone, so levels
  ///    always shrink (and if there is nothing to merge, the pass ends).
  ///    Every community returned is one node of the last level: a connected
  ///    set of people.
  ///
  /// A run repeats passes, each starting from the partition the previous
  /// pass returned (Q never decreases), until a pass changes nothing or gains
  /// less than `threshold`, at most `leidenMaxPasses` times. Runs: one from
  /// singletons with `seed`, `leidenRestarts − 1` more from singletons with
  /// seeds derived from it, and one from the Louvain partition of the same
  /// seed (passes only raise Q from there). The partition of highest Q wins
  /// (ties: the earlier run). The runs are independent and each is
  /// sequential and seeded, so with `threads` > 1 they run side by side (two
  /// runs by default: from singletons, and Louvain then Leiden) and the
  /// same graph and seed give the same partition whatever the thread count.
  ///
  /// - Complexity: per pass, O(E) per round of local moving (at most 32
  ///   rounds per level), O(V + E) per level for the refinement and the
  ///   aggregation, O(log V) levels in practice; a few passes per run,
  ///   `leidenRestarts + 1` runs and one Louvain. O(V + E) extra space per
  ///   run running at once (at most `threads`).
  public func leidenCommunities(
    resolution: Double = 1, seed: UInt64 = 42, threshold: Double = 1e-7, threads: Int = 1
  ) -> CommunityPartition {
    let n = personCount
    let base = Self.personLevelGraph(self)
    let m2 = base.weights.reduce(0, +)
    guard m2 > 0 else { return finish(membership: (0..<n).map { Int32($0) }, resolution: resolution) }
    // The runs in the order that breaks ties: from singletons with each
    // restart's seed, then from the Louvain partition of the same seed.
    let restarts = max(1, Self.leidenRestarts)
    let runs = restarts + (Self.leidenFromLouvain ? 1 : 0)
    func runSeed(_ i: Int) -> UInt64 {
      if i == restarts { return SplitMix64.mix(seed ^ 0x4C65_6964_656E) }
      return i == 0 ? seed : SplitMix64.mix(seed &+ UInt64(i))
    }
    let results = Parallel.map(count: runs, threads: threads) { i -> (labels: [Int32], q: Double) in
      var random = CommunityRandom(seed: runSeed(i))
      let start =
        i == restarts ? louvain(resolution: resolution, seed: seed, threshold: threshold, threads: 1).labels : nil
      let labels = leidenRun(
        base, start: start, resolution: resolution, m2: m2, threshold: threshold, random: &random)
      return (labels, modularity(labels: labels, resolution: resolution))
    }
    var best = results[0]
    for result in results.dropFirst() where result.q > best.q { best = result }
    return finish(membership: best.labels, resolution: resolution)
  }

  /// Leiden runs from singletons (with different seeds); the best partition is kept.
  static var leidenRestarts: Int { 1 }
  /// Whether one more Leiden run starts from the Louvain partition of the same seed.
  static var leidenFromLouvain: Bool { true }
  /// Cap on Leiden passes per run (each starts from the partition the previous one returned).
  static var leidenMaxPasses: Int { 2 }
  /// Randomness θ of the refinement's merge choice, in strength units.
  static var leidenTheta: Double { 0.01 }

  /// Leiden passes from `start` (nil: singletons) until one changes nothing
  /// (see `leidenCommunities`); returns a label per person.
  private func leidenRun(
    _ base: CommunityLevelGraph, start: [Int32]?, resolution: Double, m2: Double, threshold: Double,
    random: inout CommunityRandom
  ) -> [Int32] {
    var labels = start.map { Self.numbered($0).labels } ?? (0..<base.nodes).map { Int32($0) }
    var q = modularity(labels: labels, resolution: resolution)
    for _ in 0..<Self.leidenMaxPasses {
      let next = Self.leidenPass(
        base, start: labels, resolution: resolution, m2: m2, threshold: threshold, random: &random)
      if next == labels { break }
      let nextQ = modularity(labels: next, resolution: resolution)
      if nextQ < q { break }  // not in exact arithmetic; rounding could, so keep the better one
      labels = next
      let gain = nextQ - q
      q = nextQ
      if gain < threshold { break }
    }
    return labels
  }

  /// One Leiden pass from `start` (a label per person, each below the person
  /// count); returns a label per person, numbered in order of first person.
  /// - Complexity: see `leidenCommunities`.
  private static func leidenPass(
    _ base: CommunityLevelGraph, start: [Int32], resolution: Double, m2: Double, threshold: Double,
    random: inout CommunityRandom
  ) -> [Int32] {
    let n = base.nodes
    var graph = base
    var membership = (0..<n).map { Int32($0) }  // person → node of the current level
    var community = start  // node of the current level → community
    while true {
      let nodes = graph.nodes
      let k = graph.strengths()
      var tot = [Double](repeating: 0, count: nodes)
      for u in 0..<nodes { tot[Int(community[u])] += k[u] }
      let order = random.shuffled(nodes)
      _ = LocalMoving.run(
        graph, k: k, order: order, community: &community, tot: &tot, resolution: resolution, m2: m2,
        threshold: threshold, schedule: .queue(maxSweeps: louvainMaxSweeps), allowEmpty: true)
      let (renumbered, count) = numbered(community)
      if count == nodes {
        for p in 0..<n { membership[p] = renumbered[Int(membership[p])] }
        break
      }
      let refined = refinePartition(
        graph, k: k, community: renumbered, communities: count, order: order, resolution: resolution, m2: m2,
        random: &random)
      var aggregateOf: [Int32]
      var aggregateCount: Int
      var next: [Int32]
      if refined.count < nodes {
        next = [Int32](repeating: 0, count: refined.count)
        for u in 0..<nodes { next[Int(refined.labels[u])] = renumbered[u] }
        aggregateOf = refined.labels
        aggregateCount = refined.count
      } else {
        // The refinement merged nothing: aggregate by the connected parts of
        // the communities (never worse for Q, and connected), each starting alone.
        (aggregateOf, aggregateCount) = connectedParts(graph, of: renumbered)
        next = (0..<aggregateCount).map { Int32($0) }
        if aggregateCount == nodes {
          for p in 0..<n { membership[p] = aggregateOf[Int(membership[p])] }
          break
        }
      }
      for p in 0..<n { membership[p] = aggregateOf[Int(membership[p])] }
      graph = aggregate(graph, into: aggregateOf, count: aggregateCount)
      community = next
    }
    return numbered(membership).labels
  }

  /// Leiden's refinement of one level's partition (step 2 of
  /// `leidenCommunities`): a label per node, numbered 0 ..< count in order of
  /// first node, each refined set inside one community of `community`
  /// (numbered 0 ..< `communities`).
  /// - Complexity: O(nodes + level edges).
  private static func refinePartition(
    _ g: CommunityLevelGraph, k: [Double], community: [Int32], communities: Int, order: [Int32],
    resolution γ: Double, m2: Double, random: inout CommunityRandom
  ) -> (labels: [Int32], count: Int) {
    let nodes = g.nodes
    precondition(
      g.offsets.count == nodes + 1 && g.offsets[nodes] == g.targets.count && g.targets.count == g.weights.count
        && k.count == nodes && community.count == nodes && order.count == nodes,
      "level graph and state sizes agree")
    var refined = (0..<nodes).map { Int32($0) }
    var communityTotal = [Double](repeating: 0, count: communities)  // K_C
    for u in 0..<nodes { communityTotal[Int(community[u])] += k[u] }
    // Scratch on raw buffers (the loop below is a fifth of Leiden's time):
    // K_R, |R|, w(v, C − v), w(R, C − R) and the weight from v to each touched R.
    let refinedTotal = UnsafeMutableBufferPointer<Double>.allocate(capacity: nodes)
    _ = refinedTotal.initialize(from: k)
    let refinedSize = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nodes)
    refinedSize.initialize(repeating: 1)
    let inside = UnsafeMutableBufferPointer<Double>.allocate(capacity: nodes)
    inside.initialize(repeating: 0)
    let external = UnsafeMutableBufferPointer<Double>.allocate(capacity: nodes)
    let toRefined = UnsafeMutableBufferPointer<Double>.allocate(capacity: nodes)
    toRefined.initialize(repeating: -1)
    defer {
      refinedTotal.deallocate()
      refinedSize.deallocate()
      inside.deallocate()
      external.deallocate()
      toRefined.deallocate()
    }
    var touched: [Int32] = []
    var candidates: [Int32] = []
    var chance: [Double] = []
    let theta = leidenTheta
    g.withRows { off, tgt, wt in
      community.withUnsafeBufferPointer { comm in
        k.withUnsafeBufferPointer { k in
          refined.withUnsafeMutableBufferPointer { refined in
            for u in 0..<nodes {
              var w = 0.0
              for e in off[u]..<off[u + 1] where comm[Int(tgt[e])] == comm[u] { w += wt[e] }
              inside[u] = w
            }
            _ = external.initialize(from: inside)
            for v32 in order {
              let v = Int(v32)
              guard refinedSize[Int(refined[v])] == 1 else { continue }
              let c = Int(comm[v])
              guard inside[v] >= γ * k[v] * (communityTotal[c] - k[v]) / m2 else { continue }
              touched.removeAll(keepingCapacity: true)
              for e in off[v]..<off[v + 1] {
                let u = Int(tgt[e])
                guard Int(comm[u]) == c else { continue }
                let r = Int(refined[u])
                if toRefined[r] < 0 {
                  toRefined[r] = 0
                  touched.append(Int32(r))
                }
                toRefined[r] += wt[e]
              }
              // Candidates: well-connected sets with ΔQ ≥ 0, and staying alone (ΔQ = 0).
              let own = Int(refined[v])
              candidates.removeAll(keepingCapacity: true)
              chance.removeAll(keepingCapacity: true)
              var bestGain = 0.0
              for r32 in touched where Int(r32) != own {
                let r = Int(r32)
                let total = refinedTotal[r]
                guard external[r] >= γ * total * (communityTotal[c] - total) / m2 else { continue }
                let gain = toRefined[r] - γ * k[v] * total / m2
                guard gain >= 0 else { continue }
                candidates.append(r32)
                chance.append(gain)
                bestGain = max(bestGain, gain)
              }
              if !candidates.isEmpty {
                // Weights exp((ΔQ − best) / theta), staying alone first; draw one.
                var sum = exp(-bestGain / theta)
                for i in 0..<chance.count {
                  chance[i] = exp((chance[i] - bestGain) / theta)
                  sum += chance[i]
                }
                var draw = random.nextDouble() * sum - exp(-bestGain / theta)
                var chosen = -1
                if draw >= 0 {
                  chosen = Int(candidates[candidates.count - 1])
                  for i in 0..<chance.count {
                    draw -= chance[i]
                    if draw < 0 {
                      chosen = Int(candidates[i])
                      break
                    }
                  }
                }
                if chosen >= 0 {
                  refinedSize[own] = 0
                  refinedTotal[own] = 0
                  refined[v] = Int32(chosen)
                  refinedSize[chosen] += 1
                  refinedTotal[chosen] += k[v]
                  external[chosen] += inside[v] - 2 * toRefined[chosen]
                }
              }
              for r32 in touched { toRefined[Int(r32)] = -1 }
            }
          }
        }
      }
    }
    let (labels, count) = numbered(refined)
    return (labels, count)
  }

  /// The connected parts of each community (ties inside it only), numbered
  /// 0 ..< count in order of first node. O(nodes + level edges).
  private static func connectedParts(_ g: CommunityLevelGraph, of community: [Int32]) -> ([Int32], Int) {
    let nodes = g.nodes
    var part = [Int32](repeating: -1, count: nodes)
    var count: Int32 = 0
    var stack: [Int] = []
    for s in 0..<nodes where part[s] < 0 {
      part[s] = count
      stack.append(s)
      while let u = stack.popLast() {
        for e in g.offsets[u]..<g.offsets[u + 1] {
          let v = Int(g.targets[e])
          if part[v] < 0 && community[v] == community[u] {
            part[v] = count
            stack.append(v)
          }
        }
      }
      count += 1
    }
    return (part, Int(count))
  }

  /// Labels renumbered 0 ..< count in order of first node, and the count. O(nodes).
  private static func numbered(_ labels: [Int32]) -> (labels: [Int32], count: Int) {
    var renumber = [Int32](repeating: -1, count: labels.count)
    var next: Int32 = 0
    var out = [Int32](repeating: 0, count: labels.count)
    for u in 0..<labels.count {
      let c = Int(labels[u])
      if renumber[c] < 0 {
        renumber[c] = next
        next += 1
      }
      out[u] = renumber[c]
    }
    return (out, Int(next))
  }

  /// The person graph as a level graph (CSR with `Double` weights, no
  /// self-loops): the graph's own targets, its strengths widened. O(V + E).
  private static func personLevelGraph(_ g: Graph) -> CommunityLevelGraph {
    let n = g.personCount
    var offsets = [Int](repeating: 0, count: n + 1)
    let weights = g.withCSR { off, _, str in
      for u in 0...n { offsets[u] = Int(off[u]) }
      return str.map { Double($0) }
    }
    return CommunityLevelGraph(
      offsets: offsets, targets: g.storage.targets, weights: weights, selfLoop: [Double](repeating: 0, count: n))
  }

  /// Louvain with the refinement on the way back (see `louvainCommunities`).
  private func louvain(resolution: Double, seed: UInt64, threshold: Double, threads: Int) -> CommunityPartition {
    let n = personCount
    var graph = Self.personLevelGraph(self)
    var membership = (0..<n).map { Int32($0) }  // original person → current level node
    var random = CommunityRandom(seed: seed)
    // Every level below the current one, for the refinement on the way back.
    var hierarchy: [(graph: CommunityLevelGraph, k: [Double], order: [Int32], up: [Int32])] = []
    let schedule: LocalMoving.Schedule = .queue(maxSweeps: Self.louvainMaxSweeps)
    let m2 = graph.weights.reduce(0, +)
    guard m2 > 0 else {
      return finish(membership: membership, resolution: resolution)
    }
    while true {
      let nodes = graph.nodes
      let k = graph.strengths()
      var community = (0..<nodes).map { Int32($0) }
      var tot = k
      let order = random.shuffled(nodes)
      let outcome = LocalMoving.run(
        graph, k: k, order: order, community: &community, tot: &tot, resolution: resolution, m2: m2,
        threshold: threshold, schedule: schedule)
      if !outcome.improved { break }
      let (aggregateOf, newCount) = Self.numbered(community)
      if newCount == nodes {
        for p in 0..<n { membership[p] = aggregateOf[Int(membership[p])] }
        break
      }
      // The aggregate graph: one node per community.
      for p in 0..<n { membership[p] = aggregateOf[Int(membership[p])] }
      let aggregate = Self.aggregate(graph, into: aggregateOf, count: newCount, threads: threads)
      // The person level's weights (8 bytes a half-edge: 160 MB at 10 M
      // ties) are dropped while the levels above are built, and made again
      // for its refinement, when those levels are gone.
      if hierarchy.isEmpty { graph.weights = [] }
      hierarchy.append((graph, k, order, aggregateOf))
      graph = aggregate
    }
    if !hierarchy.isEmpty {
      // Refinement on the way back (networkit's PLM with refine, Staudt &
      // Meyerhenke 2016): the top level ends with every node alone; each
      // lower level starts from the partition of the level above and runs
      // local moving again, so single nodes that the coarse levels carried
      // into the wrong community can still leave it. Q never decreases.
      var upper = (0..<graph.nodes).map { Int32($0) }
      while var level = hierarchy.popLast() {
        if hierarchy.isEmpty { level.graph = Self.personLevelGraph(self) }
        var community = level.up.map { upper[Int($0)] }
        var tot = [Double](repeating: 0, count: level.graph.nodes)
        for u in 0..<level.graph.nodes { tot[Int(community[u])] += level.k[u] }
        _ = LocalMoving.run(
          level.graph, k: level.k, order: level.order, community: &community, tot: &tot, resolution: resolution,
          m2: m2, threshold: threshold, schedule: schedule)
        upper = community
      }
      membership = upper
    }
    return finish(membership: membership, resolution: resolution)
  }

  /// Louvain's cap on local-moving work per level, in sweeps (as networkit's PLM).
  static var louvainMaxSweeps: Int { 32 }

  /// Aggregate: one node per community, summed weights, internal weight as a
  /// self-loop. Members grouped by a counting sort and rows summed in a dense
  /// scratch array (no dictionary); sums happen in a fixed order (members
  /// ascending, edges in row order), so results are reproducible bit for bit.
  ///
  /// With `threads` > 1 the communities are cut into that many runs of about
  /// the same number of member half-edges, summed side by side: each run
  /// writes its rows from where the runs before it could end at most (their
  /// members' half-edge count), and the runs are then closed up in order. Every
  /// row is summed the same way on any thread, so the level graph is the same
  /// bytes for any thread count.
  ///
  /// Unsafe code: the loops run on raw buffer pointers; safety rests on the
  /// level graph's invariants and on every `aggregateOf` entry being below
  /// `newCount`, checked on entry. A community's row has at most its members'
  /// half-edge count of entries, so each run stays inside its part of arrays
  /// of the old half-edge count's capacity; runs write disjoint parts of the
  /// rows, of `newSelf` and of `newOffsets`.
  /// - Complexity: O(nodes + level edges + Σ row sorts), split over `threads`;
  ///   O(threads × newCount) scratch.
  static func aggregate(
    _ g: CommunityLevelGraph, into aggregateOf: [Int32], count newCount: Int, threads: Int = 1
  ) -> CommunityLevelGraph {
    let nodes = g.nodes
    precondition(
      g.offsets.count == nodes + 1 && g.offsets[nodes] == g.targets.count && g.targets.count == g.weights.count
        && aggregateOf.count == nodes, "level graph and aggregation sizes agree")
    precondition(g.targets.allSatisfy { $0 >= 0 && Int($0) < nodes }, "targets are nodes of the level")
    precondition(aggregateOf.allSatisfy { $0 >= 0 && Int($0) < newCount }, "aggregate ids are below the count")
    // Members by a counting sort; `reach[c]`: the half-edges of the members of
    // the communities before c (where c's row may start at the latest).
    var memberStart = [Int](repeating: 0, count: newCount + 1)
    var reach = [Int](repeating: 0, count: newCount + 1)
    for u in 0..<nodes {
      let c = Int(aggregateOf[u]) + 1
      memberStart[c] += 1
      reach[c] += g.offsets[u + 1] - g.offsets[u]
    }
    for c in 0..<newCount {
      memberStart[c + 1] += memberStart[c]
      reach[c + 1] += reach[c]
    }
    var fill = memberStart
    var members = [Int32](repeating: 0, count: nodes)
    for u in 0..<nodes {
      let c = Int(aggregateOf[u])
      members[fill[c]] = Int32(u)
      fill[c] += 1
    }
    fill = []
    // Runs of communities with about the same member half-edges; `runs[r]` is the first of run r.
    let runCount = max(1, min(threads, newCount / 256, g.targets.count / 65536))
    var runs = [0]
    for r in 1..<runCount {
      let goal = reach[newCount] / runCount * r
      var c = runs[r - 1]
      while c < newCount && reach[c] < goal { c += 1 }
      runs.append(c)
    }
    runs.append(newCount)
    var runEnd = [Int](repeating: 0, count: runCount)
    var newSelf = [Double](repeating: 0, count: newCount)
    var newOffsets = [Int](repeating: 0, count: newCount + 1)
    let capacity = g.targets.count
    var newWeights: [Double] = []
    let newTargets = [Int32](unsafeUninitializedCapacity: capacity) { targetsOut, targetCount in
      newWeights = [Double](unsafeUninitializedCapacity: capacity) { weightsOut, weightCount in
        g.withRows { off, tgt, wt in
          g.selfLoop.withUnsafeBufferPointer { selfLoop in
            aggregateOf.withUnsafeBufferPointer { up in
              members.withUnsafeBufferPointer { members in
                newSelf.withUnsafeMutableBufferPointer { newSelf in
                  newOffsets.withUnsafeMutableBufferPointer { newOffsets in
                    runEnd.withUnsafeMutableBufferPointer { runEnd in
                      let shared = UncheckedBox((targetsOut, weightsOut, newSelf, newOffsets, runEnd))
                      Parallel.parallelFor(count: runCount, threads: runCount, chunk: 1, makeScratch: { () }) {
                        range, _ in
                        let (targetsOut, weightsOut, newSelf, newOffsets, runEnd) = shared.value
                        // The weight to each touched community (0 when untouched) and the touched ones.
                        let accumulated = UnsafeMutableBufferPointer<Double>.allocate(capacity: newCount)
                        accumulated.initialize(repeating: 0)
                        let seen = UnsafeMutableBufferPointer<Bool>.allocate(capacity: newCount)
                        seen.initialize(repeating: false)
                        let touched = UnsafeMutableBufferPointer<Int32>.allocate(capacity: newCount)
                        touched.initialize(repeating: 0)
                        defer {
                          accumulated.deallocate()
                          seen.deallocate()
                          touched.deallocate()
                        }
                        for r in range {
                          var filled = reach[runs[r]]
                          for c in runs[r]..<runs[r + 1] {
                            var t = 0
                            var selfWeight = 0.0
                            for i in memberStart[c]..<memberStart[c + 1] {
                              let u = Int(members[i])
                              selfWeight += selfLoop[u]
                              for e in off[u]..<off[u + 1] {
                                let cv = Int(up[Int(tgt[e])])
                                if cv == c {
                                  selfWeight += wt[e]
                                } else {
                                  if !seen[cv] {
                                    seen[cv] = true
                                    touched[t] = Int32(cv)
                                    t += 1
                                  }
                                  accumulated[cv] += wt[e]
                                }
                              }
                            }
                            newSelf[c] = selfWeight
                            var row = UnsafeMutableBufferPointer(rebasing: touched[0..<t])
                            row.sort()
                            for j in 0..<t {
                              let v = Int(touched[j])
                              targetsOut[filled] = Int32(v)
                              weightsOut[filled] = accumulated[v]
                              accumulated[v] = 0
                              seen[v] = false
                              filled += 1
                            }
                            newOffsets[c + 1] = filled
                          }
                          runEnd[r] = filled
                        }
                      }
                      // Close the runs up, in order.
                      var filled = runEnd[0]
                      for r in 1..<runCount {
                        let from = reach[runs[r]]
                        let count = runEnd[r] - from
                        if from != filled {
                          UnsafeMutableRawPointer(targetsOut.baseAddress! + filled).copyMemory(
                            from: targetsOut.baseAddress! + from, byteCount: count * MemoryLayout<Int32>.stride)
                          UnsafeMutableRawPointer(weightsOut.baseAddress! + filled).copyMemory(
                            from: weightsOut.baseAddress! + from, byteCount: count * MemoryLayout<Double>.stride)
                          for c in runs[r]..<runs[r + 1] { newOffsets[c + 1] -= from - filled }
                        }
                        filled += count
                      }
                      weightCount = filled
                    }
                  }
                }
              }
            }
          }
        }
      }
      targetCount = newWeights.count
    }
    return CommunityLevelGraph(
      offsets: newOffsets, targets: Column(newTargets), weights: newWeights, selfLoop: newSelf)
  }

  /// Numbers communities by size (largest first), then smallest member, and computes Q.
  private func finish(membership: [Int32], resolution: Double) -> CommunityPartition {
    let n = membership.count
    let k = (membership.max().map { Int($0) + 1 }) ?? 0
    var size = [Int](repeating: 0, count: k)
    var smallest = [Int](repeating: Int.max, count: k)
    for p in 0..<n {
      let c = Int(membership[p])
      size[c] += 1
      smallest[c] = min(smallest[c], p)
    }
    let used = (0..<k).filter { size[$0] > 0 }
    let ranked = used.sorted { (size[$0], -smallest[$0]) > (size[$1], -smallest[$1]) }
    var newLabel = [Int32](repeating: 0, count: k)
    for (i, c) in ranked.enumerated() { newLabel[c] = Int32(i) }
    let labels = membership.map { newLabel[Int($0)] }
    return CommunityPartition(
      labels: labels, count: ranked.count, modularity: modularity(labels: labels, resolution: resolution),
      resolution: resolution)
  }
}

/// The seeded random stream of Louvain and Leiden: SplitMix64 (seed 0 is
/// replaced by the golden-ratio constant, as it always was here), with the
/// shuffle both have used since the first version, so Louvain's partitions
/// stay the same for a seed.
struct CommunityRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// A uniform double in [0, 1).
  mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// 0 ..< count in a shuffled order (Fisher–Yates from the end). O(count).
  mutating func shuffled(_ count: Int) -> [Int32] {
    var order = (0..<count).map { Int32($0) }
    for i in stride(from: count - 1, to: 0, by: -1) { order.swapAt(i, Int(next() % UInt64(i + 1))) }
    return order
  }
}
