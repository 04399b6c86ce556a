/// A streaming RFC 4180 tokenizer over bytes.
/// Written by hand, not taken from a CSV package: it is the loader's hot path (measured in
/// Benchmarks/NOTES.md, "Loading a 1 M-tie ties.csv" and "Loader: quote-free lines on a fast path").
///
/// Handles quoted fields holding delimiters, doubled quotes and line breaks;
/// LF, CRLF and lone CR line ends; a UTF-8 byte-order mark. Lenient where real
/// exports are sloppy: a quote inside an unquoted field is kept literally,
/// and text after a closing quote is appended to the field. A quoted field
/// still open at the end of the file is an error at the opening quote.
///
/// Reads its `ByteSource` in 1 MiB chunks; a record is copied (unescaped)
/// into one reused buffer, so there is no allocation per record and memory
/// is bounded by the longest record (capped at `maxRecordBytes`).
///
///     var csv = try CSVTokenizer(source: ByteSource(path: "ties.csv"))
///     while let record = try csv.next() { print(record.line, record.string(0)) }
///
/// - Complexity: O(bytes) time; O(longest record) memory.
package struct CSVTokenizer {
  package let source: ByteSource
  /// The field delimiter (`,`, `;` or TAB).
  package var delimiter: UInt8
  var buffer: [UInt8] = []
  var position = 0
  var atEOF = false
  var line = 1
  var lineStart = 0  // buffer index where the current line starts (for columns)
  /// The record returned by the last `next()` (its storage is reused).
  package let record = CSVRecord()
  package static let maxRecordBytes = 64 << 20
  static let chunk = 1 << 20

  /// Opens a tokenizer; skips a UTF-8 BOM. The delimiter is detected from the
  /// first line that is not a preamble when `delimiter` is nil.
  package init(source: ByteSource, delimiter: UInt8? = nil) throws(ImportError) {
    self.source = source
    self.delimiter = delimiter ?? UInt8(ascii: ",")
    try fill()
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
      position = 3
      lineStart = 3
    }
    if delimiter == nil { self.delimiter = detectDelimiter() }
  }

  /// The bytes at the start of the file (after a BOM), for format detection.
  package var head: ArraySlice<UInt8> { buffer[position..<min(buffer.count, position + 65536)] }

  /// Reads until the buffer holds at least one more chunk or the file ends.
  mutating func fill() throws(ImportError) {
    if atEOF { return }
    // Drop consumed bytes once they are at least a chunk.
    if position >= Self.chunk {
      buffer.removeFirst(position)
      lineStart -= position
      position = 0
    }
    // A record longer than a chunk is re-scanned after each read, so read as
    // much again as is pending: a long record costs O(its length), not O(length² / chunk).
    if try source.read(into: &buffer, count: Swift.max(Self.chunk, buffer.count - position)) == 0 { atEOF = true }
  }

  /// Picks the delimiter that occurs most (outside quotes) on the first
  /// line that has any of `,` `;` TAB; default `,`.
  func detectDelimiter() -> UInt8 {
    var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
    var inQuotes = false
    var i = position
    var sawCandidate = false
    while i < buffer.count {
      let b = buffer[i]
      if b == UInt8(ascii: "\"") { inQuotes.toggle() }
      if !inQuotes {
        if b == 0x0A || b == 0x0D {
          if sawCandidate { break }
        } else if counts[b] != nil {
          counts[b]! += 1
          sawCandidate = true
        }
      }
      i += 1
    }
    var best = UInt8(ascii: ",")
    for d in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] where counts[d]! > counts[best]! { best = d }
    return best
  }

  /// The next record, or `nil` at the end of the file. Blank lines are
  /// returned as records with one empty field (callers skip them).
  /// - Throws: `ImportError` for an unterminated quote or an over-long record.
  package mutating func next() throws(ImportError) -> CSVRecord? {
    try advance() ? record : nil
  }

  /// `next()` without handing out the record: true when `record` holds the
  /// next one. A loop over a million rows reads `record` in place, with no
  /// reference counting on it per row.
  package mutating func advance() throws(ImportError) -> Bool {
    while true {
      if position >= buffer.count {
        if atEOF { return false }
        try fill()
        continue
      }
      switch scan() {
      case .complete: return true
      case .needMore:
        if atEOF {
          // The file ended inside the record: finish it as it stands.
          if let open = record.storage.buffers.openQuote {
            throw ImportError(
              file: source.path, line: open.line, column: open.column,
              message: "quoted field is never closed (the file ends inside it)",
              hint: "add the closing \" or remove the stray quote")
          }
          return true
        }
        if buffer.count - position > Self.maxRecordBytes {
          throw ImportError(
            file: source.path, line: line, column: 1,
            message: "a single row is longer than \(Self.maxRecordBytes >> 20) MiB",
            hint: "check for an unterminated quote above this line")
        }
        try fill()
      }
    }
  }

  enum ScanResult { case complete, needMore }

  /// Parses one record starting at `position`. On `.needMore` nothing is
  /// consumed (the record is re-parsed after the buffer grows), except at
  /// end of file where the partial record stands.
  mutating func scan() -> ScanResult {
    let d = delimiter
    let quote = UInt8(ascii: "\"")
    let startLine = line
    var curLine = line
    var curLineStart = lineStart
    var rec = RecordBuffers()
    swap(&rec, &record.storage.buffers)
    rec.reset(line: startLine)
    let result: ScanResult = buffer.withUnsafeBufferPointer { buf in
      var i = position
      let n = buf.count
      if let next = Self.scanPlainLine(buf, from: i, delimiter: d, lineStart: curLineStart, atEOF: atEOF, into: &rec) {
        curLine += 1
        curLineStart = next
        position = next
        return .complete
      }
      var fieldStart = true
      var inQuotes = false
      rec.beginField(column: i - curLineStart + 1)
      while i < n {
        let b = buf[i]
        if inQuotes {
          if b == quote {
            if i + 1 >= n {
              if !atEOF { return .needMore }
              inQuotes = false
              rec.openQuote = nil
              i += 1
              continue
            }
            if buf[i + 1] == quote {
              rec.append(quote)
              i += 2
            } else {
              inQuotes = false
              rec.openQuote = nil
              i += 1
            }
            continue
          }
          if b == 0x0A || (b == 0x0D && !(i + 1 < n && buf[i + 1] == 0x0A)) {
            curLine += 1
            curLineStart = i + 1
          }
          rec.append(b)
          i += 1
          continue
        }
        if b == d {
          rec.endField()
          i += 1
          rec.beginField(column: i - curLineStart + 1)
          fieldStart = true
          continue
        }
        if b == 0x0A || b == 0x0D {
          if b == 0x0D {
            if i + 1 >= n && !atEOF { return .needMore }
            if i + 1 < n && buf[i + 1] == 0x0A { i += 1 }
          }
          i += 1
          rec.endField()
          curLine += 1
          curLineStart = i
          position = i
          return .complete
        }
        if b == quote && fieldStart {
          inQuotes = true
          rec.markQuoted()
          rec.openQuote = (curLine, i - curLineStart + 1)
          fieldStart = false
          i += 1
          continue
        }
        fieldStart = false
        // Copy the rest of an unquoted field in one go.
        let runStart = i
        i += 1
        while i < n {
          let c = buf[i]
          if c == d || c == 0x0A || c == 0x0D || c == quote { break }
          i += 1
        }
        rec.append(UnsafeBufferPointer(rebasing: buf[runStart..<i]))
      }
      if !atEOF { return .needMore }
      rec.endField()
      position = n
      return .needMore
    }
    swap(&rec, &record.storage.buffers)
    if result == .complete || atEOF {
      line = curLine
      lineStart = curLineStart
    }
    return result
  }
}

extension CSVTokenizer {
  /// The fast path for the common record: one line with no quote character,
  /// ended by LF, CRLF or a lone CR inside the buffer. Copies the fields
  /// without its delimiters over raw pointers; returns the index after
  /// the line end, or `nil` (nothing consumed) when the slow path must
  /// handle the record.
  @inline(__always)
  static func scanPlainLine(
    _ buf: UnsafeBufferPointer<UInt8>, from start: Int, delimiter d: UInt8, lineStart: Int, atEOF: Bool,
    into rec: inout RecordBuffers
  ) -> Int? {
    let n = buf.count
    guard let base = buf.baseAddress else { return nil }
    let j = ByteScan.first(base, from: start, to: n, 0x0A, 0x0D, UInt8(ascii: "\""))
    guard j < n, base[j] != UInt8(ascii: "\"") else { return nil }
    let end = j
    var next = j + 1
    if base[j] == 0x0D {
      if j + 1 >= n { if !atEOF { return nil } } else if base[j + 1] == 0x0A { next = j + 2 }
    }
    let count = end - start
    rec.reserve(count)
    // Room for as many fields as the records so far needed (at least 256),
    // not one per byte of the line: a 50 MB unquoted field must not reserve
    // 50 M field slots. A line with more fields goes to the slow path, which
    // grows the slots, so the next such line fits here.
    let slots = Swift.min(count + 1, Swift.max(rec.ends.count, 256))
    if rec.ends.count < slots {
      let grow = slots - rec.ends.count
      rec.ends.append(contentsOf: repeatElement(0, count: grow))
      rec.columns.append(contentsOf: repeatElement(0, count: grow))
      rec.quoted.append(contentsOf: repeatElement(false, count: grow))
    }
    let firstColumn = start - lineStart + 1
    var fields = 0
    var written = 0
    var fits = true
    rec.bytes.withUnsafeMutableBufferPointer { bytes in
      rec.ends.withUnsafeMutableBufferPointer { ends in
        rec.columns.withUnsafeMutableBufferPointer { columns in
          rec.quoted.withUnsafeMutableBufferPointer { quoted in
            // The fields' bytes without the delimiters, as the slow path stores them.
            let out = bytes.baseAddress!
            let src = base + start
            columns[0] = firstColumn
            quoted[0] = false
            var k = 0
            while true {
              let stop = ByteScan.first(src, from: k, to: count, d)
              (out + written).update(from: src + k, count: stop - k)
              written += stop - k
              if stop == count { break }
              if fields + 1 >= slots {
                fits = false
                return
              }
              ends[fields] = written
              fields += 1
              columns[fields] = firstColumn + stop + 1
              quoted[fields] = false
              k = stop + 1
            }
            ends[fields] = written
            fields += 1
          }
        }
      }
    }
    guard fits else { return nil }
    rec.byteCount = written
    rec.fieldCount = fields
    return next
  }
}

/// The buffers of one record, filled by the tokenizer as a local value (so
/// the hot loop has no dynamic exclusivity checks), then parked in
/// `CSVRecordStorage` until the next record.
struct RecordBuffers {
  var line = 0
  /// Arrays keep their size as capacity; the counts say how much is in use,
  /// so starting a record costs nothing.
  var bytes: [UInt8] = []
  var ends: [Int] = []
  var columns: [Int] = []
  var quoted: [Bool] = []
  var byteCount = 0
  var fieldCount = 0
  var openQuote: (line: Int, column: Int)?

  @inline(__always) mutating func reset(line: Int) {
    self.line = line
    byteCount = 0
    fieldCount = 0
    openQuote = nil
  }
  @inline(__always) mutating func beginField(column: Int) {
    if fieldCount >= ends.count {
      let grow = Swift.max(16, ends.count)
      ends.append(contentsOf: repeatElement(0, count: grow))
      columns.append(contentsOf: repeatElement(0, count: grow))
      quoted.append(contentsOf: repeatElement(false, count: grow))
    }
    columns[fieldCount] = column
    quoted[fieldCount] = false
  }
  @inline(__always) mutating func markQuoted() { quoted[fieldCount] = true }
  @inline(__always) mutating func endField() {
    ends[fieldCount] = byteCount
    fieldCount += 1
  }
  @inline(__always) mutating func reserve(_ extra: Int) {
    if byteCount + extra > bytes.count {
      bytes.append(contentsOf: repeatElement(0, count: Swift.max(byteCount + extra - bytes.count, bytes.count, 256)))
    }
  }
  @inline(__always) mutating func append(_ b: UInt8) {
    reserve(1)
    bytes[byteCount] = b
    byteCount += 1
  }
  @inline(__always) mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
    reserve(run.count)
    let at = byteCount
    bytes.withUnsafeMutableBufferPointer { dst in
      dst.baseAddress!.advanced(by: at).update(from: run.baseAddress!, count: run.count)
    }
    byteCount += run.count
  }
}

/// Where a record's buffers live between `next()` calls (a class, so handing
/// out a `CSVRecord` never copies them).
final class CSVRecordStorage {
  var buffers = RecordBuffers()
}

/// One record of a CSV file: the fields' unescaped bytes, their start
/// columns and whether they were quoted. Valid until the next `next()`.
package struct CSVRecord {
  let storage: CSVRecordStorage
  init() { storage = CSVRecordStorage() }
  /// Line of the record's first byte (1-based).
  package var line: Int { storage.buffers.line }
  /// Number of fields.
  package var count: Int { storage.buffers.fieldCount }
  /// Whether the record is a blank line.
  package var isBlank: Bool {
    storage.buffers.fieldCount == 1 && storage.buffers.ends[0] == 0 && !storage.buffers.quoted[0]
  }
  /// 1-based byte column where field `i` starts.
  package func column(_ i: Int) -> Int { storage.buffers.columns[i] }
  /// Whether field `i` was quoted.
  package func isQuoted(_ i: Int) -> Bool { storage.buffers.quoted[i] }

  @inline(__always) func range(_ i: Int) -> Range<Int> {
    let e = storage.buffers.ends
    return (i == 0 ? 0 : e[i - 1])..<e[i]
  }

  /// Calls `body` with field `i`'s bytes (valid only inside `body`).
  @inline(__always)
  package func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let r = range(i)
    return try storage.buffers.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
  }

  /// Calls `body` with every field at once (one buffer access for the whole
  /// record: the hot path of importers).
  @inline(__always)
  package func withFields<R>(_ body: (CSVFields) throws -> R) rethrows -> R {
    let fields = storage.buffers.fieldCount
    return try storage.buffers.bytes.withUnsafeBufferPointer { b in
      try storage.buffers.ends.withUnsafeBufferPointer { e in
        try body(CSVFields(bytes: b, ends: UnsafeBufferPointer(rebasing: e[0..<fields])))
      }
    }
  }

  /// Field `i` as a string, or `nil` when it is not valid UTF-8.
  package func string(_ i: Int) -> String? {
    withField(i) { ByteScan.text($0) }
  }

  /// Field `i` with surrounding whitespace removed, or `nil` when not valid UTF-8.
  package func trimmed(_ i: Int) -> String? {
    withField(i) { Self.trimmedText($0) }
  }

  /// A field's bytes without surrounding spaces and tabs, as text, or `nil`
  /// when not valid UTF-8 (`trimmed` on a field from `withFields`).
  @inline(__always)
  static func trimmedText(_ buf: UnsafeBufferPointer<UInt8>) -> String? {
    ByteScan.text(UnsafeBufferPointer(rebasing: buf[ByteScan.trimmedRange(buf)]))
  }

  /// Byte offset (0-based) of the first invalid UTF-8 sequence in field `i`, if any.
  package func invalidUTF8Offset(_ i: Int) -> Int? {
    withField(i) { buf -> Int? in
      var ascii = true
      for b in buf where b >= 0x80 {
        ascii = false
        break
      }
      if ascii { return nil }
      var it = buf.makeIterator()
      var decoder = UTF8()
      var offset = 0
      var consumed = 0
      while true {
        switch decoder.decode(&it) {
        case .scalarValue(let s):
          offset = consumed
          consumed += UTF8.width(s)
          _ = offset
        case .emptyInput: return nil
        case .error: return consumed
        }
      }
    }
  }
}

/// The fields of one record as byte buffers, valid inside `CSVRecord.withFields`.
package struct CSVFields {
  @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
  @usableFromInline let ends: UnsafeBufferPointer<Int>
  @inlinable init(bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) {
    self.bytes = bytes
    self.ends = ends
  }
  /// Number of fields.
  @inlinable package var count: Int { ends.count }
  /// The bytes of field `i`.
  @inlinable package subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
  }
}
