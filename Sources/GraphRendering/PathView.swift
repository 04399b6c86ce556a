import GraphAlgorithms
import GraphCore

extension RenderModel {
  /// The strongest introduction chains, left to right: each chain in its own
  /// colour (the strongest red), hop width by tie strength, each chain's
  /// weakest hop labelled, and other ties among the people drawn muted.
  ///
  /// - Complexity: O(P + Σ degree of the people drawn), P the people on the chains.
  public static func path(_ g: Graph, paths: [StrongestPath], options: ViewOptions = ViewOptions()) -> RenderModel {
    let colours = [Style.highlight, "#2C7FB8", "#7B3294", "#E08214", "#1B9E77", "#666666"]
    var people: [PersonID] = []
    var seen = Set<PersonID>()
    var kept: [StrongestPath] = []
    for p in paths {
      let new = p.people.filter { !seen.contains($0) }
      if people.count + new.count > min(options.maxNamed, options.maxNodes) && !kept.isEmpty { break }
      for x in new where !seen.contains(x) {
        seen.insert(x)
        people.append(x)
      }
      kept.append(p)
    }
    let source = kept.first?.people.first
    let targets = Set(kept.compactMap { $0.people.last })
    let title: String
    if let source, let first = kept.first?.people.last {
      title =
        "Introduction chains from \(DOTText.singleLine(g.people.name(of: source))) to "
        + (targets.count == 1 ? DOTText.singleLine(g.people.name(of: first)) : "\(targets.count) people")
    } else {
      title = "No introduction chain"
    }
    var a = ViewAssembler(g, view: .path, options: options, title: title)
    a.model.leftToRight = true
    for p in people {
      let isEnd = p == source || targets.contains(p)
      a.addPerson(
        p, fill: p == source ? "#FFD966" : (targets.contains(p) ? "#F6C6C1" : "#F4F4F4"),
        stroke: isEnd ? "#7F6000" : "#555555", size: 0.4, labelled: true, bold: isEnd, penwidth: isEnd ? 2 : 1,
        label: labelText(g, p), fontsize: 11)
    }
    // Chain hops, in chain direction (dot ranks follow the edge order). A hop
    // shared by several chains is one edge drawn in every chain's colour
    // (parallel lines), with every chain named in its tooltip.
    var drawn = Set<String>()
    var hopEdge: [String: Int] = [:]
    var hopChains: [String: [Int]] = [:]
    for (i, p) in kept.enumerated() {
      let colour = colours[min(i, colours.count - 1)]
      for h in 0..<p.hops {
        let u = p.people[h]
        let v = p.people[h + 1]
        let id = "\(min(u, v))-\(max(u, v))"
        let weakest = h == p.weakestHop && p.hops > 1
        if let e = hopEdge[id] {
          if !hopChains[id]!.contains(i) {
            hopChains[id]!.append(i)
            a.model.edges[e].color += ":" + colour
            if weakest {
              a.model.edges[e].style = .dashed
              a.model.edges[e].label = "weakest \(TextFormat.fixed(p.strengths[h], 2))"
            }
          }
          continue
        }
        drawn.insert(id)
        let before = a.model.edges.count
        a.addTie(
          u, v, color: colour, penwidth: 1.5 + 4 * p.strengths[h],
          label: weakest ? "weakest \(TextFormat.fixed(p.strengths[h], 2))" : TextFormat.fixed(p.strengths[h], 2))
        if a.model.edges.count > before {
          // addTie orders endpoints as given: keep u → v for the ranks.
          a.model.edges[before].weight = 3
          if weakest { a.model.edges[before].style = .dashed }
          hopEdge[id] = before
          hopChains[id] = [i]
        }
      }
    }
    for (id, chains) in hopChains where chains.count > 1 {
      let e = hopEdge[id]!
      a.model.edges[e].tooltip +=
        "\non chains " + chains.map { "\($0 + 1)" }.joined(separator: ", ") + " (one line per chain)"
      // Parallel lines: thinner, so the pair stays about as wide as one hop.
      a.model.edges[e].penwidth = max(1.5, a.model.edges[e].penwidth / Double(chains.count))
    }
    // Context: other ties among the people drawn.
    let ids = people.sorted()
    let set = Set(people)
    for u in ids {
      for v in g.neighbors(of: u) where v > u && set.contains(v) && !drawn.contains("\(u)-\(v)") {
        a.addTie(u, v, muted: true)
        a.model.edges[a.model.edges.count - 1].constrains = false
      }
    }
    for (i, p) in kept.enumerated() {
      a.model.legend.append(
        .init(
          color: colours[min(i, colours.count - 1)], symbol: "━",
          text:
            "chain \(i + 1): strength \(TextFormat.fixed(p.strength, 3)) over \(p.hops) hop\(p.hops == 1 ? "" : "s")"))
    }
    a.model.legend.append(.init(color: "#555555", symbol: "┅", text: "dashed hop: the weakest link of its chain"))
    if hopChains.values.contains(where: { $0.count > 1 }) {
      a.model.legend.append(.init(color: "#555555", symbol: "═", text: "parallel lines: a hop on several chains"))
    }
    if a.mutedShown {
      a.model.legend.append(.init(color: "#C8C8C8", symbol: "─", text: "other ties among these people"))
    }
    a.model.caption.append("Hop labels: tie strength; a chain's strength is the product of its hops.")
    if kept.count < paths.count {
      a.model.caption.append(
        "\(TextFormat.count(paths.count - kept.count, "more chain", plural: "more chains")) left out (--max-nodes).")
    }
    return a.finish()
  }
}
