import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

@Suite struct CommunitiesCommandTests {
  @Test func contractFieldsAndDeterminism() throws {
    let root = SharedData.repositoryRoot()
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let args = [
      "communities", "\(root)/datasets/network/people.csv", "\(root)/datasets/network/ties.csv", "--format", "json",
      "--output",
    ]
    #expect(runCLI(arguments: args + ["\(tmp.path)/a.json"]) == 0)
    #expect(runCLI(arguments: args + ["\(tmp.path)/b.json"]) == 0)
    #expect(tmp.read("a.json") == tmp.read("b.json"), "same seed, same bytes")
    let text = try #require(tmp.read("a.json"))
    let json = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let q = try #require(json["modularity"] as? Double)
    #expect(q > 0.2 && q < 1)
    let communities = try #require(json["communities"] as? [[String: Any]])
    let members = communities.flatMap { ($0["members"] as? [[String: Any]]) ?? [] }
    #expect(members.count == 300, "a partition of every person")
    #expect(Set(members.compactMap { $0["id"] as? String }).count == 300)
    #expect(communities.allSatisfy { $0["id"] != nil })
    #expect(
      runCLI(arguments: ["communities", "\(root)/datasets/network/ties.csv", "--resolution", "0"]) == 2)
  }
}
