/// Detection of the matrix, GraphML, GEXF and two-mode formats from a file's
/// first bytes (Guides/Importing.md, "Formats and detection"). Called once
/// by `FormatDetector.detect`, before the header rules, so each rule here
/// is narrow enough not to take a file those rules read today: ties and
/// people tables name their columns (`source`, `id`, …), which a matrix's
/// labels never do; edge lists have two or three columns and many rows.
extension FormatDetector {
  /// The format of `bytes` when it is one of these, else nil.
  /// - Complexity: O(bytes looked at): at most the first 64 KiB.
  static func moreNetworkFormats(_ bytes: [UInt8], columns: ColumnMap?) -> InputFormat? {
    if let xml = xmlFormat(bytes) { return xml }
    if TwoModeImporter.isNodesFile(head: bytes) { return .twomode }
    return matrixLayout(bytes, columns: columns)
  }

  /// GraphML or GEXF: the text starts with `<` and its first element (after
  /// the XML declaration, comments and a DOCTYPE) is `graphml` or `gexf`.
  static func xmlFormat(_ bytes: [UInt8]) -> InputFormat? {
    var i = 0
    while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    guard i < bytes.count, bytes[i] == UInt8(ascii: "<") else { return nil }
    let end = min(bytes.count, i + 8192)
    while i < end {
      guard bytes[i] == UInt8(ascii: "<"), i + 1 < end else {
        i += 1
        continue
      }
      let next = bytes[i + 1]
      if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
        // Skip the declaration, comment or DOCTYPE (with its [ … ] subset) to its end.
        let closing: [UInt8] =
          next == UInt8(ascii: "?")
          ? Array("?>".utf8)
          : bytes[i...].starts(with: Array("<!--".utf8))
            ? Array("-->".utf8) : []
        var k = i + 2
        if closing.isEmpty {
          var depth = 0
          while k < end, !(bytes[k] == UInt8(ascii: ">") && depth == 0) {
            if bytes[k] == UInt8(ascii: "[") { depth += 1 }
            if bytes[k] == UInt8(ascii: "]") { depth -= 1 }
            k += 1
          }
          i = k + 1
        } else {
          while k < end, !bytes[k...].starts(with: closing) { k += 1 }
          i = k + closing.count
        }
        continue
      }
      var j = i + 1
      while j < end, bytes[j] != 0x20, bytes[j] != 0x09, bytes[j] != 0x0A, bytes[j] != 0x0D, bytes[j] != 0x3E,
        bytes[j] != 0x2F
      {
        j += 1
      }
      var name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self).lowercased()
      if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
      return name == "graphml" ? .graphml : name == "gexf" ? .gexf : nil
    }
    return nil
  }

  /// The data lines of `bytes` (comment and blank lines skipped), split into
  /// cells by the first one's delimiter; the last line is dropped when
  /// `bytes` may end inside it. At most `limit` lines.
  static func matrixRows(_ bytes: [UInt8], limit: Int = 400) -> (rows: [[String]], whole: Bool) {
    let whole = bytes.count < 65530
    var rows: [[String]] = []
    var delimiter: UInt8??
    // Lines are found one at a time (not split up front): detection usually needs one or two.
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
      // The last line may be cut off when `bytes` is only the file's head.
      if end == bytes.count && !whole { break }
      let line = bytes[start..<end]
      start = end + 1
      let first = line.first { $0 != 0x20 && $0 != 0x09 }
      if first == nil || first == UInt8(ascii: "#") || first == UInt8(ascii: "%") { continue }
      if delimiter == nil { delimiter = .some(MatrixCell.delimiter(of: line)) }
      let cells = line.withUnsafeBufferPointer { MatrixCell.split($0, delimiter: delimiter!) }
      guard let cells else { return ([], whole) }
      rows.append(cells.map(\.text))
      if rows.count >= limit { return (rows, false) }
    }
    return (rows, whole)
  }

  /// An adjacency matrix (`.matrix`) or a people × groups 0/1 matrix
  /// (`.twomode`), else nil:
  ///
  /// - without labels: every line the same number (at least 4) of numeric
  ///   cells; square (rows = columns, or no more rows than columns in a file
  ///   longer than the first 64 KiB) is a matrix; otherwise, when every cell
  ///   is 0 or 1, two-mode;
  /// - with a first row of labels (none of them a column name a table uses:
  ///   `source`, `target`, `id` and their aliases): the rows start with the
  ///   same labels in the same order (a matrix), or the rows are unlabelled
  ///   and as many as the labels (at least 3; a matrix); with an empty corner
  ///   cell, rows that each start with a label and 0/1 values are two-mode.
  static func matrixLayout(_ bytes: [UInt8], columns: ColumnMap?) -> InputFormat? {
    func isNumber(_ s: String) -> Bool { Double(s).map { $0.isFinite } ?? false }
    // An edge list's first line (two or three numbers) settles it without reading more.
    guard let top = matrixRows(bytes, limit: 1).rows.first, top.count >= 4 || !top.allSatisfy(isNumber) else {
      return nil
    }
    let (rows, whole) = matrixRows(bytes)
    guard let header = rows.first else { return nil }
    func isBinary(_ s: String) -> Bool { Double(s) == 0 || Double(s) == 1 }
    if header.allSatisfy(isNumber) {
      let c = header.count
      guard c >= 4, rows.allSatisfy({ $0.count == c && $0.allSatisfy(isNumber) }) else { return nil }
      if whole ? rows.count == c : rows.count <= c {
        return rows.count >= 3 ? .matrix : nil
      }
      return rows.count >= 2 && rows.allSatisfy({ $0.allSatisfy(isBinary) }) ? .twomode : nil
    }
    let data = rows.dropFirst()
    guard !data.isEmpty else { return nil }
    let corner = header[0].isEmpty
    let labels = corner ? Array(header.dropFirst()) : header
    let n = labels.count
    guard n >= 2, !labels.contains(where: \.isEmpty) else { return nil }
    let rowLabelled = data.allSatisfy { $0.count == n + 1 && !$0[0].isEmpty && $0.dropFirst().allSatisfy(isNumber) }
    // Rows named as the columns, in the same order: a matrix (no table has that shape).
    if rowLabelled, data.count <= n, zip(data, labels).allSatisfy({ $0[0] == $1 }), whole ? data.count == n : true {
      return .matrix
    }
    let names = header.map(ColumnNames.normalize)
    let ends = ColumnNames.endpoints(in: names, map: columns)
    if ends.source != nil || ends.target != nil || ends.missing != nil { return nil }
    if ColumnNames.find(ColumnNames.id, in: names) != nil { return nil }
    if rowLabelled {
      return corner && data.allSatisfy({ $0.dropFirst().allSatisfy(isBinary) }) ? .twomode : nil
    }
    guard !corner, data.allSatisfy({ $0.count == n && $0.allSatisfy(isNumber) }) else { return nil }
    if n >= 3 && (whole ? data.count == n : data.count <= n) { return .matrix }
    return nil
  }

  /// Whether a two-mode file is laid out as a matrix rather than a list: its
  /// first data line has more than two cells or an empty first cell, and
  /// does not name the columns of a list (`source`, `target`, `bipartite`).
  static func twoModeLayoutIsMatrix(_ bytes: [UInt8]) -> Bool {
    let (rows, _) = matrixRows(bytes, limit: 1)
    guard let first = rows.first else { return false }
    let names = first.map(ColumnNames.normalize)
    if names.contains("bipartite") { return false }
    let ends = ColumnNames.endpoints(in: names, map: nil)
    if ends.source != nil && ends.target != nil { return false }
    return first.count > 2 || first.first?.isEmpty == true
  }
}
