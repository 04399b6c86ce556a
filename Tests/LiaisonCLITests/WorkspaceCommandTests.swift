import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct WorkspaceCommandTests {
  let root = SharedData.repositoryRoot()
  var teamFiles: [String] {
    let team = "\(root)/datasets/team"
    return ["\(team)/people.csv", "\(team)/ties.csv"]
      + ["andriy-morozov", "daan-mulder", "karim-hamdan", "mary-reed"].map { "\(team)/exports/\($0).csv" }
  }

  /// Runs a command with `--output FILE`; returns its exit code and the file's bytes.
  func answer(_ args: [String], in tmp: TempFolder, name: String) -> (Int32, String?) {
    let out = "\(tmp.path)/\(name)"
    let code = runCLI(arguments: args + ["--output", out])
    return (code, TempFolder.read(path: out))
  }

  @Test func readingTheWorkspaceAnswersAsTheFilesDo() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/ws/workspace.sqlite"]
    #expect(runCLI(arguments: ["import"] + teamFiles + ws + ["--output", "\(tmp.path)/import.txt"]) == 0)
    for (i, command) in [
      ["reach", "--ego", "Mary Reed"], ["reach", "--ego", "Mary Reed", "--format", "json"],
      ["path", "--from", "Mary Reed", "--to-company", "Acme", "--format", "json"], ["stats", "--format", "json"],
      ["introduce", "--ego", "Daan Mulder"],
    ].enumerated() {
      let (a, fromFiles) = answer(command + teamFiles, in: tmp, name: "files-\(i)")
      let (b, fromWorkspace) = answer(command + ws, in: tmp, name: "workspace-\(i)")
      #expect(a == b)
      #expect(fromFiles != nil && fromFiles == fromWorkspace, "\(command)")
    }
    // Without --ego: the owner (of the first imported export).
    let (_, byOwner) = answer(["reach"] + ws, in: tmp, name: "owner")
    let (_, byName) = answer(["reach", "--ego", "Andriy Morozov"] + ws, in: tmp, name: "andriy")
    #expect(byOwner != nil && byOwner == byName)
    // `liaison me` changes it.
    #expect(runCLI(arguments: ["me", "Mary Reed"] + ws) == 0)
    let (_, mine) = answer(["reach"] + ws, in: tmp, name: "mine")
    let (_, mary) = answer(["reach", "--ego", "Mary Reed"] + teamFiles, in: tmp, name: "mary")
    #expect(mine == mary)
  }

  @Test func importingTheSameFileAgainSaysSo() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/workspace.sqlite"]
    let quiet = ["--output", "\(tmp.path)/out.txt"]
    #expect(runCLI(arguments: ["import"] + teamFiles.prefix(2) + ws + quiet) == 0)
    var code: Int32 = -1
    let err = capturingStandardError {
      code = runCLI(arguments: ["import", teamFiles[1]] + ws + quiet)
    }
    #expect(code == 0)
    #expect(err.contains("already imported on ") && err.contains("as import #2; nothing changed"))
  }

  @Test func readingWithoutAWorkspaceCreatesNothing() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let path = "\(tmp.path)/none/workspace.sqlite"
    for command in [["stats"], ["reach", "--ego", "x"], ["workspace", "info"], ["me"]] {
      var code: Int32 = -1
      let err = capturingStandardError { code = runCLI(arguments: command + ["--workspace", path]) }
      #expect(code == 1, "\(command)")
      #expect(err.contains("no workspace at \(path) — import files first: liaison import FILE…"))
    }
    #expect(access("\(tmp.path)/none", F_OK) != 0)
  }

  @Test func failedFirstImportLeavesNoWorkspace() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let bad = tmp.write("bad.csv", "")
    let path = "\(tmp.path)/workspace.sqlite"
    var code: Int32 = -1
    _ = capturingStandardError { code = runCLI(arguments: ["import", bad, "--workspace", path]) }
    #expect(code == 1)
    #expect(access(path, F_OK) != 0)
  }

  @Test func checkAndBackup() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/workspace.sqlite"]
    #expect(runCLI(arguments: ["import"] + teamFiles.prefix(2) + ws + ["--output", "\(tmp.path)/o"]) == 0)
    #expect(runCLI(arguments: ["workspace", "check"] + ws) == 0)
    #expect(runCLI(arguments: ["workspace", "backup", "\(tmp.path)/copy.sqlite"] + ws) == 0)
    var st = stat()
    #expect(stat("\(tmp.path)/copy.sqlite", &st) == 0 && st.st_mode & 0o777 == 0o600)
    let (_, a) = answer(["stats", "--format", "json"] + ws, in: tmp, name: "a")
    let (_, b) = answer(["stats", "--format", "json", "--workspace", "\(tmp.path)/copy.sqlite"], in: tmp, name: "b")
    #expect(a != nil && a == b)
  }
}

@Suite struct WorkspaceOwnerAndBatchTests {
  let team = "\(SharedData.repositoryRoot())/datasets/team"

  @Test func noOwnerIsExitOneWithWhatToDo() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/workspace.sqlite"]
    // Tables only: no contact export, so no owner.
    #expect(
      runCLI(
        arguments: ["import", "\(team)/people.csv", "\(team)/ties.csv", "--output", "\(tmp.path)/o"] + ws)
        == 0)
    var code: Int32 = -1
    let err = capturingStandardError {
      code = runCLI(arguments: ["reach", "--output", "\(tmp.path)/r"] + ws)
    }
    #expect(code == 1)
    #expect(err.contains("no owner") && err.contains("liaison me PERSON"))
    // Reading files, --ego is still required (a usage error).
    #expect(runCLI(arguments: ["reach", "\(team)/ties.csv"]) == 2)
  }

  @Test func batchReadsTheWorkspace() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/workspace.sqlite"]
    let files = ["\(team)/people.csv", "\(team)/ties.csv", "\(team)/exports/mary-reed.csv"]
    #expect(runCLI(arguments: ["import"] + files + ["--output", "\(tmp.path)/o"] + ws) == 0)
    #expect(
      runCLI(arguments: ["batch", "--out", "\(tmp.path)/report", "--quiet", "--no-pictures"] + ws) == 0)
    #expect(TempFolder.read(path: "\(tmp.path)/report/summary.json") != nil)
    // The temporary copies of the sources are gone.
    let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
    #expect(!left.contains { $0.contains(".sources-") })
  }

  @Test func aFileAcceptedOnImportIsNotJudgedAgain() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/workspace.sqlite"]
    let half = tmp.write("half.csv", "source,target,strength\na,b,0.5\nb,c,0\n")
    let out = ["--output", "\(tmp.path)/o"]
    _ = capturingStandardError {
      #expect(runCLI(arguments: ["import", half] + ws + out) == 1, "half the rows rejected: refused")
      #expect(runCLI(arguments: ["import", half, "--max-rejected", "50%"] + ws + out) == 0)
      #expect(runCLI(arguments: ["stats"] + ws + out) == 0, "read back under the default limit")
    }
    // An import reads the stored files with the new ones, under its own options: a stored
    // file that fails them is named by the path it was imported from.
    let more = tmp.write("more.csv", "source,target\nc,d\n")
    var code: Int32 = -1
    let err = capturingStandardError {
      code = runCLI(arguments: ["import", more, "--strict"] + ws + out)
    }
    #expect(code == 1)
    #expect(err.contains(half) && !err.contains(".sources-"), "\(err)")
  }
}
