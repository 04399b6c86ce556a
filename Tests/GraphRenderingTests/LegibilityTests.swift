import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering
import GraphSynthesis
import LiaisonTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Where each `<text>` of an SVG sits, and the picture's size in points,
/// read with a real XML parser.
final class SVGTextBoxes: NSObject, XMLParserDelegate {
  struct Text {
    var x: Double
    var y: Double
    var size: Double
    var anchor: String
    var content = ""

    /// The text's box estimated from its position, font size and length:
    /// half an em per character (narrower than Helvetica's mean, so touching
    /// neighbours are not taken for overlapping ones), from 0.75 em above the
    /// baseline to 0.2 em below.
    var box: (x0: Double, x1: Double, y0: Double, y1: Double) {
      let trimmed = content.trimmingCharacters(in: .whitespaces)
      let lead = Double(content.prefix { $0 == " " }.count) * 0.28 * size
      let w = Double(trimmed.count) * 0.5 * size
      let x0: Double =
        switch anchor {
        case "middle": x - w / 2
        case "end": x - w
        default: x + lead
        }
      return (x0, x0 + w, y - 0.75 * size, y + 0.2 * size)
    }
  }

  var width = 0.0
  var height = 0.0
  var scale = ""
  var texts: [Text] = []
  private var current: Text?

  init(_ bytes: [UInt8]) {
    super.init()
    let parser = XMLParser(data: Data(bytes))
    parser.shouldResolveExternalEntities = false
    parser.delegate = self
    _ = parser.parse()
  }

  static func points(_ s: String?) -> Double { Double(s?.replacingOccurrences(of: "pt", with: "") ?? "") ?? 0 }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if name == "svg" {
      width = Self.points(attributes["width"])
      height = Self.points(attributes["height"])
    }
    if name == "g", attributes["class"] == "graph", let t = attributes["transform"] {
      scale = String(t.prefix { $0 != ")" }) + ")"
    }
    if name == "text" {
      current = Text(
        x: Double(attributes["x"] ?? "") ?? 0, y: Double(attributes["y"] ?? "") ?? 0,
        size: Double(attributes["font-size"] ?? "") ?? 14, anchor: attributes["text-anchor"] ?? "start")
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { current?.content += string }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    if name == "text", let t = current {
      if !t.content.trimmingCharacters(in: .whitespaces).isEmpty { texts.append(t) }
      current = nil
    }
  }

  /// Pairs of texts whose boxes overlap by more than a point both ways.
  /// - Complexity: O(T log T + overlapping candidates), sweeping by x.
  func overlaps() -> [(Text, Text)] {
    let sorted = texts.sorted { $0.box.x0 < $1.box.x0 }
    var out: [(Text, Text)] = []
    for i in sorted.indices {
      let a = sorted[i].box
      var j = i + 1
      while j < sorted.count, sorted[j].box.x0 < a.x1 - 1 {
        let b = sorted[j].box
        if min(a.x1, b.x1) - max(a.x0, b.x0) > 1 && min(a.y1, b.y1) - max(a.y0, b.y0) > 1 {
          out.append((sorted[i], sorted[j]))
        }
        j += 1
      }
    }
    return out
  }
}

/// Every view legible at 100 % zoom: text at least 10 pt, no two texts
/// overlapping (boxes estimated from the SVG's text positions), the longest
/// side at most 3,000 pt — on the bundled team, on a generated ego with
/// 5,000 contacts, and on Facebook ego 0 when the real-data folder is present.
@Suite struct LegibilityTests: NetworkFileSuite {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  static func assertLegible(_ model: RenderModel, _ what: String) throws {
    let bytes = try model.render(as: .svg)
    let svg = SVGTextBoxes(bytes)
    #expect(svg.scale == "scale(1 1)", "\(what): drawn at 100 %")
    #expect(!svg.texts.isEmpty, "\(what): has text")
    #expect(max(svg.width, svg.height) <= 3000, "\(what): \(svg.width) × \(svg.height) pt")
    let small = svg.texts.filter { $0.size < 10 }
    #expect(small.isEmpty, "\(what): text under 10 pt: \(small.prefix(3).map { "\($0.content) \($0.size)" })")
    let clashes = svg.overlaps()
    #expect(
      clashes.isEmpty,
      "\(what): \(clashes.count) overlapping labels, e.g. \(clashes.prefix(3).map { "\"\($0.0.content)\" / \"\($0.1.content)\"" })"
    )
    #expect(model.nodes.count { $0.kind == .person && $0.showsLabel } <= ViewOptions().maxNamed, "\(what): named")
    #expect(model.nodes.count <= ViewOptions().maxNodes, "\(what): nodes")
  }

  @Test func everyViewOfTheBundledTeamIsLegible() throws {
    let g = try NetworkLoader.load([
      InputSpec(path: Self.root + "/datasets/team/people.csv"), InputSpec(path: Self.root + "/datasets/team/ties.csv"),
    ]).graph
    let mary = try #require(
      (0..<g.personCount).map { PersonID($0) }.first { g.people.name(of: $0) == "Mary Reed" })
    try Self.assertLegible(.ego(g, ego: mary), "team ego")
    let groups = PersonGroups.leiden(g)
    try Self.assertLegible(.network(g, groups: groups), "team network")
    try Self.assertLegible(.communities(g, groups: groups), "team communities")
    try Self.assertLegible(
      .brokers(g, groups: groups, ranking: .betweenness(g.betweenness().normalised), top: 10), "team brokers")
    let r = g.introductionCandidates(for: mary, options: IntroductionOptions(top: 40))
    let pairs = r.candidates.map { SuggestedPair(low: $0.low, high: $0.high, score: $0.score, reasons: $0.reasons) }
    try Self.assertLegible(.introductions(g, ego: mary, pairs: pairs), "team introductions")
    let wide = g.networkIntroductions(perPerson: 3).candidates.prefix(1000)
      .map { SuggestedPair(low: $0.low, high: $0.high, score: $0.score, reasons: $0.reasons) }
    let network = RenderModel.introductions(g, ego: nil, pairs: Array(wide))
    try Self.assertLegible(network, "team network-wide introductions")
    #expect(network.nodes.count { $0.kind == .rank } == network.edges.count { $0.kind == .suggested } / 2)
    var search = PathSearch(g)
    let far = (0..<g.personCount).map { PersonID($0) }.max { g.degree(of: $0) < g.degree(of: $1) }!
    let paths = search.strongestPaths(
      from: mary, to: [far], query: PathQuery(k: 3, maxHops: 4), firstHop: { _ in true })
    if !paths.isEmpty { try Self.assertLegible(.path(g, paths: paths), "team path") }
  }

  /// A generated network (seeded) with one person tied to 5,000 others: the
  /// ego view aggregates into as many nodes as a small one.
  @Test func aFiveThousandContactEgoIsLegible() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    _ = try NetworkGenerator.generate(NetworkGeneratorOptions(people: 6_000, seed: 11), into: tmp.path)
    var people = try String(contentsOfFile: tmp.path + "/people.csv", encoding: .utf8)
    var ties = try String(contentsOfFile: tmp.path + "/ties.csv", encoding: .utf8)
    people += "hub,Hana Hub,hana@example.org,Example Corp,Director,Software Development,,,\n"
    for i in 0..<5_000 { ties += "hub,\(i),\(Double(5 + (i * 37) % 95) / 100),,,,\n" }
    let g = try load([("people.csv", people), ("ties.csv", ties)]).graph
    let hub = try #require(person(g, "hub"))
    #expect(g.degree(of: hub) == 5_000)
    let model = RenderModel.ego(g, ego: hub)
    try Self.assertLegible(model, "5,000-contact ego")
    let counted = model.nodes.filter { $0.kind == .summary }.reduce(0) { $0 + $1.members }
    #expect(model.personCount - 1 + counted == 5_000, "every contact named or counted in a box")
    #expect(model.caption.contains { $0.contains("5,000 contacts named") })
  }

  @Test func facebookEgoZeroIsLegible() throws {
    guard let path = real("snap-ego-facebook/facebook_combined.txt") else { return }
    let g = try NetworkLoader.load([InputSpec(path: path)]).graph
    let ego = try #require(person(g, "0"))
    let model = RenderModel.ego(g, ego: ego)
    try Self.assertLegible(model, "Facebook ego 0")
    #expect(model.legend.contains { $0.text.hasPrefix("unrated tie") }, "unrated ties named as unrated")
    #expect(!model.legend.contains { $0.text.hasPrefix("weak tie") || $0.text.hasPrefix("strong tie") })
    #expect(!model.caption.joined().contains("strongest"), "no ranking by strength when no tie is rated")
  }

  /// The estimate finds overlaps: two labels written at the same place clash.
  @Test func theOverlapCheckCanFail() {
    let svg = SVGTextBoxes(
      Array(
        """
        <svg width="100pt" height="50pt"><g class="graph" transform="scale(1 1) rotate(0)">
        <text text-anchor="middle" x="50" y="20" font-size="10.00">Ada Lovelace</text>
        <text text-anchor="middle" x="55" y="24" font-size="10.00">Grace Hopper</text>
        <text text-anchor="middle" x="50" y="40" font-size="10.00">Line one</text>
        <text text-anchor="middle" x="50" y="51" font-size="10.00">Line two</text>
        </g></svg>
        """.utf8))
    #expect(svg.width == 100 && svg.height == 50 && svg.texts.count == 4)
    #expect(svg.overlaps().count == 1, "the first two clash; lines 11 pt apart do not")
  }
}
