/// An error the builder reports for invalid input.
public enum GraphBuildError: Error, Equatable, CustomStringConvertible, Sendable {
  /// A strength that is NaN, infinite, ≤ 0 or > 1.
  case invalidStrength(Double)
  /// A confidence outside (0, 1].
  case invalidConfidence(Double)
  /// More ties than the 32-bit CSR can hold.
  case tooLarge(String)

  public var description: String {
    switch self {
    case .invalidStrength(let s): "strength \(s) is not a number in (0, 1]"
    case .invalidConfidence(let c): "confidence \(c) is not a number in (0, 1]"
    case .tooLarge(let what): "too large: \(what)"
    }
  }
}

/// What `GraphBuilder.addTie` did with a tie.
public enum TieAdmission: Equatable, Sendable {
  case added
  /// Both ends are the same person: the tie was dropped.
  case selfTieDropped
}

/// The only way to make a `Graph`: collects people and ties, validates them,
/// and freezes them into CSR.
///
/// Rules:
/// - **Strength** must be finite and in (0, 1] (else `invalidStrength`).
///   A tie without one gets a strength from the tie-strength model when it has
///   evidence (interactions, dates), else `TieClassifier.defaultStrength`
///   (0.5) and the class `unrated`.
/// - **Self-ties** are dropped and counted (`selfTiesDropped`).
/// - **Parallel ties** (the same pair more than once, in either direction) are
///   merged into one: the strongest given strength wins; interactions add up;
///   the latest last contact and the earliest `since` are kept; the merged tie
///   is inferred only if every part was inferred (its confidence is the
///   largest); kind and source name every part's, in order, joined by
///   " + " (`closure + mail`); the
///   merged tie is negative (signed) when any part is negative — distrust
///   from either side is not a tie to route an introduction through. Each
///   part after the first counts as merged for the origin that added it.
/// - **People** are keyed by their external id. When every id is a canonical
///   integer, people are numbered in ascending id order; otherwise in order of
///   first appearance.
///
/// - Complexity: `build(threads:)` is O(V + E + Σ d log d) time (one counting
///   pass, then each person's row of d entries sorted, by insertion when short)
///   and O(V + E) extra space.
///
/// A value type of arrays and dictionaries, so `Sendable`: a builder may be
/// filled on one task and handed to another (it is not safe to mutate one
/// builder from two tasks at once, as for any value).
public struct GraphBuilder: Sendable {
  // People.
  var integerMode = true
  var dense: [Int32] = []
  var denseFrozen = false
  var integerIndex: [Int64: Int32] = [:]
  var integerKeys: [Int64] = []
  /// String ids in order of arrival: entry `p` is person `p`'s id.
  var stringIndex = ByteKeyTable()
  var names: [String] = []
  var companies: [String] = []
  var titles: [String] = []
  var industries: [String] = []
  var locations: [String] = []
  var profileURLs: [String] = []
  var emails: [[String]] = []
  var tags: [[String]] = []

  // Ties.
  var tieU: [Int32] = []
  var tieV: [Int32] = []
  var tieStrength: [Float] = []  // NaN: not given
  var tieOrigin: [UInt16] = []
  var interactions: [Int32] = []
  var interactionsOut: [Int32] = []
  var interactionsIn: [Int32] = []
  var lastContact: [Int32] = []
  var since: [Int32] = []
  var confidence: [Float] = []
  var kind: [UInt16] = []
  var source: [UInt16] = []
  var negative: [Bool] = []  // empty: no negative tie so far
  var kindIndex: [String: UInt16] = [:]
  var kindNames: [String] = []
  var sourceIndex: [String: UInt16] = [:]
  var sourceNames: [String] = []
  var maxDay: Int32 = .min
  /// Tie rows room was made for (`reserveTies`), evidence columns included.
  var tieCapacity = 0

  /// Self-ties dropped so far.
  public private(set) var selfTiesDropped = 0
  /// The origin recorded with each tie added from now on: the input file an
  /// import session is reading (0: none). `BuildReport.mergedByOrigin`
  /// counts folded rows by it.
  package var currentOrigin: UInt16 = 0
  /// Reference date for dormancy and model strengths; default: the latest date in the data.
  public var referenceDate: Day?
  /// The model that derives strengths from evidence when the data has none.
  public var strengthModel = TieStrengthModel.standard

  public init(expectedPeople: Int = 0, expectedTies: Int = 0) {
    tieU.reserveCapacity(expectedTies)
    tieV.reserveCapacity(expectedTies)
    tieStrength.reserveCapacity(expectedTies)
    tieOrigin.reserveCapacity(expectedTies)
    integerKeys.reserveCapacity(expectedPeople)
  }

  /// Makes room for `n` more tie rows, in every column (evidence columns
  /// made later are made with that room), so they are not copied as they grow.
  public mutating func reserveTies(_ n: Int) {
    tieCapacity = tieU.count + n
    tieU.reserveCapacity(tieCapacity)
    tieV.reserveCapacity(tieCapacity)
    tieStrength.reserveCapacity(tieCapacity)
    tieOrigin.reserveCapacity(tieCapacity)
    for column in [\Self.interactions, \.interactionsOut, \.interactionsIn, \.lastContact, \.since]
    where !self[keyPath: column].isEmpty {
      self[keyPath: column].reserveCapacity(tieCapacity)
    }
    if !confidence.isEmpty { confidence.reserveCapacity(tieCapacity) }
    if !kind.isEmpty { kind.reserveCapacity(tieCapacity) }
    if !source.isEmpty { source.reserveCapacity(tieCapacity) }
    if !negative.isEmpty { negative.reserveCapacity(tieCapacity) }
  }

  /// A new evidence column: `absent` for every tie row so far, with room for those reserved.
  private static func evidenceColumn<T>(_ absent: T, rows: Int, room: Int) -> [T] {
    var column: [T] = []
    column.reserveCapacity(max(room, rows))
    column.append(contentsOf: repeatElement(absent, count: rows))
    return column
  }

  /// Makes room for about `n` more people with string keys (contact
  /// exports), so the key index does not grow step by step.
  public mutating func reservePeople(_ n: Int) {
    guard n > 0 else { return }
    if integerMode && personCount == 0 { switchToStrings() }
    guard !integerMode else { return }
    // Contact ids are mostly profile URL keys (about 40 bytes).
    stringIndex.reserveCapacity(n, bytesPerKey: 40)
    for column in [\Self.names, \.companies, \.titles, \.profileURLs] {
      self[keyPath: column].reserveGrowing(stringIndex.count + n)
    }
    emails.reserveGrowing(stringIndex.count + n)
  }

  /// Number of people so far.
  public var personCount: Int { integerMode ? integerKeys.count : stringIndex.count }
  /// Number of ties added so far (before merging parallel ties).
  package var tieRowCount: Int { tieU.count }

  /// Replaces the strength of tie row `row` (rows are numbered from 0 in the
  /// order they were added, self-ties not counted). Importers that map raw
  /// weights to strengths once a whole file is read use it (Guides/Importing.md,
  /// "Weights"). - Precondition: `strength` is in (0, 1]. - Complexity: O(1).
  package mutating func setStrength(ofRow row: Int, _ strength: Float) {
    precondition(strength > 0 && strength <= 1, "a strength is in (0, 1]")
    tieStrength[row] = strength
  }

  /// The strength given with tie row `row` (NaN: none given). - Complexity: O(1).
  package func strength(ofRow row: Int) -> Float { tieStrength[row] }

  // MARK: People

  /// The person with external id `key`, added if new. O(1) expected.
  public mutating func person(key: String) -> PersonID {
    if integerMode {
      if let k = Identity.canonicalInteger(key) { return person(integerKey: k) }
      switchToStrings()
    }
    return insertPerson(key: key).person
  }

  /// The person with external id `key`, and whether this call added them
  /// (one lookup where `existingPerson` then `person` would make two).
  package mutating func insertPerson(key: String) -> (person: PersonID, inserted: Bool) {
    if integerMode {
      if Identity.canonicalInteger(key) != nil {
        let before = integerKeys.count
        let p = person(key: key)
        return (p, integerKeys.count > before)
      }
      switchToStrings()
    }
    let (e, inserted) = stringIndex.insert(key, value: PersonID(stringIndex.count))
    return (stringIndex[entry: e], inserted)
  }

  /// `insertPerson(key:)` with the hash of the key's UTF-8 bytes made
  /// beforehand (`ByteKeyTable.hash`), as a loader's worker thread does.
  package mutating func insertPerson(key: String, hash: UInt64) -> (person: PersonID, inserted: Bool) {
    if integerMode { return insertPerson(key: key) }
    let (e, inserted) = stringIndex.insert(key, hash: hash, value: PersonID(stringIndex.count))
    return (stringIndex[entry: e], inserted)
  }

  /// `insertPerson(key:hash:)` for a key that is a slice of a longer string.
  package mutating func insertPerson(key: Substring, hash: UInt64) -> (person: PersonID, inserted: Bool) {
    if integerMode { return insertPerson(key: String(key)) }
    let (e, inserted) = stringIndex.insert(key, hash: hash, value: PersonID(stringIndex.count))
    return (stringIndex[entry: e], inserted)
  }

  /// Brings into cache the index slots that `insertPerson(key:hash:)` will
  /// probe first for keys with these hashes (see `ByteKeyTable.touch`).
  package func touchPeople(hashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
    integerMode ? 0 : stringIndex.touch(hashes: hashes)
  }

  /// Whether a person with external id `key` exists. O(1) expected.
  public func existingPerson(key: String) -> PersonID? {
    if integerMode {
      guard let k = Identity.canonicalInteger(key) else { return nil }
      if k >= 0 && k < Int64(dense.count) { return dense[Int(k)] >= 0 ? dense[Int(k)] : nil }
      return integerIndex[k]
    }
    return stringIndex.value(key)
  }

  /// The person with the canonical integer id `key`, added if new. O(1)
  /// amortised; non-negative ids below a bound proportional to the number of
  /// people use a flat array instead of hashing.
  @inline(__always)
  public mutating func person(integerKey key: Int64) -> PersonID {
    guard integerMode else { return person(key: String(key)) }
    if key >= 0 && key < Int64(dense.count) {
      let p = dense[Int(key)]
      if p >= 0 { return p }
      let q = PersonID(integerKeys.count)
      integerKeys.append(key)
      dense[Int(key)] = q
      return q
    }
    return personSlow(integerKey: key)
  }

  private mutating func personSlow(integerKey key: Int64) -> PersonID {
    if !denseFrozen, key >= 0, key < Int64(1 << 20) + 16 * Int64(integerKeys.count + 1), integerIndex.isEmpty {
      let newSize = max(Int(key) + 1, dense.count * 2, 1024)
      dense.append(contentsOf: repeatElement(-1, count: newSize - dense.count))
      return person(integerKey: key)
    }
    denseFrozen = true
    if let p = integerIndex[key] { return p }
    let q = PersonID(integerKeys.count)
    integerKeys.append(key)
    integerIndex[key] = q
    return q
  }

  private mutating func switchToStrings() {
    integerMode = false
    stringIndex.reserveCapacity(integerKeys.count)
    for (i, k) in integerKeys.enumerated() { stringIndex.insert(String(k), value: PersonID(i)) }
    integerKeys = []
    integerIndex = [:]
    dense = []
  }

  /// Attributes for one person. Empty values leave a column unchanged.
  public struct PersonAttributes: Sendable {
    public var name: String
    public var emails: [String]
    public var company: String
    public var title: String
    public var industry: String
    public var location: String
    public var tags: [String]
    public var profileURL: String
    /// The values are taken over (`consuming`), not copied: an importer
    /// hands a row's strings to the network without reference counting.
    public init(
      name: consuming String = "", emails: consuming [String] = [], company: consuming String = "",
      title: consuming String = "", industry: consuming String = "", location: consuming String = "",
      tags: consuming [String] = [], profileURL: consuming String = ""
    ) {
      self.name = name
      self.emails = emails
      self.company = company
      self.title = title
      self.industry = industry
      self.location = location
      self.tags = tags
      self.profileURL = profileURL
    }
  }

  /// Sets `person`'s attributes; non-empty values overwrite, emails and tags
  /// are added (without duplicates).
  /// - Parameters:
  ///   - person: the person to describe.
  ///   - a: the attributes to set.
  ///   - overwrite: when false, only empty values are filled (the first source wins).
  public mutating func setAttributes(_ person: PersonID, _ a: consuming PersonAttributes, overwrite: Bool = true) {
    let i = Int(person)
    var a = consume a
    // Values move into the columns (swapped out of `a`), not copied.
    func put(_ column: inout [String], _ value: inout String) {
      guard !value.isEmpty else { return }
      var moved = ""
      swap(&moved, &value)
      // The usual case when people arrive one by one: the next entry.
      if column.count == i { return column.append(moved) }
      if !overwrite && i < column.count && !column[i].isEmpty { return }
      if column.count <= i { column.append(contentsOf: repeatElement("", count: i + 1 - column.count)) }
      column[i] = moved
    }
    func add(_ column: inout [[String]], _ values: [String]) {
      guard !values.isEmpty else { return }
      if column.count <= i { column.append(contentsOf: repeatElement([], count: i + 1 - column.count)) }
      for v in values where !v.isEmpty && !column[i].contains(v) { column[i].append(v) }
    }
    put(&names, &a.name)
    put(&companies, &a.company)
    put(&titles, &a.title)
    put(&industries, &a.industry)
    put(&locations, &a.location)
    put(&profileURLs, &a.profileURL)
    add(&emails, a.emails)
    add(&tags, a.tags)
  }

  /// The name set so far for `person` ("" when none), without the copy of
  /// every attribute that `attributes(of:)` makes.
  public func name(of person: PersonID) -> String {
    Int(person) < names.count ? names[Int(person)] : ""
  }

  /// The attributes set so far for `person` (empty values where none).
  public func attributes(of person: PersonID) -> PersonAttributes {
    let i = Int(person)
    func get(_ column: [String]) -> String { i < column.count ? column[i] : "" }
    return PersonAttributes(
      name: get(names), emails: i < emails.count ? emails[i] : [], company: get(companies), title: get(titles),
      industry: get(industries), location: get(locations), tags: i < tags.count ? tags[i] : [],
      profileURL: get(profileURLs))
  }

  /// Calls `body` with the two ends of every tie row added so far (before merging).
  /// - Complexity: O(rows).
  package func forEachTieRow(_ body: (PersonID, PersonID) -> Void) {
    for i in 0..<tieU.count { body(tieU[i], tieV[i]) }
  }

  /// The external id of `person`.
  package func key(of person: PersonID) -> String {
    integerMode ? String(integerKeys[Int(person)]) : stringIndex.key(Int(person))
  }

  // MARK: Ties

  /// Adds the tie {a, b} with an optional strength. The hot path of loaders.
  /// - Throws: `invalidStrength` when `strength` is not in (0, 1].
  /// - Returns: whether the tie was added or dropped as a self-tie (also
  ///   counted in `selfTiesDropped`), so callers may ignore it.
  @inline(__always) @discardableResult
  public mutating func addTie(_ a: PersonID, _ b: PersonID, strength: Float? = nil) throws(GraphBuildError)
    -> TieAdmission
  {
    if let s = strength, !(s > 0 && s <= 1) { throw .invalidStrength(Double(s)) }
    if a == b {
      selfTiesDropped += 1
      return .selfTieDropped
    }
    tieU.append(a)
    tieV.append(b)
    tieStrength.append(strength ?? .nan)
    tieOrigin.append(currentOrigin)
    padEvidence()
    return .added
  }

  /// Adds the tie {a, b} with its evidence.
  /// - Returns: as `addTie(_:_:strength:)`.
  @discardableResult
  public mutating func addTie(_ a: PersonID, _ b: PersonID, evidence e: TieEvidence) throws(GraphBuildError)
    -> TieAdmission
  {
    if let s = e.strength, !(s > 0 && s <= 1 && s.isFinite) { throw .invalidStrength(s) }
    if let c = e.inferredConfidence, !(c > 0 && c <= 1) { throw .invalidConfidence(c) }
    let admission = try addTie(a, b, strength: e.strength.map { Float($0) })
    guard admission == .added else { return admission }
    let t = tieU.count - 1
    func setInt(_ column: inout [Int32], _ value: Int?) {
      guard let value else { return }
      if column.isEmpty { column = Self.evidenceColumn(-1, rows: tieU.count, room: tieCapacity) }
      column[t] = Int32(clamping: max(0, value))
    }
    func setDay(_ column: inout [Int32], _ value: Day?) {
      guard let value else { return }
      if column.isEmpty { column = Self.evidenceColumn(TieAttributes.absentDay, rows: tieU.count, room: tieCapacity) }
      column[t] = value.daysSinceEpoch
      maxDay = max(maxDay, value.daysSinceEpoch)
    }
    setInt(&interactions, e.interactions)
    setInt(&interactionsOut, e.interactionsOut)
    setInt(&interactionsIn, e.interactionsIn)
    setDay(&lastContact, e.lastContact)
    setDay(&since, e.since)
    if let c = e.inferredConfidence {
      if confidence.isEmpty { confidence = Self.evidenceColumn(Float.nan, rows: tieU.count, room: tieCapacity) }
      confidence[t] = Float(c)
    }
    if let k = e.kind, !k.isEmpty {
      if kind.isEmpty { kind = Self.evidenceColumn(UInt16(0), rows: tieU.count, room: tieCapacity) }
      kind[t] = Self.intern(k, &kindIndex, &kindNames)
    }
    if let s = e.source, !s.isEmpty {
      if source.isEmpty { source = Self.evidenceColumn(UInt16(0), rows: tieU.count, room: tieCapacity) }
      source[t] = Self.intern(s, &sourceIndex, &sourceNames)
    }
    if e.negative {
      if negative.isEmpty { negative = Self.evidenceColumn(false, rows: tieU.count, room: tieCapacity) }
      negative[t] = true
    }
    return .added
  }

  private static func intern(_ s: String, _ index: inout [String: UInt16], _ names: inout [String]) -> UInt16 {
    // Few distinct values, usually short (small strings compare by their raw
    // bits): a linear look at the first names avoids hashing on every tie.
    for (i, name) in names.prefix(8).enumerated() where name == s { return UInt16(i + 1) }
    if let k = index[s] { return k }
    guard names.count < Int(UInt16.max) - 1 else { return UInt16(names.count) }  // saturate: reuse last
    names.append(s)
    let k = UInt16(names.count)
    index[s] = k
    return k
  }

  /// Keeps lazily created evidence columns as long as the tie list.
  @inline(__always)
  private mutating func padEvidence() {
    if !interactions.isEmpty { interactions.append(-1) }
    if !interactionsOut.isEmpty { interactionsOut.append(-1) }
    if !interactionsIn.isEmpty { interactionsIn.append(-1) }
    if !lastContact.isEmpty { lastContact.append(TieAttributes.absentDay) }
    if !since.isEmpty { since.append(TieAttributes.absentDay) }
    if !confidence.isEmpty { confidence.append(.nan) }
    if !kind.isEmpty { kind.append(0) }
    if !source.isEmpty { source.append(0) }
    if !negative.isEmpty { negative.append(false) }
  }
}
