/// Evidence for one tie as an importer hands it to `GraphBuilder`.
public struct TieEvidence: Sendable, Hashable {
  /// Strength in (0, 1], if the data gives one.
  public var strength: Double?
  /// Number of logged interactions.
  public var interactions: Int?
  /// Logged interactions by direction (ego → alter, alter → ego), when known.
  public var interactionsOut: Int?
  public var interactionsIn: Int?
  public var lastContact: Day?
  public var since: Day?
  /// The kind of relationship (`colleague`, `classmate`, …), free text.
  public var kind: String?
  /// Where the tie comes from (a file, an export owner).
  public var source: String?
  /// For inferred ties: the confidence in (0, 1]; `nil` for observed ties.
  public var inferredConfidence: Double?
  /// A negative (signed) tie: the data gave a negative weight (distrust, a
  /// bad rating). `strength` is then the magnitude's strength.
  public var negative: Bool

  public init(
    strength: Double? = nil, interactions: Int? = nil, interactionsOut: Int? = nil, interactionsIn: Int? = nil,
    lastContact: Day? = nil, since: Day? = nil, kind: String? = nil, source: String? = nil,
    inferredConfidence: Double? = nil, negative: Bool = false
  ) {
    self.negative = negative
    self.strength = strength
    self.interactions = interactions
    self.interactionsOut = interactionsOut
    self.interactionsIn = interactionsIn
    self.lastContact = lastContact
    self.since = since
    self.kind = kind
    self.source = source
    self.inferredConfidence = inferredConfidence
  }
}

/// Per-tie evidence columns, indexed by tie id. A column no input filled is
/// empty and takes no memory.
public struct TieAttributes: Sendable {
  public let count: Int
  /// Whether the strength came from the data or the model (else the default).
  package var rated: RatedColumn {
    get { _rated.value }
    set { _rated = .ready(newValue) }
  }
  package var interactions: Column<Int32> {  // −1: absent
    get { _interactions.value }
    set { _interactions = .ready(newValue) }
  }
  package var interactionsOut: Column<Int32> {
    get { _interactionsOut.value }
    set { _interactionsOut = .ready(newValue) }
  }
  package var interactionsIn: Column<Int32> {
    get { _interactionsIn.value }
    set { _interactionsIn = .ready(newValue) }
  }
  package var lastContact: Column<Int32> {  // Int32.min: absent
    get { _lastContact.value }
    set { _lastContact = .ready(newValue) }
  }
  package var since: Column<Int32> {
    get { _since.value }
    set { _since = .ready(newValue) }
  }
  package var confidence: Column<Float> {  // NaN: observed (not inferred)
    get { _confidence.value }
    set { _confidence = .ready(newValue) }
  }
  package var kind: Column<UInt16> {  // 0: none; else kindNames[k - 1]
    get { _kind.value }
    set { _kind = .ready(newValue) }
  }
  package var kindNames: [String]
  package var source: Column<UInt16> {
    get { _source.value }
    set { _source = .ready(newValue) }
  }
  package var sourceNames: [String]
  /// The reference date for dormancy: the latest last contact in the data,
  /// unless the builder was given one.
  public let referenceDate: Day?
  /// One bit per tie, set for negative (signed) ties; empty when there are none.
  package var negative: Column<UInt64> {
    get { _negative.value }
    set { _negative = .ready(newValue) }
  }
  /// One bit per tie, set when its strength came from the tie-strength model
  /// (evidence, no strength in the data); empty when no tie's did.
  package var modelStrength: Column<UInt64> {
    get { _modelStrength.value }
    set { _modelStrength = .ready(newValue) }
  }

  // The columns: made already, or (read from the workspace snapshot) on first use.
  private var _rated: Deferred<RatedColumn>
  private var _interactions, _interactionsOut, _interactionsIn, _lastContact, _since: Deferred<Column<Int32>>
  private var _confidence: Deferred<Column<Float>>
  private var _kind, _source: Deferred<Column<UInt16>>
  private var _negative, _modelStrength: Deferred<Column<UInt64>>

  package init(
    count: Int, rated: RatedColumn, interactions: [Int32], interactionsOut: [Int32], interactionsIn: [Int32],
    lastContact: [Int32], since: [Int32], confidence: [Float], kind: [UInt16], kindNames: [String], source: [UInt16],
    sourceNames: [String], referenceDate: Day?, negative: [UInt64] = []
  ) {
    self.init(
      count: count, rated: .ready(rated), interactions: .ready(Column(interactions)),
      interactionsOut: .ready(Column(interactionsOut)), interactionsIn: .ready(Column(interactionsIn)),
      lastContact: .ready(Column(lastContact)), since: .ready(Column(since)), confidence: .ready(Column(confidence)),
      kind: .ready(Column(kind)), kindNames: kindNames, source: .ready(Column(source)), sourceNames: sourceNames,
      referenceDate: referenceDate, negative: .ready(Column(negative)), modelStrength: .ready(Column()))
  }

  /// Columns made already or on first use (the workspace snapshot's).
  package init(
    count: Int, rated: Deferred<RatedColumn>, interactions: Deferred<Column<Int32>>,
    interactionsOut: Deferred<Column<Int32>>, interactionsIn: Deferred<Column<Int32>>,
    lastContact: Deferred<Column<Int32>>, since: Deferred<Column<Int32>>, confidence: Deferred<Column<Float>>,
    kind: Deferred<Column<UInt16>>, kindNames: [String], source: Deferred<Column<UInt16>>, sourceNames: [String],
    referenceDate: Day?, negative: Deferred<Column<UInt64>>, modelStrength: Deferred<Column<UInt64>>
  ) {
    self.count = count
    _rated = rated
    _interactions = interactions
    _interactionsOut = interactionsOut
    _interactionsIn = interactionsIn
    _lastContact = lastContact
    _since = since
    _confidence = confidence
    _kind = kind
    self.kindNames = kindNames
    _source = source
    self.sourceNames = sourceNames
    self.referenceDate = referenceDate
    _negative = negative
    _modelStrength = modelStrength
  }

  /// A copy with every column made, each fetched once: for loops over every
  /// tie of a network read from the snapshot (whose columns take a lock per read).
  package func resolved() -> TieAttributes {
    TieAttributes(
      count: count, rated: .ready(rated), interactions: .ready(interactions),
      interactionsOut: .ready(interactionsOut), interactionsIn: .ready(interactionsIn),
      lastContact: .ready(lastContact), since: .ready(since), confidence: .ready(confidence), kind: .ready(kind),
      kindNames: kindNames, source: .ready(source), sourceNames: sourceNames, referenceDate: referenceDate,
      negative: .ready(negative), modelStrength: .ready(modelStrength))
  }

  package enum RatedColumn: Sendable {
    case all, none
    case mask(Column<UInt64>)
  }

  package static let absentDay = Int32.min

  public func isRated(_ t: Int) -> Bool {
    switch rated {
    case .all: true
    case .none: false
    case .mask(let m): m[t >> 6] & (1 << UInt64(t & 63)) != 0
    }
  }
  public func interactions(_ t: Int) -> Int? { Self.int(interactions, t) }
  public func interactionsOut(_ t: Int) -> Int? { Self.int(interactionsOut, t) }
  public func interactionsIn(_ t: Int) -> Int? { Self.int(interactionsIn, t) }
  public func lastContact(_ t: Int) -> Day? { Self.day(lastContact, t) }
  public func since(_ t: Int) -> Day? { Self.day(since, t) }
  public func isInferred(_ t: Int) -> Bool {
    let c = confidence
    return !c.isEmpty && !c[t].isNaN
  }
  public func confidence(_ t: Int) -> Double? {
    let c = confidence
    return c.isEmpty || c[t].isNaN ? nil : Double(c[t])
  }
  /// Whether tie `t` is negative (signed: distrust, a bad rating). O(1).
  public func isNegative(_ t: Int) -> Bool { Self.bit(negative, t) }
  /// Whether the strength of tie `t` was derived by the tie-strength model
  /// from its evidence (interactions, dates) rather than given by the data.
  /// A tie rebuilt with new evidence (`NetworkCorrections`) gets its strength
  /// made again; a given one is kept. O(1).
  public func hasModelStrength(_ t: Int) -> Bool {
    Self.bit(modelStrength, t)
  }
  /// Number of negative ties. O(m / 64).
  public var negativeCount: Int { negative.reduce(0) { $0 + $1.nonzeroBitCount } }
  public func kind(_ t: Int) -> String? {
    let k = kind
    return k.isEmpty || k[t] == 0 ? nil : kindNames[Int(k[t]) - 1]
  }
  public func source(_ t: Int) -> String? {
    let s = source
    return s.isEmpty || s[t] == 0 ? nil : sourceNames[Int(s[t]) - 1]
  }
  /// How many ties have each kind (`nil`: none given), and how many of those
  /// are inferred: counted by the kind's code, with no string per tie.
  /// Kinds in order of first appearance, `nil` first when present.
  /// - Complexity: O(m + kinds).
  public func kindCounts() -> [(kind: String?, ties: Int, inferred: Int)] {
    let codes = kindNames.count + 1
    var ties = [Int](repeating: 0, count: codes)
    var inferred = [Int](repeating: 0, count: codes)
    let kind = kind
    let confidence = confidence
    if kind.isEmpty {
      ties[0] = count
      inferred[0] = inferredCount
    } else {
      for t in 0..<count {
        let k = Int(kind[t])
        ties[k] += 1
        if !confidence.isEmpty && !confidence[t].isNaN { inferred[k] += 1 }
      }
    }
    return (0..<codes).filter { ties[$0] > 0 }.map { ($0 == 0 ? nil : kindNames[$0 - 1], ties[$0], inferred[$0]) }
  }

  /// Number of inferred ties. O(m).
  public var inferredCount: Int { confidence.reduce(0) { $0 + ($1.isNaN ? 0 : 1) } }

  private static func int(_ c: Column<Int32>, _ t: Int) -> Int? { c.isEmpty || c[t] < 0 ? nil : Int(c[t]) }
  private static func day(_ c: Column<Int32>, _ t: Int) -> Day? {
    c.isEmpty || c[t] == absentDay ? nil : Day(daysSinceEpoch: c[t])
  }
  private static func bit(_ c: Column<UInt64>, _ t: Int) -> Bool {
    !c.isEmpty && c[t >> 6] & (1 << UInt64(t & 63)) != 0
  }
}

extension Graph {
  /// The class of tie `t` under `classifier`, as of `asOf` (default: the
  /// data's reference date).
  public func tieClass(_ t: Int, classifier: TieClassifier = TieClassifier(), asOf: Day? = nil) -> TieClass {
    let strength: Double?
    if ties.isRated(t) {
      let (u, v) = endpoints(ofTie: t)
      strength = self.strength(between: u, and: v).map(Double.init)
    } else {
      strength = nil
    }
    return classifier.classify(
      strength: strength, lastContact: ties.lastContact(t), interactionsOut: ties.interactionsOut(t),
      interactionsIn: ties.interactionsIn(t), interactions: ties.interactions(t), asOf: asOf ?? ties.referenceDate)
  }

  /// Counts of ties per class. O(V + E).
  public func tieClassCounts(classifier: TieClassifier = TieClassifier(), asOf: Day? = nil) -> [TieClass: Int] {
    var byClass = [Int](repeating: 0, count: TieClass.allCases.count)
    let reference = asOf ?? ties.referenceDate
    // Each column once (a snapshot's are fetched under a lock), not per tie.
    let columns = ties.resolved()
    var t = 0
    for u in 0..<PersonID(personCount) {
      let hi = Int(storage.offsets[Int(u) + 1])
      for p in firstUpper(u)..<hi {
        let s: Double? = columns.isRated(t) ? Double(storage.strengths[p]) : nil
        let c = classifier.classify(
          strength: s, lastContact: columns.lastContact(t), interactionsOut: columns.interactionsOut(t),
          interactionsIn: columns.interactionsIn(t), interactions: columns.interactions(t), asOf: reference)
        byClass[c.index] += 1
        t += 1
      }
    }
    var counts: [TieClass: Int] = [:]
    for (i, c) in TieClass.allCases.enumerated() { counts[c] = byClass[i] }
    return counts
  }
}
