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

  /// Visits every entry of a sorted list `t[listStart..<listEnd]` (a person's
  /// own contacts) that also stands in the sorted row `t[rowStart..<rowEnd]`
  /// (a contact's contacts), in ascending id order, with its position in the
  /// row. A row much longer than the list (`searches`) is searched for each
  /// list entry; a shorter one is read through and each entry tested with
  /// `isListed` (the caller's marks of the list). `scanned` grows by the row
  /// entries read or searched for. The shared loop of Burt's measures, ego
  /// betweenness and the brokerage roles (Guides/Brokerage.md, "How it is computed").
  ///
  /// - Complexity: O(min(row length, list length · log row length)).
  @inline(__always)
  static func forEachShared(
    list listStart: Int, _ listEnd: Int, row rowStart: Int, _ rowEnd: Int, in t: UnsafeBufferPointer<Int32>,
    scanned: inout Int, isListed: (Int32) -> Bool, each body: (_ entry: Int32, _ rowPosition: Int) -> Void
  ) {
    if searches(rowLength: rowEnd - rowStart, wanted: listEnd - listStart) {
      var f = rowStart
      for p in listStart..<listEnd {
        let x = t[p]
        f = lowerBound(t, f, rowEnd, x)
        scanned &+= 1
        if f == rowEnd { break }
        if t[f] == x { body(x, f) }
      }
    } else {
      scanned &+= rowEnd - rowStart
      for f in rowStart..<rowEnd where isListed(t[f]) { body(t[f], f) }
    }
  }
}
