import GraphAlgorithms
import GraphCore

/// A suggested introduction to draw.
public struct SuggestedPair: Sendable, Equatable {
  public var a: PersonID
  public var b: PersonID
  public var score: Double
  public var reasons: [String]
  public init(a: PersonID, b: PersonID, score: Double, reasons: [String]) {
    self.a = a
    self.b = b
    self.score = score
    self.reasons = reasons
  }
}

extension RenderModel {
  /// One person's contacts around them: the ego pinned in the middle,
  /// contacts coloured and pulled together by company, ties to the ego
  /// styled by class (strong dark and thick, weak grey and thin, dormant
  /// tan, inferred dotted), ties among contacts muted. Beyond
  /// `options.maxNodes` the strongest contacts are kept and the rest
  /// collapse into one summary node per company.
  ///
  /// - Complexity: O(d log d + Σ degree of the contacts), d the ego's degree.
  public static func ego(_ g: Graph, ego: PersonID, options: ViewOptions = ViewOptions()) -> RenderModel {
    let contacts = Array(g.neighbors(of: ego))
    let strength = Dictionary(
      uniqueKeysWithValues: zip(g.neighbors(of: ego), g.strengths(of: ego)).map { ($0, Double($1)) })
    let ranked = contacts.sorted { (strength[$0]!, g.degree(of: $0), -$0) > (strength[$1]!, g.degree(of: $1), -$1) }
    let companyKey = companyIndex(g, contacts)
    let summarising = contacts.count + 1 > options.maxNodes
    let distinctCompanies = Set(contacts.map { companyKey[$0]! }).count
    let keep = summarising ? max(1, options.maxNodes - 1 - min(distinctCompanies, 25)) : contacts.count
    let shown = Array(ranked.prefix(keep))
    var rest = Array(ranked.dropFirst(keep))
    // When more companies than summary room: the smallest go to one "other companies" node.
    var a = ViewAssembler(
      g, view: .ego, options: options,
      title: "\(DOTText.singleLine(g.people.name(of: ego))) and \(contacts.count) contacts")
    let colours = companyColours(g, shown)
    let companies = g.people.companyGroups
    a.addPerson(
      ego, fill: "#FFD966", stroke: "#7F6000", size: 0.5, labelled: true, bold: true, penwidth: 2.5,
      extra: ["the ego"], pin: "0,0!", fontsize: 14)
    let labelAll = shown.count <= 120
    let labelled = Set(labelAll ? shown : Array(shown.prefix(80)))
    // Contacts in company order, so the invisible same-company chains are stable.
    var companySize: [Int: Int] = [:]
    for p in shown { companySize[companyKey[p]!, default: 0] += 1 }
    func groupRank(_ p: PersonID) -> Int {  // big companies first, no company last
      let k = companyKey[p]!
      return k < 0 ? Int.max / 2 : -companySize[k]! * 100_000 + k
    }
    let byCompany = shown.sorted { (groupRank($0), -strength[$0]!, $0) < (groupRank($1), -strength[$1]!, $1) }
    for p in byCompany {
      let colour = companies.group(of: p).flatMap { colours[$0] }
      let isLabelled = labelled.contains(p)
      a.addPerson(
        p, fill: isLabelled ? (colour?.light ?? Style.otherLight) : (colour?.strong ?? Style.other),
        stroke: colour?.strong ?? "#8C8C8C", size: isLabelled ? 0.28 : 0.14, labelled: isLabelled, penwidth: 1.2,
        label: isLabelled ? labelText(g, p) : nil)
    }
    // Ties: ego's first (styled by class), then among contacts (muted).
    for p in shown.sorted() { a.addTie(ego, p) }
    let shownSet = Set(shown)
    for u in shown.sorted() {
      for v in g.neighbors(of: u) where v > u && shownSet.contains(v) { a.addTie(u, v, muted: true) }
    }
    // Companies grouped: invisible chains between consecutive same-company contacts.
    for (x, y) in zip(byCompany, byCompany.dropFirst()) where companyKey[x] == companyKey[y] && companyKey[x]! >= 0 {
      a.model.edges.append(
        .init(
          a: "p\(x)", b: "p\(y)", kind: .tie, penwidth: 0, style: .solid, color: "#FFFFFF", tooltip: "", weight: 2,
          invisible: true))
    }
    if !rest.isEmpty {
      // Keep at most 25 company nodes; the rest in one "other companies" node.
      var counts: [Int: Int] = [:]
      for p in rest { counts[companyKey[p]!, default: 0] += 1 }
      let bigOnes = Set(counts.keys.sorted { (counts[$0]!, -$0) > (counts[$1]!, -$1) }.prefix(24))
      let names = companyNames(g, contacts, companyKey)
      rest.sort()
      a.collapse(
        rest, group: { bigOnes.contains(companyKey[$0]!) ? companyKey[$0]! : -2 },
        name: { $0 == -2 ? "Other companies" : ($0 == -1 ? "No company given" : names[$0] ?? "?") },
        fill: { _ in Style.summaryFill })
      a.model.caption.append(
        "Showing the \(shown.count) strongest of \(contacts.count) contacts; the other \(rest.count) are collapsed by company "
          + "into \(a.summaryKey.count) grey boxes (their ties to the ego bundled).")
    } else {
      a.model.caption.append(
        "All \(contacts.count) contacts and the ties among them drawn; second-degree contacts are left out.")
    }
    if !labelAll { a.model.caption.append("Names written for the 80 strongest contacts; hover for the others.") }
    for c in colours.values.sorted(by: { $0.rank < $1.rank }) {
      a.model.legend.append(.init(color: c.strong, symbol: "■", text: c.label))
    }
    if colours.count < Set(shown.map { companies.group(of: $0) ?? -1 }).count {
      a.model.legend.append(.init(color: Style.other, symbol: "■", text: "other companies"))
    }
    a.model.legend += tieLegend()
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
    let w = boxes.map(\.w).max() ?? 60
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
  /// an ego): the pair as a dashed green edge (width by score, reasons in the
  /// tooltip), existing ties among the people drawn for context.
  /// - Complexity: O(k log k + Σ degree of the people drawn), k the pairs.
  public static func introductions(
    _ g: Graph, ego: PersonID?, pairs: [SuggestedPair], options: ViewOptions = ViewOptions()
  ) -> RenderModel {
    var people: [PersonID] = []
    var seen = Set<PersonID>()
    var kept: [SuggestedPair] = []
    let room = options.maxNodes - (ego == nil ? 0 : 1)
    for pair in pairs {
      let new = [pair.a, pair.b].filter { !seen.contains($0) }
      if people.count + new.count > room { break }
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
    if let ego { for p in people.sorted() where g.areTied(ego, p) { a.addTie(ego, p) } }
    let set = Set(people)
    for u in people.sorted() {
      for v in g.neighbors(of: u) where v > u && set.contains(v) { a.addTie(u, v, muted: true) }
    }
    let best = max(kept.map(\.score).max() ?? 1, 1e-12)
    for (i, pair) in kept.enumerated() {
      a.model.edges.append(
        .init(
          a: "p\(pair.a)", b: "p\(pair.b)", kind: .suggested, penwidth: 1.2 + 2.8 * max(0, pair.score) / best,
          style: .dashed,
          color: Style.suggested,
          tooltip:
            "#\(i + 1): introduce \(g.people.name(of: pair.a)) to \(g.people.name(of: pair.b)) (score \(TextFormat.fixed(pair.score, 3)))\n"
            + pair.reasons.joined(separator: "\n"),
          label: "\(i + 1)", weight: 1))
    }
    a.model.legend.append(
      .init(color: Style.suggested, symbol: "┅", text: "suggested introduction (number = rank; thicker = better)"))
    for c in colours.values.sorted(by: { $0.rank < $1.rank }) {
      a.model.legend.append(.init(color: c.strong, symbol: "■", text: c.label))
    }
    a.model.legend += tieLegend()
    let left = pairs.count - kept.count
    a.model.ringLayout(center: ego.map { "p\($0)" } ?? "")
    a.model.routeAroundNodes = true
    a.model.caption.append(
      "The \(kept.count) best suggested introductions"
        + (left > 0 ? " (\(left) more left out to keep the picture legible)" : "")
        + (ego != nil
          ? "; \(g.degree(of: ego!) - people.filter { g.areTied(ego!, $0) }.count) of the ego's other contacts are not drawn."
          : "."))
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
    for p in people where index[p]! >= 0 {
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

  static func tieLegend() -> [LegendEntry] {
    [
      .init(color: Style.color(of: .strong), symbol: "━", text: "strong tie (thicker = stronger)"),
      .init(color: Style.color(of: .weak), symbol: "─", text: "weak tie"),
      .init(color: Style.color(of: .dormant), symbol: "─", text: "dormant tie (no contact for 3 years)"),
      .init(color: "#555555", symbol: "┈", text: "dotted: inferred tie (not observed)"),
      .init(color: "#C8C8C8", symbol: "─", text: "ties among the others, muted"),
    ]
  }
}
