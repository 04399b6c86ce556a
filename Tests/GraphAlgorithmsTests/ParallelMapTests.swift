import Testing

@testable import GraphAlgorithms

@Suite struct ParallelMapTests {
  /// Seeded uneven work: every thread count gives the results in index order.
  @Test(arguments: [1, 2, 3, 8])
  func resultsComeBackInIndexOrder(threads: Int) {
    let count = 1_000
    let out = Parallel.map(
      count: count, threads: threads, chunk: 7, makeScratch: { [Int]() },
      transform: { i, scratch in
        scratch.append(i)  // per-worker scratch, never shared
        var x = UInt64(i) &* 0x9E37_79B9_7F4A_7C15
        for _ in 0..<(i % 50) { x = x &* 6_364_136_223_846_793_005 &+ 1 }
        return (i, x)
      })
    #expect(out.map(\.0) == Array(0..<count))
    let serial = Parallel.map(
      count: count, threads: 1,
      transform: { i -> UInt64 in
        var x = UInt64(i) &* 0x9E37_79B9_7F4A_7C15
        for _ in 0..<(i % 50) { x = x &* 6_364_136_223_846_793_005 &+ 1 }
        return x
      })
    #expect(out.map(\.1) == serial)
    #expect(Parallel.map(count: 0, threads: threads, transform: { $0 }).isEmpty)
  }
}
