// libFuzzer entry point for the CSV tokenizer alone: every byte sequence,
// read from memory both raw and in text mode (encoding detection and
// transcoding), must tokenize into records with sane line numbers and columns
// or be refused with an ImportError — never crash or hang. Built and run by
// `scripts/fuzz/run csv`.
import GraphIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // Line ends in the input bound the line numbers (text mode can only add U+FFFD, not line ends).
  let lineEnds = bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
  for text in [false, true] {
    for delimiter in [nil, UInt8(ascii: ";")] {
      do {
        var csv = try CSVTokenizer(source: ByteSource(bytes: bytes, path: "fuzz.csv", text: text), delimiter: delimiter)
        var lastLine = 0
        var records = 0
        while let r = try csv.next() {
          records += 1
          if records > size + 1 { fatalError("more records than bytes: the tokenizer loops") }
          if r.line < lastLine || r.line < 1 || (!text && r.line > lineEnds + 1) {
            fatalError("record line \(r.line) after \(lastLine) (\(lineEnds) line ends)")
          }
          lastLine = r.line
          if r.count < 1 { fatalError("a record without fields") }
          for i in 0..<r.count {
            if r.column(i) < 1 { fatalError("column \(r.column(i)) < 1") }
            _ = r.string(i)
            _ = r.trimmed(i)
            _ = r.invalidUTF8Offset(i)
          }
          _ = r.isBlank
        }
      } catch let e {
        if e.line < 0 || e.column < 0 { fatalError("negative position in \(e)") }
      }
    }
  }
  return 0
}
