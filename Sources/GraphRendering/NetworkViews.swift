import GraphAlgorithms
import GraphCore

extension RenderModel {
  /// The whole network: people coloured by `groups` (communities, as the
  /// caller computed them), sized by `size` (contacts when `nil`). Beyond
  /// `options.maxNodes` the most central people are kept and the rest
  /// collapse into one summary node per group; the caption says how many.
  ///
  /// - Complexity: O(V log V + E) (the partition and the measure are inputs).
  public static func network(
    _ g: Graph, groups: PersonGroups, size: PersonMeasure? = nil, options: ViewOptions = ViewOptions()
  ) -> RenderModel {
    centrality(g, view: .network, groups: groups, measure: size ?? .contacts(g), options: options, brokers: 0)
  }

  /// The network with its brokers emphasised: people sized and ranked by
  /// `ranking` (the brokers table's measure), the first `top` named, ranked
  /// and outlined in red, coloured by `groups` (the table's groups).
  /// - Complexity: O(V log V + E).
  public static func brokers(
    _ g: Graph, groups: PersonGroups, ranking: PersonMeasure, top: Int = 10, options: ViewOptions = ViewOptions()
  ) -> RenderModel {
    centrality(g, view: .brokers, groups: groups, measure: ranking, options: options, brokers: top)
  }

  static func centrality(
    _ g: Graph, view: ViewKind, groups: PersonGroups, measure: PersonMeasure, options: ViewOptions, brokers: Int
  ) -> RenderModel {
    let n = g.personCount
    precondition(groups.labels.count == n && measure.values.count == n, "one group and one value per person")
    let labels = groups.labels
    let measureName = measure.name
    let extreme = measure.lowerRanksFirst ? "lowest" : "highest"
    let order = measure.order()
    let relative = measure.relative()
    let summarising = n > options.maxNodes
    // Room for summary nodes: at most one per community among the rest;
    // attribute groups (often hundreds): the largest, then one box for the
    // others, in at most half the picture.
    let room =
      groups.isCommunities
      ? min(groups.count, 30) : min(groups.count + (labels.contains(-1) ? 1 : 0), 30, max(1, options.maxNodes / 2))
    let keep = summarising ? max(1, options.maxNodes - room) : n
    let shown = Array(order.prefix(keep))
    let rest = Array(order.dropFirst(keep))
    let title =
      view == .brokers
      ? "Brokers: who holds the network together (size: \(measureName))"
      : "Network of \(TextFormat.grouped(n)) people: \(groups.plural) coloured, size by \(measureName)"
    var a = ViewAssembler(g, view: view, options: options, title: title)
    let named = min(options.maxNamed, view == .brokers ? max(brokers, options.labels / 2) : options.labels)
    let labelled = Set(order.prefix(named))
    let brokerRank = Dictionary(uniqueKeysWithValues: order.prefix(brokers).enumerated().map { ($1, $0 + 1) })
    func colour(_ c: Int32, light: Bool) -> String {
      c >= 0 && Int(c) < Style.strong.count
        ? (light ? Style.light : Style.strong)[Int(c)] : (light ? Style.otherLight : Style.other)
    }
    for p in shown.sorted() {
      let c = labels[Int(p)]
      let rel = relative[Int(p)].squareRoot()
      let isLabelled = labelled.contains(p)
      let rank = brokerRank[p]
      var extra: [String] = groups.isCommunities && c >= 0 ? ["community \(c)"] : []
      if let digits = measure.decimals, let v = measure.values[Int(p)] {
        extra.append("\(measureName) \(TextFormat.fixed(v, digits))")
      }
      if let rank { extra.append("broker #\(rank)") }
      a.addPerson(
        p, fill: colour(c, light: isLabelled),
        stroke: rank != nil ? Style.highlight : (isLabelled ? colour(c, light: false) : "#FFFFFF"),
        size: isLabelled ? 0.22 + 0.2 * rel : 0.08 + 0.42 * rel, labelled: isLabelled, bold: rank != nil,
        penwidth: rank != nil ? 3 : (isLabelled ? 1.5 : 0.5),
        label: rank.map { "\($0). \(DOTText.singleLine(g.people.name(of: p)))" }, extra: extra,
        fontsize: rank != nil ? 16 + 4 * rel : 11 + 5 * rel)
    }
    // Ties: within a group in its colour (translucent), across groups grey; width by strength.
    let alpha = shown.count > 120 ? "55" : "99"
    for u in shown.sorted() {
      for (v, s) in zip(g.neighbors(of: u), g.strengths(of: u)) where v > u && a.key[v] != nil {
        let cu = labels[Int(u)]
        let same = cu >= 0 && cu == labels[Int(v)]
        let colour = same && Int(cu) < Style.strong.count ? Style.strong[Int(cu)] + alpha : "#9A9A9A" + alpha
        let rated = g.tieID(between: u, and: v).map { g.ties.isRated($0) } ?? false
        a.addTie(u, v, color: colour, penwidth: rated ? 0.3 + 1.6 * Double(s) : 0.6)
      }
    }
    // Attribute groups can be many: the largest keep a box each, the others share one.
    // The largest groups among the rest keep a box each; groups with one
    // person there (isolates, one-person communities) share one box, and the
    // other small groups another, so no picture has hundreds of boxes.
    var restSize: [Int32: Int] = [:]
    for p in rest { restSize[labels[Int(p)], default: 0] += 1 }
    let several = restSize.keys.filter { $0 < 0 || restSize[$0]! > 1 }
      .sorted { (restSize[$0]!, -$0) > (restSize[$1]!, -$1) }
    let singles = restSize.count - several.count
    let boxRoom = max(1, room - (singles > 0 ? 1 : 0))
    let boxed = Set(several.count <= boxRoom ? several : Array(several.prefix(max(1, boxRoom - 1))))
    let others = several.count - boxed.count
    func box(_ p: PersonID) -> Int {
      let c = labels[Int(p)]
      if c >= 0 && restSize[c] == 1 { return -3 }
      return boxed.contains(c) ? Int(c) : -2
    }
    let alone = rest.count { box($0) == -3 }
    a.collapse(
      rest, group: box,
      name: { c in
        if c == -1 { return "No \(groups.singular) given" }
        if c == -2 { return "Other \(groups.plural) (\(TextFormat.grouped(others)) small ones)" }
        if c == -3 { return "Alone in their \(groups.singular)" }
        if !groups.isCommunities { return groups.names[c] }
        let companies = g.topCompanies(rest.filter { labels[Int($0)] == Int32(c) }, k: 2)
        return "Community \(c)" + (companies.isEmpty ? "" : " (\(companies.joined(separator: ", ")))")
      },
      fill: { colour(Int32($0), light: true) })
    // Legend: the largest groups (communities with their main companies).
    var members = [[PersonID]](repeating: [], count: groups.count)
    var ungrouped = 0
    for p in 0..<n {
      let c = Int(labels[p])
      if c >= 0 { members[c].append(PersonID(p)) } else { ungrouped += 1 }
    }
    var drawnGroups = Set<Int32>()
    for p in shown { drawnGroups.insert(labels[Int(p)]) }
    for p in rest where box(p) >= 0 { drawnGroups.insert(labels[Int(p)]) }
    for c in 0..<min(groups.count, Style.strong.count) where drawnGroups.contains(Int32(c)) {
      let people = "\(TextFormat.grouped(members[c].count)) \(members[c].count == 1 ? "person" : "people")"
      if groups.isCommunities {
        let companies = g.topCompanies(members[c], k: 2)
        a.model.legend.append(
          .init(
            color: Style.strong[c],
            text: "community \(c): \(TextFormat.count(members[c].count, "person", plural: "people"))"
              + (companies.isEmpty ? "" : ", mostly \(companies.joined(separator: ", "))")))
      } else {
        a.model.legend.append(.init(color: Style.strong[c], text: "\(groups.names[c]): \(people)"))
      }
    }
    let smaller = drawnGroups.count { $0 >= Int32(Style.strong.count) }
    if smaller > 0 {
      a.model.legend.append(
        .init(
          color: Style.other,
          text: "\(TextFormat.count(smaller, "smaller \(groups.singular)", plural: "smaller \(groups.plural)")), grey"))
    }
    if ungrouped > 0 {
      a.model.legend.append(
        .init(
          color: Style.other,
          text: "\(TextFormat.grouped(ungrouped)) \(ungrouped == 1 ? "person" : "people") "
            + "with no \(groups.singular) given"))
    }
    if view == .brokers {
      a.model.legend.append(
        .init(
          color: Style.highlight, symbol: "◯",
          text: "top \(TextFormat.count(min(brokers, n), "broker")) by \(measure.ranking), ranked"))
    }
    if a.ratedShown || a.unratedShown {
      let how = [
        a.ratedShown ? "thicker = stronger" : nil, a.unratedShown ? "thin: unrated (no strength in the data)" : nil,
      ].compactMap { $0 }.joined(separator: ", ")
      a.model.legend.append(
        .init(
          color: "#3A3A3A", symbol: "━",
          text: "tie (\(how)): in a \(groups.singular)'s colour inside it, grey across"
            + (a.inferredShown > 0 ? "; dotted = inferred" : "")))
    }
    a.model.caption.append(groupsCaption(groups))
    if summarising {
      a.model.caption.append(
        "Showing the \(TextFormat.grouped(shown.count)) people with the \(extreme) \(measureName) "
          + "of \(TextFormat.grouped(n)); the other \(TextFormat.grouped(rest.count)) are collapsed into "
          + "\(TextFormat.count(a.summaryKey.count, "summary box", plural: "summary boxes")) "
          + "(by \(groups.singular), in its colour), their ties bundled.")
      if alone > 0 {
        a.model.caption.append(
          "\(TextFormat.count(alone, "person", plural: "people")) alone in their \(groups.singular) "
            + (alone == 1 ? "drawn as a box." : "share one box."))
      }
    } else {
      a.model.caption.append("All \(TextFormat.grouped(n)) people and \(TextFormat.grouped(g.tieCount)) ties drawn.")
    }
    a.model.legendFontSize = shown.count > 150 ? 22 : (shown.count > 60 ? 16 : 12)
    a.model.caption.append(
      labelled.count >= shown.count
        ? "Everyone drawn is named."
        : "Names written for the \(TextFormat.count(labelled.count, "person", plural: "people")) with the \(extreme) "
          + "\(measureName); hover for the others.")
    return a.finish()
  }

  /// The caption line saying how people were grouped.
  static func groupsCaption(_ groups: PersonGroups) -> String {
    switch groups.source {
    case .communities(let method, let modularity, let resolution, let seed):
      return "Communities: \(method), modularity \(TextFormat.fixed(modularity, 3)) "
        + "(resolution \(resolution), seed \(seed))."
    case .attribute(let singular, let plural):
      return "Coloured by \(singular): \(TextFormat.grouped(groups.count)) \(plural), "
        + "the largest \(Style.strong.count) in colour."
    }
  }

  /// One node per group — community, as the caller computed them — sized by
  /// members and labelled with its main companies; one edge per pair of
  /// groups with ties between them.
  /// - Complexity: O(V + E + V·G) for the labels of G groups.
  public static func communities(
    _ g: Graph, groups: PersonGroups, options: ViewOptions = ViewOptions()
  ) -> RenderModel {
    precondition(groups.labels.count == g.personCount, "one group per person")
    let labels = groups.labels
    var a = ViewAssembler(
      g, view: .communities, options: options,
      title: "\(TextFormat.count(groups.count, groups.singular, plural: groups.plural)) of "
        + "\(TextFormat.count(g.personCount, "person", plural: "people"))")
    let everyone = (0..<PersonID(g.personCount)).map { $0 }
    // One-person groups (isolates) share one box.
    var size: [Int32: Int] = [:]
    for c in labels { size[c, default: 0] += 1 }
    let alone = labels.count { $0 >= 0 && size[$0] == 1 }
    a.collapse(
      everyone, group: { p in labels[Int(p)] >= 0 && size[labels[Int(p)]] == 1 ? -3 : Int(labels[Int(p)]) },
      name: { c in
        if c == -3 { return "Alone (\(groups.plural) of one)" }
        if c < 0 { return "No \(groups.singular) given" }
        let companies = g.topCompanies(everyone.filter { labels[Int($0)] == Int32(c) }, k: 2)
        let name = groups.isCommunities ? "Community \(c)" : groups.names[c]
        return name + (companies.isEmpty || !groups.isCommunities ? "" : "\n\(companies.joined(separator: ", "))")
      },
      fill: { $0 >= 0 && $0 < Style.light.count ? Style.light[$0] : Style.otherLight })
    a.model.legend.append(
      .init(
        color: "#777777", symbol: "▢",
        text: "a \(groups.singular): size by members" + (groups.isCommunities ? "; main companies named" : "")))
    a.model.legend.append(
      .init(color: "#BBBBBB", symbol: "━", text: "ties between two \(groups.plural): thicker = more ties"))
    switch groups.source {
    case .communities(let method, let modularity, let resolution, let seed):
      a.model.caption.append(
        "\(method), modularity \(TextFormat.fixed(modularity, 3)) (resolution \(resolution), seed \(seed)); "
          + "every person is inside a community node.")
    case .attribute(let singular, _):
      a.model.caption.append("Grouped by \(singular); every person is inside a \(singular) node.")
    }
    if alone > 0 {
      a.model.caption.append(
        "\(TextFormat.count(alone, "person", plural: "people")) alone in their \(groups.singular) "
          + (alone == 1 ? "drawn as a box." : "share one box."))
    }
    return a.finish()
  }
}
