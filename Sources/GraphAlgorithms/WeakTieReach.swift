import GraphCore

/// Options for `Graph.egoReach`.
public struct ReachOptions: Sendable {
  /// Tie classes (strong / weak / dormant thresholds).
  public var classifier = TieClassifier()
  /// Reference date for dormancy (default: the data's).
  public var asOf: Day?
  /// Fraction of second-degree reach the cover must reach.
  public var coverFraction = 0.8
  /// Peak m* of the inverted-U job-value heuristic (Guides/WeakTieReach.md).
  public var jobValuePeak = 10.0
  public init() {}
}

/// One contact's part in the ego's reach.
public struct ContactReach: Sendable, Codable, Equatable {
  public var person: PersonID
  public var tieClass: TieClass
  /// Strength of the ego–contact tie.
  public var strength: Double
  /// Second-degree people this contact knows (|N(c) ∩ N₂|).
  public var secondDegree: Int
  /// Second-degree people only this contact opens (|N(c) ∩ N₂ \ ∪_{c'≠c} N(c')|).
  public var uniqueReach: Int
  /// For a dormant contact: second-degree people no active (non-dormant) contact reaches.
  public var reopens: Int
  /// Mutual contacts of ego and contact (m).
  public var mutualContacts: Int
  /// The inverted-U job-value heuristic v = g(m)(1 − s), g(m) = (m/m*)e^(1−m/m*) — for ranking only.
  public var jobValue: Double
  /// Whether the ego–contact tie is inferred rather than observed.
  public var inferred: Bool
}

/// The greedy cover: contacts in greedy order with their marginal gains.
public struct ReachCover: Sendable, Codable, Equatable {
  /// The target fraction of second-degree reach.
  public var fraction: Double
  /// The greedy prefix that reaches `fraction`: "at most k contacts" (greedy is an upper bound).
  public var contacts: [PersonID]
  /// Second-degree people the prefix covers.
  public var covered: Int
  /// |N₂|.
  public var universe: Int
  /// The whole greedy order (until everything is covered) and each marginal gain.
  public var order: [PersonID]
  public var gains: [Int]
}

/// Reach into one company (or industry): its people counted by their
/// company key (`PersonTable.companyGroups`), so "Apple Inc." and "Apple" are one.
public struct GroupReach: Sendable, Codable, Equatable {
  /// The group's label: the spelling most of its people use.
  public var name: String
  /// Contacts there (first degree).
  public var direct: Int
  /// Second-degree people there.
  public var secondDegree: Int
  /// Whether some strong (or unrated) tie leads there; otherwise only weak or dormant ties do.
  public var throughStrongTie: Bool
}

/// A door to a target: one of the ego's contacts through whom the ego reaches
/// the target's people (`Graph.doors`).
public struct TargetDoor: Sendable, Codable, Equatable {
  /// The ego's contact.
  public var via: PersonID
  /// The target's people this contact is, or is tied to, ascending.
  public var reaches: [PersonID]
  /// The strongest chain through this contact: the direct tie's strength, or ego–door × door–target.
  public var pathStrength: Double
  /// Whether the contact is one of the target's people.
  public var direct: Bool
}

/// An ego's weak-tie reach (Guides/WeakTieReach.md; Granovetter 1973).
public struct EgoReach: Sendable, Codable, Equatable {
  public var ego: PersonID
  /// |N₁|: contacts.
  public var firstDegree: Int
  /// |N₂|: people at distance exactly 2.
  public var secondDegree: Int
  /// Second-degree people some weak (or nominal) contact knows.
  public var weakReach: Int
  /// Second-degree people reachable only through weak, nominal or dormant
  /// contacts — what the ego would lose without weak ties.
  public var weakOnlyReach: Int
  /// Contacts by tie class.
  public var contactsByClass: [String: Int]
  /// Every contact, sorted by unique reach, then second degree, then strength, then id.
  public var contacts: [ContactReach]
  public var cover: ReachCover
  /// Dormant contacts ranked by the reach they would reopen ("reconnect first").
  public var dormant: [ContactReach]
  /// Companies and industries among N₁ ∪ N₂ (by key), largest first, then by name.
  public var companies: [GroupReach]
  public var industries: [GroupReach]
  /// Contacts joined to the ego by inferred ties (answers resting on them say so).
  public var inferredContacts: Int
  /// Contacts whose tie has no strength or evidence (weak/strong split unknown for them).
  public var unratedContacts: Int
}

extension Graph {
  /// The weak-tie reach of `ego`: first and second degree, weak and
  /// weak-only reach, each contact's unique reach, the greedy cover, dormant
  /// ties ranked by the reach they would reopen, and the companies and
  /// industries reachable.
  ///
  /// Weak side = {weak, nominal, dormant, unreciprocated}; strong side =
  /// {strong, unrated}. With unrated data (plain edge lists) weak reach is 0:
  /// the split needs strengths or evidence.
  ///
  /// The cover is lazy greedy maximum coverage over N₂ (Minoux 1978):
  /// larger marginal gain first, then the stronger tie (an easier ask), then
  /// the smaller id. Greedy is a (1 − 1/e) approximation for coverage
  /// (Nemhauser, Wolsey & Fisher 1978) and its prefix length is an upper
  /// bound for the smallest covering set.
  ///
  /// - Complexity: O(Σ_{c∈N(ego)} deg(c) · log deg) time, O(V) extra space.
  public func egoReach(_ ego: PersonID, options: ReachOptions = ReachOptions()) -> EgoReach {
    let n = personCount
    let contactsList = Array(neighbors(of: ego))
    let egoStrengths = Array(strengths(of: ego))
    let reference = options.asOf ?? ties.referenceDate
    var inFirst = VisitMarks(count: n)
    inFirst.mark(ego)
    for c in contactsList { inFirst.mark(c) }
    // Classes of the ego's ties.
    var classes: [TieClass] = []
    var inferred: [Bool] = []
    classes.reserveCapacity(contactsList.count)
    for c in contactsList {
      let t = tieID(between: ego, and: c)!
      classes.append(tieClass(t, classifier: options.classifier, asOf: reference))
      inferred.append(ties.isInferred(t))
    }
    func weakSide(_ k: TieClass) -> Bool { k == .weak || k == .nominal || k == .dormant || k == .unreciprocated }
    // Second degree: cover counts and which sides reach each person.
    var cover = [Int32](repeating: 0, count: n)
    var strongReach = VisitMarks(count: n)
    var weakMarks = VisitMarks(count: n)
    var activeReach = VisitMarks(count: n)
    var second: [PersonID] = []
    for (i, c) in contactsList.enumerated() {
      for x in neighbors(of: c) where !inFirst.isMarked(x) {
        if cover[Int(x)] == 0 { second.append(x) }
        cover[Int(x)] += 1
        if weakSide(classes[i]) {
          if classes[i] == .weak || classes[i] == .nominal { weakMarks.mark(x) }
        } else {
          strongReach.mark(x)
        }
        if classes[i] != .dormant { activeReach.mark(x) }
      }
    }
    second.sort()
    var weakReach = 0
    var weakOnly = 0
    for x in second {
      if weakMarks.isMarked(x) { weakReach += 1 }
      if !strongReach.isMarked(x) { weakOnly += 1 }
    }
    // Per contact.
    var contactReach: [ContactReach] = []
    var byClass: [String: Int] = [:]
    for (i, c) in contactsList.enumerated() {
      var sd = 0
      var unique = 0
      var reopens = 0
      // Mutual contacts: c's contacts who are the ego's too (the marks, not a
      // merge with the ego's whole row per contact).
      var m = 0
      for x in neighbors(of: c) {
        if inFirst.isMarked(x) {
          if x != ego { m += 1 }
          continue
        }
        sd += 1
        if cover[Int(x)] == 1 { unique += 1 }
        if !activeReach.isMarked(x) { reopens += 1 }
      }
      let s = Double(egoStrengths[i])
      let ratio = Double(m) / options.jobValuePeak
      let g = ratio * Elementary.exp(1 - ratio)
      byClass[classes[i].rawValue, default: 0] += 1
      contactReach.append(
        ContactReach(
          person: c, tieClass: classes[i], strength: s, secondDegree: sd, uniqueReach: unique,
          reopens: classes[i] == .dormant ? reopens : 0, mutualContacts: m, jobValue: g * (1 - s),
          inferred: inferred[i]))
    }
    let coverResult = greedyCover(
      ego: ego, contacts: contactsList, strengths: egoStrengths, universe: second.count, inFirst: inFirst,
      fraction: options.coverFraction)
    var dormant = contactReach.filter { $0.tieClass == .dormant }
    dormant.sort {
      ($0.reopens, $0.secondDegree, $0.strength, -Int($0.person)) > (
        $1.reopens, $1.secondDegree, $1.strength, -Int($1.person)
      )
    }
    contactReach.sort {
      ($0.uniqueReach, $0.secondDegree, $0.strength, -Int($0.person))
        > ($1.uniqueReach, $1.secondDegree, $1.strength, -Int($1.person))
    }
    // Companies and industries over N₁ ∪ N₂.
    var strongContact = VisitMarks(count: n)
    for (i, c) in contactsList.enumerated() where !weakSide(classes[i]) { strongContact.mark(c) }
    func groups(_ column: AttributeGroups) -> [GroupReach] {
      guard column.count > 0 else { return [] }
      // Each group's place in `out` by group number, and its label's rank: no hashing or text compared.
      var slot = [Int32](repeating: -1, count: column.count)
      var out: [GroupReach] = []
      var groupOf: [Int32] = []
      func add(_ p: PersonID, direct: Bool, strong: Bool) {
        guard let group = column.group(of: p) else { return }
        var k = Int(slot[Int(group)])
        if k < 0 {
          k = out.count
          slot[Int(group)] = Int32(k)
          out.append(GroupReach(name: column.label(group), direct: 0, secondDegree: 0, throughStrongTie: false))
          groupOf.append(group)
        }
        if direct { out[k].direct += 1 } else { out[k].secondDegree += 1 }
        if strong { out[k].throughStrongTie = true }
      }
      for c in contactsList { add(c, direct: true, strong: strongContact.isMarked(c)) }
      for x in second { add(x, direct: false, strong: strongReach.isMarked(x)) }
      // Most people first, then by name.
      let rank = column.labelRanks
      let order = out.indices.sorted {
        (out[$0].direct + out[$0].secondDegree, -rank[Int(groupOf[$0])])
          > (out[$1].direct + out[$1].secondDegree, -rank[Int(groupOf[$1])])
      }
      return order.map { out[$0] }
    }
    return EgoReach(
      ego: ego, firstDegree: contactsList.count, secondDegree: second.count, weakReach: weakReach,
      weakOnlyReach: weakOnly, contactsByClass: byClass, contacts: contactReach, cover: coverResult, dormant: dormant,
      companies: groups(people.companyGroups), industries: groups(people.industryGroups),
      inferredContacts: inferred.filter { $0 }.count, unratedContacts: classes.filter { $0 == .unrated }.count)
  }

  /// The best doors from `ego` to a target's `people` (a person, or everyone
  /// at a company): every contact of the ego who is one of them, or is tied
  /// to one of them, with the strongest such chain (the direct tie's
  /// strength, or ego–door × door–target) and whom they reach. Ranked by
  /// that strength, then by how many of the target's people they reach,
  /// then by person id; the first `limit` (Guides/WeakTieReach.md, "Doors
  /// to targets").
  /// - Complexity: O(Σ_{t ∈ people} deg(t) · log deg(ego) + D log D) for D doors.
  public func doors(from ego: PersonID, to people: [PersonID], limit: Int = 5) -> [TargetDoor] {
    var best: [PersonID: (strength: Double, reaches: [PersonID], direct: Bool)] = [:]
    for t in people where t != ego {
      if let s = strength(between: ego, and: t) {
        let old = best[t] ?? (0, [], true)
        best[t] = (max(old.strength, Double(s)), old.reaches + [t], true)
      }
      for (c, s) in zip(neighbors(of: t), strengths(of: t)) where c != ego {
        guard let se = strength(between: ego, and: c) else { continue }
        let chain = Double(se) * Double(s)
        let old = best[c] ?? (0, [], false)
        best[c] = (max(old.strength, chain), old.reaches + [t], old.direct)
      }
    }
    let ranked = best.sorted { a, b in
      (a.value.strength, a.value.reaches.count, -Int(a.key)) > (b.value.strength, b.value.reaches.count, -Int(b.key))
    }
    return ranked.prefix(limit).map { door in
      let (strength, reaches, direct) = door.value
      return TargetDoor(via: door.key, reaches: reaches.sorted(), pathStrength: strength, direct: direct)
    }
  }

  /// Lazy greedy maximum coverage of N₂ by the ego's contacts.
  /// - Complexity: O(Σ deg(c) · log k) for k contacts (each re-evaluation rescans one row).
  func greedyCover(
    ego: PersonID, contacts: [PersonID], strengths: [Float], universe: Int, inFirst: VisitMarks, fraction: Double
  ) -> ReachCover {
    var covered = VisitMarks(count: personCount)
    func gain(_ c: PersonID) -> Int {
      var g = 0
      for x in neighbors(of: c) where !inFirst.isMarked(x) && !covered.isMarked(x) { g += 1 }
      return g
    }
    // Max-heap on (gain, strength, −id), stored as a sorted array of candidates popped from the end.
    struct Entry: Comparable {
      var gain: Int
      var strength: Float
      var person: PersonID
      static func < (a: Entry, b: Entry) -> Bool {
        if a.gain != b.gain { return a.gain < b.gain }
        if a.strength != b.strength { return a.strength < b.strength }
        return a.person > b.person
      }
    }
    var heap = BinaryMaxHeap<Entry>()
    for (i, c) in contacts.enumerated() {
      let g = gain(c)
      if g > 0 { heap.push(Entry(gain: g, strength: strengths[i], person: c)) }
    }
    var order: [PersonID] = []
    var gains: [Int] = []
    var total = 0
    var prefix = -1
    let target = fraction * Double(universe)
    if universe == 0 || target <= 0 { prefix = 0 }
    while var top = heap.pop() {
      let fresh = gain(top.person)
      if fresh == 0 { continue }
      if fresh < top.gain {
        top.gain = fresh
        if let next = heap.peek, next > top {
          heap.push(top)
          continue
        }
      }
      order.append(top.person)
      gains.append(fresh)
      for x in neighbors(of: top.person) where !inFirst.isMarked(x) { covered.mark(x) }
      total += fresh
      if prefix < 0 && Double(total) >= target - 1e-9 { prefix = order.count }
    }
    let k = prefix < 0 ? order.count : prefix
    return ReachCover(
      fraction: fraction, contacts: Array(order.prefix(k)), covered: gains.prefix(k).reduce(0, +), universe: universe,
      order: order, gains: gains)
  }
}

/// A small binary max-heap.
struct BinaryMaxHeap<Element: Comparable> {
  private var items: [Element] = []
  var peek: Element? { items.first }
  var isEmpty: Bool { items.isEmpty }

  mutating func push(_ e: Element) {
    items.append(e)
    var i = items.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      if items[parent] < items[i] {
        items.swapAt(parent, i)
        i = parent
      } else {
        break
      }
    }
  }

  mutating func pop() -> Element? {
    guard let top = items.first else { return nil }
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var best = i
        if l < items.count && items[best] < items[l] { best = l }
        if r < items.count && items[best] < items[r] { best = r }
        if best == i { break }
        items.swapAt(i, best)
        i = best
      }
    }
    return top
  }
}
