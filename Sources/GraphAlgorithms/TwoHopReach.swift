@_spi(Internals) import GraphCore

/// First- and second-degree reach of every person.
/// Tuned (stamp arrays per worker); measured in Benchmarks/NOTES.md, "Two-hop reach for everyone (W2)".
public struct TwoHopReach: Sendable, Equatable {
  /// |N₁(p)| per person.
  public var firstDegree: [Int32]
  /// |N₂(p)| (distance exactly 2) per person.
  public var secondDegree: [Int32]
}

extension Graph {
  /// Number of people at distance 1 and exactly 2 from every person.
  ///
  /// For each person u: stamp u and its contacts with u's generation, then
  /// scan the contacts' rows, counting unstamped people and stamping them.
  /// Each worker thread owns one stamp array (generation-stamped, never
  /// cleared) and claims people in blocks; nothing is allocated per person.
  /// The counts are written by index, so the result does not depend on the
  /// number of threads. Same numbers as igraph `neighborhood_size(order=2)`
  /// minus 1 + degree, and networkx `single_source_shortest_path_length(G, u, cutoff=2)`.
  ///
  /// - Complexity: O(Σ_w deg(w)²) time, O(V) extra space per thread.
  public func twoHopReach(threads: Int = 1) -> TwoHopReach {
    let n = personCount
    var first = [Int32](repeating: 0, count: n)
    var second = [Int32](repeating: 0, count: n)
    withCSR { offsets, targets, _ in
      first.withUnsafeMutableBufferPointer { firstOut in
        second.withUnsafeMutableBufferPointer { secondOut in
          let outFirst = UncheckedBox(firstOut)
          let outSecond = UncheckedBox(secondOut)
          Parallel.parallelFor(
            count: n, threads: threads, chunk: 256,
            makeScratch: { (stamps: [UInt32](repeating: 0, count: n), generation: UInt32(0)) },
            body: { range, scratch in
              scratch.stamps.withUnsafeMutableBufferPointer { stamp in
                var gen = scratch.generation
                for u in range {
                  gen &+= 1
                  if gen == 0 {  // wrapped: clear once
                    for i in 0..<n { stamp[i] = 0 }
                    gen = 1
                  }
                  stamp[u] = gen
                  let lo = Int(offsets[u])
                  let hi = Int(offsets[u + 1])
                  for k in lo..<hi { stamp[Int(targets[k])] = gen }
                  var count: Int32 = 0
                  for k in lo..<hi {
                    let w = Int(targets[k])
                    for j in Int(offsets[w])..<Int(offsets[w + 1]) {
                      let x = Int(targets[j])
                      if stamp[x] != gen {
                        stamp[x] = gen
                        count &+= 1
                      }
                    }
                  }
                  outFirst.value[u] = Int32(hi - lo)
                  outSecond.value[u] = count
                }
                scratch.generation = gen
              }
            })
        }
      }
    }
    return TwoHopReach(firstDegree: first, secondDegree: second)
  }
}
