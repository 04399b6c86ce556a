// The workspace's one-person path: open the database, load the network from its
// graph snapshot, answer one question.
//
//   cd Benchmarks && swift package benchmark --target WorkspaceBenchmarks
//
// The workspace is made once per size from the generated network (seed 42) in
// $LIAISON_BENCH_DIR (default /tmp/liaison-bench)/workspace-N/; its first load
// writes the snapshot, so every measured load reads it.
import Benchmark
import BenchmarkSupport
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// A workspace holding the generated network of `people`, its snapshot written.
func benchWorkspace(people: Int) -> String {
  let dir = "\(benchDirectory())/workspace-\(people)"
  let path = "\(dir)/workspace.sqlite"
  if access(path, R_OK) != 0 {
    let ties = tiesFile(people: people)
    let people = ties.replacingOccurrences(of: "ties.csv", with: "people.csv")
    mkdir(dir, 0o700)
    let workspace = try! Workspace.open(at: path, create: true)
    _ = try! workspace.importFiles([InputSpec(path: people), InputSpec(path: ties)], options: LoadOptions())
  }
  _ = try! Workspace.open(at: path, create: false).load(options: LoadOptions())
  return path
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10),
    maxIterations: 20)

  for (label, people) in [("100k ties", 10_000), ("1M ties", 100_000)] {
    Benchmark("Workspace open + snapshot load, \(label)") { benchmark, path in
      for _ in benchmark.scaledIterations {
        let (network, _) = try! Workspace.open(at: path, create: false).load(options: LoadOptions())
        blackHole(network.graph.tieCount)
      }
    } setup: {
      benchWorkspace(people: people)
    }

    Benchmark("Workspace open + snapshot load + one ego's reach, \(label)") { benchmark, path in
      for _ in benchmark.scaledIterations {
        let (network, _) = try! Workspace.open(at: path, create: false).load(options: LoadOptions())
        blackHole(network.graph.egoReach(42).secondDegree)
      }
    } setup: {
      benchWorkspace(people: people)
    }

    // The other one-person questions, as `path --to`, `introduce --ego` and
    // `path --to-company` ask them (3 hops, k = 3).
    Benchmark("Workspace open + snapshot load + paths to one person, \(label)") { benchmark, path in
      for _ in benchmark.scaledIterations {
        let (network, _) = try! Workspace.open(at: path, create: false).load(options: LoadOptions())
        blackHole(network.graph.strongestPaths(from: 42, to: [PersonID(people / 2)]).count)
      }
    } setup: {
      benchWorkspace(people: people)
    }

    Benchmark("Workspace open + snapshot load + one ego's introductions, \(label)") { benchmark, path in
      for _ in benchmark.scaledIterations {
        let (network, _) = try! Workspace.open(at: path, create: false).load(options: LoadOptions())
        blackHole(network.graph.introductionCandidates(for: 42).pairsConsidered)
      }
    } setup: {
      benchWorkspace(people: people)
    }

    Benchmark("Workspace open + snapshot load + paths to a company, \(label)") { benchmark, path in
      for _ in benchmark.scaledIterations {
        let (network, _) = try! Workspace.open(at: path, create: false).load(options: LoadOptions())
        let g = network.graph
        let company = g.people.company(of: PersonID(people / 3))
        guard case .found(let target) = g.people.resolveTarget(company, as: .company) else { fatalError(company) }
        blackHole(g.strongestPaths(from: 42, to: target.people).count)
      }
    } setup: {
      benchWorkspace(people: people)
    }
  }
}
