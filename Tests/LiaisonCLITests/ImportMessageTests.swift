import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

@testable import GraphIO

/// What the command line prints for inputs it cannot use: GraphIO's
/// structured hints worded with the CLI's flags, byte for byte as before.
@Suite struct ImportMessageTests {
  /// The first line of standard error that starts with `error: `.
  func errorLine(_ arguments: [String]) -> String? {
    var code: Int32 = 0
    let text = capturingStandardError { code = runCLI(arguments: arguments) }
    #expect(code == 1)
    let line = text.split(separator: "\n").first { $0.hasPrefix("error: ") && $0.contains("/liaison-test-") }
    return line.map(String.init)
  }

  @Test func strictNamesTheFlag() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let bad = tmp.write("bad.csv", "source,target,strength\na,b,0.5\nb,c,0\nc,d,abc\n")
    #expect(
      errorLine(["stats", bad, "--strict"])
        == "error: \(bad):3:5: strength \"0\" is 0 (a weight of 0 is no tie; leave the row out) — use a value above 0 and at most 1, "
        + "or leave it empty; run without --strict to skip bad rows")
  }

  @Test func anAmbiguousOwnerNamesTheForms() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let people = tmp.write("people.csv", "id,name\n1,Sam Lee\n2,Sam Lee\n")
    let export = tmp.write("sam-lee.csv", "First Name,Last Name,Primary Email\nA,B,a@b.org\n")
    // Without --strict the export is set aside, the reason and the fix on standard error.
    var code: Int32 = 1
    let text = capturingStandardError { code = runCLI(arguments: ["stats", people, export]) }
    #expect(code == 0)
    #expect(
      text.contains(
        "warning: skipped \(export): the owner \"sam-lee\" matches 2 people (1, 2) — name the owner by id, email or "
          + "profile URL instead: ID=PATH, or --owner ID"))
    #expect(
      errorLine(["stats", people, export, "--strict"])
        == "error: \(export): the owner \"sam-lee\" matches 2 people (1, 2) — name the owner by id, email or profile "
        + "URL instead: ID=PATH, or --owner ID")
  }

  @Test func anUnknownFormatNamesTheForms() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let unknown = tmp.write("unknown.csv", "who,whom\nx,y\n")
    #expect(
      errorLine(["stats", unknown])
        == "error: \(unknown):1:1: cannot tell what this file is; its first line is \"who,whom\" — "
        + "a ties file needs a header with source and target columns, a people file an id column, a contact "
        + "export name or email columns; or name the format, e.g. ties:PATH, people:PATH, edges:PATH, "
        + "linkedin:PATH, google:PATH, outlook:PATH, vcard:PATH, interactions:PATH")
  }

  @Test func batchListsTheHintsInTheCommandLinesWords() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    tmp.write("bad.csv", "source,target,strength\na,b,0.5\nb,c,0\n")
    tmp.write("people.csv", "id,name\n1,Sam Lee\n2,Sam Lee\n")
    tmp.write("sam-lee.csv", "First Name,Last Name,Primary Email\nA,B,a@b.org\n")
    tmp.write(
      "m.csv",
      "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "Ann,Lee,https://www.linkedin.com/in/annlee,,Acme,Eng,01 Jan 2024\n")
    let out = "\(tmp.path)/report"
    let arguments = ["batch", tmp.path, "--strict", "--quiet", "--out", out]
    _ = capturingStandardError { _ = runCLI(arguments: arguments) }
    let summary = try #require(TeamBatch.json("\(out)/summary.json"))
    let failures = try #require(summary["failures"] as? [[String: Any]])
    var hints: [String: String] = [:]
    for f in failures {
      let file = (f["file"] as? String ?? "").split(separator: "/").last.map(String.init) ?? ""
      hints[file] = f["hint"] as? String
    }
    #expect(
      hints["bad.csv"] == "use a value above 0 and at most 1, or leave it empty; run without --strict to skip bad rows")
    #expect(hints["sam-lee.csv"] == "name the owner by id, email or profile URL instead: ID=PATH, or --owner ID")
  }
}

/// `FormatDetector.isManifest` decides as batch's own detection did (the
/// oracle below is that code, kept here): trimming, quotes, BOM, line ends.
@Suite struct ManifestOracleTests {
  /// Batch's former Foundation code, with one named fix: a CR LF line end
  /// ends the header line too (it used to run on, so Excel's manifests were not
  /// recognised as inputs).
  static func oracle(_ head: [UInt8]) -> Bool {
    var text = String(decoding: head, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).first.map(String.init) ?? ""
    let fields = line.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
    }
    return Set(fields) == ["owner", "path"]
  }

  @Test func everyScalarAroundTheNames() {
    var disagreements: [UInt32] = []
    for value in UInt32(0)...0x3_0000 {
      guard let s = Unicode.Scalar(value) else { continue }
      let head = Array("\(s)Owner\(s), path\(s)\n".utf8)
      if FormatDetector.isManifest(head: head) != Self.oracle(head) { disagreements.append(value) }
    }
    #expect(disagreements.isEmpty)
  }

  @Test func piecesInAnyOrder() {
    let pieces = [
      "owner", "path", "OWNER", "Path", "\"", " ", "\t", "\u{A0}", "\u{FEFF}", "\r", "\n", "\r\n", ",", "x", "\u{301}",
      "\u{200B}", "\u{85}", "é",
    ]
    var state: UInt64 = 18
    func next() -> Int {  // a 64-bit linear congruential generator (Knuth's MMIX constants)
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33)
    }
    var agreed = 0
    for _ in 0..<20_000 {
      let text = (0..<next() % 8).map { _ in pieces[next() % pieces.count] }.joined()
      let head = Array(text.utf8)
      #expect(FormatDetector.isManifest(head: head) == Self.oracle(head), "\(text.debugDescription)")
      if Self.oracle(head) { agreed += 1 }
    }
    #expect(agreed > 0, "some of the texts are manifests")
  }
}
