import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

/// A mailbox imported into the workspace is read again with the options it
/// was imported with, whatever the reading command is given.
@Suite struct WorkspaceMailTests {
  let team = "\(SharedData.repositoryRoot())/datasets/team"

  @Test func aMailboxKeepsTheOptionsItWasImportedWith() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let files = ["\(team)/people.csv", "\(team)/ties.csv", "\(team)/mail/mary-reed.mbox"]
    let ws = ["--workspace", "\(tmp.path)/ws/workspace.sqlite"]
    let narrow = ["--max-recipients", "2"]
    #expect(runCLI(arguments: ["import"] + files + narrow + ws + ["--output", "\(tmp.path)/i.txt"]) == 0)
    let stats = ["stats", "--format", "json"]
    #expect(runCLI(arguments: stats + files + narrow + ["--output", "\(tmp.path)/narrow.json"]) == 0)
    #expect(runCLI(arguments: stats + files + ["--output", "\(tmp.path)/default.json"]) == 0)
    #expect(runCLI(arguments: stats + ws + ["--output", "\(tmp.path)/ws.json"]) == 0)
    // The limit changes the answer, and the workspace answers as it was imported.
    let a = TempFolder.read(path: "\(tmp.path)/narrow.json")
    #expect(a != nil && a != TempFolder.read(path: "\(tmp.path)/default.json"))
    #expect(TempFolder.read(path: "\(tmp.path)/ws.json") == a)
    // Also when rebuilt from the sources (a correction bumps the generation).
    _ = capturingStandardOutput {
      #expect(runCLI(arguments: ["set", "Mary Reed", "--tag", "me"] + ws) == 0)
      #expect(runCLI(arguments: ["corrections", "--undo", "1"] + ws) == 0)
    }
    #expect(runCLI(arguments: stats + ws + ["--output", "\(tmp.path)/ws2.json"]) == 0)
    #expect(TempFolder.read(path: "\(tmp.path)/ws2.json") == a)
  }

  /// Mary's mailbox adds ties that exist nowhere else: her reach and her
  /// introductions change, and the reasons and chains name the mail.
  @Test func aMembersMailboxChangesTheAnswersAndTheReasonsNameIt() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let tables = ["\(team)/people.csv", "\(team)/ties.csv"]
    let mailbox = "\(team)/mail/mary-reed.mbox"
    func json(_ arguments: [String], _ name: String) throws -> [String: Any] {
      let out = "\(tmp.path)/\(name).json"
      #expect(runCLI(arguments: arguments + ["--format", "json", "--output", out]) == 0)
      let data = try Data(contentsOf: URL(fileURLWithPath: out))
      return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
    let reach = ["reach", "--ego", "Mary Reed"]
    let before = try json(reach + tables, "reach-before")
    let after = try json(reach + tables + [mailbox], "reach-after")
    #expect((after["firstDegree"] as? Int ?? 0) > (before["firstDegree"] as? Int ?? 0))

    let introduce = ["introduce", "--ego", "Mary Reed", "--top", "10"]
    func pairs(_ answer: [String: Any]) -> [[String: Any]] { answer["candidates"] as? [[String: Any]] ?? [] }
    let without = try json(introduce + tables, "introduce-before")
    let with = try json(introduce + tables + [mailbox], "introduce-after")
    let key = { (c: [String: Any]) in "\(c["a"] ?? "")-\(c["b"] ?? "")" }
    #expect(pairs(without).map(key) != pairs(with).map(key))
    let reasons = pairs(with).flatMap { $0["reasons"] as? [String] ?? [] }
    #expect(reasons.contains { $0.contains("you have been in touch with") && $0.contains("(mail: ") })
    #expect(!pairs(without).flatMap { $0["reasons"] as? [String] ?? [] }.contains { $0.contains("(mail: ") })

    // A tie known from ties.csv and from the mailbox names both.
    let path = try json(["path", "--from", "Mary Reed", "--to", "Ling He"] + tables + [mailbox], "path")
    let first = try #require((path["paths"] as? [[String: Any]])?.first?["evidence"] as? [[String: Any]])
    #expect(first.first?["kind"] as? String == "closure + mail")
    #expect(((path["paths"] as? [[String: Any]])?.first?["sentence"] as? String)?.contains("closure + mail") == true)
  }
}
