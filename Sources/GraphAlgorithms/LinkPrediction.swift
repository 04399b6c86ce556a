@_spi(Internals) import GraphCore

#if canImport(Glibc)
  import Glibc
#endif

/// A link-prediction index on an undirected simple graph (Guides/Introductions.md).
///
/// Γ(u) is the set of u's contacts (never u itself):
///
/// | index | value for the pair {u, v} |
/// |---|---|
/// | `commonNeighbors` | \|Γ(u) ∩ Γ(v)\| (Liben-Nowell & Kleinberg 2007) |
/// | `jaccard` | \|Γ(u) ∩ Γ(v)\| / \|Γ(u) ∪ Γ(v)\|, 0 when the union is empty |
/// | `adamicAdar` | Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / ln \|Γ(w)\| (Adamic & Adar 2003) |
/// | `resourceAllocation` | Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / \|Γ(w)\| (Zhou, Lü & Zhang 2009) |
///
/// The values equal networkx's `common_neighbors`, `jaccard_coefficient`,
/// `adamic_adar_index` and `resource_allocation_index` (natural logarithm,
/// unweighted: tie strength plays no part).
public enum LinkIndex: String, Sendable, Codable, CaseIterable {
  case commonNeighbors, jaccard, adamicAdar, resourceAllocation
}

/// The four link-prediction indices of one pair of people (see `LinkIndex`).
public struct LinkScores: Sendable, Codable, Equatable, Hashable {
  /// Number of common contacts, |Γ(u) ∩ Γ(v)|.
  public var commonNeighbors: Int
  /// |Γ(u) ∩ Γ(v)| / |Γ(u) ∪ Γ(v)|; 0 when both have no contact.
  public var jaccard: Double
  /// Σ over common contacts w of 1 / ln deg(w).
  public var adamicAdar: Double
  /// Σ over common contacts w of 1 / deg(w).
  public var resourceAllocation: Double

  public init(commonNeighbors: Int, jaccard: Double, adamicAdar: Double, resourceAllocation: Double) {
    self.commonNeighbors = commonNeighbors
    self.jaccard = jaccard
    self.adamicAdar = adamicAdar
    self.resourceAllocation = resourceAllocation
  }

  /// The value of one index.
  public subscript(index: LinkIndex) -> Double {
    switch index {
    case .commonNeighbors: Double(commonNeighbors)
    case .jaccard: jaccard
    case .adamicAdar: adamicAdar
    case .resourceAllocation: resourceAllocation
    }
  }
}

/// The best-scored distance-2 non-neighbours of every person
/// (`Graph.topLinkPredictions`), stored flat: person p's candidates are
/// `candidates[offsets[p] ..< offsets[p + 1]]`, best first (score descending,
/// then person id ascending), with their `scores`.
public struct LinkPredictionTopK: Sendable, Codable, Equatable {
  /// The index the candidates are ranked by.
  public var index: LinkIndex
  /// The requested number of candidates per person (a person may have fewer).
  public var k: Int
  /// Pairs with fewer common contacts were not candidates.
  public var minCommon: Int
  /// n + 1 row starts into `candidates` and `scores`.
  public var offsets: [Int]
  /// Candidate person ids, row by row.
  public var candidates: [PersonID]
  /// The candidates' scores under `index`.
  public var scores: [Double]
  /// Number of unordered non-adjacent pairs at distance 2 with at least
  /// `minCommon` common contacts: every pair that was scored.
  public var pairsScored: Int

  /// Person p's candidates and scores, best first.
  public func candidates(of p: PersonID) -> [(person: PersonID, score: Double)] {
    (offsets[Int(p)]..<offsets[Int(p) + 1]).map { (candidates[$0], scores[$0]) }
  }
}

extension Graph {
  /// The four link-prediction indices of the pair {u, v}, by one sorted
  /// merge of the two contact rows (no allocation).
  ///
  /// Equal to networkx `common_neighbors`, `jaccard_coefficient`,
  /// `adamic_adar_index` and `resource_allocation_index` on the same pair,
  /// whether or not u and v are tied (Guides/Introductions.md). Common contacts are
  /// summed in ascending id order, so results are bit-identical between
  /// calls and with `topLinkPredictions`. For u = v the "common contacts" are
  /// all of u's contacts (as networkx); a contact of degree 1 then makes
  /// Adamic–Adar infinite where networkx raises.
  ///
  /// - Complexity: O(d(u) + d(v)) time, O(1) extra space.
  public func linkScores(_ u: PersonID, _ v: PersonID) -> LinkScores {
    withCSR { offsets, targets, _ in
      LinkKernel.merge(offsets, targets, u, v, excluding: -1)
    }
  }

  /// The four indices of the pair {u, v} counting only common contacts other
  /// than `excluded` (e.g. "shared contacts besides you"). The Jaccard union
  /// leaves `excluded` out as well. Equal to `linkScores(u, v)` when
  /// `excluded` is not a common contact.
  ///
  /// - Complexity: O(d(u) + d(v)) time, O(1) extra space.
  public func linkScores(_ u: PersonID, _ v: PersonID, excluding excluded: PersonID) -> LinkScores {
    withCSR { offsets, targets, _ in
      LinkKernel.merge(offsets, targets, u, v, excluding: excluded)
    }
  }

  /// The indices of many pairs, scored in parallel, in the order given.
  ///
  /// - Complexity: O(Σ (d(u) + d(v))) time over the pairs, O(pairs) space for the answer.
  public func linkScores(pairs: [(PersonID, PersonID)], threads: Int = 0) -> [LinkScores] {
    var out = [LinkScores](
      repeating: LinkScores(commonNeighbors: 0, jaccard: 0, adamicAdar: 0, resourceAllocation: 0), count: pairs.count)
    let workers = threads > 0 ? threads : Parallel.defaultThreads
    withCSR { offsets, targets, _ in
      out.withUnsafeMutableBufferPointer { result in
        pairs.withUnsafeBufferPointer { list in
          Parallel.parallelFor(count: list.count, threads: workers, chunk: 1024, makeScratch: { () }) { range, _ in
            for i in range { result[i] = LinkKernel.merge(offsets, targets, list[i].0, list[i].1, excluding: -1) }
          }
        }
      }
    }
    return out
  }

  /// The strength-weighted resource allocation of {u, v} without `excluded`,
  /// Σ_w ½(s_uw + s_wv) / S_w over their common contacts w ≠ `excluded`
  /// (S_w = the sum of w's tie strengths; a term is 0 when S_w is 0), and
  /// the mean of ½(s_uw + s_wv) over those w (0 when there are none). With
  /// one strength on every tie it equals resource allocation. Lü & Zhou
  /// (EPL 89:18001, 2010) weight the index by (s_uw + s_wv) / S_w; the ½
  /// makes it the unweighted index on uniform strengths.
  ///
  /// - Complexity: O(d(u) + d(v) + Σ_w d(w)) time, O(1) extra space.
  public func strengthOverlap(
    _ u: PersonID, _ v: PersonID, excluding excluded: PersonID
  ) -> (resourceAllocation: Double, meanTie: Double) {
    withCSR { offsets, targets, strengths in
      var i = Int(offsets[Int(u)])
      let iEnd = Int(offsets[Int(u) + 1])
      var j = Int(offsets[Int(v)])
      let jEnd = Int(offsets[Int(v) + 1])
      var sum = 0.0
      var tie = 0.0
      var common = 0
      while i < iEnd && j < jEnd {
        let a = targets[i]
        let b = targets[j]
        if a < b {
          i += 1
        } else if a > b {
          j += 1
        } else {
          if a != excluded && a != u && a != v {
            let w = Int(a)
            let row = UnsafeBufferPointer(rebasing: strengths[Int(offsets[w])..<Int(offsets[w + 1])])
            sum += LinkKernel.strengthTerm(strengths[i], strengths[j], LinkKernel.inverseTotal(row))
            tie += (Double(strengths[i]) + Double(strengths[j])) * 0.5
            common += 1
          }
          i += 1
          j += 1
        }
      }
      return (sum, common > 0 ? tie / Double(common) : 0)
    }
  }

  /// The contacts u and v have in common, ascending.
  /// - Complexity: O(d(u) + d(v)).
  public func commonContacts(_ u: PersonID, _ v: PersonID) -> [PersonID] {
    let a = neighbors(of: u)
    let b = neighbors(of: v)
    var out: [PersonID] = []
    var i = a.startIndex
    var j = b.startIndex
    while i < a.endIndex && j < b.endIndex {
      if a[i] < b[j] {
        i += 1
      } else if a[i] > b[j] {
        j += 1
      } else {
        out.append(a[i])
        i += 1
        j += 1
      }
    }
    return out
  }

  /// Network-wide link prediction: for every person u, the `k` best people
  /// at distance exactly 2 (not u, not tied to u) by `index`, best first —
  /// score descending, then person id ascending.
  ///
  /// One two-hop sweep per person: for every contact w of u and every
  /// contact x of w, the index's weight of w (1 / ln deg(w), 1 / deg(w) or 1)
  /// is added to a dense per-thread accumulator at x, first touches go to a
  /// touched list, and u and its own contacts are excluded by setting their
  /// accumulator to −∞ for the duration (no separate mark array to read);
  /// then a partial selection keeps the best k. Weights are precomputed once
  /// per person. People are processed in parallel with per-thread scratch,
  /// results are written by index, and each pair's terms are summed in
  /// ascending order of the common contact, so the answer is identical for
  /// any thread count and bit-identical to `linkScores(u, x)`.
  ///
  /// A common contact of two distinct people has degree ≥ 2, so 1 / ln deg
  /// is finite (networkx sums over common neighbours only, as here).
  ///
  /// Equal (tie-aware) to scoring every non-edge with networkx and keeping
  /// each node's best k, and to scipy's S = A·diag(1/ln d)·A with neighbours
  /// and the diagonal removed.
  ///
  /// - Parameters:
  ///   - k: candidates per person (≥ 0).
  ///   - index: the ranking index.
  ///   - minCommon: pairs with fewer common contacts are skipped (values
  ///     below 1 mean 1: a pair at distance 2 has at least one).
  ///   - threads: worker threads (0: all processors).
  /// - Complexity: O(Σ_w deg(w)² + n·k) time — the number of two-paths —
  ///   and O(n·k) space for the answer plus O(n) scratch per thread
  ///   (8 + 4 bytes per person, and 4 more when `minCommon` > 1 for the
  ///   Adamic–Adar and resource-allocation indices).
  public func topLinkPredictions(
    k: Int = 10, by index: LinkIndex = .adamicAdar, minCommon: Int = 1, threads: Int = 0
  ) -> LinkPredictionTopK {
    precondition(k >= 0, "k must be non-negative")
    let n = personCount
    var rowCount = [Int](repeating: 0, count: n)
    var cand = [PersonID](repeating: 0, count: n * k)
    var score = [Double](repeating: 0, count: n * k)
    let total = rowCount.withUnsafeMutableBufferPointer { rowCount in
      cand.withUnsafeMutableBufferPointer { cand in
        score.withUnsafeMutableBufferPointer { score in
          twoHopTopK(k: k, by: index, minCommon: minCommon, threads: threads) { u, ids, values in
            rowCount[u] = ids.count
            for i in 0..<ids.count {
              cand[u * k + i] = ids[i]
              score[u * k + i] = values[i]
            }
          }
        }
      }
    }
    // Compact the rows.
    var rowStart = [Int](repeating: 0, count: n + 1)
    for u in 0..<n { rowStart[u + 1] = rowStart[u] + rowCount[u] }
    var outCand = [PersonID](repeating: 0, count: rowStart[n])
    var outScore = [Double](repeating: 0, count: rowStart[n])
    for u in 0..<n {
      for i in 0..<rowCount[u] {
        outCand[rowStart[u] + i] = cand[u * k + i]
        outScore[rowStart[u] + i] = score[u * k + i]
      }
    }
    return LinkPredictionTopK(
      index: index, k: k, minCommon: max(1, minCommon), offsets: rowStart, candidates: outCand, scores: outScore,
      pairsScored: total)
  }

  /// The two-hop sweep behind `topLinkPredictions`: hands each person's best
  /// `k` (ids and scores, best first) to `row`, called once per person from
  /// the worker threads (each person once; the buffers are valid only during
  /// the call), and returns the number of unordered pairs scored.
  ///
  /// - Complexity: O(Σ_w deg(w)² + n·k) time, O(n) scratch per thread; no
  ///   memory per pair.
  func twoHopTopK(
    k: Int, by index: LinkIndex, minCommon: Int, threads: Int,
    row: (_ person: Int, _ ids: UnsafeBufferPointer<PersonID>, _ scores: UnsafeBufferPointer<Double>) -> Void
  ) -> Int {
    let n = personCount
    let workers = threads > 0 ? threads : Parallel.defaultThreads
    let minCommon = max(1, minCommon)
    // Weight of a common contact w under the index.
    var weight = [Double](repeating: 0, count: n)
    for w in 0..<n {
      let d = degree(of: PersonID(w))
      switch index {
      case .adamicAdar: weight[w] = d > 1 ? 1 / log(Double(d)) : 0
      case .resourceAllocation: weight[w] = d > 0 ? 1 / Double(d) : 0
      case .commonNeighbors, .jaccard: weight[w] = 1
      }
    }
    let countSeparately = minCommon > 1 && (index == .adamicAdar || index == .resourceAllocation)
    var pairCounts = [Int](repeating: 0, count: n)

    withCSR { offsets, targets, _ in
      weight.withUnsafeBufferPointer { weight in
        pairCounts.withUnsafeMutableBufferPointer { pairCounts in
          Parallel.parallelFor(
            count: n, threads: workers, chunk: 64,
            makeScratch: { LinkTwoHopScratch(count: n, k: k, counting: countSeparately) }
          ) { range, s in
            let acc = s.acc
            let cnt = s.count
            let touched = s.touched
            let bestID = s.bestID
            let bestScore = s.bestScore
            for u in range {
              let lo = Int(offsets[u])
              let hi = Int(offsets[u + 1])
              // u and its contacts are excluded by an accumulator of −∞:
              // it never reads 0 (never touched) and stays −∞; one random
              // access per two-path instead of a separate mark array.
              acc[u] = -.infinity
              for p in lo..<hi { acc[Int(targets[p])] = -.infinity }
              var touchedCount = 0
              for p in lo..<hi {
                let w = Int(targets[p])
                let ww = weight[w]
                for q in Int(offsets[w])..<Int(offsets[w + 1]) {
                  let x = Int(targets[q])
                  let old = acc[x]
                  if old == 0 {
                    touched[touchedCount] = Int32(x)
                    touchedCount += 1
                  }
                  acc[x] = old + ww
                  if countSeparately { cnt[x] &+= 1 }
                }
              }
              acc[u] = 0
              if countSeparately { cnt[u] = 0 }
              for p in lo..<hi {
                acc[Int(targets[p])] = 0
                if countSeparately { cnt[Int(targets[p])] = 0 }
              }
              // Select the best k (score desc, id asc) and clear the accumulator.
              var kept = 0
              var scored = 0
              let du = Double(hi - lo)
              for t in 0..<touchedCount {
                let x = Int(touched[t])
                var value = acc[x]
                acc[x] = 0
                var common = minCommon  // AA / RA with minCommon 1: every touched pair qualifies
                if countSeparately {
                  common = Int(cnt[x])
                  cnt[x] = 0
                } else if index == .commonNeighbors || index == .jaccard {
                  common = Int(value)
                }
                if common < minCommon { continue }
                scored += 1
                if index == .jaccard {
                  let dx = Double(offsets[x + 1] - offsets[x])
                  value = value / (du + dx - value)
                }
                if k == 0 { continue }
                if kept == k {
                  let ls = bestScore[k - 1]
                  if value < ls || (value == ls && Int32(x) > bestID[k - 1]) { continue }
                  kept -= 1
                }
                // Insertion into the sorted buffer.
                var i = kept
                while i > 0
                  && (bestScore[i - 1] < value || (bestScore[i - 1] == value && bestID[i - 1] > Int32(x)))
                {
                  bestScore[i] = bestScore[i - 1]
                  bestID[i] = bestID[i - 1]
                  i -= 1
                }
                bestScore[i] = value
                bestID[i] = Int32(x)
                kept += 1
              }
              pairCounts[u] = scored
              row(
                u, UnsafeBufferPointer(rebasing: bestID[0..<kept]),
                UnsafeBufferPointer(rebasing: bestScore[0..<kept]))
            }
          }
        }
      }
    }
    var total = 0
    for c in pairCounts { total += c }
    return total / 2
  }
}

/// Per-thread scratch of a two-hop sweep: a dense accumulator (zero between
/// people), optional counts, the touched list and the top-k buffer.
/// Allocated once per worker thread.
final class LinkTwoHopScratch {
  let acc: UnsafeMutableBufferPointer<Double>
  let count: UnsafeMutableBufferPointer<UInt32>
  let touched: UnsafeMutableBufferPointer<Int32>
  let bestID: UnsafeMutableBufferPointer<Int32>
  let bestScore: UnsafeMutableBufferPointer<Double>

  init(count n: Int, k: Int, counting: Bool) {
    acc = .allocate(capacity: n)
    acc.initialize(repeating: 0)
    count = .allocate(capacity: counting ? n : 0)
    count.initialize(repeating: 0)
    touched = .allocate(capacity: n)
    touched.initialize(repeating: 0)
    bestID = .allocate(capacity: k + 1)
    bestID.initialize(repeating: 0)
    bestScore = .allocate(capacity: k + 1)
    bestScore.initialize(repeating: 0)
  }

  deinit {
    acc.deallocate()
    count.deallocate()
    touched.deallocate()
    bestID.deallocate()
    bestScore.deallocate()
  }
}

/// The sorted-merge kernel shared by the pairwise entry points.
enum LinkKernel {
  /// One shared contact's term of the strength-weighted resource allocation:
  /// ½(s_uw + s_wv) · (1 / S_w). The sweep and the pairwise merge both add
  /// this expression, in ascending order of w, so their sums are bit-identical.
  @inline(__always) static func strengthTerm(_ su: Float, _ sv: Float, _ inverseTotal: Double) -> Double {
    (Double(su) + Double(sv)) * 0.5 * inverseTotal
  }

  /// 1 / (the sum of a row's strengths, added in row order), 0 for a zero sum.
  @inline(__always) static func inverseTotal<C: Collection>(_ row: C) -> Double where C.Element == Float {
    var total = 0.0
    for s in row { total += Double(s) }
    return total > 0 ? 1 / total : 0
  }

  @inline(__always)
  static func merge(
    _ offsets: UnsafeBufferPointer<UInt32>, _ targets: UnsafeBufferPointer<Int32>,
    _ u: PersonID, _ v: PersonID, excluding excluded: PersonID
  ) -> LinkScores {
    var i = Int(offsets[Int(u)])
    let iEnd = Int(offsets[Int(u) + 1])
    var j = Int(offsets[Int(v)])
    let jEnd = Int(offsets[Int(v) + 1])
    var du = iEnd - i
    var dv = jEnd - j
    var common = 0
    var aa = 0.0
    var ra = 0.0
    var excludedInU = false
    var excludedInV = false
    while i < iEnd && j < jEnd {
      let a = targets[i]
      let b = targets[j]
      if a < b {
        if a == excluded { excludedInU = true }
        i += 1
      } else if a > b {
        if b == excluded { excludedInV = true }
        j += 1
      } else {
        if a == excluded {
          excludedInU = true
          excludedInV = true
        } else {
          let d = Int(offsets[Int(a) + 1] - offsets[Int(a)])
          common += 1
          aa += 1 / log(Double(d))
          ra += 1 / Double(d)
        }
        i += 1
        j += 1
      }
    }
    if excluded >= 0 {
      // Rest of the rows: whether the excluded person is still ahead.
      while i < iEnd {
        if targets[i] == excluded { excludedInU = true }
        i += 1
      }
      while j < jEnd {
        if targets[j] == excluded { excludedInV = true }
        j += 1
      }
      if excludedInU { du -= 1 }
      if excludedInV { dv -= 1 }
    }
    let union = du + dv - common
    return LinkScores(
      commonNeighbors: common, jaccard: union > 0 ? Double(common) / Double(union) : 0, adamicAdar: aa,
      resourceAllocation: ra)
  }
}

extension LinkIndex: CustomStringConvertible {
  /// The index's name, its raw value (`adamicAdar`).
  public var description: String { rawValue }
}
