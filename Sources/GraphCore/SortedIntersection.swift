/// |a ∩ b| for two ascending sequences of ids, by merging.
///
/// The one implementation behind mutual-contact counts (reach, the
/// generator's triadic closure, …).
///
/// - Complexity: O(|a| + |b|) time, O(1) space.
@inlinable package func sortedIntersectionCount<A: RandomAccessCollection<Int32>, B: RandomAccessCollection<Int32>>(
  _ a: A, _ b: B
) -> Int where A.Index == Int, B.Index == Int {
  var i = a.startIndex
  var j = b.startIndex
  var count = 0
  while i < a.endIndex && j < b.endIndex {
    let x = a[i]
    let y = b[j]
    if x == y {
      count += 1
      i += 1
      j += 1
    } else if x < y {
      i += 1
    } else {
      j += 1
    }
  }
  return count
}
