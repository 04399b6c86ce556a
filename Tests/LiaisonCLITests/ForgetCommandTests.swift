import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct ForgetCommandTests {
  let team = "\(SharedData.repositoryRoot())/datasets/team"
  var files: [String] {
    ["people.csv", "ties.csv"]
      + ["andriy-morozov", "daan-mulder", "karim-hamdan", "mary-reed"].map { "exports/\($0).csv" }
  }
  // Björn Lehmann: id 134 in people.csv (the only one of that name), in members' exports by profile URL.
  let name = "Björn Lehmann"
  let email = "bjorn.lehmann@vantagefinancial.com"
  let url = "linkedin.com/in/bjorn-lehmann-14cec3b5"

  func bytes(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return Array(data)
  }

  func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
    let n = Array(needle.utf8)
    guard n.count <= haystack.count else { return false }
    for i in 0...(haystack.count - n.count) where haystack[i] == n[0] {
      if Array(haystack[i..<(i + n.count)]) == n { return true }
    }
    return false
  }

  /// The team files without his rows, written by hand: what the workspace should answer as after forget.
  func filteredCopies(_ tmp: TempFolder) -> [String] {
    files.map { file in
      let text = TempFolder.read(path: "\(team)/\(file)") ?? ""
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if file == "people.csv" {
        lines.removeAll { $0.hasPrefix("134,") }
      } else if file == "ties.csv" {
        lines.removeAll { $0.hasPrefix("134,") || $0.split(separator: ",").dropFirst().first == "134" }
      } else {
        lines.removeAll { $0.contains(url) || $0.contains(email) }
      }
      return tmp.write("filtered/\(file)", lines.joined(separator: "\n"))
    }
  }

  @Test func forgetRemovesEveryTraceAndLeavesOthersAnswers() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let db = "\(tmp.path)/ws/workspace.sqlite"
    let ws = ["--workspace", db]
    let quiet = ["--output", "\(tmp.path)/import.txt"]
    #expect(runCLI(arguments: ["import"] + files.map { "\(team)/\($0)" } + ws + quiet) == 0)
    #expect(contains(bytes(db) + bytes(db + "-wal"), email))
    // A correction and a log entry naming him go with him.
    _ = capturingStandardOutput {
      #expect(runCLI(arguments: ["set", name, "--tag", "climbing"] + ws) == 0)
      #expect(runCLI(arguments: ["log", name, "--kind", "met", "--date", "2026-10-01"] + ws) == 0)
    }

    // Without --yes: what would go, exit 2, nothing changed.
    var out = ""
    let before = bytes(db) + bytes(db + "-wal")
    _ = capturingStandardError {
      out = capturingStandardOutput { #expect(runCLI(arguments: ["forget", name] + ws) == 2) }
    }
    #expect(out.contains("Would forget Björn Lehmann (134, url:\(url)):"), "\(out)")
    #expect(out.contains("from \(team)/people.csv"))
    #expect(bytes(db) + bytes(db + "-wal") == before)

    var code: Int32 = -1
    let err = capturingStandardError {
      out = capturingStandardOutput { code = runCLI(arguments: ["forget", name, "--yes"] + ws) }
    }
    #expect(code == 0, "\(err)")
    #expect(out.contains("Forgot Björn Lehmann"))
    #expect(runCLI(arguments: ["workspace", "backup", "\(tmp.path)/after.sqlite"] + ws) == 0)
    for file in [db, db + "-wal", db + "-shm", db + ".graph", "\(tmp.path)/after.sqlite"] {
      let b = bytes(file)
      for needle in [name, email, url, "Lehmann"] {
        let found = contains(b, needle)
        #expect(!found, "\(file) still holds \(needle)")
      }
    }
    #expect(WorkspaceTestModes.mode("\(tmp.path)/after.sqlite") == 0o600)
    #expect(WorkspaceTestModes.mode(db) == 0o600)

    // Everyone else's answers are those of the files without his rows.
    let filtered = filteredCopies(tmp)
    for (i, command) in [
      ["reach", "--ego", "Mary Reed", "--format", "json"], ["introduce", "--ego", "Daan Mulder"],
      ["path", "--from", "Mary Reed", "--to-company", "Acme", "--format", "json"],
    ].enumerated() {
      let a = "\(tmp.path)/files-\(i)"
      let b = "\(tmp.path)/ws-\(i)"
      #expect(runCLI(arguments: command + filtered + ["--output", a]) == 0)
      #expect(runCLI(arguments: command + ws + ["--output", b]) == 0)
      #expect(TempFolder.read(path: a) != nil && TempFolder.read(path: a) == TempFolder.read(path: b), "\(command)")
    }
    let left = capturingStandardOutput {
      #expect(runCLI(arguments: ["corrections"] + ws) == 0)
      #expect(runCLI(arguments: ["log", "--list"] + ws) == 0)
    }
    #expect(!left.contains("climbing") && !left.contains("Lehmann") && !left.contains(url), "\(left)")
    // He is nobody now.
    _ = capturingStandardError { #expect(runCLI(arguments: ["forget", name] + ws) == 1) }
  }

  @Test func theOwnerIsNotForgotten() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = ["--workspace", "\(tmp.path)/workspace.sqlite"]
    #expect(
      runCLI(
        arguments: ["import"] + files.map { "\(team)/\($0)" } + ws + ["--output", "\(tmp.path)/o.txt"]) == 0)
    var code: Int32 = -1
    let err = capturingStandardError {
      code = runCLI(arguments: ["forget", "Andriy Morozov", "--yes"] + ws)
    }
    #expect(code == 1)
    #expect(err.contains("is the workspace's owner — set another owner first"), "\(err)")
  }
}

enum WorkspaceTestModes {
  static func mode(_ path: String) -> Int? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return Int(st.st_mode) & 0o7777
  }
}
