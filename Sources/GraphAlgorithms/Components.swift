@_spi(Internals) import GraphCore

/// Connected components of the network.
public struct ComponentSummary: Sendable, Codable, Equatable {
  /// Number of connected components (isolated people count as one each).
  public var count: Int
  /// Size of the largest component (people).
  public var largest: Int
  /// Number of people with no tie.
  public var isolated: Int
}

extension Graph {
  /// Labels each person with a component index 0 ..< count, numbered in
  /// order of each component's smallest person id.
  ///
  /// Breadth-first search over the CSR rows with one flat queue.
  ///
  /// - Complexity: O(V + E) time, O(V) extra space.
  public func componentLabels() -> (labels: [Int32], count: Int) {
    let n = personCount
    var label = [Int32](repeating: -1, count: n)
    var queue = [Int32](repeating: 0, count: n)
    var count: Int32 = 0
    withCSR { offsets, targets, _ in
      label.withUnsafeMutableBufferPointer { lab in
        queue.withUnsafeMutableBufferPointer { q in
          for s in 0..<n where lab[s] < 0 {
            lab[s] = count
            var head = 0
            var tail = 1
            q[0] = Int32(s)
            while head < tail {
              let u = Int(q[head])
              head += 1
              for p in Int(offsets[u])..<Int(offsets[u + 1]) {
                let v = Int(targets[p])
                if lab[v] < 0 {
                  lab[v] = count
                  q[tail] = Int32(v)
                  tail += 1
                }
              }
            }
            count += 1
          }
        }
      }
    }
    return (label, Int(count))
  }

  /// Count, largest size and isolated people of the connected components.
  /// - Complexity: O(V + E) time, O(V) extra space.
  public func components() -> ComponentSummary {
    let (labels, count) = componentLabels()
    var sizes = [Int](repeating: 0, count: count)
    for l in labels { sizes[Int(l)] += 1 }
    var isolated = 0
    for p in 0..<PersonID(personCount) where degree(of: p) == 0 { isolated += 1 }
    return ComponentSummary(count: count, largest: sizes.max() ?? 0, isolated: isolated)
  }
}
