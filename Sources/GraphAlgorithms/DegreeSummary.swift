import GraphCore

/// Degree distribution summary.
public struct DegreeSummary: Sendable, Codable, Equatable {
  public var mean: Double
  public var median: Int
  public var max: Int
  /// Density 2m / (n (n − 1)); 0 for fewer than two people.
  public var density: Double
}

extension Graph {
  /// Mean, median and maximum number of contacts, and density.
  /// - Complexity: O(V) time (counting by degree), O(max degree) extra space.
  public func degreeSummary() -> DegreeSummary {
    let n = personCount
    guard n > 0 else { return DegreeSummary(mean: 0, median: 0, max: 0, density: 0) }
    var maxDegree = 0
    for p in 0..<PersonID(n) { maxDegree = Swift.max(maxDegree, degree(of: p)) }
    var histogram = [Int](repeating: 0, count: maxDegree + 1)
    for p in 0..<PersonID(n) { histogram[degree(of: p)] += 1 }
    var seen = 0
    var median = 0
    for (d, c) in histogram.enumerated() {
      seen += c
      if seen * 2 >= n {
        median = d
        break
      }
    }
    let m = Double(tieCount)
    let density = n > 1 ? 2 * m / (Double(n) * Double(n - 1)) : 0
    return DegreeSummary(mean: 2 * m / Double(n), median: median, max: maxDegree, density: density)
  }
}
