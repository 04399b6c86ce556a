import GraphCore

/// One data row of a ties table, parsed without touching the session: the
/// two stages of `TableImporter.importTies` hand these over in file order.
/// The common row (integer ids, readable evidence) is a few plain values;
/// anything else carries its whole reading in `details`, made only then.
struct TieRow {
  var line: Int
  var a: Int64 = 0
  var b: Int64 = 0
  /// The strength field's number as read (nil: not a number), when the field is not blank.
  var weight: Double??
  var strength: Double?
  var magnitude = 0.0
  var negative = false
  var last: Day?
  var since: Day?
  var interactions: Int?
  /// The kind, if any (short ones are held inline, longer ones interned).
  var kind: String?
  var sourceColumn = 0
  var details: TieRowDetails?

  init(line: Int) { self.line = line }
  init(failed: ImportError) {
    line = failed.line
    details = TieRowDetails(failed: failed)
  }
}

/// A row off the common path: a rejection, an id that is text, evidence
/// that could not be read, a time or confidence column.
final class TieRowDetails {
  /// A tie's end: an integer id, an id as text, or why the field names
  /// nobody (its column and the message).
  enum Endpoint {
    case integer(Int64)
    case text(String)
    case invalid(column: Int, message: String)
  }

  var line: Int
  /// The reader stopped here (a malformed file); the row is nothing else.
  var failed: ImportError?
  /// Why the row is rejected before anyone is added: field count or strength.
  var rejected: (column: Int, message: String, hint: String?)?
  var source = Endpoint.integer(0)
  var target = Endpoint.integer(0)
  /// Where the source field starts (a self-tie is reported there).
  var sourceColumn = 0
  /// The strength field's number as read (nil: not a number), when the field is not blank.
  var weight: Double??
  var strength: Double?
  var magnitude = 0.0
  var negative = false
  /// The tie's evidence when the table has evidence columns (or the weight is negative).
  var evidence: TieEvidence?
  /// The first evidence field that could not be read: its column and the message.
  var evidenceProblem: (column: Int, message: String)?

  init(line: Int) { self.line = line }
  init(failed: ImportError) {
    line = failed.line
    self.failed = failed
  }
}

/// The first stage of reading a ties table: each record to a `TieRow`, with
/// the same checks, in the same order, as one pass would make them.
struct TieRowParser {
  let columns: Int
  let source: Int
  let target: Int
  let strength: Int?
  let interactions: Int?
  let last: Int?
  let since: Int?
  let kind: Int?
  let time: Int?
  let confidence: Int?
  let decimalComma: Bool
  let hasEvidence: Bool
  /// The importer's weight rules, as given: whether a weight is refused, and
  /// the strength it gives, do not depend on the rows read before.
  var weights: WeightCollector
  var kinds = FieldInterner()

  /// The row `r` (not blank), parsed.
  /// - Complexity: O(bytes of the record).
  mutating func parse(_ r: CSVRecord) -> TieRow {
    if let row = common(r) { return row }
    var row = TieRow(line: r.line)
    row.details = detailed(r)
    return row
  }

  /// The common row in one pass over its fields: the right field count,
  /// integer ids, a weight the rules take, evidence that reads, no time or
  /// confidence column; nil for any other row.
  mutating func common(_ r: CSVRecord) -> TieRow? {
    guard r.count == columns, time == nil, confidence == nil else { return nil }
    var row = TieRow(line: r.line)
    let (sc, tc, strengthC, decimalComma, hasEvidence) = (source, target, strength, decimalComma, hasEvidence)
    let (lastC, sinceC, countC, kindC) = (last, since, interactions, kind)
    let ok = r.withFields { f -> Bool in
      guard let a = Identity.canonicalInteger(bytes: f[sc]), let b = Identity.canonicalInteger(bytes: f[tc]) else {
        return false
      }
      row.a = a
      row.b = b
      @inline(__always) func blank(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        field.allSatisfy { $0 == 0x20 || $0 == 0x09 }
      }
      if let strengthC, !blank(f[strengthC]) {
        var value = NumberParsing.decimal(f[strengthC])
        if value == nil && decimalComma { value = NumberParsing.decimal(commaBytes: f[strengthC]) }
        row.weight = .some(value)
        guard case .tie(let s, let m, let n) = weigh(value) else { return false }
        (row.strength, row.magnitude, row.negative) = (s, m, n)
      }
      guard hasEvidence || row.negative else { return true }
      func day(_ c: Int?) -> (Day?, Bool) {
        guard let c else { return (nil, true) }
        if let d = Day(parsingBytes: f[c]) { return (d, true) }
        return (nil, blank(f[c]))
      }
      let (last, lastOK) = day(lastC)
      let (since, sinceOK) = day(sinceC)
      guard lastOK && sinceOK else { return false }
      row.last = last
      row.since = since
      if let countC, !blank(f[countC]) {
        guard let n = NumberParsing.count(f[countC]) else { return false }
        row.interactions = n
      }
      if let kindC {
        guard let k = kinds.trimmedText(f[kindC]) else { return false }
        if !k.isEmpty { row.kind = k }
      }
      return true
    }
    guard ok else { return nil }
    row.sourceColumn = r.column(sc)
    return row
  }

  /// Any row, read field by field with the checks in the order one pass makes them.
  mutating func detailed(_ r: CSVRecord) -> TieRowDetails {
    let row = TieRowDetails(line: r.line)
    if r.count != columns {
      row.rejected = (
        r.count > columns ? r.column(columns) : r.column(r.count - 1),
        "has \(r.count) field\(r.count == 1 ? "" : "s"), the header has \(columns)", nil
      )
      return row
    }
    let (sc, tc, strengthC) = (source, target, strength)
    let quick = r.withFields { f -> (a: Int64?, b: Int64?, strength: Double?, empty: Bool) in
      let a = Identity.canonicalInteger(bytes: f[sc])
      let b = Identity.canonicalInteger(bytes: f[tc])
      guard let strengthC else { return (a, b, nil, true) }
      let field = f[strengthC]
      var empty = true
      for x in field where x != 0x20 && x != 0x09 {
        empty = false
        break
      }
      return (a, b, empty ? nil : NumberParsing.decimal(field), empty)
    }
    if let strengthC, !quick.empty {
      var value = quick.strength
      if value == nil && decimalComma { value = r.withField(strengthC) { NumberParsing.decimal(commaBytes: $0) } }
      row.weight = .some(value)
      switch weigh(value) {
      case .tie(let s, let m, let n):
        (row.strength, row.magnitude, row.negative) = (s, m, n)
      case .refused(let problem):
        let shown = r.string(strengthC) ?? "?"
        row.rejected = (r.column(strengthC), "strength \"\(shown)\" \(problem)", NumberParsing.strengthHint)
        return row
      }
    }
    row.source = Self.endpoint(r, quick.a, sc, "source")
    row.target = Self.endpoint(r, quick.b, tc, "target")
    row.sourceColumn = r.column(sc)
    if hasEvidence || row.negative { evidence(r, into: row) }
    return row
  }

  /// A weight as the rules read it (a plain strength needs no reading).
  mutating func weigh(_ value: Double?) -> WeightCollector.Reading {
    if let s = weights.plainStrength(value) { return .tie(strength: s, magnitude: s, negative: false) }
    return weights.read(value)
  }

  /// Field `c` as a tie's end (`key`: its integer fast path).
  static func endpoint(_ r: CSVRecord, _ key: Int64?, _ c: Int, _ role: String) -> TieRowDetails.Endpoint {
    if let key { return .integer(key) }
    if let s = r.trimmed(c), !s.isEmpty { return .text(s) }
    return .invalid(
      column: TableImporter.invalidTextColumn(r, c) ?? r.column(c),
      message: r.string(c) == nil ? "invalid UTF-8 text" : "empty \(role)")
  }

  /// The evidence columns; the first one that cannot be read is the row's problem.
  mutating func evidence(_ r: CSVRecord, into row: TieRowDetails) {
    var e = TieEvidence(strength: row.strength)
    var bad: (Int, String)?
    func day(_ c: Int?) -> Day? {
      guard let c else { return nil }
      let parsed = r.withField(c) { b -> (Day?, Bool) in
        (Day(parsingBytes: b), b.allSatisfy { $0 == 0x20 || $0 == 0x09 })
      }
      if let d = parsed.0 { return d }
      if parsed.1 { return nil }
      bad = bad ?? (c, TableImporter.dateMessage(r.trimmed(c) ?? "?"))
      return nil
    }
    e.lastContact = day(last)
    e.since = day(since)
    if let interactions, !r.withField(interactions, { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }) {
      e.interactions = r.withField(interactions) { NumberParsing.count($0) }
      if e.interactions == nil {
        bad = bad ?? (interactions, "interactions \"\(r.trimmed(interactions) ?? "?")\" is not a whole number ≥ 0")
      }
    }
    if let kind {
      if let k = r.withField(kind, { kinds.trimmedText($0) }) {
        if !k.isEmpty { e.kind = k }
      } else {
        bad = bad ?? (kind, "invalid UTF-8 text")
      }
    }
    if let time, !r.withField(time, { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }) {
      // One contact at that time (Guides/Importing.md, "Columns").
      if let t = r.withField(time, { NumberParsing.day(time: $0) }) {
        e.lastContact = e.lastContact ?? t
        e.since = e.since ?? t
        e.interactions = e.interactions ?? 1
      } else {
        bad = bad ?? (time, "time \"\(r.trimmed(time) ?? "?")\" is not seconds since 1970 or a date")
      }
    }
    e.negative = row.negative
    if let confidence, let text = r.trimmed(confidence), !text.isEmpty {
      let c = r.withField(confidence) { NumberParsing.decimal($0) }
      if let c, c > 0, c <= 1 {
        e.inferredConfidence = c
      } else {
        bad = bad ?? (confidence, "confidence \"\(text)\" is not a number in (0, 1]")
      }
    }
    row.evidence = e
    row.evidenceProblem = bad.map { (column: r.column($0.0), message: $0.1) }
  }
}

/// The second stage of reading a ties table: each parsed row into the
/// session, in file order (people numbered, ties added, rows rejected and
/// counted as one pass would).
struct TieSink {
  let hadPeople: Bool
  let hasEvidence: Bool
  var counts: TieCounts

  /// Adds `row` to `session`; throws when the reader failed there, or at a
  /// rejected row in strict mode.
  mutating func add(_ row: consuming TieRow, to session: inout ImportSession) throws(ImportError) {
    let row = consume row
    if let details = row.details { return try add(details, to: &session) }
    session.report.rowsRead += 1
    counts.read(row.weight)
    let before = hadPeople ? session.builder.personCount : 0
    let a = session.builder.person(integerKey: row.a)
    let b = session.builder.person(integerKey: row.b)
    if hadPeople { session.report.peopleAdded += session.builder.personCount - before }
    var evidence: TieEvidence?
    if hasEvidence || row.negative {
      evidence = TieEvidence(
        strength: row.strength, interactions: row.interactions, lastContact: row.last, since: row.since,
        kind: row.kind, negative: row.negative)
    }
    try addTie(
      a, b, evidence: evidence, strength: row.strength, magnitude: row.magnitude, negative: row.negative,
      line: row.line, sourceColumn: row.sourceColumn, to: &session)
  }

  /// A row off the common path, with the checks in the order one pass makes them.
  mutating func add(_ row: TieRowDetails, to session: inout ImportSession) throws(ImportError) {
    if let failed = row.failed { throw failed }
    session.report.rowsRead += 1
    if let (column, message, hint) = row.rejected {
      try session.reject(line: row.line, column: column, message, hint: hint)
      return
    }
    counts.read(row.weight)
    let before = hadPeople ? session.builder.personCount : 0
    guard let a = try person(row.source, row: row, in: &session), let b = try person(row.target, row: row, in: &session)
    else { return }
    if hadPeople { session.report.peopleAdded += session.builder.personCount - before }
    if hasEvidence || row.negative, let (column, message) = row.evidenceProblem {
      try session.reject(line: row.line, column: column, message)
      return
    }
    try addTie(
      a, b, evidence: hasEvidence || row.negative ? row.evidence ?? TieEvidence(strength: row.strength) : nil,
      strength: row.strength, magnitude: row.magnitude, negative: row.negative, line: row.line,
      sourceColumn: row.sourceColumn, to: &session)
  }

  /// Adds the tie a–b; a tie the builder refuses rejects its row.
  mutating func addTie(
    _ a: PersonID, _ b: PersonID, evidence: TieEvidence?, strength: Double?, magnitude: Double, negative: Bool,
    line: Int, sourceColumn: Int, to session: inout ImportSession
  ) throws(ImportError) {
    do throws(GraphBuildError) {
      try counts.add(
        a, b, evidence: evidence, strength: strength.map { Float($0) }, magnitude: magnitude, negative: negative,
        line: line, selfTieColumn: sourceColumn, to: &session)
    } catch {
      try session.reject(line: line, column: 1, error.description)
    }
  }

  /// The person at one end, or nil once the row is rejected.
  func person(_ end: TieRowDetails.Endpoint, row: TieRowDetails, in session: inout ImportSession) throws(ImportError)
    -> PersonID?
  {
    switch end {
    case .integer(let key): return session.builder.person(integerKey: key)
    case .text(let key): return session.builder.person(key: key)
    case .invalid(let column, let message):
      try session.reject(line: row.line, column: column, message)
      return nil
    }
  }
}

/// What a ties importer keeps while it adds ties (ties tables and edge
/// lists): the weights read, the builder's next tie row, the negative ties.
struct TieCounts {
  var weights: WeightCollector
  /// The builder's next tie row, counted here: reading it from the builder per row copies the builder.
  var nextRow: Int
  var negativeTies = 0

  init(weights: WeightCollector, nextRow: Int) {
    self.weights = weights
    self.nextRow = nextRow
  }

  /// Reads a row's weight as the rules do (a plain strength needs no reading),
  /// for rows whose weight field is not blank.
  mutating func read(_ weight: Double??) {
    if let weight, weights.plainStrength(weight) == nil { _ = weights.read(weight) }
  }

  /// Adds the tie a–b, with `evidence` or only its strength, and counts it;
  /// a self-tie is dropped and reported at `selfTieColumn`.
  mutating func add(
    _ a: PersonID, _ b: PersonID, evidence: TieEvidence?, strength: Float?, magnitude: Double, negative: Bool,
    line: Int, selfTieColumn: Int, to session: inout ImportSession
  ) throws(GraphBuildError) {
    let row = nextRow
    let admission =
      if let evidence {
        try session.builder.addTie(a, b, evidence: evidence)
      } else {
        try session.builder.addTie(a, b, strength: strength)
      }
    if admission == .selfTieDropped {
      session.report.selfTies += 1
      session.report.reject(line: line, column: selfTieColumn, "self-tie (source equals target) dropped")
    } else {
      session.report.imported += 1
      nextRow += 1
      #if LIAISON_INTERNAL_CHECKS
        precondition(session.builder.tieRowCount == nextRow, "one tie row per admitted row")
      #endif
      if negative { negativeTies += 1 }
      if magnitude > 0 { weights.added(row: row, magnitude: magnitude) }
    }
  }

  /// Hands the weights to the builder (a mapping chosen from every value)
  /// and the count of negative ties to the report.
  mutating func finish(_ session: inout ImportSession) {
    weights.finish(builder: &session.builder, report: &session.report)
    if negativeTies > 0 { session.report.negativeTies = negativeTies }
  }
}
