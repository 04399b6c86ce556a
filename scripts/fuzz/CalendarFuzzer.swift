// libFuzzer entry point for the iCalendar reader: every byte sequence, read
// as `.ics` and as detected through the import pipeline, must load with
// consistent import counts and valid CSR invariants or be refused with an
// ImportError; read directly, its events must lie inside the file and each
// event's recurrence must expand (bounded by `Recurrence.limit`) to sorted
// days up to the reference day, and its `RRULE` value, parsed alone, must
// return — never a crash or a hang. Built and run by `scripts/fuzz/run ics`
// (internal parsers: the library is built with testing enabled).
import GraphCore
@testable import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

nonisolated(unsafe) let fuzzPath: String = {
  "/tmp/liaison-fuzz-cal-\(getpid()).ics"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let f = fopen(fuzzPath, "wb") else { return 0 }
  fwrite(data, 1, size, f)
  fclose(f)
  var options = LoadOptions()
  options.referenceDate = Day(year: 2026, month: 1, day: 1)
  for format in [nil, InputFormat.ics] {
    do {
      let loaded = try NetworkLoader.load([InputSpec(path: fuzzPath, format: format)], options: options)
      for r in loaded.imports where !r.isConsistent { fatalError("import counts do not add up: \(r)") }
      try loaded.graph.checkInvariants()
    } catch is ImportError {
    } catch {
      fatalError("unexpected error: \(error)")
    }
  }
  let lineEnds = bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
  do {
    let calendar = try ICalendarReader(source: ByteSource(bytes: bytes, path: "fuzz.ics"))
    let through = Day(year: 2026, month: 1, day: 1)!
    for e in calendar.events {
      if e.line < 1 || e.line > lineEnds + 1 { fatalError("event at line \(e.line) of \(lineEnds + 1)") }
      let (days, _) = Recurrence.occurrences(e, through: through)
      if days.count > Recurrence.limit + e.rdates.count + 1 { fatalError("\(days.count) days: the rule is not bounded") }
      for i in days.indices.dropFirst() where days[i - 1] >= days[i] { fatalError("days out of order") }
      if let last = days.last, last > through { fatalError("a day after the reference day") }
      if let text = e.rrule { _ = Recurrence.rule(text) }
    }
    for p in calendar.problems where p.line < 1 || p.line > lineEnds + 1 {
      fatalError("problem at line \(p.line) of \(lineEnds + 1): \(p)")
    }
  } catch {
    fatalError("unexpected error: \(error)")
  }
  return 0
}
