/// Signed ties: a negative tie (distrust, a bad rating) is part of the
/// network, but not a way to reach anyone. Path, reach, introduction, broker
/// and community analyses run on `withoutNegativeTies()` unless asked to use
/// them (Guides/Importing.md, "Signed ties").
extension Graph {
  /// The same network without its negative ties: the same people with the
  /// same `PersonID`s and attributes; every other tie kept with its strength
  /// and evidence (tie ids renumbered in the same (u, v) order). Returns `self`
  /// when there is no negative tie.
  ///
  /// - Complexity: O(V + E) time and space.
  public func withoutNegativeTies() -> Graph {
    guard ties.negativeCount > 0 else { return self }
    return keepingTies { !ties.isNegative($0) }
  }

  /// The same people with only the ties `keep` accepts (called once per tie
  /// id, in ascending order). People, their ids and attributes are unchanged;
  /// kept ties keep their strength and evidence and are renumbered in the
  /// same (u, v) order.
  ///
  /// - Complexity: O(V + E) time and space, plus the calls to `keep`.
  public func keepingTies(where keep: (Int) -> Bool) -> Graph {
    let n = personCount
    let m = tieCount
    var keptIDs: [Int] = []
    keptIDs.reserveCapacity(m)
    var kept = [Bool](repeating: false, count: m)
    for t in 0..<m where keep(t) {
      kept[t] = true
      keptIDs.append(t)
    }
    if keptIDs.count == m { return self }

    // CSR rows, filtered. A half-edge (u, v) with v > u is tie upperStart[u] + its rank
    // among u's higher contacts; one with v < u is the next unmatched higher tie of v
    // (u's rows are visited in ascending u, the order of v's higher contacts).
    var offsets: [UInt32] = [0]
    offsets.reserveCapacity(n + 1)
    var targets: [Int32] = []
    var strengths: [Float] = []
    targets.reserveCapacity(2 * keptIDs.count)
    strengths.reserveCapacity(2 * keptIDs.count)
    var upperStart = [UInt32](repeating: 0, count: n)
    var nextUpper = storage.upperStart.map { Int($0) }
    var upperKept = 0
    for u in 0..<n {
      upperStart[u] = UInt32(upperKept)
      var upperID = Int(storage.upperStart[u])
      for p in Int(storage.offsets[u])..<Int(storage.offsets[u + 1]) {
        let v = Int(storage.targets[p])
        let t: Int
        if v < u {
          t = nextUpper[v]
          nextUpper[v] += 1
        } else {
          t = upperID
          upperID += 1
        }
        guard kept[t] else { continue }
        targets.append(storage.targets[p])
        strengths.append(storage.strengths[p])
        if v > u { upperKept += 1 }
      }
      offsets.append(UInt32(targets.count))
    }

    func column<T>(_ c: Column<T>) -> [T] { c.isEmpty ? [] : keptIDs.map { c[$0] } }
    func bits(_ isSet: (Int) -> Bool) -> [UInt64] {
      var out = [UInt64](repeating: 0, count: (keptIDs.count + 63) / 64)
      for (i, t) in keptIDs.enumerated() where isSet(t) { out[i >> 6] |= 1 << UInt64(i & 63) }
      return out
    }
    let rated: TieAttributes.RatedColumn
    switch ties.rated {
    case .all, .none: rated = ties.rated
    case .mask:
      let mask = bits(ties.isRated)
      let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
      rated = count == keptIDs.count ? .all : (count == 0 ? .none : .mask(Column(mask)))
    }
    var negative: [UInt64] = []
    if !ties.negative.isEmpty {
      negative = bits(ties.isNegative)
      if !negative.contains(where: { $0 != 0 }) { negative = [] }
    }
    var modelStrength: [UInt64] = []
    if !ties.modelStrength.isEmpty {
      modelStrength = bits(ties.hasModelStrength)
      if !modelStrength.contains(where: { $0 != 0 }) { modelStrength = [] }
    }
    var attributes = TieAttributes(
      count: keptIDs.count, rated: rated, interactions: column(ties.interactions),
      interactionsOut: column(ties.interactionsOut), interactionsIn: column(ties.interactionsIn),
      lastContact: column(ties.lastContact), since: column(ties.since), confidence: column(ties.confidence),
      kind: column(ties.kind), kindNames: ties.kindNames, source: column(ties.source), sourceNames: ties.sourceNames,
      referenceDate: ties.referenceDate, negative: negative)
    attributes.modelStrength = Column(modelStrength)
    return Graph(
      storage: CSRStorage(offsets: offsets, targets: targets, strengths: strengths, upperStart: upperStart),
      people: people, ties: attributes)
  }
}
