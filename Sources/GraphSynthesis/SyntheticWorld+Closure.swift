// Phase 5 of the model: triadic closure after Holme & Kim (2002), in up to eight rounds
// until `targetTies` is reached. Each round builds a sorted adjacency (CSR) of the current
// ties, draws activity-weighted people who link into a neighbour's circle (the best of a few
// candidates by shared contacts), and de-duplicates.
// Complexity: per round O(N + E) for the adjacency, O(A · (log d + d)) for A attempts on
// degree d (binary-search membership, merge-counted shared contacts), O(E log E) to sort.
import GraphCore

extension SyntheticWorld {
  /// Holme–Kim triad formation until the target tie count is reached.
  func closeTriads(rng: inout SplitMix64) {
    var acceptance = 0.8
    let burstMean = Tuning.closureBurst
    let choices = Tuning.closureChoices
    for round in 1...8 {
      let have = pairs.count
      let deficit = targetTies - have
      if deficit <= max(1, targetTies / 500) { break }
      // Adjacency (CSR) of the current network.
      var offset = [Int](repeating: 0, count: n + 1)
      for key in pairs {
        offset[Int(key >> 36) + 1] += 1
        offset[Int((key >> 8) & 0xFFF_FFFF) + 1] += 1
      }
      for p in 0..<n { offset[p + 1] += offset[p] }
      var adjacency = [Int32](repeating: 0, count: offset[n])
      do {
        var fillAt = offset
        for key in pairs {
          let a = Int(key >> 36)
          let b = Int((key >> 8) & 0xFFF_FFFF)
          adjacency[fillAt[a]] = Int32(b)
          fillAt[a] += 1
          adjacency[fillAt[b]] = Int32(a)
          fillAt[b] += 1
        }
      }
      // Adjacency lists are sorted (pairs are), so membership is a binary
      // search and common neighbours a merge.
      func contains(_ a: Int, _ b: Int) -> Bool {
        var lo = offset[a]
        var hi = offset[a + 1]
        let target = Int32(b)
        while lo < hi {
          let mid = (lo + hi) >> 1
          if adjacency[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < offset[a + 1] && adjacency[lo] == target
      }
      func common(_ a: Int, _ b: Int) -> Int {
        sortedIntersectionCount(adjacency[offset[a]..<offset[a + 1]], adjacency[offset[b]..<offset[b + 1]])
      }
      let weights = (0..<n).map { offset[$0 + 1] > offset[$0] ? activity[$0] : 0 }
      var attempts = 0
      allocate(weights, budget: Double(deficit) * 1.05 / acceptance / burstMean, rng: &rng) { u, k, rng in
        let lo = offset[u]
        let degree = offset[u + 1] - lo
        for _ in 0..<k {
          // Holme–Kim triad formation: several links into one neighbour's circle.
          let v = Int(adjacency[lo + rng.nextInt(below: degree)])
          let vlo = offset[v]
          let burst = 1 + rng.count(mean: burstMean - 1)
          attempts += burst
          for _ in 0..<burst {
            // Of a few friends of v, the one sharing most friends with u.
            var best = -1
            var bestShared = -1
            for _ in 0..<choices {
              let w = Int(adjacency[vlo + rng.nextInt(below: offset[v + 1] - vlo)])
              if w == u || contains(u, w) { continue }
              let shared = common(u, w)
              if shared > bestShared {
                best = w
                bestShared = shared
              }
            }
            if best >= 0 { pairs.append(packPair(u, best, .closure)) }
          }
        }
      }
      deduplicate()
      let gained = pairs.count - have
      report(
        "triadic closure, round \(round): +\(TextFormat.grouped(gained)) → \(TextFormat.count(pairs.count, "tie"))")
      if attempts == 0 || gained <= 0 { break }
      acceptance = max(0.05, Double(gained) / Double(attempts))
    }
  }
}
