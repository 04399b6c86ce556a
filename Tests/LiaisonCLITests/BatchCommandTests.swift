import Foundation
import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

@testable import LiaisonCLI

/// One batch run on the bundled team data, shared by the tests that only read it
/// (loading the team's exports is the slow part of a debug build).
enum TeamBatch {
  static let root = SharedData.repositoryRoot()
  static let inputs = [
    "\(root)/datasets/team/people.csv", "\(root)/datasets/team/ties.csv", "\(root)/datasets/team/exports/",
  ]
  /// Globex Clinic has many people in the team data and no member works there;
  /// Ifeoma Nwosu (id 0, named by her email) is at Globex Clinic and is not a member.
  static let targetsText =
    "target,note\nGlobex Clinic,a company\nifeoma.nwosu@globexclinic.it,a person\nNo Such Company Ltd,nobody\n"

  struct Run: Sendable {
    var folder: String
    var code: Int32
    var targets: String
  }

  static func run(into folder: String, targets: String) -> Int32 {
    runCLI(
      arguments: ["batch"] + inputs + ["--out", folder, "--targets", targets, "--quiet", "--threads", "2"])
  }

  static let first: Run = {
    let tmp = TempFolder()
    let targets = tmp.write("targets.csv", targetsText)
    let code = run(into: "\(tmp.path)/report", targets: targets)
    return Run(folder: "\(tmp.path)/report", code: code, targets: targets)
  }()

  static func json(_ path: String) -> [String: Any]? {
    guard let text = TempFolder.read(path: path) else { return nil }
    return try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
  }

  /// Every regular file under `folder`, relative paths, sorted.
  static func files(_ folder: String) -> [String] {
    let fm = FileManager.default
    guard let e = fm.enumerator(atPath: folder) else { return [] }
    var out: [String] = []
    while let f = e.nextObject() as? String {
      var isDir: ObjCBool = false
      if fm.fileExists(atPath: "\(folder)/\(f)", isDirectory: &isDir), !isDir.boolValue { out.append(f) }
    }
    return out.sorted()
  }
}

/// What the HTML safety rules forbid (Guides/Rendering.md): script, event handlers, external references.
enum HTMLSafety {
  static func problems(_ html: String) -> [String] {
    var found: [String] = []
    let lower = html.lowercased()
    if lower.contains("<script") { found.append("<script") }
    if lower.contains("javascript:") { found.append("javascript:") }
    if lower.contains("<iframe") || lower.contains("<object") || lower.contains("<embed") || lower.contains("<link") {
      found.append("embedding element")
    }
    if lower.contains("@import") || lower.contains("url(") { found.append("CSS resource") }
    // Every tag: no on…= handler; src/href only relative paths of the report.
    let tag = try! NSRegularExpression(pattern: "<[a-zA-Z][^>]*>")
    // A real handler attribute (an escaped `&quot; onx=&quot;` inside a value is text).
    let handler = try! NSRegularExpression(pattern: "\\son[a-z]+\\s*=\\s*[^&\\s>]", options: [.caseInsensitive])
    let attr = try! NSRegularExpression(
      pattern: "\\s(src|href|srcset|action|data|poster)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
      options: [.caseInsensitive])
    let ns = html as NSString
    for m in tag.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
      let t = ns.substring(with: m.range)
      let tn = t as NSString
      if handler.firstMatch(in: t, range: NSRange(location: 0, length: tn.length)) != nil {
        found.append("handler in \(t)")
      }
      for a in attr.matches(in: t, range: NSRange(location: 0, length: tn.length)) {
        var value = ""
        for g in 3...5 where a.range(at: g).location != NSNotFound { value = tn.substring(with: a.range(at: g)) }
        let v = value.lowercased()
        if v.contains(":") || v.hasPrefix("//") || v.hasPrefix("/") || v.contains("..") {
          found.append("reference \(value)")
        }
      }
    }
    return found
  }
}

@Suite(.serialized) struct BatchCommandTests {
  let root = TeamBatch.root

  @Test func summaryCountsEqualStats() throws {
    let run = TeamBatch.first
    #expect(run.code == 0)
    let summary = try #require(TeamBatch.json("\(run.folder)/summary.json"))
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let code = runCLI(
      arguments: ["stats"] + TeamBatch.inputs + ["--format", "json", "--output", "\(tmp.path)/stats.json"])
    #expect(code == 0)
    var stats = try #require(TeamBatch.json("\(tmp.path)/stats.json"))
    // The whole stats answer (its version is the summary's own), and the first-level counts scripts read.
    #expect(stats.removeValue(forKey: "schemaVersion") as? Int == summary["schemaVersion"] as? Int)
    #expect((summary["stats"] as? NSDictionary) == (stats as NSDictionary))
    for key in ["people", "ties", "inferredTies", "components", "largestComponent"] {
      #expect((summary[key] as? Int) == (stats[key] as? Int), "\(key)")
      #expect(summary[key] as? Int != nil, "\(key) present")
    }
    #expect((summary["tieClasses"] as? NSDictionary) == (stats["tieClasses"] as? NSDictionary))
    #expect((summary["imports"] as? NSArray) == (stats["imports"] as? NSArray))
    #expect(summary["people"] as? Int == 1200)
    // Four members, one per export, each with their files and pictures.
    let members = try #require(summary["members"] as? [[String: Any]])
    #expect(members.count == 4)
    for m in members {
      let slug = try #require(m["slug"] as? String)
      #expect(slug.range(of: "^[a-z0-9-]+$", options: .regularExpression) != nil)
      #expect((m["contacts"] as? Int ?? 0) > 0)
      #expect(FileManager.default.fileExists(atPath: "\(run.folder)/members/\(slug).json"))
      #expect(FileManager.default.fileExists(atPath: "\(run.folder)/members/\(slug).csv"))
      #expect(FileManager.default.fileExists(atPath: "\(run.folder)/members/\(slug).svg"))
      #expect(FileManager.default.fileExists(atPath: "\(run.folder)/members/\(slug).html"))
    }
    let inputs = try #require(summary["inputs"] as? [String: Any])
    #expect(inputs["failed"] as? Int == 0 && inputs["analysed"] as? Int == 6)
  }

  /// The batch describes only the network-wide pairs it lists: its
  /// introductions.csv is the first rows of `liaison introduce`'s whole
  /// answer on the same inputs (three per person, by Adamic–Adar).
  @Test func introductionsListedAreTheWholeAnswersFirst() throws {
    let run = TeamBatch.first
    #expect(run.code == 0)
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let code = runCLI(
      arguments: ["introduce"] + TeamBatch.inputs + [
        "--top", "3", "--by", "adamic-adar", "--format", "csv", "--output", "\(tmp.path)/all.csv",
      ])
    #expect(code == 0)
    let whole = try #require(TempFolder.read(path: "\(tmp.path)/all.csv")).split(
      separator: "\n", omittingEmptySubsequences: false)
    let listed = try #require(TempFolder.read(path: "\(run.folder)/introductions.csv"))
      .split(separator: "\n", omittingEmptySubsequences: false)
    #expect(listed.count > 2, "some pairs listed")
    let rows = min(whole.count - 2, BatchReport.introductionsListed)
    #expect(listed.dropLast() == whole.prefix(rows + 1), "header and the first \(rows) rows")
  }

  @Test func sameInputsSameBytes() throws {
    let run = TeamBatch.first
    #expect(run.code == 0)
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    #expect(TeamBatch.run(into: "\(tmp.path)/again", targets: run.targets) == 0)
    let a = TeamBatch.files(run.folder)
    let b = TeamBatch.files("\(tmp.path)/again")
    #expect(a == b)
    #expect(a.contains("index.html") && a.contains("summary.json") && a.contains("brokers.svg"))
    #expect(!a.contains { $0.contains(".tmp-") }, "no temporary file left behind")
    for f in a {
      let x = FileManager.default.contents(atPath: "\(run.folder)/\(f)")
      let y = FileManager.default.contents(atPath: "\(tmp.path)/again/\(f)")
      #expect(x != nil && x == y, "\(f) differs between runs")
    }
  }

  @Test func targetsHaveBestMemberAndChain() throws {
    let run = TeamBatch.first
    let summary = try #require(TeamBatch.json("\(run.folder)/summary.json"))
    let team = try #require(summary["team"] as? [String: Any])
    let targets = try #require(team["targets"] as? [[String: Any]])
    #expect(
      targets.map { $0["target"] as? String } == [
        "Globex Clinic", "ifeoma.nwosu@globexclinic.it", "No Such Company Ltd",
      ])
    let memberNames = Set((summary["members"] as? [[String: Any]] ?? []).compactMap { $0["owner"] as? String })
    for t in targets.prefix(2) {
      let best = try #require(t["best"] as? [String: Any], "\(t["target"] ?? "") has a best member")
      let all = try #require(t["members"] as? [[String: Any]])
      #expect(!all.isEmpty)
      let strength = try #require(best["strength"] as? Double)
      // The best is the strongest of every member's chain.
      for m in all { #expect((m["strength"] as? Double ?? 2) <= strength) }
      #expect(memberNames.contains(best["member"] as? String ?? ""))
      let people = try #require(best["people"] as? [[String: Any]])
      let hops = try #require(best["hops"] as? Int)
      #expect(people.count == hops + 1 && hops >= 1)
      #expect((best["sentence"] as? String ?? "").isEmpty == false)
    }
    // The person target's chain ends at that person.
    let person = try #require(targets[1]["best"] as? [String: Any])
    #expect(((person["people"] as? [[String: Any]])?.last?["id"] as? String) == "0")
    // A company nobody works at: a note, no best member.
    #expect(targets[2]["best"] == nil)
    #expect((targets[2]["note"] as? String)?.contains("nobody") == true)
    // The CSV lists every member's chain, spreadsheet-safe.
    let csv = try #require(TempFolder.read(path: "\(run.folder)/targets.csv"))
    #expect(csv.hasPrefix("target,kind,people,rank,member,strength,hops,chain\n"))
    #expect(csv.contains("Globex Clinic,company,"))
  }

  /// `--no-pages`: the pictures without the members' explorer pages.
  @Test func noPagesLeavesOutTheExplorerPagesOnly() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let out = "\(tmp.path)/report"
    let code = runCLI(
      arguments: ["batch", "\(root)/datasets/team/exports/mary-reed.csv", "--out", out, "--quiet", "--no-pages"])
    #expect(code == 0)
    let files = TeamBatch.files(out)
    #expect(files.contains { $0.hasPrefix("members/") && $0.hasSuffix(".svg") })
    #expect(!files.contains { $0.hasPrefix("members/") && $0.hasSuffix(".html") }, "\(files)")
  }

  @Test func badInputIsReportedAndTheRestAnalysed() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let bad = tmp.write("broken.csv", bytes: [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10] + Array(repeating: 0, count: 64))
    let empty = tmp.write("empty-export.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
    let out = "\(tmp.path)/report"
    let code = runCLI(
      arguments: [
        "batch", "\(root)/datasets/team/people.csv", "\(root)/datasets/team/ties.csv", bad,
        "\(root)/datasets/team/exports/mary-reed.csv", empty, "--out", out, "--quiet", "--no-pictures",
      ])
    #expect(code == 1, "some inputs failed")
    let summary = try #require(TeamBatch.json("\(out)/summary.json"))
    let failures = try #require(summary["failures"] as? [[String: Any]])
    #expect(Set(failures.compactMap { $0["file"] as? String }) == [bad, empty])
    for f in failures { #expect(!((f["reason"] as? String) ?? "").isEmpty) }
    let inputs = try #require(summary["inputs"] as? [String: Any])
    #expect(inputs["failed"] as? Int == 2)
    #expect(inputs["analysed"] as? Int == 3)
    #expect(summary["people"] as? Int ?? 0 >= 1200)
    let members = try #require(summary["members"] as? [[String: Any]])
    #expect(members.map { $0["owner"] as? String } == ["mary-reed"])
    let html = try #require(TempFolder.read(path: "\(out)/index.html"))
    #expect(html.contains("could not be read") && html.contains("broken.csv"))
    // Nothing usable at all: exit 1 as well.
    #expect(runCLI(arguments: ["batch", bad, "--out", "\(tmp.path)/none", "--quiet"]) == 1)
  }

  @Test func hostileNamesAreEscapedAndThePageIsSelfContained() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let hostile = "<script>alert(1)</script> \"&' x"
    _ = tmp.write(
      "evil.csv",
      #"""
      First Name,Last Name,URL,Email Address,Company,Position,Connected On
      <script>alert(1)</script>,"""&<b>",https://www.linkedin.com/in/evil-one,evil@example.com,"<img src=x onerror=alert(2)>",Boss,01 Jan 2026
      Ann,"Lee"" onmouseover=""alert(3)",https://www.linkedin.com/in/ann-lee-1,ann@corp.example,"Acme & Co <i>",Engineer,02 Feb 2026
      Bob,Stone,https://www.linkedin.com/in/bob-stone-2,bob@corp.example,"Acme & Co <i>",Analyst,03 Mar 2025

      """#)
    _ = tmp.write(
      "plain.csv",
      #"""
      First Name,Last Name,URL,Email Address,Company,Position,Connected On
      Ann,"Lee"" onmouseover=""alert(3)",https://www.linkedin.com/in/ann-lee-1,ann@corp.example,"Acme & Co <i>",Engineer,02 Feb 2026
      "=HYPERLINK(""http://x"")",Marx,https://www.linkedin.com/in/carl-marx-3,carl@other.example,Other,Writer,04 Apr 2024

      """#)
    let manifest = tmp.write(
      "owners.csv",
      "owner,path\n\"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))\",evil.csv\n\"../../etc/passwd\",plain.csv\n"
    )
    let targets = tmp.write("targets.txt", "<script>alert(4)</script>\nAcme & Co\n")
    let out = "\(tmp.path)/report"
    let code = runCLI(arguments: ["batch", manifest, "--out", out, "--targets", targets, "--quiet"])
    #expect(code == 0)
    let html = try #require(TempFolder.read(path: "\(out)/index.html"))
    #expect(HTMLSafety.problems(html) == [])
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the hostile name is shown, escaped")
    #expect(html.contains("&amp;"))
    #expect(!html.contains("<img src=x") && !html.contains("&<b>") && !html.contains("Co <i>"))
    // Characters that reorder or hide text never reach the page.
    #expect(BatchHTML.escape("a\u{202E}b\u{1B}c\u{9B}d\ne") == "a b c d\ne")
    // The checker itself catches what it should.
    #expect(!HTMLSafety.problems("<p><script>x</script></p>").isEmpty)
    #expect(!HTMLSafety.problems("<img src=\"https://example.com/a.png\">").isEmpty)
    #expect(!HTMLSafety.problems("<a href=\"../x\">x</a>").isEmpty)
    #expect(!HTMLSafety.problems("<p onclick=\"x()\">x</p>").isEmpty)
    #expect(HTMLSafety.problems("<img src=\"members/a-b.svg\" alt=\"x\">").isEmpty)
    // Files: only safe names inside the report folder; every SVG checked.
    let files = TeamBatch.files(out)
    #expect(!files.isEmpty)
    for f in files {
      #expect(
        f.range(
          of: "^(\\.liaison-report|(members/|targets/)?[a-z0-9-]+\\.(json|csv|svg|html))$", options: .regularExpression)
          != nil, "\(f)")
      if f.hasSuffix(".svg") {
        let svg = try #require(TempFolder.read(path: "\(out)/\(f)")).lowercased()
        #expect(
          !svg.contains("<script") && svg.range(of: "\\son[a-z]+\\s*=\\s*[\"']", options: .regularExpression) == nil,
          "\(f)")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: "\(tmp.path)/etc"))
    // CSV cells that start with = are neutralised for spreadsheets.
    #expect(files.contains("members/script-alert-1-script-x.csv"), "the hostile owner's slug")
    #expect(files.contains("members/etc-passwd.csv"))
    let all = files.filter { $0.hasSuffix(".csv") }.compactMap { TempFolder.read(path: "\(out)/\($0)") }.joined()
    #expect(all.contains("HYPERLINK"), "the formula-like name is in the tables")
    #expect(!all.contains("\n=HYPERLINK") && !all.contains(",=HYPERLINK") && !all.contains(",\"=HYPERLINK"))
    let summary = try #require(TeamBatch.json("\(out)/summary.json"))
    let owners = (summary["members"] as? [[String: Any]] ?? []).compactMap { $0["owner"] as? String }
    #expect(owners.contains(hostile))
  }
}

/// Batch never reads its own report folder (or an earlier report's) back as input.
@Suite struct BatchOutputFolderTests {
  @Test func aReportInsideTheInputFolderIsNotReadBack() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let root = SharedData.repositoryRoot()
    let exports = try FileManager.default.contentsOfDirectory(atPath: "\(root)/datasets/team/exports").sorted().prefix(
      2)
    mkdir("\(tmp.path)/in", 0o755)
    for f in exports { tmp.write("in/\(f)", TempFolder.read(path: "\(root)/datasets/team/exports/\(f)")!) }
    var people: [Int] = []
    for out in ["in/report", "in/report", "in/sub/other"] {
      mkdir("\(tmp.path)/in/sub", 0o755)
      let code = runCLI(arguments: [
        "batch", "\(tmp.path)/in", "--out", "\(tmp.path)/\(out)", "--quiet", "--no-pictures",
      ])
      #expect(code == 0, "\(out)")
      let summary = try #require(TeamBatch.json("\(tmp.path)/\(out)/summary.json"))
      #expect((summary["failures"] as? [Any])?.isEmpty ?? true, "\(out): no file of the report failed as input")
      people.append(summary["people"] as? Int ?? -1)
      #expect((summary["inputs"] as? [String: Any])?["files"] as? Int == 2, "\(out): only the two exports are read")
    }
    #expect(Set(people).count == 1, "the same network every time: \(people)")
    // The input folder itself as the report folder is a usage error, and nothing is written.
    #expect(runCLI(arguments: ["batch", "\(tmp.path)/in", "--out", "\(tmp.path)/in", "--quiet"]) == 2)
    #expect(!FileManager.default.fileExists(atPath: "\(tmp.path)/in/summary.json"))
    // A targets file kept where the report writes its own targets.csv is refused before any work.
    let targets = tmp.write("in/report/targets.csv", "target\nGlobex Clinic\n")
    let refused = runCLI(arguments: [
      "batch", "\(tmp.path)/in", "--targets", targets, "--out", "\(tmp.path)/in/report", "--quiet",
    ])
    #expect(refused == 2)
    #expect(TempFolder.read(path: targets) == "target\nGlobex Clinic\n")
  }
}

/// The members' overlaps against merging every pair's contact lists.
@Suite struct TeamOverlapTests {
  @Test func overlapsEqualPairwiseCounting() throws {
    var issues: [String] = []
    for seed in UInt64(1)...40 {
      let random = RandomMultigraph(seed: seed, maxPeople: 50)
      let (g, _) = try random.build()
      let oracle = AdjacencyOracle(random)
      var rng = SplitMix64(seed: seed &* 7919)
      // A seeded subset of the people as members, in a shuffled order.
      var people = (0..<random.people).filter { _ in rng.next() % 3 == 0 }
      people.shuffle(using: &rng)
      let members = try people.map { p in
        (
          owner: try JSONDecoder().decode(
            IdentityReport.Owner.self,
            from: Data(#"{"owner":"m\#(p)","person":"\#(p)","name":"","files":[],"resolvedBy":"id","contacts":0}"#.utf8)
          ),
          person: PersonID(p)
        )
      }
      var expected: [BatchSummary.Overlap] = []
      var all = Set<Int>()
      var inAll = 0
      for (i, a) in people.enumerated() {
        let na = oracle.neighbors[a].subtracting([a])
        inAll += na.count
        all.formUnion(na)
        for b in people[(i + 1)...] {
          let nb = oracle.neighbors[b].subtracting([b])
          let shared = na.intersection(nb).count
          let tied = na.contains(b)
          if shared == 0 && !tied { continue }
          let union = na.union(nb).count
          expected.append(
            .init(
              a: "m\(a)", b: "m\(b)", sharedContacts: shared,
              jaccard: union > 0 ? Double(shared) / Double(union) : 0, tied: tied))
        }
      }
      expected.sort { ($0.sharedContacts, $1.a, $1.b) > ($1.sharedContacts, $0.a, $0.b) }
      let (found, contactsInAll, unique) = BatchReport.teamOverlaps(g, members)
      let got = found.map { "\($0.a) \($0.b) \($0.sharedContacts) \($0.jaccard) \($0.tied)" }
      let want = expected.map { "\($0.a) \($0.b) \($0.sharedContacts) \($0.jaccard) \($0.tied)" }
      if got != want { issues.append("\(random): overlaps \(got) != \(want)") }
      if contactsInAll != inAll { issues.append("\(random): contacts in all \(contactsInAll) != \(inAll)") }
      let others = all.subtracting(people).count
      if unique != others { issues.append("\(random): unique contacts \(unique) != \(others)") }
    }
    #expect(issues.isEmpty, "\(issues.count) issues: \(issues.prefix(5))")
  }
}
