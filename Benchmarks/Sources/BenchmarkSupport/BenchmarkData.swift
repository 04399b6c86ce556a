// Shared data for every benchmark target: generated networks, loaded once.
import GraphCore
import GraphIO
import GraphSynthesis

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

/// A LinkedIn `Connections.csv` of `rows` contacts (with LinkedIn's preamble),
/// written once by Liaison's generator (seed 42); `liaison generate --people
/// N+1 --ties-per-person 1 --exports 1 --export-size N` makes the same file.
public func linkedInExport(rows: Int) -> String {
  let dir = "\(benchDirectory())/linkedin-\(rows)"
  let list = "\(dir)/export-path"
  if let f = fopen(list, "r") {
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 4096)
    if fgets(&line, 4096, f) != nil {
      let path = String(decoding: line.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if access(path, R_OK) == 0 { return path }
    }
  }
  mkdir(benchDirectory(), 0o755)
  var options = NetworkGeneratorOptions(people: rows + 1, seed: 42)
  options.tiesPerPerson = 1
  options.exports = 1
  options.exportSize = rows
  let path = try! NetworkGenerator.generate(options, into: dir).exportFiles[0]
  if let f = fopen(list, "w") {
    fputs(path + "\n", f)
    fclose(f)
  }
  return path
}
