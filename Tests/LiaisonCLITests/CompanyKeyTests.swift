import Foundation
import GraphCore
import GraphIO
import GraphRendering
import LiaisonCLI
import LiaisonTestSupport
import Testing

/// "Apple Inc.", "APPLE" and "Apple" are one company everywhere: identity
/// resolution, reach, `path --to-company`, `brokers --group-by company`, the
/// pictures and batch (Guides/GraphCore.md, "Identity keys").
@Suite struct CompanyKeyTests {
  static let header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

  /// Two LinkedIn exports: Jane Roe is in both, at "Apple Inc." and at "APPLE".
  static func exports(_ tmp: TempFolder) -> String {
    tmp.write(
      "team/ana-lima.csv",
      header + "Jane,Roe,,,Apple Inc.,Engineer,01 Mar 2024\nTom,Hale,,,APPLE,Designer,02 Mar 2024\n"
        + "Bo,Chen,,,Globex,Analyst,03 Mar 2024\nLia,Park,,,Initech,Manager,04 Mar 2024\n")
    tmp.write(
      "team/raj-iyer.csv",
      header + "Jane,Roe,,,APPLE,Engineer,05 Mar 2024\nSam,Ode,,,Apple,Writer,06 Mar 2024\n"
        + "Bo,Chen,,,Globex,Analyst,07 Mar 2024\nIvo,Kranj,,,Initrode,Clerk,08 Mar 2024\n")
    return "\(tmp.path)/team"
  }

  static func tempFolder() -> TempFolder {
    let tmp = TempFolder()
    _ = mkdir("\(tmp.path)/team", 0o755)
    return tmp
  }

  @Test func oneCompanyInIdentityResolutionAndTheGraph() throws {
    let tmp = Self.tempFolder()
    defer { tmp.cleanUp() }
    let folder = Self.exports(tmp)
    let loaded = try NetworkLoader.load(try InputSpec.expandingFolders([InputSpec(path: folder)]))
    let g = loaded.graph
    #expect(loaded.identity?.mergedByNameAndCompany == 2, "Jane Roe at Apple Inc. = Jane Roe at APPLE; Bo Chen")
    guard case .person(let jane) = g.people.resolve("Jane Roe"), case .person(let tom) = g.people.resolve("Tom Hale"),
      case .person(let sam) = g.people.resolve("Sam Ode")
    else {
      Issue.record("Jane Roe, Tom Hale and Sam Ode are one person each")
      return
    }
    let apple = try #require(g.people.companyGroups.group(of: jane))
    #expect(g.people.companyGroups.group(of: tom) == apple && g.people.companyGroups.group(of: sam) == apple)
    #expect(g.people.companyGroups.count == 4 && g.people.companyGroups.sizes[Int(apple)] == 3)
    // Same-company ties were inferred among the three.
    #expect(g.areTied(tom, sam) && g.ties.isInferred(g.tieID(between: tom, and: sam)!))
    // The ego picture colours them as one company, with one legend entry.
    guard case .person(let ana) = g.people.resolve("Ana Lima") else {
      Issue.record("the owner Ana Lima is a person")
      return
    }
    let model = RenderModel.ego(g, ego: ana)
    let label = g.people.companyGroups.label(apple)
    #expect(model.legend.filter { ["Apple Inc.", "APPLE", "Apple"].contains($0.text) }.map(\.text) == [label])
    // The communities picture names a community's main companies by key: the
    // three at Apple are one community of one company (not "APPLE, Apple").
    let groups = PersonGroups(communities: g.leidenCommunities(), method: "Leiden", seed: 42)
    let labels = RenderModel.communities(g, groups: groups).nodes.map(\.label)
    #expect(labels.contains { $0.hasSuffix("\n\(label)\n3 people") }, "\(labels)")
  }

  @Test func oneCompanyInReachPathAndBrokers() throws {
    let tmp = Self.tempFolder()
    defer { tmp.cleanUp() }
    let folder = Self.exports(tmp)
    let (reachCode, reach) = runJSON(["reach", folder, "--ego", "Ana Lima"])
    #expect(reachCode == 0)
    let companies = try #require(reach?["companies"] as? [[String: Any]])
    let apple = companies.filter { ["Apple Inc.", "APPLE", "Apple"].contains($0["name"] as? String ?? "") }
    #expect(apple.count == 1 && companies.count == 3)
    #expect((apple.first?["contacts"] as? Int ?? 0) + (apple.first?["secondDegree"] as? Int ?? 0) == 3)
    for spelling in ["Apple", "APPLE", "apple inc", "Apple, Inc.", "appl"] {
      let (code, path) = runJSON(["path", folder, "--from", "Ana Lima", "--to-company", spelling, "--any-first-hop"])
      #expect(code == 0, "\(spelling)")
      let target = try #require(path?["target"] as? [String: Any])
      #expect(target["kind"] as? String == "company" && target["people"] as? Int == 3, "\(spelling)")
    }
    let (brokersCode, brokers) = runJSON(["brokers", folder, "--group-by", "company", "--by", "brokerage"])
    #expect(brokersCode == 0 && brokers?["groups"] as? Int == 4, "Apple, Globex, Initech, Initrode")
    // Reach's doors to targets find the company by any spelling.
    let targets = tmp.write("targets.txt", "apple inc\n")
    let (doorsCode, doors) = runJSON(["reach", folder, "--ego", "Ana Lima", "--targets", targets])
    let target = try #require((doors?["targets"] as? [[String: Any]])?.first)
    #expect(doorsCode == 0 && target["people"] as? Int == 3 && target["kind"] as? String == "company")
    #expect((target["doors"] as? [Any])?.isEmpty == false)
  }

  @Test func oneCompanyInBatch() throws {
    let tmp = Self.tempFolder()
    defer { tmp.cleanUp() }
    let folder = Self.exports(tmp)
    let targets = tmp.write("targets.txt", "target\nAPPLE INC.\nGlob\nInit\n")
    let out = "\(tmp.path)/report"
    #expect(runCLI(arguments: ["batch", folder, "--out", out, "--targets", targets, "--quiet"]) == 0)
    let summary = try #require(TeamBatch.json("\(out)/summary.json"))
    let rows = try #require((summary["team"] as? [String: Any])?["targets"] as? [[String: Any]])
    #expect(rows.map { $0["people"] as? Int } == [3, 1, 0])
    #expect(rows.map { $0["kind"] as? String } == ["company", "company", "company"])
    // A target that fits several companies reaches nobody, and its note names them.
    #expect(rows[2]["note"] as? String == "fits 2 companies: Initech (1), Initrode (1); give more of the name")
  }
}

/// One resolution for `path`, `render` and `reach --targets`: exact key,
/// then a unique start of the name's words, else a clear error listing the candidates.
@Suite struct TargetResolutionCommandTests {
  static let people = """
    id,name,company,industry
    1,Ana Lima,Lazega Providence LLP,Law Practice
    2,Bo Chen,Lakeside Partners,Law Practice
    3,Cy Diaz,Lakeside Technologies,IT Services and IT Consulting
    4,Di Egan,Lakeside Partners,Banking

    """
  static let ties = "source,target,strength\n1,2,0.8\n2,3,0.7\n3,4,0.9\n"

  @Test func prefixAmbiguousAndNone() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let files = [tmp.write("people.csv", Self.people), tmp.write("ties.csv", Self.ties)]
    let (code, path) = runJSON(["path"] + files + ["--from", "Bo Chen", "--to-company", "Providence"])
    #expect(code == 0)
    let target = try #require(path?["target"] as? [String: Any])
    #expect(target["name"] as? String == "Lazega Providence LLP" && target["people"] as? Int == 1)
    let (industryCode, industry) = runJSON(
      ["path"] + files + ["--from", "Ana Lima", "--to-industry", "it services & it"])
    #expect(industryCode == 0 && (industry?["target"] as? [String: Any])?["people"] as? Int == 1)
    // Ambiguous: both Lakeside companies listed with head counts; exit 1.
    var ambiguous: Int32 = 0
    let message = capturingStandardError {
      ambiguous = runCLI(arguments: ["path"] + files + ["--from", "Ana Lima", "--to-company", "Lakeside"])
    }
    #expect(ambiguous == 1)
    #expect(message.contains("Lakeside Partners (2 people)") && message.contains("Lakeside Technologies (1 person)"))
    var none: Int32 = 0
    let why = capturingStandardError {
      none = runCLI(arguments: ["path"] + files + ["--from", "Ana Lima", "--to-company", "Umbrella"])
    }
    #expect(none == 1 && why.contains("nobody at the company \"Umbrella\""))
    // The path picture resolves the same way.
    let dot = "\(tmp.path)/chains.dot"
    let render = ["render"] + files + ["--view", "path", "--from", "Bo Chen", "-o", dot, "--to-company"]
    #expect(runCLI(arguments: render + ["prov"]) == 0)
    #expect(TempFolder.read(path: dot)?.contains("Ana Lima") == true)
    #expect(runCLI(arguments: render + ["Lake"]) == 1)
    // A targets list: an ambiguous company is the same clear error.
    let list = tmp.write("targets.txt", "Lakeside\n")
    #expect(runCLI(arguments: ["reach"] + files + ["--ego", "Ana Lima", "--targets", list]) == 1)
  }
}
