// libFuzzer entry point for the vCard parser: every byte sequence, read from
// memory both raw and in text mode, must yield cards and rejections whose
// lines lie inside the input, a terminating `next()`, and a bounded buffer —
// never a crash or a hang. Built and run by `scripts/fuzz/run vcard`.
import GraphIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let lineEnds = bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
  for text in [false, true] {
    do {
      var parser = try VCardParser(
        source: ByteSource(bytes: bytes, path: "fuzz.vcf", text: text, folded: text), file: "fuzz.vcf")
      var items = 0
      var cards = 0
      var lastLine = 0
      while let item = try parser.next() {
        items += 1
        if items > size + 1 { fatalError("more items than bytes: the parser loops") }
        var line = 0
        var notes: [VCardProblem] = []
        switch item {
        case .card(let record, let warnings):
          cards += 1
          line = record.line
          notes = warnings
          if record.isEmpty { fatalError("a card naming nobody was not rejected") }
        case .rejected(let l, let c, let reason):
          line = l
          if c < 1 || reason.isEmpty { fatalError("rejection at column \(c): \(reason)") }
        }
        if line < 1 || line < lastLine || (!text && line > lineEnds + 1) {
          fatalError("item at line \(line) after \(lastLine) (\(lineEnds) line ends)")
        }
        lastLine = line
        for w in notes where w.line < line || w.column < 1 || (!text && w.line > lineEnds + 1) {
          fatalError("warning outside its card: \(w)")
        }
      }
      if try parser.next() != nil { fatalError("next() after the end is not nil") }
      if parser.versions.values.reduce(0, +) < cards { fatalError("versions do not count every card") }
      if parser.peakBufferedBytes > VCardParser.maxCardBytes + (1 << 20) {
        fatalError("buffered \(parser.peakBufferedBytes) bytes")
      }
    } catch {
      // Only a failed read throws, and memory never fails.
      fatalError("unexpected error: \(error)")
    }
  }
  return 0
}
