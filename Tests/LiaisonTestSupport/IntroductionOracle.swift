import Foundation
import GraphCore

/// Brute-force pieces of the introduction ranking (Guides/Introductions.md),
/// written from the definitions over the oracle's sets and strengths.
extension LinkPredictionOracle {
  /// Σ_w ½(s_uw + s_wv) / S_w over the common contacts w of u and v other
  /// than `excluded`, S_w = Σ_{k∈Γ(w)} s_wk (a term is 0 when S_w is 0).
  public func strengthResourceAllocation(_ u: Int, _ v: Int, excluding excluded: Int? = nil) -> Double {
    var common = neighbors[u].intersection(neighbors[v]).subtracting([u, v])
    if let excluded { common.remove(excluded) }
    var sum = 0.0
    for w in common {
      let total = neighbors[w].reduce(0.0) { $0 + s(w, $1) }
      if total > 0 { sum += (s(u, w) + s(w, v)) / 2 / total }
    }
    return sum
  }
}

/// The diversity re-rank, one place at a time: place k belongs to block
/// ⌊k / window⌋; it takes the best remaining pair whose two people are both
/// in fewer than `cap` pairs of that block so far, or, when none is, the best
/// remaining pair. Written independently of `IntroductionDiversity`.
public func diversifiedOracle(_ ranked: [(Int, Int)], window: Int, cap: Int, limit: Int) -> [Int] {
  var left = Array(ranked.indices)
  var out: [Int] = []
  var inBlock: [Int: Int] = [:]
  while out.count < min(limit, ranked.count) {
    if out.count % window == 0 { inBlock = [:] }
    let fits = left.firstIndex { inBlock[ranked[$0].0, default: 0] < cap && inBlock[ranked[$0].1, default: 0] < cap }
    let at = fits ?? 0
    let pick = left.remove(at: at)
    if fits != nil {
      inBlock[ranked[pick].0, default: 0] += 1
      inBlock[ranked[pick].1, default: 0] += 1
    }
    out.append(pick)
  }
  return out
}
