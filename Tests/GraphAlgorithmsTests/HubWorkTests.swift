import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphAlgorithms

/// Per-person measures around a hub: a leaf's measures search the hub's row
/// for the leaf's few contacts instead of reading all of it, so the work no
/// longer grows with the hub's degree for every leaf (quadratic over the
/// network); the values equal the brute-force oracle.
@Suite struct HubWorkTests {
  /// A hub with 400 leaves (strengths vary), the first 30 leaves in a ring.
  func hubGraph() throws -> (Graph, BrokerOracle, [Int32]) {
    var b = GraphBuilder()
    var ties: [(Int, Int, Double)] = []
    for i in 0...400 { _ = b.person(integerKey: Int64(i)) }  // ids follow keys
    for i in 1...400 { ties.append((0, i, Double(i % 7 + 1) / 10)) }
    for i in 1...30 { ties.append((i, i % 30 + 1, 0.5)) }
    for (x, y, s) in ties { try b.addTie(PersonID(x), PersonID(y), strength: Float(s)) }
    let (g, _) = try b.build()
    let oracle = BrokerOracle(count: 401, ties: ties.map { ($0.0, $0.1, Double(Float($0.2))) })
    let groups = (0...400).map { Int32($0 % 3) }
    return (g, oracle, groups)
  }

  @Test func burtAroundAHubEqualsOracleWithBoundedWork() throws {
    let (g, oracle, _) = try hubGraph()
    let all = g.burtMeasuresForAll(threads: 2)
    for p in 0..<g.personCount {
      let brute = oracle.burt(p, weighted: true)
      #expect(brokerClose(all[p].constraint, brute?.0) && brokerClose(all[p].effectiveSize, brute?.1), "person \(p)")
      #expect(brokerClose(all[p].hierarchy, brute?.2), "person \(p)")
      #expect(g.burtMeasures(of: PersonID(p)) == all[p])
    }
    // A ring leaf (3 contacts) reads its two ring neighbours' rows (3 each) and
    // searches the hub's row for its 3 contacts: 9 entries, not 400.
    #expect(g.burtMeasuresCounted(of: 5).scanned <= 12)
    #expect(g.burtMeasuresCounted(of: 200).scanned <= 2, "a plain leaf: one search")
  }

  @Test func egoBetweennessAroundAHubEqualsOracleWithBoundedWork() throws {
    let (g, oracle, _) = try hubGraph()
    let all = g.egoBetweennessForAll(threads: 2)
    for p in 0..<g.personCount { #expect(brokerClose(all[p], oracle.egoBetweenness(p)), "person \(p)") }
    #expect(g.egoBetweennessCounted(of: 5).scanned <= 12)
    #expect(g.egoBetweennessCounted(of: 0).scanned <= 400 + 30 * 3, "the hub reads its leaves' short rows")
  }

  @Test func brokerageAroundAHubEqualsOracleWithBoundedWork() throws {
    let (g, oracle, groups) = try hubGraph()
    let (roles, scanned) = g.brokerageRolesCounted(groups: groups, threads: 2)
    let brute = oracle.brokerage(groups: groups.map(Int.init))
    for p in 0..<g.personCount {
      let r = roles[p]
      #expect([r.coordinator, r.itinerant, r.representative, r.gatekeeper, r.liaison] == brute[p], "person \(p)")
    }
    // The hub reads 400 short rows (460 entries); each ring leaf its two
    // neighbours' rows and 3 searches of the hub's row — not 30 × 400.
    #expect(scanned <= 460 + 30 * 9, "scanned \(scanned)")
  }

  /// Each measure for a list of people (what `brokers` computes for the people
  /// it lists) equals the same people's values computed for everyone.
  @Test func measuresOfAFewPeopleEqualTheirValuesForEveryone() throws {
    let (g, _, groups) = try hubGraph()
    let few: [PersonID] = [0, 5, 200, 30, 1, 400, 5]
    let burt = g.burtMeasuresForAll(threads: 1)
    let ego = g.egoBetweennessForAll(threads: 1)
    let roles = g.brokerageRoles(groups: groups, threads: 1)
    for threads in [1, 2] {
      #expect(g.burtMeasures(of: few, threads: threads) == few.map { burt[Int($0)] })
      #expect(g.egoBetweenness(of: few, threads: threads) == few.map { ego[Int($0)] })
      #expect(g.brokerageRoles(of: few, groups: groups, threads: threads) == few.map { roles[Int($0)] })
    }
    #expect(g.burtMeasures(of: [], threads: 2).isEmpty)
  }
}
