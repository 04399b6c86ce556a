@_spi(Internals) import GraphCore

/// The strongest chain from one person to everyone within a hop limit, in
/// one pass: what `PathSearch.strongestPaths(from:to:query:)` with `k = 1`
/// answers for each target, chain for chain, without a search per target.
///
/// Keys are `PathSearch`'s: quantised cost in the high bits, hops in the low
/// ones, so a chain's key fixes its hop count. A layered Bellman–Ford from the
/// source keeps, per layer j, the people whose least key within j hops is
/// reached in exactly j hops (`exact[j]`). Every prefix of a least chain is a
/// least chain to its end within its own hop count, so the least chains form a
/// layered graph of tight ties, and the lexicographically least one (ids read
/// from the source) to a person in layer j extends the least-ranked tight
/// predecessor in layer j − 1. Ranking each layer by (rank of that
/// predecessor, id) makes the comparison of whole chains one integer compare.
///
/// Used by the explorer, which wants the best chain to every person within
/// three hops of the ego.
package struct StrongestChainTree {
  let graph: Graph
  /// Least key from the source within the layers grown so far (`.max`: not reached).
  var best: [Int64]
  /// Per layer j (at j × V): the key of the least chain of exactly j hops to
  /// each person in `layer[j]`, that chain's second-to-last person, and its
  /// rank in the layer. Flat, so the hot loop indexes one array each.
  var exact: [Int64] = []
  var pred: [Int32] = []
  var rank: [Int32] = []
  /// Per layer, its people ordered by the least chain to them.
  var layer: [[PersonID]] = []
  var touched: [PersonID] = []
  package private(set) var source: PersonID = -1

  /// Per half-edge, its quantised cost (`PathSearch.halfEdgeCosts`), shared
  /// with other searches; empty: each tie's key is made from its strength.
  let costs: [UInt32]

  package init(_ graph: Graph, costs: [UInt32] = []) {
    self.graph = graph
    self.costs = costs
    best = [Int64](repeating: .max, count: graph.personCount)
  }

  /// Grows the tree from `source` to everyone within `maxHops` hops, the
  /// first hop to a contact `firstHop` accepts. With `lastHopTo`, the last
  /// layer only reaches the people in it: chains to them are the same,
  /// and nobody else is reached in `maxHops` hops exactly (a page that shows
  /// people two steps away need not rank everyone three steps away). The
  /// set is tested before anything else per tie of the last layer: a hub
  /// two hops out has most of its row outside it.
  /// - Complexity: O(H·E_b + V_b log V_b) for the ties E_b and people V_b
  ///   within H = `maxHops` of the source; O(H·V) scratch, allocated once.
  package mutating func grow(
    from source: PersonID, maxHops: Int, firstHop: (PersonID) -> Bool, lastHopTo: PersonBits? = nil
  ) {
    let n = graph.personCount
    for p in touched { best[Int(p)] = .max }
    touched.removeAll(keepingCapacity: true)
    for j in 0..<layer.count {
      for p in layer[j] {
        exact[j * n + Int(p)] = .max
        pred[j * n + Int(p)] = -1
        rank[j * n + Int(p)] = -1
      }
      layer[j].removeAll(keepingCapacity: true)
    }
    while layer.count <= maxHops {
      exact += repeatElement(.max, count: n)
      pred += repeatElement(-1, count: n)
      rank += repeatElement(-1, count: n)
      layer.append([])
    }
    self.source = source
    // The hot loop works on locals (moved out and back): no reference
    // counting or exclusivity checks on `self`'s arrays per tie.
    var best = self.best
    var exact = self.exact
    var pred = self.pred
    var rank = self.rank
    var layer = self.layer
    var touched = self.touched
    self.best = []
    self.exact = []
    self.pred = []
    self.rank = []
    self.layer = []
    self.touched = []
    defer {
      self.best = best
      self.exact = exact
      self.pred = pred
      self.rank = rank
      self.layer = layer
      self.touched = touched
    }
    best[Int(source)] = 0
    touched.append(source)
    exact[Int(source)] = 0
    rank[Int(source)] = 0
    layer[0] = [source]
    guard maxHops >= 1 else { return }
    var order: [UInt64] = []
    let costs = self.costs
    // The last layer's set as bare words, tested inline in the loop.
    let lastWords = lastHopTo?.words ?? []
    graph.withCSR { o, t, s in
      for j in 1...maxHops {
        let here = j * n
        let before = here - n
        var grown: [PersonID] = []
        // Earlier-ranked predecessors first, so on equal keys the first one stays.
        let filtered = j == maxHops && lastHopTo != nil
        for x in layer[j - 1] {
          let dx = exact[before + Int(x)]
          for e in Int(o[Int(x)])..<Int(o[Int(x) + 1]) {
            let y = t[e]
            if filtered && lastWords[Int(y) >> 6] & (1 << UInt64(Int(y) & 63)) == 0 { continue }
            if y == source || (x == source && !firstHop(y)) { continue }
            let key = dx + PathSearch.key(e, s, costs)
            guard key < best[Int(y)] else { continue }
            if best[Int(y)] == .max { touched.append(y) }
            if exact[here + Int(y)] == .max { grown.append(y) }
            best[Int(y)] = key
            exact[here + Int(y)] = key
            pred[here + Int(y)] = x
          }
        }
        // Rank the layer by (rank of the predecessor, id): one integer each, sorted.
        order.removeAll(keepingCapacity: true)
        for y in grown {
          let r = rank[before + Int(pred[here + Int(y)])]
          order.append(UInt64(UInt32(r)) << 32 | UInt64(UInt32(y)))
        }
        order.sort()
        grown.removeAll(keepingCapacity: true)
        for (i, packed) in order.enumerated() {
          let y = PersonID(truncatingIfNeeded: packed & 0xFFFF_FFFF)
          rank[here + Int(y)] = Int32(i)
          grown.append(y)
        }
        layer[j] = grown
        if grown.isEmpty { break }
      }
    }
  }

  /// The ranking key of the least chain to `person` (`PathSearch`'s: lower
  /// is stronger, then fewer hops), or `.max` when not reached. O(1).
  package func key(of person: PersonID) -> Int64 { best[Int(person)] }

  /// Everyone the tree reaches besides the source, ascending by id.
  package var reached: [PersonID] { touched.filter { $0 != source }.sorted() }

  /// The least chain from the source to `target` (source first), or nil when
  /// the target is the source or not within the hop limit. O(hops).
  package func chain(to target: PersonID) -> [PersonID]? {
    var people: [PersonID] = []
    return chain(to: target, into: &people) ? people : nil
  }

  /// The least chain to `target` written into `people` (source first,
  /// replacing what it held): false, and `people` empty, when the target is
  /// the source or not within the hop limit. O(hops); no allocation once
  /// `people` has room, for a caller reading many chains.
  package func chain(to target: PersonID, into people: inout [PersonID]) -> Bool {
    people.removeAll(keepingCapacity: true)
    let key = best[Int(target)]
    guard target != source, key != .max else { return false }
    var j = Int(key & PathSearch.hopMask)
    people.append(contentsOf: repeatElement(target, count: j + 1))
    var v = target
    let n = graph.personCount
    while j > 0 {
      v = pred[j * n + Int(v)]
      j -= 1
      people[j] = v
    }
    return true
  }
}
