/// A binary min-heap of (cost, person) pairs for Dijkstra with lazy
/// deletion: a person may be pushed again with a smaller cost and the stale
/// entry is skipped when popped (callers compare the popped cost with their
/// distance array). Ordered by cost, then person id, so pops are
/// deterministic. Storage is reused across queries (`removeAll` keeps it).
/// Hand-written for 16-byte entries and reuse (Benchmarks/NOTES.md, "Broker paths, brokerage and introductions").
///
/// - Complexity: O(log h) per push and pop for h entries; 16 bytes per entry.
package struct CostHeap {
  @usableFromInline var keys: [Int64] = []
  @usableFromInline var values: [Int32] = []

  package init(capacity: Int = 0) {
    keys.reserveCapacity(capacity)
    values.reserveCapacity(capacity)
  }

  @inlinable package var isEmpty: Bool { keys.isEmpty }
  @inlinable package var count: Int { keys.count }

  @inlinable package mutating func removeAll() {
    keys.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
  }

  @inlinable static func less(_ k1: Int64, _ v1: Int32, _ k2: Int64, _ v2: Int32) -> Bool {
    k1 < k2 || (k1 == k2 && v1 < v2)
  }

  @inlinable package mutating func push(_ key: Int64, _ value: Int32) {
    keys.append(key)
    values.append(value)
    var i = keys.count - 1
    keys.withUnsafeMutableBufferPointer { k in
      values.withUnsafeMutableBufferPointer { v in
        while i > 0 {
          let parent = (i - 1) >> 1
          if !CostHeap.less(key, value, k[parent], v[parent]) { break }
          k[i] = k[parent]
          v[i] = v[parent]
          i = parent
        }
        k[i] = key
        v[i] = value
      }
    }
  }

  /// Removes and returns the smallest entry. The heap must not be empty.
  @inlinable package mutating func pop() -> (key: Int64, value: Int32) {
    let top = (keys[0], values[0])
    let lastKey = keys.removeLast()
    let lastValue = values.removeLast()
    let n = keys.count
    if n > 0 {
      keys.withUnsafeMutableBufferPointer { k in
        values.withUnsafeMutableBufferPointer { v in
          var i = 0
          while true {
            let l = 2 * i + 1
            if l >= n { break }
            var c = l
            if l + 1 < n && CostHeap.less(k[l + 1], v[l + 1], k[l], v[l]) { c = l + 1 }
            if !CostHeap.less(k[c], v[c], lastKey, lastValue) { break }
            k[i] = k[c]
            v[i] = v[c]
            i = c
          }
          k[i] = lastKey
          v[i] = lastValue
        }
      }
    }
    return top
  }
}

/// The cost of a tie for strongest-chain and weighted shortest-path
/// questions: −ln(strength), quantised to integer micro-units,
/// max(1, ⌊−ln s · 10⁶ + ½⌋).
///
/// This is Liaison's float-tie policy (Guides/BrokerPaths.md): path costs
/// are sums of integers, so they are exact and associative, equal-cost paths
/// are recognised exactly whatever the summation order, and results do not
/// depend on the order of threads. Two chains whose products of strengths
/// differ by less than about one part in a million per hop may compare equal
/// or either way. The floor of 1 unit is the clamp s ≤ 1 − 10⁻⁶ of §3.6: no
/// zero-cost ties.
package enum TieCost {
  /// Units per neper: costs are −ln s × `scale`, rounded.
  package static let scale = 1_000_000.0

  /// The quantised cost of a tie of strength `s` in (0, 1].
  @inlinable package static func quantised(_ s: Float) -> Int64 {
    let x = -_logDouble(Double(s)) * scale + 0.5
    return max(1, Int64(x.rounded(.down)))
  }
}

#if canImport(Glibc)
  import Glibc
  @usableFromInline @inline(__always) func _logDouble(_ x: Double) -> Double { Glibc.log(x) }
#else
  import Foundation
  @usableFromInline @inline(__always) func _logDouble(_ x: Double) -> Double { Foundation.log(x) }
#endif
