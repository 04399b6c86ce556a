import GraphCore

/// Brute-force weak-tie reach over adjacency sets (no CSR tricks, no laziness):
/// the oracle for `Graph.egoReach` and `Graph.twoHopReach`.
public struct ReachOracle {
  public var first: Set<PersonID>
  public var second: Set<PersonID>
  public var unique: [PersonID: Int]
  public var weakReach: Int
  public var weakOnlyReach: Int
  public var coverOrder: [PersonID]
  public var coverGains: [Int]
  public var coverPrefix: Int

  /// - Parameters: `classOf` gives the class of the ego's tie to each contact.
  public init(graph g: Graph, ego: PersonID, fraction: Double = 0.8, classOf: (PersonID) -> TieClass) {
    func nbrs(_ p: PersonID) -> Set<PersonID> { Set(g.neighbors(of: p)) }
    first = nbrs(ego)
    var second = Set<PersonID>()
    for c in first { for x in nbrs(c) where x != ego && !first.contains(x) { second.insert(x) } }
    self.second = second
    var unique: [PersonID: Int] = [:]
    for c in first {
      var others = Set<PersonID>()
      for d in first where d != c { others.formUnion(nbrs(d)) }
      unique[c] = nbrs(c).intersection(second).subtracting(others).count
    }
    self.unique = unique
    let weakSide: Set<TieClass> = [.weak, .nominal, .dormant, .unreciprocated]
    let first = self.first
    weakReach =
      second.filter { x in
        first.contains { classOf($0) == .weak || classOf($0) == .nominal ? nbrs($0).contains(x) : false }
      }.count
    weakOnlyReach =
      second.filter { x in !first.contains { !weakSide.contains(classOf($0)) && nbrs($0).contains(x) } }.count
    // Plain greedy: every round, evaluate every contact.
    var covered = Set<PersonID>()
    var order: [PersonID] = []
    var gains: [Int] = []
    var prefix: Int? = second.isEmpty ? 0 : nil
    while true {
      var best: (gain: Int, strength: Float, id: PersonID)?
      for c in first.sorted() where !order.contains(c) {
        let gain = nbrs(c).intersection(second).subtracting(covered).count
        let s = g.strength(between: ego, and: c)!
        if gain > 0, best == nil || gain > best!.gain || (gain == best!.gain && s > best!.strength) {
          best = (gain, s, c)
        }
      }
      guard let b = best else { break }
      order.append(b.id)
      gains.append(b.gain)
      covered.formUnion(nbrs(b.id).intersection(second))
      if prefix == nil && Double(covered.count) >= fraction * Double(second.count) - 1e-9 { prefix = order.count }
    }
    coverOrder = order
    coverGains = gains
    coverPrefix = prefix ?? order.count
  }
}
