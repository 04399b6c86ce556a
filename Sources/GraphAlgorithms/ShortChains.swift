@_spi(Internals) import GraphCore

/// The least two-hop chains from one source to everyone two hops away, kept
/// for many queries of at most three hops from that source (`PathSearch.fanOut`).
///
/// For each person b reached, up to `width` chains s–a–b, least first by
/// (key, a): a chain s–a–b–t is one of them extended by the tie b–t, so a
/// query for t reads `width` entries per contact of t instead of each
/// contact's whole row. Entries sit in one flat array, `width` per person
/// reached, found through `slot`.
package struct ChainFan {
  /// The source the fan was made from; −1: no fan.
  var source: PersonID = -1
  /// Chains kept per person (one more than the largest k it answers: a chain
  /// through t itself is dropped when the query is for t).
  var width = 0
  /// Per person, the index of its entries in `key` and `second` (÷ `width`), or −1.
  var slot: [Int32] = []
  var count: [UInt8] = []
  var key: [Int64] = []
  var second: [Int32] = []
  var reached: [PersonID] = []

  /// Whether the fan answers a query from `s` for `k` chains.
  package func answers(from s: PersonID, k: Int) -> Bool { source == s && source >= 0 && k < width }
}

extension PathSearch {
  // MARK: Chains of at most three hops to one person

  /// Marks the contacts of `s` and the key of each tie from `s`, unless they are marked already.
  mutating func markNear(_ s: PersonID) {
    if nearKey.isEmpty {
      nearKey = [Int64](repeating: 0, count: n)
      nearMarks = VisitMarks(count: n)
      firstYes = VisitMarks(count: n)
      firstNo = VisitMarks(count: n)
    }
    guard nearSource != s else { return }
    nearSource = s
    nearMarks.reset()
    let costs = keys
    graph.withCSR { o, tt, st in
      for e in Int(o[Int(s)])..<Int(o[Int(s) + 1]) {
        nearMarks.mark(tt[e])
        nearKey[Int(tt[e])] = Self.key(e, st, costs)
      }
    }
  }

  /// Whether `a` may start a chain, by the first-hop marks or, the first
  /// time `a` is met, by `firstHop` (then marked).
  @inline(__always) mutating func allowedFirstHop(_ a: PersonID, _ firstHop: (PersonID) -> Bool) -> Bool {
    if firstYes.isMarked(a) { return true }
    if firstNo.isMarked(a) { return false }
    let ok = firstHop(a)
    if ok { firstYes.mark(a) } else { firstNo.mark(a) }
    return ok
  }

  /// Prepares many queries from `source` by `rule` for up to `k` chains of
  /// at most three hops each (the explorer's chains to a few hundred people
  /// from one ego): the `k + 1` least chains s–a–b to every b two hops
  /// away, so that each query reads a few entries per contact of its target
  /// instead of every contact's row. Answers are the same with or without
  /// it; it holds until a query from another source or by another rule.
  /// - Complexity: O(Σ_{a ∈ N(s)} deg(a) · k) time; O(V) scratch once and
  ///   O(k) per person two hops away.
  package mutating func fanOut(from source: PersonID, rule: FirstHopRule, k: Int) {
    let same = firstHopMemo.map { $0.source == source && $0.rule == rule } ?? false
    if !same {
      firstYes.reset()
      firstNo.reset()
      firstHopMemo = (source, rule)
    }
    markNear(source)
    let firstHop = graph.firstHopTest(rule, from: source)
    let width = k + 1
    var f = fan
    fan = ChainFan()
    if f.slot.count != n { f.slot = [Int32](repeating: -1, count: n) }
    for b in f.reached { f.slot[Int(b)] = -1 }
    f.reached.removeAll(keepingCapacity: true)
    f.count.removeAll(keepingCapacity: true)
    f.key.removeAll(keepingCapacity: true)
    f.second.removeAll(keepingCapacity: true)
    f.width = width
    f.source = source
    let costs = keys
    let keyFromS = nearKey
    graph.withCSR { o, tt, st in
      for e in Int(o[Int(source)])..<Int(o[Int(source) + 1]) {
        // Contacts in increasing id, so a later entry of equal key has the larger a.
        let a = tt[e]
        guard allowedFirstHop(a, firstHop) else { continue }
        let ka = keyFromS[Int(a)]
        for g in Int(o[Int(a)])..<Int(o[Int(a) + 1]) {
          let b = tt[g]
          if b == source { continue }
          let key = ka + Self.key(g, st, costs)
          var slot = Int(f.slot[Int(b)])
          if slot < 0 {
            slot = f.count.count
            f.slot[Int(b)] = Int32(slot)
            f.reached.append(b)
            f.count.append(0)
            f.key.append(contentsOf: repeatElement(.max, count: width))
            f.second.append(contentsOf: repeatElement(-1, count: width))
          }
          let base = slot * width
          let c = Int(f.count[slot])
          if c == width && !(key < f.key[base + width - 1]) { continue }
          var i = min(c, width - 1)
          while i > 0 && key < f.key[base + i - 1] {
            f.key[base + i] = f.key[base + i - 1]
            f.second[base + i] = f.second[base + i - 1]
            i -= 1
          }
          f.key[base + i] = key
          f.second[base + i] = a
          if c < width { f.count[slot] = UInt8(c + 1) }
        }
      }
    }
    fan = f
  }

  /// The first `k` chains of at most `maxHops` ≤ 3 hops from `s` to `t` in
  /// Yen's order (key, then the ids in turn): the same list as Yen's search,
  /// found by listing every such chain instead of by spur searches. A chain
  /// s–a–b–t is a contact b of t and a contact a of b who is a contact of s,
  /// so the list costs one pass over the rows of t's contacts, with s's
  /// contacts marked (kept while the source stays the same), or with a fan
  /// from s (`fanOut`) a few entries per contact of t. The first hop's test
  /// runs once per contact of s met.
  ///
  /// - Complexity: O(deg(s) + Σ_{b ∈ N(t)} deg(b) + k) time per query after
  ///   O(deg(s)) once per source (O(deg(t) · k) with a fan); O(V) scratch
  ///   made once.
  mutating func shortChains(
    from s: PersonID, to t: PersonID, k: Int, maxHops: Int, firstHop: (PersonID) -> Bool
  ) -> [[PersonID]] {
    let g = graph
    markNear(s)
    let costs = keys
    // The best so far, least first: (key, second person, third person or t,
    // or −1 for the one-hop chain). Equal keys mean equal hop counts, so
    // comparing the tuples compares the chains in Yen's order.
    var best: [(key: Int64, a: Int32, b: Int32)] = []
    func offer(_ c: (key: Int64, a: Int32, b: Int32)) {
      if best.count == k, let last = best.last, !(c < last) { return }
      var i = best.count
      while i > 0 && c < best[i - 1] { i -= 1 }
      best.insert(c, at: i)
      if best.count > k { best.removeLast() }
    }
    let marks = nearMarks
    let keyFromS = nearKey
    if marks.isMarked(t) && allowedFirstHop(t, firstHop) { offer((keyFromS[Int(t)], t, -1)) }
    let fanned = maxHops >= 3 && fan.answers(from: s, k: k)
    let f = fanned ? fan : ChainFan()
    if maxHops >= 2 {
      g.withCSR { o, tt, st in
        for e in Int(o[Int(t)])..<Int(o[Int(t) + 1]) {
          let b = tt[e]
          if b == s { continue }
          let kb = Self.key(e, st, costs)
          if marks.isMarked(b) && allowedFirstHop(b, firstHop) { offer((keyFromS[Int(b)] + kb, b, t)) }
          guard maxHops >= 3 else { continue }
          if fanned {
            let slot = Int(f.slot[Int(b)])
            guard slot >= 0 else { continue }
            let base = slot * f.width
            for j in base..<base + Int(f.count[slot]) {
              let a = f.second[j]
              if a == t { continue }
              let key = f.key[j] + kb
              if best.count == k, let last = best.last, key > last.key { break }
              offer((key, a, b))
            }
            continue
          }
          for h in Int(o[Int(b)])..<Int(o[Int(b) + 1]) {
            let a = tt[h]
            if a == s || a == t || !marks.isMarked(a) { continue }
            let key = keyFromS[Int(a)] + Self.key(h, st, costs) + kb
            if best.count == k, let last = best.last, key > last.key { continue }
            if allowedFirstHop(a, firstHop) { offer((key, a, b)) }
          }
        }
      }
    }
    return best.map { c in c.b < 0 ? [s, c.a] : c.b == t ? [s, c.a, t] : [s, c.a, c.b, t] }
  }
}
