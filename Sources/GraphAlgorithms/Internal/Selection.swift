/// The k-th smallest of a list without sorting all of it.
enum Selection {
  /// `values.sorted()[k]` (0-based), by Hoare's selection: the range that
  /// holds place k shrinks around a median-of-three pivot; a range that
  /// shrinks too slowly is sorted instead. Rearranges `values`; they must
  /// be totally ordered by `<` (no NaN).
  ///
  /// - Complexity: O(n) expected, O(n log n) at worst.
  static func kthSmallest(_ values: inout [Double], _ k: Int) -> Double {
    precondition(k >= 0 && k < values.count, "place \(k) of \(values.count)")
    var lo = 0
    var hi = values.count - 1
    var rounds = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
    while hi - lo > 16 && rounds > 0 {
      rounds -= 1
      let mid = lo + (hi - lo) / 2
      if values[mid] < values[lo] { values.swapAt(mid, lo) }
      if values[hi] < values[lo] { values.swapAt(hi, lo) }
      if values[hi] < values[mid] { values.swapAt(hi, mid) }
      let pivot = values[mid]
      var i = lo
      var j = hi
      while i <= j {
        while values[i] < pivot { i += 1 }
        while pivot < values[j] { j -= 1 }
        if i <= j {
          values.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      // values[lo...j] ≤ pivot ≤ values[i...hi]; between them, the pivot's equals.
      if k <= j {
        hi = j
      } else if k >= i {
        lo = i
      } else {
        return values[k]
      }
    }
    values[lo...hi].sort()
    return values[k]
  }
}
