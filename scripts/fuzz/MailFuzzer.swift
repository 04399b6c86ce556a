// libFuzzer entry point for the mail readers: every byte sequence, read as an
// mbox, as one `.eml` message and as detected through the import pipeline,
// must load with consistent import counts and valid CSR invariants or be
// refused with an ImportError; read directly, the header reader must give
// messages in line order and a terminating `next()`; and the RFC 5322
// address-list, RFC 2047 encoded-word and `Date:` parsers, given the bytes as
// one header value, must return — never a crash or a hang. Built and run by
// `scripts/fuzz/run mbox` (internal parsers: the library is built with testing enabled).
import GraphCore
@testable import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

nonisolated(unsafe) let fuzzPath: String = {
  "/tmp/liaison-fuzz-mail-\(getpid()).mbox"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let f = fopen(fuzzPath, "wb") else { return 0 }
  fwrite(data, 1, size, f)
  fclose(f)
  for format in [nil, InputFormat.mbox, .eml] {
    do {
      let loaded = try NetworkLoader.load([InputSpec(path: fuzzPath, format: format)])
      for r in loaded.imports where !r.isConsistent { fatalError("import counts do not add up: \(r)") }
      try loaded.graph.checkInvariants()
    } catch is ImportError {
    } catch {
      fatalError("unexpected error: \(error)")
    }
  }
  let lineEnds = bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
  for mbox in [true, false] {
    do {
      var reader = try MailboxReader(source: ByteSource(bytes: bytes, path: "fuzz.mbox"), mbox: mbox)
      var messages = 0
      var lastLine = 0
      while let m = try reader.next() {
        messages += 1
        if messages > lineEnds + 1 { fatalError("more messages than lines: the reader loops") }
        if m.line < lastLine || m.line > lineEnds + 2 { fatalError("message at line \(m.line) after \(lastLine)") }
        lastLine = m.line
        if !mbox && messages > 1 { fatalError("an .eml file gave two messages") }
      }
      if try reader.next() != nil { fatalError("next() after the end is not nil") }
    } catch {
      fatalError("unexpected error: \(error)")
    }
  }
  // The parsers of one header value, directly.
  let value = EncodedWords.headerText(Array(bytes.prefix(1 << 16)))
  var undecoded = 0
  let addresses = MailAddresses.parse(value, undecoded: &undecoded)
  if addresses.count > value.unicodeScalars.count { fatalError("more addresses than characters") }
  for a in addresses where !a.address.contains("@") { fatalError("an address without @: \(a)") }
  var undecodedWords = 0
  _ = EncodedWords.decode(value, undecoded: &undecodedWords)
  _ = MailDate.parse(value)
  _ = MailboxReader.messageIDs(value)
  return 0
}
