import Foundation
import GraphIO
import LiaisonCLI
import LiaisonTestSupport
import Testing

/// Runs `liaison ARGS` in-process with `--output` into a temporary file; returns (exit code, output text).
func runJSON(_ args: [String]) -> (Int32, [String: Any]?) {
  let tmp = TempFolder()
  defer { tmp.cleanUp() }
  let out = "\(tmp.path)/out.json"
  let code = runCLI(arguments: args + ["--format", "json", "--output", out])
  guard let text = TempFolder.read(path: out) else { return (code, nil) }
  return (code, try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite struct StatsCommandTests {
  let root = SharedData.repositoryRoot()

  @Test func bundledNetworkContractFields() throws {
    let (code, json) = runJSON(["stats", "\(root)/datasets/network/people.csv", "\(root)/datasets/network/ties.csv"])
    #expect(code == 0)
    let j = try #require(json)
    #expect(j["people"] as? Int == 300)
    let ties = try #require(j["ties"] as? Int)
    let classes = try #require(j["tieClasses"] as? [String: Int])
    #expect(Set(classes.keys).isSuperset(of: ["strong", "weak", "dormant", "nominal", "unreciprocated", "unrated"]))
    #expect(classes.values.reduce(0, +) == ties, "classes partition the ties")
    #expect(j["inferredTies"] as? Int == 0)
    #expect(j["components"] as? Int != nil && j["largestComponent"] as? Int != nil)
    let imports = try #require(j["imports"] as? [[String: Any]])
    #expect(imports.count == 2)
    for r in imports {
      let read = r["rowsRead"] as! Int
      #expect(read == (r["imported"] as! Int) + (r["merged"] as! Int) + (r["rejected"] as! Int))
      #expect(r["errors"] as? [Any] != nil && r["file"] as? String != nil && r["format"] as? String != nil)
    }
    #expect(imports[1]["rowsRead"] as? Int == ties)
  }

  @Test func sameInputSameBytes() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let args = ["stats", "\(root)/datasets/team/ties.csv", "--format", "json", "--output"]
    #expect(runCLI(arguments: args + ["\(tmp.path)/a.json"]) == 0)
    #expect(runCLI(arguments: args + ["\(tmp.path)/b.json"]) == 0)
    #expect(tmp.read("a.json") == tmp.read("b.json"))
    #expect(
      runCLI(arguments: [
        "stats", "\(root)/datasets/team/ties.csv", "--format", "csv", "--output", "\(tmp.path)/s.csv",
      ]) == 0)
    let csv = try #require(tmp.read("s.csv"))
    #expect(csv.hasPrefix("metric,value\npeople,1200\n"))
  }

  @Test func exitCodes() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    // No input files and no workspace there: nothing to read (Guides/Workspace.md).
    #expect(runCLI(arguments: ["stats", "--workspace", "\(tmp.path)/none.sqlite"]) == 1)
    #expect(runCLI(arguments: ["stats", "--format", "yaml", "x"]) == 2)
    #expect(runCLI(arguments: ["stats", "/nonexistent.csv"]) == 1)
    let bad = tmp.write("bad.csv", "source,target,strength\na,b,0.5\nb,c,0\n")
    // Half the rows rejected: refused by default (more than 10 %), read with a higher limit.
    #expect(runCLI(arguments: ["stats", bad, "--output", "\(tmp.path)/o.txt"]) == 1)
    #expect(
      runCLI(arguments: ["stats", bad, "--max-rejected", "50%", "--output", "\(tmp.path)/o.txt"]) == 0)
    #expect(runCLI(arguments: ["stats", bad, "--strict", "--output", "\(tmp.path)/o2.txt"]) == 1)
    #expect(tmp.read("o2.txt") == nil, "nothing written on failure")
    let empty = tmp.write("empty.csv", "")
    #expect(runCLI(arguments: ["stats", empty]) == 1)
  }

  @Test func tableFitsATerminal() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    #expect(
      runCLI(arguments: ["stats", "\(root)/datasets/network/ties.csv", "--output", "\(tmp.path)/t.txt"])
        == 0)
    let text = try #require(tmp.read("t.txt"))
    #expect(text.contains("people") && text.contains("300"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 120 })
  }
}

/// The acceptance figures on real networks (skipped when the real-data folder is absent).
@Suite struct RealNetworkTests {
  @Test func facebookCombined() throws {
    guard let path = SharedData.path("datasets/real/snap-ego-facebook/facebook_combined.txt") else {
      print("note: real-data folder snap-ego-facebook is absent; skipping")
      return
    }
    let (code, json) = runJSON(["stats", path])
    #expect(code == 0)
    #expect(json?["people"] as? Int == 4039)
    #expect(json?["ties"] as? Int == 88234)
    #expect(json?["components"] as? Int == 1)
  }

  @Test func caGrQc() throws {
    guard let path = SharedData.path("datasets/real/snap-ca-grqc/CA-GrQc.txt") else {
      print("note: real-data folder snap-ca-grqc is absent; skipping")
      return
    }
    let (code, json) = runJSON(["stats", path])
    #expect(code == 0)
    #expect(json?["people"] as? Int == 5242)
    #expect(json?["ties"] as? Int == 14484)
    #expect(json?["selfTiesDropped"] as? Int == 12)
    #expect(json?["components"] as? Int == 355)
    let report = (json?["imports"] as? [[String: Any]])?.first
    #expect(report?["selfTies"] as? Int == 12)
  }
}

@Suite struct GenerateCommandTests {
  /// The bundled datasets are exactly what the documented commands write.
  @Test func bundledDatasetsRegenerateByteForByte() throws {
    let root = SharedData.repositoryRoot()
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    #expect(
      runCLI(arguments: [
        "generate", "--people", "300", "--seed", "7", "--out", "\(tmp.path)/network", "--quiet",
      ]) == 0)
    #expect(
      runCLI(arguments: [
        "generate", "--people", "1200", "--seed", "11", "--exports", "4", "--out", "\(tmp.path)/team", "--quiet",
      ]) == 0)
    for f in ["network/people.csv", "network/ties.csv", "team/people.csv", "team/ties.csv"] {
      #expect(tmp.read(f) == TempFolder.read(path: "\(root)/datasets/\(f)"), "\(f) differs from a fresh generate")
    }
  }

  @Test func generatedNetworkLoadsCleanlyWithRealisticShape() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    #expect(
      runCLI(arguments: [
        "generate", "--people", "3000", "--seed", "5", "--exports", "3", "--out", tmp.path, "--quiet",
      ]) == 0)
    let loaded = try NetworkLoader.load([
      InputSpec(path: "\(tmp.path)/people.csv"), InputSpec(path: "\(tmp.path)/ties.csv"),
    ])
    #expect(loaded.imports.allSatisfy { $0.rejected == 0 && $0.merged == 0 })
    let g = loaded.graph
    try g.checkInvariants()
    #expect(g.personCount == 3000)
    #expect((25_000...35_000).contains(g.tieCount))
    let classes = g.tieClassCounts()
    let strong = Double(classes[.strong]!) / Double(g.tieCount)
    let dormant = Double(classes[.dormant]!) / Double(g.tieCount)
    #expect((0.15...0.35).contains(strong))
    #expect((0.05...0.30).contains(dormant))
    #expect(g.degreeSummary().max > 5 * g.degreeSummary().median, "heavy-tailed degrees")
    let listed = try FileManager.default.contentsOfDirectory(atPath: "\(tmp.path)/exports")
    let exports = listed.filter { $0 != "manifest.csv" }
    #expect(exports.count == 3 && listed.count == 4)
    // The manifest names each export's owner by profile URL, one row per file.
    let manifest = try #require(TempFolder.read(path: "\(tmp.path)/exports/manifest.csv"))
    let rows = manifest.split(separator: "\n")
    #expect(rows.first == "owner,path" && rows.count == 4)
    #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("https://www.linkedin.com/in/") })
    #expect(Set(rows.dropFirst().compactMap { $0.split(separator: ",").last.map(String.init) }).count == 3)
    let first = try #require(TempFolder.read(path: "\(tmp.path)/exports/\(exports.sorted()[0])"))
    #expect(first.hasPrefix("Notes:\n\"When exporting your connection data"))
    #expect(first.contains("\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"))
  }

  @Test func rejectsBadOptions() {
    #expect(runCLI(arguments: ["generate", "--people", "1", "--out", "/tmp/x"]) == 2)
    #expect(runCLI(arguments: ["generate", "--people", "10"]) == 2)
    #expect(
      runCLI(arguments: ["generate", "--people", "10", "--out", "/proc/forbidden/x", "--quiet"]) == 1)
  }
}
