// Graph construction and neighbour iteration on generated networks.
//
//   cd Benchmarks && swift package benchmark
//
// The networks are written by Liaison's own generator (seed 42) into
// $LIAISON_BENCH_DIR (default /tmp/liaison-bench) on first use:
// 10,000 people ≈ 100 k ties and 100,000 people ≈ 1 M ties; and a LinkedIn
// export of 100,000 rows for the contact import.
import Benchmark
import BenchmarkSupport
import GraphAlgorithms
@_spi(Internals) import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10),
    maxIterations: 20)

  // Issue 3's import: rows tokenised and normalised on a worker thread,
  // merged into people on the calling one (GraphIO's Pipeline).
  Benchmark("Import LinkedIn Connections.csv, 100,000 rows, no inference") { benchmark in
    let path = linkedInExport(rows: 100_000)
    var options = LoadOptions()
    options.contacts.infer = false
    benchmark.startMeasurement()
    let loaded = try! NetworkLoader.load([InputSpec(path: path)], options: options)
    blackHole(loaded.graph.personCount)
  }

  for (label, people) in [("100k ties", 10_000), ("1M ties", 100_000)] {
    Benchmark("Load ties.csv → Graph, \(label)") { benchmark in
      let path = tiesFile(people: people)
      benchmark.startMeasurement()
      let g = loadGraph(path)
      blackHole(g.tieCount)
    }

    Benchmark("Build CSR from tie rows (no parsing), \(label)") { benchmark, rows in
      benchmark.startMeasurement()
      var b = GraphBuilder(expectedPeople: people, expectedTies: rows.count)
      for (u, v, s) in rows {
        try? b.addTie(b.person(integerKey: Int64(u)), b.person(integerKey: Int64(v)), strength: s)
      }
      let (g, _) = try b.build()
      blackHole(g.tieCount)
    } setup: {
      loadGraph(tiesFile(people: people)).tieList()
    }

    Benchmark("Neighbour iteration (sum of strengths), \(label)") { benchmark, g in
      for _ in benchmark.scaledIterations {
        var total: Float = 0
        for p in 0..<PersonID(g.personCount) {
          for s in g.strengths(of: p) { total += s }
        }
        blackHole(total)
      }
    } setup: {
      loadGraph(tiesFile(people: people))
    }

    for threads in [1, 2] {
      Benchmark("Two-hop reach for everyone, \(threads) thread\(threads == 1 ? "" : "s"), \(label)") { benchmark, g in
        for _ in benchmark.scaledIterations { blackHole(g.twoHopReach(threads: threads).secondDegree.count) }
      } setup: {
        loadGraph(tiesFile(people: people))
      }
    }

    Benchmark("Neighbour iteration through withCSR, \(label)") { benchmark, g in
      for _ in benchmark.scaledIterations {
        let total = g.withCSR { offsets, targets, _ -> Int in
          var t = 0
          for p in 0..<g.personCount {
            for k in Int(offsets[p])..<Int(offsets[p + 1]) { t &+= Int(targets[k]) }
          }
          return t
        }
        blackHole(total)
      }
    } setup: {
      loadGraph(tiesFile(people: people))
    }
  }
}
