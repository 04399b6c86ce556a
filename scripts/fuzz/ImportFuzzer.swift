// libFuzzer entry point for Liaison's importers (tables, edge lists, and
// contact CSVs through the two-thread import pipeline): every byte sequence must
// either load with consistent import counts and valid CSR invariants, or be
// refused with an ImportError — never crash. Built and run by scripts/fuzz/run.
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

nonisolated(unsafe) let fuzzPath: String = {
  "/tmp/liaison-fuzz-\(getpid()).csv"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  guard let f = fopen(fuzzPath, "wb") else { return 0 }
  fwrite(data, 1, size, f)
  fclose(f)
  for format in [nil, InputFormat.ties, .people, .edges, .linkedin, .contacts] {
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
