// libFuzzer entry point for Liaison's network-file readers: the bytes are
// loaded as each of Pajek, UCINET DL, adjacency matrix, GraphML, GEXF and
// two-mode data, and as detected. Every byte sequence must either load with
// import counts that add up and valid graph invariants, or be refused with an
// ImportError — never crash. Built and run by scripts/fuzz/run networks.
// LIAISON_FUZZ_FORMAT=pajek (or dl, matrix, graphml, gexf, twomode, detect)
// fuzzes one reader alone, so each can be given its own time.
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

nonisolated(unsafe) let fuzzPath: String = {
  "/tmp/liaison-fuzz-networks-\(getpid()).txt"
}()

nonisolated(unsafe) let formats: [InputFormat?] = {
  let all: [InputFormat?] = [nil, .pajek, .dl, .matrix, .graphml, .gexf, .twomode]
  guard let name = getenv("LIAISON_FUZZ_FORMAT").map({ String(cString: $0) }) else { return all }
  return name == "detect" ? [nil] : [InputFormat(rawValue: name)]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  guard let f = fopen(fuzzPath, "wb") else { return 0 }
  fwrite(data, 1, size, f)
  fclose(f)
  for format in formats {
    do {
      let loaded = try NetworkLoader.load([InputSpec(path: fuzzPath, format: format)])
      for r in loaded.imports where !r.isConsistent { fatalError("import counts do not add up: \(r)") }
      try loaded.graph.checkInvariants()
    } catch is ImportError {
    } catch {
      fatalError("unexpected error: \(error)")
    }
  }
  return 0
}
