import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct WorkspaceExportTests {
  let team = "\(SharedData.repositoryRoot())/datasets/team"
  var files: [String] {
    (["people.csv", "ties.csv"]
      + ["andriy-morozov", "daan-mulder", "karim-hamdan", "mary-reed"].map { "exports/\($0).csv" })
      .map { "\(team)/\($0)" }
  }

  /// Every file under `dir`, relative path → bytes.
  func tree(_ dir: String) -> [String: Data] {
    var out: [String: Data] = [:]
    for case let name as String in FileManager.default.enumerator(atPath: dir)?.allObjects ?? [] {
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: "\(dir)/\(name)", isDirectory: &isDir), !isDir.boolValue {
        out[name] = FileManager.default.contents(atPath: "\(dir)/\(name)")
      }
    }
    return out
  }

  @Test func exportImportExportGivesTheSameFilesAndAnswers() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let one = ["--workspace", "\(tmp.path)/one/workspace.sqlite"]
    let two = ["--workspace", "\(tmp.path)/two/workspace.sqlite"]
    #expect(runCLI(arguments: ["import"] + files + one + ["--output", "\(tmp.path)/o.txt"]) == 0)
    _ = capturingStandardOutput {
      // Corrections and the log travel with the export.
      #expect(runCLI(arguments: ["me", "Mary Reed"] + one) == 0)
      #expect(runCLI(arguments: ["set", "Daan Mulder", "--tag", "mentor"] + one) == 0)
      #expect(
        runCLI(arguments: ["log", "Daan Mulder", "--kind", "met", "--date", "2026-10-01"] + one) == 0)
      #expect(runCLI(arguments: ["workspace", "export", "\(tmp.path)/e1"] + one) == 0)
      #expect(runCLI(arguments: ["workspace", "import", "\(tmp.path)/e1"] + two) == 0)
      #expect(runCLI(arguments: ["workspace", "export", "\(tmp.path)/e2"] + two) == 0)
    }
    let first = tree("\(tmp.path)/e1")
    #expect(first.keys.contains("person.csv") && first.keys.contains("tie.csv") && first.count > 12)
    #expect(first == tree("\(tmp.path)/e2"))
    #expect(String(decoding: first["person.csv"] ?? Data(), as: UTF8.self).hasPrefix("id,key,external_id,name,"))
    // Owner-only: folders 0700, files 0600.
    #expect(WorkspaceTestModes.mode("\(tmp.path)/e1") == 0o700)
    #expect(WorkspaceTestModes.mode("\(tmp.path)/e1/sources") == 0o700)
    for name in first.keys { #expect(WorkspaceTestModes.mode("\(tmp.path)/e1/\(name)") == 0o600, "\(name)") }
    for (i, command) in [
      ["reach", "--format", "json"], ["stats", "--format", "json"], ["introduce", "--ego", "Daan Mulder"],
      ["log", "--list"], ["corrections"],
    ]
    .enumerated() {
      #expect(runCLI(arguments: command + one + ["--output", "\(tmp.path)/a\(i)"]) == 0)
      #expect(runCLI(arguments: command + two + ["--output", "\(tmp.path)/b\(i)"]) == 0)
      #expect(TempFolder.read(path: "\(tmp.path)/a\(i)") == TempFolder.read(path: "\(tmp.path)/b\(i)"), "\(command)")
    }
    // An existing folder is not written into.
    var code: Int32 = -1
    var err = capturingStandardError {
      code = runCLI(arguments: ["workspace", "export", "\(tmp.path)/e1"] + one)
    }
    #expect(code == 1 && err.contains("already exists — choose a new folder"))
    // A damaged export is refused with the file and line, and leaves no workspace.
    let bad = "\(tmp.path)/e1/tie.csv"
    let text = TempFolder.read(path: bad) ?? ""
    _ = tmp.write("e1/tie.csv", text + "1,2\r\n")
    let three = "\(tmp.path)/three/workspace.sqlite"
    err = capturingStandardError {
      code = runCLI(arguments: ["workspace", "import", "\(tmp.path)/e1", "--workspace", three])
    }
    #expect(code == 1)
    #expect(err.contains("tie.csv, line ") && err.contains("2 fields, the header has 14"), "\(err)")
    #expect(access(three, F_OK) != 0)
  }
}
