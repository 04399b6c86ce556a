import Testing

@testable import GraphIO

/// The import pipeline hands every item over once, in order, on one thread
/// or two, and stops both stages when the consumer stops.
@Suite struct PipelineTests {
  @Test(arguments: [false, true])
  func everyItemArrivesOnceInOrder(parallel: Bool) {
    var seen: [Int] = []
    // 10,007 items: several full batches of 64 and a partial one.
    Pipeline.run(
      batch: 64, depth: 2, parallel: parallel,
      produce: { emit in
        for i in 0..<10_007 where !emit(i) { return }
      },
      consume: { i in
        seen.append(i)
        return true
      })
    #expect(seen == Array(0..<10_007))
  }

  @Test(arguments: [false, true])
  func theConsumerStopsTheProducer(parallel: Bool) {
    var seen: [Int] = []
    var stoppedAt = -1
    Pipeline.run(
      batch: 16, depth: 2, parallel: parallel,
      produce: { emit in
        // Endless unless `emit` reports the stop: returning at all is the test.
        var i = 0
        while emit(i) { i += 1 }
        stoppedAt = i
      },
      consume: { i in
        seen.append(i)
        return i < 1_000
      })
    #expect(seen == Array(0...1_000))
    #expect(stoppedAt >= 1_000, "the producer made every item the consumer took")
  }

  @Test func anEmptyProducerEndsAtOnce() {
    var calls = 0
    Pipeline.run(
      parallel: true, produce: { (_: (Int) -> Bool) in },
      consume: { _ in
        calls += 1
        return true
      })
    #expect(calls == 0)
  }
}
