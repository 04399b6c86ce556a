extension Array {
  /// Room for at least `minimumCapacity` elements, growing geometrically:
  /// `reserveCapacity` allocates exactly what it is asked for, so calling it
  /// once per file with "count + this file's rows" copies the whole array
  /// every time (quadratic over many files). The first reservation is exact.
  /// - Complexity: amortised O(1) per element over repeated calls.
  @inlinable package mutating func reserveGrowing(_ minimumCapacity: Int) {
    guard capacity < minimumCapacity else { return }
    reserveCapacity(Swift.max(minimumCapacity, 2 * capacity))
  }
}
