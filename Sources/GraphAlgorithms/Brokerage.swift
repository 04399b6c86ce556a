@_spi(Internals) import GraphCore

/// Gould–Fernandez brokerage roles of one person: counts of the ordered
/// two-paths i → j → k (i ≠ k, no tie i–k) that the person j mediates, by
/// the groups of the three people, counted as R `sna::brokerage` does.
public struct BrokerageRoles: Sendable, Codable, Equatable {
  /// A → A → A: all three in one group (`w_I` in sna).
  public var coordinator = 0
  /// A → B → A: the two ends share a group, the broker is outside (`w_O`).
  public var itinerant = 0
  /// A → A → B: the broker is in the source's group (`b_IO`).
  public var representative = 0
  /// A → B → B: the broker is in the target's group (`b_OI`).
  public var gatekeeper = 0
  /// A → B → C: all three groups differ (`b_O`).
  public var liaison = 0

  public init(coordinator: Int = 0, itinerant: Int = 0, representative: Int = 0, gatekeeper: Int = 0, liaison: Int = 0)
  {
    self.coordinator = coordinator
    self.itinerant = itinerant
    self.representative = representative
    self.gatekeeper = gatekeeper
    self.liaison = liaison
  }

  /// All brokered two-paths (sna's `t`).
  public var total: Int { coordinator + itinerant + representative + gatekeeper + liaison }
}

extension Graph {
  /// Gould & Fernandez (1989, "Structures of mediation", *Sociological
  /// Methodology* 19:89–126) brokerage roles of every person, with `groups`
  /// (a label per person id) as the partition.
  ///
  /// Counted exactly as R `sna::brokerage(g, cl)` counts an undirected
  /// graph: as a symmetric digraph, so every unordered two-path counts twice
  /// (once per direction) and representative = gatekeeper for every person.
  /// Halve the counts for unordered two-paths.
  ///
  /// For broker j with c_g contacts in group g (d contacts, own group h), all
  /// ordered contact pairs are counted in closed form — coordinator
  /// c_h(c_h − 1), itinerant Σ_{g≠h} c_g(c_g − 1), representative =
  /// gatekeeper c_h(d − c_h), liaison (d − c_h)² − Σ_{g≠h} c_g² — and the
  /// pairs of contacts who are tied to each other are then subtracted: each
  /// contact's row is read, or, for a contact with many more contacts than
  /// the broker (`RowSearch`), searched for the broker's contacts.
  ///
  /// - Complexity: O(Σ_j Σ_{i∈N(j)} min(deg(i), deg(j)·log deg(i))) time (a
  ///   hub costs O(log deg) per leaf, not its degree); O(V + G) extra space
  ///   per worker for G groups.
  public func brokerageRoles(groups: [Int32], threads: Int = 1) -> [BrokerageRoles] {
    brokerageRolesCounted(groups: groups, threads: threads).roles
  }

  /// `brokerageRoles(groups:)` of each of `people`, in their order; the same
  /// for any number of threads. A ranking that shows a few people counts only theirs.
  ///
  /// - Complexity: O(V) to number the groups plus, for each broker j of
  ///   `people`, O(Σ_{i∈N(j)} min(deg(i), deg(j)·log deg(i))); space as `brokerageRoles(groups:)`.
  public func brokerageRoles(of people: [PersonID], groups: [Int32], threads: Int = 1) -> [BrokerageRoles] {
    brokerageRolesRun(count: people.count, person: { Int(people[$0]) }, groups: groups, threads: threads).roles
  }

  /// `brokerageRoles` and the row entries read or searched for (its work).
  func brokerageRolesCounted(groups: [Int32], threads: Int = 1) -> (roles: [BrokerageRoles], scanned: Int) {
    brokerageRolesRun(count: personCount, person: { $0 }, groups: groups, threads: threads)
  }

  private func brokerageRolesRun(
    count: Int, person: (Int) -> Int, groups: [Int32], threads: Int
  ) -> (roles: [BrokerageRoles], scanned: Int) {
    precondition(groups.count == personCount, "one group label per person")
    let n = personCount
    var out = [BrokerageRoles](repeating: BrokerageRoles(), count: count)
    // Dense labels 0 ..< G.
    var dense = [Int32](repeating: 0, count: n)
    var map: [Int32: Int32] = [:]
    for p in 0..<n {
      if let d = map[groups[p]] {
        dense[p] = d
      } else {
        let d = Int32(map.count)
        map[groups[p]] = d
        dense[p] = d
      }
    }
    let groupCount = map.count
    var work = [Int](repeating: 0, count: count)
    withCSR { o, t, _ in
      dense.withUnsafeBufferPointer { g in
        out.withUnsafeMutableBufferPointer { res in
          work.withUnsafeMutableBufferPointer { work in
            let box = SendableBuffer(res)
            let workBox = SendableBuffer(work)
            Parallel.parallelFor(
              count: count, threads: threads, chunk: 64,
              makeScratch: { BrokerageScratch(people: n, groups: groupCount) },
              body: { range, scratch in
                for k in range {
                  let before = scratch.scanned
                  box.value[k] = scratch.run(person(k), o, t, g)
                  workBox.value[k] = scratch.scanned - before
                }
              })
          }
        }
      }
    }
    return (out, work.reduce(0, +))
  }
}

struct BrokerageScratch {
  var marks: VisitMarks
  var count: [Int]
  var touched: [Int32] = []
  /// Row entries read or searched for, over every broker run with this scratch.
  var scanned = 0

  init(people: Int, groups: Int) {
    marks = VisitMarks(count: people)
    count = [Int](repeating: 0, count: groups)
  }

  mutating func run(
    _ j: Int, _ o: UnsafeBufferPointer<UInt32>, _ t: UnsafeBufferPointer<Int32>, _ g: UnsafeBufferPointer<Int32>
  ) -> BrokerageRoles {
    let lo = Int(o[j])
    let hi = Int(o[j + 1])
    let d = hi - lo
    if d < 2 { return BrokerageRoles() }
    let h = Int(g[j])
    marks.reset()
    touched.removeAll(keepingCapacity: true)
    for p in lo..<hi {
      let i = t[p]
      marks.mark(i)
      let gi = Int(g[Int(i)])
      if count[gi] == 0 { touched.append(Int32(gi)) }
      count[gi] += 1
    }
    let ch = count[h]
    let others = d - ch
    var r = BrokerageRoles()
    r.coordinator = ch * (ch - 1)
    r.representative = ch * others
    r.gatekeeper = ch * others
    var squares = 0
    for gi in touched where Int(gi) != h {
      let c = count[Int(gi)]
      r.itinerant += c * (c - 1)
      squares += c * c
    }
    r.liaison = others * others - squares
    for gi in touched { count[Int(gi)] = 0 }
    // Subtract ordered pairs (i, k) of contacts tied to each other.
    var scanned = 0
    let marks = self.marks
    for p in lo..<hi {
      let i = Int(t[p])
      let gi = Int(g[i])
      RowSearch.forEachShared(
        list: lo, hi, row: Int(o[i]), Int(o[i + 1]), in: t, scanned: &scanned, isListed: { marks.isMarked($0) },
        each: { k, _ in Self.subtract(&r, gi, Int(g[Int(k)]), h) })
    }
    self.scanned += scanned
    return r
  }

  /// One ordered pair (i, k) of tied contacts, groups gi and gk, broker's group h.
  @inline(__always) static func subtract(_ r: inout BrokerageRoles, _ gi: Int, _ gk: Int, _ h: Int) {
    if gi == h && gk == h {
      r.coordinator -= 1
    } else if gi == gk {
      r.itinerant -= 1
    } else if gi == h {
      r.representative -= 1
    } else if gk == h {
      r.gatekeeper -= 1
    } else {
      r.liaison -= 1
    }
  }
}

extension Graph {
  /// Whether `p` stands between anyone: two of `p`'s contacts are not tied to
  /// each other (an open two-path through `p`). A person without one — fewer
  /// than two contacts, or contacts who all know each other — has no
  /// brokerage role, ego betweenness 0 and unweighted betweenness 0, so no
  /// ranking lists them as a broker.
  ///
  /// - Complexity: O(d² log d) for d = degree(p) in the worst case (every
  ///   pair checked); a contact with fewer than d contacts answers at once.
  package func brokersAPair(_ p: PersonID) -> Bool {
    let contacts = neighbors(of: p)
    let d = contacts.count
    guard d >= 2 else { return false }
    // A contact tied to every other contact has at least d contacts (them and p).
    for c in contacts where degree(of: c) < d { return true }
    for (i, a) in zip(contacts.indices, contacts) {
      for b in contacts[(i + 1)...] where !areTied(a, b) { return true }
    }
    return false
  }
}
