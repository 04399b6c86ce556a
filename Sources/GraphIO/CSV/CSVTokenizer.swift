/// A streaming RFC 4180 tokenizer over bytes.
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
public struct CSVTokenizer {
  public let source: ByteSource
  /// The field delimiter (`,`, `;` or TAB).
  public var delimiter: UInt8
  var buffer: [UInt8] = []
  var position = 0
  var atEOF = false
  var line = 1
  var lineStart = 0  // buffer index where the current line starts (for columns)
  /// The record returned by the last `next()`.
  public private(set) var record = CSVRecord()
  public static let maxRecordBytes = 64 << 20
  static let chunk = 1 << 20

  /// Opens a tokenizer; skips a UTF-8 BOM. The delimiter is detected from the
  /// first line that is not a preamble when `delimiter` is nil.
  public init(source: ByteSource, delimiter: UInt8? = nil) throws(ImportError) {
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
  public var head: ArraySlice<UInt8> { buffer[position..<min(buffer.count, position + 65536)] }

  /// Reads until the buffer holds at least one more chunk or the file ends.
  mutating func fill() throws(ImportError) {
    if atEOF { return }
    // Drop consumed bytes once they are at least a chunk.
    if position >= Self.chunk {
      buffer.removeFirst(position)
      lineStart -= position
      position = 0
    }
    if try source.read(into: &buffer, count: Self.chunk) == 0 { atEOF = true }
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
  public mutating func next() throws(ImportError) -> CSVRecord? {
    while true {
      if position >= buffer.count {
        if atEOF { return nil }
        try fill()
        continue
      }
      switch scan() {
      case .complete: return record
      case .needMore:
        if atEOF {
          // The file ended inside the record: finish it as it stands.
          if let open = record.openQuote {
            throw ImportError(
              file: source.path, line: open.line, column: open.column,
              message: "quoted field is never closed (the file ends inside it)",
              hint: "add the closing \" or remove the stray quote")
          }
          return record
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
    // Move the record out so its buffers are uniquely referenced (no copy-on-write).
    var rec = CSVRecord()
    swap(&rec, &record)
    rec.reset(line: startLine)
    let result: ScanResult = buffer.withUnsafeBufferPointer { buf in
      var i = position
      let n = buf.count
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
              rec.bytes.append(quote)
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
          rec.bytes.append(b)
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
          rec.quoted[rec.quoted.count - 1] = true
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
        rec.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
      }
      if !atEOF { return .needMore }
      rec.endField()
      position = n
      return .needMore
    }
    record = rec
    if result == .complete || atEOF {
      line = curLine
      lineStart = curLineStart
    }
    return result
  }
}

/// One record of a CSV file: the fields' unescaped bytes, their start
/// columns and whether they were quoted. Valid until the next `next()`.
public struct CSVRecord {
  /// Line of the record's first byte (1-based).
  public internal(set) var line = 0
  var bytes: [UInt8] = []
  var ends: [Int] = []
  var columns: [Int] = []
  var quoted: [Bool] = []
  var openQuote: (line: Int, column: Int)?

  mutating func reset(line: Int) {
    self.line = line
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    columns.removeAll(keepingCapacity: true)
    quoted.removeAll(keepingCapacity: true)
    openQuote = nil
  }
  @inline(__always) mutating func beginField(column: Int) {
    columns.append(column)
    quoted.append(false)
  }
  @inline(__always) mutating func endField() { ends.append(bytes.count) }

  /// Number of fields.
  public var count: Int { ends.count }
  /// Whether the record is a blank line.
  public var isBlank: Bool { ends.count == 1 && ends[0] == 0 && !quoted[0] }
  /// 1-based byte column where field `i` starts.
  public func column(_ i: Int) -> Int { columns[i] }
  /// Whether field `i` was quoted.
  public func isQuoted(_ i: Int) -> Bool { quoted[i] }

  @inline(__always) func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

  /// Calls `body` with field `i`'s bytes (valid only inside `body`).
  @inline(__always)
  public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let r = range(i)
    return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
  }

  /// Field `i` as a string, or `nil` when it is not valid UTF-8.
  public func string(_ i: Int) -> String? {
    withField(i) { String(validating: $0, as: UTF8.self) }
  }

  /// Field `i` with surrounding whitespace removed, or `nil` when not valid UTF-8.
  public func trimmed(_ i: Int) -> String? {
    withField(i) { buf -> String? in
      var lo = 0
      var hi = buf.count
      while lo < hi && (buf[lo] == 0x20 || buf[lo] == 0x09) { lo += 1 }
      while hi > lo && (buf[hi - 1] == 0x20 || buf[hi - 1] == 0x09) { hi -= 1 }
      return String(validating: UnsafeBufferPointer(rebasing: buf[lo..<hi]), as: UTF8.self)
    }
  }

  /// Byte offset (0-based) of the first invalid UTF-8 sequence in field `i`, if any.
  public func invalidUTF8Offset(_ i: Int) -> Int? {
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
