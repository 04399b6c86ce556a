import Foundation
import GraphIO
import LiaisonCLI
import LiaisonTestSupport
import Testing

/// Negative (signed) ties on the command line: kept and counted, left out of
/// paths and reach unless `--include-negative`, exported with their sign.
@Suite struct SignedTiesCommandTests {
  /// a–b and c–d positive, b–c negative: the only chain from a to d crosses the negative tie.
  static let ties = "source,target,strength\na,b,0.9\nb,c,-0.8\nc,d,0.9\n"

  @Test func pathDoesNotCrossANegativeTie() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let file = tmp.write("signed.csv", Self.ties)
    let (without, json) = runJSON(["path", file, "--from", "a", "--to", "d"])
    #expect(without == 1 && json?["noPath"] as? String != nil && (json?["paths"] as? [Any])?.isEmpty != false)
    let (with, found) = runJSON(["path", file, "--from", "a", "--to", "d", "--include-negative"])
    #expect(with == 0)
    let paths = try #require(found?["paths"] as? [[String: Any]])
    #expect(paths.first?["hops"] as? Int == 3)
    let evidence = try #require(paths.first?["evidence"] as? [[String: Any]])
    #expect(evidence.map { $0["negative"] as? Bool } == [nil, true, nil], "the negative hop is marked")
  }

  @Test func reachDoesNotCrossANegativeTie() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let file = tmp.write("signed.csv", Self.ties)
    // b's contacts: a (positive) and c (negative). From a, c is second degree only through the negative tie.
    let (code, json) = runJSON(["reach", file, "--ego", "a"])
    #expect(code == 0 && json?["firstDegree"] as? Int == 1 && json?["secondDegree"] as? Int == 0)
    let (codeWith, with) = runJSON(["reach", file, "--ego", "a", "--include-negative"])
    #expect(codeWith == 0 && with?["secondDegree"] as? Int == 1)
    let (_, ofB) = runJSON(["reach", file, "--ego", "b"])
    #expect(ofB?["firstDegree"] as? Int == 1)
  }

  @Test func introduceDoesNotPairAcrossANegativeTie() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    // b knows a and d (positive) and c (negative): only a–d is an introduction unless negative ties count.
    let file = tmp.write("star.csv", "source,target,strength\nb,a,0.9\nb,c,-0.8\nb,d,0.7\n")
    let (code, json) = runJSON(["introduce", file, "--ego", "b"])
    #expect(code == 0 && (json?["candidates"] as? [Any])?.count == 1)
    let (_, with) = runJSON(["introduce", file, "--ego", "b", "--include-negative"])
    #expect((with?["candidates"] as? [Any])?.count == 3)
  }

  @Test func statsCountsAndExportKeepsTheSign() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let file = tmp.write("signed.csv", Self.ties)
    let (code, json) = runJSON(["stats", file])
    #expect(code == 0 && json?["ties"] as? Int == 3 && json?["negativeTies"] as? Int == 1)
    let imports = try #require(json?["imports"] as? [[String: Any]])
    #expect(imports[0]["negativeTies"] as? Int == 1 && imports[0]["rejected"] as? Int == 0)
    #expect(imports[0]["negativeTiesExcluded"] == nil)
    // Export as CSV: the negative tie's strength is written negative, and reads back as the same signed tie.
    let out = "\(tmp.path)/net.csv"
    #expect(runCLI(arguments: ["export", file, "--to", "csv", "--output", out]) == 0)
    let tiesFile = ExportFormat.csv.paths(for: out)[1]
    let text = try #require(TempFolder.read(path: tiesFile))
    #expect(text.contains("b,c,-0.8,") && text.contains("a,b,0.9,") && text.contains("c,d,0.9,"))
    let back = try NetworkLoader.load([InputSpec(path: tiesFile)])
    #expect(back.graph.tieCount == 3 && back.graph.ties.negativeCount == 1)
    // A network without negative ties says nothing about them.
    let plain = tmp.write("plain.csv", "source,target,strength\na,b,0.9\n")
    let (_, p) = runJSON(["stats", plain])
    #expect(p?["negativeTies"] == nil)
  }

  /// bitcoin-alpha (SNAP, in the real-data folder; skipped when absent): 1,536 of 24,186 ratings negative.
  @Test func bitcoinAlphaStats() throws {
    guard let path = SharedData.path("datasets/real/snap-bitcoin-alpha/soc-sign-bitcoinalpha.csv") else { return }
    let (code, json) = runJSON(["stats", path])
    #expect(code == 0 && json?["people"] as? Int == 3783 && json?["negativeTies"] as? Int == 1400)
    let imports = try #require(json?["imports"] as? [[String: Any]])
    #expect(imports[0]["negativeTies"] as? Int == 1536 && imports[0]["rejected"] as? Int == 0)
  }
}
