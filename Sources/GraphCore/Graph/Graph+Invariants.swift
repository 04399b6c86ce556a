/// A broken CSR invariant, found by `Graph.checkInvariants()`.
public struct InvariantViolation: Error, Sendable, CustomStringConvertible {
  public var description: String
}

extension Graph {
  /// Verifies every structural invariant: offsets start at 0 and never
  /// decrease; rows are strictly ascending (sorted, no duplicates); no
  /// self-ties; every tie appears in both rows with the same strength;
  /// strengths are finite and in (0, 1]; `upperStart` numbers ties; every
  /// attribute column has the right length.
  ///
  /// - Complexity: O((V + E) log d) time, O(1) extra space.
  public func checkInvariants() throws(InvariantViolation) {
    let o = storage.offsets
    let n = personCount
    guard o.first == 0, Int(o[n]) == storage.targets.count, storage.targets.count == storage.strengths.count,
      storage.targets.count % 2 == 0
    else { throw InvariantViolation(description: "offsets/targets/strengths lengths disagree") }
    guard storage.upperStart.count == n else { throw InvariantViolation(description: "upperStart length") }
    var ties = 0
    for u in 0..<n {
      guard o[u] <= o[u + 1] else { throw InvariantViolation(description: "offsets decrease at \(u)") }
      guard storage.upperStart[u] == UInt32(ties) else {
        throw InvariantViolation(description: "upperStart[\(u)] = \(storage.upperStart[u]), expected \(ties)")
      }
      var previous: Int32 = -1
      for p in Int(o[u])..<Int(o[u + 1]) {
        let v = storage.targets[p]
        let s = storage.strengths[p]
        guard v >= 0, Int(v) < n else { throw InvariantViolation(description: "target \(v) out of range in row \(u)") }
        guard v > previous else { throw InvariantViolation(description: "row \(u) not strictly ascending at \(v)") }
        guard Int(v) != u else { throw InvariantViolation(description: "self-tie at \(u)") }
        guard s.isFinite, s > 0, s <= 1 else { throw InvariantViolation(description: "strength \(s) on \(u)–\(v)") }
        guard let back = halfEdge(from: v, to: PersonID(u)), storage.strengths[back] == s else {
          throw InvariantViolation(description: "tie \(u)–\(v) missing or different in row \(v)")
        }
        if Int(v) > u { ties += 1 }
        previous = v
      }
    }
    guard ties == tieCount else { throw InvariantViolation(description: "tie count") }
    guard people.count == n else {
      throw InvariantViolation(
        description:
          "person table has \(TextFormat.count(people.count, "row")) for \(TextFormat.count(n, "person", plural: "people"))"
      )
    }
    guard ties == self.ties.count else { throw InvariantViolation(description: "tie attribute table length") }
    guard self.ties.negative.isEmpty || self.ties.negative.count == (ties + 63) / 64 else {
      throw InvariantViolation(description: "negative-tie column length")
    }
  }
}
