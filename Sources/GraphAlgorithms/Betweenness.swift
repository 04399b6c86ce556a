@_spi(Internals) import GraphCore

/// Shortest-path betweenness of every person (Freeman 1977), exact or
/// estimated from sampled sources.
public struct BetweennessScores: Sendable, Codable, Equatable {
  /// Raw betweenness over **unordered** pairs, as networkx
  /// `betweenness_centrality(normalized=False)` and igraph (networkit and
  /// R sna's default count ordered pairs: twice these values). Indexed by person id.
  public var raw: [Double]
  /// networkx's normalisation for undirected graphs: 2B / ((n − 1)(n − 2)),
  /// unchanged when n ≤ 2. Indexed by person id.
  public var normalised: [Double]
  /// Whether path lengths are quantised −ln(strength) costs
  /// rather than hop counts.
  public var weighted: Bool
  /// Sources whose shortest-path trees were accumulated: every person when exact.
  public var sources: Int
  /// For sampled estimates: with probability at least `confidence`, every
  /// person's `normalised` estimate is within ± `errorBound` of the exact
  /// value (Hoeffding's bound with a union bound over people). `nil` when exact.
  public var errorBound: Double?
  /// The probability attached to `errorBound`; `nil` when exact.
  public var confidence: Double?
  /// Whether the scores are exact.
  public var isExact: Bool { errorBound == nil }
}

extension Graph {
  /// Exact betweenness of every person by Brandes' algorithm (Brandes 2001,
  /// *J Math Sociol* 25:163–177): one breadth-first search (unweighted) or
  /// Dijkstra (`weighted`, costs −ln s quantised by `TieCost`) per source,
  /// then dependencies accumulated in reverse order of discovery. Each
  /// unordered pair is counted once (networkx/igraph raw values).
  ///
  /// Sources are split into 32 fixed interleaved slots whose sums are added
  /// in slot order as they finish, so the result is bit-for-bit the same for
  /// any `threads`. Each worker owns its scratch (one 16-byte entry per
  /// person holding the distance and σ, later the dependency coefficient; the
  /// search order; for `weighted` a lazy-deletion heap with a stale-entry check).
  ///
  /// `progress`, when given, is called now and then (every 16 sources, from
  /// any worker thread, serialised) with the sources searched so far and the
  /// sources in all, so that a caller can show how far a long run is.
  ///
  /// The searches run on a copy of the CSR renumbered in breadth-first order
  /// (`LocalOrder`), for locality; values are mapped back to person ids.
  ///
  /// - Complexity: O(V·E) time unweighted, O(V·E log V) weighted; O(V) extra
  ///   space per worker (its scratch) and per slot waiting to be added (about
  ///   one per worker, 31 at worst), plus O(V + E) for the renumbered copy
  ///   (with the quantised costs when weighted); V people, E ties.
  public func betweenness(
    weighted: Bool = false, threads: Int = 1, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) -> BetweennessScores {
    let n = personCount
    let sum = brandesSums(sources: nil, weighted: weighted, threads: threads, squares: false, progress: progress).sums
    let raw = sum.map { $0 / 2 }
    return BetweennessScores(
      raw: raw, normalised: raw.map { Graph.normaliseBetweenness($0, people: n) }, weighted: weighted,
      sources: n, errorBound: nil, confidence: nil)
  }

  /// Betweenness estimated from `samples` sources drawn uniformly without
  /// replacement (the pivot estimator of Brandes & Pich 2007, "Centrality
  /// estimation in large networks", *Int J Bifurcation Chaos* 17:2303):
  /// B̂(v) = (n / k) · Σ_{s in sample} δ_s(v) / 2.
  ///
  /// Error bound, for every person at once with probability ≥ `confidence`
  /// (= 1 − α): each source's contribution to a normalised score,
  /// X_s = n·δ_s(v) / ((n−1)(n−2)), lies in [0, R], R = n/(n−1) (δ_s(v) ≤ n − 2),
  /// and the estimate is the mean of k of the n values drawn without
  /// replacement. Two bounds, each given α/2 and a union bound over people:
  /// - Hoeffding–Serfling (Serfling 1974, as sharpened by Bardenet & Maillard
  ///   2015, Bernoulli 21:1361): ε_H = R·√(ρ ln(4n/α) / (2k)),
  ///   ρ = min(1 − (k−1)/n, (1 − k/n)(1 + 1/k)) the finite-population factor;
  /// - empirical Bernstein–Serfling (Bardenet & Maillard 2015, Thm 3), per
  ///   person from the sample's own spread σ̂_v (standard deviation of the k
  ///   values X_s): ε_v = σ̂_v·√(2ρ L / k) + κ R L / k, L = ln(20n/α),
  ///   κ = 7/3 + 3/√2.
  /// Person v's estimate is within min(ε_H, ε_v) of the exact value, for all
  /// v together with probability ≥ 1 − α; `errorBound` is the largest of
  /// these over people. When κ R L / k ≥ ε_H (decided from n, k and α alone,
  /// so before the sample is seen) the empirical bound cannot win and
  /// Hoeffding–Serfling gets all of α: ε_H = R·√(ρ ln(2n/α) / (2k)). No
  /// honest bound can be far below R·ln(n/α)/k: a person whose paths from a
  /// share ln(n/α)/k of the sources all run through them is missed by k
  /// samples with probability about α/n. When k ≥ n the result is exact.
  ///
  /// `progress` as for `betweenness`, over the k sources.
  ///
  /// - Complexity: O(k·E) time (O(k·E log V) weighted), space as `betweenness`.
  public func approximateBetweenness(
    samples: Int, seed: UInt64 = 1, weighted: Bool = false, confidence: Double = 0.95, threads: Int = 1,
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) -> BetweennessScores {
    let n = personCount
    let k = max(1, samples)
    if k >= n { return betweenness(weighted: weighted, threads: threads, progress: progress) }
    // Partial Fisher–Yates with SplitMix64: k distinct sources, sorted for locality.
    var ids = (0..<Int32(n)).map { $0 }
    var state = seed
    for i in 0..<k {
      let j = i + Int(splitMix(&state) % UInt64(n - i))
      ids.swapAt(i, j)
    }
    let chosen = ids[0..<k].sorted()
    let (sum, squares) = brandesSums(
      sources: chosen, weighted: weighted, threads: threads, squares: true, progress: progress)
    let scale = Double(n) / Double(k) / 2
    let raw = sum.map { $0 * scale }
    let bound = Self.samplingErrorBound(sums: sum, squares: squares, people: n, samples: k, confidence: confidence)
    return BetweennessScores(
      raw: raw, normalised: raw.map { Graph.normaliseBetweenness($0, people: n) }, weighted: weighted,
      sources: k, errorBound: bound, confidence: confidence)
  }

  /// The bound of `approximateBetweenness` from the per-person sums of δ_s(v)
  /// and of δ_s(v)² over the k sampled sources. O(n).
  static func samplingErrorBound(sums: [Double], squares: [Double], people n: Int, samples k: Int, confidence: Double)
    -> Double
  {
    if n <= 2 || k >= n { return 0 }
    let alpha = 1 - confidence
    let nd = Double(n)
    let kd = Double(k)
    let range = nd / (nd - 1)
    let rho = Swift.min(1 - (kd - 1) / nd, (1 - kd / nd) * (1 + 1 / kd))
    let hoeffding = range * (rho * _logDouble(4 * nd / alpha) / (2 * kd)).squareRoot()
    let logTerm = _logDouble(20 * nd / alpha)
    let kappa = 7.0 / 3 + 3 / 2.0.squareRoot()
    let rangeTerm = kappa * range * logTerm / kd
    // Decided from n, k and α only (before looking at the sample): when the
    // empirical bound cannot win, Hoeffding–Serfling gets the whole α.
    if rangeTerm >= hoeffding { return range * (rho * _logDouble(2 * nd / alpha) / (2 * kd)).squareRoot() }
    // X_s = c·δ_s(v): mean c·Σδ/k, second moment c²·Σδ²/k.
    let c = nd / ((nd - 1) * (nd - 2))
    var largest = 0.0
    for v in 0..<n {
      let mean = c * sums[v] / kd
      let variance = Swift.max(0, c * c * squares[v] / kd - mean * mean)
      let empirical = (variance * 2 * rho * logTerm / kd).squareRoot() + rangeTerm
      largest = Swift.max(largest, Swift.min(hoeffding, empirical))
    }
    return largest
  }

  /// networkx's normalisation of raw undirected betweenness.
  public static func normaliseBetweenness(_ raw: Double, people n: Int) -> Double {
    n <= 2 ? raw : raw * 2 / (Double(n - 1) * Double(n - 2))
  }

  /// Σ_s δ_s(v) over the sources (all people when nil): ordered pairs.
  func brandesSum(sources: [Int32]?, weighted: Bool, threads: Int) -> [Double] {
    brandesSums(sources: sources, weighted: weighted, threads: threads, squares: false).sums
  }

  /// Σ_s δ_s(v) and, when `squares`, Σ_s δ_s(v)² (else empty) over the sources.
  func brandesSums(
    sources: [Int32]?, weighted: Bool, threads: Int, squares: Bool,
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) -> (sums: [Double], squares: [Double]) {
    let n = personCount
    let sourceCount = sources?.count ?? n
    if n == 0 || sourceCount == 0 {
      return ([Double](repeating: 0, count: n), squares ? [Double](repeating: 0, count: n) : [])
    }
    let slots = min(32, sourceCount)
    let tally = progress.map { SourceTally(total: sourceCount, report: $0) }
    let fold = SlotFold()
    // The searches run on a copy of the CSR with people renumbered in breadth-first
    // order, so that people a search reaches together sit together in memory.
    let local = withCSR { o, t, s in LocalOrder(o, t, s, costs: weighted) }
    local.offsets.withUnsafeBufferPointer { o in
      local.targets.withUnsafeBufferPointer { t in
        local.costs.withUnsafeBufferPointer { c in
          Parallel.parallelFor(
            count: slots, threads: threads, chunk: 1,
            makeScratch: { BrandesScratch(count: n, weighted: weighted) },
            body: { range, scratch in
              for slot in range {
                var acc = [Double](repeating: 0, count: n)
                var accSquares = [Double](repeating: 0, count: squares ? n : 0)
                acc.withUnsafeMutableBufferPointer { a in
                  accSquares.withUnsafeMutableBufferPointer { a2 in
                    var i = slot
                    var searched = 0
                    while i < sourceCount {
                      let s = local.newOfOld[Int(sources?[i] ?? Int32(i))]
                      if weighted {
                        scratch.dijkstraSource(s, o, t, c, a, a2)
                      } else {
                        scratch.bfsSource(s, o, t, a, a2)
                      }
                      i += slots
                      searched += 1
                      if searched == 16, let tally {
                        tally.add(searched)
                        searched = 0
                      }
                    }
                    tally?.add(searched)
                  }
                }
                fold.add(slot: slot, acc, accSquares)
              }
            })
        }
      }
    }
    // Back in the graph's own numbering.
    let (sums, squareSums) = fold.totals
    return (
      (0..<n).map { sums[Int(local.newOfOld[$0])] },
      squares ? (0..<n).map { squareSums[Int(local.newOfOld[$0])] } : []
    )
  }
}

/// The slots' sums added in slot order as the slots finish: a slot done early
/// waits until every slot before it is in, so the totals are the same for any
/// thread count, and only the slots still waiting are held (slots are of
/// equal size and handed out in order, so usually about one per worker; 31
/// at worst, when slot 0 is the last to finish).
private final class SlotFold: @unchecked Sendable {  // every field is guarded by `lock`
  let lock = PthreadLock()
  var next = 0
  var waiting: [Int: (sums: [Double], squares: [Double])] = [:]
  var totals: (sums: [Double], squares: [Double]) = ([], [])

  func add(slot: Int, _ sums: [Double], _ squares: [Double]) {
    lock.locked {
      waiting[slot] = (sums, squares)
      while let ready = waiting.removeValue(forKey: next) {
        if next == 0 {
          totals = ready
        } else {
          Self.add(ready.sums, to: &totals.sums)
          Self.add(ready.squares, to: &totals.squares)
        }
        next += 1
      }
    }
  }

  private static func add(_ part: [Double], to total: inout [Double]) {
    total.withUnsafeMutableBufferPointer { t in
      part.withUnsafeBufferPointer { p in
        for v in 0..<p.count { t[v] += p[v] }
      }
    }
  }
}

@inline(__always) func splitMix(_ state: inout UInt64) -> UInt64 {
  state &+= 0x9E37_79B9_7F4A_7C15
  var z = state
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

/// One person's state in a Brandes search: how far the source is (hops, or
/// the cost; `BrandesScratch.unreached` when not reached) and, in one slot,
/// σ (shortest paths from the source) until the person's dependency is
/// known, then the pull coefficient (1 + δ) / σ. One 16-byte entry, so a
/// relaxation or a pull reads one cache line, not two or three arrays.
struct BrandesEntry {
  var reach: Int64
  var value: Double
}

/// One worker's Brandes buffers, reused for every source it processes.
struct BrandesScratch {
  static let unreached = Int64.max
  var entries: [BrandesEntry]
  var order: [Int32]
  /// Unweighted: the people not yet reached once a search has turned bottom-up.
  var unreachedScratch: [Int32]
  /// Unweighted: where each level of the search starts in `order` (and where the
  /// last ends).
  var levelStarts: [Int32]
  /// Unweighted: the sums pushed to a level's people from the level after it
  /// (zero between uses).
  var pendingSums: [Double]
  var heap: CostHeap

  init(count n: Int, weighted: Bool) {
    entries = [BrandesEntry](repeating: BrandesEntry(reach: Self.unreached, value: 0), count: n)
    order = [Int32](repeating: 0, count: n)
    unreachedScratch = [Int32](repeating: 0, count: weighted ? 0 : n)
    levelStarts = [Int32](repeating: 0, count: weighted ? 0 : n &+ 1)
    pendingSums = [Double](repeating: 0, count: weighted ? 0 : n)
    heap = CostHeap(capacity: weighted ? n : 0)
  }

  /// Unweighted: BFS from `s` counting shortest paths, level by level, then
  /// δ(v) = σ(v) · Σ_{w: d(w) = d(v)+1} (1 + δ(w)) / σ(w) in reverse BFS order,
  /// added to `acc` (and δ(v)² to `squares` unless it is empty) (v ≠ s).
  /// Touched entries are reset afterwards.
  ///
  /// A level is expanded top-down (each frontier person's row: new people get
  /// the frontier person's σ, people already one level on add it) until fewer
  /// people are unreached than are on the frontier; from then on bottom-up
  /// (Beamer et al. 2012, "Direction-optimizing breadth-first search"): each
  /// unreached person's row, its σ the sum over its neighbours on the frontier.
  /// Bottom-up reads the rows of the few people left instead of the many on
  /// the frontier, and only while those rows hold fewer entries than the
  /// frontier's; once they do not, the search goes top-down to the end. Both
  /// give the same σ: sums of whole numbers, exact in a Double below 2^53.
  ///
  /// δ goes level by level from the last (whose people have no one beyond
  /// them: δ = 0, rows not read). For each pair of levels d, d + 1 only the
  /// smaller level's rows are read: level d's own rows, summing over neighbours
  /// on d + 1 (pull), or level d + 1's rows, adding each one's (1 + δ) / σ to
  /// `pendingSums` of its neighbours on d (push). Past the widest level the
  /// levels shrink, so most pairs push.
  ///
  /// - Complexity: O(V + E) per source (a bottom-up level reads fewer row
  ///   entries than its frontier holds, and each person is on the frontier
  ///   once); in a small-world network well under 2E entries in each pass.
  @inline(__always)
  mutating func bfsSource(
    _ s: Int32, _ o: UnsafeBufferPointer<UInt32>, _ t: UnsafeBufferPointer<Int32>,
    _ acc: UnsafeMutableBufferPointer<Double>, _ squares: UnsafeMutableBufferPointer<Double>
  ) {
    let withSquares = !squares.isEmpty
    entries.withUnsafeMutableBufferPointer { x in
      order.withUnsafeMutableBufferPointer { q in
        unreachedScratch.withUnsafeMutableBufferPointer { p in
          levelStarts.withUnsafeMutableBufferPointer { levels in
            pendingSums.withUnsafeMutableBufferPointer { r in
              let n = x.count
              // Σ σ (forward) or Σ (1 + δ) / σ (backward) over v's neighbours on `level`.
              @inline(__always) func sumOverNeighbours(of v: Int, on level: Int64) -> Double {
                var sum = 0.0
                var e = Int(o[v])
                let end = Int(o[v &+ 1])
                while e < end {
                  let u = Int(t[e])
                  if x[u].reach == level { sum += x[u].value }
                  e &+= 1
                }
                return sum
              }
              // δ(v) = σ(v) · sum, added to the totals; v's entry then holds (1 + δ) / σ.
              @inline(__always) func settle(_ v: Int, _ sum: Double) {
                let sv = x[v].value
                let delta = sv * sum
                x[v].value = (1 + delta) / sv
                acc[v] += delta
                if withSquares { squares[v] += delta * delta }
              }
              x[Int(s)] = BrandesEntry(reach: 0, value: 1)
              q[0] = s
              var levelStart = 0
              var tail = 1
              var depth: Int64 = 0
              // Bottom-up is tried once, when fewer people are unreached than are on
              // the frontier, and kept while the unreached people's rows hold fewer
              // entries than the frontier's: a bottom-up level then reads less than
              // its top-down expansion would, so a search stays O(V + E).
              var mayTurn = true
              var bottomUp = false
              var unreachedCount = 0
              var unreachedEntries = 0
              var frontierEntries = 0
              var levelCount = 0
              while levelStart < tail {
                let levelEnd = tail
                levels[levelCount] = Int32(truncatingIfNeeded: levelStart)
                levelCount &+= 1
                let next = depth &+ 1
                if mayTurn && n &- tail < levelEnd &- levelStart {
                  mayTurn = false
                  bottomUp = true
                  for i in levelStart..<levelEnd {
                    let v = Int(q[i])
                    frontierEntries &+= Int(o[v &+ 1]) &- Int(o[v])
                  }
                  // People with no ties are never reached: left out.
                  for w in 0..<n where x[w].reach == Self.unreached && o[w &+ 1] > o[w] {
                    p[unreachedCount] = Int32(truncatingIfNeeded: w)
                    unreachedCount &+= 1
                    unreachedEntries &+= Int(o[w &+ 1]) &- Int(o[w])
                  }
                }
                if bottomUp && unreachedEntries >= frontierEntries { bottomUp = false }
                if bottomUp {
                  var kept = 0
                  var reachedEntries = 0
                  for i in 0..<unreachedCount {
                    let w = Int(p[i])
                    let sum = sumOverNeighbours(of: w, on: depth)
                    if sum > 0 {  // σ ≥ 1 for every reached person
                      x[w] = BrandesEntry(reach: next, value: sum)
                      q[tail] = Int32(truncatingIfNeeded: w)
                      tail &+= 1
                      reachedEntries &+= Int(o[w &+ 1]) &- Int(o[w])
                    } else {
                      p[kept] = Int32(truncatingIfNeeded: w)
                      kept &+= 1
                    }
                  }
                  unreachedCount = kept
                  unreachedEntries &-= reachedEntries
                  frontierEntries = reachedEntries
                } else {
                  for head in levelStart..<levelEnd {
                    let v = Int(q[head])
                    let sv = x[v].value
                    var e = Int(o[v])
                    let end = Int(o[v &+ 1])
                    while e < end {
                      let w = Int(t[e])
                      let dw = x[w].reach
                      if dw == Self.unreached {
                        x[w] = BrandesEntry(reach: next, value: sv)
                        q[tail] = Int32(truncatingIfNeeded: w)
                        tail &+= 1
                      } else if dw == next {
                        x[w].value += sv
                      }
                      e &+= 1
                    }
                  }
                }
                levelStart = levelEnd
                depth = next
              }
              // Dependencies level by level from the last; level d's people get
              // Σ (1 + δ(w)) / σ(w) over their neighbours w on level d + 1 by reading
              // their own rows (pull) or, when level d + 1 is the smaller, by reading
              // the rows of level d + 1 and adding to `pendingSums` (push).
              levels[levelCount] = Int32(truncatingIfNeeded: tail)
              var d = levelCount &- 1
              var upper = tail  // level d + 1 ends here
              var lower = Int(levels[d])  // level d starts here
              // The last level has no one beyond it: δ = 0.
              for i in lower..<upper {
                let v = Int(q[i])
                x[v].value = 1 / x[v].value
              }
              // q[0] is the source: its own dependency is not betweenness.
              while d > 1 {
                let middle = lower  // level d + 1 (now final) is q[middle..<upper]
                d &-= 1
                lower = Int(levels[d])
                let level = Int64(d)
                if upper &- middle < middle &- lower {
                  for i in middle..<upper {
                    let w = Int(q[i])
                    let cw = x[w].value
                    var e = Int(o[w])
                    let end = Int(o[w &+ 1])
                    while e < end {
                      let u = Int(t[e])
                      if x[u].reach == level { r[u] += cw }
                      e &+= 1
                    }
                  }
                  for i in lower..<middle {
                    let v = Int(q[i])
                    settle(v, r[v])
                    r[v] = 0
                  }
                } else {
                  for i in lower..<middle {
                    let v = Int(q[i])
                    settle(v, sumOverNeighbours(of: v, on: level &+ 1))
                  }
                }
                upper = middle
              }
              for j in 0..<tail { x[Int(q[j])].reach = Self.unreached }
            }
          }
        }
      }
    }
  }

  /// Weighted: Dijkstra from `s` on integer costs with a lazy-deletion heap
  /// (a popped entry whose cost exceeds the settled distance is stale and
  /// skipped); σ is complete when a person is settled because every cost ≥ 1.
  @inline(__always)
  mutating func dijkstraSource(
    _ s: Int32, _ o: UnsafeBufferPointer<UInt32>, _ t: UnsafeBufferPointer<Int32>,
    _ c: UnsafeBufferPointer<UInt32>, _ acc: UnsafeMutableBufferPointer<Double>,
    _ squares: UnsafeMutableBufferPointer<Double>
  ) {
    let withSquares = !squares.isEmpty
    heap.removeAll()
    var settledCount = 0
    entries.withUnsafeMutableBufferPointer { x in
      order.withUnsafeMutableBufferPointer { q in
        x[Int(s)] = BrandesEntry(reach: 0, value: 1)
        heap.push(0, s)
        // A person is pushed only when its distance strictly drops, so exactly one
        // of its entries carries the final distance; the others are stale.
        while !heap.isEmpty {
          let (key, v32) = heap.pop()
          let v = Int(v32)
          if key > x[v].reach { continue }
          q[settledCount] = v32
          settledCount &+= 1
          let sv = x[v].value
          var e = Int(o[v])
          let end = Int(o[v &+ 1])
          while e < end {
            let w = Int(t[e])
            let nd = key &+ Int64(c[e])
            let dw = x[w].reach
            if nd < dw {
              x[w] = BrandesEntry(reach: nd, value: sv)
              heap.push(nd, Int32(truncatingIfNeeded: w))
            } else if nd == dw {
              x[w].value += sv
            }
            e &+= 1
          }
        }
        // q[0] is the source (the only person at cost 0).
        var i = settledCount &- 1
        while i >= 1 {
          let v = Int(q[i])
          let dv = x[v].reach
          var sum = 0.0
          var e = Int(o[v])
          let end = Int(o[v &+ 1])
          while e < end {
            let w = Int(t[e])
            if x[w].reach == dv &+ Int64(c[e]) { sum += x[w].value }
            e &+= 1
          }
          let sv = x[v].value
          let delta = sv * sum
          x[v].value = (1 + delta) / sv
          acc[v] += delta
          if withSquares { squares[v] += delta * delta }
          i &-= 1
        }
        for j in 0..<settledCount { x[Int(q[j])].reach = Self.unreached }
      }
    }
  }
}

// MARK: - Ego betweenness

extension Graph {
  /// Ego betweenness of `e` (Everett & Borgatti 2005, "Ego network
  /// betweenness", *Social Networks* 27:31–38): betweenness of e inside its
  /// own ego network, Σ over non-adjacent alter pairs {j, k} of
  /// 1 / (number of j–k two-paths in the ego network, e's included). Equals
  /// networkx `betweenness_centrality(ego_graph(G, e), normalized=False)[e]`.
  /// Needs only ego-network data and correlates strongly with betweenness.
  ///
  /// The ego network's ties are found by reading each alter's row, or, for
  /// an alter with many more contacts than e (`RowSearch`), by searching its
  /// row for e's other alters.
  ///
  /// - Complexity: O(Σ_{j∈N(e)} min(deg(j), deg(e)·log deg(j)) + Σ_{x∈N(e)} d_x²)
  ///   time, where d_x is x's number of contacts inside the ego network; O(V)
  ///   extra space.
  public func egoBetweenness(of e: PersonID) -> Double {
    egoBetweennessCounted(of: e).value
  }

  /// `egoBetweenness(of:)` and the row entries read or searched for to find
  /// the ego network's ties (its work outside the ego network).
  func egoBetweennessCounted(of e: PersonID) -> (value: Double, scanned: Int) {
    var scratch = EgoScratch(count: personCount)
    let value = withCSR { o, t, _ in scratch.run(e, o, t) }
    return (value, scratch.scanned)
  }

  /// `egoBetweenness(of:)` for every person, indexed by person id; the same
  /// for any `threads`.
  /// - Complexity: the sum of the single-person costs; O(V) extra space per worker.
  public func egoBetweennessForAll(threads: Int = 1) -> [Double] {
    egoBetweennessRun(count: personCount, person: { PersonID($0) }, threads: threads)
  }

  /// `egoBetweenness(of:)` of each of `people`, in their order; the same for
  /// any `threads`. A ranking that shows a few people computes only theirs.
  /// - Complexity: the sum of their single-person costs; O(V) extra space per worker.
  public func egoBetweenness(of people: [PersonID], threads: Int = 1) -> [Double] {
    egoBetweennessRun(count: people.count, person: { people[$0] }, threads: threads)
  }

  private func egoBetweennessRun(count: Int, person: (Int) -> PersonID, threads: Int) -> [Double] {
    let n = personCount
    var out = [Double](repeating: 0, count: count)
    withCSR { o, t, _ in
      out.withUnsafeMutableBufferPointer { res in
        let box = SendableBuffer(res)
        Parallel.parallelFor(
          count: count, threads: threads, chunk: 64, makeScratch: { EgoScratch(count: n) },
          body: { range, scratch in
            for k in range { box.value[k] = scratch.run(person(k), o, t) }
          })
      }
    }
    return out
  }
}

/// Scratch for ego betweenness: alters' local indices and their adjacency
/// restricted to the ego network.
struct EgoScratch {
  /// Local index of each alter of the current ego, −1 for everyone else
  /// (reset after every ego, so it doubles as the membership test).
  var local: [Int32]
  var adjStart: [Int32] = []
  var adj: [Int32] = []
  var count: [Int32] = []
  var adjacentStamp: [Int32] = []
  var cursor: [Int32] = []
  var touched: [Int32] = []
  /// Row entries read or searched for, over every ego run with this scratch.
  var scanned = 0

  init(count n: Int) {
    local = [Int32](repeating: -1, count: n)
  }

  /// Grows the per-ego buffers to `d` alters and `halfEdges` local half-edges.
  mutating func reserve(alters d: Int, halfEdges: Int) {
    if adjStart.count < d + 1 { adjStart = [Int32](repeating: 0, count: Swift.max(d + 1, 2 * adjStart.count)) }
    if adj.count < halfEdges { adj = [Int32](repeating: 0, count: Swift.max(halfEdges, 2 * adj.count)) }
    if count.count < d {
      let c = Swift.max(d, 2 * count.count)
      count = [Int32](repeating: 0, count: c)
      adjacentStamp = [Int32](repeating: -1, count: c)
      cursor = [Int32](repeating: 0, count: c)
      touched = [Int32](repeating: 0, count: c)
    }
  }

  mutating func run(_ e: PersonID, _ o: UnsafeBufferPointer<UInt32>, _ t: UnsafeBufferPointer<Int32>) -> Double {
    let lo = Int(o[Int(e)])
    let hi = Int(o[Int(e) + 1])
    let d = hi - lo
    if d < 2 { return 0 }
    var bound = 0
    for p in lo..<hi {
      let j = Int(t[p])
      bound += Swift.min(Int(o[j + 1] &- o[j]), d)
    }
    var scanned = 0
    reserve(alters: d, halfEdges: bound)
    let total: Double = local.withUnsafeMutableBufferPointer { loc in
      adjStart.withUnsafeMutableBufferPointer { st in
        adj.withUnsafeMutableBufferPointer { ad in
          count.withUnsafeMutableBufferPointer { cnt in
            adjacentStamp.withUnsafeMutableBufferPointer { stamp in
              cursor.withUnsafeMutableBufferPointer { cur in
                touched.withUnsafeMutableBufferPointer { tch in
                  for p in lo..<hi { loc[Int(t[p])] = Int32(truncatingIfNeeded: p &- lo) }
                  // Local adjacency among alters; rows ascend because CSR rows are sorted.
                  var m = 0
                  for a in 0..<d {
                    st[a] = Int32(truncatingIfNeeded: m)
                    let j = Int(t[lo &+ a])
                    RowSearch.forEachShared(
                      list: lo, hi, row: Int(o[j]), Int(o[j &+ 1]), in: t, scanned: &scanned,
                      isListed: { loc[Int($0)] >= 0 },
                      each: { x, _ in
                        ad[m] = loc[Int(x)]
                        m &+= 1
                      })
                  }
                  st[d] = Int32(truncatingIfNeeded: m)
                  for p in lo..<hi { loc[Int(t[p])] = -1 }
                  var total = Double(d * (d - 1) / 2 - m / 2)
                  for x in 0..<d {
                    cur[x] = st[x]
                    stamp[x] = -1
                  }
                  // For each alter a: two-paths a–x–b (x an alter) to alters b > a not
                  // tied to a. cur[x] skips x's contacts ≤ a once and for all (a grows).
                  for a in 0..<d {
                    let a32 = Int32(truncatingIfNeeded: a)
                    let aStart = Int(st[a])
                    let aEnd = Int(st[a &+ 1])
                    var q = aStart
                    while q < aEnd {
                      stamp[Int(ad[q])] = a32
                      q &+= 1
                    }
                    var nt = 0
                    q = aStart
                    while q < aEnd {
                      let x = Int(ad[q])
                      var r = Int(cur[x])
                      let xEnd = Int(st[x &+ 1])
                      while r < xEnd && ad[r] <= a32 { r &+= 1 }
                      cur[x] = Int32(truncatingIfNeeded: r)
                      while r < xEnd {
                        let b = Int(ad[r])
                        if stamp[b] != a32 {
                          if cnt[b] == 0 {
                            tch[nt] = Int32(truncatingIfNeeded: b)
                            nt &+= 1
                          }
                          cnt[b] &+= 1
                        }
                        r &+= 1
                      }
                      q &+= 1
                    }
                    for i in 0..<nt {
                      let b = Int(tch[i])
                      total += 1 / Double(1 &+ cnt[b]) - 1
                      cnt[b] = 0
                    }
                  }
                  return total
                }
              }
            }
          }
        }
      }
    }
    self.scanned += scanned
    return total
  }
}

/// Counts searched sources across workers and reports the running total.
private final class SourceTally: @unchecked Sendable {  // `done` is guarded by `lock`
  let total: Int
  let report: @Sendable (Int, Int) -> Void
  let lock = PthreadLock()
  var done = 0
  init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
    self.total = total
    self.report = report
  }
  func add(_ n: Int) {
    lock.locked {
      done += n
      report(done, total)
    }
  }
}

/// The CSR renumbered in breadth-first order (each component from its lowest
/// id, neighbours in their row order), with the quantised costs when weighted:
/// a search's frontier then reads nearby memory instead of the whole arrays.
/// Betweenness is computed on it and mapped back; only the order of the
/// floating-point additions changes (σ stays exact), so results agree with the
/// plain numbering to rounding and are the same for any thread count.
/// - Complexity: O(V + E) time and space.
struct LocalOrder {
  var offsets: [UInt32]
  var targets: [Int32]
  /// Quantised costs (`TieCost`; below 2³² for any Float strength above 0).
  var costs: [UInt32]
  /// The new number of each person, indexed by the graph's own id.
  var newOfOld: [Int32]

  init(
    _ o: UnsafeBufferPointer<UInt32>, _ t: UnsafeBufferPointer<Int32>, _ s: UnsafeBufferPointer<Float>, costs: Bool
  ) {
    let n = o.count - 1
    var newOfOld = [Int32](repeating: -1, count: n)
    var oldOfNew = [Int32](repeating: 0, count: n)
    var next = 0
    for root in 0..<n where newOfOld[root] < 0 {
      newOfOld[root] = Int32(next)
      oldOfNew[next] = Int32(root)
      var head = next
      next += 1
      while head < next {
        let v = Int(oldOfNew[head])
        head += 1
        for e in Int(o[v])..<Int(o[v + 1]) {
          let w = Int(t[e])
          if newOfOld[w] < 0 {
            newOfOld[w] = Int32(next)
            oldOfNew[next] = Int32(w)
            next += 1
          }
        }
      }
    }
    var offsets = [UInt32](repeating: 0, count: n + 1)
    var targets = [Int32](repeating: 0, count: t.count)
    var quantised = [UInt32](repeating: 0, count: costs ? t.count : 0)
    var at = 0
    for u in 0..<n {
      let v = Int(oldOfNew[u])
      for e in Int(o[v])..<Int(o[v + 1]) {
        targets[at] = newOfOld[Int(t[e])]
        if costs { quantised[at] = UInt32(TieCost.quantised(s[e])) }
        at += 1
      }
      offsets[u + 1] = UInt32(at)
    }
    self.offsets = offsets
    self.targets = targets
    self.costs = quantised
    self.newOfOld = newOfOld
  }
}
