import GraphCore

/// One level of the Louvain/Leiden hierarchy: a CSR graph with `Double`
/// weights and a self-loop weight per node. Level 0 is the person graph;
/// each further level has one node per community of the level below.
struct CommunityLevelGraph {
  var offsets: [Int]
  /// A column, so the person level reads the graph's own CSR targets (no
  /// copy: 80 MB at 10 M ties).
  var targets: Column<Int32>
  var weights: [Double]
  var selfLoop: [Double]
  var nodes: Int { selfLoop.count }

  /// The rows as raw buffers (offsets, targets, weights), for the unsafe loops.
  func withRows<R>(
    _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    try offsets.withUnsafeBufferPointer { o in
      try targets.withUnsafeBufferPointer { t in try weights.withUnsafeBufferPointer { w in try body(o, t, w) } }
    }
  }

  /// Strength (weighted degree, self-loop included) of each node. O(V + E).
  func strengths() -> [Double] {
    var k = [Double](repeating: 0, count: nodes)
    for u in 0..<nodes {
      var s = selfLoop[u]
      for e in offsets[u]..<offsets[u + 1] { s += weights[e] }
      k[u] = s
    }
    return k
  }
}

/// The local-moving phase of Louvain and Leiden on one level graph.
/// Tuned; measured in Benchmarks/NOTES.md, "Louvain faster than networkit's PLM".
///
/// Each visited node leaves its community and joins the neighbouring
/// community with the largest gain w_{u,c} − γ k_u K_c / 2m (ties: stay,
/// else the smaller community id). Two schedules:
///
/// - `.sweeps`: the classic one — whole passes over the nodes in `order`
///   until a pass moves nobody or improves Q by less than `threshold`.
/// - `.queue(maxSweeps:)`: the fast local moving of Traag, Waltman & van Eck
///   (2019): a FIFO queue starts with every node in `order`; when a node
///   moves, its neighbours outside its new community that are not queued are
///   appended. Only nodes whose neighbourhood changed are revisited, so late
///   passes cost a fraction of a sweep. It stops when the queue is empty, when
///   a round of `nodes` visits improves Q by less than `threshold`, or after
///   `maxSweeps × nodes` visits (networkit's PLM caps at 32 sweeps per level).
///
/// With `allowEmpty` (Leiden), a node may also move to an empty community
/// (gain 0) when every other choice, staying included, loses: so a part of a
/// community with no ties to the rest leaves it, as in Traag et al.'s
/// FastMoveNodes. Empty ids are taken from a stack (highest first at entry).
///
/// Both are deterministic: the result depends only on the graph, `order` and
/// the starting `community`.
///
/// Unsafe code: the loop runs on raw buffer pointers (no bounds checks, no
/// copy-on-write checks — the array version spent most of its instructions
/// there). Safety rests on the level graph's invariants, checked once on
/// entry: `offsets` has `nodes + 1` non-decreasing entries ending at
/// `targets.count == weights.count`, every target and every community id is
/// in `0 ..< nodes`, and `k`, `order`, `community`, `tot` have `nodes`
/// entries. Scratch buffers are allocated here and freed on exit.
///
/// - Complexity: O(E) per sweep (per round of `nodes` visits); O(V) scratch.
enum LocalMoving {
  enum Schedule {
    case sweeps
    case queue(maxSweeps: Int)
  }

  struct Outcome {
    /// Nodes moved (a node moving twice counts twice).
    var moves: Int
    /// `.sweeps`: some pass ended with a gain of at least the threshold.
    /// `.queue`: some node moved.
    var improved: Bool
  }

  static func run(
    _ g: CommunityLevelGraph, k: [Double], order: [Int32], community: inout [Int32], tot: inout [Double],
    resolution: Double, m2: Double, threshold: Double, schedule: Schedule, allowEmpty: Bool = false
  ) -> Outcome {
    let n = g.nodes
    precondition(
      g.offsets.count == n + 1 && g.offsets[n] == g.targets.count && g.targets.count == g.weights.count
        && k.count == n && order.count == n && community.count == n && tot.count == n,
      "level graph and state sizes agree")
    precondition(g.targets.allSatisfy { $0 >= 0 && Int($0) < n }, "targets are nodes of the level")
    precondition(community.allSatisfy { $0 >= 0 && Int($0) < n }, "community ids are below the node count")
    if n == 0 { return Outcome(moves: 0, improved: false) }

    // Scratch: weight from the current node to each community (−1: not yet
    // touched), the communities touched, and the queue with its membership flags.
    let neighbourWeight = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    neighbourWeight.initialize(repeating: -1)
    let touched = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
    touched.initialize(repeating: 0)
    // `allowEmpty`: community sizes and a stack of empty community ids.
    let size = UnsafeMutableBufferPointer<Int32>.allocate(capacity: allowEmpty ? n : 0)
    let empty = UnsafeMutableBufferPointer<Int32>.allocate(capacity: allowEmpty ? n : 0)
    var emptyCount = 0
    if allowEmpty {
      size.initialize(repeating: 0)
      for c in community { size[Int(c)] += 1 }
      for c in stride(from: n - 1, through: 0, by: -1) where size[c] == 0 {
        empty[emptyCount] = Int32(c)
        emptyCount += 1
      }
    }
    defer {
      neighbourWeight.deallocate()
      touched.deallocate()
      size.deallocate()
      empty.deallocate()
    }

    return g.withRows { off, tgt, wt in
      k.withUnsafeBufferPointer { k in
        community.withUnsafeMutableBufferPointer { comm in
          tot.withUnsafeMutableBufferPointer { tot in
            // Visits u; returns its new community and adds the Q gain (×2m) to `gain`.
            @inline(__always) func visit(_ u: Int, gain: inout Double) -> Int {
              let cu = Int(comm[u])
              var t = 0
              for e in off[u]..<off[u + 1] {
                let c = Int(comm[Int(tgt[e])])
                let w = neighbourWeight[c]
                if w < 0 {
                  neighbourWeight[c] = wt[e]
                  touched[t] = Int32(c)
                  t += 1
                } else {
                  neighbourWeight[c] = w + wt[e]
                }
              }
              let ku = k[u]
              tot[cu] -= ku
              let stayWeight = max(neighbourWeight[cu], 0)
              var best = cu
              var bestGain = stayWeight - resolution * ku * tot[cu] / m2
              for i in 0..<t {
                let c = Int(touched[i])
                let g = neighbourWeight[c] - resolution * ku * tot[c] / m2
                if g > bestGain + 1e-12 || (abs(g - bestGain) <= 1e-12 && c < best && best != cu) {
                  best = c
                  bestGain = g
                }
              }
              for i in 0..<t { neighbourWeight[Int(touched[i])] = -1 }
              if allowEmpty {
                // An empty community gains 0: better when every other choice loses.
                if bestGain < -1e-12 && size[cu] > 1 && emptyCount > 0 {
                  emptyCount -= 1
                  best = Int(empty[emptyCount])
                  bestGain = 0
                }
                if best != cu {
                  size[cu] -= 1
                  if size[cu] == 0 {
                    empty[emptyCount] = Int32(cu)
                    emptyCount += 1
                  }
                  size[best] += 1
                }
              }
              tot[best] += ku
              if best != cu {
                gain += bestGain - (stayWeight - resolution * ku * tot[cu] / m2)
                comm[u] = Int32(best)
              }
              return best
            }

            switch schedule {
            case .sweeps:
              var totalMoves = 0
              var improved = false
              while true {
                var moves = 0
                var gainSum = 0.0
                for u32 in order {
                  let u = Int(u32)
                  let before = comm[u]
                  if visit(u, gain: &gainSum) != Int(before) { moves += 1 }
                }
                totalMoves += moves
                if moves == 0 || gainSum * 2 / m2 < threshold { break }
                improved = true
              }
              return Outcome(moves: totalMoves, improved: improved)

            case .queue(let maxSweeps):
              let queue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
              let queued = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
              defer {
                queue.deallocate()
                queued.deallocate()
              }
              _ = queue.initialize(from: order)
              queued.initialize(repeating: true)
              // Ring buffer: each node is queued at most once, so n slots suffice.
              var head = 0
              var count = n
              var moves = 0
              var visits = 0
              var roundGain = 0.0
              let limit = max(1, maxSweeps) * n
              while count > 0 && visits < limit {
                let u = Int(queue[head])
                head += 1
                if head == n { head = 0 }
                count -= 1
                queued[u] = false
                let before = Int(comm[u])
                let after = visit(u, gain: &roundGain)
                if after != before {
                  moves += 1
                  for e in off[u]..<off[u + 1] {
                    let v = Int(tgt[e])
                    if !queued[v] && Int(comm[v]) != after {
                      queued[v] = true
                      var tail = head + count
                      if tail >= n { tail -= n }
                      queue[tail] = Int32(v)
                      count += 1
                    }
                  }
                }
                visits += 1
                if visits % n == 0 {
                  if roundGain * 2 / m2 < threshold { break }
                  roundGain = 0
                }
              }
              return Outcome(moves: moves, improved: moves > 0)
            }
          }
        }
      }
    }
  }
}
