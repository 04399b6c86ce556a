import GraphAlgorithms
import GraphCore

/// Options shared by every view. What a view groups and sizes people by
/// (communities, betweenness) is not an option: the caller computes it and
/// passes it (`PersonGroups`, `PersonMeasure`).
public struct ViewOptions: Sendable {
  /// Most nodes drawn; beyond it the least relevant people are collapsed
  /// into summary nodes (by group or company).
  public var maxNodes: Int = 300
  /// `.auto`: chosen by the view and its size (`ViewAssembler.autoEngine`).
  public var engine: LayoutEngine = .auto
  /// Tie classes (strong, weak, …).
  public var classifier = TieClassifier()
  /// People whose names are written in network views (others: tooltip only);
  /// never more than `maxNamed`.
  public var labels: Int = 40
  /// Most people named in any view (the legibility budget with `maxNodes`):
  /// beyond it a view aggregates (ego: contacts grouped into boxes with
  /// counts; introductions and chains: the lowest-ranked left out; network
  /// views: the others drawn as unlabelled dots or summary boxes).
  public var maxNamed: Int = 60
  public init() {}
}

/// What sets the size of a person in network views (`render --size-by`).
public enum SizeMeasure: String, Sendable, CaseIterable {
  case degree, betweenness
}

/// Colours, pen widths and dashes: one place for the visual vocabulary.
enum Style {
  /// Tableau 10: distinct, readable on white, colour-blind tolerant.
  static let strong = [
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F",
  ]
  /// Lighter versions of `strong`, for filled label boxes with dark text.
  static let light = [
    "#A0CBE8", "#FFBE7D", "#FF9D9A", "#B5DCD8", "#A6DB99", "#F6DF8F", "#D4A6C8", "#FAC9D6", "#D7B5A6",
  ]
  static let other = "#BAB0AC"
  static let otherLight = "#E4E0DE"
  static let summaryFill = "#F2F2F2"
  static let highlight = "#C0392B"
  static let egoFill = "#222222"
  static let suggested = "#1B9E77"

  /// The pen width of a tie of strength `s` (unrated ties: a thin middle).
  static func penwidth(strength s: Double, rated: Bool) -> Double {
    rated ? 0.4 + 3.2 * max(0, min(1, s)) : 1.0
  }

  /// What a tie class is called in legends.
  static func legendText(of c: TieClass) -> String {
    switch c {
    case .strong: "strong tie (thicker = stronger)"
    case .weak: "weak tie"
    case .nominal: "nominal tie (barely any contact)"
    case .unreciprocated: "unreciprocated tie"
    case .dormant: "dormant tie (no contact for 3 years)"
    case .unrated: "unrated tie (no strength in the data)"
    }
  }

  static func color(of c: TieClass) -> String {
    switch c {
    case .strong: "#3A3A3A"
    case .weak: "#7F7F7F"
    case .nominal, .unreciprocated: "#B3B3B3"
    case .dormant: "#C4A26B"
    case .unrated: "#8C8C8C"
    }
  }
}

/// Shared machinery of the views: adding people, ties among the people
/// shown, and collapsing the rest into summary nodes.
struct ViewAssembler {
  let g: Graph
  let options: ViewOptions
  var model: RenderModel
  var key: [PersonID: String] = [:]
  var shownOrder: [PersonID] = []
  var inferredShown = 0
  var summaryKey: [Int: String] = [:]
  var summaryMembers: [Int: Int] = [:]
  /// Classes of the ties drawn in their class's style (for the legend).
  var drawnClasses = Set<TieClass>()
  /// Whether muted context ties were drawn.
  var mutedShown = false
  /// Whether rated / unrated ties were drawn (any style).
  var ratedShown = false
  var unratedShown = false

  init(_ g: Graph, view: ViewKind, options: ViewOptions, title: String) {
    self.g = g
    self.options = options
    model = RenderModel(view: view, title: title, caption: [], legend: [], engine: .sfdp)
  }

  /// A person's tooltip: name, company, title, industry, contacts, extras.
  func tooltip(_ p: PersonID, extra: [String] = []) -> String {
    var lines = [g.people.name(of: p)]
    let company = g.people.company(of: p)
    let title = g.people.title(of: p)
    if !title.isEmpty && !company.isEmpty {
      lines.append("\(title), \(company)")
    } else if !(title + company).isEmpty {
      lines.append(title + company)
    }
    let industry = g.people.industry(of: p)
    if !industry.isEmpty { lines.append(industry) }
    lines.append("\(g.degree(of: p)) contacts")
    return (lines + extra).joined(separator: "\n")
  }

  /// A tie's tooltip: the two names, class, strength and every piece of evidence.
  func tieTooltip(_ u: PersonID, _ v: PersonID) -> String {
    guard let t = g.tieID(between: u, and: v) else { return "" }
    let c = g.tieClass(t, classifier: options.classifier)
    var parts = ["\(g.people.name(of: u)) – \(g.people.name(of: v))"]
    let s = Double(g.strength(between: u, and: v) ?? 0)
    parts.append(
      "\(c.rawValue) tie" + (g.ties.isRated(t) ? ", strength \(TextFormat.fixed(s, 2))" : ", no strength in the data"))
    if let k = g.ties.kind(t) { parts.append("how: \(k)") }
    if let n = g.ties.interactions(t) { parts.append("\(n) interactions") }
    if let d = g.ties.lastContact(t) { parts.append("last contact \(d.iso)") }
    if let d = g.ties.since(t) { parts.append("since \(d.iso)") }
    if let src = g.ties.source(t) { parts.append("source: \(src)") }
    if let conf = g.ties.confidence(t) { parts.append("inferred, confidence \(TextFormat.fixed(conf, 2))") }
    return parts.joined(separator: "\n")
  }

  /// Adds `p` as a person node.
  mutating func addPerson(
    _ p: PersonID, fill: String, stroke: String = "#333333", size: Double, labelled: Bool, bold: Bool = false,
    penwidth: Double = 1, label: String? = nil, extra: [String] = [], pin: String? = nil, fontsize: Double = 10
  ) {
    let k = "p\(p)"
    key[p] = k
    shownOrder.append(p)
    model.nodes.append(
      .init(
        key: k, kind: .person, person: p, label: label ?? DOTText.singleLine(g.people.name(of: p)),
        showsLabel: labelled,
        tooltip: tooltip(p, extra: extra), fill: fill, stroke: stroke, penwidth: penwidth, size: size,
        fontsize: fontsize,
        bold: bold, pin: pin))
  }

  /// Adds every tie among the people shown (each once, in id order), styled
  /// by class and strength; `override` may restyle or skip a tie.
  mutating func addTiesAmongShown(
    muted: (PersonID, PersonID) -> Bool = { _, _ in false }
  ) {
    let ids = shownOrder.sorted()
    for u in ids {
      for v in g.neighbors(of: u) where v > u && key[v] != nil {
        addTie(u, v, muted: muted(u, v))
      }
    }
  }

  /// Adds the tie {u, v} (both shown).
  mutating func addTie(
    _ u: PersonID, _ v: PersonID, muted: Bool = false, color: String? = nil, penwidth: Double? = nil,
    label: String? = nil
  ) {
    guard let t = g.tieID(between: u, and: v), let ku = key[u], let kv = key[v] else { return }
    let c = g.tieClass(t, classifier: options.classifier)
    let s = Double(g.strength(between: u, and: v) ?? 0)
    let inferred = g.ties.isInferred(t)
    if inferred { inferredShown += 1 }
    if muted { mutedShown = true } else if color == nil { drawnClasses.insert(c) }
    if g.ties.isRated(t) { ratedShown = true } else { unratedShown = true }
    let width = penwidth ?? (muted ? 0.4 + 0.6 * s : Style.penwidth(strength: s, rated: g.ties.isRated(t)))
    let colour = color ?? (muted ? "#D3D3D3" : Style.color(of: c))
    model.edges.append(
      .init(
        a: ku, b: kv, kind: .tie, penwidth: width, style: inferred ? .dotted : .solid, color: colour,
        tooltip: tieTooltip(u, v), label: label, weight: 1 + s))
  }

  /// Collapses `rest` (people not shown) into one summary node per group and
  /// bundles their ties: to shown people and between summary nodes, one edge
  /// per pair with the number of ties in its tooltip and its width.
  /// - Complexity: O(Σ degree of `rest` + groups · log groups).
  mutating func collapse(
    _ rest: [PersonID], group: (PersonID) -> Int, name: (Int) -> String, fill: (Int) -> String,
    memberNoun: (singular: String, plural: String) = ("person", "people"), bundleAmongSummaries: Bool = true,
    fontGrowth: Double = 8
  ) {
    guard !rest.isEmpty else { return }
    var members: [Int: [PersonID]] = [:]
    for p in rest { members[group(p), default: []].append(p) }
    let groups = members.keys.sorted { (members[$0]!.count, -$0) > (members[$1]!.count, -$1) }
    let largest = Double(members[groups[0]]!.count)
    for (i, gkey) in groups.enumerated() {
      let list = members[gkey]!
      let k = "s\(i)"
      summaryKey[gkey] = k
      summaryMembers[gkey] = list.count
      let examples = list.sorted { (g.degree(of: $0), -$0) > (g.degree(of: $1), -$1) }.prefix(5).map {
        g.people.name(of: $0)
      }
      let label = "\(name(gkey))\n\(TextFormat.count(list.count, memberNoun.singular, plural: memberNoun.plural))"
      model.nodes.append(
        .init(
          key: k, kind: .summary, person: nil, members: list.count, label: label, showsLabel: true,
          tooltip: "\(name(gkey)): \(TextFormat.count(list.count, memberNoun.singular, plural: memberNoun.plural)) "
            + "not drawn one by one, e.g. "
            + examples.joined(separator: ", "),
          fill: fill(gkey), stroke: "#777777", penwidth: 1.5,
          size: 0.35 + 0.5 * (Double(list.count) / largest).squareRoot(),
          fontsize: 10 + fontGrowth * (Double(list.count) / largest).squareRoot()))
      model.nodes[model.nodes.count - 1].memberPeople = list
    }
    // Bundled ties. Every node key gets a number (the summaries' first), and
    // each person's node number sits in one array: the loop over the rest's
    // ties looks up no text.
    var keys = groups.map { summaryKey[$0]! }
    var node = [Int32](repeating: -1, count: g.personCount)
    var isSummary = [Bool](repeating: false, count: g.personCount)
    for (i, gkey) in groups.enumerated() {
      for p in members[gkey]! {
        node[Int(p)] = Int32(i)
        isSummary[Int(p)] = true
      }
    }
    for (p, k) in key {
      node[Int(p)] = Int32(keys.count)
      isSummary[Int(p)] = false
      keys.append(k)
    }
    // Each key's place in text order, so a pair is ordered without comparing text.
    var textRank = [Int](repeating: 0, count: keys.count)
    for (r, i) in keys.indices.sorted(by: { keys[$0] < keys[$1] }).enumerated() { textRank[i] = r }
    var bundles: [Int: (ties: Int, strength: Double)] = [:]
    for u in rest {
      let ku = Int(node[Int(u)])
      for (v, s) in zip(g.neighbors(of: u), g.strengths(of: u)) {
        let kv = Int(node[Int(v)])
        if kv < 0 { continue }
        if isSummary[Int(v)] {
          guard v > u, bundleAmongSummaries, kv != ku else { continue }
        }
        let (a, b) = textRank[ku] < textRank[kv] ? (ku, kv) : (kv, ku)
        bundles[a * keys.count + b, default: (0, 0)].ties += 1
        bundles[a * keys.count + b, default: (0, 0)].strength += Double(s)
      }
    }
    // In the order of the pairs' text ("a|b"), as before the numbering.
    let ordered = bundles.map { (id: keys[$0.key / keys.count] + "|" + keys[$0.key % keys.count], entry: $0) }
      .sorted { $0.id < $1.id }
    for (_, entry) in ordered {
      let e = (
        a: keys[entry.key / keys.count], b: keys[entry.key % keys.count], ties: entry.value.ties,
        strength: entry.value.strength
      )
      model.edges.append(
        .init(
          a: e.a, b: e.b, kind: .bundle, penwidth: min(6, 0.3 + 0.5 * Double(e.ties).squareRoot()), style: .solid,
          color: "#BBBBBBAA",
          tooltip:
            "\(TextFormat.count(e.ties, "tie")), mean strength \(TextFormat.fixed(e.strength / Double(e.ties), 2))",
          weight: 1))
    }
  }

  /// Legend rows for the tie styles actually drawn: each class drawn in its
  /// own style, inferred (dotted) and muted context ties when there are any.
  func tieLegend() -> [RenderModel.LegendEntry] {
    var rows: [RenderModel.LegendEntry] = []
    for c in TieClass.allCases where drawnClasses.contains(c) {
      rows.append(.init(color: Style.color(of: c), symbol: c == .strong ? "━" : "─", text: Style.legendText(of: c)))
    }
    if inferredShown > 0 {
      rows.append(.init(color: "#555555", symbol: "┈", text: "dotted: inferred tie (not observed)"))
    }
    if mutedShown { rows.append(.init(color: "#C8C8C8", symbol: "─", text: "ties among the others, muted")) }
    return rows
  }

  /// Chooses the engine: `dot` for small chains, `neato` up to ~150 nodes
  /// (seeded, stable), `sfdp` above (fast multilevel force layout).
  static func autoEngine(view: ViewKind, nodes: Int) -> LayoutEngine {
    switch view {
    case .path: nodes <= 100 ? .dot : .sfdp
    default: nodes <= 150 ? .neato : .sfdp
    }
  }

  /// Finishes the model: engine, and the caption line on the layout.
  mutating func finish() -> RenderModel {
    let nodes = model.nodes.count
    let chosen = model.pinned ? LayoutEngine.neato : Self.autoEngine(view: model.view, nodes: nodes)
    model.engine = options.engine != .auto ? options.engine : chosen
    if model.engine != .neato && model.engine != .fdp {
      for i in model.nodes.indices { model.nodes[i].pin = nil }
      model.pinned = false
    }
    if model.engine == .fdp { model.pinned = false }
    if inferredShown > 0 {
      model.caption.append(
        "\(TextFormat.grouped(inferredShown)) of the ties drawn \(inferredShown == 1 ? "is" : "are") inferred (shared employer, domain or meetings), drawn dotted."
      )
    }
    model.caption.append(
      model.pinned
        ? "Layout: rings around the centre, groups side by side (neato draws the ties). Hover for evidence."
        : "Layout: \(model.engine.rawValue), seeded (the same input gives the same picture). Hover for evidence.")
    return model
  }
}

extension Graph {
  /// The most frequent companies among `people`, by company key
  /// (`PersonTable.companyGroups`), named by their labels (ties: alphabetical), up to `k`.
  func topCompanies(_ people: [PersonID], k: Int) -> [String] {
    let groups = self.people.companyGroups
    var counts: [Int32: Int] = [:]
    for p in people { if let c = groups.group(of: p) { counts[c, default: 0] += 1 } }
    return counts.map { (label: groups.label($0.key), count: $0.value) }
      .sorted { ($0.count, $1.label) > ($1.count, $0.label) }.prefix(k).map { DOTText.singleLine($0.label) }
  }
}

extension SizeMeasure: CustomStringConvertible {
  /// The measure as `--size-by` spells it.
  public var description: String { rawValue }
}
