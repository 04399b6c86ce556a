import Foundation
import GraphCore
import GraphIO
import LiaisonCLI
import LiaisonTestSupport
import Testing
import Workspace

/// Corrections, the interaction log and `liaison changes` on a workspace
/// (issue 21's "done when" items), through the commands.
@Suite struct WorkspaceCorrectionsTests {
  let root = SharedData.repositoryRoot()
  var exports: [String] {
    ["andriy-morozov", "daan-mulder", "karim-hamdan", "mary-reed"].map { "\(root)/datasets/team/exports/\($0).csv" }
  }

  /// Runs a command with `--output FILE`; returns its exit code and the file's text.
  func answer(_ args: [String], _ ws: [String], in tmp: TempFolder, name: String) -> (Int32, String?) {
    let out = "\(tmp.path)/\(name)"
    let code = runCLI(arguments: args + ws + ["--output", out])
    return (code, TempFolder.read(path: out))
  }

  /// The JSON object a command writes.
  func json(_ args: [String], _ ws: [String], in tmp: TempFolder, name: String) throws -> [String: Any] {
    let (code, text) = answer(args + ["--format", "json"], ws, in: tmp, name: name)
    #expect(code == 0, "\(args)")
    let object = try JSONSerialization.jsonObject(with: Data((text ?? "").utf8))
    return try #require(object as? [String: Any], "\(args)")
  }

  /// Runs a command whose answer is not needed (printed lines go to standard output).
  func run(_ args: [String], _ ws: [String]) -> Int32 { runCLI(arguments: args + ws) }

  /// Andriy Morozov's export edited as a newer export would be: three new
  /// connections, the first one removed, the company of the next two changed.
  func editedExport(in tmp: TempFolder) throws -> String {
    let text = try String(contentsOfFile: exports[0], encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    let header = try #require(lines.firstIndex { $0.hasPrefix("First Name,Last Name,URL") })
    lines.remove(at: header + 1)  // Oluwaseun Obi
    lines[header + 1] = lines[header + 1].replacingOccurrences(of: ",Riverstone Systems,", with: ",Brand New Company,")
    lines[header + 2] = lines[header + 2].replacingOccurrences(of: ",Hyperscale Brewing,", with: ",Another Firm Ltd,")
    lines.insert(
      contentsOf: [
        "Zed,Newperson,https://www.linkedin.com/in/zed-newperson-1,,Newco,Engineer,01 Nov 2026",
        "Yara,Newperson,https://www.linkedin.com/in/yara-newperson-2,,Newco,Designer,02 Nov 2026",
        "Xavier,Newperson,https://www.linkedin.com/in/xavier-newperson-3,,Otherco,Analyst,03 Nov 2026",
      ], at: header + 1)
    mkdir("\(tmp.path)/newer", 0o700)
    return tmp.write("newer/andriy-morozov.csv", lines.joined(separator: "\n"))
  }

  @Test func reimportingAnEditedExportShowsExactlyItsChanges() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/ws.sqlite"]
    let quiet = ["--output", "\(tmp.path)/import.txt"]
    #expect(run(["import"] + exports + quiet, ws) == 0)
    let (_, none) = answer(["changes", "--as-of", "2026-11-05"], ws, in: tmp, name: "none.txt")
    #expect(none?.contains("No export has been re-imported yet") == true)
    #expect(run(["import", try editedExport(in: tmp)] + quiet, ws) == 0)

    let changes = try json(["changes", "--as-of", "2026-11-05"], ws, in: tmp, name: "changes.json")
    let pairs = try #require(changes["exports"] as? [[String: Any]])
    #expect(pairs.count == 1)
    let c = try #require(pairs.first?["changes"] as? [String: Any])
    func names(_ list: String) -> [String] {
      ((c[list] as? [[String: Any]]) ?? []).compactMap { ($0["person"] as? [String: Any] ?? $0)["name"] as? String }
    }
    #expect(names("newConnections") == ["Xavier Newperson", "Yara Newperson", "Zed Newperson"])
    #expect(names("removedConnections") == ["Oluwaseun Obi"])
    #expect(names("jobChanges") == ["María Ramírez", "Sofía Morales"])
    #expect(names("titleChanges") == [])
    let jobs = try #require(c["jobChanges"] as? [[String: Any]])
    #expect(jobs.compactMap { $0["oldCompany"] as? String } == ["Hyperscale Brewing", "Riverstone Systems"])

    // The CSV and the table say the same.
    let (_, csv) = answer(["changes", "--as-of", "2026-11-05", "--format", "csv"], ws, in: tmp, name: "c.csv")
    let rows = (csv ?? "").split(separator: "\n").dropFirst().map { $0.split(separator: ",").first ?? "" }
    #expect(rows.filter { $0 == "new" }.count == 3 && rows.filter { $0 == "removed" }.count == 1)
    #expect(rows.filter { $0 == "job" }.count == 2 && rows.filter { $0 == "title" }.isEmpty)
    let (_, table) = answer(["changes", "--as-of", "2026-11-05"], ws, in: tmp, name: "c.txt")
    #expect(table?.contains("removed connection  Oluwaseun Obi") == true)
    #expect(table?.contains("Another Firm Ltd") == true)
  }

  /// An inferred tie of the team exports that the edited export's network has too.
  func inferredTie(edited: String) throws -> (String, String) {
    let g = try NetworkLoader.load(exports.map { InputSpec(path: $0) }, options: LoadOptions()).graph
    let newer = try NetworkLoader.load(
      ([edited] + exports.dropFirst()).map { InputSpec(path: $0) }, options: LoadOptions()
    ).graph
    for t in 0..<g.tieCount where g.ties.isInferred(t) {
      let (a, b) = g.endpoints(ofTie: t)
      let ids = [g.people.id(of: a), g.people.id(of: b)]
      if let x = resolve(newer, ids[0]), let y = resolve(newer, ids[1]), let u = newer.tieID(between: x, and: y),
        newer.ties.isInferred(u)
      {
        return (ids[0], ids[1])
      }
    }
    throw WorkspaceError("no inferred tie in the team exports")
  }

  func hasTie(_ workspacePath: String, _ a: String, _ b: String) throws -> Bool {
    let workspace = try Workspace.open(at: workspacePath, create: false)
    let g = try workspace.load(options: LoadOptions()).0.graph
    guard let pa = g.people.person(stableKey: "id:" + a) ?? resolve(g, a),
      let pb = g.people.person(stableKey: "id:" + b) ?? resolve(g, b)
    else { return false }
    return g.tieID(between: pa, and: pb) != nil
  }

  func resolve(_ g: Graph, _ reference: String) -> PersonID? {
    if case .person(let p) = g.people.resolve(reference) { return p }
    return nil
  }

  @Test func aRejectedInferredTieStaysRejectedAfterReimport() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let path = "\(tmp.path)/ws.sqlite"
    let ws = ["--workspace", path]
    let quiet = ["--output", "\(tmp.path)/import.txt"]
    #expect(run(["import"] + exports + quiet, ws) == 0)
    let edited = try editedExport(in: tmp)
    let (a, b) = try inferredTie(edited: edited)
    #expect(try hasTie(path, a, b))
    let before = try json(["stats"], ws, in: tmp, name: "before.json")
    #expect(run(["tie", a, b, "--reject"], ws) == 0)
    #expect(try !hasTie(path, a, b))
    let after = try json(["stats"], ws, in: tmp, name: "after.json")
    #expect((after["ties"] as? Int) == (before["ties"] as? Int).map { $0 - 1 })
    #expect((after["inferredTies"] as? Int) == (before["inferredTies"] as? Int).map { $0 - 1 })

    #expect(run(["import", edited] + quiet, ws) == 0)
    #expect(try !hasTie(path, a, b))
    // Undo brings it back.
    let list = try JSONSerialization.jsonObject(
      with: Data((answer(["corrections", "--format", "json"], ws, in: tmp, name: "c.json").1 ?? "").utf8))
    let object = try #require(list as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 1)
    let id = try #require((object["corrections"] as? [[String: Any]])?.first?["id"] as? Int)
    #expect(run(["corrections", "--undo", "\(id)"], ws) == 0)
    #expect(try hasTie(path, a, b))
    #expect(run(["corrections", "--undo", "\(id)"], ws) == 1)
  }

  @Test func aSameCorrectionMergesTheTwoRecordsInEveryCommand() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/ws.sqlite"]
    #expect(run(["import"] + exports + ["--output", "\(tmp.path)/import.txt"], ws) == 0)
    let stats = try json(["stats"], ws, in: tmp, name: "stats.json")
    let reach = try json(["reach"], ws, in: tmp, name: "reach.json")
    let (_, reachText) = answer(["reach"], ws, in: tmp, name: "reach.txt")
    let firstDegree = try #require(reach["firstDegree"] as? Int)
    // Two of Andriy Morozov's contacts, both in his export only.
    let a = "Oluwaseun Obi"
    let b = "Sofía Morales"
    #expect(run(["same", a, b], ws) == 0)

    let merged = try json(["stats"], ws, in: tmp, name: "stats2.json")
    #expect((merged["people"] as? Int) == (stats["people"] as? Int).map { $0 - 1 })
    let reach2 = try json(["reach"], ws, in: tmp, name: "reach2.json")
    #expect((reach2["firstDegree"] as? Int) == firstDegree - 1)
    let names = ((reach2["contacts"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
    #expect(names.filter { $0 == a || $0 == b }.count == 1)
    // Both names lead to the one person now: path and reach find the same one.
    let toA = try json(["path", "--to", a], ws, in: tmp, name: "pa.json")
    let kept = ((toA["paths"] as? [[String: Any]])?.first?["people"] as? [[String: Any]])?.last?["name"] as? String
    #expect(kept == a)
    var code: Int32 = -1
    let err = capturingStandardError { code = run(["path", "--to", b, "--output", "\(tmp.path)/pb.txt"], ws) }
    #expect(code == 1 && err.contains("is nobody in this network"))

    // Undo restores every answer byte for byte.
    #expect(run(["corrections", "--undo", "1"], ws) == 0)
    #expect(try json(["stats"], ws, in: tmp, name: "stats3.json") as NSDictionary == stats as NSDictionary)
    #expect(answer(["reach"], ws, in: tmp, name: "reach3.txt").1 == reachText)
  }

  /// People and ties in which "Ana" is a dormant contact of "Me" (last seen
  /// in 2021, the data's latest date 2026-10-01).
  func dormantFiles(_ tmp: TempFolder) -> [String] {
    [
      tmp.write(
        "people.csv", "id,name,company\n0,Me Owner,Home\n1,Ana Dormant,Acme\n2,Bo Recent,Beta\n3,Cy Far,Gamma\n"),
      tmp.write(
        "ties.csv",
        "source,target,strength,interactions,last_contact,since\n0,1,0.3,4,2021-01-10,2019-01-01\n"
          + "0,2,0.6,9,2026-10-01,2020-01-01\n1,3,0.5,3,2026-09-01,2024-01-01\n"),
    ]
  }

  @Test func aLoggedCoffeeMovesADormantTieBackAndIsNamedAsEvidence() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/ws.sqlite"]
    #expect(run(["import"] + dormantFiles(tmp) + ["--output", "\(tmp.path)/import.txt"], ws) == 0)
    #expect(run(["me", "Me Owner"], ws) == 0)
    func dormantCount(_ name: String) throws -> Int {
      (try json(["stats"], ws, in: tmp, name: name)["tieClasses"] as? [String: Int])?["dormant"] ?? 0
    }
    func dormantContacts(_ name: String) throws -> [String] {
      ((try json(["reach"], ws, in: tmp, name: name)["dormant"] as? [[String: Any]]) ?? []).compactMap {
        $0["name"] as? String
      }
    }
    #expect(try dormantCount("s0.json") == 1)
    #expect(try dormantContacts("r0.json") == ["Ana Dormant"])
    let (_, reachBefore) = answer(["reach"], ws, in: tmp, name: "r0.txt")
    let (_, pathBefore) = answer(["path", "--to", "Cy Far", "--any-first-hop"], ws, in: tmp, name: "p0.txt")

    #expect(
      run(["log", "Ana Dormant", "--kind", "met", "--date", "2026-10-01", "--note", "coffee, private words"], ws) == 0)
    #expect(try dormantCount("s1.json") == 0)
    let reach = try json(["reach"], ws, in: tmp, name: "r1.json")
    #expect(((reach["dormant"] as? [Any]) ?? [1]).isEmpty)
    let ana = ((reach["contacts"] as? [[String: Any]]) ?? []).first { $0["name"] as? String == "Ana Dormant" }
    #expect(ana?["logged"] as? String == "log #1")
    #expect(ana?["tieClass"] as? String != "dormant")
    let (_, reachText) = answer(["reach"], ws, in: tmp, name: "r1.txt")
    #expect(reachText?.contains("Ana Dormant (log #1") == true)
    let path = try json(["path", "--to", "Cy Far"], ws, in: tmp, name: "p1.json")
    let hop = ((path["paths"] as? [[String: Any]])?.first?["evidence"] as? [[String: Any]])?.first
    #expect(hop?["logged"] as? String == "log #1")
    #expect(hop?["lastContact"] as? String == "2026-10-01")
    let (_, pathText) = answer(["path", "--to", "Cy Far"], ws, in: tmp, name: "p1.txt")
    #expect(pathText?.contains("log #1") == true)
    // The note is shown by `log --list` only.
    #expect(reachText?.contains("private words") == false && pathText?.contains("private words") == false)
    let (_, list) = answer(["log", "--list", "Ana Dormant"], ws, in: tmp, name: "l.txt")
    #expect(list?.contains("coffee, private words") == true && list?.contains("#1") == true)

    // Undo restores the dormant tie and the answers as they were.
    #expect(run(["log", "--undo", "1"], ws) == 0)
    #expect(try dormantCount("s2.json") == 1)
    #expect(answer(["reach"], ws, in: tmp, name: "r2.txt").1 == reachBefore)
    #expect(answer(["path", "--to", "Cy Far", "--any-first-hop"], ws, in: tmp, name: "p2.txt").1 == pathBefore)
  }

  @Test func logDefaultsAndFollowUpAreKept() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let path = "\(tmp.path)/ws.sqlite"
    let ws = ["--workspace", path]
    #expect(run(["import"] + dormantFiles(tmp) + ["--output", "\(tmp.path)/import.txt"], ws) == 0)
    #expect(run(["me", "Me Owner"], ws) == 0)
    #expect(run(["log", "Ana Dormant", "--kind", "email", "--follow-up", "2026-12-24"], ws) == 0)
    #expect(run(["log", "Ana Dormant", "Bo Recent", "--kind", "intro", "--date", "2026-09-02"], ws) == 0)
    let entries = try Workspace.open(at: path, create: false).interactions()
    #expect(entries.map(\.kind) == ["intro", "email"])
    #expect(entries.map(\.direction) == ["both", "out"])
    #expect(entries[1].followUp == "2026-12-24")
    #expect(entries[0].people.count == 2)
    // The intro is evidence for the tie between the two people introduced.
    let g = try Workspace.open(at: path, create: false).load(options: LoadOptions()).0.graph
    let ana = try #require(resolve(g, "Ana Dormant"))
    let bo = try #require(resolve(g, "Bo Recent"))
    let t = try #require(g.tieID(between: ana, and: bo))
    #expect(g.ties.source(t) == "log #2")
  }

  @Test func usageErrorsAndUnknownPeople() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let path = "\(tmp.path)/ws.sqlite"
    let ws = ["--workspace", path]
    #expect(run(["import"] + dormantFiles(tmp) + ["--output", "\(tmp.path)/import.txt"], ws) == 0)
    #expect(run(["same", "Ana Dormant", "ana dormant"], ws) == 2)
    #expect(run(["different", "Ana Dormant", "1"], ws) == 2)
    #expect(run(["log", "Ana Dormant", "Bo Recent", "Cy Far", "--kind", "intro"], ws) == 2)
    #expect(run(["log", "Ana Dormant"], ws) == 2)
    #expect(run(["tie", "Ana Dormant", "Bo Recent", "--strength", "1.5"], ws) == 2)
    #expect(run(["tie", "Ana Dormant", "Bo Recent", "--reject", "--confirm"], ws) == 2)
    #expect(run(["set", "Ana Dormant"], ws) == 2)
    var code: Int32 = -1
    let err = capturingStandardError { code = run(["same", "Ana Dormnt", "Bo Recent"], ws) }
    #expect(code == 1 && err.contains("Did you mean") && err.contains("Ana Dormant"))
    // A stored key that names nobody is a note, never a failure.
    let workspace = try Workspace.open(at: path, create: false)
    try workspace.addCorrection(.tie("url:example.com/in/nobody", "id:1", .confirm))
    let note = capturingStandardError { code = run(["stats", "--output", "\(tmp.path)/s.txt"], ws) }
    #expect(code == 0)
    #expect(note.contains("names url:example.com/in/nobody, who is not in the network"))
  }

  @Test func setAndTieCorrectionsShowInTheAnswers() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/ws.sqlite"]
    #expect(run(["import"] + dormantFiles(tmp) + ["--output", "\(tmp.path)/import.txt"], ws) == 0)
    #expect(run(["set", "Bo Recent", "--company", "Northwind", "--tag", "mentor", "--tag", "hiring"], ws) == 0)
    #expect(run(["tie", "Bo Recent", "Cy Far", "--confirm", "--kind", "colleague", "--strength", "0.8"], ws) == 0)
    let path = try json(["path", "--from", "Bo Recent", "--to", "Cy Far"], ws, in: tmp, name: "p.json")
    let first = try #require((path["paths"] as? [[String: Any]])?.first)
    #expect((first["people"] as? [[String: Any]])?.first?["company"] as? String == "Northwind")
    let hop = (first["evidence"] as? [[String: Any]])?.first
    #expect(hop?["kind"] as? String == "colleague")
    #expect(abs((hop?["strength"] as? Double ?? 0) - 0.8) < 1e-6)
    let (_, table) = answer(["corrections"], ws, in: tmp, name: "c.txt")
    #expect(table?.contains("set Bo Recent: company=Northwind tags=mentor,hiring") == true)
    #expect(table?.contains("tie Bo Recent – Cy Far: strength 0.8") == true)
    let (_, csv) = answer(["corrections", "--format", "csv"], ws, in: tmp, name: "c.csv")
    #expect(csv?.split(separator: "\n").count == 5)
  }
}
