/// A person's index in one `Graph`: a dense number in `0 ..< graph.personCount`
/// (`graph.personIDs`), 32 bits.
///
/// A plain `Int32`, not a wrapper type, because person ids are the graph's CSR
/// storage itself (`neighbors(of:)` returns a slice of its `Column<Int32>`) and
/// every algorithm's inner loop indexes arrays with them. It means nothing
/// outside the graph that numbered it: the same file may number people
/// differently after an import changes. To name a person, ask the graph's
/// person table — `graph.people.name(of: p)` (the name, else the external id),
/// `graph.people.id(of: p)` (the external id from the input) and
/// `graph.people.stableKey(of: p)` (the key that survives re-imports); to
/// find one, `graph.people.resolve("Ada Lovelace")`. Guides/GraphCore.md,
/// "Person ids".
public typealias PersonID = Int32

/// An immutable, undirected, weighted professional network in compressed
/// sparse row (CSR) form.
///
/// Each undirected tie {u, v} is stored twice, once in u's row and once in v's,
/// so iterating a person's contacts is a contiguous scan:
///
///     for (contact, strength) in zip(graph.neighbors(of: p), graph.strengths(of: p)) { … }
///
/// Storage (the core graph): `offsets` (n + 1 × UInt32), `targets`
/// (2m × Int32, each row sorted ascending, no duplicates, no self-ties) and
/// `strengths` (2m × Float32, strength in (0, 1] of the same half-edge):
/// 16 bytes per tie plus 4 bytes per person, and `upperStart` (4 bytes per
/// person) that numbers ties. Strengths are single precision (about 7
/// significant digits), finer than any source Liaison reads.
///
/// A tie's id is its rank in the order (u, v), u < v: ties 0 ..< `tieCount`.
/// Per-tie evidence (`ties`) and per-person attributes (`people`) are columns
/// indexed by tie id and person id. Build a graph with `GraphBuilder`.
public struct Graph: Sendable {
  @usableFromInline package let storage: CSRStorage
  /// Person attributes and identity index.
  public let people: PersonTable
  /// Per-tie evidence, indexed by tie id.
  public let ties: TieAttributes

  package init(storage: CSRStorage, people: PersonTable, ties: TieAttributes) {
    self.storage = storage
    self.people = people
    self.ties = ties
  }

  /// Number of people (vertices). O(1).
  @inlinable public var personCount: Int { storage.offsets.count - 1 }
  /// Number of undirected ties (edges). O(1).
  @inlinable public var tieCount: Int { storage.targets.count / 2 }
  /// Every person id, `0 ..< personCount`. O(1).
  @inlinable public var personIDs: Range<PersonID> { 0..<PersonID(truncatingIfNeeded: personCount) }

  /// The contacts of `person`, ascending. A view, no allocation. O(1).
  @inlinable public func neighbors(of person: PersonID) -> Slice<Column<Int32>> {
    let lo = Int(storage.offsets[Int(person)])
    let hi = Int(storage.offsets[Int(person) + 1])
    return storage.targets[lo..<hi]
  }

  /// The strengths of `person`'s ties, parallel to `neighbors(of:)`. O(1).
  @inlinable public func strengths(of person: PersonID) -> Slice<Column<Float>> {
    let lo = Int(storage.offsets[Int(person)])
    let hi = Int(storage.offsets[Int(person) + 1])
    return storage.strengths[lo..<hi]
  }

  /// Number of contacts of `person`. O(1).
  @inlinable public func degree(of person: PersonID) -> Int {
    Int(storage.offsets[Int(person) + 1] &- storage.offsets[Int(person)])
  }

  /// Whether `a` and `b` are tied. O(log d) for d = degree(a).
  public func areTied(_ a: PersonID, _ b: PersonID) -> Bool { halfEdge(from: a, to: b) != nil }

  /// The strength of the tie {a, b}, or `nil`. O(log d).
  public func strength(between a: PersonID, and b: PersonID) -> Float? {
    halfEdge(from: a, to: b).map { storage.strengths[$0] }
  }

  /// Position of `b` in `a`'s row (binary search). O(log d).
  package func halfEdge(from a: PersonID, to b: PersonID) -> Int? {
    var lo = Int(storage.offsets[Int(a)])
    var hi = Int(storage.offsets[Int(a) + 1])
    while lo < hi {
      let mid = (lo + hi) >> 1
      let t = storage.targets[mid]
      if t == b { return mid }
      if t < b { lo = mid + 1 } else { hi = mid }
    }
    return nil
  }

  /// The id of the tie {a, b}, or `nil` when they are not tied. O(log d).
  public func tieID(between a: PersonID, and b: PersonID) -> Int? {
    let (u, v) = a < b ? (a, b) : (b, a)
    guard u != v, let p = halfEdge(from: u, to: v) else { return nil }
    return Int(storage.upperStart[Int(u)]) + (p - firstUpper(u))
  }

  /// The endpoints (u < v) of tie `id`. O(log n).
  public func endpoints(ofTie id: Int) -> (PersonID, PersonID) {
    precondition(id >= 0 && id < tieCount, "tie id out of range")
    // Last person u with upperStart[u] <= id (and a non-empty upper part).
    var lo = 0
    var hi = personCount - 1
    while lo < hi {
      let mid = (lo + hi + 1) >> 1
      if Int(storage.upperStart[mid]) <= id { lo = mid } else { hi = mid - 1 }
    }
    var u = lo
    while u > 0 && Int(storage.upperStart[u]) > id { u -= 1 }
    // Skip people with empty upper parts that share the same upperStart.
    while u + 1 < personCount && Int(storage.upperStart[u + 1]) <= id { u += 1 }
    let p = firstUpper(PersonID(u)) + (id - Int(storage.upperStart[u]))
    return (PersonID(u), storage.targets[p])
  }

  /// Index in `targets` of the first contact of `u` greater than `u`.
  package func firstUpper(_ u: PersonID) -> Int {
    var lo = Int(storage.offsets[Int(u)])
    var hi = Int(storage.offsets[Int(u) + 1])
    while lo < hi {
      let mid = (lo + hi) >> 1
      if storage.targets[mid] <= u { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The contacts of `u` with a higher id, ascending, and the id of the tie
  /// to the first of them: the ties to the others follow in order (tie
  /// `firstTie + i` joins `u` and `contacts[i]`). O(log deg(u)).
  package func upperTies(of u: PersonID) -> (contacts: Slice<Column<Int32>>, firstTie: Int) {
    let first = firstUpper(u)
    return (storage.targets[first..<Int(storage.offsets[Int(u) + 1])], Int(storage.upperStart[Int(u)]))
  }

  /// Every tie once as (u, v, strength) with u < v, in tie-id order.
  /// - Complexity: O(V + E) for the whole sequence.
  public func tieList() -> [(PersonID, PersonID, Float)] {
    var out: [(PersonID, PersonID, Float)] = []
    out.reserveCapacity(tieCount)
    for u in 0..<PersonID(personCount) {
      let lo = firstUpper(u)
      let hi = Int(storage.offsets[Int(u) + 1])
      for p in lo..<hi { out.append((u, storage.targets[p], storage.strengths[p])) }
    }
    return out
  }

  /// Bytes held by the core CSR arrays (offsets, targets, strengths, upperStart).
  public var coreBytes: Int {
    storage.offsets.count * 4 + storage.targets.count * 4 + storage.strengths.count * 4 + storage.upperStart.count * 4
  }

  /// Calls `body` with the raw CSR buffers (offsets, targets, strengths).
  /// The buffers are valid only inside `body`; this is the one door to the
  /// graph's memory for tuned algorithms. Not public API: its shape follows
  /// the storage layout (`@_spi(Internals)`, for Liaison's benchmarks).
  @inlinable
  @_spi(Internals) public func withCSR<R>(
    _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) throws -> R
  ) rethrows -> R {
    try storage.offsets.withUnsafeBufferPointer { o in
      try storage.targets.withUnsafeBufferPointer { t in
        try storage.strengths.withUnsafeBufferPointer { s in try body(o, t, s) }
      }
    }
  }
}

extension Graph: CustomStringConvertible {
  public var description: String { "<Graph: \(personCount) people, \(tieCount) ties>" }
}

/// The raw CSR arrays of a `Graph`.
@usableFromInline package struct CSRStorage: Sendable {
  /// `offsets[p] ..< offsets[p + 1]` is p's row; count n + 1.
  @usableFromInline package let offsets: Column<UInt32>
  /// Contact ids, sorted within each row.
  @usableFromInline package let targets: Column<Int32>
  /// Strength of each half-edge, in (0, 1].
  @usableFromInline package let strengths: Column<Float>
  /// Tie id of p's first tie to a higher id: number of ties (u, v), u < v, with u < p.
  @usableFromInline package let upperStart: Column<UInt32>

  package init(offsets: Column<UInt32>, targets: Column<Int32>, strengths: Column<Float>, upperStart: Column<UInt32>) {
    self.offsets = offsets
    self.targets = targets
    self.strengths = strengths
    self.upperStart = upperStart
  }

  /// Copies of the arrays as columns. O(V + E).
  package init(offsets: [UInt32], targets: [Int32], strengths: [Float], upperStart: [UInt32]) {
    self.init(
      offsets: Column(offsets), targets: Column(targets), strengths: Column(strengths),
      upperStart: Column(upperStart))
  }
}
