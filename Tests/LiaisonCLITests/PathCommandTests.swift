import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

@Suite struct PathCommandTests {
  let root = SharedData.repositoryRoot()
  var team: [String] { ["\(root)/datasets/team/people.csv", "\(root)/datasets/team/ties.csv"] }

  /// The main job on the bundled team data: a chain a person would act on, with its reasons.
  @Test func teamMemberToCompany() throws {
    let (code, json) = runJSON(["path"] + team + ["--from", "Mary Reed", "--to-company", " globex CLINIC "])
    #expect(code == 0)
    let j = try #require(json)
    let paths = try #require(j["paths"] as? [[String: Any]])
    #expect(paths.count == 3)
    var lastStrength = 1.0
    for p in paths {
      let people = try #require(p["people"] as? [[String: Any]])
      let strengths = try #require(p["strengths"] as? [Double])
      let hops = try #require(p["hops"] as? Int)
      #expect(people.first?["name"] as? String == "Mary Reed")
      #expect(people.last?["company"] as? String == "Globex Clinic")
      #expect(strengths.count == hops && people.count == hops + 1 && hops <= 3)
      let strength = try #require(p["strength"] as? Double)
      #expect(abs(strength - strengths.reduce(1, *)) < 1e-12)
      #expect(abs((p["cost"] as! Double) + strengths.map { log($0) }.reduce(0, +)) < 1e-9)
      #expect(strength <= lastStrength + 1e-6, "strongest first (quantised costs)")
      lastStrength = strength
      let evidence = try #require(p["evidence"] as? [[String: Any]])
      #expect(evidence.count == hops)
      #expect(
        ["strong", "weak", "unrated", "dormant"].contains(evidence[0]["tieClass"] as? String ?? ""), "usable first hop")
      #expect((p["sentence"] as? String)?.isEmpty == false)
    }
    let target = try #require(j["target"] as? [String: Any])
    #expect(target["kind"] as? String == "company" && target["name"] as? String == "Globex Clinic")
  }

  @Test func disjointAndHopLimit() throws {
    let (code, json) = runJSON(
      ["path"] + team + ["--from", "Mary Reed", "--to-company", "Sterling Telecom Corp.", "--disjoint", "--k", "4"])
    #expect(code == 0)
    let paths = try #require(json?["paths"] as? [[String: Any]])
    var brokers = Set<String>()
    for p in paths {
      let ids = (p["people"] as! [[String: Any]]).map { $0["id"] as! String }
      for b in ids.dropFirst().dropLast() { #expect(brokers.insert(b).inserted, "no broker shared") }
    }
    let (c1, one) = runJSON(
      ["path"] + team + ["--from", "Mary Reed", "--to-company", "Sterling Telecom Corp.", "--max-hops", "1"])
    // Either a direct tie, or no chain with a message naming the nearest people there.
    if c1 == 0 {
      #expect((one?["paths"] as? [[String: Any]])?.allSatisfy { $0["hops"] as? Int == 1 } == true)
    } else {
      #expect(c1 == 1 && one?["noPath"] as? String != nil && (one?["nearest"] as? [Any])?.isEmpty == false)
    }
  }

  @Test func noPathAndErrors() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let edges = tmp.write("e.csv", "source,target,strength\na,b,0.9\nb,c,0.8\nc,d,0.7\nx,y,0.5\n")
    let (code, json) = runJSON(["path", edges, "--from", "a", "--to", "d", "--max-hops", "2"])
    #expect(code == 1)
    let message = try #require(json?["noPath"] as? String)
    #expect(message.contains("3 hops") && message.contains("--max-hops 3"))
    let (code2, json2) = runJSON(["path", edges, "--from", "a", "--to", "y"])
    #expect(code2 == 1 && (json2?["noPath"] as? String)?.contains("not connected") == true)
    let (ok, found) = runJSON(["path", edges, "--from", "a", "--to", "d", "--max-hops", "0"])
    #expect(ok == 0 && (found?["paths"] as? [[String: Any]])?.first?["hops"] as? Int == 3)
    #expect(runCLI(arguments: ["path", edges, "--from", "a"]) == 2)
    #expect(runCLI(arguments: ["path", edges, "--from", "a", "--to", "d", "--to-company", "X"]) == 2)
    #expect(runCLI(arguments: ["path", edges, "--from", "nobody", "--to", "d"]) == 1)
    #expect(runCLI(arguments: ["path", edges, "--from", "a", "--to-company", "Acme"]) == 1)
    #expect(runCLI(arguments: ["path", edges, "--from", "a", "--to", "nobody"]) == 1)
    // Batch queries.
    let pairs = tmp.write("p.csv", "from,to\na,d\nd,b\na,x\n")
    let (pc, pj) = runJSON(["path", edges, "--pairs", pairs])
    let rows = try #require(pj?["pairs"] as? [[String: Any]])
    #expect(pc == 0 && rows.count == 3)
    #expect(rows[0]["people"] as? [String] == ["a", "b", "c", "d"] && rows[2]["hops"] == nil)
    // Worker threads change nothing: the rows come in the file's order.
    let base = runCapturing(["path", edges, "--pairs", pairs, "--format", "csv"])
    let one = runCapturing(["path", edges, "--pairs", pairs, "--format", "csv", "--threads", "1"])
    let two = runCapturing(["path", edges, "--pairs", pairs, "--format", "csv", "--threads", "2"])
    #expect(base.code == 0 && base.out.split(separator: "\n").count == 4)
    #expect(one.out == base.out && two.out == base.out)
  }

  /// The same person as --from and --to (the same reference, or two references to one person) is a usage error.
  @Test func samePersonTwiceIsAUsageError() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let people = tmp.write("p.csv", "id,name,email\n0,Ada Lovelace,ada@example.com\n1,Bo Li,bo@example.com\n")
    let ties = tmp.write("t.csv", "source,target,strength\n0,1,0.9\n")
    for (from, to) in [("0", "0"), ("0", "Ada Lovelace"), ("ada@example.com", "0")] {
      var code: Int32 = 0
      let message = capturingStandardError {
        code = runCLI(arguments: ["path", people, ties, "--from", from, "--to", to])
      }
      #expect(code == 2, "--from \(from) --to \(to)")
      #expect(message.contains("--from and --to are the same person (Ada Lovelace, id 0)"), "\(message)")
    }
    // The path picture says the same.
    let svg = "\(tmp.path)/chains.svg"
    let renderCode = runCLI(arguments: [
      "render", people, ties, "--view", "path", "--from", "0", "--to", "Ada Lovelace", "-o", svg,
    ])
    #expect(renderCode == 2)
    #expect(runCLI(arguments: ["path", people, ties, "--from", "0", "--to", "1"]) == 0)
  }
}
