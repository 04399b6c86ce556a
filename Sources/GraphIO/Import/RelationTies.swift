import GraphCore

/// One token of a line in a network file (Pajek, UCINET DL): its text
/// (quotes removed) and its 1-based byte column.
struct LineToken {
  var text: String
  var column: Int
  /// Whether the token was written in quotes (a label, never a number).
  var quoted: Bool
}

extension LineToken {
  /// Splits `line` at blanks (and at commas when `commas`), keeping text in
  /// double quotes whole. A quote left open runs to the end of the line.
  /// - Returns: nil when the line is not valid UTF-8.
  /// - Complexity: O(bytes of the line).
  static func split(_ line: UnsafeBufferPointer<UInt8>, commas: Bool = false) -> [LineToken]? {
    guard ByteScan.text(line) != nil else { return nil }
    func isSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || (commas && b == UInt8(ascii: ",")) }
    var tokens: [LineToken] = []
    var i = 0
    let n = line.count
    while i < n {
      while i < n && isSeparator(line[i]) { i += 1 }
      if i >= n { break }
      let column = i + 1
      if line[i] == UInt8(ascii: "\"") {
        let start = i + 1
        var end = start
        while end < n && line[end] != UInt8(ascii: "\"") { end += 1 }
        tokens.append(LineToken(text: decode(line, start, end), column: column, quoted: true))
        i = end + 1
      } else {
        let start = i
        while i < n && !isSeparator(line[i]) { i += 1 }
        tokens.append(LineToken(text: decode(line, start, i), column: column, quoted: false))
      }
    }
    return tokens
  }

  private static func decode(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
  }

  /// The token as a finite number, or nil.
  var number: Double? {
    guard !quoted, let v = Double(text), v.isFinite else { return nil }
    return v
  }
}

/// The ties of a network file that may carry several relations (Pajek,
/// UCINET DL), gathered while the file is read and added to the network
/// once it ends: one tie per pair of people, in either direction, its kind
/// listing every relation it carries in the order the file declares them
/// (Guides/Importing.md, "Pajek" and "UCINET DL").
///
/// When every weight of the file is in (0, 1], each is kept as its tie's
/// strength (the largest when the pair is met again). One weight outside
/// that range (a count, a rank, a sign) means the weights are on another
/// scale: none is kept, the ties are unrated, and the file gets a warning.
/// A negative weight still marks its tie negative (signed), as in tables and
/// edge lists: a pair is negative when any of its rows is. Direction is not kept.
///
/// - Complexity: O(1) expected per tie row; memory O(distinct pairs).
struct RelationTies {
  private var index: [UInt64: Int] = [:]
  private var ends: [(PersonID, PersonID)] = []
  private var relations: [[Int]] = []
  private var strengths: [Float] = []
  private var negative: [Bool] = []
  /// Rows with a negative weight (`ImportReport.negativeTies`).
  private(set) var negativeRows = 0
  /// Relation names in declaration order; kinds list them in this order.
  private(set) var relationNames: [String] = []
  private var relationIndex: [String: Int] = [:]
  /// Rows whose weight was not kept as a strength, and the first of them.
  private(set) var weightsNotKept = 0
  private(set) var firstWeightNotKept: (line: Int, column: Int, text: String)?

  /// The number of a relation named `name`, declared now if new.
  mutating func relation(named name: String) -> Int {
    if let r = relationIndex[name] { return r }
    relationNames.append(name)
    relationIndex[name] = relationNames.count - 1
    return relationNames.count - 1
  }

  /// Adds one tie row. `weight` is as written (nil when absent).
  /// - Returns: whether the pair is new (the row is `imported`, else `merged`).
  mutating func add(
    _ a: PersonID, _ b: PersonID, relation: Int?, weight: Double?, line: Int, column: Int, weightText: String
  ) -> Bool {
    var strength = Float.nan
    let isNegative = (weight ?? 0) < 0
    if isNegative { negativeRows += 1 }
    if let w = weight {
      if w > 0 && w <= 1 && Float(w) > 0 {
        strength = Float(w)
      } else {
        weightsNotKept += 1
        if firstWeightNotKept == nil { firstWeightNotKept = (line, column, weightText) }
      }
    }
    let key = UInt64(UInt32(bitPattern: min(a, b))) << 32 | UInt64(UInt32(bitPattern: max(a, b)))
    if let t = index[key] {
      if let r = relation, !relations[t].contains(r) { relations[t].append(r) }
      if !strength.isNaN && !(strengths[t] >= strength) { strengths[t] = strength }
      if isNegative { negative[t] = true }
      return false
    }
    index[key] = ends.count
    ends.append((a, b))
    relations.append(relation.map { [$0] } ?? [])
    strengths.append(strength)
    negative.append(isNegative)
    return true
  }

  /// Adds the gathered ties to `session`'s network, with a warning when
  /// weights were not kept.
  /// - Parameter sole: when true and the file holds one relation, ties get no kind (the file names no relation).
  func flush(into session: inout ImportSession, sole: Bool = false) throws(ImportError) {
    let omitKinds = sole && relationNames.count <= 1
    let keepStrengths = weightsNotKept == 0
    session.builder.reserveTies(ends.count)
    for t in ends.indices {
      let kind = relations[t].sorted().map { relationNames[$0] }.joined(separator: "+")
      let evidence = TieEvidence(
        strength: strengths[t].isNaN || !keepStrengths ? nil : Double(strengths[t]),
        kind: kind.isEmpty || omitKinds ? nil : kind, negative: negative[t])
      do throws(GraphBuildError) {
        _ = try session.builder.addTie(ends[t].0, ends[t].1, evidence: evidence)
      } catch {
        throw ImportError(file: session.file, line: 0, column: 0, message: error.description, hint: nil)
      }
    }
    if let first = firstWeightNotKept {
      session.report.warn(
        line: first.line, column: first.column,
        "\(weightsNotKept) weight(s) outside (0, 1] (first \"\(first.text)\"): the weights are not "
          + "strengths, so none was kept and the ties are unrated")
    }
    if negativeRows > 0 { session.report.negativeTies = negativeRows }
  }
}
