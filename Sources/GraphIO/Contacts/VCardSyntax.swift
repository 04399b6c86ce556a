import GraphCore

// The syntax layer of the vCard reader: content lines (unfolding, quoted-
// printable soft line breaks, streaming past binary values), property
// names and parameters, and value decoding (quoted-printable, charsets,
// version-dependent backslash escapes). `VCardParser` builds cards on top.

// MARK: Content lines

/// A property's name and parameters, as written before the first unquoted `:`.
struct VCardHeader {
  /// The property name in upper case, group prefix (`item1.`) removed.
  var name = ""
  /// Parameters in file order. A 2.1 bare parameter (`TEL;WORK;VOICE`) is
  /// filed under `TYPE`, or under `ENCODING` for `QUOTED-PRINTABLE`,
  /// `BASE64`, `8BIT` and `7BIT`.
  var parameters: [VCardParameter] = []

  /// Every value of parameter `name` (upper case), in order.
  func values(_ name: String) -> [String] {
    var out: [String] = []
    for p in parameters where p.name == name { out += p.values }
    return out
  }

  /// Whether `TYPE` lists `type` (case-insensitive).
  func hasType(_ type: String) -> Bool {
    values("TYPE").contains { $0.uppercased() == type }
  }

  /// `ENCODING=QUOTED-PRINTABLE` or a bare `QUOTED-PRINTABLE`.
  var isQuotedPrintable: Bool { values("ENCODING").contains { $0.uppercased() == "QUOTED-PRINTABLE" } }

  /// `ENCODING=b` (3.0) or `ENCODING=BASE64` (2.1).
  var isBase64: Bool {
    values("ENCODING").contains {
      let v = $0.uppercased()
      return v == "B" || v == "BASE64"
    }
  }

  /// Parses `group.NAME;param=value;BARE;param="quoted,list"`.
  /// - Complexity: O(header bytes).
  init(_ bytes: ArraySlice<UInt8>) {
    var parts: [ArraySlice<UInt8>] = []
    var start = bytes.startIndex
    var inQuote = false
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        inQuote.toggle()
      } else if b == UInt8(ascii: ";") && !inQuote {
        parts.append(bytes[start..<i])
        start = i + 1
      }
      i += 1
    }
    parts.append(bytes[start..<bytes.endIndex])
    var name = VCardHeader.asciiString(parts[0]).uppercased()
    // A UTF-8 byte-order mark in front of a concatenated file's BEGIN.
    if name.hasPrefix("\u{FEFF}") { name.removeFirst() }
    name = String(name.drop { $0 == " " || $0 == "\t" })
    if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }
    self.name = name
    for part in parts.dropFirst() {
      guard let eq = part.firstIndex(of: UInt8(ascii: "=")) else {
        let bare = VCardHeader.asciiString(part).uppercased()
        if bare.isEmpty { continue }
        let encodings: Set<String> = ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"]
        parameters.append(VCardParameter(name: encodings.contains(bare) ? "ENCODING" : "TYPE", values: [bare]))
        continue
      }
      let pname = VCardHeader.asciiString(part[part.startIndex..<eq]).uppercased()
      let raw = part[(eq + 1)...]
      // Values: comma-separated, each optionally quoted ("work,voice" is a 4.0 quoted list).
      var values: [String] = []
      var cur: [UInt8] = []
      var quoted = false
      for b in raw {
        if b == UInt8(ascii: "\"") {
          quoted.toggle()
        } else if b == UInt8(ascii: ",") && (!quoted || pname == "TYPE") {
          values.append(VCardHeader.asciiString(cur[...]))
          cur.removeAll(keepingCapacity: true)
        } else {
          cur.append(b)
        }
      }
      values.append(VCardHeader.asciiString(cur[...]))
      parameters.append(VCardParameter(name: pname, values: values.filter { !$0.isEmpty }))
    }
  }

  init() {}

  /// Header bytes as text, trimmed (invalid UTF-8 replaced: headers are ASCII in every version).
  static func asciiString(_ bytes: ArraySlice<UInt8>) -> String {
    var lo = bytes.startIndex
    var hi = bytes.endIndex
    while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1 }
    while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09) { hi -= 1 }
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }
}

/// One parameter: `TYPE=work,voice` has name `TYPE` and two values.
struct VCardParameter {
  var name: String
  var values: [String]
}

/// What the reader does with a property's value once its header is known.
enum VCardValueMode {
  /// Keep at most `cap` bytes (the rest is counted, not stored).
  case keep(cap: Int)
  /// Stream past the value without storing it.
  case discard
  /// Stream past a binary value (`PHOTO`, `LOGO`, `SOUND`, `KEY`), including
  /// unindented base64 lines and blank lines inside it.
  case discardBinary
}

/// One unfolded content line: `header:value`.
struct VCardContentLine {
  /// Where the line starts (1-based line, 1-based byte column).
  var line = 0
  var column = 0
  var header = VCardHeader()
  /// Whether the line had a `:` at all (a line without one is not a property).
  var hasColon = false
  /// Whether the line held nothing but spaces and tabs.
  var isBlank = false
  /// Where the value starts (the byte after the `:`).
  var valueLine = 0
  var valueColumn = 0
  /// The value's bytes, unfolded, soft line breaks removed (empty when discarded).
  var value: [UInt8] = []
  /// Bytes of the value beyond the cap that were dropped (0 when complete).
  var droppedBytes = 0
  /// The value was streamed past on purpose (`VCardValueMode.discard`).
  var discarded = false
  /// The name and parameters were longer than `VCardLineReader.maxHeaderBytes`.
  var headerTooLong = false
}

/// Reads unfolded content lines from a `ByteSource` in chunks.
///
/// Line ends are CRLF, LF or a lone CR. A line end followed by exactly one
/// space or tab is a fold: both are removed. In a quoted-printable value, a
/// line ending in `=` continues on the next line (a soft line break, not
/// indented) unless that line is `END:VCARD`. After a base64 value, lines made
/// only of base64 characters (2.1 writers that do not indent) belong to it.
///
/// Discarded values are never stored, so memory is the chunk plus the
/// longest kept value (capped by `VCardValueMode.keep`) and header.
///
/// - Complexity: O(bytes) time; O(chunk + kept value + header) memory.
struct VCardLineReader {
  let source: ByteSource
  var buffer: [UInt8] = []
  var position = 0
  /// Absolute file offset of `buffer[0]`.
  var base = 0
  var atEOF = false
  /// The current physical line (1-based) and the absolute offset where it starts.
  var line = 1
  var lineStart = 0
  /// The most bytes held at once by the buffer plus the line being read.
  var peak = 0
  static let chunk = 64 << 10
  static let maxHeaderBytes = 16 << 10
  /// How far a line is examined to decide whether it continues a base64 value.
  static let base64Lookahead = 1024

  init(source: ByteSource) throws(ImportError) {
    self.source = source
    _ = try ensure(3)
    if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
      position = 3
      lineStart = 3
    }
  }

  var column: Int { base + position - lineStart + 1 }

  /// Makes at least `n` unread bytes available unless the file ends first.
  /// - Returns: whether `n` bytes are available.
  /// - Complexity: amortised O(bytes read); compaction moves fewer than `n` bytes.
  @inline(__always)
  mutating func ensure(_ n: Int) throws(ImportError) -> Bool {
    if buffer.count - position >= n { return true }
    return try refill(n)
  }

  mutating func refill(_ n: Int) throws(ImportError) -> Bool {
    while buffer.count - position < n && !atEOF {
      if position > 0 {
        buffer.removeFirst(position)
        base += position
        position = 0
      }
      if try source.read(into: &buffer, count: Self.chunk) == 0 { atEOF = true }
      peak = max(peak, buffer.count)
    }
    return buffer.count - position >= n
  }

  /// The next unread byte, or nil at the end of the file.
  @inline(__always)
  mutating func peek() throws(ImportError) -> UInt8? {
    try ensure(1) ? buffer[position] : nil
  }

  /// Consumes the CR, LF or CRLF at `position`.
  mutating func consumeLineBreak() throws(ImportError) {
    let b = buffer[position]
    position += 1
    if b == 0x0D, try ensure(1), buffer[position] == 0x0A { position += 1 }
    line += 1
    lineStart = base + position
  }

  /// Whether the unread text starts with `END:VCARD` on a line of its own.
  mutating func atEndVCard() throws(ImportError) -> Bool {
    _ = try ensure(12)
    let avail = buffer.count - position
    if avail < 9 { return false }
    let want = Array("END:VCARD".utf8)
    for k in 0..<9 {
      var c = buffer[position + k]
      if c >= 0x61 && c <= 0x7A { c -= 0x20 }
      if c != want[k] { return false }
    }
    if avail == 9 { return true }
    let after = buffer[position + 9]
    return after == 0x0D || after == 0x0A || after == 0x20 || after == 0x09
  }

  /// Reads the next content line, asking `mode` what to do with its value
  /// once the header is known. Nil at the end of the file.
  /// - Complexity: O(line bytes).
  mutating func next(mode: (VCardHeader) -> VCardValueMode) throws(ImportError) -> VCardContentLine? {
    guard try ensure(1) else { return nil }
    var out = VCardContentLine()
    out.line = line
    out.column = column
    var header: [UInt8] = []
    var inQuote = false
    var sawColon = false
    // Header: up to the first `:` outside double quotes.
    headerLoop: while true {
      guard let b = try peek() else { break }
      if b == 0x0A || b == 0x0D {
        try consumeLineBreak()
        if let n = try peek(), n == 0x20 || n == 0x09 {
          position += 1
          continue
        }
        break headerLoop
      }
      position += 1
      if b == UInt8(ascii: "\"") { inQuote.toggle() }
      if b == UInt8(ascii: ":") && !inQuote {
        sawColon = true
        break
      }
      if header.count >= Self.maxHeaderBytes {
        out.headerTooLong = true
        out.discarded = true
        try skipValue(quotedPrintable: false, keep: nil, into: &out)
        return out
      }
      header.append(b)
    }
    peak = max(peak, buffer.count + header.count)
    if !sawColon {
      // A stray quote can hide the colon: fall back to the first `:` of the line.
      if inQuote, let colon = header.firstIndex(of: UInt8(ascii: ":")) {
        out.header = VCardHeader(header[..<colon])
        out.hasColon = true
        out.valueLine = out.line
        out.valueColumn = out.column + colon + 1
        switch mode(out.header) {
        case .keep(let cap):
          let rest = header[(colon + 1)...]
          out.value = Array(rest.prefix(cap))
          out.droppedBytes = rest.count - out.value.count
        case .discard, .discardBinary: out.discarded = true
        }
        return out
      }
      out.isBlank = header.allSatisfy { $0 == 0x20 || $0 == 0x09 }
      out.header = VCardHeader(header[...])
      return out
    }
    out.hasColon = true
    out.valueLine = line
    out.valueColumn = column
    out.header = VCardHeader(header[...])
    let qp = out.header.isQuotedPrintable
    switch mode(out.header) {
    case .keep(let cap):
      try skipValue(quotedPrintable: qp, keep: cap, into: &out)
    case .discard:
      out.discarded = true
      try skipValue(quotedPrintable: qp, keep: nil, into: &out)
    case .discardBinary:
      out.discarded = true
      try skipValue(quotedPrintable: qp, keep: nil, into: &out)
      try skipBase64Lines()
    }
    return out
  }

  /// Reads the value to the end of the logical line, storing at most `keep`
  /// bytes in `out.value` (nothing when `keep` is nil).
  mutating func skipValue(quotedPrintable qp: Bool, keep: Int?, into out: inout VCardContentLine) throws(ImportError) {
    var last: UInt8 = 0
    while true {
      guard try ensure(1) else { return }
      // Fast path: the run up to the next line break.
      let start = position
      let end = buffer.withUnsafeBufferPointer { buf -> Int in
        var i = start
        while i < buf.count {
          let c = buf[i]
          if c == 0x0A || c == 0x0D { break }
          i += 1
        }
        return i
      }
      if end > start {
        last = buffer[end - 1]
        if let cap = keep {
          let room = max(0, cap - out.value.count)
          let take = min(room, end - start)
          if take > 0 { out.value.append(contentsOf: buffer[start..<(start + take)]) }
          out.droppedBytes += (end - start) - take
          peak = max(peak, buffer.count + out.value.count)
        }
      }
      position = end
      if end == buffer.count { continue }
      try consumeLineBreak()
      if let n = try peek(), n == 0x20 || n == 0x09 {
        position += 1
        continue
      }
      if qp && last == UInt8(ascii: "="), try ensure(1), !(try atEndVCard()) {
        // Soft line break: drop the `=` and go on with the next line.
        if keep != nil, out.droppedBytes == 0, out.value.last == UInt8(ascii: "=") { out.value.removeLast() }
        last = 0
        continue
      }
      return
    }
  }

  /// Skips following lines made only of base64 characters (2.1 writers put
  /// unindented base64 lines after `PHOTO;ENCODING=BASE64:`) and blank lines
  /// (iOS 5 ends folded base64 lines with CR CR LF); stops before any line
  /// holding another character (such as the `:` of the next property).
  mutating func skipBase64Lines() throws(ImportError) {
    while try ensure(1) {
      _ = try ensure(Self.base64Lookahead)
      var i = position
      var sawData = false
      var isBase64 = true
      let limit = min(buffer.count, position + Self.base64Lookahead)
      while i < limit {
        let c = buffer[i]
        if c == 0x0A || c == 0x0D { break }
        let alnum = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
        if alnum || c == UInt8(ascii: "+") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=") {
          sawData = true
        } else if c != 0x20 && c != 0x09 {
          isBase64 = false
          break
        }
        i += 1
      }
      if !isBase64 { return }
      if !sawData && i < buffer.count && (buffer[i] == 0x0A || buffer[i] == 0x0D) {
        // A blank (or white) line: skip it and look at the next one.
        position = i
        try consumeLineBreak()
        continue
      }
      if !sawData { return }
      var scratch = VCardContentLine()
      try skipValue(quotedPrintable: false, keep: nil, into: &scratch)
    }
  }
}

// MARK: Values

/// The vCard version of a card, which decides its escaping rules.
enum VCardVersion: String {
  case v21 = "2.1"
  case v30 = "3.0"
  case v40 = "4.0"
  case unknown

  init(_ text: String) {
    self = VCardVersion(rawValue: text) ?? .unknown
  }
}

/// A character set named by `CHARSET=`.
enum VCardCharset {
  case utf8, latin1, windows1252

  /// Nil for a name it does not know.
  init?(name: String) {
    switch String(name.uppercased().map { $0 == "_" ? "-" : $0 }) {
    case "UTF-8", "UTF8", "US-ASCII", "ASCII": self = .utf8
    case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "L1", "ISO-IR-100", "CP819": self = .latin1
    case "WINDOWS-1252", "CP1252", "WIN-1252", "X-CP1252", "MS-ANSI": self = .windows1252
    default: return nil
    }
  }

  /// windows-1252 bytes 0x80–0x9F (undefined ones map to the C1 control, as browsers do).
  static let cp1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
    0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x9D, 0x017E, 0x0178,
  ]

  /// Decodes single-byte text.
  /// - Complexity: O(bytes).
  func decodeSingleByte(_ bytes: [UInt8]) -> String {
    var s = String.UnicodeScalarView()
    for b in bytes {
      var v = UInt32(b)
      if self == .windows1252 && b >= 0x80 && b <= 0x9F { v = Self.cp1252High[Int(b - 0x80)] }
      if let u = Unicode.Scalar(v) { s.append(u) }
    }
    return String(s)
  }
}

/// Decodes one property's value pieces: quoted-printable, backslash escapes
/// for the card's version, then the charset. Collects warnings.
struct VCardValueDecoder {
  let version: VCardVersion
  var warnings: [VCardProblem] = []

  init(version: VCardVersion) { self.version = version }

  /// Splits `value` at `separator` bytes that are not backslash-escaped.
  /// In 2.1 only `\;` and `\,` are escapes; in later versions a backslash escapes any byte.
  /// - Complexity: O(bytes).
  func split(_ value: ArraySlice<UInt8>, at separators: Set<UInt8>) -> [ArraySlice<UInt8>] {
    var parts: [ArraySlice<UInt8>] = []
    var start = value.startIndex
    var i = value.startIndex
    while i < value.endIndex {
      let b = value[i]
      if b == UInt8(ascii: "\\") && i + 1 < value.endIndex {
        let n = value[i + 1]
        if version != .v21 || n == UInt8(ascii: ";") || n == UInt8(ascii: ",") {
          i += 2
          continue
        }
      }
      if separators.contains(b) {
        parts.append(value[start..<i])
        start = i + 1
      }
      i += 1
    }
    parts.append(value[start..<value.endIndex])
    return parts
  }

  /// Decodes `=XX` quoted-printable escapes (a `=` not followed by two hex
  /// digits stays, except a final one: a soft line break before `END:VCARD`).
  /// - Complexity: O(bytes).
  static func decodeQuotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    func hex(_ c: UInt8) -> UInt8? {
      switch c {
      case 0x30...0x39: return c - 0x30
      case 0x41...0x46: return c - 0x41 + 10
      case 0x61...0x66: return c - 0x61 + 10
      default: return nil
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      if b == UInt8(ascii: "="), i + 2 < bytes.endIndex, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
        out.append(h << 4 | l)
        i += 3
        continue
      }
      // A soft line break with nothing after it (the value ended at END:VCARD).
      if b == UInt8(ascii: "="), i + 1 == bytes.endIndex { break }
      out.append(b)
      i += 1
    }
    return out
  }

  /// Removes backslash escapes: 3.0/4.0 `\\` `\,` `\;` `\:` `\n` `\N`
  /// (other pairs are kept as written); 2.1 only `\;` and `\,`.
  /// - Complexity: O(bytes).
  func unescape(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.contains(UInt8(ascii: "\\")) else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\\") && i + 1 < bytes.count {
        let n = bytes[i + 1]
        switch n {
        case UInt8(ascii: ";"), UInt8(ascii: ","):
          out.append(n)
          i += 2
          continue
        case UInt8(ascii: "\\"), UInt8(ascii: ":"):
          if version != .v21 {
            out.append(n)
            i += 2
            continue
          }
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
          if version != .v21 {
            out.append(0x0A)
            i += 2
            continue
          }
        default: break
        }
      }
      out.append(b)
      i += 1
    }
    return out
  }

  /// One piece of `property`'s value as trimmed text.
  /// - Complexity: O(bytes).
  mutating func text(_ piece: ArraySlice<UInt8>, of property: VCardProperty) -> String {
    var bytes = property.header.isQuotedPrintable ? Self.decodeQuotedPrintable(piece) : Array(piece)
    bytes = unescape(bytes)
    var charset = VCardCharset.utf8
    if let name = property.header.values("CHARSET").first {
      if let known = VCardCharset(name: name) {
        charset = known
      } else {
        warn(property, "unknown CHARSET=\(name) on \(property.header.name); read as UTF-8")
      }
    }
    var text: String
    if charset == .utf8 || bytes.allSatisfy({ $0 < 0x80 }) {
      if let valid = bytes.withUnsafeBufferPointer({ ByteScan.text($0) }) {
        text = valid
      } else if property.header.values("CHARSET").isEmpty {
        // No CHARSET (quoted-printable from old phones): not UTF-8, so the likeliest 8-bit set.
        text = VCardCharset.windows1252.decodeSingleByte(bytes)
        warn(property, "\(property.header.name) has no CHARSET and is not valid UTF-8; read as windows-1252")
      } else {
        text = String(decoding: bytes, as: UTF8.self)
        warn(property, "\(property.header.name) is not valid UTF-8; invalid bytes replaced with U+FFFD")
      }
    } else if let valid = bytes.withUnsafeBufferPointer({ ByteScan.text($0) }) {
      // Declared 8-bit but the bytes are well-formed multi-byte UTF-8: writers mislabel, UTF-8 is far likelier.
      text = valid
      warn(
        property,
        "\(property.header.name) says CHARSET=\(property.header.values("CHARSET")[0]) but is UTF-8; read as UTF-8")
    } else {
      text = charset.decodeSingleByte(bytes)
    }
    return Self.trim(text)
  }

  /// The whole value as text (no splitting).
  mutating func text(of property: VCardProperty) -> String { text(property.value[...], of: property) }

  mutating func warn(_ property: VCardProperty, _ message: String) {
    let p = VCardProblem(line: property.line, column: property.valueColumn, message: message)
    if !warnings.contains(p) { warnings.append(p) }
  }

  /// `s` without leading and trailing white space (Unicode): `Identity.trim`.
  static func trim(_ s: String) -> String { Identity.trim(s) }
}

/// A property kept for decoding at `END:VCARD` (when the version is known).
struct VCardProperty {
  var header: VCardHeader
  var value: [UInt8]
  var line: Int
  var valueColumn: Int
}
