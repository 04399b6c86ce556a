import GraphCore

/// The ties of a matrix, GraphML, GEXF or two-mode file, gathered while the
/// file is read and added to the network once it ends: one tie per pair of
/// people, in either direction (direction is not kept, as for Pajek
/// `*Arcs`), its kind listing every kind met for the pair in file order, its
/// weight mapped to a strength by `WeightCollector` (`--weights`;
/// Guides/Importing.md, "Weights").
///
/// The first row of a pair sets its evidence; later rows fill what is still
/// absent, add their kinds and keep the weight of largest magnitude. A
/// negative weight marks the tie negative (signed), as in tables and edge
/// lists: a pair is negative when any of its rows is.
///
/// - Complexity: O(1) expected per row; memory O(distinct pairs).
struct PairTies {
  private var index: [UInt64: Int] = [:]
  private var ends: [(PersonID, PersonID)] = []
  private var evidence: [TieEvidence] = []
  private var kinds: [[String]] = []
  private var magnitudes: [Double] = []
  private var negative: [Bool] = []
  /// Ordered pairs seen, to tell a symmetric matrix from a directed one.
  private(set) var oneWay = 0
  private var directions: [UInt8] = []
  var weights: WeightCollector
  /// Rows with a negative weight (`ImportReport.negativeTies`).
  private(set) var negativeRows = 0
  /// Most kinds named in one tie's kind (more are summarised as `+N more`).
  static let kindLimit = 8

  init(options: LoadOptions) {
    weights = WeightCollector(chosen: options.weights)
  }

  var count: Int { ends.count }

  /// A row's weight once checked: as `add` takes it, or the reason it is refused.
  typealias Weight = (strength: Double?, magnitude: Double, negative: Bool)

  /// Checks one row's weight (`.none`: the row gives none; `.some(nil)`: its
  /// text is not a number). A refused row is rejected by the caller with the
  /// reason, which follows `weight "TEXT" `.
  mutating func check(_ weight: Double??) -> Result<Weight, WeightRefusal> {
    guard let weight else { return .success((nil, 0, false)) }
    switch weights.read(weight) {
    case .tie(let s, let m, let n):
      if n { negativeRows += 1 }
      return .success((s, m, n))
    case .refused(let reason): return .failure(WeightRefusal(reason: reason))
    }
  }

  /// Adds one row for the pair a → b with its checked weight.
  /// - Returns: whether the pair is new (the row is `imported`, else `merged`).
  mutating func add(
    _ a: PersonID, _ b: PersonID, _ e: TieEvidence, weight: Weight, kinds more: [String] = []
  ) -> Bool {
    let key = UInt64(UInt32(bitPattern: min(a, b))) << 32 | UInt64(UInt32(bitPattern: max(a, b)))
    let direction: UInt8 = a < b ? 1 : 2
    if let t = index[key] {
      if directions[t] & direction == 0 {
        directions[t] |= direction
        oneWay -= 1
      }
      var x = evidence[t]
      x.interactions = x.interactions ?? e.interactions
      x.interactionsOut = x.interactionsOut ?? e.interactionsOut
      x.interactionsIn = x.interactionsIn ?? e.interactionsIn
      x.lastContact = x.lastContact ?? e.lastContact
      x.since = x.since ?? e.since
      x.source = x.source ?? e.source
      x.inferredConfidence = x.inferredConfidence ?? e.inferredConfidence
      evidence[t] = x
      for k in [e.kind ?? ""] + more where !k.isEmpty && !kinds[t].contains(k) { kinds[t].append(k) }
      if weight.negative { negative[t] = true }
      if weight.magnitude > magnitudes[t] {
        magnitudes[t] = weight.magnitude
        evidence[t].strength = weight.strength
      }
      return false
    }
    index[key] = ends.count
    ends.append((a, b))
    var x = e
    x.strength = weight.strength
    x.kind = nil
    evidence.append(x)
    kinds.append((e.kind.map { $0.isEmpty ? [] : [$0] } ?? []) + more)
    magnitudes.append(weight.magnitude)
    negative.append(weight.negative)
    directions.append(direction)
    oneWay += 1
    return true
  }

  /// The kind of a tie that lists `names` (at most `kindLimit` of them).
  static func kind(_ names: [String]) -> String? {
    if names.isEmpty { return nil }
    if names.count <= kindLimit + 1 { return names.joined(separator: "+") }
    return names.prefix(kindLimit).joined(separator: "+") + "+\(names.count - kindLimit) more"
  }

  /// Adds the gathered ties to `session`'s network and maps their weights.
  /// - Parameter derived: the ties are derived (a projection): they carry no file, so that
  ///   the build does not count their folding as the file's merged rows.
  /// - Complexity: O(ties) plus the weight mapping's sort.
  mutating func flush(into session: inout ImportSession, derived: Bool = false) throws(ImportError) {
    let origin = session.builder.currentOrigin
    if derived { session.builder.currentOrigin = 0 }
    defer { session.builder.currentOrigin = origin }
    session.builder.reserveTies(ends.count)
    for t in ends.indices {
      var e = evidence[t]
      e.kind = Self.kind(kinds[t])
      e.negative = negative[t]
      let row = session.builder.tieRowCount
      let admission: TieAdmission
      do throws(GraphBuildError) {
        admission = try session.builder.addTie(ends[t].0, ends[t].1, evidence: e)
      } catch {
        throw ImportError(file: session.file, line: 0, column: 0, message: error.description, hint: nil)
      }
      if admission == .selfTieDropped {
        // Two labels that are one person (the same key): the pair's first row
        // was counted as imported; it is a self-tie, and no tie row was added.
        if !derived {
          session.report.imported -= 1
          session.report.selfTies += 1
          session.report.reject(line: 0, column: 0, "self-tie (two labels name one person) dropped")
        }
        continue
      }
      if magnitudes[t] > 0 { weights.added(row: row, magnitude: magnitudes[t]) }
    }
    weights.finish(builder: &session.builder, report: &session.report)
    if negativeRows > 0 { session.report.negativeTies = negativeRows }
  }
}

/// Why a row's weight was refused (`PairTies.check`).
struct WeightRefusal: Error {
  var reason: String
}
