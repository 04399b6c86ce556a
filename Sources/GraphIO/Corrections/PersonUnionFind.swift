import GraphCore

/// Disjoint sets of people whose representative is always the lowest id in
/// the set, with pairs that must never end up in one set.
///
/// - Complexity: `find` is amortised O(log n) (path halving, the lower root
///   kept); a `union` checks the pairs kept apart in the smaller of the two
///   sets' lists, O(c log c) over all unions for c such pairs.
struct PersonUnionFind {
  private var parent: [PersonID]
  /// For each root: the people its set must never join (one entry per pair end).
  private var apart: [PersonID: [PersonID]] = [:]

  init(count: Int) { parent = (0..<count).map { PersonID($0) } }

  /// The lowest id of `p`'s set.
  mutating func find(_ p: PersonID) -> PersonID {
    var x = p
    while parent[Int(x)] != x {
      parent[Int(x)] = parent[Int(parent[Int(x)])]
      x = parent[Int(x)]
    }
    return x
  }

  /// Records that `a` and `b` must stay two people.
  mutating func keepApart(_ a: PersonID, _ b: PersonID) {
    apart[find(a), default: []].append(b)
    apart[find(b), default: []].append(a)
  }

  enum UnionResult: Equatable {
    case joined
    case alreadyOne
    /// Joining would put two people kept apart in one set: `a` and `b` are those two.
    case keptApart(PersonID, PersonID)
  }

  /// Joins the sets of `a` and `b` unless that would join a pair kept apart.
  mutating func union(_ a: PersonID, _ b: PersonID) -> UnionResult {
    let ra = find(a)
    let rb = find(b)
    if ra == rb { return .alreadyOne }
    let la = apart[ra] ?? []
    let lb = apart[rb] ?? []
    let (small, otherRoot) = la.count <= lb.count ? (la, rb) : (lb, ra)
    for x in small where find(x) == otherRoot {
      return .keptApart(otherRoot == rb ? ra : rb, x)
    }
    let (root, child) = ra < rb ? (ra, rb) : (rb, ra)
    parent[Int(child)] = root
    if !la.isEmpty || !lb.isEmpty {
      apart[root] = la.count >= lb.count ? la + lb : lb + la
      apart[child] = nil
    }
    return .joined
  }
}
