// Shared data for every benchmark target: generated networks, loaded once.
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

/// Where generated benchmark networks live: $LIAISON_BENCH_DIR, default /tmp/liaison-bench.
public func benchDirectory() -> String {
  if let d = getenv("LIAISON_BENCH_DIR") { return String(cString: d) }
  return "/tmp/liaison-bench"
}

/// The ties file of a generated network with `people` people (seed 42),
/// written by Liaison's generator on first use: 10,000 people ≈ 100 k ties,
/// 100,000 people ≈ 1 M ties.
public func tiesFile(people: Int) -> String {
  let dir = "\(benchDirectory())/people-\(people)"
  let ties = "\(dir)/ties.csv"
  if access(ties, R_OK) != 0 {
    mkdir(benchDirectory(), 0o755)
    _ = try! NetworkGenerator.generate(NetworkGeneratorOptions(people: people, seed: 42), into: dir)
  }
  return ties
}

/// Loads a ties file into a graph.
public func loadGraph(_ path: String) -> Graph {
  try! NetworkLoader.load([InputSpec(path: path)]).graph
}
