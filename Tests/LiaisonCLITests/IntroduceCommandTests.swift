import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

@Suite struct IntroduceCommandTests {
  let root = SharedData.repositoryRoot()
  var team: [String] { ["\(root)/datasets/team/people.csv", "\(root)/datasets/team/ties.csv"] }

  /// Ties of the bundled team data as unordered id pairs, read straight from the CSV.
  func teamTies() throws -> Set<[String]> {
    let text = try #require(TempFolder.read(path: "\(root)/datasets/team/ties.csv"))
    var out = Set<[String]>()
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      out.insert([f[0], f[1]].sorted())
    }
    return out
  }

  @Test func egoContractOnTheTeamData() throws {
    // Mary Reed (id 994) has 77 contacts.
    let (code, json) = runJSON(["introduce"] + team + ["--ego", "Mary Reed", "--top", "15"])
    #expect(code == 0)
    let j = try #require(json)
    #expect((j["ego"] as? [String: Any])?["id"] as? String == "994")
    #expect(j["contacts"] as? Int == 77)
    #expect(j["mode"] as? String == "ego")
    let candidates = try #require(j["candidates"] as? [[String: Any]])
    #expect(candidates.count == 15)
    let ties = try teamTies()
    var byScore: [Int: Double] = [:]
    for c in candidates {
      for key in [
        "a", "b", "score", "commonContacts", "adamicAdar", "resourceAllocation", "jaccard", "reasons",
        "commonContactsBesidesEgo", "adamicAdarBesidesEgo", "resourceAllocationBesidesEgo", "introducibility",
        "constraintBefore", "constraintAfter", "constraintChange",
      ] {
        #expect(c[key] != nil, "field \(key)")
      }
      let a = try #require((c["a"] as? [String: Any])?["id"] as? String)
      let b = try #require((c["b"] as? [String: Any])?["id"] as? String)
      #expect(!ties.contains([a, b].sorted()), "\(a)–\(b) is an existing tie")
      #expect(ties.contains(["994", a].sorted()) && ties.contains(["994", b].sorted()), "both are the ego's contacts")
      #expect(c["commonContacts"] as! Int == (c["commonContactsBesidesEgo"] as! Int) + 1)
      let reasons = try #require(c["reasons"] as? [String])
      #expect(reasons.contains { $0.contains("besides you") })
      byScore[c["scoreRank"] as! Int] = c["score"] as? Double
      #expect(c["sameName"] == nil, "no namesakes among Mary Reed's contacts")
    }
    // Scores fall with the score rank; the first ten hold nobody more than three times.
    let ranked = byScore.sorted { $0.key < $1.key }.map(\.value)
    #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0 >= $1 })
    var firstTen: [String: Int] = [:]
    for c in candidates.prefix(10) {
      for side in ["a", "b"] { firstTen[(c[side] as! [String: Any])["id"] as! String, default: 0] += 1 }
    }
    #expect(firstTen.values.allSatisfy { $0 <= 3 })
  }

  /// A contact record that could be either of two people is kept apart by
  /// identity resolution, and the two are never suggested to meet.
  @Test func recordsIdentityCouldNotTellApartAreNeverPaired() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let h = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    let alice = tmp.write(
      "alice.csv",
      h + "John,Smith,https://www.linkedin.com/in/js1,,Acme,Engineer,01 Jan 2020\n"
        + "John,Smith,https://www.linkedin.com/in/js2,,Acme,Sales,01 Jan 2020\n")
    let carol = tmp.write(
      "carol.csv",
      h + "John,Smith,https://www.linkedin.com/in/js1,,Acme,Engineer,01 Jan 2020\n"
        + "Lily,Robinson,https://www.linkedin.com/in/js1,,Zoom,PM,01 Jan 2021\n"
        + "Tom,Hardy,https://www.linkedin.com/in/tom,,Globex,CEO,01 Jan 2020\n")
    let (code, json) = runJSON(["introduce", alice, carol, "--ego", "Carol"])
    #expect(code == 0)
    let j = try #require(json)
    #expect(j["pairsKeptApart"] as? Int == 1 && j["pairsConsidered"] as? Int == 2)
    let candidates = try #require(j["candidates"] as? [[String: Any]])
    #expect(candidates.count == 2)
    for c in candidates {
      let ids = Set(["a", "b"].map { (c[$0] as! [String: Any])["id"] as! String })
      #expect(ids.contains("linkedin.com/in/tom"), "only Tom may meet a John Smith: \(ids)")
    }
    // Network-wide as well.
    let (_, network) = runJSON(["introduce", alice, carol, "--top", "5"])
    for c in try #require(network?["candidates"] as? [[String: Any]]) {
      let ids = Set(["a", "b"].map { (c[$0] as! [String: Any])["id"] as! String })
      let names = Set(["a", "b"].map { (c[$0] as! [String: Any])["name"] as! String })
      #expect(!(ids.contains("linkedin.com/in/js1") && names.contains("Lily Robinson")))
    }
  }

  /// A dormant tie of the ego to one of the two is named in the reasons and
  /// the JSON; it does not change the score.
  @Test func dormantTiesAreNamed() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ties = tmp.write(
      "ties.csv",
      "source,target,strength,last_contact\ne,a,0.8,2019-01-01\ne,b,0.8,2024-06-01\ne,c,0.8,2024-06-01\n")
    let (code, json) = runJSON(["introduce", ties, "--ego", "e"])
    #expect(code == 0)
    let candidates = try #require(json?["candidates"] as? [[String: Any]])
    #expect(candidates.count == 3)
    for c in candidates {
      let ids = Set(["a", "b"].map { (c[$0] as! [String: Any])["id"] as! String })
      let reasons = (c["reasons"] as? [String]) ?? []
      let named = reasons.contains { $0.contains("your tie to a is dormant") }
      #expect(named == ids.contains("a"), "\(ids): \(reasons)")
      #expect(((c["dormant"] as? [[String: Any]])?.count ?? 0) == (ids.contains("a") ? 1 : 0))
    }
  }

  /// Two contacts with the same name: flagged in JSON, marked with their ids
  /// and ⚠ in the table, and warned about first in the reasons.
  @Test func namesakesAreMarkedEverywhere() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let people = tmp.write("people.csv", "id,name\ne,Eve\np1,Priya Sharma\np2,Priya Sharma\nq,Quinn\n")
    let ties = tmp.write("ties.csv", "source,target\ne,p1\ne,p2\ne,q\n")
    let (code, json) = runJSON(["introduce", people, ties, "--ego", "Eve"])
    #expect(code == 0)
    let candidates = try #require(json?["candidates"] as? [[String: Any]])
    let flagged = candidates.filter { $0["sameName"] as? Bool == true }
    #expect(flagged.count == 1 && candidates.count == 3)
    let reasons = try #require(flagged.first?["reasons"] as? [String])
    #expect(reasons.first?.contains("check they are two people") == true, "\(reasons)")
    let out = "\(tmp.path)/t.txt"
    #expect(runCLI(arguments: ["introduce", people, ties, "--ego", "Eve", "--output", out]) == 0)
    let text = try #require(tmp.read("t.txt"))
    #expect(text.contains("Priya Sharma [p1] ⚠") && text.contains("Priya Sharma [p2] ⚠"))
    #expect(text.contains("same name, ids p1 and p2: check they are two people"))
    let (_, network) = runJSON(["introduce", people, ties, "--top", "5"])
    let pair = try #require(
      (network?["candidates"] as? [[String: Any]])?.first { $0["sameName"] as? Bool == true })
    #expect((pair["reasons"] as? [String])?.first?.contains("check they are two people") == true)
  }

  @Test func excludeFileAndMinCommon() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let (_, first) = runJSON(["introduce"] + team + ["--ego", "994", "--top", "3"])
    let top = try #require((first?["candidates"] as? [[String: Any]])?.first)
    let a = (top["a"] as! [String: Any])["id"] as! String
    let b = (top["b"] as! [String: Any])["id"] as! String
    let file = tmp.write("done.csv", "a,b\n\n\"\(a)\", \(b)\n")
    let (code, json) = runJSON(["introduce"] + team + ["--ego", "994", "--top", "3", "--exclude", file])
    #expect(code == 0)
    let j = try #require(json)
    #expect(j["pairsExcluded"] as? Int == 1)
    let ids = (j["candidates"] as! [[String: Any]]).map {
      [($0["a"] as! [String: Any])["id"] as! String, ($0["b"] as! [String: Any])["id"] as! String]
    }
    #expect(!ids.contains { Set($0) == Set([a, b]) })
    let (code2, strict) = runJSON(["introduce"] + team + ["--ego", "994", "--min-common", "3", "--top", "50"])
    #expect(code2 == 0)
    for c in try #require(strict?["candidates"] as? [[String: Any]]) {
      #expect(c["commonContactsBesidesEgo"] as! Int >= 3)
    }
    let unknown = tmp.write("bad.csv", "994,nobody-here\n")
    #expect(runCLI(arguments: ["introduce"] + team + ["--ego", "994", "--exclude", unknown]) == 1)
  }

  @Test func exitCodes() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let pendant = tmp.write("pendant.csv", "source,target\na,b\nb,c\n")
    #expect(
      runCLI(arguments: ["introduce", pendant, "--ego", "a"]) == 1, "one contact: nobody to introduce")
    #expect(runCLI(arguments: ["introduce", pendant, "--ego", "b", "--output", "\(tmp.path)/b.txt"]) == 0)
    let text = tmp.read("b.txt") ?? ""
    #expect(text.contains("Introductions among the 2 contacts of b (1 pair without a tie)"))
    #expect(text.contains("+125.00 %"), "star centre 0.5 → triangle 1.125 (Burt)")
    #expect(runCLI(arguments: ["introduce"] + team + ["--ego", "nobody at all"]) == 1)
    #expect(runCLI(arguments: ["introduce"] + team + ["--ego", "Karim Hamdan"]) == 1, "ambiguous name")
    #expect(runCLI(arguments: ["introduce"] + team + ["--top", "0"]) == 2)
    #expect(runCLI(arguments: ["introduce"] + team + ["--ego", "994", "--per-person"]) == 2)
    #expect(runCLI(arguments: ["introduce"] + team + ["--by", "pagerank"]) == 2)
  }

  @Test func networkWideAndPerPerson() throws {
    let net = ["\(root)/datasets/network/people.csv", "\(root)/datasets/network/ties.csv"]
    let (code, json) = runJSON(["introduce"] + net + ["--top", "2"])
    #expect(code == 0)
    let j = try #require(json)
    #expect(j["mode"] as? String == "network" && j["rankedBy"] as? String == "adamicAdar")
    let candidates = try #require(j["candidates"] as? [[String: Any]])
    #expect(!candidates.isEmpty)
    for c in candidates {
      #expect(c["commonContacts"] as! Int >= 1)
      #expect(abs((c["score"] as! Double) - (c["adamicAdar"] as! Double)) < 1e-12)
    }
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let out = "\(tmp.path)/pp.csv"
    #expect(
      runCLI(
        arguments: ["introduce"] + net + ["--top", "3", "--per-person", "--format", "csv", "--output", out]) == 0)
    let csv = try #require(tmp.read("pp.csv"))
    #expect(csv.hasPrefix("person,rank,candidate,adamicAdar\n"))
    #expect(csv.split(separator: "\n").count > 300)
  }

  @Test func tablesAreReadableAndDeterministic() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    for (i, args) in [["--ego", "Mary Reed"], ["--top", "3"], ["--top", "3", "--per-person"]].enumerated() {
      #expect(runCLI(arguments: ["introduce"] + team + args + ["--output", "\(tmp.path)/t\(i).txt"]) == 0)
      let text = try #require(tmp.read("t\(i).txt"))
      #expect(text.split(separator: "\n").allSatisfy { $0.count <= 120 }, "\(args)")
    }
    let text = try #require(tmp.read("t0.txt"))
    #expect(text.contains("Why:") && text.contains("besides you"))
    let args = ["introduce"] + team + ["--ego", "994", "--format", "csv", "--output"]
    #expect(runCLI(arguments: args + ["\(tmp.path)/a.csv", "--threads", "1"]) == 0)
    #expect(runCLI(arguments: args + ["\(tmp.path)/b.csv", "--threads", "2"]) == 0)
    #expect(tmp.read("a.csv") == tmp.read("b.csv"))
  }
}
