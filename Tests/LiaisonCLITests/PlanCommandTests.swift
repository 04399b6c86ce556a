import Foundation
import LiaisonCLI
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `liaison plan` on the bundled team, as its owner would use it week after week.
@Suite struct PlanCommandTests {
  let team = "\(SharedData.repositoryRoot())/datasets/team"

  /// The words of a command line as a POSIX shell splits them (single quotes, `'\''`).
  static func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quoted = false
    var i = line.startIndex
    while i < line.endIndex {
      let ch = line[i]
      if quoted {
        if ch == "'" { quoted = false } else { current.append(ch) }
      } else if ch == "'" {
        quoted = true
        inWord = true
      } else if ch == "\\", line.index(after: i) < line.endIndex {
        i = line.index(after: i)
        current.append(line[i])
        inWord = true
      } else if ch == " " {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(ch)
        inWord = true
      }
      i = line.index(after: i)
    }
    if inWord { words.append(current) }
    return words
  }

  struct Plan: Decodable {
    struct Action: Decodable {
      var id: String
      var key: String
      var part: String
      var sentence: String
      var evidence: [String]
      var command: String
    }
    var actions: [Action]
    var candidates: [String: Int]
  }

  func workspace(_ tmp: TempFolder) -> [String] {
    let ws = ["--workspace", "\(tmp.path)/ws/workspace.sqlite"]
    let files =
      ["people.csv", "ties.csv", "mail/mary-reed.mbox"]
      + ["andriy-morozov", "daan-mulder", "karim-hamdan", "mary-reed"].map { "exports/\($0).csv" }
    #expect(
      runCLI(
        arguments: ["import"] + files.map { "\(team)/\($0)" } + ws + ["--output", "\(tmp.path)/import.txt"]) == 0)
    _ = capturingStandardOutput { #expect(runCLI(arguments: ["me", "Mary Reed"] + ws) == 0) }
    return ws
  }

  func plan(_ args: [String], _ ws: [String], _ file: String) throws -> Plan {
    var code: Int32 = -1
    let err = capturingStandardError {
      code = runCLI(arguments: ["plan", "--format", "json", "--output", file] + args + ws)
    }
    #expect(code == 0, "\(err)")
    return try JSONDecoder().decode(Plan.self, from: Data((TempFolder.read(path: file) ?? "").utf8))
  }

  @Test func aWeekOfActionsLoggedDoesNotComeBackTheNextWeek() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = workspace(tmp)
    let targets = tmp.write("targets.txt", "Helix Labs\nNorthwind Analytics\nQuantum Retail\n")
    let week1 = try plan(["--today", "2026-12-07", "--targets", targets], ws, "\(tmp.path)/w1.json")
    #expect(!week1.actions.isEmpty && week1.actions.count <= 10, "\(week1.actions.count)")
    #expect(Set(week1.actions.map(\.part)).count >= 2, "\(week1.actions.map(\.part))")
    for a in week1.actions {
      #expect(!a.evidence.isEmpty, "\(a.sentence)")
      #expect(a.command.hasPrefix("liaison log ") && a.command.contains("--date 2026-12-07"), "\(a.command)")
    }
    // The same day gives the same bytes.
    _ = try plan(["--today", "2026-12-07", "--targets", targets], ws, "\(tmp.path)/w1b.json")
    #expect(TempFolder.read(path: "\(tmp.path)/w1.json") == TempFolder.read(path: "\(tmp.path)/w1b.json"))
    // Do what it says.
    for a in week1.actions {
      let words = Self.shellWords(a.command)
      #expect(words.first == "liaison")
      var code: Int32 = -1
      let err = capturingStandardError {
        _ = capturingStandardOutput { code = runCLI(arguments: Array(words.dropFirst()) + ws) }
      }
      #expect(code == 0, "\(a.command): \(err)")
    }
    let week2 = try plan(["--today", "2026-12-14", "--targets", targets], ws, "\(tmp.path)/w2.json")
    let again = Set(week1.actions.map(\.key)).intersection(week2.actions.map(\.key))
    #expect(again.isEmpty, "\(again)")
    // A dismissed action is gone for good.
    if let first = week2.actions.first {
      _ = capturingStandardOutput {
        #expect(
          runCLI(
            arguments: ["plan", "--today", "2026-12-14", "--targets", targets, "--dismiss", first.id] + ws) == 0)
      }
      let after = try plan(["--today", "2026-12-14", "--targets", targets], ws, "\(tmp.path)/w2b.json")
      #expect(!after.actions.contains { $0.key == first.key })
    }
  }

  @Test func theCalendarHoldsOneToDoPerAction() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = workspace(tmp)
    let ics = "\(tmp.path)/plan.ics"
    let json = "\(tmp.path)/plan.json"
    let p = try plan(["--today", "2026-12-07", "--ics", ics], ws, json)
    let text = TempFolder.read(path: ics) ?? ""
    #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
    #expect(text.components(separatedBy: "BEGIN:VTODO").count - 1 == p.actions.count)
    for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
    // With Python's icalendar (LIAISON_PYTHON, set by .ci/run), the file parses and matches the plan.
    guard let python = getenv("LIAISON_PYTHON").map({ String(cString: $0) }) else { return }
    let script = "\(SharedData.repositoryRoot())/scripts/fixtures/check_plan_ics.py"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script, ics, json]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test func usageErrors() {
    var code: Int32 = -1
    let err = capturingStandardError {
      code = runCLI(arguments: ["plan", "--week", "2026-W60", "--workspace", "/nonexistent/w.sqlite"])
    }
    #expect(code == 2 && err.contains("is not an ISO week"), "\(err)")
  }
}

extension PlanCommandTests {
  @Test func cadenceRulesAreAllOrNothing() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ws = workspace(tmp)
    var code: Int32 = -1
    // "Kenji Suzuki" names two people: nothing is stored, the tag rule neither.
    let err = capturingStandardError {
      _ = capturingStandardOutput {
        code = runCLI(arguments: ["cadence", "--tag", "mentor=60d", "--person", "Kenji Suzuki=14d"] + ws)
      }
    }
    #expect(code == 1 && err.contains("matches 2 people"), "\(err)")
    let list = capturingStandardOutput {
      #expect(runCLI(arguments: ["cadence", "--list", "--format", "csv"] + ws) == 0)
    }
    #expect(!list.contains("mentor"), "\(list)")
    let set = capturingStandardOutput {
      #expect(runCLI(arguments: ["cadence", "--tag", "mentor=60d", "--person", "514=2w"] + ws) == 0)
    }
    #expect(
      set.contains("mentor (tag): every 60 days.") && set.contains("Kenji Suzuki (person): every 14 days."), "\(set)")
  }
}
