@_spi(Internals) import GraphCore

/// Burt's structural-holes measures of one person, computed on the whole
/// known network with tie strength as the investment a_ij.
///
/// Every field is `nil` for an isolated person (networkx returns NaN);
/// `hierarchy` is also `nil` for a person with a single contact (0/0).
public struct BurtMeasures: Sendable, Codable, Equatable {
  /// Burt's aggregate constraint C_i = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i), q≠j} p_iq p_qj)².
  /// Low means many structural holes; it can exceed 1 (a triangle gives 1.125).
  public var constraint: Double?
  /// Burt's effective size ES_i = Σ_{j∈N(i)} [1 − Σ_{q∈N(i), q≠j} p_iq μ_jq]:
  /// the contacts minus their redundancy, "how many distinct circles".
  public var effectiveSize: Double?
  /// Effective size divided by the number of contacts, in [1/n, 1].
  public var efficiency: Double?
  /// Burt's hierarchy H_i = Σ_j r_j ln r_j / (n ln n), r_j = c_ij / (C_i / n):
  /// 0 when constraint is spread evenly, towards 1 when one contact holds it.
  public var hierarchy: Double?

  public init(
    constraint: Double? = nil, effectiveSize: Double? = nil, efficiency: Double? = nil, hierarchy: Double? = nil
  ) {
    self.constraint = constraint
    self.effectiveSize = effectiveSize
    self.efficiency = efficiency
    self.hierarchy = hierarchy
  }
}

extension Graph {
  /// Burt's constraint, effective size, efficiency and hierarchy of `p`
  /// (Burt 1992, *Structural Holes*; effective size as restated by
  /// Borgatti 1997, *Connections* 20(1):35–38).
  ///
  /// With strength s as the weight (undirected, so the mutual weight is 2s
  /// and the factor 2 cancels): p_ij = s_ij / Σ_k s_ik (proportional tie)
  /// and μ_jq = s_jq / max_k s_jk (marginal tie), both over the **whole**
  /// network — so alters' outside ties matter, exactly as networkx
  /// `constraint(G, weight="weight")` and
  /// `effective_size(G, weight="weight", nodes=list(G))` (the correct loop
  /// path; the sparse path without `nodes` is wrong for weighted graphs).
  /// With equal strengths, effective size equals Borgatti's n − 2t/n.
  /// The graph has no self-ties or parallel ties by construction.
  ///
  /// A contact j with many more contacts than p is not read through: p's
  /// contacts are searched for in j's row (`RowSearch`), with the same sums.
  ///
  /// - Complexity: O(Σ_{j∈N(p)} min(deg(j), deg(p)·log deg(j))) time for the
  ///   sums, plus O(Σ_{j∈N(p)} deg(j)) to read each contact's strength total and
  ///   maximum; O(V) extra space for one call (a dense scratch row); V people.
  public func burtMeasures(of p: PersonID) -> BurtMeasures {
    burtMeasuresCounted(of: p).measures
  }

  /// `burtMeasures(of:)` and the row entries it read or searched for (its work).
  func burtMeasuresCounted(of p: PersonID) -> (measures: BurtMeasures, scanned: Int) {
    var scratch = BurtScratch(count: personCount)
    let (totals, maxima) = strengthTotalsAndMaxima(threads: 1, only: [p])
    let measures = withCSR { o, t, s in
      totals.withUnsafeBufferPointer { tot in
        maxima.withUnsafeBufferPointer { mx in
          burtKernel(p, o, t, s, tot, mx, &scratch)
        }
      }
    }
    return (measures, scratch.scanned)
  }

  /// `burtMeasures(of:)` for every person, indexed by person id; the result
  /// is the same for any number of threads.
  ///
  /// - Complexity: O(Σ_{i} Σ_{j∈N(i)} min(deg(j), deg(i)·log deg(j))) time —
  ///   each ego reads its contacts' rows, or searches a hub's row for its own
  ///   contacts, so a hub costs O(log deg) per leaf rather than its degree —
  ///   O(V) extra space per thread plus O(V) for the per-person strength
  ///   totals and maxima; V people.
  public func burtMeasuresForAll(threads: Int) -> [BurtMeasures] {
    burtMeasuresRun(count: personCount, person: { PersonID($0) }, only: nil, threads: threads)
  }

  /// `burtMeasures(of:)` for each of `people`, in their order; the same for
  /// any number of threads. A ranking that shows a few people computes only theirs.
  ///
  /// - Complexity: O(Σ_{i∈people} Σ_{j∈N(i)} min(deg(j), deg(i)·log deg(j))) time
  ///   plus the strength totals of the people and their contacts (each row read
  ///   once, O(V + E) at most); O(V) extra space per thread.
  public func burtMeasures(of people: [PersonID], threads: Int = 1) -> [BurtMeasures] {
    burtMeasuresRun(count: people.count, person: { people[$0] }, only: people, threads: threads)
  }

  private func burtMeasuresRun(
    count: Int, person: (Int) -> PersonID, only: [PersonID]?, threads: Int
  ) -> [BurtMeasures] {
    let n = personCount
    var out = [BurtMeasures](repeating: BurtMeasures(), count: count)
    let (totals, maxima) = strengthTotalsAndMaxima(threads: threads, only: only)
    withCSR { o, t, s in
      totals.withUnsafeBufferPointer { tot in
        maxima.withUnsafeBufferPointer { mx in
          out.withUnsafeMutableBufferPointer { res in
            let box = SendableBuffer(res)
            Parallel.parallelFor(
              count: count, threads: threads, chunk: 64,
              makeScratch: { BurtScratch(count: n) },
              body: { range, scratch in
                for k in range { box.value[k] = burtKernel(person(k), o, t, s, tot, mx, &scratch) }
              })
          }
        }
      }
    }
    return out
  }

  /// Σ_k s_ik and max_k s_ik for every person (or only for the people in
  /// `only` and their contacts, the rest left 0).
  private func strengthTotalsAndMaxima(threads: Int, only: [PersonID]?) -> ([Double], [Double]) {
    let n = personCount
    var totals = [Double](repeating: 0, count: n)
    var maxima = [Double](repeating: 0, count: n)
    withCSR { o, _, s in
      func fill(_ i: Int) {
        var sum = 0.0
        var mx = 0.0
        for e in Int(o[i])..<Int(o[i + 1]) {
          let w = Double(s[e])
          sum += w
          if w > mx { mx = w }
        }
        totals[i] = sum
        maxima[i] = mx
      }
      if let only {
        // Each person's row once, however many of `only` share it as a contact.
        var filled = VisitMarks(count: n)
        for p in only {
          if filled.insert(p) { fill(Int(p)) }
          for j in neighbors(of: p) where filled.insert(j) { fill(Int(j)) }
        }
      } else {
        for i in 0..<n { fill(i) }
      }
    }
    return (totals, maxima)
  }
}

/// A result buffer handed to `Parallel.parallelFor` workers, which write
/// disjoint indices and are joined before the buffer's scope ends.
struct SendableBuffer<T>: @unchecked Sendable {
  let value: UnsafeMutableBufferPointer<T>
  init(_ value: UnsafeMutableBufferPointer<T>) { self.value = value }
}

/// Per-thread scratch: ego's proportional ties as a dense row, valid where
/// `marks` is set.
struct BurtScratch {
  var pEgo: [Double]
  var marks: VisitMarks
  var local: [Double] = []
  /// Row entries read or searched for, over every ego run with this scratch.
  var scanned = 0
  init(count: Int) {
    pEgo = [Double](repeating: 0, count: count)
    marks = VisitMarks(count: count)
  }
}

/// The structural-holes kernel for one ego `i`.
@inline(__always)
func burtKernel(
  _ i: PersonID,
  _ o: UnsafeBufferPointer<UInt32>, _ t: UnsafeBufferPointer<Int32>, _ s: UnsafeBufferPointer<Float>,
  _ totals: UnsafeBufferPointer<Double>, _ maxima: UnsafeBufferPointer<Double>,
  _ scratch: inout BurtScratch
) -> BurtMeasures {
  let lo = Int(o[Int(i)])
  let hi = Int(o[Int(i) + 1])
  let n = hi - lo
  if n == 0 { return BurtMeasures() }
  let total = totals[Int(i)]
  scratch.marks.reset()
  scratch.local.removeAll(keepingCapacity: true)
  for e in lo..<hi {
    let j = t[e]
    scratch.marks.mark(j)
    scratch.pEgo[Int(j)] = Double(s[e]) / total
  }
  var constraint = 0.0
  var effective = 0.0
  var scanned = 0
  for e in lo..<hi {
    let j = Int(t[e])
    let pij = scratch.pEgo[j]
    let maxJ = maxima[j]
    // Over j's contacts q that are also i's contacts (q ≠ i, q ≠ j by construction):
    // indirect = Σ p_iq · p_qj, where p_qj = s_qj / Σ_k s_qk;
    // redundancy = Σ p_iq · μ_jq, where μ_jq = s_jq / max_k s_jk.
    var indirect = 0.0
    var redundancy = 0.0
    RowSearch.forEachShared(
      list: lo, hi, row: Int(o[j]), Int(o[j + 1]), in: t, scanned: &scanned,
      isListed: { scratch.marks.isMarked($0) },
      each: { q, f in
        let piq = scratch.pEgo[Int(q)]
        let sjq = Double(s[f])
        indirect += piq * (sjq / totals[Int(q)])
        redundancy += piq * (sjq / maxJ)
      })
    let c = (pij + indirect) * (pij + indirect)
    scratch.local.append(c)
    constraint += c
    effective += 1 - redundancy
  }
  scratch.scanned += scanned
  var hierarchy: Double? = nil
  if n >= 2 {
    let mean = constraint / Double(n)
    var sum = 0.0
    for c in scratch.local {
      let r = c / mean
      if r > 0 { sum += r * _log(r) }
    }
    hierarchy = sum / (Double(n) * _log(Double(n)))
  }
  return BurtMeasures(
    constraint: constraint, effectiveSize: effective, efficiency: effective / Double(n), hierarchy: hierarchy)
}

#if canImport(Glibc)
  import Glibc
  @inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
#else
  import Foundation
  @inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
#endif
