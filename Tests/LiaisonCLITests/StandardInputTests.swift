import Foundation
import LiaisonTestSupport
import Testing

@testable import LiaisonCLI

/// `-` reads standard input: detection looks at the bytes without consuming
/// them, so every format reads from a pipe as it does from its file.
@Suite(.enabled(if: LiaisonExecutable.path != nil, "build the liaison executable first (swift build)"))
struct StandardInputTests {
  let root = SharedData.repositoryRoot()

  /// Runs `command` with /bin/sh, or on a terminal (`script`, which also shows
  /// standard error there); its exit status and standard output, `\r` removed.
  func shell(_ command: String, onTerminal: Bool = false) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: onTerminal ? "/usr/bin/script" : "/bin/sh")
    p.arguments = onTerminal ? ["-qec", command, "/dev/null"] : ["-c", command]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r", with: ""))
  }

  /// People and ties `stats` counts, from the file and from a pipe.
  func counts(_ file: String, piped: Bool) throws -> (Int, Int) {
    let binary = LiaisonExecutable.path!
    let command =
      piped
      ? "cat '\(file)' | '\(binary)' stats - --format json" : "'\(binary)' stats '\(file)' --format json"
    let run = try shell(command)
    #expect(run.status == 0, "\(command)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    return (json["people"] as? Int ?? -1, json["ties"] as? Int ?? -2)
  }

  @Test(arguments: [
    "datasets/network/ties.csv", "datasets/team/exports/mary-reed.csv", "datasets/team/mail/mary-reed.mbox",
    "Tests/GraphIOTests/Fixtures/synthetic_team.mbox", "edges.txt", "network.graphml",
  ])
  func everyFormatReadsFromAPipe(_ name: String) throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    var file = "\(root)/\(name)"
    if name == "edges.txt" {
      file = tmp.write(name, "# a SNAP edge list\n1 2\n2 3\n3 1\n3 4\n")
    } else if name == "network.graphml" {
      // An export of the team read back: GraphML through a pipe.
      file = "\(tmp.path)/network.graphml"
      let made = try LiaisonExecutable.run(["export", "\(root)/datasets/team/ties.csv", "--to", "graphml", "-o", file])
      #expect(made.status == 0, "\(made.stderr)")
    }
    let fromFile = try counts(file, piped: false)
    let fromPipe = try counts(file, piped: true)
    #expect(fromFile.0 > 0 && fromFile.1 > 0)
    #expect(fromPipe == fromFile, "\(name)")
  }

  @Test func exportWritesToStandardOutputWithoutOutput() throws {
    let run = try LiaisonExecutable.run(["export", "\(root)/datasets/network/ties.csv", "--to", "json"])
    #expect(run.status == 0 && run.stdout.hasPrefix("{") && run.stderr.contains("to standard output"), "\(run.stderr)")
    let csv = try LiaisonExecutable.run(["export", "\(root)/datasets/network/ties.csv", "--to", "csv"])
    #expect(csv.status == 2 && csv.stderr.contains("give -o PREFIX"), "\(csv.stderr)")
  }

  /// On a terminal (`script` gives one) with COLUMNS=80 the tables fit 80
  /// columns, names cut with "…"; piped, or with --wide, they stay whole.
  @Test func tablesFitTheTerminal() throws {
    guard access("/usr/bin/script", X_OK) == 0 else { return }
    let binary = LiaisonExecutable.path!
    let team = "'\(root)/datasets/team/people.csv' '\(root)/datasets/team/ties.csv'"
    func tableLines(_ arguments: String, terminal: Bool) throws -> [String] {
      let command = "COLUMNS=80 '\(binary)' introduce \(team) --ego 'Mary Reed' --top 10 \(arguments)"
      let lines = try shell(command, onTerminal: terminal).output.components(separatedBy: "\n")
      // The table: its header, the rule under it, its rows (up to the first blank line).
      guard let rule = lines.firstIndex(where: { $0.hasPrefix("──") }) else { return [] }
      return Array(lines[(rule - 1)...].prefix { !$0.isEmpty })
    }
    let fitted = try tableLines("", terminal: true)
    #expect(fitted.count == 12, "\(fitted)")
    for line in fitted { #expect(line.count <= 80, "\(line)") }
    #expect(fitted.contains { $0.contains("…") })
    let whole = try tableLines("--wide", terminal: true)
    #expect(whole.contains { $0.count > 80 } && !whole.contains { $0.contains("…") })
    #expect(try tableLines("", terminal: false) == whole, "piped: whole, as with --wide")
  }

  /// Every answer, not only its tables, fits an 80-column terminal: headings,
  /// notes and legends wrap, the brokers table takes its compact headers.
  @Test func answersFitEightyColumns() throws {
    guard access("/usr/bin/script", X_OK) == 0 else { return }
    let binary = LiaisonExecutable.path!
    let team = "'\(root)/datasets/team/people.csv' '\(root)/datasets/team/ties.csv'"
    let commands = [
      "reach \(team) --ego 'Mary Reed'", "introduce \(team) --ego 'Mary Reed' --top 10",
      "brokers \(team) --top 10", "brokers \(team) --top 10 --group-by company", "communities \(team)",
      "path \(team) --from 'Mary Reed' --to-company 'Globex Clinic'", "stats \(team)",
    ]
    // And at 40 columns, where the brokers table's numbers alone are wider: its lines are cut.
    let narrow = ["brokers \(team) --top 5 --group-by company"]
    for (command, width) in commands.map({ ($0, 80) }) + narrow.map({ ($0, 40) }) {
      let run = try shell("COLUMNS=\(width) '\(binary)' \(command) 2>/dev/null", onTerminal: true)
      #expect(run.status == 0, "\(command)")
      let lines = run.output.components(separatedBy: "\n")
      #expect(lines.count > 3, "\(command)")
      for line in lines where TextTable.displayWidth(line) > width {
        Issue.record("\(command): \(TextTable.displayWidth(line)) columns: \(line)")
      }
      if width == 40 {
        // The table's rows stay one line each (cut, not wrapped): rank 1 to 5 start five lines.
        #expect((1...5).allSatisfy { r in lines.contains { $0.hasPrefix("\(r)  ") } }, "\(lines)")
      }
    }
  }

  /// The progress line's text: the share done and the time left, in seconds,
  /// minutes or hours.
  @Test func progressLineSaysTheTimeLeft() {
    #expect(
      CountProgress.line(what: "betweenness", unit: "sources", done: 2_336, total: 100_000, elapsed: 41)
        == "betweenness: 2,336 of 100,000 sources (2 %), 41 s, about 28 min left")
    #expect(
      CountProgress.line(what: "b", unit: "s", done: 1, total: 2_000, elapsed: 10) == "b: 1 of 2,000 s (0 %), 10 s")
    // A batch's phases: no estimate before 2 % is done (the first file carries the phase's start-up).
    #expect(
      BatchProgress.line("reading 500 files", done: 1, total: 500, what: "read", elapsed: 0.7)
        == "reading 500 files: 1/500 read, 0 s")
    #expect(
      BatchProgress.line("reading 500 files", done: 129, total: 500, what: "read", elapsed: 1.2)
        == "reading 500 files: 129/500 read, 1 s, about 4 s left")
    #expect(CountProgress.duration(7_500) == "2 h 05 min")
    #expect(CountProgress.duration(119.2) == "2 min")
    #expect(CountProgress.duration(42) == "42 s")
  }

  /// `brokers` with exact betweenness on a network big enough to take a few
  /// seconds: a progress line with the time left on a terminal's standard
  /// error, nothing extra when standard error is a pipe. Heavy (LIAISON_HEAVY_TESTS).
  @Test func brokersShowProgressOnATerminalOnly() throws {
    guard getenv("LIAISON_HEAVY_TESTS") != nil, access("/usr/bin/script", X_OK) == 0 else { return }
    let binary = LiaisonExecutable.path!
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    #expect(try LiaisonExecutable.run(["generate", "--people", "5000", "--seed", "7", "--out", tmp.path]).status == 0)
    let inputs = "'\(tmp.path)/people.csv' '\(tmp.path)/ties.csv'"
    func run(_ command: String, terminal: Bool) throws -> String {
      let run = try shell(command, onTerminal: terminal)
      #expect(run.status == 0, "\(command)")
      return run.output
    }
    // On a terminal, standard error (sent to the terminal by `script`) shows the line; the answer goes to a file.
    let shown = try run("'\(binary)' brokers \(inputs) --top 3 --threads 1 -o '\(tmp.path)/a.txt'", terminal: true)
    #expect(shown.contains("betweenness: ") && shown.contains(" sources (") && shown.contains("left"), "\(shown)")
    // Piped, standard error holds nothing at all.
    let piped = try run(
      "'\(binary)' brokers \(inputs) --top 3 --threads 1 -o '\(tmp.path)/b.txt' 2>&1 >/dev/null", terminal: false)
    #expect(piped.isEmpty, "\(piped)")
    #expect(TempFolder.read(path: "\(tmp.path)/a.txt") == TempFolder.read(path: "\(tmp.path)/b.txt"))
  }
}
