import GraphCore

/// Generic `people.csv` and `ties.csv` tables, columns mapped by header name.
///
/// The file's encoding is found as for contact exports (`ByteSource` in text
/// mode): UTF-8, UTF-16 LE/BE (transcoded as it streams) or, when it is not
/// valid UTF-8, windows-1252; `ImportReport.encoding` says which.
enum TableImporter {
  /// A table's header: normalised names, where each starts, and its line.
  struct Header {
    var names: [String]
    var columns: [Int]
    var line: Int
  }

  /// Reads the header, skipping blank lines.
  /// Opens a table in its encoding (recorded in `report`) and reads its header.
  static func open(
    _ file: String, report: inout ImportReport, detectionBytes: Int
  ) throws(ImportError) -> (CSVTokenizer, Header) {
    let source = try ByteSource(path: file, text: true, detectionBytes: detectionBytes)
    report.encoding = source.encoding.rawValue
    var csv = try CSVTokenizer(source: source)
    let table = try header(&csv, file: file)
    return (csv, table)
  }

  static func header(_ csv: inout CSVTokenizer, file: String) throws(ImportError) -> Header {
    while let record = try csv.next() {
      if record.isBlank { continue }
      var names: [String] = []
      for i in 0..<record.count {
        guard let s = record.string(i) else {
          throw ImportError(
            file: file, line: record.line, column: record.column(i), message: "the header is not valid UTF-8",
            hint: "save the file as UTF-8")
        }
        names.append(ColumnNames.normalize(s))
      }
      return Header(names: names, columns: (0..<record.count).map { record.column($0) }, line: record.line)
    }
    throw ImportError(file: file, line: 0, column: 0, message: "the file is empty", hint: nil)
  }

  /// Refuses a header that names a recognised column twice (which one to
  /// read would be a guess); a repeated name that is not read is a warning.
  /// - Parameter recognised: the names this kind of table reads.
  /// - Complexity: O(columns).
  static func checkRepeatedNames(
    _ header: Header, recognised: [[String]], file: String, report: inout ImportReport
  ) throws(ImportError) {
    var firstIndex: [String: Int] = [:]
    for (i, name) in header.names.enumerated() where !name.isEmpty {
      guard let first = firstIndex[name] else {
        firstIndex[name] = i
        continue
      }
      if recognised.contains(where: { $0.contains(name) }) {
        throw ImportError(
          file: file, line: header.line, column: header.columns[i],
          message: "column \"\(name)\" is in the header twice (columns \(first + 1) and \(i + 1))",
          hint: "rename or remove one of them")
      }
      report.warn(
        line: header.line, column: header.columns[i],
        "column \"\(name)\" is in the header twice (columns \(first + 1) and \(i + 1)); it is not read")
    }
  }

  /// Checks field count and UTF-8 of the fields in `used`; returns a reason to reject, with its column.
  static func check(_ r: CSVRecord, columns: Int, used: [Int]) -> (column: Int, message: String)? {
    if r.count != columns {
      return (
        r.count > columns ? r.column(columns) : r.column(r.count - 1),
        "has \(r.count) field\(r.count == 1 ? "" : "s"), the header has \(columns)"
      )
    }
    for i in used where r.invalidUTF8Offset(i) != nil {
      return (r.column(i) + (r.invalidUTF8Offset(i) ?? 0) + (r.isQuoted(i) ? 1 : 0), "invalid UTF-8 text")
    }
    return nil
  }

  /// The column of the first invalid UTF-8 byte in field `i`, if any.
  static func invalidTextColumn(_ r: CSVRecord, _ i: Int) -> Int? {
    r.invalidUTF8Offset(i).map { r.column(i) + $0 + (r.isQuoted(i) ? 1 : 0) }
  }

  /// - Parameter detectionBytes: how much of the file the encoding is judged on (tests make it small).
  static func importPeople(
    into session: inout ImportSession, detectionBytes: Int = TextEncoding.detectionBytes
  ) throws(ImportError) {
    let file = session.file
    var (csv, table) = try open(file, report: &session.report, detectionBytes: detectionBytes)
    let header = table.names
    try checkRepeatedNames(
      table,
      recognised: [
        ColumnNames.id, ColumnNames.name, ColumnNames.firstName, ColumnNames.lastName, ColumnNames.email,
        ColumnNames.company, ColumnNames.title, ColumnNames.industry, ColumnNames.location, ColumnNames.tags,
        ColumnNames.url,
      ], file: file, report: &session.report)
    guard let idColumn = ColumnNames.find(ColumnNames.id, in: header) else {
      throw ImportError(
        file: file, line: 1, column: 1, message: "no id column in the header",
        hint:
          "a people file needs a column named id (and optionally name, email, company, title, industry, location, tags)"
      )
    }
    let c = (
      name: ColumnNames.find(ColumnNames.name, in: header), first: ColumnNames.find(ColumnNames.firstName, in: header),
      last: ColumnNames.find(ColumnNames.lastName, in: header), email: ColumnNames.find(ColumnNames.email, in: header),
      company: ColumnNames.find(ColumnNames.company, in: header),
      title: ColumnNames.find(ColumnNames.title, in: header),
      industry: ColumnNames.find(ColumnNames.industry, in: header),
      location: ColumnNames.find(ColumnNames.location, in: header),
      tags: ColumnNames.find(ColumnNames.tags, in: header),
      url: ColumnNames.find(ColumnNames.url, in: header)
    )
    let used = [idColumn, c.name, c.first, c.last, c.email, c.company, c.title, c.industry, c.location, c.tags, c.url]
      .compactMap { $0 }
    while let r = try csv.next() {
      if r.isBlank { continue }
      session.report.rowsRead += 1
      if let problem = check(r, columns: header.count, used: used) {
        try session.reject(line: r.line, column: problem.column, problem.message)
        continue
      }
      let id = r.trimmed(idColumn) ?? ""
      if id.isEmpty {
        try session.reject(line: r.line, column: r.column(idColumn), "empty id")
        continue
      }
      func v(_ i: Int?) -> String { i.flatMap { r.trimmed($0) } ?? "" }
      func list(_ i: Int?) -> [String] {
        v(i).split(whereSeparator: { $0 == ";" || $0 == "," }).map { Identity.trim(String($0)) }.filter { !$0.isEmpty }
      }
      var name = v(c.name)
      if name.isEmpty { name = [v(c.first), v(c.last)].filter { !$0.isEmpty }.joined(separator: " ") }
      let before = session.builder.personCount
      let p = session.builder.person(key: id)
      if session.builder.personCount > before { session.report.imported += 1 } else { session.report.merged += 1 }
      session.builder.setAttributes(
        p,
        .init(
          name: name, emails: list(c.email), company: v(c.company), title: v(c.title), industry: v(c.industry),
          location: v(c.location), tags: list(c.tags), profileURL: v(c.url)))
    }
    try session.checkEnd(of: csv.source)
  }

  /// - Parameter detectionBytes: how much of the file the encoding is judged on (tests make it small).
  static func importTies(
    into session: inout ImportSession, detectionBytes: Int = TextEncoding.detectionBytes
  ) throws(ImportError) {
    let file = session.file
    var (csv, table) = try open(file, report: &session.report, detectionBytes: detectionBytes)
    let header = table.names
    try checkRepeatedNames(
      table,
      recognised: [
        ColumnNames.source, ColumnNames.target, ColumnNames.weight, ColumnNames.interactions,
        ColumnNames.lastContact, ColumnNames.since, ColumnNames.kind, ColumnNames.confidence, ColumnNames.time,
      ], file: file, report: &session.report)
    let map = session.columns
    func missing(_ name: String) -> ImportError {
      ImportError(
        file: file, line: table.line, column: 1,
        message: "column \"\(name)\" (named in the column list) is not in the header",
        hint: "the header's columns are: \(header.joined(separator: ", "))")
    }
    let ends = ColumnNames.endpoints(in: header, map: map)
    if let name = ends.missing { throw missing(name) }
    guard let sc = ends.source, let tc = ends.target else {
      let missing = ends.source == nil ? "source" : "target"
      throw ImportError(
        file: file, line: 1, column: 1, message: "no \(missing) column in the header",
        hint:
          "a ties file needs columns source and target (optionally strength, interactions, last_contact, since, kind), "
          + "or name them with --columns source=NAME,target=NAME")
    }
    func column(_ role: String, _ aliases: [String]) throws(ImportError) -> Int? {
      let (i, absent) = ColumnNames.column(role, aliases, in: header, map: map)
      if let absent { throw missing(absent) }
      return i
    }
    let strengthC = try column("weight", ColumnNames.weight)
    let interactionsC = try column("interactions", ColumnNames.interactions)
    let lastC = try column("lastcontact", ColumnNames.lastContact)
    let sinceC = try column("since", ColumnNames.since)
    let kindC = try column("kind", ColumnNames.kind)
    let timeC = try column("time", ColumnNames.time)
    let confidenceC = ColumnNames.find(ColumnNames.confidence, in: header)
    let rating = strengthC.map { ["rating", "value"].contains(header[$0]) } ?? false
    let weights = WeightCollector(chosen: session.options.weights, whenAboveOne: rating ? .scale : .count)
    let decimalComma = csv.delimiter == UInt8(ascii: ";")
    let hasEvidence = [interactionsC, lastC, sinceC, kindC, confidenceC, timeC].contains { $0 != nil }
    let columns = header.count
    let hadPeople = session.builder.personCount > 0
    var sink = TieSink(
      hadPeople: hadPeople, hasEvidence: hasEvidence,
      counts: TieCounts(weights: weights, nextRow: session.builder.tieRowCount))
    let parser = TieRowParser(
      columns: columns, source: sc, target: tc, strength: strengthC, interactions: interactionsC, last: lastC,
      since: sinceC, kind: kindC, time: timeC, confidence: confidenceC, decimalComma: decimalComma,
      hasEvidence: hasEvidence, weights: weights)
    let progress = session.options.onProgress
    var failure: ImportError?
    // Two stages (GraphIO's pipeline): tokenising and parsing each row on
    // this thread, people and ties added to the session on a second one in
    // file order, so people are numbered and rows reported as in one pass.
    Pipeline.run(
      parallel: session.options.pipelined,
      produce: { (emit: (consuming TieRow) -> Bool) in
        var parser = parser
        var rows = 0
        do throws(ImportError) {
          while try csv.advance() {
            let r = csv.record
            if r.isBlank { continue }
            rows += 1
            if rows & 0xFFFF == 0, let progress { progress(file, csv.source.bytesRead, csv.source.size) }
            if !emit(parser.parse(r)) { return }
          }
        } catch {
          _ = emit(TieRow(failed: error))
        }
      },
      consume: { (row: consuming TieRow) in
        do throws(ImportError) {
          try sink.add(row, to: &session)
          return true
        } catch {
          failure = error
          return false
        }
      })
    if let failure { throw failure }
    sink.counts.finish(&session)
    try session.checkEnd(of: csv.source)
  }

  /// The message for a date field that is not a date: its form is not one
  /// read, or it has the form of a day that does not exist.
  static func dateMessage(_ shown: String) -> String {
    if case .failure(let problem) = Day.parse(shown), problem.isOutOfRange {
      return "date \"\(shown)\": \(problem)"
    }
    return "date \"\(shown)\" is not YYYY-MM-DD, DD Mon YYYY or M/D/YY"
  }
}
