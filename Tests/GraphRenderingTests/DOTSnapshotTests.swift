import Foundation
import GraphAlgorithms
import GraphCore
import GraphRendering
import Testing

/// The DOT text of each view on a fixed graph, compared byte for byte with
/// `Snapshots/<name>.dot`. Re-record with `RECORD_SNAPSHOTS=1`.
@Suite struct DOTSnapshotTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

  static func assertSnapshot(_ text: String, _ name: String) throws {
    let url = folder.appendingPathComponent("\(name).dot")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text == expected, "\(name).dot differs; re-record with RECORD_SNAPSHOTS=1 if the change is intended")
  }

  static func graph() throws -> Graph {
    let names = ["Ada", "Bo \"Boss\" Li", "<i>Cy</i>", "Di\\lDa", "Ed & Co", "Fay"]
    var b = GraphBuilder()
    for (i, n) in names.enumerated() {
      let p = b.person(key: "\(i)")
      b.setAttributes(p, .init(name: n, company: i % 2 == 0 ? "Acme" : "Globex", title: "CTO"))
    }
    let ties: [(Int32, Int32, Double, Bool)] = [
      (0, 1, 0.9, false), (0, 2, 0.3, false), (1, 2, 0.5, true), (2, 3, 0.7, false), (3, 4, 0.2, false),
      (4, 5, 0.8, false), (0, 3, 0.1, true),
    ]
    for (u, v, s, inferred) in ties {
      try b.addTie(
        u, v,
        evidence: TieEvidence(strength: s, interactions: 3, kind: "colleague", inferredConfidence: inferred ? 0.5 : nil)
      )
    }
    return try b.build().0
  }

  @Test func egoDOT() throws {
    try Self.assertSnapshot(RenderModel.ego(try Self.graph(), ego: 0).dot(), "ego")
  }

  @Test func pathDOT() throws {
    let g = try Self.graph()
    var search = PathSearch(g)
    let paths = search.strongestPaths(from: 0, to: [5], query: PathQuery(k: 2, maxHops: nil), firstHop: { _ in true })
    try Self.assertSnapshot(RenderModel.path(g, paths: paths).dot(), "path")
  }

  @Test func networkDOT() throws {
    var o = ViewOptions()
    o.maxNodes = 4
    let g = try Self.graph()
    try Self.assertSnapshot(RenderModel.network(g, groups: .leiden(g), options: o).dot(), "network-summarised")
  }

  @Test func introductionsDOT() throws {
    let g = try Self.graph()
    try Self.assertSnapshot(
      RenderModel.introductions(
        g, ego: 0, pairs: [SuggestedPair(low: 1, high: 3, score: 0.7, reasons: ["same \"industry\""])]
      ).dot(),
      "introductions")
  }
}
