import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

/// Everything the explorer page shows, as one JSON value (Guides/Explorer.md,
/// "The data"): every person and tie with its evidence, the picture as
/// Graphviz laid it out, and the answers computed here — reach, chains,
/// introductions, brokers, plan actions — so the page's script only draws,
/// searches and filters.
struct ExplorerData: Encodable {
  struct Person: Encodable {
    var id: String
    var name: String
    var company: String
    var title: String
    var industry: String
    var location: String
    var tags: [String]
    /// Tie class and strength of the tie to the ego (nil for the ego and non-contacts).
    var `class`: String?
    var strength: Double?
    var distance: Int?
    var community: Int?
    var inferred: Bool
    /// The node drawing them (their own or a box), −1 when not drawn.
    var node: Int
  }
  struct Node: Encodable {
    var kind: String
    var person: Int?
    var members: [Int]?
    var label: String
    var x, y, w, h: Double
    var shape: String
    var fill: String
    var stroke: String
    var labelShown: Bool
  }
  struct Edge: Encodable {
    var a: Int
    var b: Int
    var kind: String
    var points: [Double]
    var width: Double
    var color: String
    var dash: Bool
    var tie: Int
  }
  /// One tie, written as a compact array: [a, b, strength, class, how,
  /// source, last, interactions, inferred]. Held without strings (a page of
  /// a large network copies thousands of rows from the network's table, and
  /// the table holds every tie): 48 bytes a row.
  struct Tie: Encodable {
    var interactions: Int
    var a, b: Int32
    /// Indexes into the page's `how` and `sources` (−1: none).
    var how, source: Int32
    var last: Day?
    var tieClass: TieClass
    var inferred: Bool
    var strength: Double?
    func encode(to encoder: any Encoder) throws {
      var c = encoder.unkeyedContainer()
      try c.encode(a)
      try c.encode(b)
      if let strength { try c.encode(strength) } else { try c.encodeNil() }
      try c.encode(tieClass.rawValue)
      try c.encode(how)
      try c.encode(source)
      try c.encode(last?.iso ?? "")
      try c.encode(interactions)
      try c.encode(inferred ? 1 : 0)
    }
  }
  struct Community: Encodable {
    var label: String
    var size: Int
  }
  struct Only: Encodable {
    var count: Int
    var people: [Int]
  }
  struct Chain: Encodable {
    var people: [Int]
    var strength: Double
    var sentence: String?
  }
  struct Introduction: Encodable {
    var a, b: Int
    var score: Double
    var shared: Int
    var reasons: [String]
  }
  struct ReachRow: Encodable {
    var person: Int
    var `class`: String
    var strength: Double
    var only: Int
    var second: Int
    var jobValue: Double
  }
  struct Broker: Encodable {
    var person: Int
    var betweenness: Double?
    var constraint: Double?
    var effectiveSize: Double?
  }
  struct PlanItem: Encodable {
    var part: String
    var id: String
    var text: String
    var evidence: [String]
    var command: String
  }
  struct Legend: Encodable {
    var color: String
    var symbol: String
    var text: String
  }

  var schema = 1
  var title: String
  var subtitle: String
  var ego: Int?
  var width: Double
  var height: Double
  var people: [Person]
  var nodes: [Node]
  var edges: [Edge]
  var how: [String]
  var sources: [String]
  var ties: [Tie]
  var communities: [Community]
  var only: ByPerson<Only>
  var chains: ByPerson<[Chain]>
  var introductions: [Introduction]
  var reach: [ReachRow]
  var brokers: [Broker]
  var plan: [String: [PlanItem]]
  var caption: [String]
  var legend: [Legend]
}

/// Values by person (their index in the page's `people`), written as a
/// JSON object keyed by the index's decimal text; a list, each person added once.
struct ByPerson<Value: Encodable>: Encodable, ExpressibleByDictionaryLiteral {
  private(set) var entries: [(person: Int, value: Value)] = []

  init() {}

  init(dictionaryLiteral elements: (Int, Value)...) {
    entries = elements.map { (person: $0.0, value: $0.1) }
  }

  mutating func append(_ person: Int, _ value: Value) {
    entries.append((person, value))
  }

  /// The entries in the byte order of their keys' text ("10" before "9"),
  /// as an encoder with sorted keys writes them. O(m log m).
  var inTextOrder: [(person: Int, value: Value)] {
    entries.map { (Self.textOrder($0.person), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
  }

  /// An integer that orders non-negative numbers as their decimal text
  /// orders: each digit as 1–10 in base 11, from the left, zeros after the
  /// last (a shorter prefix first). Exact below 10¹⁸.
  static func textOrder(_ v: Int) -> UInt64 {
    precondition(v >= 0 && v < 1_000_000_000_000_000_000)
    var top = 1  // the place of v's first digit
    while top <= v / 10 { top *= 10 }
    var key: UInt64 = 0
    for _ in 0..<18 {
      key = key * 11 + (top > 0 ? UInt64(v / top % 10) + 1 : 0)
      top /= 10
    }
    return key
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: TextCodingKey.self)
    for (p, v) in entries { try c.encode(v, forKey: TextCodingKey(stringValue: String(p))) }
  }
}

/// What the page is made from besides the graph.
struct ExplorerRequest {
  var ego: PersonID?
  var classifier = TieClassifier()
  var view = ViewOptions()
  /// Introductions listed (ego: among the ego's contacts; else network-wide).
  var introductions = 50
  /// Brokers listed.
  var brokers = 50
  /// People two steps away listed per contact under "only they open".
  var onlyListed = 30
  /// Chains per person for the people drawn and listed; one for everyone else.
  var chains = 3
  var maxHops = 3
  /// Pairs kept apart by identity resolution (never suggested).
  var apart: Set<PersonPair> = []
  /// Plan actions by the external id of each person they involve.
  var plan: PlanAnswer?
  var threads = 1
  /// With an ego, a network of more people than this is shown from the ego's
  /// side: the ego's contacts, then the people two steps away with the
  /// strongest chains, this many in all (and anyone drawn), the ties among
  /// them, and answers about them. Smaller networks are shown whole.
  var maxPeople = 5_000
  /// Contacts (by what only they open) given several chains, besides the
  /// people drawn and those in the introductions and brokers tables.
  var featuredContacts = 50
  /// The ego's reach and introductions when the caller has them already
  /// (`batch`: the member's report): the same classifier, apart pairs and at
  /// least `introductions` pairs asked. Computed here when nil.
  var egoReach: EgoReach?
  var egoIntroductions: IntroductionResult?
}

extension ExplorerData {
  /// Builds the page's data; `network` (made once, for several pages of one
  /// graph) saves recomputing the parts that do not depend on the ego.
  /// - Complexity: one layout of the picture (Graphviz), O(V + E) for the
  ///   people and ties shown, the ego's reach and introductions, brokers by
  ///   Burt's constraint (O(Σ d²)) and Leiden (both once per network), the
  ///   best chain to everyone within `maxHops` of the ego in one layered pass
  ///   (O(H·E)) and the k best chains to the people drawn and listed.
  static func make(_ g: Graph, _ request: ExplorerRequest, network: ExplorerNetwork? = nil) throws -> ExplorerData {
    var scratch: ExplorerScratch?
    return try make(g, request, network: network, scratch: &scratch)
  }

  /// Builds the page's data with `scratch` (made here when nil) for its
  /// searches: a caller making many pages keeps one per thread, so each
  /// page's searches reuse the arrays of the one before.
  static func make(
    _ g: Graph, _ request: ExplorerRequest, network: ExplorerNetwork? = nil, scratch: inout ExplorerScratch?
  ) throws -> ExplorerData {
    let n = g.personCount
    let ego = request.ego
    let classifier = request.classifier
    func round(_ v: Double, _ places: Double = 10) -> Double { (v * places).rounded() / places }
    let whole = network ?? ExplorerNetwork(g, classifier: classifier, threads: request.threads)
    let partition = whole.partition

    // The picture: the ego's network, or the whole network by community.
    let model: RenderModel
    if let ego {
      model = .ego(g, ego: ego, options: request.view)
    } else {
      model = .network(
        g, groups: PersonGroups(communities: partition, method: "Leiden", seed: 42), options: request.view)
    }
    let layout = try model.layout()

    // Distances from the ego (breadth first): everyone's when the whole
    // network is shown; otherwise two steps out, and further only while
    // someone drawn is still unreached (a page from the ego's side never
    // walks the whole network).
    let near = ego != nil && n > request.maxPeople
    // Everyone drawn: a node's person, or the people a summary box stands for.
    let drawnPeople = model.nodes.flatMap { node in (node.person.map { [$0] } ?? []) + node.memberPeople }
    var distance = [Int](repeating: -1, count: n)
    if let ego {
      var drawn = near ? drawnPeople : []
      distance[Int(ego)] = 0
      var queue = [ego]
      var head = 0
      var layerChecked = -1
      while head < queue.count {
        let u = queue[head]
        // Layer d is complete when its first person is about to be expanded.
        if near && distance[Int(u)] >= 2 && distance[Int(u)] != layerChecked {
          layerChecked = distance[Int(u)]
          drawn.removeAll { distance[Int($0)] >= 0 }
          if drawn.isEmpty { break }
        }
        head += 1
        for v in g.neighbors(of: u) where distance[Int(v)] < 0 {
          distance[Int(v)] = distance[Int(u)] + 1
          queue.append(v)
        }
      }
    }

    // The best chain to everyone within `maxHops` (first hop a usable tie).
    var work = scratch ?? ExplorerScratch(g, costs: whole.costs)
    scratch = nil
    defer { scratch = work }
    if let ego {
      // From the ego's side only the people within two steps (and anyone
      // drawn) are shown, so the last layer need reach nobody else.
      var shownLater: PersonBits?
      if near {
        var within = PersonBits(count: n)
        for i in 0..<n where distance[i] >= 0 && distance[i] <= 2 { within.insert(PersonID(i)) }
        for p in drawnPeople { within.insert(p) }
        shownLater = within
      }
      work.tree.grow(
        from: ego, maxHops: request.maxHops, firstHop: g.firstHopTest(.usable(classifier), from: ego),
        lastHopTo: shownLater)
    }

    // Who the page holds: everyone, or on a large network the ego, the ego's
    // contacts, then the people two steps away, each by the strongest chain to
    // them (then by id), `maxPeople` in all, and anyone drawn. `slot[p]` is p's index in the
    // page (−1: not shown).
    var slot = [Int32](repeating: -1, count: n)
    var shown: [PersonID] = []
    var nearTotal = 0
    if let ego, near {
      var order: [(step: Int, key: Int64, p: PersonID)] = []
      for i in 0..<n where distance[i] >= 1 && distance[i] <= 2 {
        order.append((distance[i], work.tree.key(of: PersonID(i)), PersonID(i)))
      }
      nearTotal = order.count
      order.sort { ($0.step, $0.key, $0.p) < ($1.step, $1.key, $1.p) }
      slot[Int(ego)] = 0
      for o in order.prefix(request.maxPeople - 1) { slot[Int(o.p)] = 0 }
      for p in drawnPeople { slot[Int(p)] = 0 }
      for i in 0..<n where slot[i] == 0 {
        slot[i] = Int32(shown.count)
        shown.append(PersonID(i))
      }
    } else {
      for i in 0..<n { slot[i] = Int32(i) }
      shown = (0..<n).map { PersonID($0) }
    }
    func at(_ p: PersonID) -> Int { Int(slot[Int(p)]) }

    // Nodes, and where each person is drawn.
    var nodeOf = [Int](repeating: -1, count: n)
    var nodeIndex: [String: Int] = [:]
    var nodes: [Node] = []
    for node in model.nodes where node.kind != .rank {
      guard let box = layout.nodes[node.key] else { continue }
      let index = nodes.count
      nodeIndex[node.key] = index
      var members: [Int]?
      if node.kind == .summary {
        members = node.memberPeople.map(at)
        for p in node.memberPeople where nodeOf[Int(p)] < 0 { nodeOf[Int(p)] = index }
      } else if let p = node.person {
        nodeOf[Int(p)] = index
      }
      nodes.append(
        Node(
          kind: node.kind == .summary ? "box" : "person", person: node.person.map(at), members: members,
          label: node.label, x: round(box.x), y: round(box.y), w: round(box.width), h: round(box.height),
          shape: node.kind == .summary || node.showsLabel ? "box" : "ellipse", fill: node.fill, stroke: node.stroke,
          labelShown: node.showsLabel))
    }

    // Ties among the people shown, with their evidence strings in two tables
    // (the network's own when everyone is shown).
    var ties: [Tie] = []
    // The network's ids of the page's ties, ascending (people are shown in id
    // order and each one's upper ties are numbered in order): a tie's place
    // on the page is found by binary search.
    var tieIDs: [Int32] = []
    var how = whole.how
    var sources = whole.sources
    if near {
      how = []
      sources = []
      var howSlot = [Int32](repeating: -1, count: whole.how.count)
      var sourceSlot = [Int32](repeating: -1, count: whole.sources.count)
      func intern(_ i: Int32, _ from: [String], _ list: inout [String], _ index: inout [Int32]) -> Int32 {
        guard i >= 0 else { return -1 }
        if index[Int(i)] < 0 {
          index[Int(i)] = Int32(list.count)
          list.append(from[Int(i)])
        }
        return index[Int(i)]
      }
      // First which ties (reading the rows and slots only), then their rows
      // in one tight pass: the rows are scattered over the network's table,
      // and a loop doing nothing else keeps many of those loads in flight.
      var ends: [Int32] = []
      for p in shown {
        // Tie ids straight from the row: no search per tie.
        let (contacts, firstTie) = g.upperTies(of: p)
        var t = firstTie
        for q in contacts {
          let s = slot[Int(q)]
          if s >= 0 {
            tieIDs.append(Int32(t))
            ends.append(s)
          }
          t += 1
        }
      }
      ties.reserveCapacity(tieIDs.count)
      whole.ties.withUnsafeBufferPointer { rows in
        for t in tieIDs { ties.append(rows[Int(t)]) }
      }
      for k in ties.indices {
        ties[k].a = slot[Int(ties[k].a)]
        ties[k].b = ends[k]
        ties[k].how = intern(ties[k].how, whole.how, &how, &howSlot)
        ties[k].source = intern(ties[k].source, whole.sources, &sources, &sourceSlot)
      }
    } else {
      ties = whole.ties
    }
    func tieAt(_ t: Int) -> Int {
      guard near else { return t }
      var lo = 0
      var hi = tieIDs.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if Int(tieIDs[mid]) < t { lo = mid + 1 } else { hi = mid }
      }
      return lo < tieIDs.count && Int(tieIDs[lo]) == t ? lo : -1
    }

    // Lines: each visible model edge takes the next laid-out line between its two nodes.
    var lineQueue: [String: [Int]] = [:]
    for (i, line) in layout.lines.enumerated() { lineQueue["\(line.tail) \(line.head)", default: []].append(i) }
    var edges: [Edge] = []
    for e in model.edges {
      let key = "\(e.a) \(e.b)"
      guard var queue = lineQueue[key], !queue.isEmpty else { continue }
      let line = layout.lines[queue.removeFirst()]
      lineQueue[key] = queue
      guard !e.invisible, let a = nodeIndex[e.a], let b = nodeIndex[e.b] else { continue }
      var tie = -1
      if e.kind == .tie, let pa = nodes[a].person, let pb = nodes[b].person {
        tie = g.tieID(between: shown[pa], and: shown[pb]).map(tieAt) ?? -1
      }
      edges.append(
        Edge(
          a: a, b: b, kind: e.kind.rawValue, points: line.points.map { round($0) }, width: round(e.penwidth),
          color: e.color, dash: e.style != .solid, tie: tie))
    }

    // People.
    var people: [Person] = []
    people.reserveCapacity(shown.count)
    for p in shown {
      let i = Int(p)
      var tieClass: String?
      var strength: Double?
      var inferred = false
      if let ego, p != ego, let t = g.tieID(between: ego, and: p) {
        tieClass = g.tieClass(t, classifier: classifier).rawValue
        strength = g.ties.isRated(t) ? round(Double(g.strength(between: ego, and: p) ?? 0), 1e4) : nil
        inferred = g.ties.isInferred(t)
      }
      let c = Int(partition.labels[i])
      people.append(
        Person(
          id: g.people.id(of: p), name: g.people.name(of: p), company: g.people.company(of: p),
          title: g.people.title(of: p), industry: g.people.industry(of: p), location: g.people.location(of: p),
          tags: g.people.tags(of: p), class: tieClass, strength: strength,
          distance: ego == nil || distance[i] < 0 ? nil : distance[i], community: c >= 0 ? c : nil,
          inferred: inferred, node: nodeOf[i]))
    }

    // Reach and what only each contact opens.
    var reach: [ReachRow] = []
    var only = ByPerson<Only>()
    if let ego {
      var reachOptions = ReachOptions()
      reachOptions.classifier = classifier
      let r = request.egoReach ?? g.egoReach(ego, options: reachOptions)
      reach = r.contacts.map {
        ReachRow(
          person: at($0.person), class: $0.tieClass.rawValue, strength: round($0.strength, 1e4), only: $0.uniqueReach,
          second: $0.secondDegree, jobValue: round($0.jobValue, 1e4))
      }
      // A person two steps away with exactly one contact of the ego as neighbour is theirs alone.
      var opener = [Int32](repeating: -1, count: n)  // −1 none yet, −2 several
      for c in g.neighbors(of: ego) {
        for w in g.neighbors(of: c) where distance[Int(w)] == 2 {
          opener[Int(w)] = opener[Int(w)] == -1 ? Int32(c) : (opener[Int(w)] == Int32(c) ? Int32(c) : -2)
        }
      }
      var lists: [Int: [Int]] = [:]
      for w in 0..<n where opener[w] >= 0 { lists[Int(opener[w]), default: []].append(Int(slot[w])) }
      for (c, list) in lists {
        let listed = list.lazy.filter { $0 >= 0 }.prefix(request.onlyListed)
        only.append(at(PersonID(c)), Only(count: list.count, people: Array(listed)))
      }
    }

    // Introductions.
    var introductions: [Introduction] = []
    if let ego, g.degree(of: ego) >= 2 {
      let found =
        request.egoIntroductions
        ?? g.introductionCandidates(
          for: ego,
          options: IntroductionOptions(
            top: request.introductions, closeAtLeast: classifier.strongAtLeast, threads: request.threads,
            apart: request.apart, classifier: classifier))
      introductions = found.candidates.prefix(request.introductions).map {
        Introduction(
          a: at($0.low), b: at($0.high), score: round($0.score, 1e4), shared: $0.besidesEgo.commonNeighbors,
          reasons: $0.reasons)
      }
    } else if ego == nil {
      let found = g.networkIntroductions(perPerson: 3, apart: request.apart)
      introductions = found.diverseCandidates(limit: request.introductions).map {
        Introduction(
          a: Int($0.low), b: Int($0.high), score: round($0.score, 1e4), shared: $0.scores.commonNeighbors,
          reasons: $0.reasons)
      }
    }

    // Brokers among the people shown, lowest constraint first.
    var brokers: [Broker] = []
    for (p, row) in whole.brokers where slot[Int(p)] >= 0 {
      guard brokers.count < request.brokers else { break }
      var row = row
      row.person = at(p)
      brokers.append(row)
    }

    // Chains from the ego: several to the people drawn and listed, the best one
    // to everyone else shown within `maxHops` (one layered pass for all of them).
    var chains = ByPerson<[Chain]>()
    if let ego {
      var featured = Set<Int>()
      for node in nodes { if let p = node.person { featured.insert(p) } }
      for row in reach.prefix(request.featuredContacts) { featured.insert(row.person) }
      for i in introductions {
        featured.insert(i.a)
        featured.insert(i.b)
      }
      for b in brokers { featured.insert(b.person) }
      // The featured people's chains come from one fan of two-hop chains from the ego.
      work.search.fanOut(from: ego, rule: .usable(classifier), k: request.chains)
      var hops: [PersonID] = []
      for p in work.tree.reached where slot[Int(p)] >= 0 {
        let i = at(p)
        if featured.contains(i) {
          let found = work.search.strongestPaths(
            from: ego, to: [p],
            query: PathQuery(k: request.chains, maxHops: request.maxHops, firstHop: .usable(classifier)))
          guard !found.isEmpty else { continue }
          chains.append(
            i,
            found.map { s in
              Chain(
                people: s.people.map(at), strength: round(s.strength, 1e4),
                sentence: IntroductionChains.sentence(s, g, classifier))
            })
        } else {
          // The best chain read off the tree, its strength the product of
          // its hops' strengths in order (as `PathSearch.describe` makes it).
          guard work.tree.chain(to: p, into: &hops) else { continue }
          var product = 1.0
          for h in 0..<(hops.count - 1) { product *= Double(g.strength(between: hops[h], and: hops[h + 1]) ?? 0) }
          chains.append(i, [Chain(people: hops.map(at), strength: round(product, 1e4), sentence: nil)])
        }
      }
    }

    // Plan actions, under each person they involve.
    var plan: [String: [PlanItem]] = [:]
    if let answer = request.plan {
      var byID: [String: Int] = [:]
      for (i, person) in people.enumerated() { byID[person.id] = i }
      for a in answer.actions {
        let item = PlanItem(part: a.part, id: a.id, text: a.sentence, evidence: a.evidence, command: a.command)
        for ref in a.people {
          guard let p = byID[ref.id] else { continue }
          plan[String(p), default: []].append(item)
        }
      }
    }

    let title = ego.map { "Network of \(g.people.name(of: $0))" } ?? "Network"
    var subtitle: [String] = []
    if let ego {
      subtitle.append(TextFormat.count(g.degree(of: ego), "contact"))
      subtitle.append("\(grouped(distance.count { $0 == 2 })) two steps away")
      if near {
        subtitle.append(
          "\(grouped(shown.count)) of \(TextFormat.count(n, "person", plural: "people")) shown "
            + (shown.count <= nearTotal
              ? "(the contacts, then the strongest chains two steps away)" : "(everyone within two steps)"))
      }
    } else {
      subtitle.append(TextFormat.count(n, "person", plural: "people"))
      subtitle.append(TextFormat.count(g.tieCount, "tie"))
    }
    if let asOf = g.ties.referenceDate { subtitle.append("as of \(asOf.iso)") }
    return ExplorerData(
      title: title, subtitle: subtitle.joined(separator: " · "), ego: ego.map(at), width: round(layout.width),
      height: round(layout.height), people: people, nodes: nodes, edges: edges, how: how, sources: sources, ties: ties,
      communities: whole.communities, only: only, chains: chains, introductions: introductions, reach: reach,
      brokers: brokers, plan: plan, caption: model.caption,
      legend: model.legend.map { Legend(color: $0.color, symbol: $0.symbol, text: $0.text) })
  }
}

/// The searches a page runs from its ego, kept by a caller that makes many
/// pages of one graph (one per thread) so each page reuses the arrays.
struct ExplorerScratch {
  var search: PathSearch
  var tree: StrongestChainTree

  /// Scratch for pages of `g` whose searches read `costs` (`PathSearch.halfEdgeCosts`).
  init(_ g: Graph, costs: [UInt32]) {
    search = PathSearch(g, costs: costs)
    tree = StrongestChainTree(g, costs: costs)
  }
}
