import GraphAlgorithms
import GraphCore

/// A suggested introduction to draw: a pair named as in `PersonPair`
/// (`IntroductionCandidate` and `NetworkIntroduction` give `low < high`).
public struct SuggestedPair: Sendable, Equatable {
  public var low: PersonID
  public var high: PersonID
  public var score: Double
  public var reasons: [String]
  public init(low: PersonID, high: PersonID, score: Double, reasons: [String]) {
    self.low = low
    self.high = high
    self.score = score
    self.reasons = reasons
  }
}

extension RenderModel {
  /// One person's contacts around them: the ego pinned in the middle,
  /// contacts coloured and pulled together by company, ties to the ego
  /// styled by class (strong dark and thick, weak grey and thin, dormant
  /// tan, unrated mid grey, inferred dotted), ties among contacts muted.
  ///
  /// Within the budget (`options.maxNamed` people named, `options.maxNodes`
  /// nodes) every contact is drawn and named. Beyond it the view aggregates:
  /// the most relevant contacts (strongest tie first; then most mutual
  /// contacts, then most contacts) are named, and the others are grouped
  /// into boxes with counts — by company when most contacts have one, else
  /// by community among the contacts (`EgoGroups`), else by tie class — so a
  /// 5,000-contact ego is drawn with as many nodes as a 50-contact one.
  ///
  /// - Complexity: O(d log d + Σ degree of the contacts), d the ego's degree
  ///   (plus Leiden on the contacts' ties when grouping by community).
  public static func ego(_ g: Graph, ego: PersonID, options: ViewOptions = ViewOptions()) -> RenderModel {
    let contacts = Array(g.neighbors(of: ego))
    let strength = Dictionary(
      uniqueKeysWithValues: zip(g.neighbors(of: ego), g.strengths(of: ego)).map { ($0, Double($1)) })
    let anyRated = contacts.contains { c in g.tieID(between: ego, and: c).map { g.ties.isRated($0) } ?? false }
    // Ranked by (strength, mutual contacts, degree, −id), highest first, on keys made once per contact.
    var isContact = [Bool](repeating: false, count: g.personCount)
    for c in contacts { isContact[Int(c)] = true }
    let rankKeys = zip(contacts, g.strengths(of: ego)).map { c, s in
      (
        strength: anyRated ? Double(s) : 0, mutual: g.neighbors(of: c).reduce(0) { $0 + (isContact[Int($1)] ? 1 : 0) },
        degree: g.degree(of: c), id: -c
      )
    }
    let ranked = contacts.indices.sorted {
      (rankKeys[$0].strength, rankKeys[$0].mutual, rankKeys[$0].degree, rankKeys[$0].id)
        > (rankKeys[$1].strength, rankKeys[$1].mutual, rankKeys[$1].degree, rankKeys[$1].id)
    }.map { contacts[$0] }
    let relevance =
      anyRated ? "strongest ties first, then most mutual contacts" : "most mutual contacts first (no tie is rated)"
    let namedRoom = max(1, min(options.maxNamed, options.maxNodes) - 1)
    let aggregating = contacts.count > namedRoom
    let companyKey = companyIndex(g, contacts)
    var a = ViewAssembler(
      g, view: .ego, options: options,
      title: "\(DOTText.singleLine(g.people.name(of: ego))) and \(TextFormat.count(contacts.count, "contact"))")
    // Groups of the contacts not named (only when aggregating).
    var grouping = EgoGroups.none
    var shown = contacts
    var rest: [PersonID] = []
    // Box of each group not named: the largest `boxLimit - 1` groups, then one "other" box.
    var boxed = Set<Int>()
    if aggregating {
      grouping = EgoGroups(g, contacts: contacts, companyKey: companyKey, classifier: options.classifier, ego: ego)
      var size: [Int: Int] = [:]
      for p in contacts { size[grouping.group(p), default: 0] += 1 }
      let bySize = size.keys.sorted { (size[$0]!, -$0) > (size[$1]!, -$1) }
      boxed = Set(bySize.count <= EgoGroups.boxLimit ? bySize : Array(bySize.prefix(EgoGroups.boxLimit - 1)))
    }
    func box(_ p: PersonID) -> Int { boxed.contains(grouping.group(p)) ? grouping.group(p) : EgoGroups.other }
    if aggregating {
      // Named: each box's two most relevant contacts first (so every box has
      // names beside it), then the most relevant of all, up to the budget.
      let boxes = min(grouping.count, EgoGroups.boxLimit)
      let keep = max(1, namedRoom - boxes)
      var chosen = Set<PersonID>()
      var perBox: [Int: Int] = [:]
      for p in ranked where chosen.count < keep / 2 && perBox[box(p), default: 0] < 2 {
        chosen.insert(p)
        perBox[box(p), default: 0] += 1
      }
      for p in ranked where chosen.count < keep { chosen.insert(p) }
      shown = ranked.filter { chosen.contains($0) }
      rest = ranked.filter { !chosen.contains($0) }
    }
    let companies = g.people.companyGroups
    let byCompany = !aggregating || grouping.kind == "company"
    // Colours: by company (the most frequent among the named); when the boxes
    // are communities or tie classes, by box, so named contacts share their box's colour.
    var colours = byCompany ? companyColours(g, shown) : [:]
    if !byCompany {
      var size: [Int: Int] = [:]
      for p in contacts where boxed.contains(grouping.group(p)) && grouping.group(p) >= 0 {
        size[grouping.group(p), default: 0] += 1
      }
      for (i, k) in size.keys.sorted(by: { (size[$0]!, -$0) > (size[$1]!, -$1) }).prefix(Style.strong.count)
        .enumerated()
      {
        colours[Int32(k)] = (Style.strong[i], Style.light[i], i, grouping.name(k))
      }
    }
    func colourKey(_ p: PersonID) -> Int32? {
      byCompany ? companies.group(of: p) : (grouping.group(p) >= 0 ? Int32(grouping.group(p)) : nil)
    }
    a.addPerson(
      ego, fill: "#FFD966", stroke: "#7F6000", size: 0.5, labelled: true, bold: true, penwidth: 2.5,
      extra: ["the ego"], pin: "0,0!", fontsize: 14)
    // Contacts in group order (the largest groups first), so same-group contacts sit side by side
    // and each group's box follows its named people.
    func groupOf(_ p: PersonID) -> Int { aggregating ? box(p) : companyKey[p]! }
    var groupSize: [Int: Int] = [:]
    for p in contacts { groupSize[groupOf(p), default: 0] += 1 }
    func groupRank(_ k: Int) -> Int { k < 0 ? Int.max / 2 - k : -groupSize[k]! * 100_000 + k }
    let byGroup = shown.sorted {
      (groupRank(groupOf($0)), -strength[$0]!, $0) < (groupRank(groupOf($1)), -strength[$1]!, $1)
    }
    for p in byGroup {
      let colour = colourKey(p).flatMap { colours[$0] }
      a.addPerson(
        p, fill: colour?.light ?? Style.otherLight, stroke: colour?.strong ?? "#8C8C8C", size: 0.28, labelled: true,
        penwidth: 1.2, label: labelText(g, p))
    }
    // Ties: ego's first (styled by class), then among contacts (muted).
    for p in shown.sorted() { a.addTie(ego, p) }
    let shownSet = Set(shown)
    for u in shown.sorted() {
      for v in g.neighbors(of: u) where v > u && shownSet.contains(v) { a.addTie(u, v, muted: true) }
    }
    if !rest.isEmpty {
      let sorted = rest.sorted()
      a.collapse(
        sorted, group: box, name: { grouping.name($0) },
        fill: { k in
          guard let member = sorted.first(where: { box($0) == k }), let c = colourKey(member).flatMap({ colours[$0] })
          else { return Style.summaryFill }
          return box(member) == EgoGroups.other ? Style.summaryFill : c.light
        },
        memberNoun: ("contact", "contacts"), bundleAmongSummaries: false, fontGrowth: 3)
      // Only the ego's bundles: bundles between boxes and named contacts would cross the picture.
      a.model.edges.removeAll { $0.kind == .bundle && $0.a != "p\(ego)" && $0.b != "p\(ego)" }
      // Boxes after their group's named contacts: move each box node behind the last named one of its group.
      var order: [Node] = [a.model.nodes[0]]
      var boxesByGroup: [Int: Node] = [:]
      for (gkey, k) in a.summaryKey { boxesByGroup[gkey] = a.model.nodes.first { $0.key == k } }
      var placedBoxes = Set<Int>()
      let persons = a.model.nodes.filter { $0.kind == .person && $0.key != "p\(ego)" }
      for (i, n) in persons.enumerated() {
        order.append(n)
        let gk = groupOf(n.person!)
        let next = i + 1 < persons.count ? groupOf(persons[i + 1].person!) : nil
        if next != gk, let b = boxesByGroup[gk], !placedBoxes.contains(gk) {
          order.append(b)
          placedBoxes.insert(gk)
        }
      }
      for gkey in boxesByGroup.keys.sorted(by: { groupRank($0) < groupRank($1) }) where !placedBoxes.contains(gkey) {
        order.append(boxesByGroup[gkey]!)
        placedBoxes.insert(gkey)
      }
      a.model.nodes = order
      let boxes = a.summaryKey.count
      a.model.caption.append(
        "\(TextFormat.grouped(shown.count)) of the \(TextFormat.grouped(contacts.count)) contacts named "
          + "(each box's most relevant, then the most relevant: \(relevance));")
      a.model.caption.append(
        "the other \(TextFormat.grouped(rest.count)) are counted in \(TextFormat.count(boxes, "box", plural: "boxes")) "
          + "by \(grouping.kind), their ties to the ego bundled.")
    } else {
      a.model.caption.append(
        "All \(TextFormat.count(contacts.count, "contact")) and the ties among them drawn; "
          + "second-degree contacts are left out.")
    }
    for c in colours.values.sorted(by: { $0.rank < $1.rank }) {
      a.model.legend.append(.init(color: c.strong, symbol: "■", text: c.label))
    }
    if shown.contains(where: { p in colourKey(p).flatMap { colours[$0] } == nil }) {
      a.model.legend.append(
        .init(
          color: Style.other, symbol: "■",
          text: colours.isEmpty ? "contact" : (byCompany ? "other or no company" : "other contacts")))
    }
    if !rest.isEmpty {
      a.model.legend.append(
        .init(
          color: "#777777", symbol: "▢",
          text: "box: contacts not named, counted, in their group's colour (hover for examples)"))
    }
    a.model.legend += a.tieLegend()
    a.model.ringLayout(center: "p\(ego)")
    return a.finish()
  }

  /// Places the node `center` at the origin and every other node, in model
  /// order, on three staggered rings around it, so neighbours in the order
  /// (same-company contacts) sit side by side and labels do not overlap:
  /// same-ring neighbours are three steps apart, at least one box width;
  /// adjacent nodes differ in radius by more than a box height.
  /// - Complexity: O(V + total label length).
  mutating func ringLayout(center: String) {
    let others = nodes.indices.filter { nodes[$0].key != center }
    guard !others.isEmpty else { return }
    func box(_ n: Node) -> (w: Double, h: Double) {  // points
      guard n.showsLabel else { return (n.size * 72, n.size * 72) }
      let lines = n.label.split(separator: "\n")
      let longest = lines.map { min($0.count, 28) }.max() ?? 4
      return (Double(longest) * 0.62 * n.fontsize + 18, Double(max(1, lines.count)) * n.fontsize * 1.3 + 10)
    }
    let boxes = others.map { box(nodes[$0]) }
    // Mean box width: a wider box is pushed outwards until it clears its neighbours.
    let w = boxes.isEmpty ? 60 : 1.15 * boxes.map(\.w).reduce(0, +) / Double(boxes.count)
    let count = Double(others.count)
    let ringGap = 52.0
    let centerBox = nodes.first { $0.key == center }.map(box) ?? (w: 0, h: 0)
    let r = max(120 + centerBox.w / 2, count * w / (3 * 2 * Double.pi) + 20, count * 38 / (2 * Double.pi))
    // Greedy: each node on its staggered ring, pushed outwards until its box
    // clears the boxes placed just before it (and the first ones, for the wrap).
    var placed: [(x: Double, y: Double, w: Double, h: Double)] = []
    func overlaps(_ a: (x: Double, y: Double, w: Double, h: Double), _ b: (x: Double, y: Double, w: Double, h: Double))
      -> Bool
    {
      abs(a.x - b.x) < (a.w + b.w) / 2 + 6 && abs(a.y - b.y) < (a.h + b.h) / 2 + 4
    }
    for (i, idx) in others.enumerated() {
      let angle = Double.pi / 2 - 2 * Double.pi * Double(i) / count
      var radius = others.count < 8 ? r : r + ringGap * Double(i % 3)
      var candidate = (x: 0.0, y: 0.0, w: boxes[i].w, h: boxes[i].h)
      for _ in 0..<60 {
        candidate.x = radius * Elementary.cos(angle)
        candidate.y = radius * Elementary.sin(angle)
        let neighbours = placed.suffix(8) + placed.prefix(min(8, max(0, placed.count - 8)))
        if !neighbours.contains(where: { overlaps($0, candidate) }) { break }
        radius += 18
      }
      placed.append(candidate)
      nodes[idx].pin = "\(TextFormat.fixed(candidate.x / 72, 3)),\(TextFormat.fixed(candidate.y / 72, 3))!"
    }
    if let c = nodes.firstIndex(where: { $0.key == center }) { nodes[c].pin = "0,0!" }
    pinned = true
    legendFontSize = others.count > 150 ? 20 : (others.count > 50 ? 16 : 12)
  }

  /// Suggested introductions among an ego's contacts (or anywhere, without
  /// an ego): each pair as a dashed green line through a numbered circle
  /// (its rank, in large bold type; line width by score, reasons in the
  /// tooltip), the ego's ties for context. Pairs are taken in rank order
  /// while their people fit the budget (`options.maxNamed` named, at most
  /// `maxNamed / 2` pairs, `options.maxNodes` nodes); the caption says how
  /// many were left out. Laid out by `neato` with overlap removal, so
  /// no two boxes or numbers overlap.
  /// - Complexity: O(k log k + Σ degree of the people drawn), k the pairs.
  public static func introductions(
    _ g: Graph, ego: PersonID?, pairs: [SuggestedPair], options: ViewOptions = ViewOptions()
  ) -> RenderModel {
    var people: [PersonID] = []
    var seen = Set<PersonID>()
    var kept: [SuggestedPair] = []
    let named = min(options.maxNamed, options.maxNodes) - (ego == nil ? 0 : 1)
    for pair in pairs {
      let new = Set([pair.low, pair.high]).filter { !seen.contains($0) }.sorted()
      // Every pair adds a rank circle besides its new people.
      if people.count + new.count > named || kept.count >= max(1, options.maxNamed / 2)
        || (ego == nil ? 0 : 1) + people.count + new.count + kept.count + 1 > options.maxNodes
      {
        break
      }
      for p in new {
        seen.insert(p)
        people.append(p)
      }
      kept.append(pair)
    }
    let who = ego.map { DOTText.singleLine(g.people.name(of: $0)) }
    var a = ViewAssembler(
      g, view: .introductions, options: options,
      title: who.map { "Introductions \($0) could make" } ?? "Introductions worth making")
    if let ego {
      a.addPerson(
        ego, fill: "#FFD966", stroke: "#7F6000", size: 0.5, labelled: true, bold: true, penwidth: 2.5,
        extra: ["the ego"], pin: "0,0!", fontsize: 14)
    }
    let colours = companyColours(g, people)
    let companies = g.people.companyGroups
    let companyOrder = companyIndex(g, people)
    for p in people.sorted(by: { (companyOrder[$0]!, $0) < (companyOrder[$1]!, $1) }) {
      let colour = companies.group(of: p).flatMap { colours[$0] }
      a.addPerson(
        p, fill: colour?.light ?? Style.otherLight, stroke: colour?.strong ?? "#8C8C8C", size: 0.28, labelled: true,
        penwidth: 1.2, label: labelText(g, p))
    }
    // The ego's ties only: ties among the people drawn would pull them into
    // one knot and hide the suggestions (the reasons, in each tooltip, name
    // the mutual contacts).
    if let ego { for p in people.sorted() where g.areTied(ego, p) { a.addTie(ego, p) } }
    let best = max(kept.map(\.score).max() ?? 1, 1e-12)
    for (i, pair) in kept.enumerated() {
      let tip =
        "#\(i + 1): introduce \(g.people.name(of: pair.low)) to \(g.people.name(of: pair.high)) (score \(TextFormat.fixed(pair.score, 3)))\n"
        + pair.reasons.joined(separator: "\n")
      let r = "r\(i)"
      a.model.nodes.append(
        .init(
          key: r, kind: .rank, person: nil, label: "\(i + 1)", showsLabel: true, tooltip: tip, fill: "#FFFFFF",
          stroke: Style.suggested, penwidth: 2, size: i + 1 < 100 ? 0.36 : 0.46, fontsize: 14,
          fontcolor: "#0E5C45"))
      let width = 1.2 + 2.8 * max(0, pair.score) / best
      for end in [pair.low, pair.high] {
        a.model.edges.append(
          .init(
            a: "p\(end)", b: r, kind: .suggested, penwidth: width, style: .dashed, color: Style.suggested,
            tooltip: tip, weight: 1))
      }
    }
    if !kept.isEmpty {
      a.model.legend.append(
        .init(
          color: Style.suggested, symbol: "┅",
          text: "suggested introduction: the number in the circle is its rank; thicker = better"))
    }
    for c in colours.values.sorted(by: { $0.rank < $1.rank }) {
      a.model.legend.append(.init(color: c.strong, symbol: "■", text: c.label))
    }
    if people.contains(where: { p in companies.group(of: p).flatMap { colours[$0] } == nil }) {
      a.model.legend.append(
        .init(color: Style.other, symbol: "■", text: colours.isEmpty ? "person" : "other or no company"))
    }
    a.model.legend += a.tieLegend()
    let left = pairs.count - kept.count
    a.model.caption.append(
      "The \(TextFormat.count(kept.count, "best suggested introduction", plural: "best suggested introductions"))"
        + (left > 0
          ? " of \(TextFormat.grouped(pairs.count)) (the other \(TextFormat.grouped(left)) left out to keep "
            + "the picture legible; the command's table lists them)" : "")
        + (ego != nil
          ? "; \(TextFormat.count(g.degree(of: ego!) - people.filter { g.areTied(ego!, $0) }.count, "other contact")) "
            + "of the ego not drawn."
          : "."))
    if kept.count > 3 {
      a.model.caption.append(
        "At most 3 suggestions per person in each 10 ranks, so one well-connected person does not fill the picture.")
    }
    a.model.caption.append(
      "Existing ties among the people drawn are left out; each suggestion's tooltip gives its reasons.")
    return a.finish()
  }

  /// A person's box label: the name, and the company on a second line.
  static func labelText(_ g: Graph, _ p: PersonID) -> String {
    let name = DOTText.shortened(DOTText.singleLine(g.people.name(of: p)), limit: 28)
    let company = DOTText.shortened(DOTText.singleLine(g.people.company(of: p)), limit: 28)
    return company.isEmpty ? name : "\(name)\n\(company)"
  }

  /// Index per contact's company (−1: no company), in order of first
  /// appearance by id; one company per key (`PersonTable.companyGroups`).
  static func companyIndex(_ g: Graph, _ people: [PersonID]) -> [PersonID: Int] {
    let companies = g.people.companyGroups
    var index: [Int32: Int] = [:]
    var out: [PersonID: Int] = [:]
    for p in people.sorted() {
      guard let c = companies.group(of: p) else {
        out[p] = -1
        continue
      }
      if index[c] == nil { index[c] = index.count }
      out[p] = index[c]
    }
    return out
  }

  /// The label of each company index (the spelling most of its people use).
  static func companyNames(_ g: Graph, _ people: [PersonID], _ index: [PersonID: Int]) -> [Int: String] {
    let companies = g.people.companyGroups
    var out: [Int: String] = [:]
    for p in people where index[p]! >= 0 && out[index[p]!] == nil {
      out[index[p]!] = DOTText.singleLine(companies.label(companies.group(of: p)!))
    }
    return out
  }

  /// Palette colours for the most frequent companies among `people` (at least
  /// two members), by company group, with the group's label.
  static func companyColours(
    _ g: Graph, _ people: [PersonID]
  ) -> [Int32: (strong: String, light: String, rank: Int, label: String)] {
    let groups = g.people.companyGroups
    var counts: [Int32: Int] = [:]
    for p in people { if let c = groups.group(of: p) { counts[c, default: 0] += 1 } }
    let top = counts.filter { $0.value >= 2 }.map { (group: $0.key, count: $0.value, label: groups.label($0.key)) }
      .sorted { ($0.count, $1.label) > ($1.count, $0.label) }.prefix(Style.strong.count)
    var out: [Int32: (strong: String, light: String, rank: Int, label: String)] = [:]
    for (i, entry) in top.enumerated() { out[entry.group] = (Style.strong[i], Style.light[i], i, entry.label) }
    return out
  }
}
