import GraphAlgorithms
import GraphCore

extension RenderModel {
  /// The whole network: people coloured by community (Leiden), sized by
  /// degree or betweenness. Beyond `options.maxNodes` the most central
  /// people are kept and the rest collapse into one summary node per
  /// community; the caption says how many.
  ///
  /// - Parameters:
  ///   - communities: a partition to reuse (else Leiden with `options`).
  ///   - betweenness: normalised betweenness to size by (else computed when
  ///     `options.sizeBy == .betweenness`).
  /// - Complexity: O(V log V + E) plus Leiden (and Brandes, O(V E), when
  ///   sizing by betweenness without scores given).
  public static func network(
    _ g: Graph, options: ViewOptions = ViewOptions(), communities: CommunityPartition? = nil,
    betweenness: [Double]? = nil
  ) -> RenderModel {
    centrality(g, view: .network, options: options, communities: communities, betweenness: betweenness, brokers: 0)
  }

  /// The network with its brokers emphasised: size by betweenness, the top
  /// `top` brokers named, ranked and outlined in red.
  /// - Complexity: as `network`, with Brandes betweenness O(V E) unless given.
  public static func brokers(
    _ g: Graph, betweenness: [Double]? = nil, top: Int = 10, options: ViewOptions = ViewOptions(),
    communities: CommunityPartition? = nil
  ) -> RenderModel {
    var o = options
    o.sizeBy = .betweenness
    return centrality(g, view: .brokers, options: o, communities: communities, betweenness: betweenness, brokers: top)
  }

  static func centrality(
    _ g: Graph, view: ViewKind, options: ViewOptions, communities: CommunityPartition?, betweenness given: [Double]?,
    brokers: Int
  ) -> RenderModel {
    let n = g.personCount
    let partition = communities ?? g.leidenCommunities(resolution: options.resolution, seed: options.seed)
    let measure: [Double]
    var measureName = "contacts"
    if options.sizeBy == .betweenness {
      measure = given ?? g.betweenness().normalised
      measureName = "betweenness"
    } else {
      measure = (0..<n).map { Double(g.degree(of: PersonID($0))) }
    }
    let order = (0..<n).sorted { (measure[$0], -$0) > (measure[$1], -$1) }.map { PersonID($0) }
    let summarising = n > options.maxNodes
    // Room for summary nodes: at most one per community among the rest.
    let keep = summarising ? max(1, options.maxNodes - min(partition.count, 30)) : n
    let shown = Array(order.prefix(keep))
    let rest = Array(order.dropFirst(keep))
    let maxMeasure = max(measure.max() ?? 1, 1e-12)
    let title =
      view == .brokers
      ? "Brokers: who holds the network together (size: betweenness)"
      : "Network of \(ViewAssembler.grouped(n)) people: communities coloured, size by \(measureName)"
    var a = ViewAssembler(g, view: view, options: options, title: title)
    let labelled = Set(order.prefix(view == .brokers ? max(brokers, options.labels / 2) : options.labels))
    let brokerRank = Dictionary(uniqueKeysWithValues: order.prefix(brokers).enumerated().map { ($1, $0 + 1) })
    func colour(_ c: Int32, light: Bool) -> String {
      Int(c) < Style.strong.count ? (light ? Style.light : Style.strong)[Int(c)] : (light ? Style.otherLight : Style.other)
    }
    for p in shown.sorted() {
      let c = partition.labels[Int(p)]
      let rel = (measure[Int(p)] / maxMeasure).squareRoot()
      let isLabelled = labelled.contains(p)
      let rank = brokerRank[p]
      var extra = ["community \(c + 1)"]
      if options.sizeBy == .betweenness { extra.append("betweenness \(ViewAssembler.fixed(measure[Int(p)], 4))") }
      if let rank { extra.append("broker #\(rank)") }
      a.addPerson(
        p, fill: colour(c, light: isLabelled), stroke: rank != nil ? Style.highlight : (isLabelled ? colour(c, light: false) : "#FFFFFF"),
        size: isLabelled ? 0.22 + 0.2 * rel : 0.08 + 0.42 * rel, labelled: isLabelled, bold: rank != nil,
        penwidth: rank != nil ? 3 : (isLabelled ? 1.5 : 0.5),
        label: rank.map { "\($0). \(DOTText.singleLine(g.people.name(of: p)))" }, extra: extra, fontsize: 11 + 7 * rel)
    }
    // Ties: within a community in its colour (translucent), across communities grey; width by strength.
    let alpha = shown.count > 120 ? "55" : "99"
    for u in shown.sorted() {
      for (v, s) in zip(g.neighbors(of: u), g.strengths(of: u)) where v > u && a.key[v] != nil {
        let cu = partition.labels[Int(u)]
        let same = cu == partition.labels[Int(v)]
        let colour = same && Int(cu) < Style.strong.count ? Style.strong[Int(cu)] + alpha : "#9A9A9A" + alpha
        a.addTie(u, v, color: colour, penwidth: 0.3 + 1.6 * Double(s))
      }
    }
    a.collapse(
      rest, group: { Int(partition.labels[Int($0)]) },
      name: { c in
        let companies = g.topCompanies(rest.filter { partition.labels[Int($0)] == Int32(c) }, k: 2)
        return "Community \(c + 1)" + (companies.isEmpty ? "" : " (\(companies.joined(separator: ", ")))")
      },
      fill: { colour(Int32($0), light: true) })
    // Legend: the largest communities with their main companies.
    var members = [[PersonID]](repeating: [], count: partition.count)
    for p in 0..<n { members[Int(partition.labels[p])].append(PersonID(p)) }
    for c in 0..<min(partition.count, Style.strong.count) {
      let companies = g.topCompanies(members[c], k: 2)
      a.model.legend.append(
        .init(
          color: Style.strong[c],
          text: "community \(c + 1): \(ViewAssembler.grouped(members[c].count)) people"
            + (companies.isEmpty ? "" : ", mostly \(companies.joined(separator: ", "))")))
    }
    if partition.count > Style.strong.count {
      a.model.legend.append(.init(color: Style.other, text: "\(partition.count - Style.strong.count) smaller communities"))
    }
    if view == .brokers {
      a.model.legend.append(.init(color: Style.highlight, symbol: "◯", text: "top \(min(brokers, n)) brokers by betweenness, ranked"))
    }
    a.model.legend.append(
      .init(color: "#3A3A3A", symbol: "━", text: "tie: thicker = stronger; in a community's colour inside it, grey across; dotted = inferred"))
    a.model.caption.append(
      "Communities: Leiden, modularity \(ViewAssembler.fixed(partition.modularity, 3)) (resolution \(options.resolution), seed \(options.seed)).")
    if summarising {
      a.model.caption.append(
        "Showing the \(ViewAssembler.grouped(shown.count)) people with the highest \(measureName) of \(ViewAssembler.grouped(n)); "
          + "the other \(ViewAssembler.grouped(rest.count)) are collapsed into \(a.summaryKey.count) community summary nodes "
          + "(boxes in the community's colour), their ties bundled.")
    } else {
      a.model.caption.append("All \(ViewAssembler.grouped(n)) people and \(ViewAssembler.grouped(g.tieCount)) ties drawn.")
    }
    a.model.legendFontSize = shown.count > 150 ? 22 : (shown.count > 60 ? 16 : 12)
    a.model.caption.append("Names written for the \(labelled.count) people with the highest \(measureName); hover for the others.")
    return a.finish()
  }

  /// One node per community (sized by members, labelled with its main
  /// companies), one edge per pair of communities with ties between them.
  /// - Complexity: O(V + E) plus Leiden when no partition is given.
  public static func communities(
    _ g: Graph, partition given: CommunityPartition? = nil, options: ViewOptions = ViewOptions()
  ) -> RenderModel {
    let partition = given ?? g.leidenCommunities(resolution: options.resolution, seed: options.seed)
    var a = ViewAssembler(
      g, view: .communities, options: options,
      title: "\(partition.count) communities of \(ViewAssembler.grouped(g.personCount)) people")
    let everyone = (0..<PersonID(g.personCount)).map { $0 }
    a.collapse(
      everyone, group: { Int(partition.labels[Int($0)]) },
      name: { c in
        let companies = g.topCompanies(everyone.filter { partition.labels[Int($0)] == Int32(c) }, k: 2)
        return "Community \(c + 1)" + (companies.isEmpty ? "" : "\n\(companies.joined(separator: ", "))")
      },
      fill: { Int($0) < Style.light.count ? Style.light[Int($0)] : Style.otherLight })
    a.model.legend.append(.init(color: "#777777", symbol: "▢", text: "a community: size by members; main companies named"))
    a.model.legend.append(.init(color: "#BBBBBB", symbol: "━", text: "ties between two communities: thicker = more ties"))
    a.model.caption.append(
      "Leiden, modularity \(ViewAssembler.fixed(partition.modularity, 3)) (resolution \(options.resolution), seed \(options.seed)); "
        + "every person is inside a community node.")
    return a.finish()
  }
}
