import GraphCore

/// The small lists a command reads beside the network: targets
/// (`reach --targets`, `batch --targets`) and from,to pairs (`path --pairs`).
/// Both are read as text in any encoding `ByteSource` detects (UTF-8 with or
/// without BOM, UTF-16), with Windows, Unix or old Mac line ends
/// (Guides/Importing.md, "Reference lists").
package enum ReferenceLists {
  /// Words that, alone on the first line of a plain list, are its header.
  static let headerWords: Set<String> = ["company", "target", "name", "person"]

  /// The targets in the file at `path`, in file order: the `target` column
  /// when the first non-blank line is a CSV header naming one (and at least
  /// one other column); otherwise one target per line, each line trimmed and
  /// kept whole (commas included: "Acme, Inc."), blank lines, `#` comments
  /// and a header word (`company`, `target`, `name`, `person`) skipped.
  /// - Throws: `ImportError` when the file cannot be read or is not text.
  /// - Complexity: O(file size).
  package static func targets(path: String) throws(ImportError) -> [String] {
    let text = try readText(path)
    let lines = text.split(whereSeparator: \.isNewline).map { Identity.trim(String($0)) }
    guard let header = lines.first(where: { !$0.isEmpty }) else { return [] }
    let headerFields = header.split(separator: ",").map { Identity.trim(String($0)).lowercased() }
    if headerFields.count > 1, let column = headerFields.firstIndex(of: "target") {
      var out: [String] = []
      var tokenizer = try CSVTokenizer(source: ByteSource(path: path, text: true))
      var seenHeader = false
      while let r = try tokenizer.next() {
        if r.isBlank { continue }
        if !seenHeader {
          seenHeader = true
          continue
        }
        guard column < r.count else { continue }
        guard let v = r.trimmed(column) else { throw notText(path, line: r.line) }
        if !v.isEmpty { out.append(v) }
      }
      return out
    }
    return lines.filter { !$0.isEmpty && !$0.hasPrefix("#") && !headerWords.contains($0.lowercased()) }
  }

  /// One row of a pairs file.
  package struct Pair: Sendable, Equatable {
    package var from: String
    package var to: String
    /// The row's line in the file (1-based), for messages.
    package var line: Int

    package init(from: String, to: String, line: Int) {
      self.from = from
      self.to = to
      self.line = line
    }
  }

  /// The from,to rows of the CSV file at `path` (comma-separated, quoting as
  /// in any CSV; fields trimmed): a first row whose first field is `from` is
  /// a header; blank rows and rows of one field are skipped; fields after the
  /// second are ignored.
  /// - Throws: `ImportError` when the file cannot be read or is not text.
  /// - Complexity: O(file size).
  package static func pairs(path: String) throws(ImportError) -> [Pair] {
    var tokenizer = try CSVTokenizer(source: ByteSource(path: path, text: true), delimiter: UInt8(ascii: ","))
    var out: [Pair] = []
    var first = true
    while let r = try tokenizer.next() {
      if r.isBlank { continue }
      let isFirst = first
      first = false
      guard r.count >= 2 else { continue }
      guard let from = r.trimmed(0), let to = r.trimmed(1) else { throw notText(path, line: r.line) }
      if isFirst && from.lowercased() == "from" { continue }
      out.append(Pair(from: from, to: to, line: r.line))
    }
    return out
  }

  /// The whole file as UTF-8 text, without a byte-order mark (bytes that are
  /// not UTF-8 after encoding detection become U+FFFD).
  static func readText(_ path: String) throws(ImportError) -> String {
    let source = try ByteSource(path: path, text: true)
    var bytes: [UInt8] = []
    while try source.read(into: &bytes, count: 1 << 16) > 0 {}
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return String(decoding: bytes[start...], as: UTF8.self)
  }

  static func notText(_ path: String, line: Int) -> ImportError {
    ImportError(
      file: path, line: line, column: 0, message: "is not readable text",
      hint: "save it as UTF-8 text, one entry per line")
  }
}
