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
    #expect(LiaisonCommand.run(arguments: ["import"] + files + narrow + ws + ["--output", "\(tmp.path)/i.txt"]) == 0)
    let stats = ["stats", "--format", "json"]
    #expect(LiaisonCommand.run(arguments: stats + files + narrow + ["--output", "\(tmp.path)/narrow.json"]) == 0)
    #expect(LiaisonCommand.run(arguments: stats + files + ["--output", "\(tmp.path)/default.json"]) == 0)
    #expect(LiaisonCommand.run(arguments: stats + ws + ["--output", "\(tmp.path)/ws.json"]) == 0)
    // The limit changes the answer, and the workspace answers as it was imported.
    let a = TempFolder.read(path: "\(tmp.path)/narrow.json")
    #expect(a != nil && a != TempFolder.read(path: "\(tmp.path)/default.json"))
    #expect(TempFolder.read(path: "\(tmp.path)/ws.json") == a)
    // Also when rebuilt from the sources (a correction bumps the generation).
    _ = capturingStandardOutput {
      #expect(LiaisonCommand.run(arguments: ["set", "Mary Reed", "--tag", "me"] + ws) == 0)
      #expect(LiaisonCommand.run(arguments: ["corrections", "--undo", "1"] + ws) == 0)
    }
    #expect(LiaisonCommand.run(arguments: stats + ws + ["--output", "\(tmp.path)/ws2.json"]) == 0)
    #expect(TempFolder.read(path: "\(tmp.path)/ws2.json") == a)
  }
}
