// libFuzzer entry point for the people and ties tables and edge lists
// (TableImporter, EdgeListImporter) with their encodings: every byte sequence,
// read as people, ties and edges (and detected), must load with consistent
// import counts and valid CSR invariants or be refused with an ImportError —
// never crash. And the encodings must not change the result: a valid UTF-8
// input written as UTF-16 LE or BE (with a byte-order mark) loads exactly as
// the UTF-8 does, and an input read as windows-1252 loads exactly as its
// UTF-8 transcoding does. Built and run by `scripts/fuzz/run tables`.
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

let fuzzPath: String = {
  "/tmp/liaison-fuzz-tables-\(getpid()).csv"
}()

func write(_ bytes: [UInt8]) {
  guard let f = fopen(fuzzPath, "wb") else { fatalError("cannot write \(fuzzPath)") }
  _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
  fclose(f)
}

/// Everything a load produced (people, ties, counts, row errors), or the error it threw.
func outcome(_ format: InputFormat?) -> [String] {
  do {
    let loaded = try NetworkLoader.load([InputSpec(path: fuzzPath, format: format)])
    for r in loaded.imports where !r.isConsistent { fatalError("import counts do not add up: \(r)") }
    try loaded.graph.checkInvariants()
    let g = loaded.graph
    var out: [String] = []
    for p in 0..<g.personCount {
      let id = PersonID(p)
      out.append(
        [
          g.people.id(of: id), g.people.name(of: id), g.people.emails(of: id).joined(separator: ";"),
          g.people.company(of: id), g.people.title(of: id), g.people.location(of: id),
          g.people.tags(of: id).joined(separator: ";"),
        ].joined(separator: "|"))
    }
    for (a, b, s) in g.tieList() { out.append("\(a) \(b) \(s)") }
    for r in loaded.imports {
      out.append("\(r.format) \(r.rowsRead) \(r.imported) \(r.merged) \(r.rejected) \(r.selfTies) \(r.peopleAdded)")
      for e in r.errors + (r.warnings ?? []) { out.append("\(e.line):\(e.column): \(e.message)") }
    }
    return out
  } catch let e as ImportError {
    return ["error \(e)"]
  } catch {
    fatalError("unexpected error: \(error)")
  }
}

/// `bytes` as a text source would hand them out: its encoding and UTF-8.
func decoded(_ bytes: [UInt8]) -> (TextEncoding, [UInt8]) {
  let source = ByteSource(bytes: bytes, path: "fuzz", text: true)
  var out: [UInt8] = []
  while (try? source.read(into: &out, count: 1 << 16)) ?? 0 > 0 {}
  return (source.encoding, out)
}

func utf16(_ utf8: [UInt8], littleEndian: Bool) -> [UInt8] {
  var out: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
  for u in String(decoding: utf8, as: UTF8.self).utf16 {
    out += littleEndian ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)]
  }
  return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let formats: [InputFormat] = [.people, .ties, .edges]
  write(bytes)
  _ = outcome(nil)
  let original = formats.map { outcome($0) }
  // The differential checks need text without NUL bytes (those make a UTF-8
  // file look like UTF-16 without a byte-order mark).
  guard !bytes.contains(0) else { return 0 }
  let (encoding, text) = decoded(bytes)
  switch encoding {
  case .utf8:
    for littleEndian in [true, false] {
      write(utf16(bytes, littleEndian: littleEndian))
      for (i, format) in formats.enumerated() where outcome(format) != original[i] {
        fatalError("UTF-16 \(littleEndian ? "LE" : "BE") loads differently from UTF-8 as \(format)")
      }
    }
  case .windows1252:
    write(text)
    for (i, format) in formats.enumerated() where outcome(format) != original[i] {
      fatalError("windows-1252 loads differently from its UTF-8 transcoding as \(format)")
    }
  default:
    break
  }
  return 0
}
