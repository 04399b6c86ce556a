import Foundation
import LiaisonTestSupport
import Testing

@testable import LiaisonCLI

#if canImport(Glibc)
  import Glibc
#endif

/// What `body` writes to standard output (file descriptor 1), flushed.
func capturingStandardOutput(_ body: () -> Void) -> String {
  consoleLock.lock()
  defer { consoleLock.unlock() }
  let tmp = TempFolder()
  defer { tmp.cleanUp() }
  let path = "\(tmp.path)/stdout.txt"
  fflush(nil)
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  let saved = dup(1)
  dup2(fd, 1)
  body()
  fflush(nil)
  dup2(saved, 1)
  close(saved)
  close(fd)
  return TempFolder.read(path: path) ?? ""
}

/// A command's exit code, standard output and standard error.
func runCapturing(_ args: [String]) -> (code: Int32, out: String, err: String) {
  var code: Int32 = 0
  var out = ""
  let err = capturingStandardError {
    out = capturingStandardOutput { code = runCLI(arguments: args) }
  }
  return (code, out, err)
}

/// Count and noun agree in everything the commands say: no "1 contacts",
/// "1 hops", "1 people", "1 grey boxes" (one adjective allowed between), no
/// "at most 0 contacts reach".
enum CountWords {
  static let nouns = [
    "contacts", "hops", "people", "ties", "members", "companies", "pairs", "chains", "files", "communities", "rows",
    "columns", "values", "targets", "introductions", "brokers", "nodes", "edges", "boxes", "records", "components",
    "industries", "labels", "groups", "persons",
  ]
  static let mismatch = try! NSRegularExpression(
    pattern: "(?<![0-9.,])\\b1 (?:[a-z]+ )?(" + nouns.joined(separator: "|") + ")\\b"
      + "|\\b0 contacts reach|at most 0 contacts|\\b1 contact reach\\b")

  /// The mismatched phrases in `text`.
  static func problems(_ text: String) -> [String] {
    let ns = text as NSString
    return mismatch.matches(in: text, range: NSRange(location: 0, length: ns.length)).map {
      let r = $0.range
      let lo = max(0, r.location - 30)
      return ns.substring(with: NSRange(location: lo, length: min(ns.length - lo, r.length + 60)))
    }
  }
}

@Suite struct WordsTests {
  static let root = SharedData.repositoryRoot()
  static let team = ["\(root)/datasets/team/people.csv", "\(root)/datasets/team/ties.csv"]

  /// a–b–c in a line, plus an owner o whose contacts x and y know each other:
  /// every count is 1 somewhere.
  static func tinyNetwork(_ tmp: TempFolder) -> String {
    tmp.write("tiny.csv", "source,target\na,b\nb,c\no,x\no,y\nx,y\n")
  }

  @Test func mismatchPatternCatchesTheReportedPhrases() {
    for bad in [
      "These 1 contacts open", "at most 1 contact reach 80 %", "at most 1 hops", "1 grey boxes", "1 people",
      "at most 0 contacts reach 80 %",
    ] {
      #expect(!CountWords.problems(bad).isEmpty, "\(bad)")
    }
    for good in ["1 contact", "11 contacts", "2.1 people", "1,001 people", "1 hop"] {
      #expect(CountWords.problems(good).isEmpty, "\(good)")
    }
  }

  @Test func commandOutputsAgreeInNumber() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let tiny = Self.tinyNetwork(tmp)
    let runs: [[String]] = [
      ["stats"] + Self.team, ["reach"] + Self.team + ["--ego", "0"], ["brokers"] + Self.team,
      ["communities"] + Self.team, ["introduce"] + Self.team + ["--ego", "0"],
      ["path"] + Self.team + ["--from", "0", "--to-company", "Globex Clinic"],
      ["stats", tiny], ["reach", tiny, "--ego", "a"], ["reach", tiny, "--ego", "b"], ["reach", tiny, "--ego", "o"],
      ["reach", tiny, "--ego", "a", "--format", "json"], ["brokers", tiny], ["brokers", tiny, "--top", "1"],
      ["communities", tiny], ["introduce", tiny, "--ego", "b"], ["introduce", tiny],
      ["path", tiny, "--from", "a", "--to", "c"], ["path", tiny, "--from", "a", "--to", "c", "--max-hops", "1"],
      ["path", tiny, "--from", "a", "--to", "o", "--max-hops", "1"], ["path", tiny, "--from", "a", "--to", "zz"],
      ["reach", tiny, "--ego", "Medicci"],
    ]
    for args in runs {
      // The answer goes to a file: standard output also carries the test runner's own lines.
      let answer = "\(tmp.path)/answer.txt"
      let (_, _, err) = runCapturing(args + ["--output", answer])
      let out = TempFolder.read(path: answer) ?? ""
      let found = CountWords.problems(out + err)
      #expect(found.isEmpty, "\(args.dropFirst().joined(separator: " ")): \(found)")
    }
  }

  @Test func teamBatchAgreesInNumber() throws {
    let run = TeamBatch.first
    #expect(run.code == 0)
    for file in ["index.html", "summary.json"] + TeamBatch.files(run.folder).filter({ $0.hasSuffix(".txt") }) {
      let text = try #require(TempFolder.read(path: "\(run.folder)/\(file)"), "\(file)")
      #expect(CountWords.problems(text).isEmpty, "\(file): \(CountWords.problems(text))")
    }
  }

  /// The owner of an export knows everyone: nobody is two steps away, and
  /// the answer says so instead of "at most 0 contacts reach 80 %".
  @Test func reachWithNobodyTwoStepsAwaySaysSo() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let tiny = Self.tinyNetwork(tmp)
    let text = try #require(runText(["reach", tiny, "--ego", "o"]))
    #expect(text.contains("Nobody is two steps away"))
    #expect(!text.contains("at most 0"))
    let (_, json) = runJSON(["reach", tiny, "--ego", "o"])
    let notes = try #require(json?["notes"] as? [String])
    #expect(notes.contains { $0.contains("Nobody is two steps away") })
    #expect(!notes.contains { $0.contains("at most 0") })
  }

  @Test func reachTableExplainsItsColumns() throws {
    let text = try #require(runText(["reach"] + Self.team + ["--ego", "0"]))
    #expect(text.contains("job value:"))
    #expect(text.contains("only via them:"))
    #expect(text.contains("mutual contacts"))
  }

  /// The no-chain message is said once to the person at the terminal: in the
  /// table when the table goes there, on standard error when the answer is JSON
  /// (which keeps it as `noPath`) or goes to a file.
  @Test func noChainMessageIsPrintedOnce() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let tiny = Self.tinyNetwork(tmp)
    func said(_ text: String) -> Int { text.components(separatedBy: "No introduction chain").count - 1 }
    let args = ["path", tiny, "--from", "a", "--to", "c", "--max-hops", "1"]
    let (code, out, err) = runCapturing(args)
    #expect(code == 1)
    #expect(said(out) + said(err) == 1, "\(out)\(err)")
    let (_, jsonOut, jsonErr) = runCapturing(args + ["--format", "json"])
    #expect(said(jsonErr) == 1 && jsonOut.contains("noPath"), "\(jsonErr)")
    let (_, fileOut, fileErr) = runCapturing(args + ["--output", "\(tmp.path)/chain.txt"])
    // Standard output is captured process-wide: other tests running at the
    // same time may print there, so only this command's words are counted.
    #expect(said(fileOut) == 0 && said(fileErr) == 1, "\(fileErr)")
  }

  @Test func helpShowsTheSpellingsAccepted() {
    let help = IntroduceCommand.helpMessage(columns: 200)
    #expect(help.contains("adamic-adar"))
    #expect(!help.contains("adamicAdar"))
    let brokers = BrokersCommand.helpMessage(columns: 200)
    #expect(brokers.contains("effective-size") && !brokers.contains("effectiveSize"))
  }

  /// Out-of-range counts and resolutions are refused with the reason and the value given.
  @Test func outOfRangeValuesSayWhy() {
    let cases: [([String], String)] = [
      (
        ["reach"] + Self.team + ["--ego", "0", "--top", "-5"],
        "--top must be a positive number (at least 1); you gave -5"
      ),
      (
        ["reach"] + Self.team + ["--ego", "0", "--top", "0"], "--top must be a positive number (at least 1); you gave 0"
      ),
      (["communities"] + Self.team + ["--resolution", "-1"], "--resolution must be a positive number; you gave -1"),
      (["communities"] + Self.team + ["--resolution", "0"], "--resolution must be a positive number; you gave 0"),
      (["brokers"] + Self.team + ["--top", "-5"], "--top must be 0 (everyone) or more; you gave -5"),
      (["path"] + Self.team + ["--from", "0", "--to", "1", "--k", "0"], "--k must be a positive number (at least 1)"),
      (["reach"] + Self.team + ["--ego", "0", "--cover", "1.5"], "--cover must be in (0, 1]; you gave 1.5"),
    ]
    for (args, says) in cases {
      let (code, _, err) = runCapturing(args)
      #expect(code == 2, "\(args): exit \(code)")
      #expect(err.contains(says) && !err.contains("Missing value"), "\(args): \(err)")
    }
  }
}

/// Names as people type them: case and accents do not matter for any input
/// format, and a miss suggests the nearest names.
@Suite struct NameLookupCommandTests {
  static let families =
    "source,target\nMedici,Barbadori\nMedici,Albizzi\nStrozzi,Peruzzi\nAlbizzi,Guadagni\nStrozzi,Castellani\n"
    + "Medici,Ridolfi\nRidolfi,Strozzi\nMüller,Medici\n"

  @Test func edgeListIdsIgnoreCaseAndAccents() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let edges = tmp.write("families.csv", Self.families)
    for typed in ["medici", "MEDICI", "Medici", "muller", "MÜLLER"] {
      let (code, _) = runJSON(["reach", edges, "--ego", typed])
      #expect(code == 0, "\(typed)")
    }
  }

  @Test func aMissSuggestsTheNearestNamesAndExits1() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let edges = tmp.write("families.csv", Self.families)
    let (code, out, err) = runCapturing(["reach", edges, "--ego", "Medicci"])
    #expect(code == 1)
    #expect(out.isEmpty)
    #expect(err.contains("Did you mean:\n  Medici"), "\(err)")
    // The beginning of a name suggests it.
    let (prefixCode, _, prefixErr) = runCapturing(["reach", edges, "--ego", "Strozz"])
    #expect(prefixCode == 1)
    #expect(prefixErr.contains("Did you mean:\n  Strozzi"), "\(prefixErr)")
    // Nothing near: no suggestion list.
    let (_, _, far) = runCapturing(["reach", edges, "--ego", "Zzyzx Qwerty"])
    #expect(!far.contains("Did you mean"), "\(far)")
  }

  @Test func suggestionsShowTheCompany() throws {
    let root = SharedData.repositoryRoot()
    let team = ["\(root)/datasets/team/people.csv", "\(root)/datasets/team/ties.csv"]
    let (code, _, err) = runCapturing(["reach"] + team + ["--ego", "Ifeoma Nwosuu"])
    #expect(code == 1)
    #expect(err.contains("Did you mean:\n  Ifeoma Nwosu (Globex Clinic)"), "\(err)")
    let (companyCode, _, companyErr) = runCapturing(
      ["path"] + team + ["--from", "0", "--to-company", "Globx Clinic"])
    #expect(companyCode == 1)
    #expect(companyErr.contains("Did you mean:\n  Globex Clinic"), "\(companyErr)")
  }

  /// The Florentine families' marriages (Padgett): typed in lower case, and misspelt.
  @Test func florentineFamiliesAsTyped() throws {
    guard let file = SharedData.path("datasets/real/padgett-florentine/florentine_marital.csv") else {
      print("skipped: real-data file padgett-florentine/florentine_marital.csv is not present")
      return
    }
    let (ok, _, okErr) = runCapturing(["reach", file, "--ego", "medici"])
    #expect(ok == 0, "\(okErr)")
    let (code, _, err) = runCapturing(["reach", file, "--ego", "medicci"])
    #expect(code == 1)
    #expect(err.contains("Did you mean:\n  Medici"), "\(err)")
  }
}
