import GraphCore

/// The brute-force oracle for `same` corrections over an edge list: groups
/// by relabelling until nothing changes (every person takes the lowest label
/// of anyone a pair joins them to), then ties re-pointed to the labels,
/// self-ties dropped, and parallel ties merged to the largest given strength
/// (the default when none was given). No union–find, no CSR.
public struct MergeOracle {
  /// Each person's label: the lowest id of their group.
  public var label: [Int]
  /// {a, b} with a < b (labels) → merged strength.
  public var ties: [[Int]: Float] = [:]
  /// Distinct pairs of the edge list whose two ends are one group.
  public var selfTiesDropped = 0

  public init(people: Int, ties rows: [TestTie], same: [(Int, Int)]) {
    label = Array(0..<people)
    var changed = true
    while changed {
      changed = false
      for (a, b) in same where label[a] != label[b] {
        let (keep, drop) = (min(label[a], label[b]), max(label[a], label[b]))
        for i in 0..<people where label[i] == drop { label[i] = keep }
        changed = true
      }
    }
    var given: [[Int]: Float] = [:]
    var inside: Set<[Int]> = []
    for t in rows where t.a != t.b {
      let (x, y) = (label[t.a], label[t.b])
      if x == y {
        inside.insert([min(t.a, t.b), max(t.a, t.b)])
        continue
      }
      let key = [min(x, y), max(x, y)]
      if ties[key] == nil { ties[key] = TieClassifier.defaultStrength }
      if let s = t.strength { given[key] = max(given[key] ?? 0, s) }
    }
    for (key, s) in given { ties[key] = s }
    selfTiesDropped = inside.count
  }

  /// The people kept (those whose label is their own id).
  public var kept: [Int] { label.indices.filter { label[$0] == $0 } }
}
