import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

@Suite struct BrokersCommandTests {
  let root = SharedData.repositoryRoot()

  @Test func bundledNetworkContractFields() throws {
    let (code, json) = runJSON([
      "brokers", "\(root)/datasets/network/people.csv", "\(root)/datasets/network/ties.csv", "--top", "5", "--threads",
      "2",
    ])
    #expect(code == 0)
    let people = try #require(json?["people"] as? [[String: Any]])
    #expect(people.count == 5)
    var last = Double.infinity
    for p in people {
      #expect(p["id"] as? String != nil && p["name"] as? String != nil)
      let b = try #require(p["betweenness"] as? Double)
      #expect(b <= last, "ranked by betweenness")
      last = b
      #expect(
        p["constraint"] as? Double != nil && p["effectiveSize"] as? Double != nil && p["efficiency"] as? Double != nil)
      let roles = try #require(p["brokerage"] as? [String: Int])
      #expect(Set(roles.keys).isSuperset(of: ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]))
      #expect(roles["representative"] == roles["gatekeeper"], "undirected: sna counts both directions")
    }
    #expect((json?["betweennessMethod"] as? [String: Any])?["exact"] as? Bool == true)
  }

  /// A path a–b–c–d plus a pendant: values checkable by hand (networkx conventions).
  @Test func smallNetworkValuesAndRankings() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let edges = tmp.write("e.csv", "source,target\na,b\nb,c\nc,d\nb,e\n")
    let (code, json) = runJSON(["brokers", edges, "--top", "0"])
    #expect(code == 0)
    let people = try #require(json?["people"] as? [[String: Any]])
    // Only b and c stand between anyone; the leaves a, d and e broker nothing and are not listed.
    #expect(people.map { $0["id"] as? String } == ["b", "c"])
    // b lies on a–c, a–d, e–c, e–d, a–e: raw 5, normalised 5 / C(4, 2) = 5/6.
    #expect(abs((people[0]["betweennessRaw"] as! Double) - 5) < 1e-12)
    #expect(abs((people[0]["betweenness"] as! Double) - 5.0 / 6) < 1e-12)
    #expect(abs((people[0]["constraint"] as! Double) - 1.0 / 3) < 1e-12, "star-like centre with 3 unlinked contacts")
    // Edge lists carry no company: no groups, brokerage is absent.
    #expect(people[0]["brokerage"] == nil)
    // --by constraint ranks lowest first.
    let (_, byC) = runJSON(["brokers", edges, "--top", "0", "--by", "constraint"])
    let cs = try #require(byC?["people"] as? [[String: Any]]).map { $0["constraint"] as! Double }
    #expect(cs == cs.sorted())
    // --sample states its bound; sampling everyone is exact.
    let (_, sampled) = runJSON(["brokers", edges, "--sample", "2", "--seed", "3"])
    let method = try #require(sampled?["betweennessMethod"] as? [String: Any])
    #expect(
      method["exact"] as? Bool == false && method["errorBound"] as? Double != nil && method["sources"] as? Int == 2)
  }

  @Test func groupsDeterminismAndExitCodes() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let people = "\(root)/datasets/network/people.csv"
    let ties = "\(root)/datasets/network/ties.csv"
    let args = ["brokers", people, ties, "--group-by", "industry", "--by", "brokerage", "--format", "json", "--output"]
    #expect(runCLI(arguments: args + ["\(tmp.path)/a.json", "--threads", "1"]) == 0)
    #expect(runCLI(arguments: args + ["\(tmp.path)/b.json", "--threads", "2"]) == 0)
    #expect(tmp.read("a.json") == tmp.read("b.json"), "same bytes for any thread count")
    #expect(
      runCLI(arguments: ["brokers", ties, "--weighted", "--format", "csv", "--output", "\(tmp.path)/c.csv"])
        == 0)
    let csv = try #require(tmp.read("c.csv"))
    #expect(csv.hasPrefix("rank,id,name,company,betweenness,"))
    #expect(csv.split(separator: "\n").count == 21, "header + 20 rows")
    #expect(runCLI(arguments: ["brokers", ties, "--by", "fame"]) == 2)
    #expect(
      runCLI(arguments: [
        "brokers", people, ties, "--group-by", "community", "--by", "brokerage", "--format", "json", "--output",
        "\(tmp.path)/g.json",
      ]) == 0)
    let grouped = try #require(tmp.read("g.json"))
    #expect(grouped.contains("\"groupBy\" : \"community\"") && grouped.contains("\"liaison\""))
    #expect(runCLI(arguments: ["brokers", ties, "--sample", "0"]) == 2)
    #expect(runCLI(arguments: ["brokers", "/nonexistent.csv"]) == 1)
  }
}
