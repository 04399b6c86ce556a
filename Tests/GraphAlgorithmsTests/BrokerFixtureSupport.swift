import GraphCore
import LiaisonTestSupport

/// The networkx reference values in `Fixtures/broker_fixtures.json`
/// (written by `Fixtures/make_broker_fixtures.py`), loaded once.
struct BrokerFixtures: @unchecked Sendable {
  static let shared: BrokerFixtures = try! BrokerFixtures()

  let file: FixtureFile
  let names: [String]

  init() throws {
    file = try FixtureFile("broker_fixtures.json")
    names = ((file.json["results"] as! [String: Any]).keys).sorted()
  }

  static let namedGraphs = ["karate", "florentine", "lesmis", "davis", "kite"]
  static var randomNames: [String] { shared.names.filter { $0.hasPrefix("random_") } }

  /// The graph with its strengths.
  func weighted(_ name: String) throws -> Graph { try file.graph(name) }

  /// The same ties with no strengths (every tie the default strength).
  func unweighted(_ name: String) throws -> Graph {
    let g = (file.json["graphs"] as! [String: Any])[name] as! [String: Any]
    let nodes = (g["nodes"] as! [Any]).map { "\($0)" }
    let edges = (g["edges"] as! [[Any]]).map { e -> (String, String, Double?) in ("\(e[0])", "\(e[1])", nil) }
    return try graph(nodes: nodes, edges: edges)
  }

  /// Node names in person-id order.
  func nodes(_ name: String) -> [String] {
    ((file.json["graphs"] as! [String: Any])[name] as! [String: Any])["nodes"] as! [String]
  }

  /// A per-node result column; `nil` entries are networkx NaN.
  func column(_ name: String, _ key: String) -> [Double?] {
    let r = (file.json["results"] as! [String: Any])[name] as! [String: Any]
    return (r[key] as! [Any]).map { $0 as? Double ?? ($0 as? Int).map(Double.init) }
  }

  /// The brute-force oracle over the fixture's ties (strengths as Float, like the graph).
  func oracle(_ name: String) -> BrokerOracle {
    let g = (file.json["graphs"] as! [String: Any])[name] as! [String: Any]
    let nodes = nodes(name)
    var index: [String: Int] = [:]
    for (i, v) in nodes.enumerated() { index[v] = i }
    let ties = (g["edges"] as! [[Any]]).map { e -> (Int, Int, Double) in
      (index["\(e[0])"]!, index["\(e[1])"]!, Double(Float(e[2] as! Double)))
    }
    return BrokerOracle(count: nodes.count, ties: ties)
  }
}

func brokerClose(_ a: Double?, _ b: Double?, _ tol: Double = 1e-9) -> Bool {
  switch (a, b) {
  case (nil, nil): return true
  case (let x?, let y?): return abs(x - y) <= tol * max(1, abs(y))
  default: return false
  }
}
