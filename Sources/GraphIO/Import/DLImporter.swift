import GraphCore

/// UCINET DL files, read line by line (Guides/Importing.md, "UCINET DL").
///
/// Read: the header `dl n=N` with `format=fullmatrix` (the default),
/// `edgelist1` or `nodelist1`, `labels:` followed by N labels (on one or
/// more lines, separated by commas or blanks, quotes allowed), `labels
/// embedded`, then `data:`. A full matrix may wrap its rows over several
/// lines; a non-zero cell is a tie. Edge lists are `from to [weight]`,
/// node lists `ego alter alter …`, by number (1 to N) or, with embedded
/// labels, by label. Ties are undirected: a pair written in both directions
/// is one tie.
///
/// - Complexity: O(bytes + N + E) time; memory O(N + distinct pairs) plus one read chunk.
enum DLImporter {
  enum Layout: String { case fullmatrix, edgelist1, nodelist1 }

  static func importDL(into session: inout ImportSession) throws(ImportError) {
    var state = DLReader()
    let (lines, source) = try session.forEachLine { (line, number, session) throws(ImportError) in
      try state.read(line, number: number, into: &session)
    }
    if !state.inData {
      throw ImportError(
        file: session.file, line: lines, column: 0, message: "the DL file has no data: line",
        hint: "write data: before the matrix or the list")
    }
    if state.layout == .fullmatrix, state.cell > 0, state.cell < state.matrixCells {
      session.report.rowsRead += 1
      try session.reject(
        line: lines, column: 0,
        "the matrix ends after \(state.cell) of its \(TextFormat.count(state.matrixCells, "value"))",
        hint: "each of the \(TextFormat.count(state.n, "row")) needs \(TextFormat.count(state.n, "value"))")
    }
    try state.ties.flush(into: &session)
    try session.checkEnd(of: source)
  }
}

/// The state of a DL file being read.
struct DLReader {
  var n = 0
  var sawN = false
  var layout = DLImporter.Layout.fullmatrix
  var embedded = false
  var readingLabels = false
  var labels: [String] = []
  var inData = false
  var people: [PersonID] = []
  var ties = RelationTies()
  /// Full matrix: the next value's place (embedded labels count as cells).
  var cell = 0
  var matrixCells: Int { embedded ? n + n * (n + 1) : n * n }

  mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    guard let tokens = LineToken.split(line, commas: true) else {
      session.report.rowsRead += 1
      return try session.reject(line: number, column: 1, "invalid UTF-8 text", hint: "save the file as UTF-8")
    }
    if tokens.isEmpty { return }
    if inData { return try data(tokens, number: number, into: &session) }
    try header(tokens, number: number, session: session)
  }

  // MARK: Header

  private mutating func header(_ tokens: [LineToken], number: Int, session: borrowing ImportSession)
    throws(ImportError)
  {
    var k = 0
    func fail(_ t: LineToken, _ message: String, _ hint: String) -> ImportError {
      ImportError(file: session.file, line: number, column: t.column, message: message, hint: hint)
    }
    while k < tokens.count {
      let t = tokens[k]
      let word = t.quoted ? "" : t.text.lowercased()
      if readingLabels && !["data:", "labels:", "format", "format="].contains(word) && !word.hasPrefix("format=") {
        labels.append(t.text)
        if labels.count > n {
          throw fail(t, "more than the \(TextFormat.count(n, "label")) of n=\(n)", "give exactly n labels")
        }
        k += 1
        continue
      }
      readingLabels = false
      // `key = value`, `key= value`, `key =value` and `key=value` are one setting.
      var setting = word
      if k + 1 < tokens.count, tokens[k + 1].text == "=" || tokens[k + 1].text.hasPrefix("=") || word.hasSuffix("=") {
        var joined = word
        var j = k + 1
        while j < tokens.count && (joined.hasSuffix("=") || tokens[j].text.hasPrefix("=")) {
          joined += tokens[j].text.lowercased()
          j += 1
        }
        if joined.contains("=") && !joined.hasSuffix("=") {
          setting = joined
          k = j - 1
        }
      }
      switch setting {
      case "dl": break
      case "labels:": readingLabels = true
      case "labels":
        if k + 1 < tokens.count,
          tokens[k + 1].text.lowercased() == "embedded" || tokens[k + 1].text.lowercased() == "embedded:"
        {
          embedded = true
          k += 1
        } else {
          readingLabels = true
        }
      case "embedded", "embedded:": embedded = true
      case "data:":
        try startData(at: t, number: number, session: session)
        if k + 1 < tokens.count {
          throw fail(tokens[k + 1], "data starts on the line after data:", "move the values to the next line")
        }
        return
      default:
        if setting.hasPrefix("n=") {
          guard let v = Int(setting.dropFirst(2)), v >= 0, v <= PajekImporter.maxVertices else {
            throw fail(t, "n must be a number of people (0 to \(PajekImporter.maxVertices))", "write dl n=NUMBER")
          }
          n = v
          sawN = true
        } else if setting.hasPrefix("format=") {
          let name = String(setting.dropFirst(7))
          guard
            let l = DLImporter.Layout(
              rawValue: name == "fm" ? "fullmatrix" : name == "el1" ? "edgelist1" : name == "nl1" ? "nodelist1" : name)
          else {
            throw fail(
              t, "format \"\(name)\" is not read", "use format=fullmatrix, edgelist1 or nodelist1")
          }
          layout = l
        } else if setting.hasPrefix("nr=") || setting.hasPrefix("nc=") || setting.hasPrefix("nm=") {
          if setting != "nm=1" {
            throw fail(
              t, "\(setting): two-mode data and several matrices are not read",
              "save one one-mode matrix per file (n=…)")
          }
        } else if setting.hasPrefix("diagonal=") || setting.hasPrefix("title=") {
          break
        } else {
          throw fail(t, "\"\(t.text)\" is not a DL header word", "the header is: dl n=N format=… labels: … data:")
        }
      }
      k += 1
    }
  }

  private mutating func startData(at t: LineToken, number: Int, session: borrowing ImportSession)
    throws(ImportError)
  {
    guard sawN else {
      throw ImportError(
        file: session.file, line: number, column: t.column, message: "the DL header has no n=",
        hint: "write dl n=NUMBER before data:")
    }
    if !labels.isEmpty && labels.count != n {
      throw ImportError(
        file: session.file, line: number, column: t.column,
        message: "\(TextFormat.count(labels.count, "label")) for n=\(TextFormat.count(n, "person", plural: "people"))",
        hint: "give exactly n labels")
    }
    inData = true
    readingLabels = false
    if embedded && layout == .fullmatrix { labels = [] }
  }

  // MARK: Data

  /// Makes the N people, named by the labels when there are any, else numbered 1 to N.
  private mutating func makePeople(into session: inout ImportSession) {
    people.reserveCapacity(n)
    for j in 0..<n {
      let label = j < labels.count ? labels[j] : ""
      let p = session.builder.person(key: label.isEmpty ? String(j + 1) : label)
      if !label.isEmpty {
        session.builder.setAttributes(p, GraphBuilder.PersonAttributes(name: label), overwrite: false)
      }
      people.append(p)
    }
  }

  private mutating func data(_ tokens: [LineToken], number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    if !embedded && people.isEmpty && n > 0 { makePeople(into: &session) }
    switch layout {
    case .fullmatrix:
      for t in tokens { try matrixCell(t, number: number, into: &session) }
    case .edgelist1, .nodelist1:
      guard let u = try end(tokens[0], number: number, into: &session) else { return }
      if tokens.count < 2 {
        session.report.rowsRead += 1
        return try session.reject(line: number, column: tokens[0].column, "a line needs at least two people")
      }
      if layout == .edgelist1 {
        if tokens.count > 3 {
          session.report.rowsRead += 1
          return try session.reject(
            line: number, column: tokens[3].column, "an edgelist1 line is: from to [weight]")
        }
        guard let v = try end(tokens[1], number: number, into: &session) else { return }
        try add(u, v, weight: tokens.count > 2 ? tokens[2] : nil, place: tokens[0], number: number, into: &session)
      } else {
        for t in tokens.dropFirst() {
          guard let v = try end(t, number: number, into: &session) else { continue }
          try add(u, v, weight: nil, place: t, number: number, into: &session)
        }
      }
    }
  }

  private mutating func matrixCell(_ t: LineToken, number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    defer { cell += 1 }
    guard cell < matrixCells else {
      session.report.rowsRead += 1
      return try session.reject(line: number, column: t.column, "more than the \(n) × \(n) values of the matrix")
    }
    let row: Int
    let column: Int
    if embedded {
      if cell < n { return try checkLabel(t, cell, number: number, into: &session) }
      let place = cell - n
      row = place / (n + 1)
      if place % (n + 1) == 0 { return try checkLabel(t, row, number: number, into: &session) }
      column = place % (n + 1) - 1
    } else {
      row = cell / n
      column = cell % n
    }
    guard let value = t.number else {
      session.report.rowsRead += 1
      return try session.reject(line: number, column: t.column, "\"\(t.text)\" is not a number")
    }
    if value == 0 { return }
    try add(people[row], people[column], weight: t, place: t, number: number, into: &session)
  }

  /// An embedded label of the matrix: names person `i` (the same label in a row and its column).
  private mutating func checkLabel(_ t: LineToken, _ i: Int, number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    if cell < n {
      // The column labels come first and name the people.
      labels.append(t.text)
      if labels.count == n { makePeople(into: &session) }
      return
    }
    if i < labels.count && t.text != labels[i] {
      session.report.warn(
        line: number, column: t.column, "row label \"\(t.text)\" differs from column label \"\(labels[i])\"")
    }
  }

  /// The person a number (or, with embedded labels, a label) names; nil after rejecting the row.
  private mutating func end(_ t: LineToken, number: Int, into session: inout ImportSession)
    throws(ImportError) -> PersonID?
  {
    if embedded {
      let p = session.builder.person(key: t.text)
      session.builder.setAttributes(p, GraphBuilder.PersonAttributes(name: t.text), overwrite: false)
      return p
    }
    if let i = Int(t.text), i >= 1, i <= n { return people[i - 1] }
    session.report.rowsRead += 1
    try session.reject(
      line: number, column: t.column, "\"\(t.text)\" is not a person number from 1 to \(n)",
      hint: "with names instead of numbers, write labels embedded in the header")
    return nil
  }

  private mutating func add(
    _ u: PersonID, _ v: PersonID, weight: LineToken?, place: LineToken, number: Int,
    into session: inout ImportSession
  ) throws(ImportError) {
    session.report.rowsRead += 1
    if u == v {
      session.report.selfTies += 1
      session.report.reject(line: number, column: place.column, "self-tie (a loop) dropped")
      return
    }
    if let weight, weight.number == nil {
      return try session.reject(line: number, column: weight.column, "weight \"\(weight.text)\" is not a number")
    }
    let isNew = ties.add(
      u, v, relation: nil, weight: weight?.number, line: number, column: weight?.column ?? 0,
      weightText: weight?.text ?? "")
    if isNew { session.report.imported += 1 } else { session.report.merged += 1 }
  }
}
