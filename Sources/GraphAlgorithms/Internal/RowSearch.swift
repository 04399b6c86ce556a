/// Looking people up in a sorted contact row instead of reading it through.
///
/// The per-person measures (Burt's constraint, ego betweenness, brokerage
/// roles, introductions) intersect a person's contacts with a contact's row.
/// Reading the contact's row costs its degree — a hub's million contacts for
/// each of its leaves, quadratic in the hub's degree over the network. When a
/// row is much longer than the list to find in it, each entry of the list is
/// searched for instead (rows ascend by id, so the search resumes where the
/// last one ended). Both visit the common entries in ascending id order, so
/// sums come out bit for bit the same.
enum RowSearch {
  /// Search instead of scan when the row is longer than this many times the list.
  static let factor = 16

  /// Whether a row of `rowLength` entries should be searched for `wanted` entries.
  @inline(__always) static func searches(rowLength: Int, wanted: Int) -> Bool { rowLength > factor * wanted }

  /// The first position in `targets[lo..<hi]` (ascending) holding a value ≥ `x`.
  ///
  /// - Complexity: O(log(hi − lo)).
  @inline(__always)
  static func lowerBound(_ targets: UnsafeBufferPointer<Int32>, _ lo: Int, _ hi: Int, _ x: Int32) -> Int {
    var lo = lo
    var hi = hi
    while lo < hi {
      let mid = (lo &+ hi) >> 1
      if targets[mid] < x { lo = mid &+ 1 } else { hi = mid }
    }
    return lo
  }
}
