/// A small streaming XML pull parser: enough of XML 1.0 for GraphML and GEXF
/// (Guides/Importing.md, "GraphML and GEXF").
///
/// Read: elements and their attributes (names kept with their prefix),
/// character data with the entities `&amp;` `&lt;` `&gt;` `&quot;` `&apos;`
/// and character references `&#N;` `&#xN;`, CDATA sections; the XML
/// declaration, processing instructions, comments and a DOCTYPE (with its
/// internal subset) are skipped. Names and text are UTF-8 (bytes that are
/// not valid UTF-8 become U+FFFD). A document that is not well formed
/// (an unclosed tag, an end tag that does not match, an unknown entity, a
/// second root) throws an `ImportError` with the line and byte column.
///
/// Memory: one read chunk, the open elements (at most `maxDepth`), and one
/// text or attribute value at a time (at most `maxText` bytes); it does not
/// grow with the file.
///
/// - Complexity: O(bytes).
struct XMLReader {
  enum Event: Equatable {
    case start(name: String, attributes: [(name: String, value: String)])
    case end(name: String)
    case text(String)

    static func == (a: Event, b: Event) -> Bool {
      switch (a, b) {
      case (.start(let n1, let a1), .start(let n2, let a2)):
        n1 == n2 && a1.map(\.name) == a2.map(\.name) && a1.map(\.value) == a2.map(\.value)
      case (.end(let n1), .end(let n2)): n1 == n2
      case (.text(let t1), .text(let t2)): t1 == t2
      default: false
      }
    }
  }

  static let maxDepth = 256
  static let maxText = 1 << 22

  let file: String
  private let source: ByteSource?
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEOF = false
  /// Line and byte column of the next byte.
  private(set) var line = 1
  private(set) var column = 1
  /// Where the event last returned starts.
  private(set) var eventLine = 1
  private(set) var eventColumn = 1
  private var open: [String] = []
  private var pendingEnd: String?
  private var sawRoot = false

  /// A reader of the file behind `source` (opened with `text: true`).
  init(source: ByteSource, file: String) throws(ImportError) {
    self.source = source
    self.file = file
    try fill()
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  /// A reader of `bytes` in memory (tests, the fuzzer).
  init(bytes: [UInt8], file: String = "-") {
    source = nil
    self.file = file
    buffer = bytes
    atEOF = true
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  // MARK: Bytes

  private mutating func fill() throws(ImportError) {
    guard !atEOF, let source else {
      atEOF = true
      return
    }
    if position > 0 {
      buffer.removeFirst(position)
      position = 0
    }
    if try source.read(into: &buffer, count: 1 << 20) == 0 { atEOF = true }
  }

  /// The next byte without taking it (nil at the end).
  private mutating func peek() throws(ImportError) -> UInt8? {
    if position >= buffer.count {
      try fill()
      if position >= buffer.count { return nil }
    }
    return buffer[position]
  }

  /// Takes the next byte (nil at the end), counting lines and columns.
  private mutating func take() throws(ImportError) -> UInt8? {
    guard let b = try peek() else { return nil }
    position += 1
    if b == 0x0A {
      line += 1
      column = 1
    } else {
      column += 1
    }
    return b
  }

  /// Takes the bytes for which `keep` holds, appending them to `out`; stops
  /// before the first other byte or at the end. Scans the buffer directly
  /// (text and values are most of a file's bytes).
  private mutating func takeRun(into out: inout [UInt8], while keep: (UInt8) -> Bool) throws(ImportError) {
    while true {
      if position >= buffer.count {
        try fill()
        if position >= buffer.count { return }
      }
      let n = buffer.count
      var i = position
      var l = line
      var c = column
      while i < n {
        let b = buffer[i]
        if !keep(b) { break }
        if b == 0x0A {
          l += 1
          c = 1
        } else {
          c += 1
        }
        i += 1
      }
      out.append(contentsOf: buffer[position..<i])
      position = i
      line = l
      column = c
      if i < n || out.count > Self.maxText { return }
    }
  }

  private func fail(_ message: String, line: Int? = nil, column: Int? = nil, hint: String? = nil) -> ImportError {
    ImportError(
      file: file, line: line ?? self.line, column: column ?? self.column, message: "malformed XML: " + message,
      hint: hint ?? "check the file with an XML validator, or export it again")
  }

  /// Takes bytes up to and including `terminator`, returning those before it.
  private mutating func take(until terminator: [UInt8], what: String, keep: Bool) throws(ImportError) -> [UInt8] {
    let (l, c) = (line, column)
    var out: [UInt8] = []
    while true {
      guard let b = try take() else { throw fail("\(what) is not closed", line: l, column: c) }
      out.append(b)
      if out.count >= terminator.count && out.suffix(terminator.count).elementsEqual(terminator) {
        out.removeLast(terminator.count)
        return out
      }
      if !keep && out.count > 64 { out.removeFirst(out.count - terminator.count) }
      if out.count > Self.maxText { throw fail("\(what) longer than \(Self.maxText) bytes", line: l, column: c) }
    }
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
  private static func isNameByte(_ b: UInt8) -> Bool {
    !isSpace(b) && b != UInt8(ascii: "/") && b != UInt8(ascii: ">") && b != UInt8(ascii: "=")
      && b != UInt8(ascii: "<") && b != UInt8(ascii: "\"") && b != UInt8(ascii: "'") && b != UInt8(ascii: "&")
  }

  private mutating func skipSpace() throws(ImportError) {
    while let b = try peek(), Self.isSpace(b) { _ = try take() }
  }

  private mutating func name() throws(ImportError) -> String {
    var out: [UInt8] = []
    try takeRun(into: &out, while: Self.isNameByte)
    if out.count > 1024 { throw fail("a name longer than 1024 bytes") }
    if out.isEmpty {
      let shown = try peek().map { "\"\(Character(Unicode.Scalar($0)))\"" } ?? "the end of the file"
      throw fail("a name was expected, found \(shown)")
    }
    return String(decoding: out, as: UTF8.self)
  }

  // MARK: Events

  /// The next event, or nil at the end of the document.
  /// - Throws: `ImportError` (with line and column) when the document is not well formed.
  mutating func next() throws(ImportError) -> Event? {
    if let end = pendingEnd {
      pendingEnd = nil
      return .end(name: end)
    }
    while true {
      eventLine = line
      eventColumn = column
      guard let b = try peek() else {
        if let last = open.last { throw fail("<\(last)> is not closed at the end of the file") }
        if !sawRoot { throw fail("no element", hint: "this does not look like XML") }
        return nil
      }
      if b != UInt8(ascii: "<") {
        let text = try characterData()
        if open.isEmpty {
          if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { continue }
          throw fail("text outside the root element", line: eventLine, column: eventColumn)
        }
        return .text(text)
      }
      _ = try take()
      guard let c = try peek() else { throw fail("the file ends inside a tag") }
      switch c {
      case UInt8(ascii: "?"):
        _ = try take(until: Array("?>".utf8), what: "a processing instruction", keep: false)
      case UInt8(ascii: "!"):
        _ = try take()
        if try peek() == UInt8(ascii: "-") {
          _ = try take()
          guard try take() == UInt8(ascii: "-") else { throw fail("<!- starts no comment") }
          _ = try take(until: Array("-->".utf8), what: "a comment", keep: false)
        } else if try peek() == UInt8(ascii: "[") {
          let opening = Array("[CDATA[".utf8)
          for expected in opening {
            guard try take() == expected else { throw fail("<![ starts no CDATA section") }
          }
          if open.isEmpty { throw fail("CDATA outside the root element", line: eventLine, column: eventColumn) }
          let bytes = try take(until: Array("]]>".utf8), what: "a CDATA section", keep: true)
          return .text(String(decoding: bytes, as: UTF8.self))
        } else {
          try skipDeclaration()
        }
      case UInt8(ascii: "/"):
        _ = try take()
        let n = try name()
        try skipSpace()
        guard try take() == UInt8(ascii: ">") else { throw fail("</\(n) is not closed with >") }
        guard let last = open.last else {
          throw fail("</\(n)> closes no element", line: eventLine, column: eventColumn)
        }
        guard last == n else {
          throw fail("</\(n)> closes <\(last)>", line: eventLine, column: eventColumn, hint: "write </\(last)>")
        }
        open.removeLast()
        return .end(name: n)
      default:
        return try startTag()
      }
    }
  }

  /// Skips `<!DOCTYPE …>` (or another declaration), with its `[…]` internal subset and quoted strings.
  private mutating func skipDeclaration() throws(ImportError) {
    let (l, c) = (eventLine, eventColumn)
    var depth = 0
    var quote: UInt8?
    while let b = try take() {
      if let q = quote {
        if b == q { quote = nil }
      } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
        quote = b
      } else if b == UInt8(ascii: "[") {
        depth += 1
      } else if b == UInt8(ascii: "]") {
        depth -= 1
      } else if b == UInt8(ascii: ">") && depth <= 0 {
        return
      }
    }
    throw fail("a <! declaration is not closed", line: l, column: c)
  }

  private mutating func startTag() throws(ImportError) -> Event {
    let n = try name()
    if open.isEmpty && sawRoot { throw fail("a second root element <\(n)>", line: eventLine, column: eventColumn) }
    var attributes: [(name: String, value: String)] = []
    while true {
      let hadSpace = try peek().map(Self.isSpace) ?? false
      try skipSpace()
      guard let b = try peek() else { throw fail("<\(n) is not closed", line: eventLine, column: eventColumn) }
      if b == UInt8(ascii: ">") || b == UInt8(ascii: "/") {
        _ = try take()
        if b == UInt8(ascii: "/") {
          guard try take() == UInt8(ascii: ">") else { throw fail("/ in <\(n) is not followed by >") }
          pendingEnd = n
        } else {
          guard open.count < Self.maxDepth else {
            throw fail("elements nested more than \(Self.maxDepth) deep", line: eventLine, column: eventColumn)
          }
          open.append(n)
        }
        sawRoot = true
        return .start(name: n, attributes: attributes)
      }
      guard hadSpace else { throw fail("attributes of <\(n)> must be separated by blanks") }
      let (al, ac) = (line, column)
      let a = try name()
      try skipSpace()
      guard try take() == UInt8(ascii: "=") else {
        throw fail("attribute \(a) of <\(n)> has no =", line: al, column: ac)
      }
      try skipSpace()
      guard let q = try take(), q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else {
        throw fail("the value of attribute \(a) is not in quotes", line: al, column: ac)
      }
      let value = try quoted(q, attribute: a)
      if attributes.contains(where: { $0.name == a }) {
        throw fail("attribute \(a) is given twice in <\(n)>", line: al, column: ac)
      }
      if attributes.count >= 1024 { throw fail("more than 1024 attributes in <\(n)>", line: al, column: ac) }
      attributes.append((a, value))
    }
  }

  private mutating func quoted(_ q: UInt8, attribute: String) throws(ImportError) -> String {
    let (l, c) = (line, column)
    var out: [UInt8] = []
    while true {
      let start = out.count
      try takeRun(into: &out) { $0 != q && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: "&") }
      // Attribute-value normalisation: each blank is a space.
      for k in start..<out.count where Self.isSpace(out[k]) { out[k] = 0x20 }
      if out.count > Self.maxText {
        throw fail("an attribute value longer than \(Self.maxText) bytes", line: l, column: c)
      }
      guard let b = try take() else {
        throw fail("the value of attribute \(attribute) is not closed", line: l, column: c)
      }
      if b == q { break }
      if b == UInt8(ascii: "<") { throw fail("< in the value of attribute \(attribute)") }
      try entity(into: &out)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Text up to the next `<` (or the end), entities replaced.
  private mutating func characterData() throws(ImportError) -> String {
    var out: [UInt8] = []
    while true {
      try takeRun(into: &out) { $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: "&") }
      if out.count > Self.maxText {
        throw fail("text longer than \(Self.maxText) bytes", line: eventLine, column: eventColumn)
      }
      guard try peek() == UInt8(ascii: "&") else { break }
      _ = try take()
      try entity(into: &out)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// After `&`: an entity or character reference up to `;`, appended as UTF-8.
  private mutating func entity(into out: inout [UInt8]) throws(ImportError) {
    let (l, c) = (line, column - 1)
    var text: [UInt8] = []
    while true {
      guard let b = try take() else { throw fail("& starts no entity", line: l, column: c) }
      if b == UInt8(ascii: ";") { break }
      text.append(b)
      if text.count > 32 || Self.isSpace(b) || b == UInt8(ascii: "<") || b == UInt8(ascii: "&") {
        throw fail("& starts no entity (write &amp; for &)", line: l, column: c)
      }
    }
    let name = String(decoding: text, as: UTF8.self)
    let scalar: Unicode.Scalar?
    switch name {
    case "amp": scalar = "&"
    case "lt": scalar = "<"
    case "gt": scalar = ">"
    case "quot": scalar = "\""
    case "apos": scalar = "'"
    default:
      if name.hasPrefix("#x") || name.hasPrefix("#X") {
        scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Self.character)
      } else if name.hasPrefix("#") {
        scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Self.character)
      } else {
        throw fail(
          "unknown entity &\(name);", line: l, column: c, hint: "only &amp; &lt; &gt; &quot; &apos; and &#N; are read")
      }
    }
    guard let scalar else { throw fail("&\(name); is not a character XML allows", line: l, column: c) }
    out.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  /// A code point XML allows (`Char` of XML 1.0).
  private static func character(_ v: UInt32) -> Unicode.Scalar? {
    guard v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF) else { return nil }
    return Unicode.Scalar(v)
  }
}
