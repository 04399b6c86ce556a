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
  package var rated: RatedColumn
  package var interactions: [Int32]  // −1: absent
  package var interactionsOut: [Int32]
  package var interactionsIn: [Int32]
  package var lastContact: [Int32]  // Int32.min: absent
  package var since: [Int32]
  package var confidence: [Float]  // NaN: observed (not inferred)
  package var kind: [UInt16]  // 0: none; else kindNames[k - 1]
  package var kindNames: [String]
  package var source: [UInt16]
  package var sourceNames: [String]
  /// The reference date for dormancy: the latest last contact in the data,
  /// unless the builder was given one.
  public let referenceDate: Day?
  /// One bit per tie, set for negative (signed) ties; empty when there are none.
  package var negative: [UInt64] = []
  /// One bit per tie, set when its strength came from the tie-strength model
  /// (evidence, no strength in the data); empty when no tie's did.
  package var modelStrength: [UInt64] = []

  package init(
    count: Int, rated: RatedColumn, interactions: [Int32], interactionsOut: [Int32], interactionsIn: [Int32],
    lastContact: [Int32], since: [Int32], confidence: [Float], kind: [UInt16], kindNames: [String], source: [UInt16],
    sourceNames: [String], referenceDate: Day?, negative: [UInt64] = []
  ) {
    self.count = count
    self.rated = rated
    self.interactions = interactions
    self.interactionsOut = interactionsOut
    self.interactionsIn = interactionsIn
    self.lastContact = lastContact
    self.since = since
    self.confidence = confidence
    self.kind = kind
    self.kindNames = kindNames
    self.source = source
    self.sourceNames = sourceNames
    self.referenceDate = referenceDate
    self.negative = negative
  }

  package enum RatedColumn: Sendable {
    case all, none
    case mask([UInt64])
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
  public func isInferred(_ t: Int) -> Bool { !confidence.isEmpty && !confidence[t].isNaN }
  public func confidence(_ t: Int) -> Double? {
    confidence.isEmpty || confidence[t].isNaN ? nil : Double(confidence[t])
  }
  /// Whether tie `t` is negative (signed: distrust, a bad rating). O(1).
  public func isNegative(_ t: Int) -> Bool { !negative.isEmpty && negative[t >> 6] & (1 << UInt64(t & 63)) != 0 }
  /// Whether the strength of tie `t` was derived by the tie-strength model
  /// from its evidence (interactions, dates) rather than given by the data.
  /// A tie rebuilt with new evidence (`NetworkCorrections`) gets its strength
  /// made again; a given one is kept. O(1).
  public func hasModelStrength(_ t: Int) -> Bool {
    !modelStrength.isEmpty && modelStrength[t >> 6] & (1 << UInt64(t & 63)) != 0
  }
  /// Number of negative ties. O(m / 64).
  public var negativeCount: Int { negative.reduce(0) { $0 + $1.nonzeroBitCount } }
  public func kind(_ t: Int) -> String? { kind.isEmpty || kind[t] == 0 ? nil : kindNames[Int(kind[t]) - 1] }
  public func source(_ t: Int) -> String? {
    source.isEmpty || source[t] == 0 ? nil : sourceNames[Int(source[t]) - 1]
  }
  /// How many ties have each kind (`nil`: none given), and how many of those
  /// are inferred: counted by the kind's code, with no string per tie.
  /// Kinds in order of first appearance, `nil` first when present.
  /// - Complexity: O(m + kinds).
  public func kindCounts() -> [(kind: String?, ties: Int, inferred: Int)] {
    let codes = kindNames.count + 1
    var ties = [Int](repeating: 0, count: codes)
    var inferred = [Int](repeating: 0, count: codes)
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

  private static func int(_ c: [Int32], _ t: Int) -> Int? { c.isEmpty || c[t] < 0 ? nil : Int(c[t]) }
  private static func day(_ c: [Int32], _ t: Int) -> Day? {
    c.isEmpty || c[t] == absentDay ? nil : Day(daysSinceEpoch: c[t])
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
      interactionsIn: ties.interactionsIn(t), asOf: asOf ?? ties.referenceDate)
  }

  /// Counts of ties per class. O(V + E).
  public func tieClassCounts(classifier: TieClassifier = TieClassifier(), asOf: Day? = nil) -> [TieClass: Int] {
    var byClass = [Int](repeating: 0, count: TieClass.allCases.count)
    let reference = asOf ?? ties.referenceDate
    var t = 0
    for u in 0..<PersonID(personCount) {
      let hi = Int(storage.offsets[Int(u) + 1])
      for p in firstUpper(u)..<hi {
        let s: Double? = ties.isRated(t) ? Double(storage.strengths[p]) : nil
        let c = classifier.classify(
          strength: s, lastContact: ties.lastContact(t), interactionsOut: ties.interactionsOut(t),
          interactionsIn: ties.interactionsIn(t), asOf: reference)
        byClass[c.index] += 1
        t += 1
      }
    }
    var counts: [TieClass: Int] = [:]
    for (i, c) in TieClass.allCases.enumerated() { counts[c] = byClass[i] }
    return counts
  }
}
