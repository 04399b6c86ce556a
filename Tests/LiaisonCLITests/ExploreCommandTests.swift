import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing
import Workspace

/// `liaison explore`: one self-contained page whose data matches the
/// network, with hostile text kept inert, the same bytes every run, and —
/// with Chromium, chromedriver and Selenium (LIAISON_PYTHON, set by
/// scripts/test) — the page driven in a real browser.
@Suite struct ExploreCommandTests {
  let team = "\(SharedData.repositoryRoot())/datasets/team"

  func explore(_ arguments: [String], to page: String) -> (code: Int32, err: String) {
    var code: Int32 = -1
    let err = capturingStandardError { code = runCLI(arguments: ["explore"] + arguments + ["-o", page]) }
    return (code, err)
  }

  /// The JSON data block of a page, parsed, and the page without it.
  func data(_ html: String) throws -> ([String: Any], String) {
    let open = "<script type=\"application/json\" id=\"liaison-data\">"
    let start = try #require(html.range(of: open))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let json = String(html[start.upperBound..<end.lowerBound])
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    return (try #require(object), String(html[..<start.lowerBound]) + String(html[end.upperBound...]))
  }

  @Test func thePageHoldsTheNetworkAndNothingExternal() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let page = "\(tmp.path)/mary.html"
    let inputs = ["\(team)/people.csv", "\(team)/ties.csv", "--ego", "Mary Reed"]
    let run = explore(inputs, to: page)
    #expect(run.code == 0, "\(run.err)")
    let html = try #require(TempFolder.read(path: page))
    let (d, rest) = try data(html)
    let people = try #require(d["people"] as? [[String: Any]])
    let ties = try #require(d["ties"] as? [[Any]])
    // Every person and tie of the network, as `stats` counts them.
    // (Written to a file: standard output is shared with tests running alongside.)
    let statsFile = "\(tmp.path)/stats.json"
    #expect(
      runCLI(
        arguments: ["stats", "\(team)/people.csv", "\(team)/ties.csv", "--format", "json", "-o", statsFile]) == 0)
    let stats = TempFolder.read(path: statsFile) ?? ""
    let s = try #require(try JSONSerialization.jsonObject(with: Data(stats.utf8)) as? [String: Any])
    #expect(people.count == s["people"] as? Int && ties.count == s["ties"] as? Int, "\(s)")
    let ego = try #require(d["ego"] as? Int)
    #expect(people[ego]["name"] as? String == "Mary Reed")
    #expect((d["nodes"] as? [Any])?.isEmpty == false && (d["reach"] as? [Any])?.isEmpty == false)
    #expect((d["introductions"] as? [Any])?.isEmpty == false && (d["chains"] as? [String: Any])?.isEmpty == false)
    // Self-contained: a policy with no network source, no reference out of the page.
    #expect(rest.contains("Content-Security-Policy") && rest.contains("default-src 'none'"))
    #expect(!rest.contains("unsafe-inline") && !rest.contains("unsafe-eval"))
    for reference in ["src=", "href=", "@import", "url(", "fetch(", "XMLHttpRequest", "WebSocket", "innerHTML"] {
      #expect(!rest.contains(reference), "\(reference)")
    }
    // The policy's hash is the script's.
    let scriptStart = try #require(rest.range(of: "<script>", options: .backwards))
    let scriptEnd = try #require(rest.range(of: "</script>", range: scriptStart.upperBound..<rest.endIndex))
    let script = String(rest[scriptStart.upperBound..<scriptEnd.lowerBound])
    #expect(rest.contains("'\(Self.hash(script))'"))
    // Same input, same bytes.
    let again = "\(tmp.path)/again.html"
    #expect(explore(inputs, to: again).code == 0)
    #expect(TempFolder.read(path: again) == html)
  }

  @Test func hostileTextStaysData() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let hostile = [
      "</script><img src=x onerror=alert(1)>", "javascript:alert(1)", "Line\u{2028}Break\u{2029}",
      "\u{202E}evil\u{202C}",
      "<!-- x", "A & B \"q\" 'r'",
    ]
    var people = "id,name,company\n"
    for (i, name) in hostile.enumerated() {
      people += "\(i),\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",Co\(i)\n"
    }
    var ties = "source,target,strength\n"
    for i in 1..<hostile.count { ties += "0,\(i),0.\(i + 2)\n" }
    ties += "1,2,0.5\n"
    let p = tmp.write("people.csv", people)
    let t = tmp.write("ties.csv", ties)
    let page = "\(tmp.path)/p.html"
    let run = explore([p, t, "--ego", "0"], to: page)
    #expect(run.code == 0, "\(run.err)")
    let html = try #require(TempFolder.read(path: page))
    #expect(!html.contains("<img src=x") && !html.contains("\u{2028}") && !html.contains("<!-- x"))
    #expect(html.components(separatedBy: "</script>").count == 3, "only the two script blocks end")
    let (d, _) = try data(html)
    let names = (d["people"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(names == hostile.map { $0.trimmingCharacters(in: .whitespaces) } || Set(names) == Set(hostile), "\(names)")
  }

  @Test func usageErrors() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let run = explore(["\(team)/people.csv", "\(team)/ties.csv", "--ego", "Nobody Here"], to: "\(tmp.path)/x.html")
    #expect(run.code == 1 && run.err.contains("Nobody Here"), "\(run.err)")
    #expect(!FileManager.default.fileExists(atPath: "\(tmp.path)/x.html"))
    let wrong = explore(["\(team)/people.csv", "\(team)/ties.csv"], to: "\(tmp.path)/x.svg")
    #expect(wrong.code == 2, "\(wrong.err)")
  }

  /// Runs scripts/explorer/check_explorer.py on a page of `inputs` (with the
  /// export of the same network); its output when it failed.
  func browserCheck(
    python: String, _ inputs: [String], ego: String?, person: String, timing: Bool = false, in tmp: TempFolder
  ) throws -> String? {
    let page = "\(tmp.path)/page.html"
    let made = explore(inputs + (ego.map { ["--ego", $0] } ?? []), to: page)
    guard made.code == 0 else { return made.err }
    let export = "\(tmp.path)/export.json"
    _ = capturingStandardError {
      #expect(runCLI(arguments: ["export"] + inputs + ["--to", "json", "-o", export]) == 0)
    }
    let shots = getenv("LIAISON_SCREENSHOTS").map { String(cString: $0) } ?? "\(tmp.path)/shots"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments =
      ["\(SharedData.repositoryRoot())/scripts/explorer/check_explorer.py", page, "--export", export]
      + ["--person", person, "--screenshots", shots] + (timing ? ["--timing"] : [])
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // 77: no Chromium, chromedriver or Selenium here (scripts/test installs them).
    return process.terminationStatus == 0 || process.terminationStatus == 77 ? nil : output
  }

  /// In headless Chromium (scripts/explorer/check_explorer.py): search, panel
  /// against the export, node click and bookmark, filters, a box, pan and
  /// zoom, table sorting, no console error and no request, screenshots — on
  /// the team with Mary's mailbox, and on a network of hostile names.
  @Test func theExplorerWorksInABrowser() throws {
    guard let python = getenv("LIAISON_PYTHON").map({ String(cString: $0) }) else { return }
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let team = ["\(team)/people.csv", "\(team)/ties.csv", "\(team)/mail/mary-reed.mbox"]
    let failure = try browserCheck(python: python, team, ego: "Mary Reed", person: "Niccolò Ricci", in: tmp)
    #expect(failure == nil, "\(failure ?? "")")

    let hostile = TempFolder()
    defer { hostile.cleanUp() }
    var people = "id,name,company,tags\n0,Ada Lovelace,Analytical,mentor\n"
    people += "1,\"</script><img src=x onerror=alert(1)>\",\"<b>Co</b>\",\"javascript:alert(1)\"\n"
    people += "2,Line\u{2028}Break,\u{202E}Evil Co,x\n3,\"A & B \"\"q\"\"\",Co & Co,y\n4,Bob Stone,Analytical,z\n"
    let p = hostile.write("people.csv", people)
    let t = hostile.write("ties.csv", "source,target,strength\n0,1,0.8\n0,2,0.6\n0,3,0.4\n1,2,0.5\n0,4,0.9\n3,4,0.3\n")
    let bad = try browserCheck(python: python, [p, t], ego: "0", person: "Bob Stone", in: hostile)
    #expect(bad == nil, "\(bad ?? "")")
  }

  /// Heavy (LIAISON_HEAVY_TESTS): a 5,000-person generated network: the page
  /// under 5 MiB, ready within 2 s, searches within 50 ms.
  @Test func theExplorerHoldsFiveThousandPeople() throws {
    guard getenv("LIAISON_HEAVY_TESTS") != nil, let python = getenv("LIAISON_PYTHON").map({ String(cString: $0) })
    else { return }
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    _ = capturingStandardError {
      _ = capturingStandardOutput {
        #expect(
          runCLI(arguments: ["generate", "--people", "5000", "--seed", "42", "--out", tmp.path]) == 0)
      }
    }
    let inputs = ["\(tmp.path)/people.csv", "\(tmp.path)/ties.csv"]
    // Person 1806, the best-connected (353 contacts), at the centre.
    let failure = try browserCheck(python: python, inputs, ego: "1806", person: "Youssef Khoury", timing: true, in: tmp)
    #expect(failure == nil, "\(failure ?? "")")
  }

  static func hash(_ text: String) -> String {
    var sha = SHA256()
    sha.update(Array(text.utf8))
    return "sha256-" + Data(sha.finalize()).base64EncodedString()
  }
  /// On a network of more than 5,000 people an ego's page holds exactly the
  /// people within two steps (counted here from ties.csv), the ties among
  /// them, and answers that point only at them.
  @Test func aLargeNetworkIsShownFromTheEgosSide() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let net = "\(tmp.path)/net"
    #expect(
      runCLI(arguments: ["generate", "--people", "6000", "--seed", "3", "--out", net, "--quiet"]) == 0)
    let page = "\(tmp.path)/p.html"
    let run = explore(["\(net)/people.csv", "\(net)/ties.csv", "--ego", "1"], to: page)
    #expect(run.code == 0, "\(run.err)")
    // Within two steps of person 1, from the file.
    var adjacent: [String: Set<String>] = [:]
    var pairs: [(String, String)] = []
    for line in (TempFolder.read(path: "\(net)/ties.csv") ?? "").split(separator: "\n").dropFirst() {
      let cells = line.split(separator: ",", maxSplits: 2).map(String.init)
      adjacent[cells[0], default: []].insert(cells[1])
      adjacent[cells[1], default: []].insert(cells[0])
      pairs.append((cells[0], cells[1]))
    }
    var near: Set<String> = ["1"]
    for _ in 0..<2 { near.formUnion(near.flatMap { adjacent[$0] ?? [] }) }
    let (d, _) = try data(try #require(TempFolder.read(path: page)))
    let people = try #require(d["people"] as? [[String: Any]])
    let ties = try #require(d["ties"] as? [[Any]])
    #expect(near.count > 100 && near.count < 6000)
    #expect(Set(people.compactMap { $0["id"] as? String }) == near && people.count == near.count)
    #expect(ties.count == pairs.count { near.contains($0.0) && near.contains($0.1) })
    for tie in ties {
      let a = try #require(tie[0] as? Int)
      let b = try #require(tie[1] as? Int)
      #expect(a >= 0 && a < people.count && b >= 0 && b < people.count)
      #expect(adjacent[people[a]["id"] as? String ?? ""]?.contains(people[b]["id"] as? String ?? "") == true)
    }
    // Every drawn tie between two people points at that tie's row on the page.
    let nodes = try #require(d["nodes"] as? [[String: Any]])
    var tieEdges = 0
    for e in try #require(d["edges"] as? [[String: Any]]) where e["kind"] as? String == "tie" {
      guard let na = e["a"] as? Int, let nb = e["b"] as? Int, let pa = nodes[na]["person"] as? Int,
        let pb = nodes[nb]["person"] as? Int
      else { continue }
      let t = try #require(e["tie"] as? Int)
      #expect(t >= 0 && t < ties.count, "edge \(na)–\(nb)")
      if t >= 0 && t < ties.count { #expect(Set([ties[t][0] as? Int, ties[t][1] as? Int]) == Set([pa, pb])) }
      tieEdges += 1
    }
    #expect(tieEdges > 10)
    let ego = try #require(d["ego"] as? Int)
    #expect(people[ego]["id"] as? String == "1")
    let chains = try #require(d["chains"] as? [String: [[String: Any]]])
    #expect(!chains.isEmpty)
    for (_, list) in chains {
      for chain in list {
        let steps = try #require(chain["people"] as? [Int])
        #expect(steps.first == ego && steps.allSatisfy { $0 >= 0 && $0 < people.count })
      }
    }
    for row in (d["reach"] as? [[String: Any]] ?? []) + (d["brokers"] as? [[String: Any]] ?? []) {
      let p = try #require(row["person"] as? Int)
      #expect(p >= 0 && p < people.count)
    }
    #expect(
      (d["subtitle"] as? String)?.contains("\(near.count) of 6,000 people shown (everyone within two steps)") == true,
      "\(d["subtitle"] ?? "")")

    // At most 300: every contact, then the strongest chains two steps away (and anyone drawn).
    let capped = "\(tmp.path)/capped.html"
    #expect(
      explore(["\(net)/people.csv", "\(net)/ties.csv", "--ego", "1", "--max-people", "300"], to: capped).code == 0)
    let (c, _) = try data(try #require(TempFolder.read(path: capped)))
    let few = Set(try #require(c["people"] as? [[String: Any]]).compactMap { $0["id"] as? String })
    let drawn = (c["nodes"] as? [Any])?.count ?? 0
    #expect(few.count >= 300 && few.count <= 300 + drawn && few.isSubset(of: near))
    #expect(try #require(adjacent["1"]).isSubset(of: few))
    #expect((c["subtitle"] as? String)?.contains("(the contacts, then the strongest chains two steps away)") == true)
  }
}
