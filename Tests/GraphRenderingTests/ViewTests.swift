import Foundation
import GraphAlgorithms
import GraphCore
import GraphRendering
import Testing

/// Every view rendered and read back as XML: people, ties, summaries and
/// suggested pairs counted in the SVG and compared with independent counts.
@Suite struct ViewTests {
  static func svg(_ model: RenderModel) throws -> (SVGContents, [UInt8]) {
    let bytes = try model.render(as: .svg)
    let contents = SVGContents(bytes)
    #expect(contents.parsed, "the SVG parses as XML")
    return (contents, bytes)
  }

  @Test func egoViewCountsPeopleAndTies() throws {
    let g = try RenderFixtures.network(people: 80, ties: 300, seed: 3)
    let ego = PersonID((0..<g.personCount).max { g.degree(of: PersonID($0)) < g.degree(of: PersonID($1)) }!)
    let model = RenderModel.ego(g, ego: ego)
    let (svg, _) = try Self.svg(model)
    let circle = Set(g.neighbors(of: ego)).union([ego])
    #expect(svg.count("person") == circle.count)
    #expect(svg.count("tie") == g.tiesAmong(circle))
    #expect(svg.count("summary") == 0)
    #expect(model.personCount == circle.count && model.tieCount == g.tiesAmong(circle))
    // Inferred ties are dotted, and every tie has evidence in its tooltip.
    let dotted = model.edges.filter { $0.kind == .tie && $0.style == .dotted }.count
    let inferred = g.tieList().filter { circle.contains($0.0) && circle.contains($0.1) }
      .count { g.ties.isInferred(g.tieID(between: $0.0, and: $0.1)!) }
    #expect(dotted == inferred)
    #expect(model.edges.filter { $0.kind == .tie && !$0.invisible }.allSatisfy { $0.tooltip.contains("strength") })
  }

  @Test func egoViewSummarisesBeyondMaxNodes() throws {
    let g = try RenderFixtures.network(people: 120, ties: 900, seed: 5)
    let ego = PersonID((0..<g.personCount).max { g.degree(of: PersonID($0)) < g.degree(of: PersonID($1)) }!)
    var o = ViewOptions()
    o.maxNodes = 15
    let model = RenderModel.ego(g, ego: ego, options: o)
    let (svg, _) = try Self.svg(model)
    #expect(model.nodes.count <= 15)
    let shown = Set(model.nodes.compactMap(\.person))
    #expect(svg.count("person") == shown.count)
    #expect(svg.count("tie") == g.tiesAmong(shown))
    #expect(svg.count("summary") == model.summaryCount && model.summaryCount > 0)
    let summarised = model.nodes.filter { $0.kind == .summary }.reduce(0) { $0 + $1.members }
    #expect(shown.count - 1 + summarised == g.degree(of: ego), "every contact drawn or in a summary")
    #expect(model.caption.contains { $0.contains("counted in") })
  }

  @Test func networkViewWholeAndSummarised() throws {
    let g = try RenderFixtures.network(people: 60, ties: 200, seed: 7)
    let whole = RenderModel.network(g, groups: .leiden(g))
    let (svg, _) = try Self.svg(whole)
    #expect(svg.count("person") == g.personCount)
    #expect(svg.count("tie") == g.tieCount)
    var o = ViewOptions()
    o.maxNodes = 25
    let part = RenderModel.network(g, groups: .leiden(g), options: o)
    let (svg2, _) = try Self.svg(part)
    let shown = Set(part.nodes.compactMap(\.person))
    #expect(part.nodes.count <= 25)
    #expect(svg2.count("person") == shown.count)
    #expect(svg2.count("tie") == g.tiesAmong(shown))
    #expect(svg2.count("summary") == part.summaryCount)
    #expect(shown.count + part.nodes.filter { $0.kind == .summary }.reduce(0) { $0 + $1.members } == g.personCount)
    // The kept people are the highest-degree ones.
    let minShown = shown.map { g.degree(of: $0) }.min()!
    let maxHidden = (0..<PersonID(g.personCount)).filter { !shown.contains($0) }.map { g.degree(of: $0) }.max()!
    #expect(minShown >= maxHidden)
    // Bundled ties: each tie with an end in a summary is counted in exactly one bundle.
    let bundled = part.edges.filter { $0.kind == .bundle }.reduce(0) { total, e in
      total + Int(e.tooltip.split(separator: " ").first!.replacingOccurrences(of: ",", with: ""))!
    }
    let partition = g.leidenCommunities()
    let crossing = g.tieList().count { t in
      let a = shown.contains(t.0)
      let b = shown.contains(t.1)
      if a && b { return false }
      if !a && !b { return partition.labels[Int(t.0)] != partition.labels[Int(t.1)] }
      return true
    }
    #expect(bundled == crossing)
  }

  @Test func pathViewHighlightsChains() throws {
    let g = try RenderFixtures.network(people: 60, ties: 220, seed: 11)
    var search = PathSearch(g)
    let paths = search.strongestPaths(from: 0, to: [59], query: PathQuery(k: 3, maxHops: nil), firstHop: { _ in true })
    try #require(!paths.isEmpty)
    let model = RenderModel.path(g, paths: paths)
    #expect(model.engine == .dot)
    let (svg, _) = try Self.svg(model)
    let people = Set(paths.flatMap(\.people))
    #expect(svg.count("person") == people.count)
    #expect(svg.count("tie") == g.tiesAmong(people))
    // The weakest hop of the best chain is labelled.
    let best = paths[0]
    if best.hops > 1 { #expect(svg.texts.contains { $0.hasPrefix("weakest") }) }
  }

  @Test func introductionsViewDrawsPairsDashed() throws {
    let g = try RenderFixtures.network(people: 70, ties: 260, seed: 13)
    let ego = PersonID((0..<g.personCount).max { g.degree(of: PersonID($0)) < g.degree(of: PersonID($1)) }!)
    let r = g.introductionCandidates(for: ego, options: IntroductionOptions(top: 8))
    let pairs = r.candidates.map { SuggestedPair(low: $0.low, high: $0.high, score: $0.score, reasons: $0.reasons) }
    try #require(!pairs.isEmpty)
    let model = RenderModel.introductions(g, ego: ego, pairs: pairs)
    let (svg, _) = try Self.svg(model)
    let people = Set(pairs.flatMap { [$0.low, $0.high] }).union([ego])
    #expect(svg.count("person") == people.count)
    // Each pair: two dashed halves through its numbered circle; only the ego's ties for context.
    #expect(svg.count("suggested") == 2 * pairs.count)
    #expect(svg.count("rank") == pairs.count)
    for i in pairs.indices { #expect(svg.texts.contains("\(i + 1)"), "rank \(i + 1) written") }
    #expect(svg.count("tie") == people.count { $0 != ego && g.areTied(ego, $0) })
    #expect(model.edges.filter { $0.kind == .suggested }.allSatisfy { $0.style == .dashed })
    for p in pairs { #expect(!g.areTied(p.low, p.high), "a suggestion is never an existing tie") }
  }

  @Test func brokersAndCommunitiesViews() throws {
    let g = try RenderFixtures.network(people: 50, ties: 160, seed: 17)
    let b = g.betweenness().normalised
    let model = RenderModel.brokers(g, groups: .leiden(g), ranking: .betweenness(b), top: 5)
    let (svg, _) = try Self.svg(model)
    #expect(svg.count("person") == g.personCount)
    #expect(svg.count("tie") == g.tieCount)
    let top = (0..<g.personCount).sorted { (b[$0], -$0) > (b[$1], -$1) }.prefix(5)
    for (rank, p) in top.enumerated() {
      #expect(svg.texts.contains("\(rank + 1). \(g.people.name(of: PersonID(p)))"), "broker \(rank + 1) named")
    }
    let partition = g.leidenCommunities()
    let c = RenderModel.communities(g, groups: PersonGroups(communities: partition, method: "Leiden", seed: 42))
    let (svg2, _) = try Self.svg(c)
    var size: [Int32: Int] = [:]
    for c in partition.labels { size[c, default: 0] += 1 }
    let alone = size.values.count { $0 == 1 }
    #expect(svg2.count("summary") == partition.count - alone + (alone > 0 ? 1 : 0), "one box for the isolates")
    #expect(svg2.count("person") == 0)
    var pairs = Set<String>()
    for (u, v, _) in g.tieList() where partition.labels[Int(u)] != partition.labels[Int(v)] {
      pairs.insert(
        "\(min(partition.labels[Int(u)], partition.labels[Int(v)]))-\(max(partition.labels[Int(u)], partition.labels[Int(v)]))"
      )
    }
    #expect(svg2.count("bundle") == pairs.count)
  }

  /// Groups given by the caller (here 50 made-up groups, more than fit): the
  /// view colours and collapses by exactly them, the largest boxed, the rest
  /// in one "Other" box, never more than `maxNodes` nodes.
  @Test func networkViewTakesTheCallersGroups() throws {
    let g = try RenderFixtures.network(people: 120, ties: 400, seed: 31)
    let labels = (0..<g.personCount).map { Int32($0 % 50) }
    let groups = PersonGroups(labels: labels, name: { "Group \($0 % 50)" }, singular: "group", plural: "groups")
    // Renumbered by size, the same partition.
    for p in 0..<g.personCount {
      for q in 0..<g.personCount { #expect((labels[p] == labels[q]) == (groups.labels[p] == groups.labels[q])) }
      #expect(groups.names[Int(groups.labels[p])] == "Group \(p % 50)")
    }
    var o = ViewOptions()
    o.maxNodes = 20
    let model = RenderModel.network(g, groups: groups, options: o)
    #expect(model.nodes.count <= 20)
    let summaries = model.nodes.filter { $0.kind == .summary }
    #expect(summaries.contains { $0.label.hasPrefix("Other groups") })
    #expect(model.personCount + summaries.reduce(0) { $0 + $1.members } == g.personCount)
    for s in summaries where !s.label.hasPrefix("Other") && !s.label.hasPrefix("Alone") {
      let name = String(s.label.split(separator: "\n")[0])
      let shown = model.nodes.filter { $0.person.map { "Group \($0 % 50)" } == name }.count
      #expect(s.members + shown == (0..<g.personCount).count { "Group \($0 % 50)" == name }, "\(name)")
    }
    // A tie is in a group's colour exactly when both ends share a group (one of the nine largest).
    for e in model.edges where e.kind == .tie {
      let u = Int(e.a.dropFirst())!
      let v = Int(e.b.dropFirst())!
      let same = groups.labels[u] == groups.labels[v] && groups.labels[u] < 9
      #expect(same == !e.color.hasPrefix("#9A9A9A"))
    }
    #expect(model.caption.contains { $0.hasPrefix("Coloured by group: 50 groups") })
  }

  /// Two chains through the same first hop: that hop is drawn in both chains' colours.
  @Test func aSharedHopShowsEveryChain() throws {
    var b = GraphBuilder()
    for i in 0..<5 {
      let p = b.person(key: "\(i)")
      b.setAttributes(p, .init(name: "P\(i)"))
    }
    for (u, v, s) in [(0, 1, 0.9), (1, 2, 0.8), (1, 3, 0.7), (2, 4, 0.9), (3, 4, 0.6)] as [(Int32, Int32, Double)] {
      try b.addTie(u, v, evidence: TieEvidence(strength: s))
    }
    let g = try b.build().0
    var search = PathSearch(g)
    let paths = search.strongestPaths(from: 0, to: [4], query: PathQuery(k: 2, maxHops: nil), firstHop: { _ in true })
    try #require(paths.count == 2)
    let model = RenderModel.path(g, paths: paths)
    let shared = try #require(model.edges.first { $0.kind == .tie && Set([$0.a, $0.b]) == ["p0", "p1"] })
    #expect(shared.color.split(separator: ":").count == 2, "both chains' colours on the shared hop")
    #expect(shared.tooltip.contains("on chains 1, 2"))
    #expect(model.dot().contains("color=\"\(shared.color)\""))
    _ = try Self.svg(model)
  }

  /// Communities are numbered from 0 in pictures, as `liaison communities` numbers them;
  /// unrated ties are drawn and named as unrated, never as weak.
  @Test func communitiesFromZeroAndUnratedTiesNamed() throws {
    var b = GraphBuilder()
    for i in 0..<8 {
      let p = b.person(key: "\(i)")
      b.setAttributes(p, .init(name: "P\(i)"))
    }
    for (u, v) in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3), (0, 6)] as [(Int32, Int32)] {
      try b.addTie(u, v)
    }
    let g = try b.build().0
    let network = RenderModel.network(g, groups: .leiden(g))
    #expect(network.legend.contains { $0.text.hasPrefix("community 0:") })
    #expect(!network.legend.contains { $0.text.contains("community \(PersonGroups.leiden(g).count):") })
    #expect(network.nodes.contains { $0.tooltip.contains("community 0") })
    let ego = RenderModel.ego(g, ego: 0)
    #expect(ego.legend.contains { $0.text.hasPrefix("unrated tie") })
    #expect(!ego.legend.contains { $0.text.hasPrefix("weak tie") || $0.text.hasPrefix("strong tie") })
    #expect(ego.caption.contains { $0.hasPrefix("All 3 contacts") })
    let one = RenderModel.ego(g, ego: 7)
    #expect(
      one.caption.contains { $0.hasPrefix("All 0 contacts") } && one.legend.allSatisfy { !$0.text.contains("tie") })
  }

  /// Names with HTML entities and Graphviz escapes, drawn in every view: every
  /// label line and every tooltip in the SVG, decoded once as XML, is the text
  /// typed (so the SVG source holds `&amp;amp;` for a typed `&amp;`).
  @Test func entitiesAndEscapesInNamesShowLiterally() throws {
    let names = [
      "A &amp; B &lt;x&gt; &#38; &#x26;", "back\\N \\G \\E \\T \\n \\l \\r \\\\ x\\", "Tom & Jerry",
      "&quot;Q&quot; \"q\" &#92;n", "Co &amp; Sons &nbsp;x",
    ]
    let g = try RenderFixtures.network(people: names.count + 6, ties: 60, seed: 23, names: names)
    let ego = PersonID(0)
    var search = PathSearch(g)
    let paths = search.strongestPaths(from: 0, to: [1], query: PathQuery(k: 2, maxHops: nil), firstHop: { _ in true })
    try #require(!paths.isEmpty)
    let models = [
      RenderModel.network(g, groups: .leiden(g)), RenderModel.ego(g, ego: ego),
      RenderModel.communities(g, groups: .leiden(g)),
      RenderModel.brokers(g, groups: .leiden(g), ranking: .betweenness(g.betweenness().normalised), top: 5),
      RenderModel.path(g, paths: paths),
      RenderModel.introductions(g, ego: ego, pairs: [SuggestedPair(low: 1, high: 4, score: 1, reasons: names)]),
    ]
    var everyText = Set<String>()
    var everyTooltip = Set<String>()
    for model in models {
      let (svg, bytes) = try Self.svg(model)
      let texts = Set(svg.texts.map { $0.replacingOccurrences(of: "\u{A0}", with: " ") })
      for n in model.nodes where n.showsLabel {
        for line in n.label.split(separator: "\n") {
          let drawn = DOTText.shortened(String(line), limit: 48)
          #expect(texts.contains(drawn), "\(model.view): label line \(drawn) drawn as typed")
        }
      }
      for tip in model.nodes.map(\.tooltip) + model.edges.filter({ !$0.invisible }).map(\.tooltip) where !tip.isEmpty {
        #expect(svg.tooltips.contains(tip), "\(model.view): tooltip \(tip.prefix(40)) as typed")
      }
      #expect(texts.contains { $0.hasPrefix(model.title) }, "\(model.view): the title \(model.title) in \(texts)")
      everyText.formUnion(texts)
      everyTooltip.formUnion(svg.tooltips)
      let source = String(decoding: bytes, as: UTF8.self)
      #expect(source.contains("&amp;amp; B &amp;lt;x&amp;gt; &amp;#38; &amp;#x26;"), "\(model.view)")
    }
    for name in names {
      #expect(everyText.contains(name), "\(name) drawn as typed")
      #expect(everyTooltip.contains { $0.hasPrefix(name + "\n") }, "\(name) in a tooltip as typed")
    }
  }

  @Test func sameInputSameSVGBytes() throws {
    let g = try RenderFixtures.network(people: 200, ties: 700, seed: 19)
    for model in [RenderModel.network(g, groups: .leiden(g)), RenderModel.ego(g, ego: 3)] {
      let dotA = model.dot()
      let a = try Self.svg(model).1
      let dotB = model.dot()
      let b = try Self.svg(model).1
      #expect(dotA == dotB, "\(model.view): the DOT text is the same both times")
      guard a != b else { continue }
      // On a difference, say where (the first line that differs) and keep
      // the DOT and both pictures for a look: Graphviz's layouts draw on the
      // process-wide rand(), so a rand() elsewhere in the process during a
      // render would show here.
      let x = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let y = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let line = (0..<min(x.count, y.count)).first { x[$0] != y[$0] }
      let detail = line.map { "first difference at line \($0 + 1):\n\(x[$0])\n\(y[$0])" } ?? "no line differs"
      let kept = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-svg-difference-\(getpid())")
      try? FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
      try? Data(dotA.utf8).write(to: kept.appendingPathComponent("\(model.view).dot"))
      try? Data(a).write(to: kept.appendingPathComponent("\(model.view)-1.svg"))
      try? Data(b).write(to: kept.appendingPathComponent("\(model.view)-2.svg"))
      Issue.record(
        "\(model.view) with \(model.engine): \(x.count) and \(y.count) lines, \(detail); DOT and both SVGs in \(kept.path)"
      )
    }
  }

  @Test func hostileNamesRenderAsText() throws {
    let names = RenderFixtures.hostileNames
    let g = try RenderFixtures.network(people: names.count + 6, ties: 60, seed: 23, names: names)
    let ego = PersonID((0..<names.count).max { g.degree(of: PersonID($0)) < g.degree(of: PersonID($1)) }!)
    var search = PathSearch(g)
    let paths = search.strongestPaths(from: 0, to: [1], query: PathQuery(k: 2, maxHops: nil), firstHop: { _ in true })
    var models = [
      RenderModel.network(g, groups: .leiden(g)), RenderModel.ego(g, ego: ego),
      RenderModel.communities(g, groups: .leiden(g)),
      RenderModel.brokers(g, groups: .leiden(g), ranking: .betweenness(g.betweenness().normalised), top: 5),
      RenderModel.introductions(
        g, ego: nil,
        pairs: [
          SuggestedPair(low: 0, high: 4, score: 1, reasons: names),
          SuggestedPair(low: 2, high: 9, score: 0.5, reasons: ["</title><script>"]),
        ]),
    ]
    if !paths.isEmpty { models.append(.path(g, paths: paths)) }
    var seen = Set<String>()
    for model in models {
      let (svg, bytes) = try Self.svg(model)
      let text = String(decoding: bytes, as: UTF8.self)
      #expect(!text.lowercased().contains("<script"), "\(model.view)")
      #expect(!text.contains("<img") && !text.contains("<b>") && !text.contains("<TABLE>"))
      #expect(!text.contains("href=\"http://evil"), "the name is text, never an attribute")
      #expect(svg.count("person") == model.personCount)
      // Graphviz writes runs of spaces as NBSP.
      for t in svg.texts { seen.insert(t.replacingOccurrences(of: "\u{A0}", with: " ")) }
    }
    // Names come back as the characters typed (labels may be cut with …).
    #expect(seen.contains("<script>alert(1)</script>"))
    #expect(seen.contains("Ann \"The Quote\" Lee"))
    #expect(seen.contains("]]><x>"))
    #expect(seen.contains { $0.hasPrefix("back\\l slash\\n \\N") })
    #expect(seen.contains("<b>bold</b> <TABLE>"))
    #expect(seen.contains("ctrl   char"), "control characters become spaces")
    #expect(seen.contains("line break return"))
  }
}
