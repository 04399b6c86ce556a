import Foundation
import GraphCore

/// Builds a graph from an edge list of string names (optional strength per
/// edge), people numbered in order of first appearance in `nodes` then edges.
public func graph(nodes: [String] = [], edges: [(String, String, Double?)]) throws -> Graph {
  var b = GraphBuilder()
  for n in nodes { _ = b.person(key: n) }
  for (u, v, s) in edges { _ = try b.addTie(b.person(key: u), b.person(key: v), strength: s.map { Float($0) }) }
  return try b.build().0
}

/// A fixture file: `{"graphs": {name: {"nodes": [...], "edges": [[u, v, strength?], ...]}}, ...}`
/// written by a committed networkx script beside it. Node names are strings.
public struct FixtureFile {
  public let json: [String: Any]

  /// Loads `Fixtures/<name>` next to the calling test file.
  public init(_ name: String, file: StaticString = #filePath) throws {
    var parts = "\(file)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast()
    let path = parts.joined(separator: "/") + "/Fixtures/" + name
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }

  /// The graph named `name` in `graphs`.
  public func graph(_ name: String) throws -> Graph {
    let g = (json["graphs"] as! [String: Any])[name] as! [String: Any]
    let nodes = (g["nodes"] as! [Any]).map { "\($0)" }
    let edges = (g["edges"] as! [[Any]]).map { e -> (String, String, Double?) in
      ("\(e[0])", "\(e[1])", e.count > 2 ? (e[2] as? Double ?? (e[2] as? Int).map(Double.init)) : nil)
    }
    return try LiaisonTestSupport.graph(nodes: nodes, edges: edges)
  }
}

/// Tie-aware comparison of two ranked lists of (key, score), best first:
/// equal when, after sorting each by score, the multisets of keys agree
/// within every group of equal scores (within `tolerance`), except that the
/// last group may be cut off differently by a top-k limit.
public func rankedListsAgree<K: Hashable>(
  _ ours: [(K, Double)], _ reference: [(K, Double)], tolerance: Double = 1e-9
) -> Bool {
  guard ours.count == reference.count else { return false }
  for (a, b) in zip(ours, reference) where abs(a.1 - b.1) > tolerance * max(1, abs(b.1)) { return false }
  // Within each score tier, the keys must match as sets (except the last, possibly truncated tier).
  var i = 0
  while i < ours.count {
    var j = i
    while j < ours.count && abs(ours[j].1 - ours[i].1) <= tolerance * max(1, abs(ours[i].1)) { j += 1 }
    if j < ours.count {
      if Set(ours[i..<j].map(\.0)) != Set(reference[i..<j].map(\.0)) { return false }
    }
    i = j
  }
  return true
}
