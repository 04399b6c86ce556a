// Link prediction and introductions on generated networks.
//
//   cd Benchmarks && swift package benchmark --target LinkPredictionBenchmarks
//
// Networks: Liaison's generator (seed 42) in $LIAISON_BENCH_DIR (default
// /tmp/liaison-bench), 10,000 people ≈ 100 k ties and 100,000 people ≈ 1 M
// ties, generated on first use (the same files as GraphCoreBenchmarks).
// "Top-10 Adamic–Adar per person" is the peer benchmark's workload W5.
import Benchmark
import BenchmarkSupport
import GraphAlgorithms
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

/// The person with the most contacts (a hard ego for introductions).
func busiest(_ g: Graph) -> PersonID {
  var best: PersonID = 0
  for p in 0..<PersonID(g.personCount) where g.degree(of: p) > g.degree(of: best) { best = p }
  return best
}

struct PairInput {
  var graph: Graph
  var pairs: [(PersonID, PersonID)]
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10),
    maxIterations: 20)

  for (label, people) in [("100k ties", 10_000), ("1M ties", 100_000)] {
    for threads in [1, 2] {
      Benchmark("Top-10 Adamic–Adar per person (W5), \(threads) thread\(threads == 1 ? "" : "s"), \(label)") {
        benchmark, g in
        for _ in benchmark.scaledIterations { blackHole(g.topLinkPredictions(k: 10, threads: threads).pairsScored) }
      } setup: {
        loadGraph(tiesFile(people: people))
      }
    }

    Benchmark("Introductions for the busiest person, \(label)") { benchmark, g in
      let ego = busiest(g)
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        blackHole(
          g.introductionCandidates(for: ego, options: IntroductionOptions(top: 20, threads: 2)).candidates.count)
      }
    } setup: {
      loadGraph(tiesFile(people: people))
    }

    Benchmark("Pairwise indices, 100,000 random pairs, \(label)") { (benchmark: Benchmark, input: PairInput) in
      for _ in benchmark.scaledIterations { blackHole(input.graph.linkScores(pairs: input.pairs, threads: 1).count) }
    } setup: {
      let g = loadGraph(tiesFile(people: people))
      var state: UInt64 = 12345
      var pairs: [(PersonID, PersonID)] = []
      for _ in 0..<100_000 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let a = PersonID(truncatingIfNeeded: (state >> 33) % UInt64(g.personCount))
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let b = PersonID(truncatingIfNeeded: (state >> 33) % UInt64(g.personCount))
        pairs.append((a, b))
      }
      return PairInput(graph: g, pairs: pairs)
    }
  }
}
