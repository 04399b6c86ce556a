import GraphCore
import Testing

@testable import GraphAlgorithms

/// The k-th smallest by selection against the sorted list: random values
/// with many repeats, sorted, reversed and constant lists, every place.
@Suite struct SelectionTests {
  @Test(arguments: 0..<UInt64(40))
  func everyPlaceEqualsTheSortedList(seed: UInt64) {
    var rng = SplitMix64(seed: seed &+ 31_000)
    let n = 1 + Int(rng.next() % 400)
    let distinct = 1 + rng.next() % 50
    let random = (0..<n).map { _ in Double(rng.next() % distinct) / 7 }
    for list in [random, random.sorted(), random.sorted().reversed(), [Double](repeating: 0.5, count: n)] {
      let sorted = list.sorted()
      for k in 0..<n {
        var work = list
        #expect(Selection.kthSmallest(&work, k) == sorted[k], "seed \(seed) n \(n) k \(k)")
      }
    }
  }
}
