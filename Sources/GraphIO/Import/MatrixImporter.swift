import GraphCore

/// Adjacency matrices (`matrix`) and people × groups incidence matrices
/// (`twomode`) as delimited text, read line by line (Guides/Importing.md,
/// "Adjacency matrix" and "Two-mode data").
///
/// Read: `#` and `%` comment lines (anywhere; blank lines skipped), cells
/// separated by `,`, `;`, tabs or blanks (the first data line decides),
/// optionally a first row of column labels (with an empty corner cell when
/// each row starts with its own label, which may also come without a corner
/// cell). Without labels the people (and groups) are numbered from 1.
///
/// A one-mode matrix must be square. A non-zero cell is a tie, its value a
/// weight (`WeightCollector`); a pair written in both directions is one tie
/// (direction is not kept, as for Pajek `*Arcs`; the report warns when the
/// matrix is not symmetric). A two-mode matrix lists groups as columns: a
/// non-zero cell is a membership (`TwoModeProjection`).
///
/// - Complexity: O(bytes + ties) time; memory O(n + ties) plus one read chunk.
enum MatrixImporter {
  static func importMatrix(into session: inout ImportSession, twoMode: Bool) throws(ImportError) {
    var state = MatrixReader(twoMode: twoMode, options: session.options)
    let (lines, source) = try session.forEachLine { (line, number, session) throws(ImportError) in
      try state.read(line, number: number, into: &session)
    }
    try state.finish(lines: lines, into: &session)
    try session.checkEnd(of: source)
  }
}

/// One cell of a delimited line: its text (blanks and quotes around it
/// removed) and its 1-based byte column.
struct MatrixCell {
  var text: String
  var column: Int
  var number: Double? {
    guard !text.isEmpty, let v = Double(text), v.isFinite else { return nil }
    return v
  }
}

extension MatrixCell {
  /// The delimiter of a matrix line: `,`, `;` or tab when the line has one
  /// (in that order), else nil (blanks).
  static func delimiter(of line: some Collection<UInt8>) -> UInt8? {
    for d in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] where line.contains(d) { return d }
    return nil
  }

  /// Splits `line` at `delimiter` (nil: at runs of blanks). Empty cells are
  /// kept between delimiters (a corner cell), never with blanks.
  /// - Returns: nil when the line is not valid UTF-8.
  /// The cells of one line of a matrix or membership list, or nil for a line
  /// that holds none: blank, a `#`/`%` comment, or invalid UTF-8 (then
  /// counted and rejected in `session`). The first data line decides the
  /// delimiter (`sawFirst` still false).
  static func dataCells(
    _ line: UnsafeBufferPointer<UInt8>, number: Int, delimiter: inout UInt8?, sawFirst: Bool,
    into session: inout ImportSession
  ) throws(ImportError) -> [MatrixCell]? {
    var i = 0
    while i < line.count && (line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0D) { i += 1 }
    if i == line.count || line[i] == UInt8(ascii: "#") || line[i] == UInt8(ascii: "%") { return nil }
    if !sawFirst { delimiter = Self.delimiter(of: line) }
    guard let cells = split(line, delimiter: delimiter) else {
      session.report.rowsRead += 1
      try session.reject(line: number, column: 1, "invalid UTF-8 text", hint: "save the file as UTF-8")
      return nil
    }
    return cells
  }

  static func split(_ line: UnsafeBufferPointer<UInt8>, delimiter: UInt8?) -> [MatrixCell]? {
    guard ByteScan.text(line) != nil else { return nil }
    var cells: [MatrixCell] = []
    let n = line.count
    func cell(_ start: Int, _ end: Int) {
      var s = start
      var e = end
      while s < e && (line[s] == 0x20 || line[s] == 0x09) { s += 1 }
      while e > s && (line[e - 1] == 0x20 || line[e - 1] == 0x09 || line[e - 1] == 0x0D) { e -= 1 }
      let column = s + 1
      if e - s >= 2 && line[s] == UInt8(ascii: "\"") && line[e - 1] == UInt8(ascii: "\"") {
        s += 1
        e -= 1
      }
      cells.append(
        MatrixCell(text: String(decoding: UnsafeBufferPointer(rebasing: line[s..<e]), as: UTF8.self), column: column))
    }
    if let d = delimiter {
      var start = 0
      for i in 0...n where i == n || line[i] == d {
        cell(start, i)
        start = i + 1
      }
      // A delimiter at the end of the line is not one more (empty) cell.
      if cells.count > 1, cells.last!.text.isEmpty, n > 0, line[n - 1] == d { cells.removeLast() }
    } else {
      var i = 0
      while i < n {
        while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
        if i >= n { break }
        let start = i
        while i < n && line[i] != 0x20 && line[i] != 0x09 { i += 1 }
        cell(start, i)
      }
    }
    return cells
  }
}

/// The state of a matrix file being read.
struct MatrixReader {
  let twoMode: Bool
  /// The delimiter, fixed by the first data line (nil: blanks).
  var delimiter: UInt8?
  var sawFirst = false
  /// Column labels (empty: unlabelled) and whether rows start with their own label.
  var columnLabels: [String] = []
  var rowLabels: Bool?
  /// Number of value columns (0 until the first data line).
  var columns = 0
  var rows = 0
  var firstLine = 0
  var columnPeople: [PersonID] = []
  var columnGroups: [Int] = []
  var ties: PairTies
  var memberships: TwoModeProjection

  init(twoMode: Bool, options: LoadOptions) {
    self.twoMode = twoMode
    ties = PairTies(options: options)
    memberships = TwoModeProjection(options: options)
  }

  mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    guard
      let cells = try MatrixCell.dataCells(
        line, number: number, delimiter: &delimiter, sawFirst: sawFirst, into: &session)
    else { return }
    if !sawFirst {
      sawFirst = true
      firstLine = number
      if cells.contains(where: { $0.number == nil && !$0.text.isEmpty }) {
        // A label row; an empty corner cell means every row starts with its label.
        if cells.first?.text.isEmpty == true {
          rowLabels = true
          columnLabels = cells.dropFirst().map(\.text)
        } else {
          columnLabels = cells.map(\.text)
        }
        columns = columnLabels.count
        makeColumns(into: &session)
        return
      }
      columns = cells.count
      rowLabels = false
      makeColumns(into: &session)
    }
    try row(cells, number: number, into: &session)
  }

  /// The people of the columns (a one-mode matrix), or the groups' names (two-mode).
  private mutating func makeColumns(into session: inout ImportSession) {
    if twoMode {
      for j in 0..<columns {
        let label = j < columnLabels.count ? columnLabels[j] : ""
        columnGroups.append(memberships.declareGroup(label.isEmpty ? "group \(j + 1)" : label))
      }
      return
    }
    columnPeople.reserveCapacity(columns)
    for j in 0..<columns {
      let label = j < columnLabels.count ? columnLabels[j] : ""
      columnPeople.append(Self.person(label.isEmpty ? String(j + 1) : label, named: !label.isEmpty, into: &session))
    }
  }

  static func person(_ key: String, named: Bool, into session: inout ImportSession) -> PersonID {
    let p = session.builder.person(key: key)
    if named { session.builder.setAttributes(p, GraphBuilder.PersonAttributes(name: key), overwrite: false) }
    return p
  }

  private mutating func row(_ cells: [MatrixCell], number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    let r = rows
    rows += 1
    if rowLabels == nil { rowLabels = cells.count == columns + 1 && cells[0].number == nil }
    let labelled = rowLabels == true
    let values = labelled ? cells.dropFirst() : cells[...]
    guard values.count == columns else {
      throw ImportError(
        file: session.file, line: number, column: cells.last?.column ?? 1,
        message:
          "matrix row \(r + 1) has \(TextFormat.count(values.count, "value")); the matrix has \(TextFormat.count(columns, "column"))",
        hint: labelled
          ? "each row is its label and then one value per column" : "each row needs one value per column")
    }
    // The person of this row.
    let label = labelled ? cells[0].text : ""
    let rowPerson: PersonID
    if twoMode {
      rowPerson = Self.person(label.isEmpty ? String(r + 1) : label, named: !label.isEmpty, into: &session)
    } else {
      guard r < columns else {
        throw ImportError(
          file: session.file, line: number, column: 1,
          message:
            "the matrix has more rows than its \(TextFormat.count(columns, "column")); an adjacency matrix is square",
          hint: "people × groups data is two-mode: use --as twomode")
      }
      if labelled && !columnLabels.isEmpty && label != columnLabels[r] {
        session.report.warn(
          line: number, column: cells[0].column,
          "row label \"\(label)\" differs from column label \"\(columnLabels[r])\"")
      }
      rowPerson = columnPeople[r]
    }
    for (j, cell) in values.enumerated() {
      guard let value = cell.number else {
        session.report.rowsRead += 1
        try session.reject(line: number, column: cell.column, "\"\(cell.text)\" is not a number")
        continue
      }
      if value == 0 { continue }
      session.report.rowsRead += 1
      if twoMode {
        if memberships.add(person: rowPerson, group: columnGroups[j]) {
          session.report.imported += 1
        } else {
          session.report.merged += 1
        }
        continue
      }
      if j == r {
        session.report.selfTies += 1
        session.report.reject(line: number, column: cell.column, "self-tie (a loop, on the diagonal) dropped")
        continue
      }
      switch ties.check(value) {
      case .failure(let refusal):
        try session.reject(line: number, column: cell.column, "weight \"\(cell.text)\" \(refusal.reason)")
      case .success(let w):
        if ties.add(rowPerson, columnPeople[j], TieEvidence(), weight: w) {
          session.report.imported += 1
        } else {
          session.report.merged += 1
        }
      }
    }
  }

  mutating func finish(lines: Int, into session: inout ImportSession) throws(ImportError) {
    guard sawFirst else {
      throw ImportError(
        file: session.file, line: lines, column: 0, message: "the matrix has no rows",
        hint: "write one line per row, values separated by commas, semicolons, tabs or spaces")
    }
    if twoMode {
      if rows == 0 {
        throw ImportError(
          file: session.file, line: firstLine, column: 0, message: "the two-mode matrix has labels but no rows",
          hint: "write one row per person, one 0/1 value per group")
      }
      return try memberships.finish(into: &session)
    }
    if rows != columns {
      throw ImportError(
        file: session.file, line: lines, column: 0,
        message:
          "the matrix has \(TextFormat.count(rows, "row")) and \(TextFormat.count(columns, "column")); an adjacency matrix is square",
        hint: rows == 0 ? "write one row per person" : "people × groups data is two-mode: use --as twomode")
    }
    if ties.oneWay > 0 {
      session.report.warn(
        line: 0, column: 0,
        "the matrix is not symmetric (directed): \(ties.oneWay) of \(TextFormat.count(ties.count, "pair")) are tied one way only; "
          + "each pair is one undirected tie")
    }
    try ties.flush(into: &session)
  }
}
